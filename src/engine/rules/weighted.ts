import { z } from 'zod';
import { Decimal, ZERO, compare, plain, round2, smaller } from '../decimal';
import { circled, zeroDenominator } from './ratio';
import { defineRule, perParams, zeroPolicy } from './types';

/** Each part's weight as Decimal and its words, and the ①+② of the sum. */
const partsOf = perParams((p: { parts: { weight: number }[] }) => ({
  weights: p.parts.map((x) => new Decimal(x.weight)),
  weightTexts: p.parts.map((x) => plain(new Decimal(x.weight))),
  sumOf: p.parts.map((_, k) => circled(k)).join('+'),
}));

/** Σ (numerator/denominator) × part weight, each part capped at its weight (重点工作实际完成率). */
export const weightedCompletion = defineRule({
  params: z.object({
    kind: z.literal('weighted_completion'),
    zeroDenominator: zeroPolicy,
    parts: z.array(z.object({ numerator: z.string(), denominator: z.string(), weight: z.number().positive() }).strict()).min(1),
  }),
  inputsOf: (p) => p.parts.flatMap((x) => [x.numerator, x.denominator]),
  required: (p) => p.parts.flatMap((x) => [x.numerator, x.denominator]),
  score(p, view, ctx) {
    const plan = partsOf(p);
    let total = ZERO;
    let text = '';
    for (let k = 0; k < p.parts.length; k++) {
      const part = p.parts[k];
      const n = view.num(part.numerator);
      const d = view.num(part.denominator);
      if (d.isZero()) return zeroDenominator(p.zeroDenominator, part.numerator, part.denominator, view, ctx);
      const w = plan.weights[k];
      const wText = plan.weightTexts[k];
      // each part is rounded as it is written, so that the written parts add up to the score
      const raw = round2(n.div(d).times(w));
      const value = smaller(raw, w);
      const capped = compare(raw, w) > 0 ? `，超过${wText}分按${wText}分计` : '';
      text += `${k ? '；' : ''}${circled(k)}（${plain(n)}/${plain(d)}）×${wText}=${plain(raw)}分${capped}`;
      total = total.plus(value);
    }
    const score = smaller(total, ctx.weight);
    const sum = p.parts.length > 1 ? `；${plan.sumOf}=${plain(score)}分` : '';
    return { status: 'ok', score, text: `${text}${sum}，得${plain(score)}分` };
  },
});
