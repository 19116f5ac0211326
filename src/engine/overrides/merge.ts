import { Decimal } from '../decimal';
import type { OverrideData } from './format';
import { keyWords } from './labels';
import { listed, problem, SchemeProblem } from './problems';
import { editableRule, ruleKeys } from './ruleShape';
import { unknownKey } from './zodText';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Merged {
  /** the full scheme: the base with the override applied, group weights recomputed */
  data: Json;
  /** problems of the override itself, at its own keys */
  problems: SchemeProblem[];
  /** 指标 4分→2分 … for the message when the weights no longer add up */
  weightChanges: string[];
}

const WORDING = ['name', 'criteria', 'note'] as const;

/**
 * Applies an override to (a copy of) its base scheme. What cannot be applied — an unknown id or parameter, a
 * change of a rule's kind or of the inputs it reads, grades out of order — is a problem at the override's key;
 * the merged scheme is then checked as a whole like any scheme.
 */
export function mergeOverride(o: OverrideData, baseData: unknown): Merged {
  const data = JSON.parse(JSON.stringify(baseData)) as Json;
  const problems: SchemeProblem[] = [];
  const weightChanges: string[] = [];
  data.id = o.id;
  data.version = o.version;
  if (o.title !== undefined) data.title = o.title;
  if (o.basis !== undefined) data.basis = o.basis;

  const indicators = new Map<string, Json>(((data.indicators ?? []) as Json[]).map((i) => [i.id as string, i]));
  const targets = data.targets as Json | undefined;
  const levels = new Map<string, Json>(((targets?.levels ?? []) as Json[]).map((l) => [l.name as string, l]));
  const execution = targets?.execution as Json | undefined;
  const weightKeys = [...indicators.keys(), ...(execution ? [execution.id as string] : []), ...levels.keys()];
  const idsText = `（可用：${listed([...indicators.keys()])}）`;

  for (const [key, weight] of Object.entries(o.weights ?? {})) {
    const target = indicators.get(key) ?? (execution && key === execution.id ? execution : levels.get(key));
    if (!target) {
      problems.push(unknownKey(['weights', key], key, weightKeys, '指标编号'));
      continue;
    }
    if (new Decimal(weight).decimalPlaces() > 2) {
      problems.push(problem(['weights', key], `分值${weight}超过两位小数`, '分值最多保留两位小数'));
      continue;
    }
    if (target.weight !== weight) weightChanges.push(`${key} ${target.weight}→${weight}`);
    target.weight = weight;
  }
  // the 二级 weights follow from their indicators
  for (const level of (data.levels ?? []) as Json[]) {
    for (const group of level.groups as Json[]) {
      const members = [...indicators.values()].filter((i) => i.level1 === level.name && i.level2 === group.name);
      if (members.length) group.weight = members.reduce((acc, i) => acc.plus(i.weight), new Decimal(0)).toNumber();
    }
  }

  for (const [id, params] of Object.entries(o.params ?? {})) {
    const indicator = indicators.get(id);
    if (!indicator) {
      problems.push(unknownKey(['params', id], id, [...indicators.keys()], '指标编号'));
      continue;
    }
    applyParams(indicator, id, params, problems);
  }

  if (o.targets) {
    if (!targets) {
      problems.push(problem(['targets'], `基础方案 ${o.extends} 没有绩效目标表，不能设置 targets`, '删去 targets'));
    } else {
      const t = o.targets;
      if (t.execution?.base !== undefined) targets.execution.base = t.execution.base;
      if (t.inverse !== undefined) targets.inverse = t.inverse;
      if (t.overshoot) targets.overshoot = { ...targets.overshoot, ...t.overshoot };
      if (t.bands) targets.bands = { ...targets.bands, ...t.bands };
      if (t.cap !== undefined) targets.cap = t.cap;
    }
  }

  for (const [id, words] of Object.entries(o.wording ?? {})) {
    const indicator = indicators.get(id);
    if (!indicator) {
      problems.push(unknownKey(['wording', id], id, [...indicators.keys()], '指标编号'));
      continue;
    }
    for (const k of WORDING) if (words[k] !== undefined) indicator[k] = words[k];
  }

  if (o.grades) data.grades = mergeGrades(o.grades, data, problems);
  if (!indicators.size && (o.params || o.wording) && !problems.length) {
    problems.push(problem([o.params ? 'params' : 'wording'], `基础方案 ${o.extends} 没有固定指标${idsText}`, '删去这一项'));
  }
  return { data, problems, weightChanges };
}

/**
 * A rule's parameters over the base's: its kind and the inputs it reads stay; arrays whose elements name
 * inputs are merged element by element; every other parameter replaces the base's.
 */
function applyParams(indicator: Json, id: string, params: Record<string, unknown>, problems: SchemeProblem[]): void {
  const rule = indicator.rule as Json;
  const e = editableRule(rule);
  if (!e) return;
  const known = ruleKeys(e.kind) ?? Object.keys(rule);
  for (const [key, value] of Object.entries(params)) {
    const at = ['params', id, key];
    if (key === 'kind') {
      if (value !== rule.kind) {
        problems.push(problem(at, `计分方法（kind）不能在覆盖文件中更改（基础方案为 ${String(rule.kind)}）`, '删去 kind；要换计分方法，请写完整的评分方案文件'));
      }
      continue;
    }
    if (e.inputs.has(key)) {
      if (value !== rule[key]) {
        problems.push(problem(at, `${key} 是该指标读取的输入（${String(rule[key])}），不能在覆盖文件中更改`, `删去 ${key}`));
      }
      continue;
    }
    if (!known.includes(key)) {
      problems.push(unknownKey(at, key, e.editable, `参数（${String(rule.kind)}）`));
      continue;
    }
    const elementInputs = e.elementInputs.get(key);
    if (elementInputs) {
      const merged = mergeElements(rule[key] as Json[], value, elementInputs, at, problems);
      if (merged) rule[key] = merged;
      continue;
    }
    rule[key] = value;
  }
}

/** `items` / `parts` element by element: same count, same inputs, other fields changed. */
function mergeElements(base: Json[], value: unknown, inputs: Set<string>, at: (string | number)[], problems: SchemeProblem[]): Json[] | undefined {
  const what = keyWords(at[at.length - 1]);
  if (!Array.isArray(value)) {
    problems.push(problem(at, `${what}应为数组 […]，每项对应基础方案的一项`, `写成 [${base.map(() => '{…}').join(', ')}]`));
    return undefined;
  }
  if (value.length !== base.length) {
    problems.push(
      problem(at, `${what}应有${base.length}项（与基础方案相同，按顺序对应），这里有${value.length}项`, '项数不能在覆盖文件中更改；只改各项的分值'),
    );
    return undefined;
  }
  let ok = true;
  const merged = value.map((element, k) => {
    if (typeof element !== 'object' || element === null || Array.isArray(element)) {
      problems.push(problem([...at, k], '应为对象 {…}', '写成 { "points": 分值 } 这样的对象'));
      ok = false;
      return base[k];
    }
    const out = { ...base[k] };
    for (const [field, v] of Object.entries(element as Json)) {
      if (inputs.has(field)) {
        if (v !== base[k][field]) {
          problems.push(problem([...at, k, field], `${field} 是读取的输入（${String(base[k][field])}），不能在覆盖文件中更改`, `删去 ${field}`));
          ok = false;
        }
      } else out[field] = v;
    }
    return out;
  });
  return ok ? merged : undefined;
}

/**
 * `{ "优": 85, "良": 75, "中": 60 }`: lower bounds from the highest grade down. The base's lowest grade (差)
 * takes the totals below the last bound, unless the last grade is given with 0.
 */
function mergeGrades(grades: Record<string, number>, data: Json, problems: SchemeProblem[]): Json[] {
  const entries = Object.entries(grades);
  const base = [...(data.grades as { min: number; grade: string }[])].sort((a, b) => b.min - a.min);
  const bottom = base[base.length - 1].grade;
  const maxTotal = data.maxTotal as number;
  if (!entries.length) {
    problems.push(problem(['grades'], '没有列出任何等级', `写成 { ${base.slice(0, -1).map((g) => `"${g.grade}": ${g.min}`).join(', ')} }，或删去 grades`));
    return data.grades as Json[];
  }
  entries.forEach(([name, min], k) => {
    const at = ['grades', name];
    if (min > maxTotal) problems.push(problem(at, `${name}的下限${min}分超过满分${maxTotal}分`, `改为不超过${maxTotal}的分数`));
    if (k > 0 && !(min < entries[k - 1][1])) {
      problems.push(
        problem(at, `等级应从高到低排列，${name}的下限${min}分不低于上一等级${entries[k - 1][0]}的${entries[k - 1][1]}分`, '按从高到低的顺序排列各等级，下限逐级降低'),
      );
    }
    if (min === 0 && k < entries.length - 1) problems.push(problem(at, `${name}的下限为0，其后的等级不会出现`, '下限为0的等级只能放在最后'));
    if (name === bottom && min > 0 && k === entries.length - 1) {
      problems.push(problem(at, `${name}是最低等级，低于上一等级下限的总分都是${name}，不设下限`, `删去“${name}”，或把它的下限写为0`));
    }
  });
  const list = entries.map(([grade, min]) => ({ min, grade }));
  if (entries[entries.length - 1][1] > 0 && !entries.some(([name]) => name === bottom)) list.push({ min: 0, grade: bottom });
  return list;
}
