import { z } from 'zod';
import { Decimal, plain } from '../decimal';
import type { SchemeData } from '../scheme';
import type { Tier } from '../rules/tiers';
import { JsonPath, problem, SchemeProblem } from './problems';
import { ruleKeys, ruleKind } from './ruleShape';
import { unknownKey, zodProblem } from './zodText';

/**
 * Where a problem found in the whole scheme is shown: the first of `paths` (places in the whole scheme, most
 * specific first) that the file itself holds. A scheme file shows the first; an override file the key it wrote.
 */
export type Place = (paths: JsonPath[]) => JsonPath;

export const samePlace: Place = (paths) => paths[0];

const d = (n: number) => new Decimal(n);

/**
 * The checks a scheme must pass beyond its structure, said in Chinese with their place: rules and their
 * parameters, each rule's points against its indicator's weight, weights adding up, grades, target-table
 * parameters. `weightChanges` (an override's own weight edits) is added to the advice when the weights no longer
 * add up. loadScheme checks names, inputs and layout after these.
 */
export function semanticProblems(s: SchemeData, place: Place, weightChanges: string[] = []): SchemeProblem[] {
  const problems: SchemeProblem[] = [];
  const at = (paths: JsonPath[], message: string, fix: string) => problems.push(problem(place(paths), message, fix));

  const ids = new Set<string>();
  s.indicators.forEach((ind, k) => {
    const here: JsonPath = ['indicators', k];
    const who = `“${ind.name}”（${ind.id}）`;
    if (ids.has(ind.id)) at([[...here, 'id']], `指标编号 ${ind.id} 重复`, '每个指标用不同的编号');
    ids.add(ind.id);
    if (d(ind.weight).decimalPlaces() > 2) at([[...here, 'weight']], `${who}的分值${ind.weight}超过两位小数`, '分值最多保留两位小数');
    const kind = ruleKind(ind.rule.kind);
    if (!kind) {
      at([[...here, 'rule', 'kind']], `${who}的计分方法“${String(ind.rule.kind)}”不存在`, `改为已有的计分方法之一`);
      return;
    }
    const known = ruleKeys(kind);
    if (known) {
      for (const key of Object.keys(ind.rule)) {
        if (!known.includes(key)) problems.push(unknownKey(place([[...here, 'rule', key]]), key, known.filter((x) => x !== 'kind'), `参数（${ind.rule.kind}）`));
      }
    }
    const parsed = kind.params.safeParse(ind.rule);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(...zodProblem(issue, [...here, 'rule'], (p) => place([p])));
      return;
    }
    pointsAgainstWeight(ind.rule.kind, parsed.data as Record<string, unknown>, ind.weight, here, who, at);
  });

  weightsAddUp(s, weightChanges, at);
  gradeProblems(s, at);
  if (s.targets) targetProblems(s, at);
  return problems;
}

type At = (paths: JsonPath[], message: string, fix: string) => void;

/** A rule can neither give more than its indicator's weight nor fall short of it at best. */
function pointsAgainstWeight(kind: string, p: Record<string, unknown>, weight: number, here: JsonPath, who: string, at: At): void {
  const rule = [...here, 'rule'];
  const w = d(weight);
  const weightAt: JsonPath = [...here, 'weight'];
  switch (kind) {
    case 'checklist':
    case 'weighted_completion': {
      const key = kind === 'checklist' ? 'items' : 'parts';
      const field = kind === 'checklist' ? 'points' : 'weight';
      const list = p[key] as Record<string, number>[];
      const sum = list.reduce((acc, x) => acc.plus(x[field]), d(0));
      if (!sum.eq(w)) {
        at(
          [[...rule, key], weightAt],
          `${who}各${kind === 'checklist' ? '项' : '部分'}分值合计${plain(sum)}分，与该指标的分值${plain(w)}分不一致`,
          `调整 ${key} 中各项的 ${field}，使合计为${plain(w)}分；或把分值改为${plain(sum)}分`,
        );
      }
      return;
    }
    case 'tiers': {
      const tiers = p.tiers as Tier[];
      let best = d(0);
      tiers.forEach((t, k) => {
        const s = d(t.score);
        if (s.gt(best)) best = s;
        if (s.gt(w)) {
          at([[...rule, 'tiers', k, 'score'], weightAt], `${who}的档次“${t.label}”得${plain(s)}分，高于该指标的分值${plain(w)}分`, `把该档得分改为不超过${plain(w)}分，或提高分值`);
        }
      });
      if (best.lt(w)) at([[...rule, 'tiers'], weightAt], `${who}各档最高得${plain(best)}分，低于分值${plain(w)}分，该指标无法得满分`, `把最高一档的得分改为${plain(w)}分，或把分值改为${plain(best)}分`);
      tierCoverage(tiers, [...rule, 'tiers'], who, at);
      return;
    }
    case 'surplus': {
      const within = d(p.withinCarryover as number);
      if (within.gt(w)) {
        at([[...rule, 'withinCarryover'], weightAt], `${who}结余未超过上年结转时得${plain(within)}分，高于分值${plain(w)}分`, `改为不超过${plain(w)}分`);
      }
      return;
    }
    default:
      return;
  }
}

const boundText = (t: Tier, which: 'min' | 'max') => `${t[which]}%${(which === 'min' ? t.minInclusive : t.maxInclusive) ? '（含）' : ''}`;

/** The bands must not overlap or leave a gap, from the lowest bound up, and the top band must have no upper bound. */
function tierCoverage(tiers: Tier[], path: JsonPath, who: string, at: At): void {
  const order = tiers.map((t, k) => ({ t, k })).sort((a, b) => (a.t.min ?? -Infinity) - (b.t.min ?? -Infinity) || Number(b.t.minInclusive) - Number(a.t.minInclusive));
  for (const { t, k } of order) {
    if (t.min !== undefined && t.max !== undefined && (t.min > t.max || (t.min === t.max && !(t.minInclusive && t.maxInclusive)))) {
      at([[...path, k]], `${who}的档次“${t.label}”下限${boundText(t, 'min')}不低于上限${boundText(t, 'max')}，没有比率落在其中`, '改正该档的 min、max');
      return;
    }
  }
  for (let n = 0; n + 1 < order.length; n++) {
    const a = order[n].t;
    const b = order[n + 1].t;
    const k = order[n + 1].k;
    if (a.max === undefined) {
      at([[...path, order[n].k]], `${who}的档次“${a.label}”没有上限，与档次“${b.label}”重叠`, '给该档加上 max，或删去重叠的档次');
      return;
    }
    const gap = b.min === undefined ? false : a.max < b.min || (a.max === b.min && !a.maxInclusive && !b.minInclusive);
    const overlap = b.min === undefined || a.max > b.min || (a.max === b.min && a.maxInclusive && b.minInclusive);
    if (gap) {
      at([[...path, k]], `${who}的档次“${a.label}”与“${b.label}”之间有空档（${boundText(a, 'max')}至${boundText(b, 'min')}），落在其中的比率无法评分`, '让相邻两档的上下限相接（一档含本数，另一档不含）');
    } else if (overlap) {
      at([[...path, k]], `${who}的档次“${a.label}”与“${b.label}”重叠`, '让相邻两档的上下限相接（一档含本数，另一档不含）');
    }
  }
  const bottom = order[0].t;
  if (bottom.min !== undefined && (bottom.min > 0 || (bottom.min === 0 && !bottom.minInclusive))) {
    at([[...path, order[0].k]], `${who}的最低档“${bottom.label}”下限为${boundText(bottom, 'min')}，比率低于它时没有对应的档次`, '加上一档覆盖更低的比率（不写 min），或删去最低一档的 min');
  }
  const top = order[order.length - 1].t;
  if (top.max !== undefined) {
    at([[...path, order[order.length - 1].k]], `${who}的最高档“${top.label}”有上限${boundText(top, 'max')}，高于它的比率无法评分`, '删去最高一档的 max');
  }
}

/** Each 二级's indicators add up to its weight; the 二级 weights (and a target table's weights) to maxTotal. */
function weightsAddUp(s: SchemeData, weightChanges: string[], at: At): void {
  let groups = d(0);
  s.levels.forEach((level, i) => {
    level.groups.forEach((group, j) => {
      groups = groups.plus(group.weight);
      const members = s.indicators.filter((x) => x.level1 === level.name && x.level2 === group.name);
      const sum = members.reduce((acc, x) => acc.plus(x.weight), d(0));
      if (!members.length) at([['levels', i, 'groups', j]], `${level.name}/${group.name}下没有指标`, '删去这个二级指标，或把指标归入其中');
      else if (!sum.eq(group.weight)) {
        at([['levels', i, 'groups', j, 'weight']], `${level.name}/${group.name}的指标分值合计${plain(sum)}分，与其分值${group.weight}分不一致`, `把分值改为${plain(sum)}分，或调整其下指标的分值`);
      }
    });
  });
  s.indicators.forEach((x, k) => {
    if (!s.levels.some((l) => l.name === x.level1 && l.groups.some((g) => g.name === x.level2))) {
      at([['indicators', k, 'level2']], `“${x.name}”（${x.id}）所属的${x.level1}/${x.level2}没有在 levels 中列出`, '在 levels 中列出它，或改为已有的一级/二级指标');
    }
  });
  const parts: string[] = [];
  let total = groups;
  if (!s.targets || !groups.isZero()) parts.push(`各指标分值合计${plain(groups)}分`);
  if (s.targets) {
    const levels = s.targets.levels.reduce((acc, l) => acc.plus(l.weight), d(0));
    total = total.plus(s.targets.execution.weight).plus(levels);
    parts.push(`${s.targets.execution.name}${s.targets.execution.weight}分`, `绩效目标表各一级指标${plain(levels)}分`);
  }
  if (!total.eq(s.maxTotal)) {
    const off = total.minus(s.maxTotal);
    const changes = weightChanges.length ? `（本文件改动的分值：${weightChanges.join('，')}）` : '';
    at(
      [['maxTotal']],
      `${parts.join('、')}${parts.length > 1 ? `，共${plain(total)}分` : ''}，应为满分${s.maxTotal}分（${off.isPos() ? '多' : '少'}${plain(off.abs())}分）`,
      `调整分值，使合计为${s.maxTotal}分${changes}`,
    );
  }
}

function gradeProblems(s: SchemeData, at: At): void {
  const names = new Set<string>();
  const mins = new Set<number>();
  s.grades.forEach((g, k) => {
    if (names.has(g.grade)) at([['grades', k, 'grade']], `等级“${g.grade}”重复`, '每个等级只写一次');
    if (mins.has(g.min)) at([['grades', k, 'min']], `两个等级的下限都是${g.min}分`, '各等级的下限应各不相同');
    names.add(g.grade);
    mins.add(g.min);
    if (g.min > s.maxTotal) at([['grades', k, 'min']], `${g.grade}的下限${g.min}分超过满分${s.maxTotal}分`, `改为不超过${s.maxTotal}的分数`);
    if (g.min < 0) at([['grades', k, 'min']], `${g.grade}的下限${g.min}分低于0`, '改为0或以上');
  });
  const lowest = Math.min(...s.grades.map((g) => g.min));
  if (lowest > 0) {
    const k = s.grades.findIndex((g) => g.min === lowest);
    at([['grades', k, 'min']], `总分低于${lowest}分时没有等级`, '把最低等级的下限写为0');
  }
}

function targetProblems(s: SchemeData, at: At): void {
  const t = s.targets!;
  if (t.bands.partial >= t.bands.achieved) {
    at([['targets', 'bands', 'partial']], `部分达成的下限${t.bands.partial}%应低于达成的下限${t.bands.achieved}%`, `改为低于${t.bands.achieved}的数`);
  }
  const belows = new Set<number>();
  t.cap.forEach((c, k) => {
    if (belows.has(c.below)) at([['targets', 'cap', k, 'below']], `预算执行率${c.below}%列了两次`, '每个执行率只写一次');
    belows.add(c.below);
    if (c.max > s.maxTotal) at([['targets', 'cap', k, 'max']], `总分上限${c.max}分超过满分${s.maxTotal}分`, `改为不超过${s.maxTotal}的分数`);
  });
  if (d(t.overshoot.deduct).decimalPlaces() > 2) at([['targets', 'overshoot', 'deduct']], `扣分${t.overshoot.deduct}超过两位小数`, '最多保留两位小数');
}

/** Every zod problem of the whole scheme's structure, at its place. */
export function structureProblems(error: z.ZodError, place: Place, schema?: z.ZodTypeAny): SchemeProblem[] {
  return error.issues.flatMap((issue) => zodProblem(issue, [], (p) => place([p]), schema));
}
