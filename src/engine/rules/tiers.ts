import { z } from 'zod';
import { Decimal, compare, plain, smaller } from '../decimal';
import { inputRate } from './ratio';
import { defineRule, perParams, ratioParams } from './types';

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

/** A band with its bounds and score as Decimal. */
interface Band {
  tier: Tier;
  min: Decimal | undefined;
  max: Decimal | undefined;
  score: Decimal;
}

function bandOf(t: Tier): Band {
  return {
    tier: t,
    min: t.min === undefined ? undefined : new Decimal(t.min),
    max: t.max === undefined ? undefined : new Decimal(t.max),
    score: new Decimal(t.score),
  };
}

/** The bands of a tiers rule, made once per parameters object. */
const bandsOf = perParams((p: { tiers: Tier[] }) => p.tiers.map(bandOf));

/** Whether a two-decimal rate falls in a band; each bound says whether it is included. */
export function inTier(rate: Decimal, t: Tier): boolean {
  return inBand(rate, bandOf(t));
}

function inBand(rate: Decimal, b: Band): boolean {
  if (b.min !== undefined) {
    const k = compare(rate, b.min);
    // below the lower bound, or on it when it is not included
    if (k < 0 || (k === 0 && !b.tier.minInclusive)) return false;
  }
  if (b.max !== undefined) {
    const k = compare(rate, b.max);
    if (k > 0 || (k === 0 && !b.tier.maxInclusive)) return false;
  }
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
    const band = bandsOf(p).find((b) => inBand(r.rate, b));
    if (!band) {
      return {
        status: 'invalid',
        score: null,
        rate: r.rate,
        text: `${r.formula}，评分方案没有对应的档次`,
        findings: [{ severity: 'error', code: 'scheme_gap', message: `${ctx.name}：比率${plain(r.rate)}%不在评分方案的任何档次内`, inputs: [p.numerator, p.denominator] }],
      };
    }
    const score = smaller(band.score, ctx.weight);
    return { status: 'ok', score, rate: r.rate, text: `${r.formula}，${band.tier.label}，得${plain(score)}分` };
  },
});
