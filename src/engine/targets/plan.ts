import { Decimal } from '../decimal';
import type { Scheme, SchemeTable } from '../scheme';
import { labelKey } from './read';
import type { TargetField, TargetGroup, TargetLevel, TargetsSpec } from './schema';

/** What scoring a target table needs of a scheme, worked out once per scheme object. */
export interface TargetPlan {
  spec: TargetsSpec;
  table: SchemeTable;
  /** the column of each contract field in the table (-1 where the table has none) */
  at: Record<TargetField, number>;
  /** a 一级 label (as labelKey reads it) to its level */
  levels: Map<string, TargetLevel>;
  /** per level, a 二级 label to its group; and every group's label to its level and group */
  groups: Map<TargetLevel, Map<string, TargetGroup>>;
  anyGroup: Map<string, { level: TargetLevel; group: TargetGroup }>;
  levelWeights: Map<TargetLevel, Decimal>;
  /** the rows' weights should add up to this: maxTotal − the execution weight − any fixed groups */
  rowsTotal: Decimal;
  execWeight: Decimal;
  maxTotal: Decimal;
  achieved: Decimal;
  partial: Decimal;
  overshoot: Decimal;
  deduct: Decimal;
  cap: { below: Decimal; max: Decimal }[];
  /** 产出指标、效益指标或满意度指标 */
  levelNames: string;
}

const plans = new WeakMap<Scheme, TargetPlan>();

const FIELDS: TargetField[] = ['level1', 'level2', 'name', 'sense', 'target', 'unit', 'actual', 'weight', 'rating', 'score', 'deviation'];

export function targetPlan(scheme: Scheme): TargetPlan {
  let plan = plans.get(scheme);
  if (plan) return plan;
  const spec = scheme.targets!;
  const table = scheme.table(spec.table);
  const at = Object.fromEntries(FIELDS.map((f) => [f, table.fields.findIndex((x) => x.name === f)])) as Record<TargetField, number>;
  const levels = new Map<string, TargetLevel>();
  const groups = new Map<TargetLevel, Map<string, TargetGroup>>();
  const anyGroup = new Map<string, { level: TargetLevel; group: TargetGroup }>();
  for (const level of spec.levels) {
    for (const n of [level.name, ...level.aliases]) levels.set(labelKey(n), level);
    const own = new Map<string, TargetGroup>();
    for (const group of level.groups) {
      for (const n of [group.name, ...group.aliases]) {
        own.set(labelKey(n), group);
        if (!anyGroup.has(labelKey(n))) anyGroup.set(labelKey(n), { level, group });
      }
    }
    groups.set(level, own);
  }
  const fixed = scheme.levels.flatMap((l) => l.groups).reduce((acc, g) => acc.plus(g.weight), new Decimal(0));
  const execWeight = new Decimal(spec.execution.weight);
  plan = {
    spec,
    table,
    at,
    levels,
    groups,
    anyGroup,
    levelWeights: new Map(spec.levels.map((l) => [l, new Decimal(l.weight)])),
    rowsTotal: new Decimal(scheme.maxTotal).minus(execWeight).minus(fixed),
    execWeight,
    maxTotal: new Decimal(scheme.maxTotal),
    achieved: new Decimal(spec.bands.achieved).div(100),
    partial: new Decimal(spec.bands.partial).div(100),
    overshoot: new Decimal(spec.overshoot.ratio),
    deduct: new Decimal(spec.overshoot.deduct),
    cap: spec.cap.map((c) => ({ below: new Decimal(c.below), max: new Decimal(c.max) })).sort((a, b) => a.max.cmp(b.max)),
    levelNames: spec.levels.map((l) => l.name).join('、').replace(/、([^、]*)$/, '或$1'),
  };
  plans.set(scheme, plan);
  return plan;
}

const bands = new WeakMap<TargetPlan, WeakMap<Decimal, { hi: Decimal; lo: Decimal }>>();

/** The 定性 bands of a weight, exactly: 达成 [hi, W], 部分达成 [lo, hi), 未达成 [0, lo). Remembered per weight. */
export function bandsOf(plan: TargetPlan, weight: Decimal): { hi: Decimal; lo: Decimal } {
  let byWeight = bands.get(plan);
  if (!byWeight) bands.set(plan, (byWeight = new WeakMap()));
  let b = byWeight.get(weight);
  if (!b) byWeight.set(weight, (b = { hi: weight.times(plan.achieved), lo: weight.times(plan.partial) }));
  return b;
}
