/**
 * The forms of a workbook file, read and written through the package layer: one form for a scheme whose names
 * are workbook-wide (dept-2013, dept-2020), one per sheet for a scheme with a form per sheet (project-2020: each
 * project sheet holds its own, sheet-scoped names). A table input is read as rows from its named range, however
 * many rows the officer inserted or deleted; its column outputs (score_rows, text_rows) are written row by row
 * into theirs. Plain data in and out, so that the standalone page can run this in a worker.
 */
import type { CellRef, Finding, RawValue, SchemeInput, SchemeTable } from '../../engine';
import { formulaKey, resultOf, surveyRowResult, type FormulaResult, type FormulaSources } from '../formulaResults';
import { missingName } from '../names';
import type { SyncRecord } from '../sync';
import { encodeSyncRecord, SYNC_MAX_CELLS, SYNC_SHEET } from '../syncStore';
import { heightFor, linesFor } from '../template/geometry';
import { BODY_SIZE } from '../template/styles';
import type { Derive } from '../template/types';
import type { OutputValue, WorkbookInputs } from '../types';
import type { NameEdit } from './definedNames';
import { PackageError } from './errors';
import { asPackageError, type CellValue, type NamedRange, type SheetInfo, type XlsxPackage } from './package';
import { patchPackage, type CellWrite, type SheetWrites } from './patch';
import { cellAddress, type Area } from './refs';

/** What the package layer needs of a scheme to find and read its forms (plain data: it crosses to a worker). */
export interface FormsSpec {
  id: string;
  /** workbook: one form, workbook-wide names; sheet: one form per sheet holding its own names */
  formScope?: 'workbook' | 'sheet';
  inputs: readonly SchemeInput[];
  tables?: readonly SchemeTable[];
}

/** One form as read: its sheet (null for a workbook-wide form), its inputs as typed, where each is, what is wrong. */
export interface FormRead extends WorkbookInputs {
  sheet: string | null;
}

type Located = { sheet: SheetInfo; range: NamedRange } | { problem: Finding };

/** Where an input (or table) of a form lives, or the finding for a name that cannot be followed. */
export function locate(pkg: XlsxPackage, input: { name: string; label: string; kind: string }, scope?: string): Located {
  const range = pkg.name(input.name, scope);
  // a grid that is not there at all: the workbook was made without 满意度调查, the tally fields stand in
  if (!range) return { problem: missingName(input.name, input.label, input.kind === 'survey' ? 'info' : 'error') };
  const sheet = pkg.sheet(range.sheet);
  if (!sheet) {
    const why = range.sheet === '#REF' ? '指向的工作表已被删除' : `指向不存在的工作表“${range.sheet}”`;
    return { problem: missingName(input.name, input.label, 'error', why) };
  }
  return { sheet, range };
}

/** The answer grid: the named area, or rows × questions from its top-left cell when the name is a single cell. */
export function gridOf(range: Area, input: SchemeInput): Area {
  if (range.right > range.left || range.bottom > range.top) return range;
  return { ...range, right: range.left + (input.questions ?? 1) - 1, bottom: range.top + (input.rows ?? 1) - 1 };
}

const namesOf = (spec: Omit<FormsSpec, 'id'>) => [...spec.inputs, ...(spec.tables ?? [])].map((i) => i.name);

/**
 * The sheets holding a form each, in the workbook's order: those that hold a sheet-scoped definition of any of
 * the scheme's input names (a project sheet renamed, moved or copied by the officer is still one). For a scheme
 * with workbook-wide names, [null].
 */
export function formSheetsOf(pkg: XlsxPackage, spec: FormsSpec): (string | null)[] {
  if (spec.formScope !== 'sheet') return [null];
  const found = new Set<number>();
  for (const name of namesOf(spec)) for (const s of pkg.scopesOf(name)) found.add(s.index);
  return [...found].sort((a, b) => a - b).map((i) => pkg.sheets[i].name);
}

/** The scheme whose input names the workbook defines (at least half of them, in the scheme's scope), or null. */
export function detectFormsScheme<T extends Omit<FormsSpec, 'id'>>(pkg: XlsxPackage, specs: readonly T[]): T | null {
  let best: { spec: T; share: number } | null = null;
  for (const spec of specs) {
    const names = namesOf(spec);
    const has = spec.formScope === 'sheet' ? (n: string) => pkg.scopesOf(n).length > 0 : (n: string) => pkg.name(n) !== null;
    const share = names.filter(has).length / names.length;
    if (share >= 0.5 && (!best || share > best.share)) best = { spec, share };
  }
  return best?.spec ?? null;
}

/** Every form of the workbook, with its inputs; a table input as rows in field order. */
export function readForms(pkg: XlsxPackage, spec: FormsSpec): FormRead[] {
  return formSheetsOf(pkg, spec).map((sheet) => readForm(pkg, spec, sheet));
}

/** One form's inputs: through the names of its sheet (`sheet`), or the workbook's (null). */
export function readForm(pkg: XlsxPackage, spec: FormsSpec, sheet: string | null): FormRead {
  const scope = sheet ?? undefined;
  const values: Record<string, RawValue> = {};
  const cells: Record<string, CellRef> = {};
  const problems: Finding[] = [];
  for (const input of spec.inputs) {
    const found = locate(pkg, input, scope);
    if ('problem' in found) {
      problems.push(found.problem);
      continue;
    }
    const { sheet: at, range } = found;
    cells[input.name] = { sheet: at.name, address: cellAddress(range.left, range.top) };
    values[input.name] =
      input.kind === 'survey'
        ? pkg.readArea(at, gridOf(range, input)).map((row) => row.map((v) => v as RawValue))
        : // a rate typed into a cell formatted as a percentage holds 0.95: the engine reads what the officer sees
          pkg.readCell(at, range.top, range.left, input.kind === 'text');
  }
  for (const table of spec.tables ?? []) {
    const found = locate(pkg, { ...table, kind: 'table' }, scope);
    if ('problem' in found) {
      problems.push(found.problem);
      continue;
    }
    const { sheet: at, range } = found;
    cells[table.name] = { sheet: at.name, address: cellAddress(range.left, range.top) };
    values[table.name] = readTable(pkg, at, range, table, problems);
  }
  return { sheet, values, cells, problems };
}

/**
 * A table's rows, each in field order: text fields as shown (a number formatted as a percentage is the text the
 * officer sees, 95%), number fields as held. An area narrower than the fields is read as far as it goes, and said.
 */
function readTable(pkg: XlsxPackage, sheet: SheetInfo, range: Area, table: SchemeTable, problems: Finding[]): RawValue[][] {
  const F = table.fields.length;
  const width = range.right - range.left + 1;
  if (width < F) {
    problems.push({
      severity: 'error',
      code: 'missing_name',
      message: `${table.label}（名称 ${table.name}，${sheet.name}!${cellAddress(range.left, range.top)}）只有${width}列，应为${F}列（${table.fields.map((f) => f.label).join('、')}）：缺少的列按空白计`,
      inputs: [table.name],
      cells: [],
    });
  }
  const area = { ...range, right: range.left + Math.min(width, F) - 1 };
  const shown = pkg.readArea(sheet, area, true);
  const held = table.fields.some((f) => f.kind !== 'text') ? pkg.readArea(sheet, area) : shown;
  return shown.map((row, r) => table.fields.map((f, k) => (k < row.length ? ((f.kind === 'text' ? row[k] : held[r][k]) as RawValue) : null)));
}

/**
 * The first output name of a form that points into one of its inputs' cells, as the message that refuses to
 * write: outputs are never written over what the officer filled in.
 */
export function formOutputConflict(pkg: XlsxPackage, spec: FormsSpec, outputs: Iterable<string>, sheet: string | null = null): string | null {
  const scope = sheet ?? undefined;
  const areas: { sheet: SheetInfo; area: Area }[] = [];
  for (const input of spec.inputs) {
    const found = locate(pkg, input, scope);
    if (!('problem' in found)) areas.push({ sheet: found.sheet, area: input.kind === 'survey' ? gridOf(found.range, input) : found.range });
  }
  for (const table of spec.tables ?? []) {
    const found = locate(pkg, { ...table, kind: 'table' }, scope);
    if (!('problem' in found)) areas.push({ sheet: found.sheet, area: found.range });
  }
  for (const name of outputs) {
    const range = pkg.name(name, scope);
    const at = range && pkg.sheet(range.sheet);
    if (!range || !at) continue;
    const hit = areas.find(({ sheet: s, area: a }) => s === at && range.top <= a.bottom && range.bottom >= a.top && range.left <= a.right && range.right >= a.left);
    if (hit) return `输出名称 ${name} 指向输入单元格 ${at.name}!${cellAddress(Math.max(range.left, hit.area.left), Math.max(range.top, hit.area.top))}，为保护已填写的数据，未写入任何结果`;
  }
  return null;
}

/** What is written into one form: typed inputs, its single-cell outputs, its column outputs row by row. */
export interface FormWrite {
  /** the form's sheet (its names are that sheet's own); null for the workbook-wide form */
  sheet: string | null;
  /** inputs to write: a survey grid or a table as rows (a table's rows in field order, or records by field name) */
  fills: Record<string, RawValue>;
  /** single-cell outputs by name (on the results sheet); an output whose name is gone is not recreated */
  outputs: [string, OutputValue][];
  /** column outputs (score_rows, text_rows): the value of each row of the table, from its first row */
  rows: [string, OutputValue[]][];
}

/** Everything a write-back of a workbook's forms changes, as plain data. */
export interface FormsWriteBack {
  spec: FormsSpec;
  forms: FormWrite[];
  /** outputs whose text grows its row (and the rows of the formulas showing them) */
  textNames: string[];
  /** the template's formulas (without "=") and what each shows */
  derivations: [string, Derive][];
  /** the sync record to keep in jixiao_sync (created very hidden when absent); null leaves it */
  sync: SyncRecord | null;
  /** defined names to set or remove as well (a new template's sheet-scoped names) */
  names?: NameEdit[];
}

/** The package with the forms' write-back applied, as the bytes of the new file. Throws PackageError. */
export function writeForms(pkg: XlsxPackage, w: FormsWriteBack): Uint8Array {
  try {
    return writeFormsNow(pkg, w);
  } catch (err) {
    throw asPackageError(err);
  }
}

function writeFormsNow(pkg: XlsxPackage, w: FormsWriteBack): Uint8Array {
  pkg.renewBudget();
  for (const form of w.forms) {
    const conflict = formOutputConflict(pkg, w.spec, [...form.outputs.map(([n]) => n), ...form.rows.map(([n]) => n)], form.sheet);
    if (conflict) throw new PackageError('refused-write', conflict);
  }
  const writes = new Map<SheetInfo, CellWrite[]>();
  const write = (sheet: SheetInfo, c: CellWrite) => {
    const list = writes.get(sheet);
    if (list) list.push(c);
    else writes.set(sheet, [c]);
  };
  /** what each name holds after the write-back, by scope, for the formulas that show it */
  const now = new Map<string, RawValue>();
  const keyOf = (name: string, scope: string | null) => `${(scope ?? '').toLowerCase()}\u0000${name.toLowerCase()}`;
  let surveyRows: RawValue[][] | undefined;
  const survey = w.spec.inputs.find((i) => i.kind === 'survey');
  const textNames = new Set(w.textNames.map((n) => n.toLowerCase()));

  for (const form of w.forms) {
    const scope = form.sheet ?? undefined;
    for (const [name, value] of Object.entries(form.fills)) {
      const table = w.spec.tables?.find((t) => t.name === name);
      if (table) {
        writeTable(pkg, table, value, scope, write);
        continue;
      }
      const input = w.spec.inputs.find((i) => i.name === name);
      const found = input && locate(pkg, input, scope);
      if (!input || !found || 'problem' in found) continue;
      const { sheet, range } = found;
      if (input.kind !== 'survey') {
        if (Array.isArray(value)) continue;
        write(sheet, { row: range.top, col: range.left, value: cellValue(value) });
        now.set(keyOf(name, form.sheet), value ?? null);
        continue;
      }
      const rows = writeGrid(gridOf(range, input), value, (c) => write(sheet, c));
      if (input === survey && form.sheet === null) surveyRows = rows;
    }
    for (const [name, value] of form.outputs) {
      const range = pkg.name(name, scope);
      const sheet = range && pkg.sheet(range.sheet);
      if (!range || !sheet || !sheet.part) continue;
      write(sheet, { row: range.top, col: range.left, value, fit: textNames.has(name.toLowerCase()) });
      now.set(keyOf(name, form.sheet), value);
    }
    for (const [name, values] of form.rows) {
      const range = pkg.name(name, scope);
      const sheet = range && pkg.sheet(range.sheet);
      if (!range || !sheet || !sheet.part) continue;
      const fit = textNames.has(name.toLowerCase());
      const height = range.bottom - range.top + 1;
      for (let r = 0; r < height; r++) write(sheet, { row: range.top + r, col: range.left, value: r < values.length ? values[r] : null, fit });
    }
  }

  const formSheets = new Set(w.forms.map((f) => f.sheet?.toLowerCase()).filter((s): s is string => !!s));
  const named = (name: string, scope: string | null): RawValue => {
    const key = keyOf(name, scope);
    if (now.has(key)) return now.get(key)!;
    const range = pkg.name(name, scope ?? undefined);
    const sheet = range && pkg.sheet(range.sheet);
    return range && sheet ? pkg.readCell(sheet, range.top, range.left) : null;
  };
  let surveySource: FormulaSources['survey'] = null;
  if (survey) {
    if (surveyRows) surveySource = { rows: surveyRows, input: survey };
    else {
      const found = locate(pkg, survey);
      if (!('problem' in found)) surveySource = { rows: pkg.readArea(found.sheet, gridOf(found.range, survey)), input: survey };
    }
  }
  const derivations = new Map<string, Derive>();
  const fitKeys = new Set<string>();
  for (const [formula, d] of w.derivations) {
    const key = formulaKey(formula);
    derivations.set(key, d);
    if (d.kind === 'name' && textNames.has(d.name.toLowerCase())) fitKeys.add(key);
  }
  // the results of a sheet's formulas, worked out once per scope (a form's sheet sees its own names)
  const bySheet = new Map<string, Map<string, FormulaResult | undefined>>();

  const ensure = [];
  if (w.sync) {
    let cells: string[] | null = null;
    try {
      cells = encodeSyncRecord(w.sync);
    } catch {
      // too long to keep: the file is written without it, as the exceljs adapter does
    }
    if (cells) {
      const list: CellWrite[] = [];
      for (let row = 1; row <= SYNC_MAX_CELLS; row++) list.push({ row, col: 1, value: cells[row - 1] ?? null });
      ensure.push({ name: SYNC_SHEET, state: 'veryHidden' as const, cells: list });
    }
  }

  const sheetWrites: SheetWrites[] = [...writes].map(([sheet, cells]) => ({ sheet, cells }));
  return patchPackage(pkg, {
    writes: sheetWrites,
    formulaResult: (formula, sheet) => {
      const scope = formSheets.has(sheet.name.toLowerCase()) ? sheet.name : null;
      let results = bySheet.get(scope ?? '');
      if (!results) bySheet.set(scope ?? '', (results = new Map()));
      const key = formulaKey(formula);
      if (!results.has(key)) {
        const derive = derivations.get(key) ?? summaryDerive(formula);
        const src: FormulaSources = { named: (name, other) => named(name, other ?? scope), survey: surveySource };
        results.set(key, derive ? resultOf(derive, src, surveyRowsOf(src)) : undefined);
      }
      const value = results.get(key);
      return value === undefined ? undefined : { value, fit: fitKeys.has(key) };
    },
    ensure,
    names: w.names,
    fullCalcOnLoad: true,
    rowHeight: (text, width) => heightFor(linesFor(text, width), BODY_SIZE),
  });
}

/** The questionnaires' points, worked out on first use. */
function surveyRowsOf(src: FormulaSources): () => FormulaResult[] {
  let rows: FormulaResult[] | undefined;
  return () => (rows ??= src.survey ? src.survey.rows.map((r) => surveyRowResult(r, src.survey!.input)) : []);
}

const SHEET_REF = String.raw`(?:'((?:[^']|'')+)'|([^'!(),"=]+))!([A-Za-z_][\w.]*)`;
const FORM_NAME = new RegExp(String.raw`^=?\s*IF\(\s*${SHEET_REF}\s*=\s*""\s*,\s*""\s*,\s*${SHEET_REF}\s*\)\s*$`, 'i');
const FORM_SUM = /^=?\s*SUM\((.*)\)\s*$/i;
const ONE_REF = new RegExp(String.raw`^\s*${SHEET_REF}\s*$`);

/**
 * What a formula of 项目自评汇总 shows, read from the formula itself rather than the template's text: the sheet it
 * names may have been renamed since (the formula follows it), or added since (添加项目). IF('S'!n="","",'S'!n)
 * is that form's name; SUM('S1'!n,'S2'!n…) their sum.
 */
function summaryDerive(formula: string): Derive | undefined {
  const m = FORM_NAME.exec(formula);
  if (m) {
    const sheet = (m[1] ?? m[2]).replace(/''/g, "'");
    const other = (m[4] ?? m[5]).replace(/''/g, "'");
    if (sheet.toLowerCase() !== other.toLowerCase() || m[3].toLowerCase() !== m[6].toLowerCase()) return undefined;
    return { kind: 'formName', sheet, name: m[3] };
  }
  const s = FORM_SUM.exec(formula);
  if (!s) return undefined;
  const sheets: string[] = [];
  let name: string | undefined;
  for (const part of splitArgs(s[1])) {
    const r = ONE_REF.exec(part);
    if (!r || (name !== undefined && r[3].toLowerCase() !== name.toLowerCase())) return undefined;
    name = r[3];
    sheets.push((r[1] ?? r[2]).replace(/''/g, "'"));
  }
  return name === undefined ? undefined : { kind: 'formSum', sheets, name };
}

/** A function's arguments, split at the commas outside quotes. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "'") quoted = !quoted;
    else if (text[i] === ',' && !quoted) {
      out.push(text.slice(at, i));
      at = i + 1;
    }
  }
  out.push(text.slice(at));
  return out;
}

/** The survey grid's cells written from rows of answers (the rest cleared); returns the grid as written. */
function writeGrid(grid: Area, value: RawValue, write: (c: CellWrite) => void): RawValue[][] {
  const given = Array.isArray(value) ? value : [];
  const rows: RawValue[][] = [];
  for (let r = grid.top; r <= grid.bottom; r++) {
    const row = given[r - grid.top];
    const answers = Array.isArray(row) ? row : row === undefined ? [] : [row];
    const out: RawValue[] = [];
    for (let c = grid.left; c <= grid.right; c++) {
      const v = answers[c - grid.left];
      const cell = Array.isArray(v) ? null : cellValue(v);
      out.push(cell);
      write({ row: r, col: c, value: cell });
    }
    rows.push(out);
  }
  return rows;
}

/**
 * A table's rows written into its named range (rows in field order, or records by field name), the rows after
 * them cleared. More rows than the range holds are refused: the template is planned with room for them.
 */
function writeTable(pkg: XlsxPackage, table: SchemeTable, value: RawValue, scope: string | undefined, write: (sheet: SheetInfo, c: CellWrite) => void): void {
  const found = locate(pkg, { ...table, kind: 'table' }, scope);
  if ('problem' in found) return;
  const { sheet, range } = found;
  const rows = Array.isArray(value) ? value : [];
  const height = range.bottom - range.top + 1;
  if (rows.length > height) {
    throw new PackageError('refused-write', `${table.label}有${rows.length}行，工作表“${sheet.name}”的表格只有${height}行：请先在表内插入行`);
  }
  const F = Math.min(table.fields.length, range.right - range.left + 1);
  for (let r = 0; r < height; r++) {
    const row = rows[r] as unknown;
    for (let f = 0; f < F; f++) {
      let v: unknown = null;
      if (Array.isArray(row)) v = row[f];
      else if (row && typeof row === 'object' && !(row instanceof Date)) v = (row as Record<string, unknown>)[table.fields[f].name];
      write(sheet, { row: range.top + r, col: range.left + f, value: cellValue(v as RawValue) });
    }
  }
}

/** What a cell can hold of a raw value (a nested array is not a cell value). */
function cellValue(v: RawValue): CellValue {
  if (v === undefined || v === null || Array.isArray(v)) return null;
  return v;
}
