import { z } from 'zod';
import { Decimal, compare, plain, smaller } from '../decimal';
import { defineRule, perParams } from './types';

const withinOf = perParams((p: { withinCarryover: number }) => new Decimal(p.withinCarryover));

/** 当年无结余 full; a surplus within last year's carry-over scores `withinCarryover`; more scores 0. */
export const surplus = defineRule({
  params: z.object({ kind: z.literal('surplus'), surplus: z.string(), carryover: z.string(), withinCarryover: z.number().min(0) }),
  inputsOf: (p) => [p.surplus, p.carryover],
  required: (p) => [p.surplus],
  score(p, view, ctx) {
    const s = view.num(p.surplus);
    if (s.isZero()) return { status: 'ok', score: ctx.weight, text: `当年无结余，得${plain(ctx.weight)}分` };
    const state = view.state(p.carryover);
    if (state === 'blank') return { status: 'missing', score: null, text: `当年结余${plain(s)}，缺少上年结转数，无法评分`, missing: [p.carryover] };
    if (state === 'invalid') return { status: 'invalid', score: null, text: `${view.label(p.carryover)}有误，无法评分` };
    const c = view.num(p.carryover);
    if (compare(s, c) <= 0) {
      const score = smaller(withinOf(p), ctx.weight);
      return { status: 'ok', score, text: `当年结余${plain(s)}，未超过上年结转${plain(c)}，得${plain(score)}分` };
    }
    return { status: 'ok', score: new Decimal(0), text: `当年结余${plain(s)}，超过上年结转${plain(c)}，不得分` };
  },
});
