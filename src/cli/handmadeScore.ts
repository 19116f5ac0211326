/**
 * `jixiao score` on a hand-made file (a standard table typed by an officer, not made with the product): what it
 * read (the form, its rows, the stated total and grade), what it found (claims, self_score_mismatch,
 * total_mismatch, grade_mismatch …) and the rescoring; with --json kind "handmade" and each form's fields as
 * `jixiao check` lists them.
 */
import { getScheme, plain } from '../engine';
import { Decimal } from '../engine/decimal';
import type { Finding, Scheme } from '../engine';
import { documentKind, handmadeOfDocx, handmadeOfXlsx, type HandmadeForm, type HandmadeReport } from '../import';
import type { RowCheck } from '../import';
import { XlsxPackage } from '../workbook/package';
import { documentOf } from './import';
import { conversionOf } from './convert';
import { openForms, readable, readBytes, type FilePath } from './files';
import { DEFAULT_LIMITS } from '../workbook/package/limits';
import { isResultsSheet } from '../workbook/outputs';
import { isSchemeSheet } from '../workbook/schemeCells';
import { isSyncSheet } from '../workbook/syncStore';
import { cannotRead, type CliIo } from './io';
import { jsonForTerminal, terminalLine } from './terminal';

/** The report of a hand-made file (read directly or through LibreOffice); exit 2 when it cannot be read. */
export async function handmadeReportOf(file: FilePath, io: CliIo): Promise<HandmadeReport> {
  const { bytes, kind } = await documentOf(file, io);
  return readable(file, () => (kind === 'docx' ? handmadeOfDocx(bytes) : handmadeOfXlsx(XlsxPackage.open(bytes))));
}

/** The JSON of a hand-made file: kind "handmade", its forms as the review lists them, with their rows. */
export function handmadeJson(file: string, report: HandmadeReport): object {
  return {
    file,
    kind: 'handmade',
    forms: report.forms.map((f) => ({
      scheme: f.scheme,
      dept: f.dept,
      project: f.project,
      year: f.year,
      total: f.total,
      grade: f.grade,
      shown: f.shown,
      verdict: f.verdict,
      issues: f.issues,
      rows: f.rows,
      execution: f.execution,
    })),
    unplaced: report.unplaced,
    truncated: report.truncated,
  };
}

/** Prints a hand-made file's report; exit 1 when a finding is an error, 2 when it holds no standard table. */
export async function scoreHandmade(file: FilePath, report: HandmadeReport, json: boolean, io: CliIo): Promise<number> {
  if (!report.forms.length) {
    const why = report.unplaced.slice(0, 3).map((u) => `${u.grid}：${u.reason}`).join('；');
    throw cannotRead(file.shown, `不是本工具生成的工作簿，也没有找到标准表格（评分表、绩效自评表、基础数据表或综合评价报告表）${why ? `：${why}` : ''}`);
  }
  if (json) io.stdout(jsonForTerminal(JSON.stringify(handmadeJson(file.shown, report), null, 2)) + '\n');
  else io.stdout(handmadeText(file.shown, report));
  return report.forms.some((f) => f.issues.some((i) => i.severity === 'error')) ? 1 : 0;
}

const VERDICT = { pass: '通过', verify: '需核对', fix: '需修改' } as const;
const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;

const num = (n: number | null) => (n === null ? '—' : plain(new Decimal(n)));

/** The readable report: per form what was read, each row as written and as recomputed, the findings, the verdict. */
export function handmadeText(fileName: string, report: HandmadeReport): string {
  const lines: string[] = [`手工填写的表格：${fileName}（不是本工具生成的工作簿，按表中所写核对并重新计算）`];
  const n = report.forms.length;
  report.forms.forEach((f, k) => {
    lines.push('');
    lines.push(`${n > 1 ? `【${k + 1}/${n}】` : ''}${formTitle(f)}`);
    lines.push(`  取自：${f.tables.map((t) => t.range).join('，')}`);
    lines.push(`  读到：${readSummary(f)}`);
    if (f.rows.length) {
      lines.push('  各行得分（所写 → 重新计算）：');
      for (const r of f.rows) lines.push(`    ${rowLine(r)}`);
    }
    if (f.execution) lines.push(`  预算执行率：${rowLine(f.execution)}`);
    if (f.evaluation) lines.push(`  按规则评分：总分 ${num(f.evaluation.total)} 分${f.evaluation.grade ? `，等级：${f.evaluation.grade}` : '（有行未能计算，见上）'}`);
    lines.push(`  重新计算：总分 ${num(f.total)} 分，等级：${f.grade ?? '—'}（表中写：总分 ${num(f.shown.total)}，等级 ${f.shown.grade ?? '—'}）`);
    lines.push(f.issues.length ? `  发现的问题（${f.issues.length}）：` : '  发现的问题：无');
    for (const i of f.issues) lines.push(`    ${issueLine(i)}`);
    lines.push(`  结论：${VERDICT[f.verdict]}（${f.verdict}）`);
  });
  if (report.unplaced.length) {
    lines.push('');
    lines.push('未识别为标准表格的部分：');
    for (const u of report.unplaced) lines.push(`  ${u.range || u.grid}：${u.reason}`);
  }
  if (report.truncated.length) lines.push(`读取上限所截断的表：${report.truncated.join('、')}`);
  return lines.map(terminalLine).join('\n') + '\n';
}

function formTitle(f: HandmadeForm): string {
  const scheme = getScheme(f.scheme);
  const who = [f.dept, f.project, f.year ? `${f.year}年度` : null].filter(Boolean).join(' · ');
  return `${scheme.title}（${f.scheme}）${who ? `：${who}` : ''}`;
}

function readSummary(f: HandmadeForm): string {
  const parts: string[] = [];
  if (f.rows.length) parts.push(`${f.rows.length}行指标`);
  const funds = (['in_fund_initial', 'in_fund_full', 'in_fund_spent'] as const)
    .filter((name) => f.inputs[name] !== undefined)
    .map((name) => `${getScheme(f.scheme).input(name).label.replace(/^年度资金总额：/, '')} ${String(f.inputs[name])}`);
  if (funds.length) parts.push(`资金：${funds.join('，')}`);
  const stated = Object.keys(f.inputs).filter((k) => k !== 'in_indicators' && !k.startsWith('in_fund') && k !== 'in_year' && k !== 'in_unit').length;
  if (f.scheme === 'dept-2013' && stated) parts.push(`计算过程中写明的输入${stated}项`);
  parts.push(`所写总分 ${num(f.shown.total)}`);
  parts.push(`等级 ${f.shown.grade ?? '（未写）'}`);
  return parts.join('；');
}

function rowLine(r: RowCheck): string {
  const mark = r.typed !== null && r.computed !== null && !new Decimal(r.typed).eq(r.computed) ? '  ✗' : '';
  const weight = r.weight === null ? '' : ` 分值${num(r.weight)}`;
  return `${r.name}（${r.cell}）${weight}：${num(r.typed)} → ${num(r.computed)}${mark}${r.text ? `  ${r.text}` : ''}`;
}

function issueLine(i: Finding): string {
  return `[${SEVERITY[i.severity]}] ${i.code}：${i.message}`;
}

/**
 * FILE's hand-made report when `score` takes it as hand-made: a Word or legacy/other office file, or an .xlsx
 * holding no scheme's names but a standard table. Null otherwise: a workbook of ours, or an .xlsx with neither
 * (the workbook path says why it is not one).
 */
export async function handmadeFileReport(file: FilePath, schemes: Scheme[], io: CliIo): Promise<HandmadeReport | null> {
  // a workbook is told by its content, not its name: an .xlsx saved as .xls is scored as the workbook it is
  const zip = isZip(await readBytes(file, DEFAULT_LIMITS.maxFileBytes));
  if (documentKind(file.path) === 'docx') return handmadeReportOf(file, io);
  if (conversionOf(file.path) && !zip) {
    // an old .xls (or .et …) with no standard table in it goes on to the workbook path, which says what it is
    const converted = await handmadeReportOf(file, io);
    return converted.forms.length ? converted : null;
  }
  if (documentKind(file.path) !== 'xlsx' && !zip) return null;
  const workbook = await openForms(file);
  if ((await readable(file, () => workbook.detect(schemes))) !== null) return null;
  // one of ours whose names were lost is not a hand-made table: the workbook path says what is missing
  if (workbook.pkg.sheets.some((s) => isResultsSheet(s.name) || isSchemeSheet(s.name) || isSyncSheet(s.name))) return null;
  const report = await handmadeReportOf(file, io);
  return report.forms.length ? report : null;
}

/** A zip archive (an .xlsx or .docx whatever its name says). */
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
