import { statusLine } from './status';
import type { Scheme } from './scheme';
import type { Evaluation } from './types';

/** What an output cell holds: a number, a text, or nothing. */
export type OutputCell = number | string | null;

/**
 * The value of every single-cell output of one form (scheme.outputNames): score_<id> and text_<id> of each fixed
 * indicator and of the execution line, rate_<id> of the execution line and of each figure (the two-decimal
 * percentage: 92.4 for 92.40%) with the figure's text_<id>, total, grade and status line. The target table's
 * columns (score_rows, text_rows) are evaluation.table, row by row.
 */
export function namedOutputs(scheme: Scheme, e: Evaluation): Map<string, OutputCell> {
  const out = new Map<string, OutputCell>();
  const num = (d: { toNumber(): number } | null | undefined) => (d ? d.toNumber() : null);
  for (const ind of e.indicators) {
    if (ind.row !== undefined) continue;
    out.set(scheme.scoreName(ind.id), num(ind.score));
    out.set(scheme.textName(ind.id), ind.text);
  }
  if (e.execution) {
    const x = e.execution;
    out.set(scheme.scoreName(x.id), num(x.score));
    out.set(scheme.textName(x.id), x.text);
    const rate = scheme.rateName(x.id);
    if (rate) out.set(rate, num(x.rate));
  }
  for (const f of e.figures ?? []) {
    const rate = scheme.rateName(f.id);
    if (rate) out.set(rate, num(f.rate));
    out.set(scheme.textName(f.id), f.text);
  }
  out.set(scheme.outputs.total, e.total.toNumber());
  out.set(scheme.outputs.grade, e.grade);
  out.set(scheme.outputs.status, statusLine(e));
  return out;
}
