import { z } from 'zod';
import { Decimal, plain, round2 } from '../decimal';
import { circled, zeroDenominator } from './ratio';
import { defineRule, zeroPolicy } from './types';

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
    let total = new Decimal(0);
    const texts: string[] = [];
    for (const [k, part] of p.parts.entries()) {
      const n = view.num(part.numerator);
      const d = view.num(part.denominator);
      if (d.isZero()) return zeroDenominator(p.zeroDenominator, part.numerator, part.denominator, view, ctx);
      const w = new Decimal(part.weight);
      // each part is rounded as it is written, so that the written parts add up to the score
      const raw = round2(n.div(d).times(w));
      const value = Decimal.min(raw, w);
      const capped = raw.gt(w) ? `，超过${plain(w)}分按${plain(w)}分计` : '';
      texts.push(`${circled(k)}（${plain(n)}/${plain(d)}）×${plain(w)}=${plain(raw)}分${capped}`);
      total = total.plus(value);
    }
    const score = Decimal.min(total, ctx.weight);
    const sum = p.parts.length > 1 ? `；${p.parts.map((_, k) => circled(k)).join('+')}=${plain(score)}分` : '';
    return { status: 'ok', score, text: `${texts.join('；')}${sum}，得${plain(score)}分` };
  },
});
