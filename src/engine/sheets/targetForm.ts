import { z } from 'zod';
import { defineSheet, inputOf, labelled, sheetBase } from './types';

const text = z.string().min(1);

/**
 * A target-table form (项目支出绩效自评表, 部门整体支出绩效自评表), top to bottom:
 *
 *  - `header`: lines of labelled fields (项目名称; 主管部门 | 实施单位 …), each field a label cell and a value cell;
 *  - `funds`: the funds block of the scheme's `targets.execution` — a caption (followed by the money unit in
 *    brackets), the column headers, the 年度资金总额 line with 分值 (the execution weight), 执行率 and 得分
 *    (outputs rate_/score_/text_ of the execution id), then its 其中 lines (amounts only, `noScore` under
 *    分值/执行率/得分), then `breakdowns` (按收入性质分 / 按支出性质分: titled lists of labelled amounts), and the
 *    unit's own 执行率/得分 where the execution has `self` inputs, on a line labelled `selfLabel`;
 *  - `goals`: 年度总体目标 with its two columns (预期目标 | 实际完成情况);
 *  - `table`: the target table of `targets.table` — a caption down its left side (绩效指标), one column per
 *    field of the table input in field order (headers: the fields' labels), then the two output columns
 *    (`score`, `text`: 得分, 计算过程) written row by row from the outputs `outputs.rows`. Laid out with
 *    `rowsPerGroup` rows for each standard 二级 of `targets.levels` (一级 and 二级 prefilled, the 一级 as
 *    `levelLabel` with {name} and {weight} filled in) and `spareRows` blank rows after them; officers insert and
 *    delete rows inside it. Fields with `choices` get a dropdown. `submitted` lists the columns of the printed
 *    national form (报送版) in order — fields, and the computed 得分/计算过程 — where 年度指标值 carries its
 *    指标性质 and 度量单位 folded in (foldedTarget: `≥95%`);
 *  - `footer`: 总分 (maxTotal and score_total), 等级 (score_grade), the status line, and the unit's own 总分
 *    (`targets.selfTotal`) on a line labelled `self`;
 *  - `filler`: the 填报人 / 联系电话 / 填报日期 line.
 *
 * With `repeat` the workbook holds one such sheet per form (project), every name on it sheet-scoped.
 */
export const targetForm = defineSheet({
  params: z
    .object({
      kind: z.literal('target_form'),
      ...sheetBase,
      repeat: z.boolean(),
      header: z.array(z.array(labelled).min(1)).min(1),
      funds: z
        .object({
          caption: text,
          headers: z.object({ initial: text, full: text, spent: text, weight: text, rate: text, score: text }).strict(),
          linesCaption: z.string(),
          noScore: z.string(),
          breakdowns: z.array(z.object({ title: text, fields: z.array(labelled).min(1) }).strict()),
          selfLabel: text,
        })
        .strict(),
      goals: z
        .object({
          caption: text,
          expected: z.object({ header: text, input: z.string() }).strict(),
          actual: z.object({ header: text, input: z.string() }).strict(),
        })
        .strict(),
      table: z
        .object({
          caption: text,
          score: text,
          text: text,
          levelLabel: text,
          rowsPerGroup: z.number().int().min(1).max(20),
          spareRows: z.number().int().min(0).max(200),
          submitted: z
            .array(z.union([z.object({ field: z.string() }).strict(), z.object({ output: z.enum(['score', 'text']) }).strict()]))
            .min(1),
        })
        .strict(),
      footer: z.object({ total: text, grade: text, status: text, self: text }).strict(),
      filler: z.array(labelled).min(1),
    })
    .strict(),
  inputs(p, { scheme }) {
    const t = scheme.targets;
    const x = t?.execution;
    const lines = x ? [x.total, ...x.lines] : [];
    return [
      ...p.header.flat().map(inputOf),
      ...lines.flatMap((l) => [l.initial, l.full, l.spent].filter((n): n is string => n !== undefined)),
      ...(x ? [x.self.rate, x.self.score].filter((n): n is string => n !== undefined) : []),
      ...p.funds.breakdowns.flatMap((b) => b.fields.map(inputOf)),
      p.goals.expected.input,
      p.goals.actual.input,
      ...(t ? [t.table] : []),
      ...(t?.selfTotal ? [t.selfTotal] : []),
      ...p.filler.map(inputOf),
    ];
  },
  outputs(_, { scheme }) {
    const o = scheme.outputs;
    const x = scheme.targets?.execution;
    return [
      ...(x ? [o.score + x.id, o.text + x.id, ...(o.rate ? [o.rate + x.id] : [])] : []),
      ...(o.rows ? [o.rows.score, o.rows.text] : []),
      o.total,
      o.grade,
      o.status,
    ];
  },
  check(p, { scheme, tables }) {
    const problems: string[] = [];
    if (!scheme.targets) problems.push('a target_form needs the scheme’s targets');
    else if (!tables.has(scheme.targets.table)) problems.push(`target_form: ${scheme.targets.table} is not a table input`);
    if (!/\{name\}/.test(p.table.levelLabel)) problems.push('target_form.table.levelLabel must hold {name}');
    const table = scheme.targets ? tables.get(scheme.targets.table) : undefined;
    for (const c of p.table.submitted) {
      if ('field' in c && table && !table.fields.some((f) => f.name === c.field)) problems.push(`target_form.table.submitted: the table has no field ${c.field}`);
    }
    return problems;
  },
});
