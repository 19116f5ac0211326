import { z } from 'zod';
import { Decimal, ZERO, compare, plain, smaller, whole } from '../decimal';
import { circled } from './ratio';
import { defineRule, perParams } from './types';

const params = z.object({
  kind: z.literal('checklist'),
  items: z.array(z.object({ input: z.string(), points: z.number().positive() }).strict()).min(1),
});

/** Each item's words for 是 and 否, its points, and the points of all items. */
const planOf = perParams((p: z.infer<typeof params>) => {
  const points = p.items.map((item) => new Decimal(item.points));
  return {
    yes: p.items.map((item, k) => `${circled(k)}是，计${plain(points[k])}分`),
    no: p.items.map((_, k) => `${circled(k)}否，不得分`),
    points,
    possible: points.reduce((acc, x) => acc.plus(x), new Decimal(0)),
    /** whole points (the usual 1 or 2) add up exactly as JS integers */
    whole: p.items.every((item) => Number.isInteger(item.points) && item.points <= 1e9),
  };
});

/** Points for each item answered 是: 绩效目标合理性, 管理制度健全性, 预决算信息公开… */
export const checklist = defineRule({
  params,
  inputsOf: (p) => p.items.map((i) => i.input),
  required: (p) => p.items.map((i) => i.input),
  score(p, view, ctx) {
    const plan = planOf(p);
    let points = 0;
    let sum = ZERO;
    let text = '';
    p.items.forEach((item, k) => {
      const yes = view.flag(item.input);
      if (yes) {
        if (plan.whole) points += item.points;
        else sum = sum.plus(plan.points[k]);
      }
      text += `${k ? '；' : ''}${yes ? plan.yes[k] : plan.no[k]}`;
    });
    const score = smaller(plan.whole ? whole(points) : sum, ctx.weight);
    const findings =
      compare(plan.possible, ctx.weight) === 0
        ? []
        : [{ severity: 'warning' as const, code: 'scheme_mismatch', message: `${ctx.name}：各项分值之和${plain(plan.possible)}与分值${plain(ctx.weight)}不一致`, inputs: [] }];
    return { status: 'ok', score, text: `${text}；得${plain(score)}分`, findings };
  },
});
