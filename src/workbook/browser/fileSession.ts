/**
 * The task pane's session outside Office: a local .xlsx opened in the browser (or a template made here),
 * held in memory by the exceljs adapter. exceljs is loaded with import() the first time a workbook is
 * opened, built or restored, so the page starts without it.
 *
 * Unlike the Office session, the form of the standalone page writes inputs (setInput): that is the officer
 * typing. Each change is written into the workbook and rescored after a short pause; the scores, texts,
 * total and grade go into the workbook in memory, the sync record into its very hidden jixiao_sync sheet,
 * and the typed values into localStorage (drafts.ts) so that a reload loses nothing. Nothing leaves the
 * machine: the workbook reaches the officer again only as a download.
 */
import { columnIndex, evaluate, getScheme } from '../../engine';
import type { CellRef, Evaluation, Finding, RawValue, Scheme } from '../../engine';
import { outputValues } from '../outputs';
import type { CurrentInputs, InsertOptions, InsertReport, PaneSession, RecomputeReason, RecomputeResult } from '../session';
import { changedSince, makeSyncRecord } from '../sync';
import type { MoneyUnit, OutputValue, TemplateOptions } from '../types';
import type { XlsxWorkbook } from '../xlsx';
import { indexedDbBytesStore, noBytesStore, type BytesStore } from './bytesStore';
import { readBlob, saveBytes, xlsxName } from './download';
import { DraftStore, draftKey, type Draft } from './drafts';
import { cellValuesOf, formValuesOf, type FormValue, type FormValues } from './formValues';
import { readSyncRecord, writeSyncRecord } from '../xlsx/syncRecord';

type XlsxModule = typeof import('../xlsx');

/** exceljs and the adapter, as their own chunk: never in the page's initial scripts. */
export const loadXlsx = (): Promise<XlsxModule> => import(/* webpackChunkName: "exceljs" */ '../xlsx');

/** A control of the form: an input, or one answer of a survey grid (0-based row and question). */
export interface FieldTarget {
  name: string;
  row?: number;
  column?: number;
}

export type FileStatus = 'empty' | 'loading' | 'ready';

/** What the standalone page shows besides the scores: where the workbook came from and what the form holds. */
export interface FileSnapshot {
  status: FileStatus;
  /** the scheme of the workbook's template; null while there is no workbook or it holds no template */
  scheme: Scheme | null;
  hasWorkbook: boolean;
  /** the opened file's name; null for a template made here */
  fileName: string | null;
  origin: 'file' | 'template' | null;
  /** every input as the form shows it */
  values: FormValues;
  /** where each input lives in the workbook (for findings, and the survey grid's cells) */
  cells: Record<string, CellRef>;
  /** set when the workbook was rebuilt from what localStorage kept */
  restored: { savedAt: string; fileName: string | null } | null;
  /** typed since the workbook was opened, made or last downloaded */
  dirty: boolean;
  /** false when localStorage refused the last draft (full, or disabled): a reload would lose the changes */
  kept: boolean;
}

export interface FileSessionOptions {
  /** the schemes a workbook is matched against; default: the shipped default scheme */
  schemes?: Scheme[];
  /** where typed values survive a reload; null keeps nothing; default localStorage */
  drafts?: DraftStore | null;
  /** where an opened file's bytes survive a reload; default IndexedDB where there is one */
  bytes?: BytesStore;
  /** quiet time after the last keystroke before rescoring; default 150 ms */
  debounceMs?: number;
  /** the time stamped on the sync record and the draft */
  clock?: () => Date;
  /** hands a file to the officer; default a Blob download */
  save?: (bytes: Uint8Array, fileName: string) => void;
  /** where failures of rescoring the session starts by itself go; default console.error */
  onError?: (error: unknown) => void;
  /** how exceljs is loaded; default import() */
  loadXlsx?: () => Promise<XlsxModule>;
}

const NO_WORKBOOK = '还没有打开工作簿：请打开 .xlsx 文件，或新建模板';
const NO_TEMPLATE = '工作簿中没有找到评分模板，请先插入模板';
const COMPARE: ReadonlySet<RecomputeReason> = new Set(['open', 'focus', 'manual']);
const ORDER = { error: 0, warning: 1, info: 2 } as const;
const EMPTY: FileSnapshot = {
  status: 'empty',
  scheme: null,
  hasWorkbook: false,
  fileName: null,
  origin: null,
  values: {},
  cells: {},
  restored: null,
  dirty: false,
  kept: true,
};

export class FileSession implements PaneSession {
  private xlsx: XlsxWorkbook | null = null;
  private scheme: Scheme | null = null;
  /** the opened file as it was, kept for the draft (IndexedDB) */
  private original: Uint8Array | null = null;
  /** inputs typed since the workbook was opened or made: replayed on the original bytes after a reload */
  private typed = new Set<string>();
  /** inputs typed but not yet written into the workbook */
  private pending = new Set<string>();
  private lastOutputs: Map<string, OutputValue> | null = null;
  private last: { values: Record<string, RawValue>; evaluation: Evaluation } | null = null;
  private snap: FileSnapshot = EMPTY;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private restoring: Promise<void> | null = null;
  private readonly listeners = new Set<(result: RecomputeResult) => void>();
  private readonly stateListeners = new Set<() => void>();
  private readonly focusListeners = new Set<(target: FieldTarget) => void>();
  private readonly schemes: Scheme[];
  private readonly drafts: DraftStore | null;
  private readonly bytes: BytesStore;
  private readonly debounceMs: number;
  private readonly clock: () => Date;
  private readonly save: (bytes: Uint8Array, fileName: string) => void;
  private readonly onError: (error: unknown) => void;
  private readonly load: () => Promise<XlsxModule>;

  constructor(options: FileSessionOptions = {}) {
    this.schemes = options.schemes?.length ? options.schemes : [getScheme()];
    this.drafts = options.drafts === undefined ? new DraftStore() : options.drafts;
    this.bytes = options.bytes ?? (this.drafts ? indexedDbBytesStore() : noBytesStore);
    this.debounceMs = options.debounceMs ?? 150;
    this.clock = options.clock ?? (() => new Date());
    this.save = options.save ?? ((bytes, name) => saveBytes(bytes, name));
    this.onError = options.onError ?? ((e) => console.error('[jixiao]', e));
    this.load = options.loadXlsx ?? loadXlsx;
  }

  // ---- state for the page (useSyncExternalStore) ----

  readonly getSnapshot = (): FileSnapshot => this.snap;

  readonly subscribeState = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  /** The form registers here: select() asks it to focus a control. */
  onFocusRequest(listener: (target: FieldTarget) => void): () => void {
    this.focusListeners.add(listener);
    return () => this.focusListeners.delete(listener);
  }

  private update(patch: Partial<FileSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of [...this.stateListeners]) l();
  }

  // ---- PaneSession ----

  /** The scheme of the workbook's template; the first call brings back what a previous visit left in localStorage. */
  async detect(): Promise<Scheme | null> {
    await this.restore();
    return this.serialize(async () => {
      if (!this.xlsx) return null;
      if (!this.scheme) {
        const { detectScheme } = await this.load();
        this.scheme = detectScheme(this.xlsx, this.schemes);
        if (this.scheme) this.update({ scheme: this.scheme });
      }
      return this.scheme;
    });
  }

  /** Adds the template to the opened workbook, or makes a new workbook holding just the template. */
  insertTemplate(scheme: Scheme, options: InsertOptions, progress: (step: string, fraction: number) => void): Promise<InsertReport> {
    return this.serialize(async () => {
      progress('正在加载表格组件…', 0);
      const lib = await this.load();
      const sheets = { summary: scheme.layout.summary.sheet, scoring: scheme.layout.scoring.sheet, survey: scheme.layout.survey.sheet };
      if (this.xlsx && lib.detectScheme(this.xlsx, [scheme])) {
        this.scheme = scheme;
        this.update({ scheme });
        return { sheets, resumed: true };
      }
      const created = !this.xlsx;
      const xlsx = this.xlsx ?? (await lib.XlsxWorkbook.create());
      progress('正在生成模板…', 0.3);
      // the exceljs adapter always writes all three sheets: the survey sheet holds the answer grid
      await xlsx.insertTemplate(scheme, { dept: options.dept, year: options.year, unit: options.unit });
      progress('正在读取模板…', 0.8);
      const read = await xlsx.readInputs(scheme);
      this.hold(xlsx, scheme, created ? null : this.original);
      this.update({
        status: 'ready',
        scheme,
        hasWorkbook: true,
        origin: created ? 'template' : this.snap.origin,
        fileName: created ? null : this.snap.fileName,
        values: formValuesOf(scheme, read.values),
        cells: read.cells ?? {},
        restored: null,
        dirty: false,
      });
      await this.keepDraft(true);
      progress('模板已生成', 1);
      return { sheets, resumed: false };
    });
  }

  recompute(reason: RecomputeReason): Promise<RecomputeResult> {
    this.cancelTimer();
    return this.serialize(() => this.recomputeNow(reason));
  }

  /** Focuses the form control of a cell such as 基本情况表!D9 (or of an input name). */
  async select(cell: string): Promise<void> {
    const target = this.targetOf(cell);
    if (!target) throw new Error(`表单中没有与 ${cell} 对应的栏目`);
    for (const l of [...this.focusListeners]) l(target);
  }

  subscribe(listener: (result: RecomputeResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- the standalone page ----

  /**
   * Opens a local .xlsx. Returns the scheme of its template, or null when it holds none (the page then offers
   * to insert one). On failure the workbook open before stays as it was.
   */
  open(file: Blob, name: string = (file as File).name ?? '工作簿.xlsx'): Promise<Scheme | null> {
    this.cancelTimer();
    return this.serialize(async () => {
      if (/\.xls$/i.test(name)) throw new Error(`“${name}”是旧版 Excel 格式（.xls），请先在 Excel 或 WPS 中另存为 .xlsx 后再打开`);
      const previous = this.snap.status;
      this.update({ status: 'loading' });
      try {
        const data = await readBlob(file);
        // an .xlsx is a zip: anything else (a .csv, an .et, a renamed .xls) is refused before exceljs sees it
        if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b) throw new Error(`“${name}”不是 .xlsx 工作簿，请选择 Excel 2007 及以后格式（.xlsx）的文件`);
        const lib = await this.load();
        let xlsx: XlsxWorkbook;
        try {
          xlsx = await lib.XlsxWorkbook.fromBuffer(data);
        } catch {
          throw new Error(`无法读取“${name}”：文件已损坏，或不是 .xlsx 工作簿`);
        }
        const scheme = lib.detectScheme(xlsx, this.schemes);
        const read = scheme ? await xlsx.readInputs(scheme) : null;
        await this.forgetDraft();
        this.hold(xlsx, scheme, data);
        this.update({
          status: 'ready',
          scheme,
          hasWorkbook: true,
          origin: 'file',
          fileName: name,
          values: scheme && read ? formValuesOf(scheme, read.values) : {},
          cells: read?.cells ?? {},
          restored: null,
          dirty: false,
        });
        if (scheme) await this.keepDraft(true);
        return scheme;
      } catch (e) {
        this.update({ status: previous === 'loading' ? (this.xlsx ? 'ready' : 'empty') : previous });
        throw e;
      }
    });
  }

  /** The officer typed (or picked) a value: kept at once, written and rescored after a short pause. */
  setInput(name: string, value: FormValue): void {
    const scheme = this.scheme;
    if (!scheme || !this.xlsx) throw new Error(NO_WORKBOOK);
    const input = scheme.inputs.find((i) => i.name === name);
    if (!input) throw new Error(`评分方案 ${scheme.id} 没有输入 ${name}`);
    if (input.kind === 'survey') {
      if (!Array.isArray(value)) throw new Error(`${input.label}应为逐份问卷的答案`);
      if (value.length > (input.rows ?? value.length)) throw new Error(`${input.label}最多${input.rows}份问卷`);
    } else if (typeof value !== 'string') {
      throw new Error(`${input.label}应为文字`);
    }
    this.typed.add(name);
    this.pending.add(name);
    this.update({ values: { ...this.snap.values, [name]: value }, dirty: true });
    void this.keepDraft(false);
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.serialize(() => this.recomputeNow('change'))
        .then((result) => {
          for (const l of [...this.listeners]) l(result);
        })
        .catch(this.onError);
    }, this.debounceMs);
  }

  /** Runs a rescoring that is waiting for the pause after typing, and waits for everything under way. */
  async settle(): Promise<void> {
    if (this.timer) {
      this.cancelTimer();
      const result = await this.serialize(() => this.recomputeNow('change'));
      for (const l of [...this.listeners]) l(result);
    }
    await this.queue.catch(() => undefined);
  }

  /** The scored workbook as a file: everything typed, every score, the total and grade, the sync record. */
  async workbookFile(): Promise<{ bytes: Uint8Array; fileName: string }> {
    await this.settle();
    return this.serialize(async () => {
      if (!this.xlsx || !this.scheme) throw new Error(NO_WORKBOOK);
      if (this.pending.size || !this.last) await this.recomputeNow('manual');
      const bytes = await this.xlsx.toBuffer();
      return { bytes, fileName: await this.downloadName() };
    });
  }

  /**
   * Downloads the scored workbook, then forgets the draft kept for a reload (the officer has the file now;
   * typing again keeps a new one).
   */
  async download(): Promise<{ bytes: Uint8Array; fileName: string }> {
    const file = await this.workbookFile();
    this.save(file.bytes, file.fileName);
    await this.serialize(() => this.forgetDraft());
    this.update({ dirty: false, restored: null });
    return file;
  }

  /** The inputs as last read and their evaluation (after any pending change is written and scored). */
  async current(): Promise<CurrentInputs> {
    await this.settle();
    return this.serialize(async () => {
      if (!this.xlsx || !this.scheme) throw new Error(NO_WORKBOOK);
      if (this.pending.size || !this.last) await this.recomputeNow('manual');
      return { scheme: this.scheme, ...this.last! };
    });
  }

  /** Hands any file to the officer as a download (the 报送版, for instance). */
  saveFile(bytes: Uint8Array, fileName: string): void {
    this.save(bytes, fileName);
  }

  /** 清除: forgets the workbook, the form and everything kept for a reload. */
  async clear(): Promise<void> {
    this.cancelTimer();
    await this.serialize(async () => {
      await this.forgetDraft();
      for (const s of this.schemes) this.drafts?.remove(s.id);
      this.hold(null, null, null);
      this.update(EMPTY);
    });
  }

  /** Brings back the draft a previous visit left (once; later calls wait for the first). */
  restore(): Promise<void> {
    if (!this.restoring) this.restoring = this.serialize(() => this.restoreNow()).catch(this.onError);
    return this.restoring;
  }

  // ---- inside ----

  /** Takes on a workbook (or none): what was scored, typed or pending for the previous one is dropped. */
  private hold(xlsx: XlsxWorkbook | null, scheme: Scheme | null, original: Uint8Array | null): void {
    this.xlsx = xlsx;
    this.scheme = scheme;
    this.original = original;
    this.lastOutputs = null;
    this.last = null;
    this.pending.clear();
    this.typed = new Set();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(task);
    this.queue = next;
    return next;
  }

  private async recomputeNow(reason: RecomputeReason): Promise<RecomputeResult> {
    const xlsx = this.xlsx;
    if (!xlsx) throw new Error(NO_WORKBOOK);
    if (!this.scheme) {
      const { detectScheme } = await this.load();
      this.scheme = detectScheme(xlsx, this.schemes);
    }
    const scheme = this.scheme;
    if (!scheme) throw new Error(NO_TEMPLATE);
    const issues: Finding[] = [];
    if (this.pending.size) {
      const names = [...this.pending];
      this.pending.clear();
      fill(xlsx, scheme, cellValuesOf(scheme, this.snap.values, names), issues);
    }
    const read = await xlsx.readInputs(scheme);
    const evaluation = evaluate(scheme, { values: read.values, cells: read.cells });
    let written = 0;
    try {
      await xlsx.writeOutputs(scheme, evaluation);
      const outputs = outputValues(scheme, evaluation);
      for (const [name, value] of outputs) if (this.lastOutputs?.get(name) !== value) written++;
      this.lastOutputs = outputs;
    } catch (e) {
      issues.push({
        severity: 'error',
        code: 'write_failed',
        message: `无法写入评分结果：${e instanceof Error ? e.message : String(e)}`,
        inputs: [],
      });
    }
    const previous = readSyncRecord(xlsx.workbook);
    const record = makeSyncRecord(scheme.id, scheme.version, read.values, this.clock());
    if (!previous || previous.fingerprint !== record.fingerprint) writeSyncRecord(xlsx.workbook, record);
    evaluation.issues = bySeverity([...read.problems, ...issues, ...evaluation.issues]);
    this.last = { values: read.values, evaluation };
    if (!sameCells(this.snap.cells, read.cells ?? {})) this.update({ cells: read.cells ?? {} });
    return {
      evaluation,
      reason,
      changedSinceSync: COMPARE.has(reason) ? changedSince(previous, read.values) : [],
      written,
    };
  }

  private async restoreNow(): Promise<void> {
    const draft = this.drafts?.latest(this.schemes.map((s) => s.id));
    const scheme = draft && this.schemes.find((s) => s.id === draft.scheme);
    if (!draft || !scheme || this.xlsx) return;
    this.update({ status: 'loading' });
    try {
      const lib = await this.load();
      const names = new Set(scheme.inputs.map((i) => i.name));
      let xlsx: XlsxWorkbook | null = null;
      let original: Uint8Array | null = null;
      if (draft.origin === 'file') {
        original = await this.bytes.get(draftKey(scheme.id));
        if (original) xlsx = await lib.XlsxWorkbook.fromBuffer(original).catch(() => null);
        if (!xlsx) original = null;
      }
      // the opened file with what was typed replayed on it, or else a new template with everything the form held
      let replay = Object.keys(draft.values).filter((n) => names.has(n));
      if (xlsx && lib.detectScheme(xlsx, [scheme])) {
        replay = draft.typed.filter((n) => names.has(n));
      } else {
        xlsx = xlsx ?? (await lib.XlsxWorkbook.create());
        await xlsx.insertTemplate(scheme, templateOptions(scheme, draft.values));
      }
      const issues: Finding[] = [];
      fill(xlsx, scheme, cellValuesOf(scheme, draft.values, replay), issues);
      const read = await xlsx.readInputs(scheme);
      // what was typed here before the reload had been synced then: it is no change made offline
      writeSyncRecord(xlsx.workbook, makeSyncRecord(scheme.id, scheme.version, read.values, this.clock()));
      const values: FormValues = formValuesOf(scheme, read.values);
      for (const n of Object.keys(draft.values)) if (names.has(n)) values[n] = draft.values[n];
      this.xlsx = xlsx;
      this.scheme = scheme;
      this.original = original;
      this.typed = new Set(draft.typed.filter((n) => names.has(n)));
      this.update({
        status: 'ready',
        scheme,
        hasWorkbook: true,
        fileName: draft.fileName,
        origin: draft.origin,
        values,
        cells: read.cells ?? {},
        restored: { savedAt: draft.savedAt, fileName: draft.fileName },
        dirty: draft.typed.length > 0,
      });
    } catch (e) {
      this.update({ status: this.xlsx ? 'ready' : 'empty' });
      throw e;
    }
  }

  /** Keeps the form in localStorage (and, with `bytes`, the opened file in IndexedDB). */
  private async keepDraft(bytes: boolean): Promise<void> {
    const scheme = this.scheme;
    if (!this.drafts || !scheme) return;
    const draft: Draft = {
      v: 1,
      scheme: scheme.id,
      schemeVersion: scheme.version,
      fileName: this.snap.fileName,
      origin: this.snap.origin ?? 'template',
      values: this.snap.values,
      typed: [...this.typed],
      savedAt: this.clock().toISOString(),
    };
    const kept = this.drafts.save(draft);
    if (kept !== this.snap.kept) this.update({ kept });
    if (bytes && this.original && draft.origin === 'file') await this.bytes.put(draftKey(scheme.id), this.original);
  }

  private async forgetDraft(): Promise<void> {
    const scheme = this.scheme;
    if (!scheme) return;
    this.drafts?.remove(scheme.id);
    await this.bytes.delete(draftKey(scheme.id));
  }

  private async downloadName(): Promise<string> {
    if (this.snap.fileName) return xlsxName(this.snap.fileName);
    const scheme = this.scheme!;
    const { submissionFileNameOf } = await import('../export');
    return submissionFileNameOf(scheme, { values: this.last?.values ?? {}, evaluation: this.last!.evaluation });
  }

  /** The control for a cell address (Sheet!A1, quotes and $ allowed) or an input name. */
  private targetOf(cell: string): FieldTarget | null {
    const scheme = this.scheme;
    if (!scheme) return null;
    if (scheme.inputs.some((i) => i.name === cell)) return { name: cell };
    const bang = cell.lastIndexOf('!');
    if (bang < 0) return null;
    const sheet = cell.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'").toLowerCase();
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(cell.slice(bang + 1));
    if (!m) return null;
    const col = columnIndex(m[1]);
    const row = Number(m[2]);
    const cells = this.snap.cells;
    for (const input of scheme.inputs) {
      const ref = cells[input.name];
      if (!ref || ref.sheet.toLowerCase() !== sheet) continue;
      const at = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(ref.address);
      if (!at) continue;
      const left = columnIndex(at[1]);
      const top = Number(at[2]);
      if (input.kind === 'survey') {
        const r = row - top;
        const c = col - left;
        if (r >= 0 && r < (input.rows ?? 1) && c >= 0) return { name: input.name, row: r, ...(c < (input.questions ?? 1) ? { column: c } : {}) };
      } else if (row === top && col === left) {
        return { name: input.name };
      }
    }
    return null;
  }
}

/** Writes values into their cells; a name the workbook lacks (deleted in Excel) becomes a finding, not a failure. */
function fill(xlsx: XlsxWorkbook, scheme: Scheme, values: Record<string, RawValue>, issues: Finding[]): void {
  try {
    xlsx.fillInputs(scheme, values);
    return;
  } catch {
    // one by one, to write what can be written
  }
  for (const [name, value] of Object.entries(values)) {
    try {
      xlsx.fillInputs(scheme, { [name]: value });
    } catch (e) {
      issues.push({
        severity: 'error',
        code: 'write_failed',
        message: `无法写入“${scheme.input(name).label}”：${e instanceof Error ? e.message : String(e)}`,
        inputs: [name],
      });
    }
  }
}

/** 部门名称, 年度 and 金额单位 as a new template wants them, from what the form held. */
function templateOptions(scheme: Scheme, values: FormValues): TemplateOptions {
  const text = (name: string) => {
    const v = values[name];
    return typeof v === 'string' ? v.trim() : '';
  };
  const dept = text(scheme.identity.dept);
  const year = text(scheme.identity.year);
  const unit = text(scheme.identity.unit);
  return {
    ...(dept ? { dept } : {}),
    ...(/^\d{4}$/.test(year) ? { year: Number(year) } : {}),
    ...(unit === '元' || unit === '万元' ? { unit: unit as MoneyUnit } : {}),
  };
}

function sameCells(a: Record<string, CellRef>, b: Record<string, CellRef>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => b[k] && a[k].sheet === b[k].sheet && a[k].address === b[k].address);
}

function bySeverity(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}
