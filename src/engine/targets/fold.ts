import type { IndicatorResult } from '../types';
import { readValue } from './read';

/**
 * 年度指标值 as the national form prints it, with no 指标性质 column of its own: the operator the row was scored
 * by put before a number that carries none (95% → ≥95%); the 度量单位 is in `target` already. Times and 定性
 * texts, and targets that say their operator, are printed as typed.
 */
export function foldedTarget(row: Pick<IndicatorResult, 'sense' | 'target'>): string {
  const target = row.target ?? '';
  if (!target || !row.sense || row.sense === '定性') return target;
  const r = readValue(target);
  return r.op || !r.quantity ? target : `${row.sense}${target}`;
}
