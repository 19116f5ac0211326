import { statusLine } from '../engine';
import type { Evaluation, Scheme } from '../engine';
import type { OutputValue } from './types';

/**
 * The value of every output name for an evaluation — the one mapping both adapters write:
 * score_<id> (number or empty), text_<id> (the 评价得分 text with its score), total, grade, status line.
 */
export function outputValues(scheme: Scheme, e: Evaluation): Map<string, OutputValue> {
  const out = new Map<string, OutputValue>();
  for (const ind of e.indicators) {
    out.set(scheme.scoreName(ind.id), ind.score === null ? null : ind.score.toNumber());
    out.set(scheme.textName(ind.id), ind.text);
  }
  out.set(scheme.outputs.total, e.total.toNumber());
  out.set(scheme.outputs.grade, e.grade);
  out.set(scheme.outputs.status, statusLine(e));
  return out;
}
