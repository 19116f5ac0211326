import { Decimal, ZERO, clamp, compare, plain, round2 } from './decimal';
import { crossChecks } from './checks';
import { evaluateFigures } from './figures';
import { evaluateTargets } from './targets/evaluate';
import { ParsedInputs, parseInputs } from './inputs';
import { ruleKinds, RuleContext, RuleKind, RuleView } from './rules';
import type { Scheme, SchemeIndicator } from './scheme';
import type { Evaluation, Finding, IndicatorResult, InputSource, SurveyTally } from './types';

/** An indicator with what scoring it needs that does not depend on the inputs. */
interface IndicatorPlan {
  ind: SchemeIndicator;
  kind: RuleKind<unknown>;
  /** rule parameters, parsed */
  params: unknown;
  weight: Decimal;
  /** the inputs the rule needs before it can score */
  required: string[];
  /** their places in the scheme's list of inputs (-1 for a name that is not an input: never filled) */
  requiredAt: number[];
  ctx: RuleContext;
}

/** What evaluate needs of a scheme, worked out once per scheme object (the scheme was validated on load). */
interface SchemePlan {
  indicators: IndicatorPlan[];
  maxTotal: Decimal;
}

const plans = new WeakMap<Scheme, SchemePlan>();

function planOf(scheme: Scheme): SchemePlan {
  let plan = plans.get(scheme);
  if (!plan) {
    const places = new Map<string, number>();
    scheme.inputs.forEach((input, i) => places.set(input.name, i));
    plan = {
      indicators: scheme.indicators.map((ind): IndicatorPlan => {
        const kind = ruleKinds[ind.rule.kind] as RuleKind<unknown>;
        const params = kind.params.parse(ind.rule);
        const weight = new Decimal(ind.weight);
        const required = kind.required(params);
        const requiredAt = required.map((n) => places.get(n) ?? -1);
        return { ind, kind, params, weight, required, requiredAt, ctx: { weight, name: ind.name } };
      }),
      maxTotal: new Decimal(scheme.maxTotal),
    };
    plans.set(scheme, plan);
  }
  return plan;
}

function viewOf(scheme: Scheme, parsed: ParsedInputs): RuleView {
  const get = parsed.get;
  return {
    state: (name) => get(name)?.state ?? 'blank',
    num: (name) => get(name)?.value as Decimal,
    flag: (name) => get(name)?.value as boolean,
    text: (name) => (get(name)?.state === 'ok' ? String(get(name)!.value) : undefined),
    survey: (name) => (get(name)?.state === 'ok' ? (get(name)!.value as SurveyTally) : undefined),
    label: (name) => scheme.input(name).label,
    where: parsed.where,
  };
}

/**
 * Scores every indicator of a scheme from raw inputs: parse → validate → rule → round → total and grade.
 * Never throws on any input value; everything wrong with the inputs comes back as findings.
 */
export function evaluate(scheme: Scheme, source: InputSource): Evaluation {
  const plan = planOf(scheme);
  const parsed = parseInputs(scheme, source);
  const view = viewOf(scheme, parsed);
  const issues: Finding[] = parsed.findings.slice();
  const missingFor = new Map<string, string[]>();
  const withCells = (f: Omit<Finding, 'cells'>, indicator?: string): Finding => ({
    ...f,
    cells: f.inputs.map(parsed.cell).filter((c): c is string => !!c),
    ...(indicator ? { indicator } : {}),
  });

  const list = parsed.list;
  const indicators: IndicatorResult[] = [];
  let total = ZERO;
  let complete = true;
  for (const { ind, kind, params, weight, required, requiredAt, ctx } of plan.indicators) {
    let wrong = 0;
    let blank = 0;
    for (const at of requiredAt) {
      const state = at < 0 ? 'blank' : list[at].state;
      if (state === 'invalid') wrong++;
      else if (state === 'blank') blank++;
    }
    let result: IndicatorResult;
    if (wrong) {
      const names = required.filter((n) => view.state(n) === 'invalid');
      result = resultOf(ind, weight, null, 'invalid', `输入有误：${labels(scheme, names)}，请先更正`);
    } else if (blank) {
      const names = required.filter((n) => view.state(n) === 'blank');
      noteMissing(missingFor, names, ind);
      result = resultOf(ind, weight, null, 'missing', `缺少输入：${labels(scheme, names)}`);
    } else {
      const outcome = kind.score(params, view, ctx);
      if (outcome.findings) for (const f of outcome.findings) issues.push(withCells(f, ind.id));
      if (outcome.missing) noteMissing(missingFor, outcome.missing, ind);
      const score = outcome.score === null ? null : clamp(round2(outcome.score), ZERO, weight);
      result = resultOf(ind, weight, score, outcome.status, outcome.text);
      if (outcome.rate) result.rate = outcome.rate;
      if (score) total = total.plus(score);
    }
    if (result.status !== 'ok' && result.status !== 'not_applicable') complete = false;
    indicators.push(result);
  }

  for (const [name, names] of missingFor) {
    issues.push(
      withCells({
        severity: 'error',
        code: 'missing_input',
        message: `${parsed.where(name)}未填写，无法计算：${names.join('、')}`,
        inputs: [name],
      }),
    );
  }
  for (const f of crossChecks(scheme, parsed)) issues.push(withCells(f));

  const dept = parsed.values[scheme.identity.dept];
  const year = parsed.values[scheme.identity.year];
  const yearNumber = year?.state === 'ok' ? (year.value as Decimal).toNumber() : null;
  if (!scheme.targets && !scheme.figures.length) {
    return {
      scheme: scheme.id,
      schemeVersion: scheme.version,
      dept: dept?.state === 'ok' ? String(dept.value) : null,
      year: yearNumber,
      total: round2(total),
      maxTotal: plan.maxTotal,
      grade: complete ? gradeOf(scheme, total) : null,
      complete,
      indicators,
      issues: sortFindings(issues),
      inputs: parsed.values,
    };
  }

  // a target table: its execution line and rows after any fixed indicators, the total made up and capped there
  const e: Evaluation = {
    scheme: scheme.id,
    schemeVersion: scheme.version,
    dept: dept?.state === 'ok' ? String(dept.value) : null,
    year: yearNumber,
    total: round2(total),
    maxTotal: plan.maxTotal,
    grade: null,
    complete,
    indicators,
    issues,
    inputs: parsed.values,
  };
  if (scheme.identity.project) {
    const project = parsed.values[scheme.identity.project];
    e.project = project?.state === 'ok' ? String(project.value) : null;
  }
  if (scheme.targets) {
    const t = evaluateTargets(scheme, parsed, yearNumber ?? undefined, total, (f) => withCells(f));
    issues.push(...t.findings);
    indicators.push(...t.rows);
    e.execution = t.execution;
    e.table = t.table;
    e.total = t.total;
    e.totalText = t.totalText;
    e.complete = complete && t.complete;
  }
  if (scheme.figures.length) e.figures = evaluateFigures(scheme, parsed);
  e.grade = e.complete ? gradeOf(scheme, e.total) : null;
  e.issues = sortFindings(issues);
  return e;
}

/** 优/良/中/差 from the total, by the scheme's lower bounds (inclusive). */
export function gradeOf(scheme: Scheme, total: Decimal): string {
  let grades = gradeCache.get(scheme);
  if (!grades) {
    grades = scheme.grades.map((g) => ({ min: new Decimal(g.min), grade: g.grade }));
    gradeCache.set(scheme, grades);
  }
  return (grades.find((g) => compare(total, g.min) >= 0) ?? grades[grades.length - 1]).grade;
}

/** The grades of a scheme (highest first, as loaded) with their lower bounds as Decimal. */
const gradeCache = new WeakMap<Scheme, { min: Decimal; grade: string }[]>();

/** An indicator's result, written out field by field (a literal of one shape is cheaper than a spread). */
function resultOf(
  ind: SchemeIndicator,
  weight: Decimal,
  score: Decimal | null,
  status: IndicatorResult['status'],
  text: string,
): IndicatorResult {
  return { id: ind.id, level1: ind.level1, level2: ind.level2, name: ind.name, weight, score, status, text };
}

function labels(scheme: Scheme, names: string[]): string {
  return names.map((n) => scheme.input(n).label).join('、');
}

function noteMissing(missingFor: Map<string, string[]>, names: string[], ind: SchemeIndicator): void {
  for (const n of names) {
    const list = missingFor.get(n) ?? [];
    if (!list.includes(ind.name)) list.push(ind.name);
    missingFor.set(n, list);
  }
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Errors first, then warnings, then notes; in the order found within each (a stable sort by severity). */
function sortFindings(findings: Finding[]): Finding[] {
  let sorted = true;
  for (let i = 1; i < findings.length && sorted; i++) {
    sorted = SEVERITY_ORDER[findings[i - 1].severity] <= SEVERITY_ORDER[findings[i].severity];
  }
  if (sorted) return findings;
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

/** The score as the forms print it: at most two decimals, no trailing zeros. */
export function scoreText(score: Decimal | null): string {
  return score === null ? '' : plain(score);
}
