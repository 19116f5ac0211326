/// <reference types="office-js" />
import type { Scheme } from '../../engine';
import type { InsertOptions, InsertReport } from '../session';
import { planTemplate } from '../template';
import type { SheetPlan, TemplatePlan } from '../template';
import { splitSheet } from './a1';
import { queueSheet } from './render';
import type { Runner } from './run';

export type Progress = (step: string, fraction: number) => void;

interface Existing {
  sheets: string[];
  /** defined name → the sheet it points at (null when broken, e.g. =#REF!) */
  names: Map<string, string | null>;
}

/**
 * Inserts the chosen template sheets into the open workbook, one batch (one sync) per sheet, and checks
 * afterwards that every name exists. A sheet is never overwritten: when the workbook already holds a sheet
 * with our names for a role (even renamed) the insert resumes on it; a foreign sheet with the same name
 * makes ours 基本情况表(2).
 */
export async function insertTemplates(run: Runner, scheme: Scheme, options: InsertOptions, progress: Progress): Promise<InsertReport> {
  const plan = planTemplate(scheme, options);
  const roles = plan.sheets.filter((s) => options.sheets.includes(s.role));
  progress('正在检查工作簿…', 0);
  const existing = await run(readExisting);

  const report: InsertReport = { sheets: {}, resumed: false };
  const todo: { sheet: SheetPlan; name: string; stale: Set<string> }[] = [];
  const taken = new Set(existing.sheets.map((s) => s.toLowerCase()));
  for (const sheet of roles) {
    const ours = sheetHoldingNames(plan, sheet, existing);
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
      throw new Error(`插入“${job.name}”失败：${messageOf(e)}`);
    }
  }

  progress('正在核对名称…', todo.length / steps);
  const expected = roles.flatMap((s) => namesOf(plan, s));
  const first = todo[0]?.name;
  const present = await run(async (context) => {
    const names = context.workbook.names.load('items/name');
    if (first) context.workbook.worksheets.getItem(first).activate();
    await context.sync();
    return new Set(names.items.map((n) => n.name));
  });
  const missing = expected.filter((n) => !present.has(n));
  if (missing.length) {
    throw new Error(`模板已插入，但缺少 ${missing.length} 个名称：${missing.slice(0, 8).join('、')}${missing.length > 8 ? '等' : ''}。请删除新插入的工作表后重试`);
  }
  progress('模板已插入', 1);
  return report;
}

async function readExisting(context: Excel.RequestContext): Promise<Existing> {
  const sheets = context.workbook.worksheets.load('items/name');
  const names = context.workbook.names.load('items/name,items/type,items/value');
  await context.sync();
  const map = new Map<string, string | null>();
  for (const n of names.items) {
    const value = typeof n.value === 'string' ? n.value.replace(/^=/, '') : '';
    const sheet = splitSheet(value).sheet;
    map.set(n.name, sheet && !value.includes('#REF!') ? sheet : null);
  }
  return { sheets: sheets.items.map((s) => s.name), names: map };
}

function namesOf(plan: TemplatePlan, sheet: SheetPlan): string[] {
  return plan.names.filter((n) => n.sheet === sheet.name).map((n) => n.name);
}

/** The existing sheet that holds this role's names, if any (the officer may have renamed it). */
function sheetHoldingNames(plan: TemplatePlan, sheet: SheetPlan, existing: Existing): string | null {
  const counts = new Map<string, number>();
  for (const n of namesOf(plan, sheet)) {
    const at = existing.names.get(n);
    if (!at) continue;
    const real = existing.sheets.find((s) => s.toLowerCase() === at.toLowerCase());
    if (real) counts.set(real, (counts.get(real) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [s, c] of counts) if (!best || c > counts.get(best)!) best = s;
  return best;
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


function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
