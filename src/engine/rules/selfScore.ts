import { z } from 'zod';
import { compare, plain } from '../decimal';
import { defineRule } from './types';

/** The officer's own score (0 – weight) with the basis for it (经济/社会/生态效益). */
export const selfScore = defineRule({
  params: z.object({ kind: z.literal('self_score'), score: z.string(), basis: z.string() }),
  inputsOf: (p) => [p.score, p.basis],
  required: (p) => [p.score],
  score(p, view, ctx) {
    const s = view.num(p.score);
    if (s.isNeg() || compare(s, ctx.weight) > 0) {
      return {
        status: 'invalid',
        score: null,
        text: `自评得分${plain(s)}超出0～${plain(ctx.weight)}分`,
        findings: [{ severity: 'error', code: 'out_of_range', message: `${view.where(p.score)}：${plain(s)}超出范围（应为0～${plain(ctx.weight)}分）`, inputs: [p.score] }],
      };
    }
    const basis = view.text(p.basis);
    if (basis) return { status: 'ok', score: s, text: `自评得分${plain(s)}分。评分依据：${basis}` };
    // a basis that is there but unreadable already has its invalid_value error: do not also call it 未填写
    const unreadable = view.state(p.basis) === 'invalid';
    return {
      status: 'ok',
      score: s,
      text: `自评得分${plain(s)}分（${unreadable ? '评分依据有误' : '未填写评分依据'}）`,
      findings: unreadable ? [] : [{ severity: 'warning', code: 'missing_basis', message: `${ctx.name}：${view.where(p.basis)}未填写，评价得分应写明评分依据`, inputs: [p.basis] }],
    };
  },
});
