import { z } from 'zod';

/**
 * The `targets` block of a scheme: a target table (绩效目标自评表) whose rows the unit writes itself, scored
 * against the 预算执行率 line of its funds block. Every number a region may set differently is here.
 */

const name = z.string().min(1);

/** A line of the funds block: 年度资金总额, or one of its 其中 lines (当年财政拨款 …); amounts by column. */
const fundLine = z
  .object({
    label: name,
    initial: z.string().optional(),
    full: z.string().optional(),
    spent: z.string().optional(),
  })
  .strict();

const execution = z
  .object({
    /** the id of its outputs: score_<id>, text_<id>, rate_<id> */
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name,
    weight: z.number().positive(),
    /** the denominator: 全年预算数 (full) or 年初预算数 (initial) */
    base: z.enum(['full', 'initial']),
    total: fundLine.extend({ full: z.string(), spent: z.string() }).strict(),
    /** 其中 lines: their sums stand in for an empty (or 0) 年度资金总额 */
    lines: z.array(fundLine),
    /** 执行率 and 得分 as the unit typed them: compared, never used */
    self: z.object({ rate: z.string().optional(), score: z.string().optional() }).strict(),
  })
  .strict();

const group = z
  .object({
    name,
    aliases: z.array(name),
    /** a money amount (or a bare number) in this group is a ceiling, scored 反向 unless the row says otherwise */
    cost: z.boolean(),
  })
  .strict();

const level = z
  .object({
    name,
    aliases: z.array(name),
    /** what the rows under this 一级指标 should add up to (a warning when they do not) */
    weight: z.number().positive(),
    groups: z.array(group).min(1),
  })
  .strict();

/** The fields a target table must have, and those it may have, by their contract names. */
export const TARGET_FIELDS = {
  required: ['level1', 'level2', 'name', 'target', 'actual', 'weight'],
  optional: ['sense', 'unit', 'rating', 'score', 'deviation'],
} as const;
export type TargetField = (typeof TARGET_FIELDS.required)[number] | (typeof TARGET_FIELDS.optional)[number];

export const targetsSchema = z
  .object({
    /** the table input holding the rows */
    table: z.string(),
    execution,
    /** the standard 一级/二级 indicators; the rows' weights should add up per 一级 as given here */
    levels: z.array(level).min(1),
    /** 总分 as the unit typed it: compared, never used */
    selfTotal: z.string().optional(),
    /** 反向 above its ceiling: linear W×(1−(A−T)/T), or ratio W×T/A */
    inverse: z.enum(['linear', 'ratio']),
    /** a 正向 row at or above ratio × T: a warning, and `deduct` points off when it is above 0 */
    overshoot: z.object({ ratio: z.number().gt(1), deduct: z.number().min(0) }).strict(),
    /** 定性 bands in percent of the weight: 达成 [achieved, 100], 部分达成 [partial, achieved), 未达成 [0, partial) */
    bands: z.object({ achieved: z.number().gt(0).max(100), partial: z.number().gt(0).max(100) }).strict(),
    /** the total capped by execution rate: below `below`% the total is at most `max` (empty: no cap) */
    cap: z.array(z.object({ below: z.number().gt(0).max(100), max: z.number().min(0) }).strict()),
  })
  .strict();

export type TargetsSpec = z.infer<typeof targetsSchema>;
export type ExecutionSpec = TargetsSpec['execution'];
export type TargetLevel = TargetsSpec['levels'][number];
export type TargetGroup = TargetLevel['groups'][number];
