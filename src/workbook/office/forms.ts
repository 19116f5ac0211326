/// <reference types="office-js" />
/**
 * The forms of a target-table scheme in the open workbook: one form for a scheme whose names are workbook-wide
 * (dept-2020), one per sheet holding the scheme's names in its own scope for project-2020 (a project sheet
 * renamed, moved or copied by the officer is still one). Read in one batch, written in one: every name is
 * resolved afresh each time, so rows the officer inserted or deleted inside a table are read and scored.
 * Nothing here calls context.sync(): the caller queues, syncs once, collects (as io.ts does for dept-2013).
 */
import type { CellRef, Finding, RawValue, Scheme, SchemeInput, SchemeTable } from '../../engine';
import type { OutputValue } from '../types';
import { formWrite } from '../forms/write';
import { missingName } from '../names';
import { isResultsSheet, outputNames } from '../outputs';
import { decodeSyncRecord, isSyncSheet, SYNC_SHEET } from '../syncStore';
import type { SyncRecord } from '../sync';
import type { Evaluation } from '../../engine';
import { Box, intersects, parseBox, topLeft } from './a1';
import { cellInput, cellValue, sameValue, type SheetInfo } from './io';

/** Target-table schemes (forms with officer-written rows) go through this module; dept-2013 through io.ts. */
export function isFormsScheme(scheme: Scheme): boolean {
  return scheme.formScope === 'sheet' || scheme.tables.length > 0;
}

/** Every name of a form: inputs, tables, single-cell outputs, column outputs. */
function formNames(scheme: Scheme): { inputs: SchemeInput[]; tables: readonly SchemeTable[]; outputs: string[]; rows: string[] } {
  const rows = scheme.outputs.rows ? [scheme.outputs.rows.score, scheme.outputs.rows.text] : [];
  return { inputs: scheme.inputs, tables: scheme.tables, outputs: outputNames(scheme), rows };
}

/** The names whose presence in a sheet's own scope makes that sheet a form (as the package layer decides). */
function marksForm(scheme: Scheme): Set<string> {
  return new Set([...scheme.inputs, ...scheme.tables].map((i) => i.name.toLowerCase()));
}

interface PendingForm {
  /** the sheet's id, or null for the workbook-wide form */
  sheetId: string | null;
  ranges: Map<string, Excel.Range>;
}

export interface PendingFormsRead {
  scheme: Scheme;
  sheets: Excel.WorksheetCollection;
  /** sheet id → the names in that sheet's scope (sheet-scoped schemes only) */
  scopes: Map<string, Excel.NamedItemCollection>;
  forms: PendingForm[];
  record: Excel.Range;
  protection: Excel.WorkbookProtection;
}

const INPUT_PROPS = 'address,values,text,rowCount,columnCount';
const OUTPUT_PROPS = 'address,values,formulas,rowCount,columnCount';
/** a table's output column lies on the (protected) form sheet: whether its cells are all unlocked is read too */
const COLUMN_PROPS = `${OUTPUT_PROPS},format/protection/locked`;

/**
 * Queues one read of every form: the sheets (ids, names, protection), each sheet's own names (to find forms
 * added or copied since), every input, table and output of the forms on `formSheetIds` (sheet-scoped schemes;
 * ignored for a workbook-wide scheme), the sync record and whether the structure is protected.
 */
export function queueFormsRead(context: Excel.RequestContext, scheme: Scheme, formSheetIds: readonly string[], knownSheetIds: readonly string[]): PendingFormsRead {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load('items/name,items/id,items/visibility,items/protection/protected');
  const { inputs, tables, outputs, rows } = formNames(scheme);
  const queueForm = (names: Excel.NamedItemCollection, sheetId: string | null): PendingForm => {
    const ranges = new Map<string, Excel.Range>();
    const ask = (name: string, props: string) => {
      // the name follows its cells when the officer inserts rows above them or renames the sheet
      const range = names.getItemOrNullObject(name).getRangeOrNullObject();
      range.load(props);
      ranges.set(name, range);
    };
    for (const i of inputs) ask(i.name, INPUT_PROPS);
    for (const t of tables) ask(t.name, INPUT_PROPS);
    for (const o of outputs) ask(o, OUTPUT_PROPS);
    for (const o of rows) ask(o, COLUMN_PROPS);
    return { sheetId, ranges };
  };
  const scopes = new Map<string, Excel.NamedItemCollection>();
  const forms: PendingForm[] = [];
  if (scheme.formScope === 'sheet') {
    for (const id of knownSheetIds) scopes.set(id, sheets.getItemOrNullObject(id).names.load('items/name'));
    for (const id of formSheetIds) forms.push(queueForm(sheets.getItemOrNullObject(id).names, id));
  } else {
    forms.push(queueForm(wb.names, null));
  }
  // (Excel finds a sheet by name whatever its case)
  const record = sheets.getItemOrNullObject(SYNC_SHEET).getUsedRangeOrNullObject(true);
  record.load('values');
  const protection = wb.protection;
  protection.load('protected');
  return { scheme, sheets, scopes, forms, record, protection };
}

/** A named cell or range as read: where it is now and what it holds. */
export interface NamedCells {
  name: string;
  box: Box;
  range: Excel.Range;
  values: unknown[][];
  formulas: unknown[][];
  rowCount: number;
  columnCount: number;
  /** every cell unlocked (false), every cell locked (true), or some of each (null); read for table columns only */
  locked?: boolean | null;
}

/** One form as read. */
export interface OfficeForm {
  /** its sheet as named now; null for the workbook-wide form */
  sheet: string | null;
  sheetId: string | null;
  values: Record<string, RawValue>;
  cells: Record<string, CellRef>;
  problems: Finding[];
  /** where each input and table is now */
  inputBoxes: Map<string, Box>;
  /** every output name found (single cells and table columns) */
  outputs: Map<string, NamedCells>;
}

export interface FormsRead {
  sheets: SheetInfo[];
  forms: OfficeForm[];
  /**
   * the sheets that hold the scheme's names in their own scope now, in the workbook's order (sheet-scoped
   * schemes); when these differ from the sheets read, the caller reads again
   */
  formSheetIds: string[];
  syncSheet: boolean;
  resultsSheet: boolean;
  structureProtected: boolean;
  record: SyncRecord | null;
}

/** What one batch brought back. Missing names become findings; nothing throws. */
export function collectFormsRead(p: PendingFormsRead): FormsRead {
  const sheets: SheetInfo[] = p.sheets.items.map((s) => ({ id: s.id, name: s.name, visibility: String(s.visibility), protected: !!s.protection?.protected }));
  const nameOf = new Map(sheets.map((s) => [s.id, s.name]));
  const marks = marksForm(p.scheme);
  const formSheetIds = sheets
    .filter((s) => {
      const scope = p.scopes.get(s.id);
      return !!scope && (scope.items ?? []).some((n) => marks.has(n.name.toLowerCase()));
    })
    .map((s) => s.id);
  const forms = p.forms.filter((f) => f.sheetId === null || nameOf.has(f.sheetId)).map((f) => collectForm(p.scheme, f, f.sheetId === null ? null : nameOf.get(f.sheetId)!));
  const syncSheet = sheets.some((s) => isSyncSheet(s.name));
  const record = syncSheet && !p.record.isNullObject ? decodeSyncRecord(((p.record.values as unknown[][]) ?? []).map((row) => row[0])) : null;
  return {
    sheets,
    forms,
    formSheetIds,
    syncSheet,
    resultsSheet: sheets.some((s) => isResultsSheet(s.name)),
    structureProtected: !!p.protection.protected,
    record,
  };
}

function located(range: Excel.Range | undefined): { range: Excel.Range; box: Box } | null {
  if (!range || range.isNullObject) return null;
  const box = parseBox(range.address);
  return box && box.sheet !== undefined ? { range, box } : null;
}

function collectForm(scheme: Scheme, f: PendingForm, sheet: string | null): OfficeForm {
  const values: Record<string, RawValue> = {};
  const cells: Record<string, CellRef> = {};
  const problems: Finding[] = [];
  const inputBoxes = new Map<string, Box>();
  const where = sheet === null ? '' : `（工作表“${sheet}”）`;
  for (const input of scheme.inputs) {
    const at = located(f.ranges.get(input.name));
    if (!at) {
      values[input.name] = null;
      problems.push(missingName(input.name, `${input.label}${where}`, input.kind === 'survey' ? 'info' : 'error'));
      continue;
    }
    inputBoxes.set(input.name, at.box);
    cells[input.name] = { sheet: at.box.sheet!, address: topLeft(at.box) };
    const grid = (at.range.values ?? [[null]]) as unknown[][];
    if (input.kind === 'survey') values[input.name] = grid.map((row) => row.map((v) => cellValue(v, 'survey')));
    // a text as the officer sees it (a number formatted as a percentage reads 95%)
    else if (input.kind === 'text') values[input.name] = cellValue((at.range.text as string[][])?.[0]?.[0], 'text');
    else values[input.name] = cellValue(grid[0]?.[0], input.kind);
  }
  for (const table of scheme.tables) {
    const at = located(f.ranges.get(table.name));
    if (!at) {
      values[table.name] = [];
      problems.push(missingName(table.name, `${table.label}${where}`));
      continue;
    }
    inputBoxes.set(table.name, at.box);
    cells[table.name] = { sheet: at.box.sheet!, address: topLeft(at.box) };
    values[table.name] = tableRows(table, at.range, at.box, problems);
  }
  const outputs = new Map<string, NamedCells>();
  const { outputs: single, rows } = formNames(scheme);
  for (const name of [...single, ...rows]) {
    const at = located(f.ranges.get(name));
    if (!at) {
      problems.push(missingName(name, `评分结果${where}`));
      continue;
    }
    outputs.set(name, {
      name,
      box: at.box,
      range: at.range,
      values: (at.range.values as unknown[][]) ?? [],
      formulas: (at.range.formulas as unknown[][]) ?? [],
      rowCount: at.range.rowCount,
      columnCount: at.range.columnCount,
      ...(rows.includes(name) ? { locked: at.range.format?.protection?.locked ?? null } : {}),
    });
  }
  return { sheet, sheetId: f.sheetId, values, cells, problems, inputBoxes, outputs };
}

/**
 * A table's rows in field order, as the package layer reads them: text fields as shown, number fields as
 * held, blanks as null. An area narrower than the fields is read as far as it goes, and said.
 */
function tableRows(table: SchemeTable, range: Excel.Range, box: Box, problems: Finding[]): RawValue[][] {
  const F = table.fields.length;
  const width = range.columnCount;
  if (width < F) {
    problems.push({
      severity: 'error',
      code: 'missing_name',
      message: `${table.label}（名称 ${table.name}，${box.sheet}!${topLeft(box)}）只有${width}列，应为${F}列（${table.fields.map((f) => f.label).join('、')}）：缺少的列按空白计`,
      inputs: [table.name],
      cells: [],
    });
  }
  const held = (range.values as unknown[][]) ?? [];
  const shown = (range.text as string[][]) ?? held;
  return held.map((row, r) =>
    table.fields.map((field, k) => {
      if (k >= width) return null;
      const v = field.kind === 'text' ? shown[r]?.[k] : row[k];
      return v === '' || v === undefined || v === null ? null : (v as RawValue);
    }),
  );
}

/** What the officer calls a form: the project's name as typed, else its sheet's name, else the scheme's title. */
export function formTitle(scheme: Scheme, sheet: string | null, evaluation: Evaluation): string {
  const project = typeof evaluation.project === 'string' ? evaluation.project.trim() : '';
  return project || sheet || scheme.title;
}

// ── writing ────────────────────────────────────────────────────────────────────────────────────────

/** One queued write: a single output cell or a table's output column. */
export interface FormWriteJob {
  form: string | null;
  name: string;
  box: Box;
  /** the values written, top to bottom (one for a single cell) */
  values: OutputValue[];
  range: Excel.Range;
}

/**
 * The writes a form's evaluation needs: every single-cell output and every table output column that differs
 * from what its cells hold. Refuses (with a finding) any output over an input cell, and keeps a formula the
 * officer put in an output cell; a column output is written whole, one range, the rows the table has.
 */
export function planFormWrites(
  scheme: Scheme,
  form: OfficeForm,
  evaluation: Evaluation,
  isProtected: (sheet: string) => boolean,
): { jobs: FormWriteJob[]; refused: Finding[] } {
  const wanted = formWrite(scheme, form.sheet, evaluation);
  const inputs = [...form.inputBoxes.values()];
  const jobs: FormWriteJob[] = [];
  const refused: Finding[] = [];
  const onInput = (cell: NamedCells): boolean => {
    if (!inputs.some((b) => intersects(b, cell.box))) return false;
    const at = `${cell.box.sheet}!${topLeft(cell.box)}`;
    refused.push({
      severity: 'error',
      code: 'output_on_input',
      message: `名称 ${cell.name} 指向了输入单元格 ${at}，为保护已填写的内容，未写入结果。请在名称管理器中更正`,
      inputs: [],
      cells: [at],
    });
    return true;
  };
  for (const [name, value] of wanted.outputs) {
    const cell = form.outputs.get(name);
    if (!cell || onInput(cell)) continue;
    const formula = cell.formulas[0]?.[0];
    if (typeof formula === 'string' && formula.startsWith('=')) continue;
    if (sameValue(cell.values[0]?.[0], value)) continue;
    jobs.push({ form: form.sheet, name, box: cell.box, values: [value], range: cell.rowCount === 1 && cell.columnCount === 1 ? cell.range : cell.range.getCell(0, 0) });
  }
  for (const [name, column] of wanted.rows) {
    const cell = form.outputs.get(name);
    if (!cell || onInput(cell)) continue;
    // as many values as the table has rows now (blank below the last scored row)
    const values = Array.from({ length: cell.rowCount }, (_, r) => (r < column.length ? column[r] : null));
    if (values.every((v, r) => sameValue(cell.values[r]?.[0], v))) continue;
    if (cell.locked !== false && isProtected(cell.box.sheet!)) {
      // a row inserted above the table's first row takes the header's lock: writing would fail, and unprotecting is not ours to do
      const at = `${cell.box.sheet}!${topLeft(cell.box)}`;
      refused.push({ severity: 'warning', code: 'rows_locked', message: lockedColumn(cell.box), inputs: [], cells: [at] });
      continue;
    }
    jobs.push({ form: form.sheet, name, box: cell.box, values, range: cell.range });
  }
  return { jobs, refused };
}

function lockedColumn(box: Box): string {
  const range = `${box.sheet}!${topLeft(box)}:${topLeft({ ...box, top: box.bottom })}`;
  return `“${range}”中有被锁定的单元格（可能是在表头下方插入的行），各行得分和计算过程未能写入。请选中这些单元格，在“设置单元格格式”→“保护”中取消“锁定”（需先撤销工作表保护），然后点击“同步”`;
}

/** Single outputs first (the results sheet), then the table columns: a failed column leaves the totals written. */
export function byWriteOrder(jobs: FormWriteJob[]): FormWriteJob[] {
  const column = (j: FormWriteJob) => (j.values.length > 1 || j.box.bottom > j.box.top ? 1 : 0);
  return [...jobs].sort((a, b) => column(a) - column(b));
}

/**
 * Queues the writes: plain values, never a protection change (which would clear the officer's undo history)
 * and never an input cell. A column output keeps what other columns of its range hold. Returns the cells queued.
 */
export function queueFormWrites(forms: OfficeForm[], jobs: FormWriteJob[]): number {
  let cells = 0;
  for (const job of jobs) {
    const form = forms.find((f) => f.sheet === job.form)!;
    if ([...form.inputBoxes.values()].some((b) => intersects(b, job.box))) throw new Error(`refusing to write ${job.name} over an input cell`);
    const cell = form.outputs.get(job.name)!;
    if (job.values.length === 1 && job.range !== cell.range) {
      job.range.values = [[cellInput(job.values[0])]];
    } else {
      job.range.values = job.values.map((v, r) => [cellInput(v), ...(cell.values[r] ?? []).slice(1)] as (string | number)[]);
    }
    cells += job.values.length;
  }
  return cells;
}
