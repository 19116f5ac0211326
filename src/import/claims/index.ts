import { cellText } from '../../engine/cells';
import type { CellRef, Finding } from '../../engine/types';
import { findClaims } from './claims';

export { findClaims } from './claims';
export type { ArithmeticClaim, ClaimOperand, ClaimVerdict } from './claims';
export { readExpression } from './read';

/**
 * claim_mismatch findings (warning) for the arithmetic claims of one cell's text that do not hold, e.g.
 * 评分表!H8：“（29/23）×100%=126.08%”计算有误：应为126.09%. `label` names the field when there is one:
 * 财政供养人员控制率（评分表!H8）：…
 */
export function claimFindings(text: string, cell: string | CellRef, label?: string): Finding[] {
  const at = typeof cell === 'string' ? cell : cellText(cell);
  const where = label ? `${label}（${at}）` : at;
  return findClaims(text)
    .filter((c) => c.verdict === 'mismatch')
    .map((c) => ({ severity: 'warning', code: 'claim_mismatch', message: `${where}：${c.message}`, inputs: [], cells: [at] }));
}
