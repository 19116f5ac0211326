import { evaluate, getScheme, inputsFromJson } from '../../src/engine';
import type { CellRef, Evaluation, Finding, IndicatorResult, RawValue } from '../../src/engine';
import example from '../../templates/samples/project-2020-example.json';

export const project = () => getScheme('project-2020');

/** One indicator row as the `--inputs` JSON writes it. */
export interface Row {
  level1?: RawValue;
  level2?: RawValue;
  name?: RawValue;
  sense?: RawValue;
  target?: RawValue;
  unit?: RawValue;
  actual?: RawValue;
  weight?: RawValue;
  rating?: RawValue;
  score?: RawValue;
  deviation?: RawValue;
}

/** The worked example of spec/perf-2020.md (its JSON, a fresh deep copy). */
export function exampleInputs(): Record<string, unknown> & { in_indicators: Row[] } {
  return JSON.parse(JSON.stringify(example)) as Record<string, unknown> & { in_indicators: Row[] };
}

/** Scores an --inputs object with project-2020 (or another scheme), tables given as objects. */
export function scoreJson(data: Record<string, unknown>, scheme = project(), cells?: Record<string, CellRef>): Evaluation {
  const { values, findings } = inputsFromJson(scheme, data);
  expect(findings).toEqual([]);
  return evaluate(scheme, cells ? { values, cells } : { values });
}

/**
 * A form of the worked example's funds (execution 9.24) whose table is `rows`: the rows a test is about, then
 * filler rows (≥, met, deviation given) topping the weights up to 90 in each 一级 as the scheme wants, so that
 * nothing but the rows under test can give findings.
 */
export function withRows(rows: Row[], extra: Record<string, unknown> = {}): Evaluation {
  return scoreJson({ ...fundsOnly(), in_indicators: topUp(rows), ...extra });
}

export function fundsOnly(): Record<string, unknown> {
  const rest: Record<string, unknown> = exampleInputs();
  delete rest.in_indicators;
  return rest;
}

const FILL: Record<string, [string, string]> = { 产出指标: ['产出指标', '数量指标'], 效益指标: ['效益指标', '社会效益指标'], 满意度指标: ['满意度指标', '服务对象满意度指标'] };
const LEVEL_WEIGHTS: Record<string, number> = { 产出指标: 50, 效益指标: 30, 满意度指标: 10 };

/** rows (defaulting to 产出指标/数量指标) topped up with met filler rows to 50/30/10 */
export function topUp(rows: Row[]): Row[] {
  const out = rows.map((r) => ({ level1: '产出指标', level2: '数量指标', ...r }));
  for (const [level, w] of Object.entries(LEVEL_WEIGHTS)) {
    const used = out.filter((r) => String(r.level1).startsWith(level)).reduce((a, r) => a + (typeof r.weight === 'number' ? r.weight : 0), 0);
    if (w - used > 0) out.push({ level1: FILL[level][0], level2: FILL[level][1], name: `补足${level}`, sense: '≥', target: '1', actual: '1', weight: w - used });
  }
  return out;
}

/** The row result of the first row under test (r1). */
export function first(e: Evaluation): IndicatorResult {
  return e.indicators[0];
}

export function codes(e: Evaluation): string[] {
  return e.issues.map((f) => `${f.severity} ${f.code}`);
}

export function findings(e: Evaluation, code: string): Finding[] {
  return e.issues.filter((f) => f.code === code);
}

export const num = (d: { toNumber(): number } | null | undefined): number | null => (d ? d.toNumber() : null);
