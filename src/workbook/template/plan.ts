import type { Scheme } from '../../engine';
import { outputNames, RESULTS_SHEET } from '../outputs';
import type { TemplateOptions } from '../types';
import { planScoring } from './scoring';
import { STYLES } from './styles';
import { NOT_SCORED, planSummary } from './summary';
import { planSurvey } from './survey';
import type { Derive, PlanCell, PlanName, ResultsPlan, SheetPlan, TemplatePlan } from './types';

/**
 * The three template sheets of a scheme — 基本情况表, 评分表, 满意度调查 — as data: cells, styles, merges,
 * sizes, defined names, validation, protection and print setup; and the very hidden results sheet that
 * holds the outputs the visible sheets show. Pure: no exceljs, no Office.
 */
export function planTemplate(scheme: Scheme, options: TemplateOptions = {}): TemplatePlan {
  const names: PlanName[] = [];
  const sheets = [planSummary(scheme, options, names), planScoring(scheme, options, names), planSurvey(scheme, names)];
  const results = planResults(scheme, names);
  const plan: TemplatePlan = { scheme: scheme.id, version: scheme.version, font: scheme.layout.font, styles: STYLES, sheets, results, names };
  checkNames(scheme, plan);
  return plan;
}

/** Header row, then one row per output from row 2. */
const FIRST_RESULT_ROW = 2;

/**
 * The results sheet: each output's name in A and its cell in B, in the order of outputNames(); gives each
 * output name its range there. A recompute writes only here — an unprotected sheet — so it never toggles
 * protection; the locked visible cells show these through formulas.
 */
function planResults(scheme: Scheme, names: PlanName[]): ResultsPlan {
  const cells: PlanCell[] = [
    { address: 'A1', style: 'header', value: '名称' },
    { address: 'B1', style: 'header', value: '评分结果（自动计算，请勿修改）' },
  ];
  const texts = new Set([...scheme.indicators.map((i) => scheme.textName(i.id)), scheme.outputs.status]);
  outputNames(scheme).forEach((name, i) => {
    const row = FIRST_RESULT_ROW + i;
    const placed = names.find((n) => n.name === name && n.role === 'output');
    if (placed) placed.range = `B${row}`;
    cells.push({ address: `A${row}`, style: 'label', value: name });
    cells.push({ address: `B${row}`, style: texts.has(name) ? 'outputText' : 'output', ...(name === scheme.outputs.status ? { value: NOT_SCORED } : {}) });
  });
  return { name: RESULTS_SHEET, columns: [{ column: 'A', width: 28 }, { column: 'B', width: 60 }], cells };
}

/** Where each output is shown on a visible sheet (its home in the 报送版): name → sheet and cell. */
export function outputHomes(plan: TemplatePlan): Map<string, { sheet: string; range: string }> {
  return new Map(plan.names.flatMap((n) => (n.shownAt ? [[n.name, n.shownAt] as const] : [])));
}

/** Where every input and output name lives in a plan: name → sheet and range. */
export function nameLocations(plan: TemplatePlan): Map<string, PlanName> {
  return new Map(plan.names.map((n) => [n.name, n]));
}

/** Every name the scheme's workbook must define: its inputs, then its outputs. */
export function schemeNames(scheme: Scheme): { inputs: string[]; outputs: string[] } {
  return { inputs: scheme.inputs.map((i) => i.name), outputs: outputNames(scheme) };
}

/** formula → what it computes, for every formula cell of a plan (formulas are unique per derivation). */
export function formulaDerivations(plan: TemplatePlan): Map<string, Derive> {
  const out = new Map<string, Derive>();
  for (const c of [...plan.sheets.flatMap((s) => s.cells), ...plan.results.cells]) if (c.formula && c.derive) out.set(c.formula, c.derive);
  return out;
}

export function sheetOf(plan: TemplatePlan, role: SheetPlan['role']): SheetPlan {
  const sheet = plan.sheets.find((s) => s.role === role);
  if (!sheet) throw new Error(`template plan has no ${role} sheet`);
  return sheet;
}

/** A layout bug must not produce a workbook the adapters cannot read: each name exactly once, and no others. */
function checkNames(scheme: Scheme, plan: TemplatePlan): void {
  const { inputs, outputs } = schemeNames(scheme);
  const expected = new Set([...inputs, ...outputs]);
  const seen = new Set<string>();
  for (const n of plan.names) {
    if (seen.has(n.name)) throw new Error(`template plan defines ${n.name} twice`);
    if (!expected.has(n.name)) throw new Error(`template plan defines ${n.name}, which the scheme does not have`);
    seen.add(n.name);
  }
  const missing = [...expected].filter((n) => !seen.has(n));
  if (missing.length) throw new Error(`template plan does not place ${missing.join(', ')}`);
  const unshown = plan.names.filter((n) => n.role === 'output' && (!n.shownAt || !n.range));
  if (unshown.length) throw new Error(`template plan does not show ${unshown.map((n) => n.name).join(', ')}`);
}
