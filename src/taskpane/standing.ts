import type { BadgeProps } from '@fluentui/react-components';
import type { IndicatorResult } from '../engine';

/**
 * How an indicator's score stands: scored in full, in part or not at all; not applicable (counted in full);
 * waiting for inputs; or held up by a wrong value. A scored indicator is not "正常" whatever its points.
 */
export type Standing = 'full' | 'partial' | 'zero' | 'not_applicable' | 'missing' | 'invalid';

export function standingOf(ind: Pick<IndicatorResult, 'status' | 'score' | 'weight'>): Standing {
  switch (ind.status) {
    case 'not_applicable':
      return 'not_applicable';
    case 'missing':
      return 'missing';
    case 'invalid':
      return 'invalid';
    default:
      if (!ind.score || ind.score.isZero()) return 'zero';
      return ind.score.gte(ind.weight) ? 'full' : 'partial';
  }
}

export const STANDING_LABEL: Record<Standing, string> = {
  full: '满分',
  partial: '部分得分',
  zero: '未得分',
  not_applicable: '不适用',
  missing: '待填写',
  invalid: '输入有误',
};

/** Red only for a wrong value; a 0 earned by the figures is a result, not a mistake. */
export const STANDING_COLOR: Record<Standing, BadgeProps['color']> = {
  full: 'success',
  partial: 'warning',
  zero: 'severe',
  not_applicable: 'informative',
  missing: 'subtle',
  invalid: 'danger',
};
