import { Decimal, Sum, ZERO, compare, percent, plain, round2, smaller } from '../decimal';
import type { ParsedInputs } from '../inputs';
import type { Scheme } from '../scheme';
import type { Finding, IndicatorResult, TableOutputs, TableValue } from '../types';
import { scoreExecution } from './execution';
import { targetPlan } from './plan';
import { targetRows } from './rows';
import { scoreRow } from './score';

/** A target table scored: its execution line, its rows, their column outputs, the total and what was found. */
export interface TargetOutcome {
  execution: IndicatorResult;
  rows: IndicatorResult[];
  table: TableOutputs;
  /** in order: the execution line's, the rows', then those of the weights and the total */
  findings: Finding[];
  total: Decimal;
  totalText: string;
  complete: boolean;
}

const DETAIL_TEXT = '其中项，不单独计分';
const TOLERANCE = new Decimal('0.005');

/**
 * `base` is the total of any fixed indicators the scheme also has (0 for the target-table schemes); `withCells`
 * gives a finding the cells of its inputs.
 */
export function evaluateTargets(
  scheme: Scheme,
  parsed: ParsedInputs,
  year: number | undefined,
  base: Decimal,
  withCells: (f: Omit<Finding, 'cells'>) => Finding,
): TargetOutcome {
  const plan = targetPlan(scheme);
  const spec = plan.spec;
  const execFindings: Omit<Finding, 'cells'>[] = [];
  const execution = scoreExecution(plan, parsed, execFindings);
  const rowFindings: Finding[] = execFindings.map(withCells);
  const findings: Omit<Finding, 'cells'>[] = [];

  const entry = parsed.get(spec.table);
  const value = entry?.state === 'ok' ? (entry.value as TableValue) : undefined;
  const length = value ? value.raw.length : 0;
  const table: TableOutputs = { table: spec.table, scores: new Array(length).fill(null), texts: new Array(length).fill('') };
  const rows: IndicatorResult[] = [];
  let complete = execution.status === 'ok' && entry?.state === 'ok';
  const scores = new Sum();
  const weighed = new Sum();
  const byLevel = new Map(spec.levels.map((l) => [l, new Sum()]));
  const unknownLevels = new Set<string>();
  let scored = 0;

  for (const row of value ? targetRows(plan, value) : []) {
    if (row.detail) {
      table.texts[row.r] = DETAIL_TEXT;
      continue;
    }
    const id = `r${++scored}`;
    const out = scoreRow(row, id, { plan, parsed, year, findings: rowFindings });
    const r = out.result;
    rows.push(r);
    table.scores[row.r] = r.score;
    table.texts[row.r] = r.text;
    if (r.score) scores.add(r.score);
    if (r.status !== 'ok' && r.status !== 'not_applicable') complete = false;
    if (out.weight) {
      weighed.add(out.weight);
      if (row.level) byLevel.get(row.level)!.add(out.weight);
    }
    if (!row.level && !unknownLevels.has(row.level1)) {
      unknownLevels.add(row.level1);
      const cell = parsed.tableCell(spec.table, row.r, Math.max(0, plan.at.level1));
      const what = row.level1 ? `一级指标“${row.level1}”无法识别（应为${plan.levelNames}）` : '一级指标未填写';
      rowFindings.push({
        severity: 'warning',
        code: 'unknown_level',
        message: `${plan.table.label}第${row.r + 1}行（${parsed.tablePlace(spec.table, row.r, Math.max(0, plan.at.level1))}）：${what}，不计入各级分值的核对`,
        inputs: [spec.table],
        cells: cell ? [cell] : [],
        indicator: id,
      });
    }
  }
  if (!rows.length) complete = false;

  // weights: the rows add up to the scheme's rows total (error); each 一级 to its weight (warning)
  const rowsSum = scores.value();
  const weights = weighed.value();
  if (rows.length) {
    if (!weights.eq(plan.rowsTotal)) {
      findings.push({
        severity: 'error',
        code: 'weight_total',
        message: `${plan.table.label}各行分值合计${plain(weights)}分，应为${plain(plan.rowsTotal)}分（总分${scheme.maxTotal}分减去${spec.execution.name}${plain(plan.execWeight)}分）`,
        inputs: [spec.table],
      });
    }
    for (const [level, levelSum] of byLevel) {
      const sum = levelSum.value();
      const w = plan.levelWeights.get(level)!;
      if (!sum.eq(w)) {
        findings.push({
          severity: 'warning',
          code: 'level_weight',
          message: `${level.name}各行分值合计${plain(sum)}分，应为${plain(w)}分（确需调整的应说明理由）`,
          inputs: [spec.table],
        });
      }
    }
  }

  // the total: the execution score and the rounded row scores, at most maxTotal, then any cap by execution rate
  const execScore = execution.score ?? ZERO;
  const sum = base.plus(execScore).plus(rowsSum);
  const maxTotal = new Decimal(scheme.maxTotal);
  let total = smaller(sum, maxTotal);
  let totalText = `${base.isZero() ? '' : `固定指标得分${plain(base)}分+`}${spec.execution.name}得分${plain(execScore)}分+各项指标得分${plain(round2(rowsSum))}分=${plain(round2(sum))}分`;
  if (compare(sum, maxTotal) > 0) totalText += `，超过${plain(maxTotal)}分按${plain(maxTotal)}分计`;
  const rate = execution.rate;
  if (rate) {
    const cap = plan.cap.find((c) => compare(rate, c.below) < 0);
    if (cap && compare(total, cap.max) > 0) {
      const note = `${spec.execution.name}${percent(rate)}低于${plain(cap.below)}%，总分不超过${plain(cap.max)}分`;
      findings.push({ severity: 'info', code: 'total_capped', message: `${note}：由${plain(total)}分调整为${plain(cap.max)}分`, inputs: [spec.execution.total.spent, spec.execution.total[spec.execution.base]!] });
      totalText += `；${note}，按${plain(cap.max)}分计`;
      total = cap.max;
    }
  }
  if (spec.selfTotal) {
    const typed = parsed.get(spec.selfTotal);
    if (typed?.state === 'ok' && compare((typed.value as Decimal).minus(total).abs(), TOLERANCE) > 0) {
      findings.push({
        severity: 'warning',
        code: 'self_score_mismatch',
        message: `${parsed.where(spec.selfTotal)}填写为${plain(typed.value as Decimal)}分，计算总分为${plain(round2(total))}分`,
        inputs: [spec.selfTotal],
      });
    }
  }
  for (const f of findings) rowFindings.push(withCells(f));
  return { execution, rows, table, findings: rowFindings, total: round2(total), totalText, complete };
}
