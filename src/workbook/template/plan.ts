import type { Scheme } from '../../engine';
import type { TemplateOptions } from '../types';
import { planScoring } from './scoring';
import { STYLES } from './styles';
import { planSummary } from './summary';
import { planSurvey } from './survey';
import type { Derive, PlanName, SheetPlan, TemplatePlan } from './types';

/**
 * The three template sheets of a scheme — 基本情况表, 评分表, 满意度调查 — as data: cells, styles, merges,
 * sizes, defined names, validation, protection and print setup. Pure: no exceljs, no Office.
 */
export function planTemplate(scheme: Scheme, options: TemplateOptions = {}): TemplatePlan {
  const names: PlanName[] = [];
  const sheets = [planSummary(scheme, options, names), planScoring(scheme, options, names), planSurvey(scheme, names)];
  const plan: TemplatePlan = { scheme: scheme.id, version: scheme.version, font: scheme.layout.font, styles: STYLES, sheets, names };
  checkNames(scheme, plan);
  return plan;
}

/** Where every input and output name lives in a plan: name → sheet and range. */
export function nameLocations(plan: TemplatePlan): Map<string, PlanName> {
  return new Map(plan.names.map((n) => [n.name, n]));
}

/** Every name the scheme's workbook must define: its inputs, then its outputs. */
export function schemeNames(scheme: Scheme): { inputs: string[]; outputs: string[] } {
  return {
    inputs: scheme.inputs.map((i) => i.name),
    outputs: [
      ...scheme.indicators.flatMap((i) => [scheme.scoreName(i.id), scheme.textName(i.id)]),
      scheme.outputs.total,
      scheme.outputs.grade,
      scheme.outputs.status,
    ],
  };
}

/** formula → what it computes, for every formula cell of a plan (formulas are unique per derivation). */
export function formulaDerivations(plan: TemplatePlan): Map<string, Derive> {
  const out = new Map<string, Derive>();
  for (const sheet of plan.sheets) for (const c of sheet.cells) if (c.formula && c.derive) out.set(c.formula, c.derive);
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
}
