import type { Decimal } from '../../engine/decimal';
import { Unresolved, evaluate, parseAt } from './expression';
import { DivisionByZero, TooLong, toDecimal } from './rational';
import { tokenize } from './tokens';

/**
 * The exact value of a text that is one calculation and nothing else: "（17/22）×100%" → 0.7727…, "１７＋５" → 22.
 * A percent sign divides by 100. Not a calculation (words, a date, a reference ①) is an error in Chinese.
 */
export function readExpression(text: string): { value: Decimal } | { error: string } {
  const toks = tokenize(text);
  if (!toks.length) return { error: '没有算式' };
  const node = parseAt(toks, 0);
  if (!node || node.to !== toks.length) return { error: `“${text.trim()}”不是可以计算的算式` };
  try {
    return {
      value: toDecimal(
        evaluate(
          node,
          (ref) => {
            throw new Unresolved(`${ref.key}的数值无法确定`);
          },
          'stated',
        ),
      ),
    };
  } catch (e) {
    if (e instanceof Unresolved) return { error: e.reason };
    if (e instanceof DivisionByZero) return { error: '除数为0' };
    if (e instanceof TooLong) return { error: '数值位数过多' };
    throw e;
  }
}
