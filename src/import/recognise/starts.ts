/** Where each kind of standard table starts: its header row, by the columns it must have. */
import type { GridView } from '../grid';
import { headerAt, type Header } from './headers';
import { FUNDS_COLUMNS, SCORING_COLUMNS, TARGET_COLUMNS, type FundsColumn, type ScoringColumn, type TargetColumn } from './vocabulary';

/** A target table's indicator header: 三级指标, 年度指标值, 实际完成值 and 分值 (by any of their names). */
export function indicatorHeaderAt(view: GridView, r: number): Header<TargetColumn> | null {
  return headerAt(view, r, TARGET_COLUMNS, ['name', 'target', 'actual', 'weight']);
}

/** A funds block's header: 全年预算数 and 全年执行数, with 执行率, 得分 or 年初预算数. */
export function fundsHeaderAt(view: GridView, r: number): Header<FundsColumn> | null {
  const h = headerAt(view, r, FUNDS_COLUMNS, ['full', 'spent']);
  return h && (h.columns.rate || h.columns.score || h.columns.initial) ? h : null;
}

/**
 * A 评分表 header: 三级指标, 分值, 评价得分 and a column saying how it is scored (评价标准, 备注 or 计算过程), and no
 * 年度指标值 / 实际完成值 (a table of 三级指标, 分值 and 得分 alone could be either kind: it is not placed).
 */
export function scoringHeaderAt(view: GridView, r: number): Header<ScoringColumn> | null {
  const h = headerAt(view, r, SCORING_COLUMNS, ['name', 'weight', 'score']);
  if (!h || !(h.columns.criteria || h.columns.basis || h.columns.note)) return null;
  const target = headerAt(view, r, TARGET_COLUMNS, ['target']) ?? headerAt(view, r, TARGET_COLUMNS, ['actual']);
  return target ? null : h;
}

/** A row that starts another table. */
export function startsTable(view: GridView, r: number): boolean {
  return !!(fundsHeaderAt(view, r) || indicatorHeaderAt(view, r) || scoringHeaderAt(view, r));
}
