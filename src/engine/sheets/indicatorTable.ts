import { z } from 'zod';
import { defineSheet, sheetBase } from './types';

/**
 * The fixed indicator table (dept-2013's 评分表): one row per indicator of the scheme in the 8 official columns
 * (一级指标, 二级指标, 分值, 三级指标, 分值, 评价标准, 备注, 评价得分), the first levels merged, a 合计 row.
 * It shows every indicator's score and text, and the total.
 */
export const indicatorTable = defineSheet({
  params: z.object({ kind: z.literal('indicator_table'), ...sheetBase, headers: z.array(z.string()).length(8) }).strict(),
  inputs: () => [],
  outputs: (_, { scheme }) => [...scheme.indicators.flatMap((i) => [scheme.outputs.score + i.id, scheme.outputs.text + i.id]), scheme.outputs.total],
  check: (_, { scheme }) => (scheme.indicators.length ? [] : ['an indicator_table needs indicators']),
});
