import type { Evaluation, IndicatorResult } from './types';

interface IndicatorJson {
  id: string;
  level1: string;
  level2: string;
  name: string;
  /** target-table rows: the sense scored by, and target and actual as typed */
  sense?: string | null;
  target?: string;
  actual?: string;
  weight: number;
  score: number | null;
  status: string;
  text: string;
}

/** The `--json` shape of spec/cli.md: plain JSON numbers holding the two-decimal values. */
export interface EvaluationJson {
  scheme: string;
  dept: string | null;
  /** schemes whose forms name a project (project-2020) */
  project?: string | null;
  year: number | null;
  total: number;
  maxTotal: number;
  grade: string | null;
  complete: boolean;
  /** target tables: the 预算执行率 line (rate in percent) */
  execution?: { rate: number | null; score: number | null; weight: number; text: string };
  indicators: IndicatorJson[];
  issues: { severity: string; code: string; message: string; inputs: string[] }[];
}

/** A workbook of several forms (one per project): `{ scheme, forms: [one form object each] }`. */
export interface FormsJson {
  scheme: string;
  forms: EvaluationJson[];
}

export function toJson(e: Evaluation): EvaluationJson {
  const indicators = e.indicators.map((i) => (i.row === undefined ? indicatorJson(i) : rowJson(i)));
  const issues = e.issues.map((f) => ({ severity: f.severity, code: f.code, message: f.message, inputs: f.inputs }));
  if (!e.execution) {
    return {
      scheme: e.scheme,
      dept: e.dept,
      year: e.year,
      total: e.total.toNumber(),
      maxTotal: e.maxTotal.toNumber(),
      grade: e.grade,
      complete: e.complete,
      indicators,
      issues,
    };
  }
  const x = e.execution;
  return {
    scheme: e.scheme,
    dept: e.dept,
    ...(e.project !== undefined ? { project: e.project } : {}),
    year: e.year,
    total: e.total.toNumber(),
    maxTotal: e.maxTotal.toNumber(),
    grade: e.grade,
    complete: e.complete,
    execution: {
      rate: x.rate ? x.rate.toNumber() : null,
      score: x.score === null ? null : x.score.toNumber(),
      weight: x.weight.toNumber(),
      text: x.text,
    },
    indicators,
    issues,
  };
}

/** Several forms of one scheme, as `jixiao score --json` prints a workbook holding several projects. */
export function formsJson(scheme: string, evaluations: Evaluation[]): FormsJson {
  return { scheme, forms: evaluations.map(toJson) };
}

function indicatorJson(i: IndicatorResult): IndicatorJson {
  return {
    id: i.id,
    level1: i.level1,
    level2: i.level2,
    name: i.name,
    weight: i.weight.toNumber(),
    score: i.score === null ? null : i.score.toNumber(),
    status: i.status,
    text: i.text,
  };
}

function rowJson(i: IndicatorResult): IndicatorJson {
  return {
    id: i.id,
    level1: i.level1,
    level2: i.level2,
    name: i.name,
    sense: i.sense ?? null,
    target: i.target ?? '',
    actual: i.actual ?? '',
    weight: i.weight.toNumber(),
    score: i.score === null ? null : i.score.toNumber(),
    status: i.status,
    text: i.text,
  };
}

export function hasErrors(e: Evaluation): boolean {
  return e.issues.some((f) => f.severity === 'error');
}
