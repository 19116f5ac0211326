/**
 * The package adapter: a scheme's inputs read through their defined names from an .xlsx opened with
 * XlsxPackage, and outputs, typed inputs and the sync record written back by patching (patch.ts). Read and
 * write-back are plain functions of plain data as well, so that the standalone page can run them in a worker.
 */
import type { Evaluation, RawValue, Scheme, SchemeInput } from '../../engine';
import { outputPlanOf } from '../formulaResults';
import { outputValues } from '../outputs';
import type { SyncRecord } from '../sync';
import { decodeSyncRecord, SYNC_MAX_CELLS, SYNC_SHEET } from '../syncStore';
import type { Derive } from '../template/types';
import type { OutputValue, WorkbookAdapter, WorkbookInputs } from '../types';
import { detectFormsScheme, formOutputConflict, gridOf, locate, readForm, writeForms, type FormsSpec } from './forms';
import type { PackageLimits } from './limits';
import { asPackageError, XlsxPackage } from './package';

/** Every input of a scheme (its `inputs`), with where each lives and what could not be found. */
export function readInputsOf(pkg: XlsxPackage, inputs: readonly SchemeInput[]): WorkbookInputs {
  const { values, cells, problems } = readForm(pkg, { id: '', inputs }, null);
  return { values, cells, problems };
}

/** The scheme whose input names this workbook defines (at least half of them, in the scheme's scope), or null. */
export function detectSchemeOf<T extends Omit<FormsSpec, 'id'>>(pkg: XlsxPackage, schemes: readonly T[]): T | null {
  return detectFormsScheme(pkg, schemes);
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
  return formOutputConflict(pkg, { id: '', inputs }, outputs);
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

/** The package with a write-back applied, as the bytes of the new file: the one workbook-wide form. Throws PackageError. */
export function writeBack(pkg: XlsxPackage, w: WriteBack): Uint8Array {
  return writeForms(pkg, {
    spec: { id: '', inputs: w.inputs },
    forms: [{ sheet: null, fills: w.fills, outputs: w.outputs, rows: [] }],
    textNames: w.textNames,
    derivations: w.derivations,
    sync: w.sync,
  });
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
