import { z } from 'zod';
import { Decimal, compare, plain, round2, whole } from '../decimal';
import { defineRule, perParams } from './types';

const perOf = perParams((p: { pointsPerQuestionnaire: number }) => {
  const per = new Decimal(p.pointsPerQuestionnaire);
  return { per, perText: plain(per) };
});

/** points / (questionnaires × points each) × weight, from the answer grid or, if it is empty, a tally typed in. */
export const survey = defineRule({
  params: z.object({
    kind: z.literal('survey'),
    answers: z.string(),
    points: z.string(),
    count: z.string(),
    pointsPerQuestionnaire: z.number().positive(),
  }),
  inputsOf: (p) => [p.answers, p.points, p.count],
  required: () => [],
  score(p, view, ctx) {
    const { per, perText } = perOf(p);
    let count: Decimal;
    let points: Decimal;
    let source = '';
    const grid = view.state(p.answers);
    if (grid === 'invalid') return { status: 'invalid', score: null, text: '满意度调查答卷有误，请先更正' };
    if (grid === 'ok') {
      const tally = view.survey(p.answers)!;
      count = whole(tally.count);
      points = tally.points;
    } else {
      const states = [view.state(p.points), view.state(p.count)];
      if (states.includes('invalid')) return { status: 'invalid', score: null, text: '问卷汇总数有误，请先更正' };
      if (states.includes('blank')) {
        // report as not filled only what is blank: a typed count without its points names just the points
        const missing = [p.answers, ...[p.points, p.count].filter((n) => view.state(n) === 'blank')];
        return { status: 'missing', score: null, text: '没有有效问卷：请在满意度调查表逐份录入，或填写问卷总得分和有效问卷份数', missing };
      }
      count = view.num(p.count);
      points = view.num(p.points);
      source = '（按汇总数）';
      if (count.isZero()) {
        // the count was typed (as 0): say so, rather than the generic “未填写”
        return {
          status: 'missing',
          score: null,
          text: '有效问卷份数为0，无法计算满意度',
          findings: [
            { severity: 'error', code: 'missing_input', message: `${view.where(p.count)}为0：没有有效问卷，无法计算${ctx.name}`, inputs: [p.count] },
          ],
        };
      }
      if (compare(points, count.times(per)) > 0) {
        return {
          status: 'invalid',
          score: null,
          text: `问卷总得分${plain(points)}超过${plain(count)}份×${plain(per)}分`,
          findings: [
            {
              severity: 'error',
              code: 'out_of_range',
              message: `${view.where(p.points)}：${plain(points)}分超过${plain(count)}份问卷的满分${plain(count.times(per))}分`,
              inputs: [p.points, p.count],
            },
          ],
        };
      }
    }
    const score = round2(points.div(count.times(per)).times(ctx.weight));
    return {
      status: 'ok',
      score,
      text: `有效问卷${plain(count)}份${source}，问卷总得分${plain(points)}分，${plain(points)}/（${plain(count)}×${perText}）×${plain(ctx.weight)}=${plain(score)}分`,
    };
  },
});
