import { Decimal, compare, plain, percent, ratePercent, round2 } from '../decimal';
import type { RuleContext, RuleOutcome, RuleView, ZeroPolicy } from './types';

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** ① ② … for item k (0-based), as the official wording numbers its points. */
export function circled(k: number): string {
  return CIRCLED[k] ?? `(${k + 1})`;
}

/** （21/20）×100%=105.00% */
export function rateFormula(numerator: Decimal, denominator: Decimal, rate: Decimal): string {
  return `（${plain(numerator)}/${plain(denominator)}）×100%=${percent(rate)}`;
}

/** The score after deducting `perPoint` per unit of `excess`, floored at 0, with the words for it. */
export function deduct(weight: Decimal, excess: Decimal, perPoint: Decimal, what: string): { score: Decimal; text: string } {
  const deduction = excess.times(perPoint);
  if (compare(deduction, weight) >= 0) {
    return { score: new Decimal(0), text: `${what}，应扣${plain(deduction)}分，扣完为止，得0分` };
  }
  const score = round2(weight.minus(deduction));
  return { score, text: `${what}，扣${plain(deduction)}分，得${plain(score)}分` };
}

/**
 * The outcome when a ratio's denominator is 0, by the scheme's policy:
 * full = 不适用, full marks; zero = 0 points with a warning; invalid = an error, no score.
 */
export function zeroDenominator(
  policy: ZeroPolicy,
  numerator: string,
  denominator: string,
  view: RuleView,
  ctx: RuleContext,
): RuleOutcome {
  const numZero = view.num(numerator).isZero();
  const kind = typeof policy === 'string' ? policy : numZero ? policy.numeratorZero : policy.numeratorPositive;
  const den = view.label(denominator);
  const inputs = [denominator, numerator];
  switch (kind) {
    case 'full': {
      const why = numZero && typeof policy !== 'string' ? `${den}和${view.label(numerator)}均为0` : `${den}为0`;
      return {
        status: 'not_applicable',
        score: ctx.weight,
        text: `${why}，本指标不适用，按满分计${plain(ctx.weight)}分`,
        findings: [{ severity: 'info', code: 'not_applicable', message: `${ctx.name}：${why}，本指标不适用，按满分计${plain(ctx.weight)}分`, inputs }],
      };
    }
    case 'zero':
      return {
        status: 'not_applicable',
        score: new Decimal(0),
        text: `${den}为0而${view.label(numerator)}为${plain(view.num(numerator))}，无法计算比率，不得分`,
        findings: [
          {
            severity: 'warning',
            code: 'zero_base',
            message: `${ctx.name}：${view.where(denominator)}为0，而${view.where(numerator)}为${plain(view.num(numerator))}，本项不得分；请核实`,
            inputs,
          },
        ],
      };
    case 'invalid':
      return {
        status: 'invalid',
        score: null,
        text: `${den}为0，无法计算${ctx.name}`,
        findings: [
          { severity: 'error', code: 'zero_denominator', message: `${view.where(denominator)}为0，无法计算${ctx.name}（分母不能为0）`, inputs: [denominator] },
        ],
      };
  }
}

/** rate% of two inputs, or the 0-denominator outcome. */
export function inputRate(
  numerator: string,
  denominator: string,
  policy: ZeroPolicy,
  view: RuleView,
  ctx: RuleContext,
): { rate: Decimal; formula: string } | { outcome: RuleOutcome } {
  const n = view.num(numerator);
  const d = view.num(denominator);
  if (d.isZero()) return { outcome: zeroDenominator(policy, numerator, denominator, view, ctx) };
  const rate = ratePercent(n, d);
  return { rate, formula: rateFormula(n, d, rate) };
}
