/// <reference types="office-js" />
import { evaluate, getScheme } from '../../engine';
import type { Finding, Scheme } from '../../engine';
import { isResultsSheet, outputValues } from '../outputs';
import { oneForm, type CurrentInputs, type InsertOptions, type InsertReport, type LayoutReport, type PaneSession, type RecomputeReason, type RecomputeResult } from '../session';
import type { SyncRecord } from '../sync';
import { changedSince, makeSyncRecord } from '../sync';
import { isSyncSheet, SYNC_RANGE, SYNC_SHEET } from '../syncStore';
import { schemeCarried } from '../carriedScheme';
import { splitSheet, topLeft } from './a1';
import { Binding, ChangeEvent, classifyChange, Debouncer, globalTimer, Timer } from './changes';
import { autoOpenSetting, capabilities, markAutoShow, requirementMessage, setAutoOpenSetting } from './host';
import type { Capabilities } from './host';
import { insertTemplates } from './insert';
import { planWrites, queueRecord, queueRecordSheet, queueWrites, readAll, ReadResult, sameValue, sheetInfo } from './io';
import type { PlannedWrite } from './io';
import { earlierLayoutSheets, ProtectionGuard, upgradeLayout } from './layout';
import { OfficeError, say } from './messages';
import { cellEditSafeRunner, Runner } from './run';
import { carriedOf, queueReadScheme } from './schemeSheet';

export interface OfficeSessionOptions {
  /** the schemes detect() looks for; default: the shipped default scheme */
  schemes?: Scheme[];
  /** quiet time after the last change before recomputing; default 300 ms */
  debounceMs?: number;
  /** drives the debounce and the waits between tries of a batch refused in cell-edit mode */
  timer?: Timer;
  /** the time stamped on the sync record */
  clock?: () => Date;
  /** default: Excel.run with delayForCellEdit, tried again while Excel refuses it in cell-edit mode */
  run?: Runner;
  /** listen to change events; default: when the host supports it (ExcelApi 1.7) */
  live?: boolean;
  /** what the host supports; default: asked of Office.context.requirements when Office is loaded, else not checked */
  capabilities?: Capabilities | null;
  /** where failures of recomputes the session starts by itself go; default console.error */
  onError?: (error: unknown) => void;
}

/** reasons for which the result says what changed since the record kept in the workbook */
const COMPARE: ReadonlySet<RecomputeReason> = new Set(['open', 'focus', 'manual']);
/** recomputes the session starts by itself, reported to subscribers */
const SELF_STARTED: ReadonlySet<RecomputeReason> = new Set(['change', 'focus']);
/**
 * recomputes the officer starts (opening the pane, 同步, inserting): the only ones that may add a sheet or
 * toggle protection — both clear Excel's undo history — never one started while the officer types
 */
const OFFICER_STARTED: ReadonlySet<RecomputeReason> = new Set(['open', 'manual', 'insert']);

type Handler = OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>;

/**
 * The task pane's session inside Excel. A recompute is one read batch and at most one write batch — two
 * context.sync() whatever the number of indicators — writing only the output cells that differ, on the
 * unprotected results sheet: never an input cell, never a protection change (which would clear the officer's
 * undo history). Change handlers are registered once, in a step of their own. Each step's outcome is known
 * and reported: a failed write is checked to say what landed; the sync record's fate is told apart.
 */
export class OfficeSession implements PaneSession {
  private scheme: Scheme | null = null;
  private binding: Binding = { sheetNames: new Map(), inputs: new Map(), outputs: new Map() };
  /** the one workbook-wide handler (worksheets.onChanged, ExcelApi 1.9) */
  private workbookHandler: Handler | null = null;
  /** per-sheet handlers, where the host has no workbook-wide event: sheet id → handler */
  private readonly handlers = new Map<string, Handler>();
  /** a registration failed: tried again only by a recompute the officer starts */
  private listenFailed = false;
  private readonly listeners = new Set<(result: RecomputeResult) => void>();
  private readonly guard = new ProtectionGuard();
  /** the last upgrade that could not be done, said again while its outputs stay unwritten */
  private blockedLayout: { report: LayoutReport; findings: Finding[] } | null = null;
  private serial: Promise<unknown> = Promise.resolve();
  private readonly changes: Debouncer<ChangeEvent>;
  private readonly schemes: Scheme[];
  private readonly run: Runner;
  private readonly clock: () => Date;
  private readonly live: boolean;
  private readonly workbookEvents: boolean;
  private readonly caps: Capabilities | null;
  private readonly onError: (error: unknown) => void;

  constructor(options: OfficeSessionOptions = {}) {
    this.schemes = options.schemes ?? [getScheme()];
    const timer = options.timer ?? globalTimer;
    this.run = options.run ?? cellEditSafeRunner({ timer });
    this.clock = options.clock ?? (() => new Date());
    const office = (globalThis as { Office?: { context?: unknown } }).Office;
    this.caps = options.capabilities !== undefined ? options.capabilities : office?.context ? capabilities() : null;
    this.live = options.live ?? this.caps?.live ?? false;
    this.workbookEvents = this.caps?.workbookEvents ?? true;
    this.onError = options.onError ?? ((e) => console.error('[jixiao]', e));
    this.changes = new Debouncer(options.debounceMs ?? 300, timer, async (events) => {
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
    const { present, carried } = await this.run(async (context) => {
      const names = context.workbook.names.load('items/name');
      const scheme = queueReadScheme(context);
      await context.sync();
      return { present: new Set(names.items.map((n) => n.name)), carried: carriedOf(scheme) };
    });
    let best: { scheme: Scheme; share: number } | null = null;
    for (const scheme of this.schemes) {
      const share = scheme.inputs.filter((i) => present.has(i.name)).length / scheme.inputs.length;
      if (share >= 0.5 && (!best || share > best.share)) best = { scheme, share };
    }
    // a workbook made with a scheme the pane does not have (a county's) is scored by the scheme it carries
    this.scheme = best ? schemeCarried(carried, best.scheme, this.schemes) : null;
    return this.scheme;
  }

  /** Adds the template sheets; the outputs and the first sync record come with the pane's recompute('insert'). */
  async insertTemplate(scheme: Scheme, options: InsertOptions, progress: (step: string, fraction: number) => void): Promise<InsertReport> {
    const unsupported = this.caps && requirementMessage('insert', this.caps);
    if (unsupported) throw new OfficeError('unsupported', unsupported);
    const report = await this.serialize(() => insertTemplates(this.run, scheme, options, progress));
    this.scheme = scheme;
    await markAutoShow();
    return report;
  }

  recompute(reason: RecomputeReason): Promise<RecomputeResult> {
    return this.enqueue(reason, { record: true });
  }

  async autoOpen(): Promise<boolean> {
    return autoOpenSetting();
  }

  setAutoOpen(on: boolean): Promise<void> {
    return setAutoOpenSetting(on);
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
      if (!scheme) throw say.noTemplate();
      return this.run(async (context) => {
        // the outputs are rendered afresh in the 报送版: only the inputs are read
        const read = await readAll(context, scheme, { outputs: false, record: false });
        const evaluation = evaluate(scheme, { values: read.values, cells: read.cells });
        evaluation.issues = bySeverity([...read.problems, ...evaluation.issues]);
        return { scheme, values: read.values, evaluation, forms: oneForm(scheme, evaluation).map((f) => ({ ...f, values: read.values })) };
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

  /** Called by Excel for every change (of any sheet, or of a sheet holding inputs); public so that hosts and tests can feed events. */
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
    const handlers = [...this.handlers.values(), ...(this.workbookHandler ? [this.workbookHandler] : [])];
    this.handlers.clear();
    this.workbookHandler = null;
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
    if (!scheme) throw say.noTemplate();
    return this.run(async (context) => {
      const issues: Finding[] = [];
      // a sheet an earlier failure left unprotected is protected again first (only ever after an upgrade)
      if (this.guard.pending) issues.push(...(await this.guard.restore(context)));

      // sync 1: every input, every output cell, the sync record, the sheets (ids, protection), the structure
      const read = await readAll(context, scheme, { outputs: true, record: true, description: !!this.caps?.live, structure: true });
      this.bind(read);
      issues.push(...read.problems);
      // once per session, in a step of its own, whatever the writes below do
      issues.push(...(await this.listen(context, read, reason)));
      if (OFFICER_STARTED.has(reason) && !read.structureProtected) await this.hideHelpers(context, read);

      const evaluation = evaluate(scheme, { values: read.values, cells: read.cells });
      const wanted = outputValues(scheme, evaluation);
      let written = 0;
      let layout: LayoutReport | undefined;
      let syncSheet = read.syncSheet;
      let current = read.outputs;
      const earlier = earlierLayoutSheets(read);
      if (earlier.length && OFFICER_STARTED.has(reason)) {
        const upgrade = await upgradeLayout(context, scheme, read, wanted, this.guard);
        layout = upgrade.report;
        issues.push(...upgrade.findings);
        this.blockedLayout = layout.state === 'blocked' ? { report: layout, findings: upgrade.findings } : null;
        written += upgrade.moved.size;
        syncSheet ||= upgrade.syncSheetAdded;
        current = new Map([...read.outputs].filter(([name]) => !upgrade.moved.has(name)));
      }

      const plan = planWrites(wanted, current, read.inputBoxes.values(), (sheet) => !!sheetInfo(read, sheet)?.protected);
      issues.push(...plan.refused);
      if (plan.locked.length && !earlier.length) {
        // the results sheet itself protected (unhidden after a LibreOffice round trip, then protected by hand)
        issues.push({ severity: 'warning', code: 'results_protected', message: say.resultsProtected(), inputs: [] });
      } else if (plan.locked.length && !layout) {
        if (this.blockedLayout) {
          // what stopped the upgrade still holds (a password …): say that, not that 同步 would do it
          layout = this.blockedLayout.report;
          issues.push(...this.blockedLayout.findings);
        } else {
          layout = { state: 'pending', message: say.layoutPending(earlier), sheets: earlier };
          issues.push({ severity: 'warning', code: 'layout_pending', message: layout.message, inputs: [] });
        }
      }

      const record = makeSyncRecord(scheme.id, scheme.version, read.values, this.clock());
      const keepRecord = options.record && (!read.record || read.record.fingerprint !== record.fingerprint);
      const recordNow = keepRecord && syncSheet;
      if (plan.writes.length || recordNow) {
        // sync 2: the outputs that differ, on the unprotected results sheet; then the record, last
        const queued = queueWrites(read, plan.writes);
        const recordRange = recordNow ? queueRecord(context, record) : null;
        try {
          await context.sync();
          written += queued;
        } catch (e) {
          const landed = await this.landed(context, plan.writes, recordNow ? record : null);
          written += landed.written;
          if (landed.written < queued) issues.push({ severity: 'error', code: 'write_failed', message: say.writeFailed(landed.written, queued, e), inputs: [] });
          if (recordRange && !landed.recorded) issues.push({ severity: 'warning', code: 'record_failed', message: say.recordFailed(e), inputs: [] });
        }
      }
      if (keepRecord && !syncSheet) issues.push(...(await this.addRecordSheet(context, read, record, reason)));

      evaluation.issues = bySeverity([...issues, ...evaluation.issues]);
      return {
        evaluation,
        forms: oneForm(scheme, evaluation),
        reason,
        changedSinceSync: COMPARE.has(reason) ? changedSince(read.record, read.values) : [],
        written,
        ...(layout ? { layout } : {}),
      };
    });
  }

  /**
   * After a failed write batch: which outputs and whether the record landed (Excel applies a failed batch's
   * operations up to the one that failed). One more sync; if even that fails, nothing is counted.
   */
  private async landed(context: Excel.RequestContext, writes: PlannedWrite[], record: SyncRecord | null): Promise<{ written: number; recorded: boolean }> {
    try {
      const sheets = context.workbook.worksheets;
      const cells = writes.map((w) => ({ w, range: sheets.getItem(w.box.sheet!).getRange(topLeft(w.box)).load('values') }));
      const first = record ? sheets.getItem(SYNC_SHEET).getRange(SYNC_RANGE.split(':')[0]).load('values') : null;
      await context.sync();
      const written = cells.filter(({ w, range }) => sameValue((range.values as unknown[][])[0][0], w.value)).length;
      const recorded = !!first && String((first.values as unknown[][])[0][0]).includes(`"fingerprint":"${record!.fingerprint}"`);
      return { written, recorded };
    } catch {
      return { written: 0, recorded: false };
    }
  }

  /**
   * The very hidden jixiao_sync sheet with the record, in a step of its own: not where the structure is
   * protected (told once per recompute as info), and not while the officer types (setting a sheet's
   * visibility cannot be undone in Excel on Windows and Mac) — the next recompute the officer starts adds it.
   */
  private async addRecordSheet(context: Excel.RequestContext, read: ReadResult, record: SyncRecord, reason: RecomputeReason): Promise<Finding[]> {
    if (read.structureProtected) return [{ severity: 'info', code: 'record_blocked', message: say.recordBlocked(), inputs: [] }];
    if (!OFFICER_STARTED.has(reason)) return [];
    queueRecordSheet(context, record);
    try {
      await context.sync();
      return [];
    } catch (e) {
      return [{ severity: 'warning', code: 'record_failed', message: say.recordFailed(e), inputs: [] }];
    }
  }

  /**
   * LibreOffice saves a very hidden sheet as merely hidden, which Excel lets anyone unhide: the results and
   * sync sheets are made very hidden again — only in a recompute the officer starts, since setting a sheet's
   * visibility cannot be undone in Excel on Windows and Mac. A failure only leaves them hidden.
   */
  private async hideHelpers(context: Excel.RequestContext, read: ReadResult): Promise<void> {
    const shown = read.sheets.filter((s) => (isResultsSheet(s.name) || isSyncSheet(s.name)) && s.visibility !== 'VeryHidden');
    if (!shown.length) return;
    for (const s of shown) context.workbook.worksheets.getItem(s.id).visibility = 'VeryHidden';
    await context.sync().catch(() => undefined);
  }

  /**
   * Registers the change handlers, each in a batch of its own so that its success is known, and only once:
   * one workbook-wide handler (worksheets.onChanged, ExcelApi 1.9), or, on older hosts, one per sheet holding
   * inputs. A failed registration is said, and tried again by the next recompute the officer starts.
   */
  private async listen(context: Excel.RequestContext, read: ReadResult, reason: RecomputeReason): Promise<Finding[]> {
    if (!this.live || (this.listenFailed && !OFFICER_STARTED.has(reason))) return [];
    const failed = (e: unknown): Finding[] => {
      this.listenFailed = true;
      return [{ severity: 'warning', code: 'listen_failed', message: say.listenFailed(e), inputs: [] }];
    };
    if (this.workbookEvents) {
      if (this.workbookHandler) return [];
      const handler = context.workbook.worksheets.onChanged.add(this.handleChange);
      try {
        await context.sync();
        this.workbookHandler = handler;
        this.listenFailed = false;
        return [];
      } catch (e) {
        return failed(e);
      }
    }
    const inputSheets = new Set([...read.inputBoxes.values()].map((b) => b.sheet!.toLowerCase()));
    for (const s of read.sheets) {
      if (!inputSheets.has(s.name.toLowerCase()) || this.handlers.has(s.id)) continue;
      const handler = context.workbook.worksheets.getItem(s.id).onChanged.add(this.handleChange);
      try {
        await context.sync();
        this.handlers.set(s.id, handler);
      } catch (e) {
        return failed(e);
      }
    }
    this.listenFailed = false;
    return [];
  }

  private bind(read: ReadResult): void {
    this.binding = {
      sheetNames: new Map(read.sheets.map((s) => [s.id, s.name])),
      inputs: read.inputBoxes,
      outputs: new Map([...read.outputs].map(([n, c]) => [n, c.box])),
    };
  }
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

function bySeverity(findings: Finding[]): Finding[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i).map((x) => x.f);
}
