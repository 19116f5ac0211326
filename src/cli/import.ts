import * as path from 'node:path';
import { documentKind } from '../import';
import { ImportError, importLines, importWorkbook } from '../import/workbook';
import { DEFAULT_LIMITS } from '../workbook/package';
import { parseCommandArgs } from './args';
import { conversionOf, convertWithLibreOffice } from './convert';
import { filePath, readable, readBytes, writeOutput, type FilePath } from './files';
import { CliError, CliIo } from './io';
import { schemeArgument } from './schemeFiles';
import { terminalLine } from './terminal';

/**
 * `jixiao import FILE -o OUT.xlsx [--scheme ID|FILE] [--next-year]`: a hand-made table (.xlsx, .docx; .xls, .doc,
 * .et, .wps, .ods through LibreOffice) made into a workbook of its scheme, filled with what it states; what stays
 * blank is listed. Exit 0 written; 2 a wrong call, or a file holding nothing that can be placed (nothing written).
 */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'import',
    args,
    {
      output: { type: 'string', short: 'o' },
      scheme: { type: 'string' },
      'next-year': { type: 'boolean' },
    },
    true,
  );
  if (!positionals.length) throw new CliError('import 需要一个手工填写的表格文件（jixiao import FILE -o OUT.xlsx）；用 jixiao import --help 查看用法');
  if (positionals.length > 1) throw new CliError(`import 只接受一个文件，多了“${positionals[1]}”`);
  if (values.output === undefined) throw new CliError('import 需要 -o OUT.xlsx（要写入的工作簿）；用 jixiao import --help 查看用法');
  const file = filePath(io, positionals[0], 'FILE');
  const out = filePath(io, values.output, '-o');
  if (!/\.xlsx$/i.test(out.path)) throw new CliError(`输出文件“${out.shown}”应以 .xlsx 结尾`);
  // the hand-made file is the officer's original: never written over
  if (path.resolve(out.path) === path.resolve(file.path)) throw new CliError(`-o 不能是要导入的文件本身（“${file.shown}”）；请另取一个文件名`);
  const resolved = values.scheme === undefined ? undefined : schemeArgument(values.scheme, io.cwd);

  const { bytes, kind } = await documentOf(file, io);
  const made = await readable(file, async () => {
    try {
      return await importWorkbook(bytes, file.shown, { kind, scheme: resolved?.scheme, schemeBase: resolved?.base?.id, nextYear: values['next-year'] === true });
    } catch (err) {
      if (err instanceof ImportError) throw new CliError(err.message);
      throw err;
    }
  });
  await writeOutput(out, made.bytes);
  for (const line of importLines(made.report, out.shown)) io.stdout(`${terminalLine(line)}\n`);
  if (made.report.forms.some((f) => f.handmadeIssues) && !made.report.nextYear) io.stdout(`\n原表的核对结果：jixiao score ${quoteArg(file.shown)}\n`);
  io.stdout(`查看评分：jixiao score ${quoteArg(out.shown)}\n`);
  return 0;
}

/** The file's bytes as .xlsx or .docx: read directly, or converted by LibreOffice (.xls, .doc, .et, .wps, .ods). */
export async function documentOf(file: FilePath, io: CliIo): Promise<{ bytes: Uint8Array; kind: 'xlsx' | 'docx' }> {
  const bytes = await readBytes(file, DEFAULT_LIMITS.maxFileBytes);
  const kind = documentKind(file.path);
  if (kind) return { bytes, kind };
  if (!conversionOf(file.path)) {
    const ext = path.extname(file.path);
    throw new CliError(`无法读取“${file.shown}”：不支持${ext ? ` ${ext} ` : '没有扩展名的'}文件（可读取 .xlsx、.docx，经 LibreOffice 可读取 .xls、.et、.ods、.doc、.wps）`);
  }
  return convertWithLibreOffice(file.shown, bytes, io.env ?? process.env);
}

/** A path as it can be pasted back into a shell. */
function quoteArg(arg: string): string {
  return /^[\w./\\:\u4e00-\u9fff-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '\\"')}"`;
}
