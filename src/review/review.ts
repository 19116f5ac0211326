/**
 * One file reviewed, from its bytes alone: identified (a workbook of ours — working file or 报送版 —, a hand-made
 * standard table, not ours, or unreadable and why), every form read and rescored, what the file shows and its sync
 * record compared with the recomputation, a verdict per form. Pure over bytes: nothing is ever written, and the
 * same code runs in the command's worker threads and in the page's Web Worker.
 */
import { getScheme, resolvedScheme, schemeIds, toJson, type Finding, type Scheme } from '../engine';
import { documentKind, handmadeOf, type HandmadeForm } from '../import';
import { FormsFile, formsValues, type ScoredForm } from '../workbook/forms';
import { PackageError } from '../workbook/package';
import { schemeMismatch as carriedMismatch, schemeOfWorkbook } from '../workbook/package/embeddedScheme';
import { RESULTS_SHEET } from '../workbook/outputs';
import { canonical, changedSince, fingerprint, type SyncRecord } from '../workbook/sync';
import { compareShown } from './shown';
import type { FileResult, FormKeys, ReviewedForm, ReviewIssue, ReviewOptions } from './types';
import { verdictOf } from './verdict';

/** The schemes a file is recognised by: --scheme first (it may be a region's version of a shipped one), then the shipped ones. */
export function reviewSchemes(given?: Scheme): Scheme[] {
  const shipped = schemeIds().map((id) => getScheme(id));
  return given ? [given, ...shipped.filter((s) => s.id !== given.id)] : shipped;
}

export function issueOf(f: Finding): ReviewIssue {
  return { severity: f.severity, code: f.code, message: f.message, cells: f.cells ?? [] };
}

/** Unit and project names compare without spaces (全角 too): 示例县 政务服务中心 is 示例县政务服务中心. */
export function identityKey(text: unknown): string | null {
  if (typeof text !== 'string' && typeof text !== 'number') return null;
  const t = String(text).replace(/[\s\u3000]+/g, '');
  return t === '' ? null : t;
}

/** The fingerprint of a form's inputs without its identity, or null when nothing but the identity is filled. */
function inputsKey(scheme: string, values: Record<string, unknown>, identity: string[]): string | null {
  const rest: Record<string, never> = {};
  let any = false;
  for (const [k, v] of Object.entries(values)) {
    if (identity.includes(k)) continue;
    (rest as Record<string, unknown>)[k] = v;
    if (canonical(v as never) !== '') any = true;
  }
  return any ? fingerprint(scheme, '', rest) : null;
}

const unreadable = (file: string, reason: string): FileResult => ({ review: { file, status: 'unreadable', reason, forms: [] }, keys: [] });

/** The file types read only through LibreOffice (the command converts them first; the page cannot). */
const CONVERTED = /\.(xls|doc|et|wps|ods|dps)$/i;

/**
 * Reviews one file. `file` is its name as reported (a path relative to the folder reviewed); the kind of a
 * non-.xlsx file is told by its extension, or by `format` for a file converted to .xlsx/.docx first. Never throws for a bad file: it is listed as unreadable with why.
 */
export function reviewFile(bytes: Uint8Array, file: string, options: ReviewOptions = {}, format?: 'xlsx' | 'docx'): FileResult {
  try {
    if (!format && CONVERTED.test(file)) return unreadable(file, '此类文件需先用 LibreOffice 转换（命令行 jixiao check 在安装了 LibreOffice 时自动转换），或在 WPS/Excel 中另存为 .xlsx');
    const docx = (format ?? documentKind(file)) === 'docx';
    if (docx) return handmadeResult(file, bytes, options, 'docx');
    const book = FormsFile.open(bytes, options.limits);
    // --scheme is the rule the bureau reviews by; otherwise a region's workbook is rescored by the scheme it
    // carries (the same total on any machine), and a workbook carrying none by the shipped scheme of its names
    const given = options.scheme ? book.detect([options.scheme]) : null;
    const scheme = given ?? schemeOfWorkbook(book.pkg, reviewSchemes(options.scheme)).scheme;
    if (!scheme) return handmadeResult(file, bytes, options, 'xlsx');
    return oursResult(file, book, scheme, options);
  } catch (err) {
    if (err instanceof PackageError) return unreadable(file, err.message);
    return unreadable(file, `无法读取：${(err as Error)?.message ?? String(err)}`);
  }
}

function oursResult(file: string, book: FormsFile, scheme: Scheme, options: ReviewOptions): FileResult {
  const pkg = book.pkg;
  const forms = book.score(scheme);
  if (!forms.length) return { review: { file, status: 'not_ours', reason: `含有${scheme.title}的名称，但找不到任何一张表`, forms: [] }, keys: [] };
  // the 报送版 has no results sheet: each output name is the visible cell that shows it
  const submission = !pkg.sheet(RESULTS_SHEET);
  const record = book.readSyncRecord();
  const formSheets = forms.map((f) => f.sheet).filter((s): s is string => s !== null);
  const mismatch = schemeMismatch(pkg, scheme, options);
  const reviewed: ReviewedForm[] = [];
  const keys: FormKeys[] = [];
  for (const form of forms) {
    const e = form.evaluation;
    const shown = compareShown(pkg, scheme, form.sheet, formSheets, e, submission);
    const issues: ReviewIssue[] = [...e.issues.map(issueOf), ...shown.issues];
    const unsynced = unsyncedIssue(scheme, form, record);
    if (unsynced) issues.push(unsynced);
    const year = yearIssue(scheme, form, e.year, options.year);
    if (year) issues.push(year);
    if (mismatch) issues.push(mismatch);
    const project = scheme.identity.project ? (e.project ?? textOf(form.values[scheme.identity.project])) : null;
    const dept = e.dept ?? textOf(form.values[scheme.identity.dept]);
    const json = toJson(e);
    reviewed.push({
      scheme: scheme.id,
      dept,
      project,
      year: e.year,
      total: json.total,
      grade: e.grade,
      shown: { total: shown.total, grade: shown.grade },
      verdict: verdictOf(issues),
      issues,
    });
    const identity = Object.values(scheme.identity).filter((n): n is string => !!n);
    keys.push({
      sheet: form.sheet,
      unit: identityKey(dept),
      project: identityKey(project),
      inputs: inputsKey(scheme.id, form.values, identity),
      unitCell: cellOf(form, scheme.identity.dept),
    });
  }
  return { review: { file, status: 'reviewed', kind: submission ? 'submission' : 'working', forms: reviewed }, keys };
}

const textOf = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

function cellOf(form: ScoredForm, input: string): string | null {
  const c = form.cells?.[input];
  return c ? `${c.sheet}!${c.address}` : null;
}

/** `unsynced` (info): the inputs changed since the file's last sync record (edited offline, never synced since). */
function unsyncedIssue(scheme: Scheme, form: ScoredForm, record: SyncRecord | null): ReviewIssue | null {
  if (!record) return null;
  const values = formsValues([form]);
  const changed = changedSince(record, values);
  if (!changed.length) return null;
  const local = (k: string) => (form.sheet !== null && k.startsWith(`${form.sheet}!`) ? k.slice(form.sheet.length + 1) : k);
  const label = (k: string) => {
    const name = local(k);
    return scheme.inputs.find((i) => i.name === name)?.label ?? scheme.tables.find((t) => t.name === name)?.label ?? name;
  };
  const named = changed.slice(0, 3).map(label).join('、');
  const cells = changed
    .map((k) => form.cells?.[local(k)])
    .filter((c): c is NonNullable<typeof c> => !!c)
    .map((c) => `${c.sheet}!${c.address}`);
  return {
    severity: 'info',
    code: 'unsynced',
    message: `上次同步（${record.syncedAt.slice(0, 10)}）后修改了 ${changed.length} 项输入（${named}${changed.length > 3 ? ' 等' : ''}）`,
    cells,
  };
}

/** `year_mismatch` (warning): the form's year is not the one reviewed (--year). */
function yearIssue(scheme: Scheme, form: ScoredForm, year: number | null, wanted: number | undefined): ReviewIssue | null {
  if (wanted === undefined || year === wanted) return null;
  const cell = cellOf(form, scheme.identity.year);
  return {
    severity: 'warning',
    code: 'year_mismatch',
    message: year === null ? `未填写评价年度，审核的是 ${wanted} 年度` : `评价年度为 ${year}，审核的是 ${wanted} 年度`,
    cells: cell ? [cell] : [],
  };
}

/**
 * `scheme_mismatch` (warning): with --scheme, a file made with another scheme, another version of it or an altered
 * copy — as the scheme the file carries says, else as its sync record says, else by the names it was recognised by.
 */
function schemeMismatch(pkg: FormsFile['pkg'], scheme: Scheme, options: ReviewOptions): ReviewIssue | null {
  const given = options.scheme;
  if (!given) return null;
  const expected = resolvedScheme(given);
  const found = expected ? carriedMismatch(pkg, expected) : null;
  if (found) return issueOf(found);
  if (scheme.id !== given.id) return { severity: 'warning', code: 'scheme_mismatch', message: `本文件按评分方案 ${scheme.id}（${scheme.title}）制作，不是指定的 ${given.id}`, cells: [] };
  return null;
}

/** A hand-made file: its standard tables as forms, or not ours when it holds none. */
function handmadeResult(file: string, bytes: Uint8Array, options: ReviewOptions, format: 'xlsx' | 'docx'): FileResult {
  const report = handmadeOf(bytes, `file.${format}`, options.limits);
  if (!report.forms.length) {
    const reason = format === 'docx' ? 'Word 文档中没有可识别的标准表格' : '工作簿中没有本工具的评分方案，也没有可识别的标准表格';
    return { review: { file, status: 'not_ours', reason, forms: [] }, keys: [] };
  }
  const forms = report.forms.map((f) => handmadeForm(f, options));
  return {
    review: { file, status: 'reviewed', kind: 'handmade', forms: forms.map((f) => f.form) },
    keys: forms.map((f) => f.keys),
  };
}

function handmadeForm(f: HandmadeForm, options: ReviewOptions): { form: ReviewedForm; keys: FormKeys } {
  const issues = f.issues.map(issueOf);
  if (options.year !== undefined && f.year !== null && f.year !== options.year) {
    issues.push({ severity: 'warning', code: 'year_mismatch', message: `评价年度为 ${f.year}，审核的是 ${options.year} 年度`, cells: [] });
  }
  if (options.scheme && f.scheme !== options.scheme.id) {
    issues.push({ severity: 'warning', code: 'scheme_mismatch', message: `本表为 ${getScheme(f.scheme).title}（${f.scheme}），不是指定的 ${options.scheme.id}`, cells: [] });
  }
  const identity = Object.values(getScheme(f.scheme).identity).filter((n): n is string => !!n);
  return {
    form: {
      scheme: f.scheme,
      dept: f.dept,
      project: f.project,
      year: f.year,
      total: f.total,
      grade: f.grade,
      shown: f.shown,
      verdict: verdictOf(issues),
      issues,
    },
    keys: {
      sheet: null,
      unit: identityKey(f.dept),
      project: identityKey(f.project),
      inputs: inputsKey(f.scheme, f.inputs, identity),
      unitCell: f.cells[getScheme(f.scheme).identity.dept] ?? null,
    },
  };
}
