import { z } from 'zod';
import { Decimal, plain } from '../decimal';
import { circled } from './ratio';
import { defineRule } from './types';

/** Points for each item answered 是: 绩效目标合理性, 管理制度健全性, 预决算信息公开… */
export const checklist = defineRule({
  params: z.object({
    kind: z.literal('checklist'),
    items: z.array(z.object({ input: z.string(), points: z.number().positive() }).strict()).min(1),
  }),
  inputsOf: (p) => p.items.map((i) => i.input),
  required: (p) => p.items.map((i) => i.input),
  score(p, view, ctx) {
    let score = new Decimal(0);
    let possible = new Decimal(0);
    const parts = p.items.map((item, k) => {
      possible = possible.plus(item.points);
      if (view.flag(item.input)) {
        score = score.plus(item.points);
        return `${circled(k)}是，计${plain(new Decimal(item.points))}分`;
      }
      return `${circled(k)}否，不得分`;
    });
    const findings = possible.eq(ctx.weight)
      ? []
      : [{ severity: 'warning' as const, code: 'scheme_mismatch', message: `${ctx.name}：各项分值之和${plain(possible)}与分值${plain(ctx.weight)}不一致`, inputs: [] }];
    return { status: 'ok', score: Decimal.min(score, ctx.weight), text: `${parts.join('；')}；得${plain(Decimal.min(score, ctx.weight))}分`, findings };
  },
});
