import type { Scheme, SchemeIndicator } from '../scheme';
import type { Tier } from '../rules/tiers';
import { canonicalJson } from './canonical';
import { BASE_WORDS, INVERSE_WORDS, keyWords, POLICY_WORDS } from './labels';
import { formatPath, JsonPath } from './problems';
import { editableRule } from './ruleShape';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type ChangeSection = 'meta' | 'weights' | 'grades' | 'params' | 'targets' | 'wording' | 'structure';

/**
 * One difference between two schemes. `path` is where an override file sets it (`weights.staff_control`,
 * `params.staff_control.perPoint`, `grades.优`, `targets.cap`, `wording.staff_control.criteria`); `from`/`to` are
 * the JSON values (null where one side has none), `fromText`/`toText` the same as the change note says them.
 */
export interface SchemeChange {
  section: ChangeSection;
  path: string;
  /** what changed: 过程/预算执行/“三公经费”控制率 */
  subject: string;
  /** which of its properties: 分值, 每个百分点扣分（perPoint） */
  what: string;
  from: unknown;
  to: unknown;
  fromText: string;
  toText: string;
}

/** What a change note needs of each side: the scheme and the data it was loaded from. */
export interface DiffSide {
  scheme: Scheme;
  data: Json;
}

const SECTIONS: [ChangeSection, string][] = [
  ['meta', '方案信息'],
  ['weights', '分值'],
  ['grades', '评价等级'],
  ['params', '评分参数'],
  ['targets', '绩效目标表计分'],
  ['wording', '指标名称和评价标准'],
  ['structure', '指标、输入和版式'],
];

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const pts = (n: unknown) => (n === undefined || n === null ? '无' : `${String(n)}分`);
const quoted = (s: unknown) => (s === undefined || s === null || s === '' ? '（空）' : `“${String(s)}”`);

/** Every difference from `a` to `b` that a bureau would announce: weights, grades, parameters, wording, structure. */
export function diffSchemes(a: DiffSide, b: DiffSide): SchemeChange[] {
  const changes: SchemeChange[] = [];
  const add = (section: ChangeSection, path: JsonPath, subject: string, what: string, from: unknown, to: unknown, show: (v: unknown) => string) => {
    if (same(from, to)) return;
    changes.push({ section, path: formatPath(path), subject, what, from: from ?? null, to: to ?? null, fromText: show(from), toText: show(to) });
  };
  const A = a.scheme;
  const B = b.scheme;

  add('meta', ['version'], '方案', '版本', A.version, B.version, quoted);
  add('meta', ['title'], '方案', '标题', A.title, B.title, quoted);
  add('meta', ['basis'], '方案', '依据', A.basis, B.basis, quoted);
  add('meta', ['maxTotal'], '方案', '满分', A.maxTotal, B.maxTotal, pts);

  const before = new Map(A.indicators.map((i) => [i.id, i]));
  const after = new Map(B.indicators.map((i) => [i.id, i]));
  const subject = (i: SchemeIndicator) => `${i.level1}/${i.level2}/${i.name}（${i.id}）`;

  for (const i of B.indicators) {
    const was = before.get(i.id);
    if (was) add('weights', ['weights', i.id], subject(i), '分值', was.weight, i.weight, pts);
  }
  for (const level of B.levels) {
    for (const g of level.groups) {
      const was = A.levels.find((l) => l.name === level.name)?.groups.find((x) => x.name === g.name);
      if (was) add('weights', ['levels', level.name, g.name], `${level.name}/${g.name}`, '二级指标分值', was.weight, g.weight, pts);
    }
  }
  if (A.targets && B.targets) {
    const x = B.targets.execution;
    add('weights', ['weights', x.id], x.name, '分值', A.targets.execution.weight, x.weight, pts);
    for (const l of B.targets.levels) {
      const was = A.targets.levels.find((y) => y.name === l.name);
      if (was) add('weights', ['weights', l.name], `绩效目标表/${l.name}`, '分值', was.weight, l.weight, pts);
    }
  }

  const gradeNames = [...new Set([...A.grades.map((g) => g.grade), ...B.grades.map((g) => g.grade)])];
  for (const name of gradeNames) {
    add('grades', ['grades', name], name, '分数区间', gradeRange(A, name), gradeRange(B, name), (v) => (v === undefined || v === null ? '（无此等级）' : String(v)));
  }

  for (const i of B.indicators) {
    const was = before.get(i.id);
    if (!was) continue;
    if (was.rule.kind !== i.rule.kind) {
      add('params', ['params', i.id, 'kind'], subject(i), '计分方法（kind）', was.rule.kind, i.rule.kind, String);
      continue;
    }
    const editable = new Set([...(editableRule(was.rule)?.editable ?? []), ...(editableRule(i.rule)?.editable ?? [])]);
    for (const key of editable) {
      add('params', ['params', i.id, key], subject(i), keyWords(key), (was.rule as Json)[key], (i.rule as Json)[key], (v) => paramText(key, v));
    }
    for (const key of ['name', 'criteria', 'note'] as const) {
      add('wording', ['wording', i.id, key], subject(i), keyWords(key), was[key], i[key], quoted);
    }
  }

  if (A.targets && B.targets) {
    const t = ['targets'];
    add('targets', [...t, 'execution', 'base'], '预算执行率', '分母', A.targets.execution.base, B.targets.execution.base, (v) => BASE_WORDS[String(v)] ?? String(v));
    add('targets', [...t, 'inverse'], '反向指标', '超出指标值时的计分', A.targets.inverse, B.targets.inverse, (v) => INVERSE_WORDS[String(v)] ?? String(v));
    add('targets', [...t, 'overshoot', 'ratio'], '超额完成', '提示的倍数', A.targets.overshoot.ratio, B.targets.overshoot.ratio, (v) => `${String(v)}倍`);
    add('targets', [...t, 'overshoot', 'deduct'], '超额完成', '扣分', A.targets.overshoot.deduct, B.targets.overshoot.deduct, (v) => (v === 0 ? '不扣分' : pts(v)));
    add('targets', [...t, 'bands', 'achieved'], '定性指标', '达成的下限', A.targets.bands.achieved, B.targets.bands.achieved, (v) => `分值的${String(v)}%`);
    add('targets', [...t, 'bands', 'partial'], '定性指标', '部分达成的下限', A.targets.bands.partial, B.targets.bands.partial, (v) => `分值的${String(v)}%`);
    add('targets', [...t, 'cap'], '总分', '按预算执行率限制', A.targets.cap, B.targets.cap, capText);
  }

  structure(a, b, before, after, changes);
  return changes;
}

/** 80分（含）至90分, 90分（含）以上, 60分以下 */
function gradeRange(s: Scheme, name: string): string | undefined {
  const sorted = [...s.grades].sort((x, y) => y.min - x.min);
  const k = sorted.findIndex((g) => g.grade === name);
  if (k < 0) return undefined;
  const g = sorted[k];
  const upper = k === 0 ? undefined : sorted[k - 1].min;
  if (upper === undefined) return `${g.min}分（含）以上`;
  if (g.min <= 0) return `${upper}分以下`;
  return `${g.min}分（含）至${upper}分`;
}

function paramText(key: string, v: unknown): string {
  if (v === undefined || v === null) return '（无）';
  switch (key) {
    case 'cap':
    case 'target':
      return `${String(v)}%`;
    case 'perPoint':
    case 'perItem':
    case 'withinCarryover':
    case 'pointsPerQuestionnaire':
      return `${String(v)}分`;
    case 'zeroDenominator':
      if (typeof v === 'string') return POLICY_WORDS[v] ?? v;
      return `分子为0时${POLICY_WORDS[(v as Json).numeratorZero] ?? ''}，分子大于0时${POLICY_WORDS[(v as Json).numeratorPositive] ?? ''}`;
    case 'tiers':
      return (v as Tier[]).map((t) => `${t.label}${String(t.score)}分`).join('；');
    case 'items':
      return (v as Json[]).map((x, k) => `第${k + 1}项${String(x.points)}分`).join('、');
    case 'parts':
      return (v as Json[]).map((x, k) => `第${k + 1}部分${String(x.weight)}分`).join('、');
    default:
      return typeof v === 'string' ? quoted(v) : canonicalJson(v);
  }
}

function capText(v: unknown): string {
  const cap = (v ?? []) as { below: number; max: number }[];
  if (!cap.length) return '不限制';
  return cap.map((c) => `执行率低于${c.below}%的，总分不超过${c.max}分`).join('；');
}

/** Indicators and inputs added or removed, and other parts of the scheme that differ (layout, checks, outputs). */
function structure(a: DiffSide, b: DiffSide, before: Map<string, SchemeIndicator>, after: Map<string, SchemeIndicator>, changes: SchemeChange[]): void {
  const push = (path: string, subject: string, what: string, from: unknown, to: unknown, fromText: string, toText: string) =>
    changes.push({ section: 'structure', path, subject, what, from: from ?? null, to: to ?? null, fromText, toText });
  for (const [id, i] of after) if (!before.has(id)) push(formatPath(['indicators', id]), `${i.level1}/${i.level2}/${i.name}（${id}）`, '指标', null, i.weight, '（无）', `新增，${i.weight}分`);
  for (const [id, i] of before) if (!after.has(id)) push(formatPath(['indicators', id]), `${i.level1}/${i.level2}/${i.name}（${id}）`, '指标', i.weight, null, `${i.weight}分`, '删去');
  const names = (s: Scheme) => new Map([...s.inputs, ...s.tables].map((x) => [x.name, x.label]));
  const inA = names(a.scheme);
  const inB = names(b.scheme);
  for (const [n, label] of inB) if (!inA.has(n)) push(formatPath(['inputs', n]), `${label}（${n}）`, '输入', null, n, '（无）', '新增');
  for (const [n, label] of inA) if (!inB.has(n)) push(formatPath(['inputs', n]), `${label}（${n}）`, '输入', n, null, '有', '删去');
  for (const [n, label] of inB) {
    const x = [...a.scheme.inputs, ...a.scheme.tables].find((y) => y.name === n);
    const y = [...b.scheme.inputs, ...b.scheme.tables].find((z) => z.name === n);
    if (x && y && !same(x, y)) push(formatPath(['inputs', n]), `${label}（${n}）`, '输入的设置', x, y, '原设置', '已改');
  }
  const OTHER: [string, string][] = [
    ['layout', '工作表版式'],
    ['checks', '核对规则'],
    ['figures', '计算的比率'],
    ['outputs', '输出名称'],
    ['identity', '单位、年度、金额单位的输入'],
    ['formScope', '表单范围'],
  ];
  for (const [key, words] of OTHER) {
    if (!same(a.data[key], b.data[key])) push(key, words, '内容', a.data[key], b.data[key], '原内容', '已改');
  }
  const ta = a.data.targets as Json | undefined;
  const tb = b.data.targets as Json | undefined;
  if (!ta !== !tb) push('targets', '绩效目标表', '有无', ta ?? null, tb ?? null, ta ? '有' : '无', tb ? '有' : '无');
  else if (ta && tb) {
    for (const key of ['table', 'selfTotal']) if (!same(ta[key], tb[key])) push(`targets.${key}`, '绩效目标表', key, ta[key], tb[key], String(ta[key]), String(tb[key]));
    const shape = (t: Json) => ({ ...t.execution, weight: 0, base: '' });
    if (!same(shape(ta), shape(tb))) push('targets.execution', '预算执行率', '资金栏目', ta.execution, tb.execution, '原设置', '已改');
    const levels = (t: Json) => (t.levels as Json[]).map((l) => ({ ...l, weight: 0 }));
    if (!same(levels(ta), levels(tb))) push('targets.levels', '绩效目标表', '一级、二级指标及别名', ta.levels, tb.levels, '原设置', '已改');
  }
}

const NUMERALS = '一二三四五六七八九十';

/** The change note a bureau publishes: from A to B, by section, one line per change, in Chinese. */
export function changeNote(a: DiffSide, b: DiffSide, changes: SchemeChange[]): string {
  const name = (s: Scheme) => `${s.title}（${s.id}，版本 ${s.version}）`;
  const lines = ['评分方案变更说明', `原方案：${name(a.scheme)}`, `新方案：${name(b.scheme)}`, ''];
  if (!changes.length) return [...lines, '两个方案的评分规则和文字完全相同。', ''].join('\n');
  let n = 0;
  for (const [section, title] of SECTIONS) {
    const here = changes.filter((c) => c.section === section);
    if (!here.length) continue;
    lines.push(`${NUMERALS[n++]}、${title}（${here.length}处）`);
    here.forEach((c, k) => {
      const head = `  ${k + 1}. ${section === 'meta' ? c.what : `${c.subject}${section === 'weights' && c.what === '分值' ? '' : `，${c.what}`}`}`;
      if (c.section === 'wording' || c.fromText.length + c.toText.length > 60) lines.push(`${head}：`, `     原：${c.fromText}`, `     新：${c.toText}`);
      else lines.push(`${head}：${c.fromText} → ${c.toText}`);
    });
    lines.push('');
  }
  return lines.join('\n');
}
