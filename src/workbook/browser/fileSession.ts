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
import { checkSchemeData, columnIndex, evaluate, getScheme, resolvedScheme, schemeIds } from '../../engine';
import type { CellRef, Evaluation, Finding, RawValue, Scheme } from '../../engine';
import { outputPlanOf } from '../formulaResults';
import { outputValues } from '../outputs';
import { DEFAULT_LIMITS } from '../package/limits';
import { PackageError } from '../package/errors';
import type { WriteBack } from '../package/workbook';
import { schemeCarried } from '../carriedScheme';
import { formsSyncRecord, formsValues, formsWriteBack, formWrite } from '../forms/write';
import type { FormRead, FormWrite } from '../package/forms';
import { oneForm, type CurrentInputs, type FormResult, type InsertOptions, type InsertReport, type PaneSession, type RecomputeReason, type RecomputeResult } from '../session';
import { changedSince, makeSyncRecord, type SyncRecord } from '../sync';
import type { MoneyUnit, OutputValue, TemplateOptions, WorkbookInputs } from '../types';
import { indexedDbBytesStore, noBytesStore, type BytesStore } from './bytesStore';
import { readBlob, saveBytes, xlsxName } from './download';
import { DraftStore, draftKey, type Draft } from './drafts';
import { cellValueOf, cellValuesOf, formValuesOf, tableCellsOf, tableValueOf, type FormValue, type FormValues } from './formValues';
import { inThreadJobs, readsAsForms, type Opened, type PackageJobs, type SchemeSpec } from './packageJobs';
import { workerJobs } from './workerJobs';

type XlsxModule = typeof import('../xlsx');

/** exceljs and its adapter, as their own chunk: loaded only to make a template. */
export const loadXlsx = (): Promise<XlsxModule> => import(/* webpackChunkName: "exceljs" */ '../xlsx');

/** The page's worker where the browser has workers; the page's own thread elsewhere (tests). */
function defaultJobs(): PackageJobs {
  if (typeof Worker !== 'function') return inThreadJobs;
  return workerJobs({ spawn: async () => (await import(/* webpackMode: "eager" */ './spawnWorker')).spawnPackageWorker() });
}

/**
 * A control of the form: an input, one answer of a survey grid (0-based row and question), or one field of a
 * table's row (0-based row and field); `sheet` names the form (project sheet) of a workbook of target tables.
 */
export interface FieldTarget {
  name: string;
  row?: number;
  column?: number;
  sheet?: string | null;
}

/** One form of a workbook of target tables (a project's sheet, or the workbook-wide 部门整体 form) as the page shows it. */
export interface FormSnapshot {
  /** the form's sheet; null for a workbook-wide form */
  sheet: string | null;
  /** the project's name as typed, else the sheet's name, else the scheme's title */
  title: string;
  /** every input as the form shows it; a table as the texts of its rows */
  values: FormValues;
  /** where each input (and each table's first cell) lives */
  cells: Record<string, CellRef>;
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
  /** every input as the form shows it (a workbook of target tables: its first form's) */
  values: FormValues;
  /** where each input lives in the workbook (for findings, and the survey grid's cells) */
  cells: Record<string, CellRef>;
  /** a workbook of target tables: every form, in the workbook's order; empty for the other schemes */
  forms: FormSnapshot[];
  /** a workbook of target tables: every form as last scored (what the page shows beside each form) */
  scored: FormResult[];
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
  forms: [],
  scored: [],
  restored: null,
  dirty: false,
  kept: true,
};

/** A scheme as the worker reads it. */
function specOf(scheme: Scheme): SchemeSpec {
  const outputs = [...outputValues(scheme, evaluate(scheme, { values: {} })).keys(), ...scheme.columnOutputs];
  return { id: scheme.id, inputs: scheme.inputs, outputs, formScope: scheme.formScope, tables: scheme.tables };
}

/** The key of a form by its sheet ('' for the workbook-wide form). */
const formKey = (sheet: string | null): string => (sheet ?? '').toLowerCase();

/** What the officer calls a form: the project's name as typed, else its sheet's name, else the scheme's title. */
function formTitle(scheme: Scheme, sheet: string | null, values: FormValues): string {
  const project = scheme.identity.project ? values[scheme.identity.project] : undefined;
  return (typeof project === 'string' && project.trim()) || sheet || scheme.title;
}

/** A form as read from the file, as the page shows it. */
function formSnapshotOf(scheme: Scheme, read: FormRead): FormSnapshot {
  const values: FormValues = formValuesOf(scheme, read.values);
  for (const t of scheme.tables) values[t.name] = tableValueOf(t, read.values[t.name]);
  return { sheet: read.sheet, title: formTitle(scheme, read.sheet, values), values, cells: read.cells ?? {} };
}

/** A form of the last scoring: its sheet, its inputs as scored, its evaluation. */
interface ScoredForm {
  sheet: string | null;
  values: Record<string, RawValue>;
  evaluation: Evaluation;
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
  /** a workbook of target tables: the inputs typed in each form, by formKey */
  private typedForms = new Map<string, Set<string>>();
  /** a workbook of target tables: every form as last scored */
  private lastForms: ScoredForm[] | null = null;
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
    this.schemes = options.schemes?.length ? options.schemes : schemeIds().map((id) => getScheme(id));
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
    if (readsAsForms(scheme)) return this.serialize(() => this.insertForms(scheme, options, progress));
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
        ...this.formsPatch(scheme, opened),
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
          ...this.formsPatch(scheme, opened),
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
  setInput(name: string, value: FormValue, sheet?: string | null): void {
    const scheme = this.scheme;
    if (!scheme || !this.held) throw new Error(NO_WORKBOOK);
    if (this.held.opened.forms) {
      this.setFormInput(scheme, name, value, sheet);
      return;
    }
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
    this.schedule();
  }

  /**
   * The officer typed into one form of a workbook of target tables (the first form when `sheet` is not given):
   * an input's text, or a table's rows as the texts of their fields (rows added, deleted or moved included).
   */
  private setFormInput(scheme: Scheme, name: string, value: FormValue, sheet: string | null | undefined): void {
    const k = sheet === undefined ? 0 : this.snap.forms.findIndex((f) => formKey(f.sheet) === formKey(sheet));
    const form = this.snap.forms[k];
    if (!form) throw new Error(`工作簿中没有工作表“${sheet ?? ''}”的表单`);
    const table = scheme.tables.find((t) => t.name === name);
    if (table) {
      if (!Array.isArray(value) || !value.every((row) => Array.isArray(row) && row.length <= table.fields.length)) {
        throw new Error(`${table.label}应为逐行的${table.fields.length}栏文字`);
      }
    } else {
      const input = scheme.inputs.find((i) => i.name === name);
      if (!input) throw new Error(`评分方案 ${scheme.id} 没有输入 ${name}`);
      if (typeof value !== 'string') throw new Error(`${input.label}应为文字`);
    }
    const key = formKey(form.sheet);
    const typed = this.typedForms.get(key) ?? new Set<string>();
    typed.add(name);
    this.typedForms.set(key, typed);
    this.pending.add(`${key}!${name}`);
    const values = { ...form.values, [name]: value };
    const forms = this.snap.forms.slice();
    forms[k] = { ...form, values, title: formTitle(scheme, form.sheet, values) };
    this.update({ forms, values: forms[0].values, dirty: true });
    this.schedule();
  }

  /** Keeps what was typed and rescores after the pause. */
  private schedule(): void {
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
      const bytes = held.opened.forms
        ? await this.formsFile(held, scheme)
        : await this.jobs.run({ kind: 'write', bytes: held.bytes, writeBack: this.writeBackOf(held, scheme) });
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
      const scheme = this.scheme;
      const forms = this.lastForms
        ? this.lastForms.map((f) => ({ sheet: f.sheet, title: this.titleOf(scheme, f.sheet), evaluation: f.evaluation, values: f.values }))
        : oneForm(scheme, last.evaluation).map((f) => ({ ...f, values: last.values }));
      return { scheme, ...last, forms };
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
    this.typedForms = new Map();
    this.lastForms = null;
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
    if (held.opened.forms) return this.recomputeForms(held, scheme, reason);
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

  // ---- workbooks of target tables (a form per project sheet, tables of rows) ----

  /** The snapshot's values, cells and forms for a workbook as opened (or none). */
  private formsPatch(scheme: Scheme | null, opened: Opened | null): Pick<FileSnapshot, 'values' | 'cells' | 'forms' | 'scored'> {
    if (!scheme || !opened?.inputs) return { values: {}, cells: {}, forms: [], scored: [] };
    if (!opened.forms) return { values: formValuesOf(scheme, opened.inputs.values), cells: opened.inputs.cells ?? {}, forms: [], scored: [] };
    const forms = opened.forms.map((f) => formSnapshotOf(scheme, f));
    return { values: forms[0]?.values ?? {}, cells: forms[0]?.cells ?? {}, forms, scored: [] };
  }

  private titleOf(scheme: Scheme, sheet: string | null): string {
    const form = this.snap.forms.find((f) => formKey(f.sheet) === formKey(sheet));
    return form ? form.title : (sheet ?? scheme.title);
  }

  /** A new workbook of target tables: the template (with `projects` project sheets), made here. */
  private async insertForms(scheme: Scheme, options: InsertOptions, progress: (step: string, fraction: number) => void): Promise<InsertReport> {
    if (this.held) {
      const again = await this.jobs.run({ kind: 'open', bytes: this.held.bytes, schemes: [specOf(scheme)] });
      if (again.schemeId === scheme.id && again.forms?.length) {
        this.held = { bytes: this.held.bytes, opened: again };
        this.scheme = scheme;
        this.record ??= again.sync;
        this.update({ scheme, ...this.formsPatch(scheme, again) });
        return { sheets: {}, resumed: true };
      }
      throw new Error(`不能在已打开的文件中插入“${scheme.title}”：请先清除，再新建模板`);
    }
    progress('正在加载表格组件…', 0);
    const { buildTemplateFile } = await import(/* webpackChunkName: "exceljs" */ '../forms/template');
    progress('正在生成模板…', 0.3);
    const count = scheme.formScope === 'sheet' ? Math.max(1, Math.min(50, Math.floor(options.projects ?? 1))) : 1;
    const bytes = await buildTemplateFile(
      scheme,
      { dept: options.dept, year: options.year, unit: options.unit, forms: Array.from({ length: count }, () => ({})) },
      this.clock(),
    );
    progress('正在读取模板…', 0.8);
    const opened = await this.jobs.run({ kind: 'open', bytes, schemes: [specOf(scheme)] });
    if (opened.schemeId !== scheme.id || !opened.forms?.length) throw new Error(NO_TEMPLATE);
    this.hold({ bytes, opened }, scheme, null);
    this.update({ status: 'ready', scheme, hasWorkbook: true, origin: 'template', fileName: null, ...this.formsPatch(scheme, opened), restored: null, dirty: false });
    await this.keepDraft(true);
    progress('模板已生成', 1);
    return { sheets: {}, resumed: false };
  }

  /**
   * 添加项目: one more project sheet (a blank form, its sheet named `name` or 项目支出绩效自评表N, its 项目名称
   * filled with `name`) before 项目自评汇总, which then lists it. What was typed in the other projects is kept.
   */
  addProject(name?: string): Promise<{ sheet: string }> {
    this.cancelTimer();
    return this.serialize(async () => {
      const held = this.held;
      const scheme = this.scheme;
      if (!held || !scheme) throw new Error(NO_WORKBOOK);
      if (!held.opened.forms || scheme.formScope !== 'sheet') throw new Error(`“${scheme.title}”只有一张表，不能添加项目`);
      const { addFormToFile } = await import(/* webpackChunkName: "exceljs" */ '../forms/add');
      const wanted = name?.trim();
      const project = scheme.identity.project;
      const added = await addFormToFile(
        held.bytes,
        scheme,
        { ...templateOptions(scheme, this.snap.forms[0]?.values ?? {}), ...(wanted ? { sheet: wanted } : {}), ...(wanted && project ? { values: { [project]: wanted } } : {}) },
        this.clock(),
      );
      const opened = await this.jobs.run({ kind: 'open', bytes: added.bytes, schemes: [specOf(scheme)] });
      if (!opened.forms) throw new Error(NO_TEMPLATE);
      // the other forms keep what was typed in them; the new one shows what the file holds
      const before = new Map(this.snap.forms.map((f) => [formKey(f.sheet), f]));
      const forms = opened.forms.map((read) => {
        const was = before.get(formKey(read.sheet));
        return was ? { ...was, cells: read.cells ?? {} } : formSnapshotOf(scheme, read);
      });
      this.held = { bytes: added.bytes, opened };
      // a reload replays what was typed on this file, which holds the new project
      if (this.original) this.original = added.bytes;
      this.lastOutputs = null;
      this.update({ forms, values: forms[0].values, cells: forms[0].cells, dirty: true });
      await this.keepDraft(true);
      return { sheet: added.sheet };
    });
  }

  /** A form's inputs as the file holds them with what was typed on top; a typed input the file has no cell for is a finding. */
  private formInputsNow(scheme: Scheme, read: FormRead, shown: FormValues, typed: ReadonlySet<string>, issues: Finding[]): Record<string, RawValue> {
    const values = { ...read.values };
    for (const name of typed) {
      const table = scheme.tables.find((t) => t.name === name);
      const input = table ? null : scheme.inputs.find((i) => i.name === name);
      if (!(name in read.values)) {
        const missing = read.problems.find((f) => f.inputs.includes(name));
        const label = table?.label ?? input?.label ?? name;
        issues.push({ severity: 'error', code: 'write_failed', message: `无法写入“${label}”：${missing?.message ?? '工作簿中找不到它的单元格'}`, inputs: [name] });
        continue;
      }
      const value = shown[name];
      if (table) values[name] = tableCellsOf(table, Array.isArray(value) ? value : []);
      else if (input) values[name] = cellValueOf(input, value);
    }
    return values;
  }

  private recomputeForms(held: Held, scheme: Scheme, reason: RecomputeReason): RecomputeResult {
    const reads = held.opened.forms ?? [];
    if (!reads.length) throw new Error(NO_TEMPLATE);
    this.pending.clear();
    const shown = new Map(this.snap.forms.map((f) => [formKey(f.sheet), f]));
    const scored: ScoredForm[] = [];
    const results: FormResult[] = [];
    const outputs = new Map<string, OutputValue>();
    for (const read of reads) {
      const key = formKey(read.sheet);
      const form = shown.get(key);
      const issues: Finding[] = [];
      const values = this.formInputsNow(scheme, read, form?.values ?? {}, this.typedForms.get(key) ?? new Set(), issues);
      const evaluation = evaluate(scheme, { values, cells: read.cells });
      if (held.opened.conflict) {
        issues.push({ severity: 'error', code: 'write_failed', message: `无法写入评分结果：${held.opened.conflict}`, inputs: [] });
      } else {
        for (const [name, value] of outputValues(scheme, evaluation)) outputs.set(`${key}!${name}`, value);
      }
      evaluation.issues = bySeverity([...read.problems, ...issues, ...evaluation.issues]);
      scored.push({ sheet: read.sheet, values, evaluation });
      results.push({ sheet: read.sheet, title: form?.title ?? read.sheet ?? scheme.title, evaluation });
    }
    let written = 0;
    if (!held.opened.conflict) {
      for (const [name, value] of outputs) if (this.lastOutputs?.get(name) !== value) written++;
      this.lastOutputs = outputs;
    }
    const previous = this.record;
    const record = formsSyncRecord(scheme, scored, this.clock());
    if (!previous || previous.fingerprint !== record.fingerprint) this.record = record;
    this.lastForms = scored;
    this.last = { values: scored[0].values, evaluation: scored[0].evaluation };
    this.update({ scored: results, ...(sameCells(this.snap.cells, reads[0].cells ?? {}) ? {} : { cells: reads[0].cells ?? {} }) });
    return {
      evaluation: scored[0].evaluation,
      forms: results,
      reason,
      changedSinceSync: COMPARE.has(reason) ? changedSince(previous, formsValues(scored)) : [],
      written,
    };
  }

  /**
   * The workbook of target tables as a file: every form's typed inputs, outputs and row outputs and the sync
   * record written in. A form with more rows than its table holds is laid out again with room for them first
   * (forms/grow.ts), and the session goes on with that file.
   */
  private async formsFile(held: Held, scheme: Scheme): Promise<Uint8Array> {
    const scored = this.lastForms ?? [];
    const reads = held.opened.forms ?? [];
    const tooMany = scored.filter((f) => {
      const read = reads.find((r) => formKey(r.sheet) === formKey(f.sheet));
      return scheme.tables.some((t) => {
        const rows = f.values[t.name];
        const room = read?.values[t.name];
        return Array.isArray(rows) && Array.isArray(room) && rows.length > room.length;
      });
    });
    let bytes = held.bytes;
    if (tooMany.length) {
      const { growForms } = await import(/* webpackChunkName: "exceljs" */ '../forms/grow');
      bytes = await growForms(bytes, scheme, tooMany.map((f) => ({ sheet: f.sheet, values: f.values })));
      const opened = await this.jobs.run({ kind: 'open', bytes, schemes: [specOf(scheme)] });
      if (!opened.forms) throw new Error(NO_TEMPLATE);
      this.held = held = { bytes, opened };
      this.update({ forms: this.snap.forms.map((f) => ({ ...f, cells: opened.forms!.find((r) => formKey(r.sheet) === formKey(f.sheet))?.cells ?? f.cells })) });
    }
    const writes: FormWrite[] = scored.map((f) => {
      const fills: Record<string, RawValue> = {};
      for (const name of this.typedForms.get(formKey(f.sheet)) ?? []) if (name in f.values) fills[name] = f.values[name];
      return held.opened.conflict ? { sheet: f.sheet, fills, outputs: [], rows: [] } : formWrite(scheme, f.sheet, f.evaluation, fills);
    });
    const synced = held.opened.sync;
    const sync = this.record && this.record.fingerprint !== synced?.fingerprint ? this.record : null;
    return this.jobs.run({ kind: 'writeForms', bytes, writeBack: formsWriteBack(scheme, writes, sync) });
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
    const scheme = draft && (this.schemes.find((s) => s.id === draft.scheme) ?? keptScheme(draft));
    if (!draft || !scheme || this.held) return;
    this.update({ status: 'loading' });
    try {
      if (readsAsForms(scheme)) {
        await this.restoreForms(draft, scheme);
        return;
      }
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
        forms: [],
        scored: [],
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

  /**
   * A draft of a workbook of target tables brought back: the opened file with what was typed in each form
   * replayed on it, or else a new template with a sheet per form (named as before, with room for every row)
   * and everything the forms held.
   */
  private async restoreForms(draft: Draft, scheme: Scheme): Promise<void> {
    const kept = draft.forms ?? [{ sheet: null, values: draft.values, typed: draft.typed }];
    let held: Held | null = null;
    let original: Uint8Array | null = null;
    if (draft.origin === 'file') {
      original = await this.bytes.get(draftKey(scheme.id));
      if (original) {
        const bytes = original;
        const opened = await this.jobs.run({ kind: 'open', bytes, schemes: [specOf(scheme)] }).catch(() => null);
        if (opened?.schemeId === scheme.id && opened.forms?.length) held = { bytes, opened };
      }
      if (!held) original = null;
    }
    const replayAll = !held;
    if (!held) {
      const { buildTemplateFile } = await import(/* webpackChunkName: "exceljs" */ '../forms/template');
      const forms = kept.map((f) => {
        const rows: Record<string, number> = {};
        for (const t of scheme.tables) if (Array.isArray(f.values[t.name])) rows[t.name] = f.values[t.name].length;
        return { ...(f.sheet ? { sheet: f.sheet } : {}), rows };
      });
      const bytes = await buildTemplateFile(scheme, { ...templateOptions(scheme, kept[0]?.values ?? {}), forms }, this.clock());
      const opened = await this.jobs.run({ kind: 'open', bytes, schemes: [specOf(scheme)] });
      if (!opened.forms?.length) throw new Error(NO_TEMPLATE);
      held = { bytes, opened };
    }
    const known = new Set([...scheme.inputs.map((i) => i.name), ...scheme.tables.map((t) => t.name)]);
    const reads = held.opened.forms!;
    this.hold(held, scheme, original);
    const forms = reads.map((read, k) => {
      const shown = formSnapshotOf(scheme, read);
      // by sheet; a template made again names its sheets as before, so k is the fallback for a renamed one
      const from = kept.find((f) => formKey(f.sheet) === formKey(read.sheet)) ?? (replayAll ? kept[k] : undefined);
      if (!from) return shown;
      const names = (replayAll ? Object.keys(from.values) : from.typed).filter((n) => known.has(n));
      this.typedForms.set(formKey(read.sheet), new Set(names));
      const values = { ...shown.values };
      for (const n of Object.keys(from.values)) if (known.has(n)) values[n] = from.values[n];
      return { ...shown, values, title: formTitle(scheme, read.sheet, values) };
    });
    this.update({
      status: 'ready',
      scheme,
      hasWorkbook: true,
      fileName: draft.fileName,
      origin: draft.origin,
      values: forms[0].values,
      cells: forms[0].cells,
      forms,
      restored: { savedAt: draft.savedAt, fileName: draft.fileName },
      dirty: kept.some((f) => f.typed.length > 0),
    });
    // what was typed here before the reload had been synced then: it is no change made offline
    const now = reads.map((read) => ({
      sheet: read.sheet,
      values: this.formInputsNow(scheme, read, forms.find((f) => formKey(f.sheet) === formKey(read.sheet))!.values, this.typedForms.get(formKey(read.sheet)) ?? new Set(), []),
    }));
    this.record = formsSyncRecord(scheme, now, this.clock());
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
      ...(this.held?.opened.forms
        ? { forms: this.snap.forms.map((f) => ({ sheet: f.sheet, values: f.values, typed: [...(this.typedForms.get(formKey(f.sheet)) ?? [])] })) }
        : {}),
      ...(this.schemes.includes(scheme) ? {} : { schemeJson: resolvedScheme(scheme)?.json }),
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

  /** The control of a workbook of target tables for a cell of a form's sheet (lower-cased): an input, or a table row's field. */
  private formTargetOf(scheme: Scheme, sheet: string, row: number, col: number): FieldTarget | null {
    for (const form of this.snap.forms) {
      for (const input of scheme.inputs) {
        const ref = form.cells[input.name];
        const at = ref && ref.sheet.toLowerCase() === sheet ? topLeft(ref) : null;
        if (at && at.top === row && at.left === col) return { name: input.name, sheet: form.sheet };
      }
      for (const table of scheme.tables) {
        const ref = form.cells[table.name];
        const at = ref && ref.sheet.toLowerCase() === sheet ? topLeft(ref) : null;
        if (!at || row < at.top || col < at.left) continue;
        const column = col - at.left;
        return { name: table.name, sheet: form.sheet, row: row - at.top, ...(column < table.fields.length ? { column } : {}) };
      }
    }
    return null;
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
    if (this.snap.forms.length) return this.formTargetOf(scheme, sheet, row, col);
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

/** Where a cell of a form's sheet is in the form: an input, or a field of a table's row. */
function topLeft(ref: CellRef): { left: number; top: number } | null {
  const at = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(ref.address);
  return at ? { left: columnIndex(at[1]), top: Number(at[2]) } : null;
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

/** The scheme a draft was kept with (a region's), checked again like any scheme file; undefined when unusable. */
function keptScheme(draft: Draft): Scheme | undefined {
  if (!draft.schemeJson) return undefined;
  try {
    return checkSchemeData(JSON.parse(draft.schemeJson), { allowShippedId: true }).resolved?.scheme;
  } catch {
    return undefined;
  }
}
