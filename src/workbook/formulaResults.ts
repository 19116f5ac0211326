/**
 * What the template's formulas show, worked out without a spreadsheet: both file adapters (exceljs, and the
 * package patcher) store these as the formulas' cached results, which LibreOffice, WPS and previewers show
 * until the workbook is recalculated (Excel recalculates on open: fullCalcOnLoad).
 */
import type { RawValue, Scheme, SchemeInput } from '../engine';
import { formulaDerivations, planTemplate } from './template/plan';
import { INCOMPLETE } from './template/kinds/surveyGrid';
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
  /**
   * the current value of a defined name (an output just written, or an input) as seen from the formula's sheet;
   * with `sheet`, the name of that sheet's form (a summary showing each project)
   */
  named(name: string, sheet?: string): RawValue;
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
 * questionnaire's points, the points and count of complete questionnaires, a subtotal, a caption with the
 * money unit, a name of another form's sheet.
 */
export function formulaResults(derivations: Map<string, Derive>, src: FormulaSources): Map<string, FormulaResult> {
  let rowResults: FormulaResult[] | undefined;
  const rows = () => (rowResults ??= src.survey ? src.survey.rows.map((r) => surveyRowResult(r, src.survey!.input)) : []);
  const out = new Map<string, FormulaResult>();
  for (const [formula, derive] of derivations) out.set(formulaKey(formula), resultOf(derive, src, rows));
  return out;
}

const shown = (v: RawValue): FormulaResult => (v === null || v === undefined || Array.isArray(v) ? '' : v);

/** SUM's view of a value: numbers count, anything else (text such as “150万元”, blanks) does not. */
const numberOf = (v: RawValue): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function sumOf(values: RawValue[]): FormulaResult {
  let sum = 0;
  let any = false;
  for (const v of values) {
    const n = numberOf(v);
    if (n !== null) {
      sum += n;
      any = true;
    }
  }
  // two decimals at most, as amounts are typed: no binary tail (0.1 + 0.2)
  return any ? Math.round(sum * 1e6) / 1e6 : '';
}

export function resultOf(derive: Derive, src: FormulaSources, rows: () => FormulaResult[] = () => []): FormulaResult {
  switch (derive.kind) {
    case 'name':
      return shown(src.named(derive.name));
    case 'surveyRow':
      return src.survey?.rows[derive.row] ? rows()[derive.row] : '';
    case 'surveyPoints':
      return rows().reduce<number>((sum, r) => (typeof r === 'number' ? sum + r : sum), 0);
    case 'surveyCount':
      return rows().filter((r) => typeof r === 'number').length;
    case 'sum':
      return sumOf(derive.names.map((n) => src.named(n)));
    case 'caption': {
      const unit = shown(src.named(derive.name));
      return `${derive.text}（${unit === '' ? derive.fallback : String(unit)}）`;
    }
    case 'formName':
      return shown(src.named(derive.name, derive.sheet));
    case 'formSum': {
      const s = sumOf(derive.sheets.map((sheet) => src.named(derive.name, sheet)));
      return s === '' ? 0 : s;
    }
  }
}

/** What writing outputs needs of a scheme's template beyond the names: the same for every workbook, so made once. */
export interface OutputPlan {
  /** template formula (without "=") → how its result follows from the names */
  derivations: Map<string, Derive>;
  /** the outputs holding a calculation text (their rows grow for a long text), column outputs included */
  textNames: Set<string>;
}

const outputPlans = new WeakMap<Scheme, OutputPlan>();

export function outputPlanOf(scheme: Scheme): OutputPlan {
  let plan = outputPlans.get(scheme);
  if (!plan) {
    const rows = scheme.outputs.rows;
    plan = {
      derivations: formulaDerivations(planTemplate(scheme, {})),
      textNames: new Set([
        ...scheme.indicators.map((i) => scheme.textName(i.id)),
        ...(scheme.targets ? [scheme.textName(scheme.targets.execution.id)] : []),
        ...(rows ? [rows.text] : []),
      ]),
    };
    outputPlans.set(scheme, plan);
  }
  return plan;
}
