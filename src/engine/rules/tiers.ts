import { z } from 'zod';
import { Decimal, plain } from '../decimal';
import { inputRate } from './ratio';
import { defineRule, ratioParams } from './types';

const tier = z
  .object({
    min: z.number().optional(),
    minInclusive: z.boolean().default(true),
    max: z.number().optional(),
    maxInclusive: z.boolean().default(false),
    score: z.number().min(0),
    /** how the text names the band: 在80%（含）-90%之间 */
    label: z.string(),
  })
  .strict();
export type Tier = z.infer<typeof tier>;

/** Whether a two-decimal rate falls in a band; each bound says whether it is included. */
export function inTier(rate: Decimal, t: Tier): boolean {
  if (t.min !== undefined && (t.minInclusive ? rate.lt(t.min) : rate.lte(t.min))) return false;
  if (t.max !== undefined && (t.maxInclusive ? rate.gt(t.max) : rate.gte(t.max))) return false;
  return true;
}

/** Bands of the rate, each with its score (重点支出安排率, 预算调整率). */
export const tiers = defineRule({
  params: z.object({ kind: z.literal('tiers'), ...ratioParams, tiers: z.array(tier).min(1) }),
  inputsOf: (p) => [p.numerator, p.denominator],
  required: (p) => [p.numerator, p.denominator],
  score(p, view, ctx) {
    const r = inputRate(p.numerator, p.denominator, p.zeroDenominator, view, ctx);
    if ('outcome' in r) return r.outcome;
    const hit = p.tiers.find((t) => inTier(r.rate, t));
    if (!hit) {
      return {
        status: 'invalid',
        score: null,
        rate: r.rate,
        text: `${r.formula}，评分方案没有对应的档次`,
        findings: [{ severity: 'error', code: 'scheme_gap', message: `${ctx.name}：比率${plain(r.rate)}%不在评分方案的任何档次内`, inputs: [p.numerator, p.denominator] }],
      };
    }
    const score = Decimal.min(new Decimal(hit.score), ctx.weight);
    return { status: 'ok', score, rate: r.rate, text: `${r.formula}，${hit.label}，得${plain(score)}分` };
  },
});
