/// <reference types="office-js" />
import { evaluate, getScheme, schemeIds } from '../../engine';
import type { Evaluation, Finding, RawValue, Scheme } from '../../engine';
import { formsSyncRecord, formsValues } from '../forms/write';
import { withProblems } from '../forms/spec';
import { isResultsSheet, outputValues } from '../outputs';
import { oneForm, type CurrentInputs, type FormResult, type InsertOptions, type InsertReport, type LayoutReport, type PaneSession, type RecomputeReason, type RecomputeResult } from '../session';
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
import type { Box } from './a1';
import { byWriteOrder, collectFormsRead, formTitle, isFormsScheme, planFormWrites, queueFormsRead, queueFormWrites, type FormsRead, type FormWriteJob } from './forms';
import type { SheetInfo } from './io';
import { carriedOf, queueReadScheme } from './schemeSheet';

export interface OfficeSessionOptions {
  /** the schemes detect() looks for; default: every shipped scheme */
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
  /** a scheme with a form per sheet: the sheets (ids) that held its names at the last read, in order */
  private formSheetIds: string[] = [];
  /** every sheet (id) seen at the last read, whose own names that read looked at */
  private knownSheetIds: string[] = [];
  private readonly changes: Debouncer<ChangeEvent>;
  private readonly schemes: Scheme[];
  private readonly run: Runner;
  private readonly clock: () => Date;
  private readonly live: boolean;
  private readonly workbookEvents: boolean;
  private readonly caps: Capabilities | null;
  private readonly onError: (error: unknown) => void;

  constructor(options: OfficeSessionOptions = {}) {
    this.schemes = options.schemes ?? schemeIds().map((id) => getScheme(id));
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

  /**
   * The scheme whose input names the workbook defines (at least half, as the package layer decides), or null:
   * one sync for the workbook's own names; a second, for the names each sheet holds in its own scope, only
   * when no workbook-wide scheme matched and a scheme has a form per sheet (project-2020).
   */
  async detect(): Promise<Scheme | null> {
    this.scheme = await this.run(async (context) => {
      const names = context.workbook.names.load('items/name');
      const sheets = context.workbook.worksheets.load('items/name,items/id');
      const schemeCells = queueReadScheme(context);
      await context.sync();
      // a workbook made with a scheme the pane does not have (a county's) is scored by the scheme it carries
      const carried = carriedOf(schemeCells);
      const present = new Set(names.items.map((n) => n.name));
      const wide = bestScheme(this.schemes.filter((s) => s.formScope !== 'sheet'), (n) => present.has(n));
      const perSheet = this.schemes.filter((s) => s.formScope === 'sheet');
      if (wide || !perSheet.length || !sheets.items.length) return wide ? schemeCarried(carried, wide, this.schemes) : null;
      const scopes = sheets.items.map((s) => ({ id: s.id, names: context.workbook.worksheets.getItem(s.id).names.load('items/name') }));
      await context.sync();
      const held = scopes.map((s) => ({ id: s.id, names: new Set(s.names.items.map((n) => n.name)) }));
      const found = bestScheme(perSheet, (n) => held.some((s) => s.names.has(n)));
      if (!found) return null;
      const marks = [...found.inputs, ...found.tables].map((i) => i.name);
      this.knownSheetIds = held.map((s) => s.id);
      this.formSheetIds = held.filter((s) => marks.some((n) => s.names.has(n))).map((s) => s.id);
      return schemeCarried(carried, found, this.schemes);
    });
    return this.scheme;
  }

  /** Adds the template sheets; the outputs and the first sync record come with the pane's recompute('insert'). */
  async insertTemplate(scheme: Scheme, options: InsertOptions, progress: (step: string, fraction: number) => void): Promise<InsertReport> {
    const unsupported = this.caps && requirementMessage('insert', this.caps);
    if (unsupported) throw new OfficeError('unsupported', unsupported);
    const report = await this.serialize(async () => {
      if (!isFormsScheme(scheme)) return insertTemplates(this.run, scheme, options, progress);
      // loaded when first needed: inserting is rare, the pane's first load is not
      const { insertForms } = await import(/* webpackChunkName: "forms-insert" */ './formsInsert');
      return insertForms(this.run, scheme, options, progress);
    });
    this.scheme = scheme;
    // the next read looks at every sheet's own names again
    this.knownSheetIds = [];
    this.formSheetIds = [];
    await markAutoShow();
    return report;
  }

  recompute(reason: RecomputeReason): Promise<RecomputeResult> {
    return this.enqueue(reason, { record: true });
  }

  /**
   * 添加项目 (schemes with a form per sheet): a blank project sheet before 项目自评汇总, named `name` or 项目N,
   * with names of its own and its outputs in the next free column of the results sheet; 项目自评汇总 laid out
   * again to list it. The pane then calls recompute('insert').
   */
  async addProject(name?: string): Promise<{ sheet: string }> {
    return this.serialize(async () => {
      const scheme = this.scheme ?? (await this.detect());
      if (!scheme || scheme.formScope !== 'sheet') throw say.noTemplate();
      const unsupported = this.caps && requirementMessage('insert', this.caps);
      if (unsupported) throw new OfficeError('unsupported', unsupported);
      const { addProjectSheet } = await import(/* webpackChunkName: "forms-insert" */ './formsInsert');
      const added = await addProjectSheet(this.run, scheme, name);
      this.knownSheetIds = [];
      this.formSheetIds = [];
      return added;
    });
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
      if (isFormsScheme(scheme)) {
        return this.run(async (context) => {
          const read = await this.readForms(context, scheme);
          const forms = scoreForms(scheme, read);
          if (!forms.length) throw say.noTemplate();
          return { scheme, values: forms[0].values, evaluation: forms[0].evaluation, forms };
        });
      }
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
    if (isFormsScheme(scheme)) return this.recomputeForms(scheme, reason, options);
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
   * Every form read (one batch, its names resolved afresh: rows inserted inside a table are read), scored, and
   * each form's outputs and table columns that differ written with the sync record in one more batch — two
   * context.sync() whatever the number of rows and projects. A sheet added or copied since the last read costs
   * one or two more reads, once (its own names are looked at, then its form is read).
   */
  private recomputeForms(scheme: Scheme, reason: RecomputeReason, options: { record: boolean }): Promise<RecomputeResult> {
    return this.run(async (context) => {
      const issues: Finding[] = [];
      const read = await this.readForms(context, scheme);
      const inputBoxes = new Map<string, Box>();
      const outputBoxes = new Map<string, Box>();
      for (const f of read.forms) {
        const prefix = f.sheet === null ? '' : `${f.sheet}!`;
        for (const [n, b] of f.inputBoxes) inputBoxes.set(prefix + n, b);
        for (const [n, c] of f.outputs) outputBoxes.set(prefix + n, c.box);
      }
      this.binding = { sheetNames: new Map(read.sheets.map((s) => [s.id, s.name])), inputs: inputBoxes, outputs: outputBoxes };
      issues.push(...(await this.listen(context, { inputBoxes, sheets: read.sheets }, reason)));
      if (OFFICER_STARTED.has(reason) && !read.structureProtected) await this.hideHelpers(context, read);

      const forms = scoreForms(scheme, read);
      if (!forms.length) throw say.noTemplate();
      const jobs: FormWriteJob[] = [];
      for (const [k, f] of read.forms.entries()) {
        const plan = planFormWrites(scheme, f, forms[k].evaluation, (sheet) => read.sheets.some((s) => s.protected && s.name.toLowerCase() === sheet.toLowerCase()));
        jobs.push(...plan.jobs);
        issues.push(...plan.refused);
      }
      const record = formsSyncRecord(scheme, forms, this.clock());
      const keepRecord = options.record && (!read.record || read.record.fingerprint !== record.fingerprint);
      const recordNow = keepRecord && read.syncSheet;
      let written = 0;
      if (jobs.length || recordNow) {
        // sync 2: the outputs and table columns that differ (results sheet, unlocked columns); the record last
        const queued = queueFormWrites(read.forms, byWriteOrder(jobs));
        if (recordNow) queueRecord(context, record);
        try {
          await context.sync();
          written = queued;
        } catch (e) {
          issues.push({ severity: 'error', code: 'write_failed', message: say.formsWriteFailed(e), inputs: [] });
        }
      }
      if (keepRecord && !read.syncSheet) issues.push(...(await this.addRecordSheet(context, read, record, reason)));

      // the reading and writing findings go with the first form (the one the pane shows first)
      forms[0].evaluation = { ...forms[0].evaluation, issues: bySeverity([...issues, ...forms[0].evaluation.issues]) };
      return {
        evaluation: forms[0].evaluation,
        forms: forms.map(({ sheet, title, evaluation }) => ({ sheet, title, evaluation })),
        reason,
        changedSinceSync: COMPARE.has(reason) ? changedSince(read.record, formsValues(forms)) : [],
        written,
      };
    });
  }

  /**
   * One read of every form (one sync). When a sheet appeared, or a sheet holds the scheme's names that did not
   * at the last read (a project sheet added or copied), the read is done again for the sheets as they are now.
   */
  private async readForms(context: Excel.RequestContext, scheme: Scheme): Promise<FormsRead> {
    for (let attempt = 0; ; attempt++) {
      let pending = queueFormsRead(context, scheme, this.formSheetIds, this.knownSheetIds);
      try {
        await context.sync();
      } catch (e) {
        // a sheet read last time is gone, and the host refused the chained calls off it: ask for those that exist
        if (scheme.formScope !== 'sheet' || !this.knownSheetIds.length) throw e;
        const sheets = context.workbook.worksheets.load('items/id');
        await context.sync();
        const ids = new Set(sheets.items.map((s) => s.id));
        this.knownSheetIds = this.knownSheetIds.filter((id) => ids.has(id));
        this.formSheetIds = this.formSheetIds.filter((id) => ids.has(id));
        pending = queueFormsRead(context, scheme, this.formSheetIds, this.knownSheetIds);
        await context.sync();
      }
      const read = collectFormsRead(pending);
      if (scheme.formScope !== 'sheet') return read;
      const known = new Set(this.knownSheetIds);
      const asked = new Set(this.formSheetIds);
      const stale = read.sheets.some((s) => !known.has(s.id)) || read.formSheetIds.some((id) => !asked.has(id));
      this.knownSheetIds = read.sheets.map((s) => s.id);
      this.formSheetIds = read.formSheetIds;
      if (!stale || attempt >= 2) {
        // in the workbook's order (a sheet moved by the officer moves its tab)
        const order = new Map(read.sheets.map((s, i) => [s.id, i]));
        read.forms = read.forms.filter((f) => read.formSheetIds.includes(f.sheetId!)).sort((a, b) => order.get(a.sheetId!)! - order.get(b.sheetId!)!);
        return read;
      }
    }
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
  private async addRecordSheet(context: Excel.RequestContext, read: { structureProtected: boolean | null }, record: SyncRecord, reason: RecomputeReason): Promise<Finding[]> {
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
  private async hideHelpers(context: Excel.RequestContext, read: { sheets: SheetInfo[] }): Promise<void> {
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
  private async listen(context: Excel.RequestContext, read: { inputBoxes: Map<string, Box>; sheets: SheetInfo[] }, reason: RecomputeReason): Promise<Finding[]> {
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

/** Each form read, scored, under the title the officer knows it by. */
function scoreForms(scheme: Scheme, read: FormsRead): (FormResult & { values: Record<string, RawValue> })[] {
  return read.forms.map((f) => {
    const evaluation: Evaluation = withProblems(evaluate(scheme, { values: f.values, cells: f.cells }), f.problems);
    return { sheet: f.sheet, title: formTitle(scheme, f.sheet, evaluation), evaluation, values: f.values };
  });
}

/** The scheme whose names (inputs and tables) `has` finds at least half of, the best share winning; or null. */
function bestScheme(schemes: Scheme[], has: (name: string) => boolean): Scheme | null {
  let best: { scheme: Scheme; share: number } | null = null;
  for (const scheme of schemes) {
    const names = [...scheme.inputs, ...scheme.tables].map((i) => i.name);
    const share = names.filter(has).length / names.length;
    if (share >= 0.5 && (!best || share > best.share)) best = { scheme, share };
  }
  return best?.scheme ?? null;
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

function bySeverity(findings: Finding[]): Finding[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i).map((x) => x.f);
}
