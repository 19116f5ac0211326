/**
 * The Office.js adapter: the open Excel workbook behind the same interface as the exceljs adapter
 * (WorkbookAdapter), plus the task pane's live session (PaneSession).
 */
export { OfficeSession } from './session';
export type { OfficeSessionOptions } from './session';
export { OfficeWorkbook } from './workbook';
export { resyncOnFocus } from './focus';
export type { FocusOptions } from './focus';
export { capabilities, requirementMessage, hostProblem, describeHost, markAutoShow, autoOpenSetting, setAutoOpenSetting, AUTO_OPEN_SETTING, REQUIRED } from './host';
export type { Capabilities, Feature, Requirements } from './host';
export { classifyChange, Debouncer, globalTimer } from './changes';
export type { Binding, ChangeEvent, ChangeVerdict, Timer } from './changes';
export { parseBox, parseAreas, intersects, namesTouched, splitSheet, qualify, topLeft } from './a1';
export type { Box } from './a1';
export { excelRun, cellEditSafeRunner } from './run';
export type { Runner, RunnerOptions, ExcelHost } from './run';
export { OfficeError, officeErrorText, reasonOf, errorCode } from './messages';
export type { OfficeErrorCode } from './messages';
export { openAsNewWorkbook, newWorkbookProblem, toBase64, blobLink, NEW_WORKBOOK_API } from './export';
export type { DownloadLink, OpenedCopy, OpenOptions, WorkbookOpener } from './export';
