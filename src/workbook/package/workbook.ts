/**
 * The package adapter: a scheme's inputs read through their defined names from an .xlsx opened with
 * XlsxPackage, and outputs, typed inputs and the sync record written back by patching (patch.ts). Read and
 * write-back are plain functions of plain data as well, so that the standalone page can run them in a worker.
 */
import type { CellRef, Evaluation, Finding, RawValue, Scheme, SchemeInput } from '../../engine';
import { formulaKey, formulaResults, outputPlanOf, type FormulaResult } from '../formulaResults';
import { missingName } from '../names';
import { outputValues } from '../outputs';
import type { SyncRecord } from '../sync';
import { decodeSyncRecord, encodeSyncRecord, SYNC_MAX_CELLS, SYNC_SHEET } from '../syncStore';
import { heightFor, linesFor } from '../template/geometry';
import { BODY_SIZE } from '../template/styles';
import type { Derive } from '../template/types';
import type { OutputValue, WorkbookAdapter, WorkbookInputs } from '../types';
import { PackageError } from './errors';
import type { PackageLimits } from './limits';
import { asPackageError, XlsxPackage, type CellValue, type NamedRange, type SheetInfo } from './package';
import { patchPackage, type CellWrite, type SheetWrites } from './patch';
import { cellAddress, type Area } from './refs';

type Located = { sheet: SheetInfo; range: NamedRange } | { problem: Finding };

/** Where an input lives, or the finding for a name that cannot be followed (worded as the exceljs adapter words it). */
function locate(pkg: XlsxPackage, input: SchemeInput): Located {
  const range = pkg.name(input.name);
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
function gridOf(range: Area, input: SchemeInput): Area {
  if (range.right > range.left || range.bottom > range.top) return range;
  return { ...range, right: range.left + (input.questions ?? 1) - 1, bottom: range.top + (input.rows ?? 1) - 1 };
}

const raw = (v: CellValue): RawValue => v;

/** Every input of a scheme (its `inputs`), with where each lives and what could not be found. */
export function readInputsOf(pkg: XlsxPackage, inputs: readonly SchemeInput[]): WorkbookInputs {
  const values: Record<string, RawValue> = {};
  const cells: Record<string, CellRef> = {};
  const problems: Finding[] = [];
  for (const input of inputs) {
    const found = locate(pkg, input);
    if ('problem' in found) {
      problems.push(found.problem);
      continue;
    }
    const { sheet, range } = found;
    cells[input.name] = { sheet: sheet.name, address: cellAddress(range.left, range.top) };
    values[input.name] =
      input.kind === 'survey' ? pkg.readArea(sheet, gridOf(range, input)).map((row) => row.map(raw)) : raw(pkg.readCell(sheet, range.top, range.left));
  }
  return { values, cells, problems };
}

/** The scheme whose input names this workbook defines (at least half of them), or null. */
export function detectSchemeOf<T extends { inputs: readonly SchemeInput[] }>(pkg: XlsxPackage, schemes: readonly T[]): T | null {
  let best: { scheme: T; share: number } | null = null;
  for (const scheme of schemes) {
    const share = scheme.inputs.filter((i) => pkg.name(i.name)).length / scheme.inputs.length;
    if (share >= 0.5 && (!best || share > best.share)) best = { scheme, share };
  }
  return best?.scheme ?? null;
}

/** The record of the last sync: jixiao_sync!A1:A20, or the document description of a 报送版; null if none. */
export function readSyncRecordOf(pkg: XlsxPackage): SyncRecord | null {
  const sheet = pkg.sheet(SYNC_SHEET);
  if (sheet) return decodeSyncRecord(pkg.readArea(sheet, { top: 1, left: 1, bottom: SYNC_MAX_CELLS, right: 1 }).map((r) => r[0]));
  return decodeSyncRecord((pkg.description() ?? '').split('\n'));
}

/**
 * The first output name that points into an input's cells, as the message that refuses to write: outputs
 * are never written over what the officer filled in.
 */
export function outputConflict(pkg: XlsxPackage, inputs: readonly SchemeInput[], outputs: Iterable<string>): string | null {
  const areas: { sheet: SheetInfo; area: Area }[] = [];
  for (const input of inputs) {
    const found = locate(pkg, input);
    if (!('problem' in found)) areas.push({ sheet: found.sheet, area: input.kind === 'survey' ? gridOf(found.range, input) : found.range });
  }
  for (const name of outputs) {
    const range = pkg.name(name);
    const sheet = range && pkg.sheet(range.sheet);
    if (!range || !sheet) continue;
    const { top: row, left: col } = range;
    if (areas.some(({ sheet: s, area: a }) => s === sheet && row >= a.top && row <= a.bottom && col >= a.left && col <= a.right)) {
      return `输出名称 ${name} 指向输入单元格 ${sheet.name}!${cellAddress(col, row)}，为保护已填写的数据，未写入任何结果`;
    }
  }
  return null;
}

/** Everything a write-back changes, as plain data (it crosses to the standalone page's worker). */
export interface WriteBack {
  /** the scheme's inputs: where typed values go, and the cells no output may touch */
  inputs: SchemeInput[];
  /** inputs to write (what the officer typed in the page): a survey grid as rows of answers */
  fills: Record<string, RawValue>;
  /** outputs by name; an output whose name is gone is not recreated */
  outputs: [string, OutputValue][];
  /** outputs whose text grows its row (and the rows of the formulas showing them) */
  textNames: string[];
  /** the template's formulas (without "=") and what each shows */
  derivations: [string, Derive][];
  /** the sync record to keep in jixiao_sync (created very hidden when absent); null leaves it */
  sync: SyncRecord | null;
}

/** The package with a write-back applied, as the bytes of the new file. Throws PackageError. */
export function writeBack(pkg: XlsxPackage, w: WriteBack): Uint8Array {
  try {
    return writeBackNow(pkg, w);
  } catch (err) {
    throw asPackageError(err);
  }
}

function writeBackNow(pkg: XlsxPackage, w: WriteBack): Uint8Array {
  pkg.renewBudget();
  const conflict = outputConflict(pkg, w.inputs, w.outputs.map(([n]) => n));
  if (conflict) throw new PackageError('refused-write', conflict);

  const writes = new Map<SheetInfo, CellWrite[]>();
  const write = (sheet: SheetInfo, c: CellWrite) => {
    const list = writes.get(sheet);
    if (list) list.push(c);
    else writes.set(sheet, [c]);
  };
  /** what each name holds after the write-back, for the formulas that show it */
  const now = new Map<string, RawValue>();
  let surveyRows: RawValue[][] | undefined;
  const survey = w.inputs.find((i) => i.kind === 'survey');

  for (const [name, value] of Object.entries(w.fills)) {
    const input = w.inputs.find((i) => i.name === name);
    const found = input && locate(pkg, input);
    if (!input || !found || 'problem' in found) continue;
    const { sheet, range } = found;
    if (input.kind !== 'survey') {
      if (Array.isArray(value)) continue;
      write(sheet, { row: range.top, col: range.left, value: cellValue(value) });
      now.set(name.toLowerCase(), value ?? null);
      continue;
    }
    const grid = gridOf(range, input);
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
        write(sheet, { row: r, col: c, value: cell });
      }
      rows.push(out);
    }
    if (input === survey) surveyRows = rows;
  }

  const textNames = new Set(w.textNames.map((n) => n.toLowerCase()));
  for (const [name, value] of w.outputs) {
    const range = pkg.name(name);
    const sheet = range && pkg.sheet(range.sheet);
    if (!range || !sheet || !sheet.part) continue;
    write(sheet, { row: range.top, col: range.left, value, fit: textNames.has(name.toLowerCase()) });
    now.set(name.toLowerCase(), value);
  }

  const named = (name: string): RawValue => {
    const key = name.toLowerCase();
    if (now.has(key)) return now.get(key)!;
    const range = pkg.name(name);
    const sheet = range && pkg.sheet(range.sheet);
    return range && sheet ? pkg.readCell(sheet, range.top, range.left) : null;
  };
  let surveySource: { rows: RawValue[][]; input: SchemeInput } | null = null;
  if (survey) {
    if (surveyRows) surveySource = { rows: surveyRows, input: survey };
    else {
      const found = locate(pkg, survey);
      if (!('problem' in found)) surveySource = { rows: pkg.readArea(found.sheet, gridOf(found.range, survey)), input: survey };
    }
  }
  const derivations = new Map(w.derivations);
  let results: Map<string, FormulaResult> | undefined;
  const fitKeys = new Set<string>();
  for (const [formula, d] of derivations) if (d.kind === 'name' && textNames.has(d.name.toLowerCase())) fitKeys.add(formulaKey(formula));

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
    formulaResult: derivations.size
      ? (formula) => {
          results ??= formulaResults(derivations, { named, survey: surveySource });
          const key = formulaKey(formula);
          const value = results.get(key);
          return value === undefined ? undefined : { value, fit: fitKeys.has(key) };
        }
      : undefined,
    ensure,
    fullCalcOnLoad: true,
    rowHeight: (text, width) => heightFor(linesFor(text, width), BODY_SIZE),
  });
}

/** What a cell can hold of a raw value (a nested array is not a cell value). */
function cellValue(v: RawValue): CellValue {
  if (v === undefined || v === null || Array.isArray(v)) return null;
  return v;
}

/**
 * The package adapter behind WorkbookAdapter (the CLI's score and export): reads through the package,
 * collects what is written, and toBytes() patches it into a copy of the file.
 */
export class PackageWorkbook implements WorkbookAdapter {
  private readonly fills: Record<string, RawValue> = {};
  private outputs: Map<string, OutputValue> | null = null;
  private scheme: Scheme | null = null;
  private sync: SyncRecord | null = null;

  constructor(readonly pkg: XlsxPackage) {}

  /** Opens a file's bytes; throws PackageError with one Chinese line when it is not a readable .xlsx. */
  static open(bytes: Uint8Array, limits?: Partial<PackageLimits>): PackageWorkbook {
    return new PackageWorkbook(XlsxPackage.open(bytes, limits));
  }

  get macroEnabled(): boolean {
    return this.pkg.macroEnabled;
  }

  detect(schemes: Scheme[]): Scheme | null {
    return guard(() => detectSchemeOf(this.pkg, schemes));
  }

  async insertTemplate(): Promise<void> {
    throw new Error('按原文件写回时不能插入模板：请先用 jixiao template 生成模板，再把数据填入其中');
  }

  async readInputs(scheme: Scheme): Promise<WorkbookInputs> {
    const read = guard(() => readInputsOf(this.pkg, scheme.inputs));
    for (const [name, value] of Object.entries(this.fills)) if (name in read.values) read.values[name] = value;
    return read;
  }

  async writeOutputs(scheme: Scheme, evaluation: Evaluation): Promise<void> {
    const outputs = outputValues(scheme, evaluation);
    const conflict = guard(() => outputConflict(this.pkg, scheme.inputs, outputs.keys()));
    if (conflict) throw new Error(conflict);
    this.scheme = scheme;
    this.outputs = outputs;
  }

  /**
   * Values for input cells by name (a survey grid as rows of answers; the rest of the grid is cleared).
   * Throws for a name the scheme or the workbook does not have.
   */
  fillInputs(scheme: Scheme, values: Record<string, RawValue>): void {
    for (const [name, value] of Object.entries(values)) {
      const input = scheme.inputs.find((i) => i.name === name);
      if (!input) throw new Error(`评分方案 ${scheme.id} 没有输入 ${name}`);
      const found = guard(() => locate(this.pkg, input));
      if ('problem' in found) throw new Error(found.problem.message);
      if (input.kind === 'survey') {
        if (value !== null && value !== undefined && !Array.isArray(value)) throw new Error(`${input.label}应为逐份问卷的答案（每份一行）`);
        const grid = gridOf(found.range, input);
        const rows = value ?? [];
        if (rows.length > grid.bottom - grid.top + 1) throw new Error(`${input.label}最多${grid.bottom - grid.top + 1}份问卷，收到${rows.length}份`);
      } else if (Array.isArray(value)) {
        throw new Error('一个单元格只能填写单个值');
      }
      this.fills[name] = value;
    }
    this.scheme = scheme;
  }

  readSyncRecord(): SyncRecord | null {
    return guard(() => readSyncRecordOf(this.pkg));
  }

  /** Keeps the record for toBytes() (unless it says what the file's own record says). */
  writeSyncRecord(record: SyncRecord): void {
    const previous = this.readSyncRecord();
    this.sync = previous && previous.fingerprint === record.fingerprint ? null : record;
  }

  /** The file with everything written so far. Throws PackageError. */
  toBytes(): Uint8Array {
    const scheme = this.scheme;
    const plan = scheme ? outputPlanOf(scheme) : null;
    return writeBack(this.pkg, {
      inputs: scheme?.inputs ?? [],
      fills: this.fills,
      outputs: this.outputs ? [...this.outputs] : [],
      textNames: plan ? [...plan.textNames] : [],
      derivations: plan ? [...plan.derivations] : [],
      sync: this.sync,
    });
  }
}

/** Runs a read, turning anything a hostile file makes it throw into the one-line PackageError. */
function guard<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw asPackageError(err);
  }
}
