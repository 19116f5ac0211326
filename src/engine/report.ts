import type { Evaluation } from './types';

/** The `--json` shape of spec/cli.md: plain JSON numbers holding the two-decimal values. */
export interface EvaluationJson {
  scheme: string;
  dept: string | null;
  year: number | null;
  total: number;
  maxTotal: number;
  grade: string | null;
  complete: boolean;
  indicators: {
    id: string;
    level1: string;
    level2: string;
    name: string;
    weight: number;
    score: number | null;
    status: string;
    text: string;
  }[];
  issues: { severity: string; code: string; message: string; inputs: string[] }[];
}

export function toJson(e: Evaluation): EvaluationJson {
  return {
    scheme: e.scheme,
    dept: e.dept,
    year: e.year,
    total: e.total.toNumber(),
    maxTotal: e.maxTotal.toNumber(),
    grade: e.grade,
    complete: e.complete,
    indicators: e.indicators.map((i) => ({
      id: i.id,
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      weight: i.weight.toNumber(),
      score: i.score === null ? null : i.score.toNumber(),
      status: i.status,
      text: i.text,
    })),
    issues: e.issues.map((f) => ({ severity: f.severity, code: f.code, message: f.message, inputs: f.inputs })),
  };
}

export function hasErrors(e: Evaluation): boolean {
  return e.issues.some((f) => f.severity === 'error');
}
