/// <reference types="office-js" />
import { evaluate, getScheme } from '../../engine';
import type { Finding, Scheme } from '../../engine';
import { outputValues } from '../outputs';
import type { CurrentInputs, InsertOptions, InsertReport, PaneSession, RecomputeReason, RecomputeResult } from '../session';
import { changedSince, makeSyncRecord } from '../sync';
import { splitSheet } from './a1';
import { Binding, ChangeEvent, classifyChange, Debouncer, globalTimer, Timer } from './changes';
import { capabilities, markAutoShow, requirementMessage } from './host';
import type { Capabilities } from './host';
import { insertTemplates } from './insert';
import { planWrites, queueRecord, queueWrites, readAll, ReadResult } from './io';
import { excelRun, Runner } from './run';

export interface OfficeSessionOptions {
  /** the schemes detect() looks for; default: the shipped default scheme */
  schemes?: Scheme[];
  /** quiet time after the last change before recomputing; default 300 ms */
  debounceMs?: number;
  timer?: Timer;
  /** the time stamped on the sync record */
  clock?: () => Date;
  run?: Runner;
  /** listen to worksheet.onChanged; default: when the host supports it (ExcelApi 1.7) */
  live?: boolean;
  /** what the host supports; default: asked of Office.context.requirements when Office is loaded, else not checked */
  capabilities?: Capabilities | null;
  /** where failures of recomputes the session starts by itself go; default console.error */
  onError?: (error: unknown) => void;
}

const NO_TEMPLATE = '工作簿中没有找到评分模板，请先插入模板';
/** reasons for which the result says what changed since the record kept in the workbook */
const COMPARE: ReadonlySet<RecomputeReason> = new Set(['open', 'focus', 'manual']);
/** recomputes the session starts by itself, reported to subscribers */
const SELF_STARTED: ReadonlySet<RecomputeReason> = new Set(['change', 'focus', 'insert']);

type Handler = OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>;

/**
 * The task pane's session inside Excel. Each recompute is one read batch and at most one write batch —
 * two context.sync() whatever the number of indicators — and writes only the output cells that differ,
 * never an input cell.
 */
export class OfficeSession implements PaneSession {
  private scheme: Scheme | null = null;
  private binding: Binding = { sheetNames: new Map(), inputs: new Map(), outputs: new Map() };
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Set<(result: RecomputeResult) => void>();
  private serial: Promise<unknown> = Promise.resolve();
  private readonly changes: Debouncer<ChangeEvent>;
  private readonly schemes: Scheme[];
  private readonly run: Runner;
  private readonly clock: () => Date;
  private readonly live: boolean;
  private readonly caps: Capabilities | null;
  private readonly onError: (error: unknown) => void;

  constructor(options: OfficeSessionOptions = {}) {
    this.schemes = options.schemes ?? [getScheme()];
    this.run = options.run ?? excelRun;
    this.clock = options.clock ?? (() => new Date());
    const office = (globalThis as { Office?: { context?: unknown } }).Office;
    this.caps = options.capabilities !== undefined ? options.capabilities : office?.context ? capabilities() : null;
    this.live = options.live ?? this.caps?.live ?? false;
    this.onError = options.onError ?? ((e) => console.error('[jixiao]', e));
    this.changes = new Debouncer(options.debounceMs ?? 300, options.timer ?? globalTimer, async (events) => {
      try {
        // a co-author's add-in keeps the record for their own edits; two sessions writing it would conflict
        await this.enqueue('change', { record: !events.every((e) => e.source === 'Remote') });
      } catch (e) {
        this.onError(e);
      }
    });
  }

  /** One sync: the scheme whose input names the workbook defines (at least half, as the exceljs adapter decides), or null. */
  async detect(): Promise<Scheme | null> {
    const present = await this.run(async (context) => {
      const names = context.workbook.names.load('items/name');
      await context.sync();
      return new Set(names.items.map((n) => n.name));
    });
    let best: { scheme: Scheme; share: number } | null = null;
    for (const scheme of this.schemes) {
      const share = scheme.inputs.filter((i) => present.has(i.name)).length / scheme.inputs.length;
      if (share >= 0.5 && (!best || share > best.share)) best = { scheme, share };
    }
    this.scheme = best?.scheme ?? null;
    return this.scheme;
  }

  async insertTemplate(scheme: Scheme, options: InsertOptions, progress: (step: string, fraction: number) => void): Promise<InsertReport> {
    const unsupported = this.caps && requirementMessage('insert', this.caps);
    if (unsupported) throw new Error(unsupported);
    const report = await this.serialize(() => insertTemplates(this.run, scheme, options, progress));
    this.scheme = scheme;
    // fills the outputs, writes the first sync record and starts listening
    await this.recompute('insert');
    await markAutoShow();
    return report;
  }

  recompute(reason: RecomputeReason): Promise<RecomputeResult> {
    return this.enqueue(reason, { record: true });
  }

  private enqueue(reason: RecomputeReason, options: { record: boolean }): Promise<RecomputeResult> {
    return this.serialize(async () => {
      const result = await this.recomputeNow(reason, options);
      if (SELF_STARTED.has(reason)) for (const l of this.listeners) l(result);
      return result;
    });
  }

  /**
   * The inputs and their evaluation, for the 报送版: one read batch (one context.sync, as a recompute's
   * first), no write — neither outputs nor the sync record. Runs after any recompute under way.
   */
  current(): Promise<CurrentInputs> {
    return this.serialize(async () => {
      const scheme = this.scheme ?? (await this.detect());
      if (!scheme) throw new Error(NO_TEMPLATE);
      return this.run(async (context) => {
        // the outputs are rendered afresh in the 报送版: only the inputs are read
        const read = await readAll(context, scheme, { outputs: false, record: false });
        const evaluation = evaluate(scheme, { values: read.values, cells: read.cells });
        evaluation.issues = bySeverity([...read.problems, ...evaluation.issues]);
        return { scheme, values: read.values, evaluation };
      });
    });
  }

  async select(cell: string): Promise<void> {
    await this.run(async (context) => {
      const { sheet, local } = splitSheet(cell);
      if (sheet === undefined) {
        // a defined name such as in_staff_quota
        const range = context.workbook.names.getItem(local).getRange();
        range.worksheet.activate();
        range.select();
      } else {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(local).select();
      }
      await context.sync();
    });
  }

  subscribe(listener: (result: RecomputeResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by Excel for every change on a sheet holding inputs; public so that hosts and tests can feed events. */
  readonly handleChange = (event: ChangeEvent): Promise<void> => {
    if (classifyChange(event, this.binding).recompute) this.changes.push(event);
    return Promise.resolve();
  };

  /** Waits for a pending burst of changes and any running recompute (tests, and before closing). */
  async settle(): Promise<void> {
    await this.changes.flush();
    await this.serial.catch(() => undefined);
  }

  /** Stops listening: removes the change handlers and drops pending changes. */
  async dispose(): Promise<void> {
    this.changes.cancel();
    const handlers = [...this.handlers.values()];
    this.handlers.clear();
    const excel = (globalThis as { Excel?: typeof Excel }).Excel;
    for (const h of handlers) {
      try {
        if (excel) {
          await excel.run(h.context, async (context) => {
            h.remove();
            await context.sync();
          });
        }
      } catch {
        // the workbook may be closing; nothing to clean
      }
    }
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const next = this.serial.catch(() => undefined).then(task);
    this.serial = next;
    return next;
  }

  private async recomputeNow(reason: RecomputeReason, options: { record: boolean }): Promise<RecomputeResult> {
    const scheme = this.scheme ?? (await this.detect());
    if (!scheme) throw new Error(NO_TEMPLATE);
    return this.run(async (context) => {
      // sync 1: every input, every output cell, the sync record, the sheets (ids, protection)
      const read = await readAll(context, scheme, { outputs: true, record: true, description: !!this.caps?.live });
      this.bind(read);
      const evaluation = evaluate(scheme, { values: read.values, cells: read.cells });
      const plan = planWrites(outputValues(scheme, evaluation), read.outputs, read.inputBoxes.values());
      const issues: Finding[] = [...read.problems, ...plan.refused];

      const record = makeSyncRecord(scheme.id, scheme.version, read.values, this.clock());
      const keepRecord = options.record && (!read.record || read.record.fingerprint !== record.fingerprint);
      const listen = this.live ? this.unboundInputSheets(read) : [];
      let written = 0;
      if (plan.writes.length || keepRecord || listen.length) {
        // sync 2: the outputs that differ (sheets unprotected and protected around them), new handlers, the record last
        const queued = queueWrites(context, read, plan.writes);
        const added = listen.map((id) => [id, context.workbook.worksheets.getItem(id).onChanged.add(this.handleChange)] as const);
        if (keepRecord) queueRecord(context, read, record);
        try {
          await context.sync();
          written = queued;
          for (const [id, h] of added) this.handlers.set(id, h);
        } catch (e) {
          issues.push({
            severity: 'error',
            code: 'write_failed',
            message: `无法写入评分结果：${e instanceof Error ? e.message : String(e)}。如工作表设置了密码保护，请先撤销保护`,
            inputs: [],
          });
        }
      }
      evaluation.issues = bySeverity([...issues, ...evaluation.issues]);
      return {
        evaluation,
        reason,
        changedSinceSync: COMPARE.has(reason) ? changedSince(read.record, read.values) : [],
        written,
      };
    });
  }

  private bind(read: ReadResult): void {
    this.binding = {
      sheetNames: new Map(read.sheets.map((s) => [s.id, s.name])),
      inputs: read.inputBoxes,
      outputs: new Map([...read.outputs].map(([n, c]) => [n, c.box])),
    };
  }

  /** ids of the sheets holding inputs that have no change handler yet */
  private unboundInputSheets(read: ReadResult): string[] {
    const names = new Set([...read.inputBoxes.values()].map((b) => b.sheet!.toLowerCase()));
    return read.sheets.filter((s) => names.has(s.name.toLowerCase()) && !this.handlers.has(s.id)).map((s) => s.id);
  }
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

function bySeverity(findings: Finding[]): Finding[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i).map((x) => x.f);
}
