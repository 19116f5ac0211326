import { z } from 'zod';
import { Decimal, compare, fixed2, plain, percent, ratePercent } from '../decimal';
import { deduct, inputRate, zeroDenominator } from './ratio';
import { defineRule, perParams, ratioParams, zeroPolicy } from './types';

function capText(cap: Decimal): string {
  return cap.isZero() ? '0' : `${plain(cap)}%`;
}

/** The cap (or target) and the deduction per point as Decimal, and how the texts write the cap. */
const limitsOf = perParams((p: { cap?: number; target?: number; perPoint: number }) => {
  const limit = new Decimal(p.cap ?? p.target ?? 0);
  return { limit, capText: capText(limit), limitText: plain(limit), perPoint: new Decimal(p.perPoint) };
});

/** Rate at or under a cap scores full; each percentage point over it deducts (控制率). */
export const capDeduction = defineRule({
  params: z.object({ kind: z.literal('cap_deduction'), ...ratioParams, cap: z.number(), perPoint: z.number().positive() }),
  inputsOf: (p) => [p.numerator, p.denominator],
  required: (p) => [p.numerator, p.denominator],
  score(p, view, ctx) {
    const r = inputRate(p.numerator, p.denominator, p.zeroDenominator, view, ctx);
    if ('outcome' in r) return r.outcome;
    const { limit: cap, capText: capWords, perPoint } = limitsOf(p);
    if (compare(r.rate, cap) <= 0) return { status: 'ok', score: ctx.weight, rate: r.rate, text: `${r.formula}，未超过${capWords}，得${plain(ctx.weight)}分` };
    const over = r.rate.minus(cap);
    const d = deduct(ctx.weight, over, perPoint, `${r.formula}，超过${capWords}共${fixed2(over)}个百分点`);
    return { status: 'ok', score: d.score, rate: r.rate, text: d.text };
  },
});

/** Rate at or over a target scores full; each percentage point under it deducts (利用率, 达标率). */
export const shortfallDeduction = defineRule({
  params: z.object({ kind: z.literal('shortfall_deduction'), ...ratioParams, target: z.number(), perPoint: z.number().positive() }),
  inputsOf: (p) => [p.numerator, p.denominator],
  required: (p) => [p.numerator, p.denominator],
  score(p, view, ctx) {
    const r = inputRate(p.numerator, p.denominator, p.zeroDenominator, view, ctx);
    if ('outcome' in r) return r.outcome;
    const { limit: target, limitText: targetText, perPoint } = limitsOf(p);
    if (compare(r.rate, target) >= 0) return { status: 'ok', score: ctx.weight, rate: r.rate, text: `${r.formula}，达到${targetText}%，得${plain(ctx.weight)}分` };
    const under = target.minus(r.rate);
    const d = deduct(ctx.weight, under, perPoint, `${r.formula}，低于${targetText}%共${fixed2(under)}个百分点`);
    return { status: 'ok', score: d.score, rate: r.rate, text: d.text };
  },
});

/** (current − previous) / previous; at or under the cap scores full, each point over deducts (变动率). */
export const changeRate = defineRule({
  params: z.object({
    kind: z.literal('change_rate'),
    current: z.string(),
    previous: z.string(),
    cap: z.number(),
    perPoint: z.number().positive(),
    zeroDenominator: zeroPolicy,
  }),
  inputsOf: (p) => [p.current, p.previous],
  required: (p) => [p.current, p.previous],
  score(p, view, ctx) {
    const cur = view.num(p.current);
    const prev = view.num(p.previous);
    if (prev.isZero()) return zeroDenominator(p.zeroDenominator, p.current, p.previous, view, ctx);
    const rate = ratePercent(cur.minus(prev), prev);
    const formula = `（${plain(cur)}-${plain(prev)}）/${plain(prev)}×100%=${percent(rate)}`;
    const { limit: cap, capText: capWords, perPoint } = limitsOf(p);
    if (compare(rate, cap) <= 0) return { status: 'ok', score: ctx.weight, rate, text: `${formula}，未超过${capWords}，得${plain(ctx.weight)}分` };
    const over = rate.minus(cap);
    const d = deduct(ctx.weight, over, perPoint, `${formula}，超过${capWords}共${fixed2(over)}个百分点`);
    return { status: 'ok', score: d.score, rate, text: d.text };
  },
});

/** A fixed deduction for each case found (未按进度支出, 不符合要求的情况). */
export const perItemDeduction = defineRule({
  params: z.object({ kind: z.literal('per_item_deduction'), count: z.string(), perItem: z.number().positive(), item: z.string(), unit: z.string() }),
  inputsOf: (p) => [p.count],
  required: (p) => [p.count],
  score(p, view, ctx) {
    const n = view.num(p.count);
    if (n.isZero()) return { status: 'ok', score: ctx.weight, text: `未发现${p.item}，得${plain(ctx.weight)}分` };
    const { per, perText } = perItemOf(p);
    const d = deduct(ctx.weight, n, per, `${p.item}${plain(n)}${p.unit}，每${p.unit}扣${perText}分`);
    return { status: 'ok', score: d.score, text: d.text };
  },
});

const perItemOf = perParams((p: { perItem: number }) => {
  const per = new Decimal(p.perItem);
  return { per, perText: plain(per) };
});
