import { Decimal, ZERO, clamp, plain, round2 } from './decimal';
import { crossChecks } from './checks';
import { ParsedInputs, parseInputs } from './inputs';
import { ruleKinds, RuleKind, RuleView } from './rules';
import type { Scheme, SchemeIndicator } from './scheme';
import type { Evaluation, Finding, IndicatorResult, InputSource, SurveyTally } from './types';

/** Rule parameters parsed once per scheme object (the scheme was validated on load). */
const paramCache = new WeakMap<Scheme, unknown[]>();

function ruleParams(scheme: Scheme): unknown[] {
  let params = paramCache.get(scheme);
  if (!params) {
    params = scheme.indicators.map((ind) => ruleKinds[ind.rule.kind].params.parse(ind.rule));
    paramCache.set(scheme, params);
  }
  return params;
}

function viewOf(scheme: Scheme, parsed: ParsedInputs): RuleView {
  const get = (name: string) => parsed.values[name];
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
  const parsed = parseInputs(scheme, source);
  const view = viewOf(scheme, parsed);
  const params = ruleParams(scheme);
  const issues: Finding[] = [...parsed.findings];
  const missingFor = new Map<string, string[]>();
  const withCells = (f: Omit<Finding, 'cells'>, indicator?: string): Finding => ({
    ...f,
    cells: f.inputs.map(parsed.cell).filter((c): c is string => !!c),
    ...(indicator ? { indicator } : {}),
  });

  const indicators = scheme.indicators.map((ind, k): IndicatorResult => {
    const kind = ruleKinds[ind.rule.kind] as RuleKind<unknown>;
    const p = params[k];
    const weight = new Decimal(ind.weight);
    const base = { id: ind.id, level1: ind.level1, level2: ind.level2, name: ind.name, weight };
    const required = kind.required(p);
    const wrong = required.filter((n) => view.state(n) === 'invalid');
    if (wrong.length) {
      return { ...base, score: null, status: 'invalid', text: `输入有误：${labels(scheme, wrong)}，请先更正` };
    }
    const blank = required.filter((n) => view.state(n) === 'blank');
    if (blank.length) {
      noteMissing(missingFor, blank, ind);
      return { ...base, score: null, status: 'missing', text: `缺少输入：${labels(scheme, blank)}` };
    }
    const outcome = kind.score(p, view, { weight, name: ind.name });
    for (const f of outcome.findings ?? []) issues.push(withCells(f, ind.id));
    if (outcome.missing) noteMissing(missingFor, outcome.missing, ind);
    const score = outcome.score === null ? null : clamp(round2(outcome.score), ZERO, weight);
    return { ...base, score, status: outcome.status, text: outcome.text, ...(outcome.rate ? { rate: outcome.rate } : {}) };
  });

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

  const total = indicators.reduce((acc, i) => (i.score ? acc.plus(i.score) : acc), new Decimal(0));
  const complete = indicators.every((i) => i.status === 'ok' || i.status === 'not_applicable');
  const dept = parsed.values[scheme.identity.dept];
  const year = parsed.values[scheme.identity.year];
  return {
    scheme: scheme.id,
    schemeVersion: scheme.version,
    dept: dept?.state === 'ok' ? String(dept.value) : null,
    year: year?.state === 'ok' ? (year.value as Decimal).toNumber() : null,
    total: round2(total),
    maxTotal: new Decimal(scheme.maxTotal),
    grade: complete ? gradeOf(scheme, total) : null,
    complete,
    indicators,
    issues: sortFindings(issues),
    inputs: parsed.values,
  };
}

/** 优/良/中/差 from the total, by the scheme's lower bounds (inclusive). */
export function gradeOf(scheme: Scheme, total: Decimal): string {
  return (scheme.grades.find((g) => total.gte(g.min)) ?? scheme.grades[scheme.grades.length - 1]).grade;
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

function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

/** The score as the forms print it: at most two decimals, no trailing zeros. */
export function scoreText(score: Decimal | null): string {
  return score === null ? '' : plain(score);
}
