import { Decimal, evaluate, getScheme } from '../../src/engine';
import type { CellRef, Evaluation, Finding, IndicatorResult, RawValue } from '../../src/engine';
import example from '../../templates/samples/dept-2013-example.json';

/** The worked example of spec/dept-2013.md as `--inputs` values (a fresh deep copy each call). */
export function exampleValues(): Record<string, RawValue> {
  return JSON.parse(JSON.stringify(example)) as Record<string, RawValue>;
}

/**
 * Synthetic cell addresses for every input: the summary fields one per row in column D from row 4, in the
 * scheme's layout order (so in_staff_quota is 基本情况表!D8), the survey grid's top-left at 满意度调查!C4.
 */
export function exampleCells(): Record<string, CellRef> {
  const scheme = getScheme();
  const cells: Record<string, CellRef> = {};
  let row = 4;
  for (const section of scheme.layout.summary.sections) {
    for (const field of section.fields) cells[field] = { sheet: '基本情况表', address: `D${row++}` };
  }
  cells.in_survey_answers = { sheet: '满意度调查', address: 'C4' };
  return cells;
}

/** Evaluates the worked example with some inputs changed (undefined deletes an input). */
export function evalWith(changes: Record<string, RawValue> = {}, withCells = false): Evaluation {
  const values = { ...exampleValues(), ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) delete values[k];
  return evaluate(getScheme(), withCells ? { values, cells: exampleCells() } : { values });
}

export function ind(e: Evaluation, id: string): IndicatorResult {
  const found = e.indicators.find((i) => i.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
}

/** The score of an indicator as a plain JS number (null when it cannot be scored). */
export function score(e: Evaluation, id: string): number | null {
  const s = ind(e, id).score;
  return s === null ? null : s.toNumber();
}

export function findings(e: Evaluation, code?: string): Finding[] {
  return e.issues.filter((f) => code === undefined || f.code === code);
}

/** severity + code of every finding, e.g. "error zero_denominator" */
export function codes(e: Evaluation): string[] {
  return e.issues.map((f) => `${f.severity} ${f.code}`);
}

/** A survey row of ten identical answers. */
export function row(answer: RawValue, n = 10): RawValue[] {
  return Array.from({ length: n }, () => answer);
}

export const d = (v: number | string): Decimal => new Decimal(v);
