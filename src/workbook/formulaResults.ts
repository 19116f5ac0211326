/**
 * What the template's formulas show, worked out without a spreadsheet: both file adapters (exceljs, and the
 * package patcher) store these as the formulas' cached results, which LibreOffice, WPS and previewers show
 * until the workbook is recalculated (Excel recalculates on open: fullCalcOnLoad).
 */
import type { RawValue, Scheme, SchemeInput } from '../engine';
import { formulaDerivations, planTemplate } from './template/plan';
import { INCOMPLETE } from './template/survey';
import type { Derive } from './template/types';

export type FormulaResult = number | string | boolean | Date;

/**
 * One questionnaire's points as the template's row formula computes them (COUNTA / COUNTIF semantics, not
 * the engine's lenient parsing): blank → "", incomplete → 未答完, else the points of the answers it knows.
 */
export function surveyRowResult(row: RawValue[], input: SchemeInput): FormulaResult {
  const answers = input.answers ?? [];
  const filled = row.filter((v) => v !== null && v !== undefined && v !== '');
  if (filled.length === 0) return '';
  if (filled.length < (input.questions ?? 0)) return INCOMPLETE;
  let points = 0;
  for (const v of filled) {
    const hit = answers.find((a) => (typeof v === 'number' ? v === a.points : v === a.label || v === String(a.points)));
    points += hit?.points ?? 0;
  }
  return points;
}

export interface FormulaSources {
  /** the current value of a defined name (an output just written, or an input) */
  named(name: string): RawValue;
  /** the survey answer grid, rows of answers, or null when the workbook has none */
  survey: { rows: RawValue[][]; input: SchemeInput } | null;
}

/**
 * A formula's text as a key that survives a round trip through other programs: no leading "=", no
 * spaces, upper case and no _xlfn. prefixes outside string literals (LibreOffice may change a name's case
 * or add spaces; Excel adds _xlfn. to newer functions).
 */
export function formulaKey(formula: string): string {
  let out = '';
  let quoted = false;
  const text = formula.trim().replace(/^=/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    if (quoted || c === '"') out += c;
    else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') out += c.toUpperCase();
  }
  return out.replace(/_XLFN\.|_XLWS\./g, '');
}

/**
 * The result each template formula shows now, by formulaKey: the value of a name (blank → ""), one
 * questionnaire's points, the points and count of complete questionnaires.
 */
export function formulaResults(derivations: Map<string, Derive>, src: FormulaSources): Map<string, FormulaResult> {
  let rowResults: FormulaResult[] | undefined;
  const rows = () => (rowResults ??= src.survey ? src.survey.rows.map((r) => surveyRowResult(r, src.survey!.input)) : []);
  const out = new Map<string, FormulaResult>();
  for (const [formula, derive] of derivations) out.set(formulaKey(formula), resultOf(derive, src, rows));
  return out;
}

function resultOf(derive: Derive, src: FormulaSources, rows: () => FormulaResult[]): FormulaResult {
  switch (derive.kind) {
    case 'name': {
      const v = src.named(derive.name);
      return v === null || v === undefined || Array.isArray(v) ? '' : v;
    }
    case 'surveyRow':
      return src.survey?.rows[derive.row] ? rows()[derive.row] : '';
    case 'surveyPoints':
      return rows().reduce<number>((sum, r) => (typeof r === 'number' ? sum + r : sum), 0);
    case 'surveyCount':
      return rows().filter((r) => typeof r === 'number').length;
  }
}

/** What writing outputs needs of a scheme's template beyond the names: the same for every workbook, so made once. */
export interface OutputPlan {
  /** template formula (without "=") → how its result follows from the names */
  derivations: Map<string, Derive>;
  /** the outputs holding an indicator's 评价得分 text (their rows grow for a long text) */
  textNames: Set<string>;
}

const outputPlans = new WeakMap<Scheme, OutputPlan>();

export function outputPlanOf(scheme: Scheme): OutputPlan {
  let plan = outputPlans.get(scheme);
  if (!plan) {
    plan = {
      derivations: formulaDerivations(planTemplate(scheme, {})),
      textNames: new Set(scheme.indicators.map((i) => scheme.textName(i.id))),
    };
    outputPlans.set(scheme, plan);
  }
  return plan;
}
