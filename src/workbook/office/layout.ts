/// <reference types="office-js" />
import type { Finding, Scheme } from '../../engine';
import { RESULTS_SHEET } from '../outputs';
import type { LayoutReport } from '../session';
import { planTemplate, showName } from '../template';
import type { TemplatePlan } from '../template';
import type { OutputValue } from '../types';
import { intersects, topLeft } from './a1';
import { cellInput, outputsOffResults, queueRecordSheet, sheetInfo } from './io';
import type { OutputCell, ReadResult } from './io';
import { say } from './messages';
import { columnPoints, nameComment } from './render';

/**
 * The results sheet in the open workbook: adding it (with an insert), and moving the outputs of a workbook
 * made by an earlier version — which kept them in locked cells of protected sheets — onto it (the upgrade).
 */

const plans = new WeakMap<Scheme, TemplatePlan>();

/** The scheme's plan without options: where each output lives on the results sheet. */
export function basePlan(scheme: Scheme): TemplatePlan {
  let plan = plans.get(scheme);
  if (!plan) plans.set(scheme, (plan = planTemplate(scheme, {})));
  return plan;
}

/** jixiao_out!$B$5 as a reference for a name's formula. */
function resultsRef(range: string): string {
  return `=${RESULTS_SHEET}!${range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;
}

/**
 * Queues adding the very hidden results sheet: the names in A, each output's first value in B, and the
 * output names pointing there — those missing or broken (=#REF!) only; a name of the earlier layout is left
 * where it is until the upgrade moves it. Setting visibility cannot be undone in Excel on Windows and Mac:
 * this runs only with an insert or an upgrade, never while the officer types.
 */
export function queueResultsSheet(context: Excel.RequestContext, plan: TemplatePlan, existing: Map<string, string | null>): void {
  const ws = context.workbook.worksheets.add(plan.results.name);
  for (const { column, width } of plan.results.columns) ws.getRange(`${column}:${column}`).format.columnWidth = columnPoints(width);
  for (const cell of plan.results.cells) if (cell.value !== undefined) ws.getRange(cell.address).values = [[cell.value]];
  ws.visibility = 'VeryHidden';
  queueResultNames(context, plan, ws, existing);
}

/** Adds the output names that are missing or broken, pointing at their cells on `ws` (the results sheet). */
export function queueResultNames(context: Excel.RequestContext, plan: TemplatePlan, ws: Excel.Worksheet, existing: Map<string, string | null>): void {
  const names = context.workbook.names;
  for (const n of plan.names) {
    if (n.role !== 'output') continue;
    const at = existing.get(n.name);
    if (at !== undefined && at !== null) continue; // present (here, or on a sheet of the earlier layout)
    if (at === null) names.getItem(n.name).delete();
    names.add(n.name, ws.getRange(n.range), nameComment(n));
  }
}

/** Which visible sheets hold outputs of the earlier layout (actual sheet names, in the workbook's order). */
export function earlierLayoutSheets(read: ReadResult): string[] {
  const out = new Set<string>();
  const inputs = [...read.inputBoxes.values()];
  for (const o of outputsOffResults(read)) {
    if (inputs.some((b) => intersects(b, o.box))) continue; // refused, never moved
    out.add(sheetInfo(read, o.box.sheet!)?.name ?? o.box.sheet!);
  }
  const order = (name: string) => read.sheets.findIndex((s) => s.name === name);
  return [...out].sort((a, b) => order(a) - order(b));
}

/**
 * Sheets this session unprotected and has not yet protected again, with the options they had: a failure
 * between the two must not leave a sheet unprotected for good. `restore` protects them again.
 */
export class ProtectionGuard {
  private readonly open = new Map<string, Excel.WorksheetProtectionOptions | undefined>();

  opened(sheet: string, options: Excel.WorksheetProtectionOptions | undefined): void {
    this.open.set(sheet, options);
  }

  closed(sheet: string): void {
    this.open.delete(sheet);
  }

  get pending(): boolean {
    return this.open.size > 0;
  }

  /** Protects again each sheet left open that still exists and is still unprotected: two syncs. */
  async restore(context: Excel.RequestContext): Promise<Finding[]> {
    const findings: Finding[] = [];
    const sheets = [...this.open].map(([name, options]) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(name);
      ws.load('name,protection/protected');
      return { name, options, ws };
    });
    try {
      await context.sync();
    } catch (e) {
      return sheets.map((s) => ({ severity: 'warning', code: 'reprotect_failed', message: say.reprotectFailed(s.name, e), inputs: [] }));
    }
    for (const s of sheets) {
      if (s.ws.isNullObject || s.ws.protection.protected) {
        this.closed(s.name);
        continue;
      }
      s.ws.protection.protect(s.options);
      try {
        await context.sync();
        this.closed(s.name);
      } catch (e) {
        findings.push({ severity: 'warning', code: 'reprotect_failed', message: say.reprotectFailed(s.name, e), inputs: [] });
      }
    }
    return findings;
  }
}

export interface Upgrade {
  report: LayoutReport;
  /** outputs moved onto the results sheet, holding their wanted value */
  moved: Set<string>;
  findings: Finding[];
  /** the sync sheet was added with the results sheet */
  syncSheetAdded: boolean;
}

/**
 * Moves the outputs of the earlier layout onto the results sheet, one visible sheet at a time: each name now
 * points at its results cell (NamedItem.formula, ExcelApi 1.7), which gets the output's value, and the locked
 * cell it used to point at gets the formula that shows it. A protected sheet is unprotected for this in a
 * batch of its own — so that a refusal (a password) is told apart from any other failure — and protected
 * again with the options it had in the same batch as the formulas; should that batch fail, `guard` protects
 * it again. Costs Excel's undo history once (protect/unprotect and sheet visibility cannot be undone): run
 * only for a recompute the officer asked for or opened the pane with, never for a change event.
 */
export async function upgradeLayout(
  context: Excel.RequestContext,
  scheme: Scheme,
  read: ReadResult,
  wanted: Map<string, OutputValue>,
  guard: ProtectionGuard,
): Promise<Upgrade> {
  const plan = basePlan(scheme);
  const sheets = earlierLayoutSheets(read);
  const moved = new Set<string>();
  const findings: Finding[] = [];
  const blocked = (message: string): Upgrade => {
    findings.push({ severity: 'warning', code: 'layout_blocked', message, inputs: [] });
    return { report: { state: 'blocked', message, sheets }, moved, findings, syncSheetAdded: false };
  };

  let syncSheetAdded = false;
  if (!read.resultsSheet) {
    if (read.structureProtected) return blocked(say.layoutBlockedStructure());
    // names that resolve stay where they are; a broken one (=#REF!) is replaced
    const existing = new Map<string, string | null>();
    for (const n of read.names) existing.set(n, read.outputs.get(n)?.box.sheet ?? (read.inputBoxes.has(n) ? 'input' : null));
    queueResultsSheet(context, plan, existing);
    if (!read.syncSheet) queueRecordSheet(context, null);
    try {
      await context.sync();
    } catch (e) {
      return blocked(say.layoutBlockedOther(RESULTS_SHEET, e));
    }
    syncSheetAdded = !read.syncSheet;
  }

  const rows = new Map(plan.names.filter((n) => n.role === 'output').map((n) => [n.name, n.range]));
  const results = context.workbook.worksheets.getItem(RESULTS_SHEET);
  const inputs = [...read.inputBoxes.values()];
  const messages: string[] = [];
  for (const sheet of sheets) {
    const info = sheetInfo(read, sheet);
    const ws = context.workbook.worksheets.getItem(sheet);
    const outputs = outputsOffResults(read).filter(
      // (a name moved by hand onto an input is refused by planWrites: never a formula over what the officer typed)
      (o) => o.box.sheet!.toLowerCase() === sheet.toLowerCase() && rows.has(o.name) && !inputs.some((b) => intersects(b, o.box)),
    );
    if (!outputs.length) continue;
    if (info?.protected) {
      ws.protection.unprotect();
      try {
        await context.sync();
      } catch {
        messages.push(say.layoutBlockedSheet(sheet));
        continue;
      }
      guard.opened(sheet, info.options);
    }
    queueMoves(context, results, ws, outputs, rows, wanted);
    if (info?.protected) ws.protection.protect(info.options);
    try {
      await context.sync();
      guard.closed(sheet);
      for (const o of outputs) moved.add(o.name);
    } catch (e) {
      messages.push(say.layoutBlockedOther(sheet, e));
      if (guard.pending) findings.push(...(await guard.restore(context)));
    }
  }
  if (messages.length) {
    for (const message of messages) findings.push({ severity: 'warning', code: 'layout_blocked', message, inputs: [] });
    return { report: { state: 'blocked', message: messages.join('\n'), sheets }, moved, findings, syncSheetAdded };
  }
  return { report: { state: 'upgraded', message: say.layoutUpgraded(sheets), sheets }, moved, findings, syncSheetAdded };
}

/** One sheet's outputs: the name to the results cell, the value there, the formula in the visible cell. */
function queueMoves(
  context: Excel.RequestContext,
  results: Excel.Worksheet,
  ws: Excel.Worksheet,
  outputs: OutputCell[],
  rows: Map<string, string>,
  wanted: Map<string, OutputValue>,
): void {
  for (const o of outputs) {
    const range = rows.get(o.name)!;
    results.getRange(range).values = [[cellInput(wanted.get(o.name) ?? null)]];
    context.workbook.names.getItem(o.name).formula = resultsRef(range);
    ws.getRange(topLeft(o.box)).formulas = [[`=${showName(o.name)}`]];
  }
}
