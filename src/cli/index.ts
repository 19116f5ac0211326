/** What scripts (demo, bench) and tests use from the CLI without spawning it. */
export { run } from './run';
export type { CliIo } from './io';
export { CliError } from './io';
export { scoreWorkbookFile, scoreInputs, scoreInputsFile } from './score';
export type { Scored } from './score';
export { filePath, templateBytes, openWorkbook, writeOutput } from './files';
export type { FilePath } from './files';
export { atomicWrite } from './atomicWrite';
export { renderTable } from './table';
export { displayWidth } from './displayWidth';
