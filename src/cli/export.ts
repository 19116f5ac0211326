import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { plain } from '../engine';
import type { Finding } from '../engine';
import { parseCommandArgs } from './args';
import { FilePath, filePath, openForms, scoredForms, writeOutput } from './files';
import { CliError, CliIo, fsReason } from './io';
import { removeOnInterrupt } from './interrupt';
import { holdsMacros, macrosNotKept } from './macros';
import { convertToPdf, requireSoffice } from './pdf';
import { schemeArgument, workbookSchemeOf } from './schemeFiles';
import { terminalLine } from './terminal';

/**
 * `jixiao export FILE.xlsx [-o OUT.xlsx|DIR] [--scheme ID|FILE] [--pdf] [--force]`: the 报送版 of a filled (or
 * scored) workbook, scored with --scheme, else with the scheme the file carries, else the one its names show.
 */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'export',
    args,
    {
      output: { type: 'string', short: 'o' },
      pdf: { type: 'boolean' },
      force: { type: 'boolean' },
      scheme: { type: 'string' },
    },
    true,
  );
  if (positionals.length === 0) throw new CliError('export 需要一个工作簿文件（jixiao export FILE.xlsx -o OUT.xlsx）；用 jixiao export --help 查看用法');
  if (positionals.length > 1) throw new CliError(`export 只接受一个工作簿文件，多了“${positionals[1]}”`);
  const file = filePath(io, positionals[0], 'FILE');
  const given = values.scheme === undefined ? undefined : schemeArgument(values.scheme, io.cwd);
  const target = await outputTarget(io, values.output ?? '.');
  // before reading anything: without LibreOffice nothing is written at all
  const soffice = values.pdf ? requireSoffice(io.env ?? process.env) : undefined;

  const workbook = await openForms(file);
  const scheme = await workbookSchemeOf(workbook, given, file, (line) => io.stderr(`jixiao: 提示：${line}\n`));
  const forms = await scoredForms(workbook, scheme, file);

  const { buildSubmission, buildFormsSubmission } = await import('../workbook/export');
  const allowErrors = !!values.force;
  const result = scheme.targets
    ? await buildFormsSubmission(scheme, forms.map((f) => ({ sheet: f.sheet, values: f.values, evaluation: f.evaluation })), { allowErrors })
    : await buildSubmission(scheme, { values: forms[0].values, evaluation: forms[0].evaluation }, { allowErrors });
  if (result.kind === 'blocked') {
    io.stderr(
      `jixiao: 有${result.blocking.length}处错误，未生成报送版；请改正后重新导出，或加 --force 导出注明“本表尚未完成”的报送版：\n` +
        listFindings(result.blocking),
    );
    return 1;
  }

  const out: FilePath =
    'dir' in target
      ? { shown: path.join(target.dir.shown, result.fileName), path: path.join(target.dir.path, result.fileName) }
      : target.file;
  if (await samePath(out.path, file.path)) {
    throw new CliError(`输出文件不能是原文件“${file.shown}”：报送版只保留数值并全部锁定，请写入另一个文件`);
  }
  const pdfOut: FilePath | undefined = soffice
    ? { shown: out.shown.replace(/\.xlsx$/i, '') + '.pdf', path: out.path.replace(/\.xlsx$/i, '') + '.pdf' }
    : undefined;

  // the PDF is made before anything is written, and written first: a failure leaves no half of the pair
  const pdf = soffice ? await convertToPdf(soffice, result.bytes) : undefined;
  if (pdf && pdfOut) await writeOutput(pdfOut, pdf);
  // until the .xlsx is in place, the PDF goes again on a failure or an interrupt
  const keepPdf = pdfOut ? removeOnInterrupt(pdfOut.path) : () => undefined;
  try {
    await writeOutput(out, result.bytes);
  } catch (err) {
    if (pdfOut) await fs.rm(pdfOut.path, { force: true }).catch(() => undefined);
    throw err;
  } finally {
    keepPdf();
  }

  if (forms.length === 1) {
    const e = forms[0].evaluation;
    const grade = e.grade ?? '未完成';
    io.stdout(scheme.targets ? `已生成报送版：${out.shown}（总分 ${plain(e.total)} 分，等级：${grade}）\n` : `已生成报送版：${out.shown}（评价总分 ${plain(e.total)} 分，自我评价结论：${grade}）\n`);
  } else {
    io.stdout(`已生成报送版：${out.shown}（${forms.length}个项目）\n`);
    for (const f of forms) io.stdout(terminalLine(`  工作表“${f.sheet}”：总分 ${plain(f.evaluation.total)} 分，等级：${f.evaluation.grade ?? '未完成'}`) + '\n');
  }
  if (pdfOut) io.stdout(`已生成 PDF：${pdfOut.shown}\n`);
  // the 报送版 is always .xlsx, values only: an .xlsm's macros are never in it, and the officer is told so
  if (holdsMacros(file)) io.stdout(macrosNotKept(out.shown));
  const warnings = forms.reduce((n, f) => n + f.evaluation.issues.filter((i) => i.severity === 'warning').length, 0);
  if (warnings && !result.incomplete) io.stdout(`另有${warnings}条提示请核对（jixiao score ${quote(file.shown)} 可查看）\n`);
  if (result.incomplete) {
    const where = scheme.targets ? '评分状态栏' : '基本情况表顶部';
    io.stderr(`jixiao: 报送版尚未完成：有${result.errors.length}处错误，已在${where}和每页页眉注明：\n` + listFindings(result.errors));
    return 1;
  }
  return 0;
}

function listFindings(findings: Finding[]): string {
  return findings.map((f) => `  - ${terminalLine(f.message)}\n`).join('');
}

/**
 * Where -o points: a folder (an existing one, or any path ending in a separator, "." or "..") takes the
 * standard file name; anything else is the .xlsx file to write.
 */
async function outputTarget(io: CliIo, given: string): Promise<{ dir: FilePath } | { file: FilePath }> {
  const p = filePath(io, given, '-o');
  const looksLikeDir = /[\\/]$/.test(given) || /(^|[\\/])\.\.?$/.test(given);
  let isDir = false;
  try {
    isDir = (await fs.stat(p.path)).isDirectory();
  } catch (err) {
    if (looksLikeDir) throw new CliError(`无法写入“${given}”：${fsReason(err)}`);
  }
  if (isDir) return { dir: { shown: given === '.' ? '' : given, path: p.path } };
  if (looksLikeDir) throw new CliError(`无法写入“${given}”：这不是一个文件夹`);
  if (!/\.xlsx$/i.test(p.path)) throw new CliError(`输出文件“${given}”应以 .xlsx 结尾（或是一个已有的文件夹）`);
  return { file: p };
}

/** The same file, also through a link or a case-insensitive file system. */
async function samePath(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino && sa.ino !== 0;
  } catch {
    return false;
  }
}

function quote(arg: string): string {
  return /^[\w./\\:\u4e00-\u9fff-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '\\"')}"`;
}
