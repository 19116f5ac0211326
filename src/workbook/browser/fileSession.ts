/**
 * The task pane's session outside Office: a local .xlsx opened in the browser (or a template made here).
 * The file is read and written back by the package layer in a Web Worker (workerJobs.ts), so that no file can
 * freeze or crash the page; exceljs is loaded with import() only to make a template.
 *
 * Unlike the Office session, the form of the standalone page writes inputs (setInput): that is the officer
 * typing. Each change is rescored after a short pause and kept in localStorage (drafts.ts) so that a reload
 * loses nothing. The file itself stays as it was opened: a download is that file with the typed inputs,
 * the scores, texts, total and grade and the sync record patched in — every other part (charts, pictures,
 * the officer's own names and protection, macros) kept byte for byte. Nothing leaves the machine.
 */
import { columnIndex, evaluate, getScheme } from '../../engine';
import type { CellRef, Evaluation, Finding, RawValue, Scheme } from '../../engine';
import { outputPlanOf } from '../formulaResults';
import { outputValues } from '../outputs';
import { DEFAULT_LIMITS } from '../package/limits';
import { PackageError } from '../package/errors';
import type { WriteBack } from '../package/workbook';
import { schemeCarried } from '../carriedScheme';
import { oneForm, type CurrentInputs, type InsertOptions, type InsertReport, type PaneSession, type RecomputeReason, type RecomputeResult } from '../session';
import { changedSince, makeSyncRecord, type SyncRecord } from '../sync';
import type { MoneyUnit, OutputValue, TemplateOptions, WorkbookInputs } from '../types';
import { indexedDbBytesStore, noBytesStore, type BytesStore } from './bytesStore';
import { readBlob, saveBytes, xlsxName } from './download';
import { DraftStore, draftKey, type Draft } from './drafts';
import { cellValuesOf, formValuesOf, type FormValue, type FormValues } from './formValues';
import { inThreadJobs, type Opened, type PackageJobs, type SchemeSpec } from './packageJobs';
import { workerJobs } from './workerJobs';

type XlsxModule = typeof import('../xlsx');

/** exceljs and its adapter, as their own chunk: loaded only to make a template. */
export const loadXlsx = (): Promise<XlsxModule> => import(/* webpackChunkName: "exceljs" */ '../xlsx');

/** The page's worker where the browser has workers; the page's own thread elsewhere (tests). */
function defaultJobs(): PackageJobs {
  if (typeof Worker !== 'function') return inThreadJobs;
  return workerJobs({ spawn: async () => (await import(/* webpackMode: "eager" */ './spawnWorker')).spawnPackageWorker() });
}

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
  /** how exceljs is loaded (to make templates); default import() */
  loadXlsx?: () => Promise<XlsxModule>;
  /** where files are read and written back; default a Web Worker where there is one */
  jobs?: PackageJobs;
}

/** The workbook the session holds: its bytes as opened (or made here) and what was read from them. */
interface Held {
  bytes: Uint8Array;
  opened: Opened;
}

const NO_WORKBOOK = '还没有打开工作簿：请打开 .xlsx 文件，或新建模板';
const NO_TEMPLATE = '工作簿中没有找到评分模板，请先插入模板';
/** Inserting a template rebuilds the file through exceljs, on the page's thread: only for files of ordinary size. */
const INSERT_LIMIT = 16 * 1024 * 1024;
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

/** A scheme as the worker reads it. */
function specOf(scheme: Scheme): SchemeSpec {
  return { id: scheme.id, inputs: scheme.inputs, outputs: [...outputValues(scheme, evaluate(scheme, { values: {} })).keys()] };
}

/** "无法读取“a.xlsx”：不是有效的 .xlsx 文件" for what the package layer refused; anything else as it is. */
function unreadable(name: string, err: unknown): Error {
  return err instanceof PackageError ? new Error(`无法读取“${name}”：${err.message}`) : (err as Error);
}

export class FileSession implements PaneSession {
  private held: Held | null = null;
  private scheme: Scheme | null = null;
  /** the opened file as it was, kept for the draft (IndexedDB); null for a template made here */
  private original: Uint8Array | null = null;
  /** inputs typed since the workbook was opened or made: written into the file on download, replayed after a reload */
  private typed = new Set<string>();
  /** inputs typed but not yet scored */
  private pending = new Set<string>();
  /** the sync record as of the last rescoring (the file's own until then) */
  private record: SyncRecord | null = null;
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
  private readonly jobs: PackageJobs;

  constructor(options: FileSessionOptions = {}) {
    this.schemes = options.schemes?.length ? options.schemes : [getScheme()];
    this.drafts = options.drafts === undefined ? new DraftStore() : options.drafts;
    this.bytes = options.bytes ?? (this.drafts ? indexedDbBytesStore() : noBytesStore);
    this.debounceMs = options.debounceMs ?? 150;
    this.clock = options.clock ?? (() => new Date());
    this.save = options.save ?? ((bytes, name) => saveBytes(bytes, name));
    this.onError = options.onError ?? ((e) => console.error('[jixiao]', e));
    this.load = options.loadXlsx ?? loadXlsx;
    this.jobs = options.jobs ?? defaultJobs();
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
    return this.serialize(async () => (this.held ? this.scheme : null));
  }

  /** Adds the template to the opened workbook, or makes a new workbook holding just the template. */
  insertTemplate(scheme: Scheme, options: InsertOptions, progress: (step: string, fraction: number) => void): Promise<InsertReport> {
    return this.serialize(async () => {
      const sheets = { summary: scheme.layout.summary.sheet, scoring: scheme.layout.scoring.sheet, survey: scheme.layout.survey.sheet };
      const held = this.held;
      if (held) {
        const again = await this.jobs.run({ kind: 'open', bytes: held.bytes, schemes: [specOf(scheme)] });
        if (again.schemeId && again.inputs) {
          // the workbook holds this scheme's template already: go on with it as it is
          this.held = { bytes: held.bytes, opened: again };
          this.scheme = scheme;
          this.record ??= again.sync;
          this.update({ scheme, cells: again.inputs.cells ?? {} });
          return { sheets, resumed: true };
        }
        if (held.opened.xmlBytes > INSERT_LIMIT) {
          throw new Error('这个文件较大，无法在浏览器中插入模板：请新建模板，再把数据复制过去');
        }
      }
      progress('正在加载表格组件…', 0);
      const lib = await this.load();
      const created = !held;
      const xlsx = held ? await lib.XlsxWorkbook.fromBuffer(held.bytes) : await lib.XlsxWorkbook.create();
      progress('正在生成模板…', 0.3);
      // the exceljs adapter always writes all three sheets: the survey sheet holds the answer grid
      await xlsx.insertTemplate(scheme, { dept: options.dept, year: options.year, unit: options.unit });
      const bytes = await xlsx.toBuffer();
      progress('正在读取模板…', 0.8);
      const opened = await this.jobs.run({ kind: 'open', bytes, schemes: [specOf(scheme)] });
      if (!opened.schemeId || !opened.inputs) throw new Error(NO_TEMPLATE);
      this.hold({ bytes, opened }, scheme, created ? null : bytes);
      this.update({
        status: 'ready',
        scheme,
        hasWorkbook: true,
        origin: created ? 'template' : this.snap.origin,
        fileName: created ? null : this.snap.fileName,
        values: formValuesOf(scheme, opened.inputs.values),
        cells: opened.inputs.cells ?? {},
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
   * to insert one). What is not a workbook (an .ods, a .docx, a legacy .xls, a damaged or oversized file) is
   * refused with one line saying so; on failure the workbook open before stays as it was.
   */
  open(file: Blob, name: string = (file as File).name ?? '工作簿.xlsx'): Promise<Scheme | null> {
    this.cancelTimer();
    return this.serialize(async () => {
      const previous = this.snap.status;
      this.update({ status: 'loading' });
      try {
        if (file.size > DEFAULT_LIMITS.maxFileBytes) {
          throw new Error(`无法读取“${name}”：文件过大（超过 ${Math.round(DEFAULT_LIMITS.maxFileBytes / 1024 / 1024)} MB）`);
        }
        const data = await readBlob(file);
        let opened: Opened;
        try {
          opened = await this.jobs.run({ kind: 'open', bytes: data, schemes: this.schemes.map(specOf) });
        } catch (err) {
          throw unreadable(name, err);
        }
        const detected = this.schemes.find((s) => s.id === opened.schemeId) ?? null;
        // a workbook made with a scheme this page does not have (a county's) is scored by the scheme it carries
        const scheme = detected && schemeCarried(opened.carried, detected, this.schemes);
        await this.forgetDraft();
        this.hold({ bytes: data, opened }, scheme, data);
        this.update({
          status: 'ready',
          scheme,
          hasWorkbook: true,
          origin: 'file',
          fileName: name,
          values: scheme && opened.inputs ? formValuesOf(scheme, opened.inputs.values) : {},
          cells: opened.inputs?.cells ?? {},
          restored: null,
          dirty: false,
        });
        if (scheme) await this.keepDraft(true);
        return scheme;
      } catch (e) {
        this.update({ status: previous === 'loading' ? (this.held ? 'ready' : 'empty') : previous });
        throw e;
      }
    });
  }

  /** The officer typed (or picked) a value: kept at once, rescored after a short pause. */
  setInput(name: string, value: FormValue): void {
    const scheme = this.scheme;
    if (!scheme || !this.held) throw new Error(NO_WORKBOOK);
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

  /**
   * The scored workbook as a file: the file as opened, with everything typed, every score, the total and
   * grade and the sync record written into it (and nothing else of it changed).
   */
  async workbookFile(): Promise<{ bytes: Uint8Array; fileName: string }> {
    await this.settle();
    return this.serialize(async () => {
      const held = this.held;
      const scheme = this.scheme;
      if (!held || !scheme) throw new Error(NO_WORKBOOK);
      if (this.pending.size || !this.last) await this.recomputeNow('manual');
      const bytes = await this.jobs.run({ kind: 'write', bytes: held.bytes, writeBack: this.writeBackOf(held, scheme) });
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

  /** The inputs as last read and their evaluation (after any pending change is scored). */
  async current(): Promise<CurrentInputs> {
    await this.settle();
    return this.serialize(async () => {
      if (!this.held || !this.scheme) throw new Error(NO_WORKBOOK);
      if (this.pending.size || !this.last) await this.recomputeNow('manual');
      const last = this.last!;
      return { scheme: this.scheme, ...last, forms: oneForm(this.scheme, last.evaluation).map((f) => ({ ...f, values: last.values })) };
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
  private hold(held: Held | null, scheme: Scheme | null, original: Uint8Array | null): void {
    this.held = held;
    this.scheme = scheme;
    this.original = original;
    this.record = held?.opened.sync ?? null;
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

  /** The inputs as the file holds them with what was typed on top; a typed input the file has no cell for is a finding. */
  private inputsNow(scheme: Scheme, read: WorkbookInputs, issues: Finding[]): Record<string, RawValue> {
    const values = { ...read.values };
    const typed = cellValuesOf(scheme, this.snap.values, this.typed);
    for (const [name, value] of Object.entries(typed)) {
      if (!(name in read.values)) {
        const missing = read.problems.find((f) => f.inputs.includes(name));
        issues.push({
          severity: 'error',
          code: 'write_failed',
          message: `无法写入“${scheme.input(name).label}”：${missing?.message ?? '工作簿中找不到它的单元格'}`,
          inputs: [name],
        });
        continue;
      }
      values[name] = Array.isArray(value) ? sameShape(value, read.values[name]) : value;
    }
    return values;
  }

  private async recomputeNow(reason: RecomputeReason): Promise<RecomputeResult> {
    const held = this.held;
    if (!held) throw new Error(NO_WORKBOOK);
    const scheme = this.scheme;
    const read = held.opened.inputs;
    if (!scheme || !read) throw new Error(NO_TEMPLATE);
    const issues: Finding[] = [];
    this.pending.clear();
    const values = this.inputsNow(scheme, read, issues);
    const evaluation = evaluate(scheme, { values, cells: read.cells });
    let written = 0;
    if (held.opened.conflict) {
      issues.push({ severity: 'error', code: 'write_failed', message: `无法写入评分结果：${held.opened.conflict}`, inputs: [] });
    } else {
      const outputs = outputValues(scheme, evaluation);
      for (const [name, value] of outputs) if (this.lastOutputs?.get(name) !== value) written++;
      this.lastOutputs = outputs;
    }
    const previous = this.record;
    const record = makeSyncRecord(scheme.id, scheme.version, values, this.clock());
    if (!previous || previous.fingerprint !== record.fingerprint) this.record = record;
    evaluation.issues = bySeverity([...read.problems, ...issues, ...evaluation.issues]);
    this.last = { values, evaluation };
    if (!sameCells(this.snap.cells, read.cells ?? {})) this.update({ cells: read.cells ?? {} });
    return {
      evaluation,
      forms: oneForm(scheme, evaluation),
      reason,
      changedSinceSync: COMPARE.has(reason) ? changedSince(previous, values) : [],
      written,
    };
  }

  /** What a download writes into the file: the typed inputs, the outputs, the formulas' results, the sync record. */
  private writeBackOf(held: Held, scheme: Scheme): WriteBack {
    const read = held.opened.inputs!;
    const fills: Record<string, RawValue> = {};
    const values = this.last?.values ?? read.values;
    for (const name of this.typed) if (name in read.values) fills[name] = values[name];
    const plan = outputPlanOf(scheme);
    const synced = held.opened.sync;
    return {
      inputs: scheme.inputs,
      fills,
      outputs: held.opened.conflict || !this.last ? [] : [...outputValues(scheme, this.last.evaluation)],
      textNames: [...plan.textNames],
      derivations: [...plan.derivations],
      sync: this.record && this.record.fingerprint !== synced?.fingerprint ? this.record : null,
    };
  }

  private async restoreNow(): Promise<void> {
    const draft = this.drafts?.latest(this.schemes.map((s) => s.id));
    const scheme = draft && this.schemes.find((s) => s.id === draft.scheme);
    if (!draft || !scheme || this.held) return;
    this.update({ status: 'loading' });
    try {
      const names = new Set(scheme.inputs.map((i) => i.name));
      let held: Held | null = null;
      let original: Uint8Array | null = null;
      if (draft.origin === 'file') {
        original = await this.bytes.get(draftKey(scheme.id));
        if (original) {
          const bytes = original;
          const opened = await this.jobs.run({ kind: 'open', bytes, schemes: [specOf(scheme)] }).catch(() => null);
          if (opened?.schemeId && opened.inputs) held = { bytes, opened };
        }
        if (!held) original = null;
      }
      // the opened file with what was typed replayed on it, or else a new template with everything the form held
      let replay = Object.keys(draft.values).filter((n) => names.has(n));
      if (held) {
        replay = draft.typed.filter((n) => names.has(n));
      } else {
        const lib = await this.load();
        const xlsx = await lib.XlsxWorkbook.create();
        await xlsx.insertTemplate(scheme, templateOptions(scheme, draft.values));
        const bytes = await xlsx.toBuffer();
        const opened = await this.jobs.run({ kind: 'open', bytes, schemes: [specOf(scheme)] });
        if (!opened.inputs) throw new Error(NO_TEMPLATE);
        held = { bytes, opened };
      }
      const values: FormValues = formValuesOf(scheme, held.opened.inputs!.values);
      for (const n of Object.keys(draft.values)) if (names.has(n)) values[n] = draft.values[n];
      this.hold(held, scheme, original);
      this.typed = new Set(replay);
      this.update({
        status: 'ready',
        scheme,
        hasWorkbook: true,
        fileName: draft.fileName,
        origin: draft.origin,
        values,
        cells: held.opened.inputs!.cells ?? {},
        restored: { savedAt: draft.savedAt, fileName: draft.fileName },
        dirty: draft.typed.length > 0,
      });
      // what was typed here before the reload had been synced then: it is no change made offline
      this.record = makeSyncRecord(scheme.id, scheme.version, this.inputsNow(scheme, held.opened.inputs!, []), this.clock());
    } catch (e) {
      this.update({ status: this.held ? 'ready' : 'empty' });
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
    if (this.snap.fileName) {
      const name = xlsxName(this.snap.fileName);
      // a workbook with macros keeps them, and Excel opens it only as .xlsm
      return this.held?.opened.macroEnabled ? name.replace(/\.xlsx$/i, '.xlsm') : name;
    }
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

/**
 * A typed answer grid in the shape the file's grid has (rows × questions, blanks as null), so that it reads,
 * scores and fingerprints as the file will hold it once written.
 */
function sameShape(rows: RawValue[], asRead: RawValue): RawValue[][] {
  const grid = Array.isArray(asRead) ? asRead : [];
  const height = Math.max(grid.length, rows.length);
  const width = Math.max(0, ...grid.map((r) => (Array.isArray(r) ? r.length : 1)), ...rows.map((r) => (Array.isArray(r) ? r.length : 1)));
  const out: RawValue[][] = [];
  for (let r = 0; r < height; r++) {
    const row = rows[r];
    const cells = Array.isArray(row) ? row : row === undefined ? [] : [row];
    out.push(Array.from({ length: width }, (_, c) => cells[c] ?? null));
  }
  return out;
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
