/// <reference types="office-js" />
import type { CellRef, Finding, RawValue, Scheme } from '../../engine';
import type { OutputValue } from '../types';
import type { SyncRecord } from '../sync';
import { missingName } from '../names';
import { isResultsSheet, outputNames } from '../outputs';
import { decodeSyncRecord, encodeSyncRecord, isSyncSheet, SYNC_MAX_CELLS, SYNC_RANGE, SYNC_SHEET } from '../syncStore';
import { Box, intersects, parseBox, topLeft } from './a1';

/**
 * One batch to read everything a recompute needs, one batch to write what changed. Nothing here calls
 * context.sync(): the caller queues a read, syncs once, collects; plans and queues the writes, syncs once.
 */

export interface ReadOptions {
  /** also read the output cells (to write only what differs) */
  outputs: boolean;
  /** also read the sync record from the jixiao_sync sheet */
  record: boolean;
  /**
   * also read the document description (ExcelApi 1.7), where a 报送版 — which holds no helper sheet —
   * keeps its sync record; used when there is no jixiao_sync sheet
   */
  description?: boolean;
  /** also read whether the workbook's structure is protected (ExcelApi 1.7): then no sheet can be added */
  structure?: boolean;
  /**
   * Names and sheets known to exist: when given, nothing else is asked for. Used for the retry after a host
   * that refuses to chain a call off a missing name or sheet (see readAll).
   */
  known?: { names: Set<string>; sheets: Set<string> };
}

export interface PendingRead {
  scheme: Scheme;
  names: Excel.NamedItemCollection;
  sheets: Excel.WorksheetCollection;
  inputs: Map<string, Excel.Range | null>;
  outputs: Map<string, Excel.Range | null>;
  record: Excel.Range | null;
  properties: Excel.DocumentProperties | null;
  protection: Excel.WorkbookProtection | null;
}

/** Queues the loads of one read; call context.sync() once, then collectRead(). See readAll for the usual way. */
export function queueRead(context: Excel.RequestContext, scheme: Scheme, options: ReadOptions): PendingRead {
  const wb = context.workbook;
  const names = wb.names;
  names.load('items/name');
  const sheets = wb.worksheets;
  sheets.load('items/name,items/id,items/visibility,items/protection/protected,items/protection/options');
  const known = options.known;
  const byName = (name: string, props: string): Excel.Range | null => {
    if (known && !known.names.has(name)) return null;
    // works after the officer inserted rows above the cell or renamed its sheet: the name follows the cell
    const range = names.getItemOrNullObject(name).getRangeOrNullObject();
    range.load(props);
    return range;
  };
  const inputs = new Map<string, Excel.Range | null>();
  for (const input of scheme.inputs) inputs.set(input.name, byName(input.name, 'address,values,rowCount,columnCount'));
  const outputs = new Map<string, Excel.Range | null>();
  if (options.outputs) {
    for (const name of outputNames(scheme)) outputs.set(name, byName(name, 'address,values,formulas,rowCount,columnCount'));
  }
  let record: Excel.Range | null = null;
  if (options.record && (!known || [...known.sheets].some(isSyncSheet))) {
    // (Excel finds a sheet by name whatever its case)
    record = sheets.getItemOrNullObject(SYNC_SHEET).getUsedRangeOrNullObject(true);
    record.load('values');
  }
  let properties: Excel.DocumentProperties | null = null;
  if (options.record && options.description) {
    properties = wb.properties;
    properties.load('comments');
  }
  let protection: Excel.WorkbookProtection | null = null;
  if (options.structure) {
    protection = wb.protection;
    protection.load('protected');
  }
  return { scheme, names, sheets, inputs, outputs, record, properties, protection };
}

/**
 * One read in one context.sync(). Every name is asked for with getItemOrNullObject().getRangeOrNullObject(),
 * so a deleted name comes back as a null object rather than failing the batch. Should a host refuse the
 * chained call all the same, the read is retried asking only for the names and sheets that exist (two more
 * syncs, on that host only).
 */
export async function readAll(context: Excel.RequestContext, scheme: Scheme, options: ReadOptions): Promise<ReadResult> {
  let pending = queueRead(context, scheme, options);
  try {
    await context.sync();
  } catch {
    const names = context.workbook.names.load('items/name');
    const sheets = context.workbook.worksheets.load('items/name');
    await context.sync();
    const known = { names: new Set(names.items.map((n) => n.name)), sheets: new Set(sheets.items.map((s) => s.name)) };
    pending = queueRead(context, scheme, { ...options, known });
    await context.sync();
  }
  return collectRead(pending);
}

export interface SheetInfo {
  id: string;
  name: string;
  visibility: string;
  protected: boolean;
  options?: Excel.WorksheetProtectionOptions;
}

export interface OutputCell {
  name: string;
  box: Box;
  /** the value of the top-left cell */
  value: unknown;
  formula: unknown;
  /** the proxy from the read batch, reused by the write batch */
  range: Excel.Range;
  single: boolean;
}

export interface ReadResult {
  values: Record<string, RawValue>;
  cells: Record<string, CellRef>;
  /** missing_name findings for inputs (and outputs, which the engine cannot see) */
  problems: Finding[];
  inputBoxes: Map<string, Box>;
  outputs: Map<string, OutputCell>;
  sheets: SheetInfo[];
  names: Set<string>;
  /** the very hidden jixiao_sync sheet exists (under any spelling) */
  syncSheet: boolean;
  /** the very hidden jixiao_out sheet exists */
  resultsSheet: boolean;
  /** whether the workbook's structure is protected; null when not read */
  structureProtected: boolean | null;
  record: SyncRecord | null;
}

/** Reads what the batch brought back. Missing names become findings; nothing throws. */
export function collectRead(p: PendingRead): ReadResult {
  const names = new Set(p.names.items.map((n) => n.name));
  const sheets: SheetInfo[] = p.sheets.items.map((s) => ({
    id: s.id,
    name: s.name,
    visibility: String(s.visibility),
    protected: !!s.protection?.protected,
    options: s.protection?.options,
  }));
  const values: Record<string, RawValue> = {};
  const cells: Record<string, CellRef> = {};
  const problems: Finding[] = [];
  const inputBoxes = new Map<string, Box>();

  for (const input of p.scheme.inputs) {
    const range = p.inputs.get(input.name);
    const box = range && !range.isNullObject ? parseBox(range.address) : null;
    if (!range || range.isNullObject || !box || box.sheet === undefined) {
      values[input.name] = null;
      // the officer may leave out the survey sheet and give the totals on the summary instead
      problems.push(missingName(input.name, input.label, input.kind === 'survey' ? 'info' : 'error'));
      continue;
    }
    inputBoxes.set(input.name, box);
    cells[input.name] = { sheet: box.sheet, address: topLeft(box) };
    const grid = (range.values ?? [[null]]) as unknown[][];
    if (input.kind === 'survey') {
      values[input.name] = grid.map((row) => row.map((v) => cellValue(v, 'survey')));
    } else {
      values[input.name] = cellValue(grid[0]?.[0], input.kind);
    }
  }

  const outputs = new Map<string, OutputCell>();
  for (const [name, range] of p.outputs) {
    const box = range && !range.isNullObject ? parseBox(range.address) : null;
    if (!range || range.isNullObject || !box || box.sheet === undefined) {
      problems.push(missingName(name, '评分结果'));
      continue;
    }
    outputs.set(name, {
      name,
      box,
      value: (range.values as unknown[][])?.[0]?.[0],
      formula: (range.formulas as unknown[][])?.[0]?.[0],
      range,
      single: range.rowCount === 1 && range.columnCount === 1,
    });
  }

  const syncSheet = sheets.some((s) => isSyncSheet(s.name));
  const resultsSheet = sheets.some((s) => isResultsSheet(s.name));
  let record: SyncRecord | null = null;
  if (p.record && syncSheet && !p.record.isNullObject) {
    record = decodeSyncRecord(((p.record.values as unknown[][]) ?? []).map((row) => row[0]));
  } else if (p.properties) {
    record = decodeSyncRecord((p.properties.comments ?? '').split('\n'));
  }
  const structureProtected = p.protection ? !!p.protection.protected : null;
  return { values, cells, problems, inputBoxes, outputs, sheets, names, syncSheet, resultsSheet, structureProtected, record };
}

/** The sheet a read saw under this name (Excel compares sheet names case-insensitively). */
export function sheetInfo(read: ReadResult, name: string): SheetInfo | undefined {
  const key = name.toLowerCase();
  return read.sheets.find((s) => s.name.toLowerCase() === key);
}

/**
 * Outputs of the earlier layout: on a visible sheet, where they can be written only by unprotecting the sheet
 * (if it is protected). A workbook of the current layout has them all on the results sheet.
 */
export function outputsOffResults(read: ReadResult): OutputCell[] {
  return [...read.outputs.values()].filter((o) => !isResultsSheet(o.box.sheet!));
}


/** Empty cells read as "" in Office.js and as null in exceljs: both become null, so fingerprints agree. */
export function cellValue(v: unknown, kind: string): RawValue {
  if (v === '' || v === undefined || v === null) return null;
  // Office.js gives a date as its serial number; exceljs gives a Date — give the engine (and the sync record) a Date too
  if (kind === 'date' && typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 2958466) {
    return new Date(Math.round((v - 25569) * 86400000));
  }
  return v as RawValue;
}

// ── writing ────────────────────────────────────────────────────────────────────────────────────────

export interface PlannedWrite {
  name: string;
  box: Box;
  value: OutputValue;
}

export interface WritePlan {
  writes: PlannedWrite[];
  /** outputs not written, with why (never an input cell; a formula the officer put there is kept) */
  refused: Finding[];
  /**
   * Outputs that differ but sit on a protected sheet (a workbook of the earlier layout): not written, since
   * writing them would mean unprotecting the sheet, which clears the officer's undo history.
   */
  locked: PlannedWrite[];
}

/**
 * The outputs whose cell differs from what they should hold. Refuses any output whose cell overlaps an
 * input cell — a name moved by hand onto an input must never let us overwrite what the officer typed — and
 * leaves aside those on a protected sheet (`isProtected(sheet)`).
 */
export function planWrites(
  wanted: Map<string, OutputValue>,
  current: Map<string, OutputCell>,
  inputs: Iterable<Box>,
  isProtected: (sheet: string) => boolean = () => false,
): WritePlan {
  const inputBoxes = [...inputs];
  const writes: PlannedWrite[] = [];
  const refused: Finding[] = [];
  const locked: PlannedWrite[] = [];
  for (const [name, value] of wanted) {
    const cell = current.get(name);
    if (!cell) continue; // reported as missing_name by collectRead
    if (inputBoxes.some((b) => intersects(b, cell.box))) {
      refused.push({
        severity: 'error',
        code: 'output_on_input',
        message: `名称 ${name} 指向了输入单元格 ${cell.box.sheet}!${topLeft(cell.box)}，为保护已填写的内容，未写入结果。请在名称管理器中更正`,
        inputs: [],
        cells: [`${cell.box.sheet}!${topLeft(cell.box)}`],
      });
      continue;
    }
    if (typeof cell.formula === 'string' && cell.formula.startsWith('=')) continue;
    if (sameValue(cell.value, value)) continue;
    (isProtected(cell.box.sheet!) ? locked : writes).push({ name, box: cell.box, value });
  }
  return { writes, refused, locked };
}

export function sameValue(current: unknown, wanted: OutputValue): boolean {
  if (wanted === null) return current === '' || current === null || current === undefined;
  if (typeof wanted === 'number') return typeof current === 'number' && Math.abs(current - wanted) < 1e-9;
  return current === wanted;
}

/** A text that Excel would take for a formula keeps its leading quote, which Excel shows as text. */
export function cellInput(value: OutputValue): string | number {
  if (value === null) return '';
  if (typeof value === 'string' && /^[=+\-@]/.test(value)) return `'${value}`;
  return value;
}

/**
 * Queues the writes: plain value writes, never a protection change (WorksheetProtection.protect/unprotect
 * cannot be undone and clear the officer's undo history). Returns how many cells were queued.
 */
export function queueWrites(read: ReadResult, writes: PlannedWrite[]): number {
  const inputBoxes = [...read.inputBoxes.values()];
  for (const w of writes) {
    // the last lines of defence: whatever planned this, an input cell is never written, and a protected sheet never unprotected
    if (inputBoxes.some((b) => intersects(b, w.box))) throw new Error(`refusing to write ${w.name} over an input cell`);
    if (sheetInfo(read, w.box.sheet!)?.protected) throw new Error(`refusing to write ${w.name} on a protected sheet`);
  }
  for (const w of writes) {
    const cell = read.outputs.get(w.name)!;
    const target = cell.single ? cell.range : cell.range.getCell(0, 0);
    target.values = [[cellInput(w.value)]];
  }
  return writes.length;
}

/** The 20 cells of the record, blank beyond its parts; null when the record is too long to keep. */
function recordColumn(record: SyncRecord): string[][] | null {
  let cells: string[];
  try {
    cells = encodeSyncRecord(record);
  } catch {
    return null;
  }
  const column: string[][] = [];
  for (let i = 0; i < SYNC_MAX_CELLS; i++) column.push([cells[i] ?? '']);
  return column;
}

/**
 * Queues writing the sync record into jixiao_sync!A1:A20 of a workbook that has the sheet; queue it after the
 * outputs. Returns the range written, or null when the record is too long to keep.
 */
export function queueRecord(context: Excel.RequestContext, record: SyncRecord): Excel.Range | null {
  const column = recordColumn(record);
  if (!column) return null;
  const range = context.workbook.worksheets.getItem(SYNC_SHEET).getRange(SYNC_RANGE);
  range.values = column;
  return range;
}

/**
 * Queues adding the very hidden jixiao_sync sheet, its cells as text, with the record in it: a batch of its
 * own, since it fails where the workbook's structure is protected (and setting a sheet's visibility cannot be
 * undone in Excel on Windows and Mac, so it is never done while the officer is typing).
 */
export function queueRecordSheet(context: Excel.RequestContext, record: SyncRecord | null): void {
  const sheet = context.workbook.worksheets.add(SYNC_SHEET);
  sheet.visibility = 'VeryHidden';
  const range = sheet.getRange(SYNC_RANGE);
  range.numberFormat = Array.from({ length: SYNC_MAX_CELLS }, () => ['@']);
  const column = record && recordColumn(record);
  if (column) range.values = column;
}
