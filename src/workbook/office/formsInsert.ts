/// <reference types="office-js" />
/**
 * Inserting the templates of a target-table scheme (project-2020 with its projects and 项目自评汇总, dept-2020
 * with its 基础数据表) and 添加项目, through the Excel API: the same plans the xlsx writer renders (template/plan),
 * drawn sheet by sheet by render.ts, a project's names in its own sheet's scope.
 */
import { columnIndex, columnLetters, type RawValue, type Scheme } from '../../engine';
import { isResultsSheet, RESULTS_SHEET } from '../outputs';
import { MAX_PROJECTS, type InsertOptions, type InsertReport } from '../session';
import { isSyncSheet } from '../syncStore';
import { formSheetName, planTemplate, repeatedSheet } from '../template/plan';
import type { PlanName, PlanOptions, SheetPlan, TemplatePlan } from '../template/types';
import { parseBox, splitSheet } from './a1';
import { freeName } from './insert';
import { queueRecordSheet } from './io';
import { columnPoints, nameComment, queueSheet } from './render';
import { OfficeError, reasonOf, say } from './messages';
import type { Runner } from './run';

export type Progress = (step: string, fraction: number) => void;


/**
 * Inserts the scheme's sheets: the very hidden results sheet (with the sync sheet), then one batch per sheet
 * — each project sheet with its names in its own scope — and checks that every name exists. Sheet names taken
 * by the officer's own sheets get a suffix (项目1(2)). A workbook that already holds jixiao's results sheet (a
 * template of another scheme) is refused: one workbook, one scheme.
 */
export async function insertForms(run: Runner, scheme: Scheme, options: InsertOptions, progress: Progress): Promise<InsertReport> {
  progress('正在检查工作簿…', 0);
  const existing = await run(async (context) => {
    const sheets = context.workbook.worksheets.load('items/name');
    const names = context.workbook.names.load('items/name');
    const protection = context.workbook.protection.load('protected');
    await context.sync();
    return { sheets: sheets.items.map((s) => s.name), names: new Set(names.items.map((n) => n.name)), structureProtected: !!protection.protected };
  });
  if (existing.structureProtected) throw say.structureProtected();
  if (existing.sheets.some(isResultsSheet)) throw say.otherTemplate();

  const taken = [...existing.sheets];
  const repeated = repeatedSheet(scheme);
  const count = repeated ? Math.min(MAX_PROJECTS, Math.max(1, Math.floor(options.projects ?? 1))) : 1;
  const forms = repeated
    ? Array.from({ length: count }, (_, k) => {
        const fallback = count === 1 ? repeated.sheet : `${repeated.sheet}${k + 1}`;
        const sheet = formSheetName(fallback, taken, fallback);
        taken.push(sheet);
        return { sheet };
      })
    : undefined;
  const { dept, year, unit } = options;
  const plan = planTemplate(scheme, { dept, year, unit, ...(forms ? { forms } : {}) });
  // sheets that are not a project's keep their layout name unless the officer has a sheet of that name
  const names = new Map<SheetPlan, string>();
  for (const sheet of plan.sheets) {
    if (sheet.form !== undefined && repeated) names.set(sheet, sheet.name);
    else {
      const name = freeName(sheet.name, new Set(taken.map((t) => t.toLowerCase())));
      taken.push(name);
      names.set(sheet, name);
    }
  }

  const steps = plan.sheets.length + 1;
  try {
    await run(async (context) => {
      queueResults(context, plan, existing.names);
      if (!existing.sheets.some(isSyncSheet)) queueRecordSheet(context, null);
      await context.sync();
    });
  } catch (e) {
    throw say.resultsFailed(e);
  }
  for (const [i, sheet] of plan.sheets.entries()) {
    const name = names.get(sheet)!;
    progress(`正在插入“${name}”…`, (i + 1) / steps);
    // workbook-wide names left over from a deleted template sheet (=#REF!) are replaced
    await drawSheet(run, plan, sheet, name, undefined, new Set(plan.names.filter((n) => !n.scope && n.sheet === sheet.name && existing.names.has(n.name)).map((n) => n.name)));
  }

  progress('正在核对名称…', (steps - 1) / steps);
  const first = names.get(plan.sheets[0])!;
  await checkNames(run, plan, names, first);
  progress('模板已插入', 1);
  return { sheets: {}, resumed: false };
}

/** The results sheet of a plan, very hidden, with its labels and its workbook-wide output names. */
function queueResults(context: Excel.RequestContext, plan: TemplatePlan, existing: Set<string>): void {
  const ws = context.workbook.worksheets.add(plan.results.name);
  for (const { column, width } of plan.results.columns) ws.getRange(`${column}:${column}`).format.columnWidth = columnPoints(width);
  for (const cell of plan.results.cells) if (cell.value !== undefined) ws.getRange(cell.address).values = [[cell.value]];
  ws.visibility = 'VeryHidden';
  // (a project's outputs are named in its own sheet's scope, with the sheet: see render.ts)
  for (const n of plan.names) {
    if (n.sheet !== plan.results.name || n.scope) continue;
    if (existing.has(n.name)) context.workbook.names.getItem(n.name).delete();
    context.workbook.names.add(n.name, ws.getRange(n.range), nameComment(n));
  }
}

/** One sheet in a batch of its own; a sheet whose batch failed is removed, so it is never taken for ours. */
async function drawSheet(run: Runner, plan: TemplatePlan, sheet: SheetPlan, name: string, position?: number, stale: Set<string> = new Set()): Promise<void> {
  try {
    await run(async (context) => {
      const ws = queueSheet(context, plan, sheet, name, stale);
      if (position !== undefined) ws.position = position;
      await context.sync();
    });
  } catch (e) {
    await run(async (context) => {
      context.workbook.worksheets.getItemOrNullObject(name).delete();
      await context.sync();
    }).catch(() => undefined);
    throw say.insertFailed(name, e);
  }
}

/** Every name of the plan, looked for in its scope (a project sheet's own names, or the workbook's); one sync. */
async function checkNames(run: Runner, plan: TemplatePlan, sheetNames: Map<SheetPlan, string>, activate: string): Promise<void> {
  const byPlanName = new Map([...sheetNames].map(([s, n]) => [s.name, n]));
  const missing = await run(async (context) => {
    const wide = context.workbook.names.load('items/name');
    const scopes = new Map<string, Excel.NamedItemCollection>();
    for (const n of plan.names) {
      if (n.scope && !scopes.has(n.scope)) scopes.set(n.scope, context.workbook.worksheets.getItem(byPlanName.get(n.scope) ?? n.scope).names.load('items/name'));
    }
    context.workbook.worksheets.getItem(activate).activate();
    await context.sync();
    const has = (n: PlanName) => (n.scope ? scopes.get(n.scope)! : wide).items.some((x) => x.name === n.name);
    return plan.names.filter((n) => !has(n)).map((n) => (n.scope ? `${byPlanName.get(n.scope) ?? n.scope}!${n.name}` : n.name));
  });
  if (missing.length) throw say.namesMissing([...new Set(missing)]);
}

/** What 添加项目 needs to know of the workbook: its sheets, the forms among them, where outputs live, the prefills. */
interface ProjectsNow {
  sheets: { id: string; name: string }[];
  /** the project sheets, in the workbook's order */
  forms: string[];
  /** the first column of the results sheet no form uses */
  freeColumn: string;
  prefills: Pick<PlanOptions, 'dept' | 'year' | 'unit'>;
  structureProtected: boolean;
}

async function projectsNow(run: Runner, scheme: Scheme): Promise<ProjectsNow> {
  const marks = new Set([...scheme.inputs, ...scheme.tables].map((i) => i.name));
  const outputs = new Set(scheme.outputNames);
  const { dept, year, unit } = scheme.identity;
  const prefillNames = { dept, year, unit } as Record<'dept' | 'year' | 'unit', string | undefined>;
  return run(async (context) => {
    const sheets = context.workbook.worksheets.load('items/name,items/id');
    const protection = context.workbook.protection.load('protected');
    await context.sync();
    const scopes = sheets.items.map((s) => {
      const ws = context.workbook.worksheets.getItem(s.id);
      const names = ws.names.load('items/name,items/value');
      const values = Object.fromEntries(
        Object.entries(prefillNames)
          .filter(([, n]) => !!n)
          .map(([key, n]) => [key, ws.names.getItemOrNullObject(n!).getRangeOrNullObject().load('values')] as const),
      ) as Record<string, Excel.Range>;
      return { sheet: s, names, values };
    });
    await context.sync();
    const forms = scopes.filter((s) => s.names.items.some((n) => marks.has(n.name)));
    let right = columnIndex('A');
    for (const f of forms) {
      for (const n of f.names.items) {
        if (!outputs.has(n.name) || typeof n.value !== 'string') continue;
        const box = parseBox(n.value.replace(/^=/, ''));
        if (box && isResultsSheet(splitSheet(n.value.replace(/^=/, '')).sheet ?? '')) right = Math.max(right, box.right);
      }
    }
    const prefills: Record<string, RawValue> = {};
    const first = forms[0];
    if (first) {
      for (const [key, range] of Object.entries(first.values)) {
        const v = range.isNullObject ? null : (range.values as unknown[][])?.[0]?.[0];
        if (v !== '' && v !== null && v !== undefined) prefills[key] = v as RawValue;
      }
    }
    return {
      sheets: sheets.items.map((s) => ({ id: s.id, name: s.name })),
      forms: forms.map((f) => f.sheet.name),
      freeColumn: columnLetters(Math.max(columnIndex('B'), right + 1)),
      prefills: {
        ...(typeof prefills.dept === 'string' ? { dept: prefills.dept } : {}),
        ...(typeof prefills.year === 'number' ? { year: prefills.year } : {}),
        ...(prefills.unit === '元' || prefills.unit === '万元' ? { unit: prefills.unit } : {}),
      },
      structureProtected: !!protection.protected,
    };
  });
}

/**
 * 添加项目: one blank project sheet after the last project (before 项目自评汇总), its names in its own scope and
 * its outputs in the next free column of the results sheet, prefilled with the first project's 单位, 年度 and
 * 金额单位; then 项目自评汇总 drawn again for every project (the officer's own sheets are left as they are).
 */
export async function addProjectSheet(run: Runner, scheme: Scheme, wanted?: string): Promise<{ sheet: string }> {
  const repeated = repeatedSheet(scheme);
  if (!repeated) throw new OfficeError('no_template', `评分方案“${scheme.title}”只有一张表，不能添加项目`);
  const now = await projectsNow(run, scheme);
  if (now.structureProtected) throw say.structureProtected();
  const fallback = `${repeated.sheet}${now.forms.length + 1}`;
  const sheet = formSheetName(wanted?.trim() || fallback, now.sheets.map((s) => s.name), fallback);

  // the new form planned alone, its outputs moved to the free column of the results sheet
  const alone = planTemplate(scheme, { ...now.prefills, forms: [{ sheet }] });
  const formPlan = alone.sheets.find((s) => s.name === sheet)!;
  const moved = alone.names.map((n) => (n.sheet === RESULTS_SHEET ? { ...n, range: n.range.replace(/^[A-Z]+/, now.freeColumn) } : n));
  const lastForm = Math.max(...now.forms.map((f) => now.sheets.findIndex((s) => s.name === f)), -1);
  await run(async (context) => {
    const results = context.workbook.worksheets.getItem(RESULTS_SHEET);
    results.getRange(`${now.freeColumn}:${now.freeColumn}`).format.columnWidth = columnPoints(40);
    results.getRange(`${now.freeColumn}1`).values = [[sheet]];
    for (const cell of alone.results.cells) {
      if (cell.value !== undefined && /^B\d+$/.test(cell.address) && cell.address !== 'B1') results.getRange(cell.address.replace(/^B/, now.freeColumn)).values = [[cell.value]];
    }
    await context.sync();
  }).catch((e: unknown) => {
    throw say.insertFailed(RESULTS_SHEET, e);
  });
  await drawSheet(run, { ...alone, names: moved }, formPlan, sheet, lastForm + 1);

  // 项目自评汇总 for every project, the new one last, where it was (after the new sheet when it was missing)
  const all = [...now.forms, sheet];
  const full = planTemplate(scheme, { ...now.prefills, forms: all.map((s) => ({ sheet: s })) });
  const summary = full.sheets.find((s) => s.kind === 'forms_summary');
  if (summary) {
    const here = now.sheets.find((s) => s.name.toLowerCase() === summary.name.toLowerCase());
    const at = here ? now.sheets.indexOf(here) + 1 : lastForm + 2;
    if (here) {
      try {
        await run(async (context) => {
          context.workbook.worksheets.getItem(here.id).delete();
          await context.sync();
        });
      } catch (e) {
        throw new OfficeError('insert_failed', `已添加“${sheet}”，但未能更新“${summary.name}”：${reasonOf(e)}`, e);
      }
    }
    await drawSheet(run, full, summary, here?.name ?? summary.name, at);
  }
  await run(async (context) => {
    context.workbook.worksheets.getItem(sheet).activate();
    await context.sync();
  }).catch(() => undefined);
  return { sheet };
}
