/// <reference types="office-js" />
import type { Scheme } from '../../engine';
import { isResultsSheet } from '../outputs';
import type { InsertOptions, InsertReport } from '../session';
import { isSyncSheet } from '../syncStore';
import { planTemplate } from '../template';
import type { SheetPlan, TemplatePlan } from '../template';
import { splitSheet } from './a1';
import { queueRecordSheet } from './io';
import { queueResultNames, queueResultsSheet } from './layout';
import { say } from './messages';
import { queueSheet } from './render';
import { queueSchemeSheet } from './schemeSheet';
import type { Runner } from './run';

export type Progress = (step: string, fraction: number) => void;

interface Existing {
  sheets: string[];
  /** defined name → the sheet it points at (null when broken, e.g. =#REF!) */
  names: Map<string, string | null>;
  /** sheet → its formulas at the cells where a template sheet shows its first output ("D2" → "=IF(…)") */
  probes: Map<string, Map<string, unknown>>;
  structureProtected: boolean;
}

/**
 * Inserts the chosen template sheets into the open workbook: first the very hidden results sheet that the
 * outputs live on (with the sync sheet), then one batch (one sync) per sheet, and checks afterwards that
 * every name exists. A sheet is never overwritten: when the workbook already holds a sheet of ours for a
 * role (found by its names, or by the formula showing its first output; even renamed) the insert resumes on
 * it; a foreign sheet with the same name makes ours 基本情况表(2). The outputs are filled by the next recompute.
 */
export async function insertTemplates(run: Runner, scheme: Scheme, options: InsertOptions, progress: Progress): Promise<InsertReport> {
  const plan = planTemplate(scheme, options);
  const roles = plan.sheets.filter((s): s is SheetPlan & { role: InsertOptions['sheets'][number] } => (options.sheets as string[]).includes(s.role));
  progress('正在检查工作簿…', 0);
  const existing = await run((context) => readExisting(context, plan));
  // (adding a sheet to a workbook whose structure is protected fails: say so before touching anything)
  if (existing.structureProtected) throw say.structureProtected();

  const report: InsertReport = { sheets: {}, resumed: false };
  const todo: { sheet: SheetPlan; name: string; stale: Set<string> }[] = [];
  const taken = new Set(existing.sheets.map((s) => s.toLowerCase()));
  for (const sheet of roles) {
    const ours = sheetHoldingNames(plan, sheet, existing) ?? sheetShowingOutputs(plan, sheet, existing);
    if (ours) {
      report.sheets[sheet.role] = ours;
      report.resumed = true;
      continue;
    }
    const name = freeName(sheet.name, taken);
    taken.add(name.toLowerCase());
    const stale = new Set(namesOf(plan, sheet).filter((n) => existing.names.has(n)));
    todo.push({ sheet, name, stale });
    report.sheets[sheet.role] = name;
  }

  const steps = todo.length + 1;
  if (todo.length) {
    try {
      await run(async (context) => {
        const results = existing.sheets.find(isResultsSheet);
        if (results) queueResultNames(context, plan, context.workbook.worksheets.getItem(results), existing.names);
        else queueResultsSheet(context, plan, existing.names);
        if (!existing.sheets.some(isSyncSheet)) queueRecordSheet(context, null);
        // the workbook carries its scheme: it re-scores the same where the scheme file is absent
        queueSchemeSheet(context, scheme, existing.sheets);
        await context.sync();
      });
    } catch (e) {
      throw say.resultsFailed(e);
    }
  }
  for (const [i, job] of todo.entries()) {
    progress(`正在插入“${job.name}”…`, i / steps);
    try {
      await run(async (context) => {
        queueSheet(context, plan, job.sheet, job.name, job.stale);
        await context.sync();
      });
    } catch (e) {
      await run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject(job.name).delete();
        await context.sync();
      }).catch(() => undefined);
      throw say.insertFailed(job.name, e);
    }
  }

  progress('正在核对名称…', todo.length / steps);
  const expected = [...roles.flatMap((s) => namesOf(plan, s)), ...plan.names.filter((n) => n.role === 'output').map((n) => n.name)];
  const first = todo[0]?.name;
  const present = await run(async (context) => {
    const names = context.workbook.names.load('items/name');
    if (first) context.workbook.worksheets.getItem(first).activate();
    await context.sync();
    return new Set(names.items.map((n) => n.name));
  });
  const missing = expected.filter((n) => !present.has(n));
  if (missing.length) throw say.namesMissing(missing);
  progress('模板已插入', 1);
  return report;
}

async function readExisting(context: Excel.RequestContext, plan: TemplatePlan): Promise<Existing> {
  const sheets = context.workbook.worksheets.load('items/name');
  const names = context.workbook.names.load('items/name,items/type,items/value');
  const protection = context.workbook.protection.load('protected');
  await context.sync();
  const cells = [...new Set([...probesOf(plan).values()].map((p) => p.address))];
  const probes = new Map<string, Map<string, Excel.Range>>();
  for (const s of sheets.items) {
    const ranges = new Map(cells.map((a) => [a, context.workbook.worksheets.getItem(s.name).getRange(a).load('formulas')] as const));
    probes.set(s.name, ranges);
  }
  if (cells.length && sheets.items.length) await context.sync();
  const map = new Map<string, string | null>();
  for (const n of names.items) {
    const value = typeof n.value === 'string' ? n.value.replace(/^=/, '') : '';
    const sheet = splitSheet(value).sheet;
    map.set(n.name, sheet && !value.includes('#REF!') ? sheet : null);
  }
  const formulas = new Map([...probes].map(([s, ranges]) => [s, new Map([...ranges].map(([a, r]) => [a, (r.formulas as unknown[][])?.[0]?.[0]]))]));
  return { sheets: sheets.items.map((s) => s.name), names: map, probes: formulas, structureProtected: !!protection.protected };
}

/** The input names a role's sheet defines (its outputs live on the results sheet). */
function namesOf(plan: TemplatePlan, sheet: SheetPlan): string[] {
  return plan.names.filter((n) => n.sheet === sheet.name).map((n) => n.name);
}

/** role sheet → the cell showing its first output and that cell's formula */
function probesOf(plan: TemplatePlan): Map<string, { address: string; formula: string }> {
  const out = new Map<string, { address: string; formula: string }>();
  for (const sheet of plan.sheets) {
    const shown = plan.names.find((n) => n.shownAt?.sheet === sheet.name);
    const cell = shown && sheet.cells.find((c) => c.address === shown.shownAt!.range);
    if (cell?.formula) out.set(sheet.name, { address: cell.address, formula: `=${cell.formula}` });
  }
  return out;
}

/** The existing sheet that holds this role's names, if any (the officer may have renamed it). */
function sheetHoldingNames(plan: TemplatePlan, sheet: SheetPlan, existing: Existing): string | null {
  const counts = new Map<string, number>();
  const ours = [...namesOf(plan, sheet), ...plan.names.filter((n) => n.shownAt?.sheet === sheet.name).map((n) => n.name)];
  for (const n of ours) {
    const at = existing.names.get(n);
    if (!at || isResultsSheet(at)) continue;
    const real = existing.sheets.find((s) => s.toLowerCase() === at.toLowerCase());
    if (real) counts.set(real, (counts.get(real) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [s, c] of counts) if (!best || c > counts.get(best)!) best = s;
  return best;
}

/** The existing sheet whose cell shows this role's first output by the template's formula (评分表 has no input names). */
function sheetShowingOutputs(plan: TemplatePlan, sheet: SheetPlan, existing: Existing): string | null {
  const probe = probesOf(plan).get(sheet.name);
  if (!probe) return null;
  for (const [name, formulas] of existing.probes) if (formulas.get(probe.address) === probe.formula) return name;
  return null;
}

/** 基本情况表, or 基本情况表(2), (3)… when taken (Excel compares sheet names case-insensitively; ≤ 31 characters). */
export function freeName(name: string, taken: Set<string>): string {
  if (!taken.has(name.toLowerCase())) return name;
  for (let k = 2; ; k++) {
    const suffix = `(${k})`;
    const candidate = name.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

