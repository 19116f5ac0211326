/**
 * Overrides and scheme files: merged over their base and checked like a shipped scheme, every problem refused
 * with its place (a JSON path into the file), a Chinese message and a fix; a resolved scheme as canonical JSON
 * with a content hash that reloads on its own.
 */
import { createHash } from 'crypto';
import {
  canonicalJson,
  checkScheme,
  checkSchemeData,
  getScheme,
  jsonLines,
  lineOf,
  resolvedScheme,
  resolvedShipped,
  schemeFromData,
  SchemeError,
  SchemeFileError,
  schemeHash,
  sha256Hex,
  shippedLibrary,
} from '../../src/engine';
import type { SchemeCheck, SchemeProblem } from '../../src/engine';
import dept2013 from '../../templates/dept-2013.json';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The example of a regional override. */
const REGIONAL = {
  $schema: './scheme.schema.json',
  extends: 'dept-2013',
  id: 'dept-2013-示例县',
  version: '2024.1',
  title: '示例县部门整体支出绩效评价指标评分表',
  weights: { sangong_control: 2, spend_progress: 6 },
  grades: { 优: 85, 良: 75, 中: 60 },
};

const override = (extra: Json): Json => ({ extends: 'dept-2013', id: 'dept-2013-测试', version: '1', ...extra });

function errors(check: SchemeCheck): SchemeProblem[] {
  return check.problems.filter((p) => p.severity === 'error');
}

/** The errors of a refused file, as `path：message` lines. */
function refused(data: unknown): SchemeProblem[] {
  const check = checkSchemeData(data);
  expect(check.resolved).toBeUndefined();
  const found = errors(check);
  expect(found.length).toBeGreaterThan(0);
  for (const p of found) {
    // every problem is said in Chinese with a fix
    expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    expect(p.fix).toMatch(/[\u4e00-\u9fff]/);
  }
  return found;
}

function only(data: unknown): SchemeProblem {
  const found = refused(data);
  expect(found.map((p) => `${p.path}：${p.message}`)).toHaveLength(1);
  return found[0];
}

describe('an override is merged over its base', () => {
  test('the issue’s example: weights, grades and title changed, the 二级 weight unchanged (2+6 for 4+4)', () => {
    const check = checkSchemeData(REGIONAL);
    expect(errors(check)).toEqual([]);
    const r = check.resolved!;
    expect(r.base).toEqual({ id: 'dept-2013', version: '1.0.0' });
    const s = r.scheme;
    expect([s.id, s.version, s.title]).toEqual(['dept-2013-示例县', '2024.1', '示例县部门整体支出绩效评价指标评分表']);
    expect(s.indicators.find((i) => i.id === 'sangong_control')!.weight).toBe(2);
    expect(s.indicators.find((i) => i.id === 'spend_progress')!.weight).toBe(6);
    expect(s.levels.find((l) => l.name === '过程')!.groups.find((g) => g.name === '预算执行')!.weight).toBe(16);
    // 差 stays below the last bound given
    expect(s.grades).toEqual([
      { min: 85, grade: '优' },
      { min: 75, grade: '良' },
      { min: 60, grade: '中' },
      { min: 0, grade: '差' },
    ]);
    // what is not overridden is the base's
    expect(s.inputs).toEqual(getScheme('dept-2013').inputs);
    expect(s.layout.sheets).toEqual(getScheme('dept-2013').layout.sheets);
    // the base is untouched
    expect(getScheme('dept-2013').indicators.find((i) => i.id === 'sangong_control')!.weight).toBe(4);
  });

  test('group weights follow their indicators: 预算配置 12→11 and 资产管理 12→13 still add up to 100', () => {
    const s = schemeFromData(override({ weights: { staff_control: 3, fixed_asset_use: 4 } })).scheme;
    const group = (l: string, g: string) => s.levels.find((x) => x.name === l)!.groups.find((x) => x.name === g)!.weight;
    expect(group('投入', '预算配置')).toBe(11);
    expect(group('过程', '资产管理')).toBe(13);
  });

  test('rule parameters by id: scalars replace, items merge by position keeping their inputs, tiers replace whole', () => {
    const tiers = [
      { min: 85, score: 4, label: '达到85%及以上' },
      { min: 70, max: 85, score: 2, label: '在70%（含）-85%之间' },
      { max: 70, score: 0, label: '低于70%' },
    ];
    const s = schemeFromData(
      override({
        weights: { goal_clarity: 6, goal_fit: 2 },
        params: {
          staff_control: { perPoint: 0.5, zeroDenominator: 'full' },
          goal_clarity: { items: [{ points: 1 }, { points: 1 }, { points: 2 }, { points: 2 }] },
          goal_fit: { items: [{ points: 1 }, { points: 0.5 }, { points: 0.5 }] },
          key_spend_ratio: { tiers },
        },
      }),
    ).scheme;
    const rule = (id: string) => s.indicators.find((i) => i.id === id)!.rule as Json;
    expect(rule('staff_control')).toMatchObject({ kind: 'cap_deduction', numerator: 'in_staff_actual', cap: 100, perPoint: 0.5, zeroDenominator: 'full' });
    expect(rule('goal_clarity').items).toEqual([
      { input: 'in_goal_clear_1', points: 1 },
      { input: 'in_goal_clear_2', points: 1 },
      { input: 'in_goal_clear_3', points: 2 },
      { input: 'in_goal_clear_4', points: 2 },
    ]);
    expect(rule('goal_fit').items.map((x: Json) => x.points)).toEqual([1, 0.5, 0.5]);
    expect(rule('key_spend_ratio').tiers).toEqual(tiers);
  });

  test('wording by id; a copied input name equal to the base is accepted', () => {
    const s = schemeFromData(
      override({
        params: { staff_control: { numerator: 'in_staff_actual', kind: 'cap_deduction', perPoint: 0.4 } },
        wording: { staff_control: { name: '人员控制率', criteria: '新的评价标准', note: '' } },
      }),
    ).scheme;
    expect(s.indicators.find((i) => i.id === 'staff_control')).toMatchObject({ name: '人员控制率', criteria: '新的评价标准', note: '' });
  });

  test('grades: an explicit bottom grade with 0 is taken as written; other names are allowed', () => {
    const s = schemeFromData(override({ grades: { 优秀: 90, 良好: 75, 合格: 60, 不合格: 0 } })).scheme;
    expect(s.grades.map((g) => `${g.grade}${g.min}`)).toEqual(['优秀90', '良好75', '合格60', '不合格0']);
  });

  test('target-table parameters and weights: the execution line by its id, the 一级 by name', () => {
    const r = schemeFromData({
      extends: 'project-2020',
      id: 'project-2020-测试',
      version: '1',
      weights: { exec: 20, 产出指标: 40 },
      targets: { execution: { base: 'initial' }, inverse: 'ratio', overshoot: { deduct: 2 }, bands: { partial: 50 }, cap: [{ below: 60, max: 60 }] },
    });
    const t = r.scheme.targets!;
    expect(t.execution).toMatchObject({ id: 'exec', weight: 20, base: 'initial' });
    expect(t.levels.map((l) => [l.name, l.weight])).toEqual([
      ['产出指标', 40],
      ['效益指标', 30],
      ['满意度指标', 10],
    ]);
    expect(t.inverse).toBe('ratio');
    expect(t.overshoot).toEqual({ ratio: 1.2, deduct: 2 });
    expect(t.bands).toEqual({ achieved: 80, partial: 50 });
    expect(t.cap).toEqual([{ below: 60, max: 60 }]);
  });

  test('comments ($ keys) at any depth are dropped and change nothing', () => {
    const plain = checkSchemeData(override({ weights: { sangong_control: 2, spend_progress: 6 } })).resolved!;
    const commented = checkSchemeData(override({ $comment: '说明', weights: { $note: '调整', sangong_control: 2, spend_progress: 6 } })).resolved!;
    expect(commented.hash).toBe(plain.hash);
  });
});

describe('a broken override is refused with every problem, its place and fix', () => {
  test('an unknown indicator id, with the id that was meant', () => {
    const p = only(override({ weights: { spend_progres: 4 } }));
    expect(p.path).toBe('weights.spend_progres');
    expect(p.message).toBe('不认识的指标编号“spend_progres”');
    expect(p.fix).toMatch(/^是否想写“spend_progress”？可用的指标编号：goal_fit、goal_clarity、/);
  });

  test('weights that no longer add up: by how much, and which weights the file changed', () => {
    const p = only(override({ weights: { sangong_control: 2, spend_progress: 4 } }));
    expect(p.path).toBe('weights');
    expect(p.message).toBe('各指标分值合计98分，应为满分100分（少2分）');
    expect(p.fix).toBe('调整分值，使合计为100分（本文件改动的分值：sangong_control 4→2）');
  });

  test('tier points above a lowered weight: at the weight the file changed', () => {
    const found = refused(override({ weights: { key_spend_ratio: 3, budget_adjust: 5 } }));
    expect(found.map((p) => p.path)).toEqual(['weights.key_spend_ratio', 'weights.budget_adjust']);
    expect(found[0].message).toBe('“重点支出安排率”（key_spend_ratio）的档次“达到90%及以上”得4分，高于该指标的分值3分');
    expect(found[0].fix).toBe('把该档得分改为不超过3分，或提高分值');
    expect(found[1].message).toBe('“预算调整率”（budget_adjust）各档最高得4分，低于分值5分，该指标无法得满分');
  });

  test('tier points above the weight: at the tier the file wrote', () => {
    const tiers = copy((dept2013.indicators as Json[]).find((i) => i.id === 'key_spend_ratio')!.rule.tiers);
    tiers[0].score = 5;
    const p = only(override({ params: { key_spend_ratio: { tiers } } }));
    expect(p.path).toBe('params.key_spend_ratio.tiers[0].score');
    expect(p.message).toBe('“重点支出安排率”（key_spend_ratio）的档次“达到90%及以上”得5分，高于该指标的分值4分');
  });

  test('tiers with a gap, an overlap, no bottom or a top with an upper bound', () => {
    const gap = [
      { min: 90, score: 4, label: 'A' },
      { min: 80, max: 85, score: 3, label: 'B' },
      { max: 80, score: 0, label: 'C' },
    ];
    expect(only(override({ params: { key_spend_ratio: { tiers: gap } } }))).toMatchObject({
      path: 'params.key_spend_ratio.tiers[0]',
      message: '“重点支出安排率”（key_spend_ratio）的档次“B”与“A”之间有空档（85%至90%（含）），落在其中的比率无法评分',
    });
    const overlap = [
      { min: 80, score: 4, label: 'A' },
      { max: 80, maxInclusive: true, score: 0, label: 'B' },
    ];
    expect(only(override({ params: { key_spend_ratio: { tiers: overlap } } })).message).toBe('“重点支出安排率”（key_spend_ratio）的档次“B”与“A”重叠');
    const bottom = [{ min: 60, score: 4, label: '达到60%及以上' }];
    expect(only(override({ params: { key_spend_ratio: { tiers: bottom } } })).message).toBe(
      '“重点支出安排率”（key_spend_ratio）的最低档“达到60%及以上”下限为60%（含），比率低于它时没有对应的档次',
    );
    const top = [
      { min: 0, max: 100, maxInclusive: true, score: 4, label: 'A' },
    ];
    expect(only(override({ params: { key_spend_ratio: { tiers: top } } })).message).toBe('“重点支出安排率”（key_spend_ratio）的最高档“A”有上限100%（含），高于它的比率无法评分');
  });

  test('checklist points and weighted parts that no longer match their weight', () => {
    const found = refused(override({ weights: { goal_clarity: 6, goal_fit: 2 } }));
    expect(found.map((p) => [p.path, p.message])).toEqual([
      ['weights.goal_fit', '“绩效目标合理性”（goal_fit）各项分值合计3分，与该指标的分值2分不一致'],
      ['weights.goal_clarity', '“绩效指标明确性”（goal_clarity）各项分值合计5分，与该指标的分值6分不一致'],
    ]);
    expect(found[0].fix).toBe('调整 items 中各项的 points，使合计为2分；或把分值改为3分');
    const parts = only(override({ params: { key_work_completion: { parts: [{ weight: 7 }, { weight: 4 }] } } }));
    expect(parts).toMatchObject({ path: 'params.key_work_completion.parts', message: '“重点工作实际完成率”（key_work_completion）各部分分值合计11分，与该指标的分值10分不一致' });
    const surplus = only(override({ params: { surplus: { withinCarryover: 5 } } }));
    expect(surplus).toMatchObject({ path: 'params.surplus.withinCarryover', message: '“资金结余”（surplus）结余未超过上年结转时得5分，高于分值4分' });
  });

  test('an unknown parameter, a changed kind or input, a wrong number of items, a bad value', () => {
    const found = refused(
      override({
        params: {
          staff_control: { perPonit: 0.5, kind: 'tiers', numerator: 'in_staff_quota', zeroDenominator: 'never' },
          goal_fit: { items: [{ points: 1 }, { points: 2 }] },
          goal_clarity: { items: [{ points: 1 }, { points: 1 }, { points: 1 }, { points: 2, input: 'in_goal_fit_1' }] },
          fund_compliance: { perItem: -1 },
        },
      }),
    );
    expect(found.map((p) => [p.path, p.message])).toEqual([
      ['params.staff_control.perPonit', '不认识的参数（cap_deduction）“perPonit”'],
      ['params.staff_control.kind', '计分方法（kind）不能在覆盖文件中更改（基础方案为 cap_deduction）'],
      ['params.staff_control.numerator', 'numerator 是该指标读取的输入（in_staff_actual），不能在覆盖文件中更改'],
      ['params.goal_fit.items', '各项及分值（items）应有3项（与基础方案相同，按顺序对应），这里有2项'],
      ['params.goal_clarity.items[3].input', 'input 是读取的输入（in_goal_clear_4），不能在覆盖文件中更改'],
      ['params.staff_control.zeroDenominator', '“never”不是可用的取值'],
      ['params.fund_compliance.perItem', '应大于0'],
    ]);
    expect(found[0].fix).toBe('是否想写“perPoint”？可用的参数（cap_deduction）：zeroDenominator、cap、perPoint');
  });

  test('grades out of order, above the full score, or bounding the lowest grade', () => {
    const found = refused(override({ grades: { 优: 85, 良: 88, 中: 60, 差: 40 } }));
    expect(found.map((p) => [p.path, p.message])).toEqual([
      ['grades.良', '等级应从高到低排列，良的下限88分不低于上一等级优的85分'],
      ['grades.差', '差是最低等级，低于上一等级下限的总分都是差，不设下限'],
      ['grades.差', '总分低于40分时没有等级'],
    ]);
    expect(only(override({ grades: { 优: 120, 良: 80, 中: 60 } }))).toMatchObject({ path: 'grades.优', message: '优的下限120分超过满分100分' });
    expect(only(override({ grades: {} }))).toMatchObject({ path: 'grades', message: '没有列出任何等级' });
  });

  test('the head: a shipped id, an unknown base, a missing id, a number for the version, an unknown key', () => {
    expect(only({ ...override({}), id: 'dept-2013' })).toMatchObject({ path: 'id', message: '编号“dept-2013”是内置评分方案的编号，不能用于本地区的方案' });
    expect(only({ ...override({}), id: 'DEPT-2020' }).path).toBe('id');
    expect(only({ ...override({}), extends: 'dept-2031' })).toMatchObject({ path: 'extends', message: '“dept-2031”不是内置评分方案', fix: '是否想写“dept-2013”？可用：dept-2013、project-2020、dept-2020' });
    const head = refused({ extends: 'dept-2013', version: 2024, weight: { a: 1 }, id: '示例 县' });
    expect(head.map((p) => [p.path, p.message])).toEqual([
      ['id', '格式不对'],
      ['version', '应为文字（加双引号），不是数字'],
      ['weight', '不认识的键“weight”'],
    ]);
    expect(head[0].fix).toBe('应不含空格，也不含 \\ / : * ? " < > | 这些文件名不能用的字符');
    expect(head[2].fix).toMatch(/^是否想写“weights”？/);
    expect(only({ weights: { a: 1 } })).toMatchObject({ path: 'extends', message: '这是覆盖文件（有 weights、params 或 wording），但没有写明基于哪个内置方案' });
    expect(only([1, 2])).toMatchObject({ path: '$', message: '评分方案文件应为一个 JSON 对象 { … }' });
    expect(only(JSON.parse('{"extends":"dept-2013","id":"x","version":"1","__proto__":{"weights":{}}}'))).toMatchObject({ path: '__proto__', message: '不认识的键“__proto__”' });
    let deep: unknown = 1;
    for (let k = 0; k < 100000; k++) deep = [deep];
    expect(only({ ...override({}), weights: deep })).toMatchObject({ path: '$', message: '结构嵌套超过64层，不是评分方案文件' });
  });

  test('target parameters on a scheme without a target table, and broken target parameters', () => {
    expect(only(override({ targets: { inverse: 'ratio' } }))).toMatchObject({ path: 'targets', message: '基础方案 dept-2013 没有绩效目标表，不能设置 targets' });
    const found = refused({
      extends: 'project-2020',
      id: 'p',
      version: '1',
      weights: { exec: 0, 产出: 50 },
      targets: { inverse: 'square', bands: { partial: 85 }, cap: [{ below: 60, max: 120 }] },
    });
    expect(found.map((p) => [p.path, p.message])).toEqual([
      ['weights.exec', '应大于0'],
      ['targets.inverse', '“square”不是可用的取值'],
    ]);
    const found2 = refused({ extends: 'project-2020', id: 'p', version: '1', weights: { 产出: 50 }, targets: { bands: { partial: 85 }, cap: [{ below: 60, max: 120 }] } });
    expect(found2.map((p) => [p.path, p.message])).toEqual([
      ['weights.产出', '不认识的指标编号“产出”'],
      ['targets.bands.partial', '部分达成的下限85%应低于达成的下限80%'],
      ['targets.cap[0].max', '总分上限120分超过满分100分'],
    ]);
    expect(found2[0].fix).toMatch(/^是否想写“产出指标”？/);
  });

  test('every problem at once, not the first only', () => {
    const found = refused(
      override({
        id: 'dept-2013',
        weights: { sangong_control: 3, spend_progres: 6, key_spend_ratio: 3 },
        grades: { 优: 85, 良: 88, 中: 60 },
        params: { staff_control: { perPonit: 1 } },
      }),
    );
    expect(found.map((p) => p.path)).toEqual([
      'id',
      'weights.spend_progres',
      'params.staff_control.perPonit',
      'grades.良',
      'weights.key_spend_ratio',
      'weights',
    ]);
  });

  test('resolveScheme throws SchemeFileError (a SchemeError) listing the problems', () => {
    try {
      schemeFromData(override({ weights: { spend_progres: 4 } }));
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(SchemeFileError);
      expect(err).toBeInstanceOf(SchemeError);
      expect((err as SchemeFileError).problems).toHaveLength(1);
      expect((err as Error).message).toMatch(/^评分方案有1处问题：\n {2}weights\.spend_progres：不认识的指标编号“spend_progres”。改法：是否想写“spend_progress”？/);
    }
  });
});

describe('warnings: accepted, but the printed wording still states the old number', () => {
  test('a weight whose 评价标准 says 计4分, and a parameter whose text is unchanged', () => {
    const check = checkSchemeData(REGIONAL);
    expect(check.resolved).toBeDefined();
    expect(check.problems.map((p) => [p.severity, p.path])).toEqual([['warning', 'weights.sangong_control']]);
    expect(check.problems[0].message).toMatch(/^“"三公经费"控制率”的分值（4分→2分）已改，评价标准仍是原文：“以100%为标准。三公经费控制率≦100%，计4分；/);
    expect(check.problems[0].fix).toBe('在 wording.sangong_control.criteria 中改写评价标准，使之与新的规则一致');
    const param = checkSchemeData(override({ params: { staff_control: { perPoint: 0.5 } } }));
    expect(param.problems.map((p) => [p.severity, p.path])).toEqual([['warning', 'params.staff_control.perPoint']]);
    const reworded = checkSchemeData(override({ params: { staff_control: { perPoint: 0.5 } }, wording: { staff_control: { criteria: '每超过一个百分点扣0.5分' } } }));
    expect(reworded.problems).toEqual([]);
  });
});

describe('a whole scheme file', () => {
  test('every shipped scheme passes the checks of scheme files, to the hash it is shipped with', () => {
    for (const id of shippedLibrary.ids()) {
      const check = checkScheme(shippedLibrary.data(id), { library: shippedLibrary, allowShippedId: true });
      expect([id, check.problems]).toEqual([id, []]);
      expect(check.resolved!.hash).toBe(resolvedShipped(id).hash);
      expect(check.resolved!.scheme.indicators).toEqual(getScheme(id).indicators);
    }
  });

  test('a shipped scheme’s own JSON is accepted and is that scheme (same object, same hash)', () => {
    const check = checkSchemeData(copy(dept2013));
    expect(check.problems).toEqual([]);
    expect(check.resolved!.scheme).toBe(getScheme('dept-2013'));
    expect(check.resolved!.hash).toBe(resolvedShipped('dept-2013').hash);
  });

  test('an altered copy under the shipped id is refused; under its own id it is a scheme of its own', () => {
    const altered = copy(dept2013) as Json;
    altered.grades[0].min = 85;
    expect(only(altered)).toMatchObject({ path: 'id', message: '编号“dept-2013”是内置评分方案的编号，不能用于本地区的方案' });
    altered.id = 'dept-2013-本地';
    const r = schemeFromData(altered);
    expect(r.base).toBeUndefined();
    expect(r.scheme.grades[0]).toEqual({ min: 85, grade: '优' });
  });

  test('structure, rule parameters and names, each at its path in the file', () => {
    const s = copy(dept2013) as Json;
    s.id = 'x';
    s.indicators[0].weight = '3';
    expect(only(s)).toMatchObject({ path: 'indicators[0].weight', message: '应为数字，不是文字（加双引号）' });
    const t = copy(dept2013) as Json;
    t.id = 'x';
    t.indicators[2].rule.perPonit = 0.4;
    t.indicators[3].rule.numerator = 'in_nowhere';
    const found = refused(t);
    expect(found.map((p) => [p.path, p.message])).toEqual([
      ['indicators[2].rule.perPonit', '不认识的参数（cap_deduction）“perPonit”'],
      ['indicators[3].rule.numerator', '不认识的参数（change_rate）“numerator”'],
    ]);
    const u = copy(dept2013) as Json;
    u.id = 'x';
    u.indicators[2].rule.numerator = 'in_nowhere';
    expect(only(u)).toMatchObject({ path: 'indicators[2].rule', message: '用到的输入 in_nowhere 没有在 inputs 中声明' });
    const v = copy(dept2013) as Json;
    v.id = 'x';
    v.levels[0].groups[0].weight = 9;
    expect(refused(v).map((p) => [p.path, p.message])).toEqual([
      ['levels[0].groups[0].weight', '投入/目标设定的指标分值合计8分，与其分值9分不一致'],
      ['maxTotal', '各指标分值合计101分，应为满分100分（多1分）'],
    ]);
  });
});

describe('canonical JSON and the content hash', () => {
  test('canonical JSON sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: '二', c: 2 }, 3], 优: null })).toBe('{"a":[{"c":2,"d":"二"},3],"b":1,"优":null}');
    expect(() => canonicalJson({ a: Infinity })).toThrow();
  });

  test('SHA-256 as Node computes it, across block boundaries and in UTF-8', () => {
    const texts = ['', 'abc', '评分方案', '😀𠀀', 'a'.repeat(55), 'a'.repeat(56), 'b'.repeat(64), '分'.repeat(300), canonicalJson(dept2013)];
    for (const t of texts) expect(sha256Hex(t)).toBe(createHash('sha256').update(t, 'utf8').digest('hex'));
  });

  test('the hash does not depend on key order or comments, and changes with any number', () => {
    const shuffled = Object.fromEntries(Object.entries(REGIONAL).reverse());
    const a = checkSchemeData(REGIONAL).resolved!;
    const b = checkSchemeData(shuffled).resolved!;
    expect(b.hash).toBe(a.hash);
    expect(a.hash).toBe(schemeHash(a.data));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    const c = checkSchemeData({ ...REGIONAL, grades: { 优: 85, 良: 75, 中: 61 } }).resolved!;
    expect(c.hash).not.toBe(a.hash);
  });

  test('the merged scheme reloads on its own, without its base, to the same hash and scheme', () => {
    const a = checkSchemeData(REGIONAL).resolved!;
    const none = { ids: () => [], data: () => undefined };
    const again = checkScheme(JSON.parse(a.json), { library: none });
    expect(again.problems).toEqual([]);
    expect(again.resolved!.hash).toBe(a.hash);
    expect(again.resolved!.json).toBe(a.json);
    expect(again.resolved!.scheme.grades).toEqual(a.scheme.grades);
    expect(again.resolved!.scheme.indicators).toEqual(a.scheme.indicators);
  });

  test('a Scheme’s own JSON and hash, from the Scheme object (what a template made from it needs)', () => {
    expect(resolvedScheme(getScheme('dept-2013'))).toBe(resolvedShipped('dept-2013'));
    const r = schemeFromData(REGIONAL);
    expect(resolvedScheme(r.scheme)!.hash).toBe(r.hash);
  });

  test('a carried copy of an earlier version of a shipped scheme: its shipped id allowed on request only', () => {
    const earlier = copy(dept2013) as Json;
    earlier.version = '0.9.0';
    earlier.indicators[2].rule.perPoint = 0.5;
    expect(only(earlier).path).toBe('id');
    const check = checkScheme(earlier, { library: shippedLibrary, allowShippedId: true });
    expect(check.problems).toEqual([]);
    expect(check.resolved!.scheme.id).toBe('dept-2013');
    expect(check.resolved!.hash).not.toBe(resolvedShipped('dept-2013').hash);
  });

  test('the same content is the same Scheme object; shipped schemes keep getScheme’s behaviour', () => {
    expect(checkSchemeData(REGIONAL).resolved!.scheme).toBe(checkSchemeData(copy(REGIONAL)).resolved!.scheme);
    expect(resolvedShipped('project-2020').scheme).toBe(getScheme('project-2020'));
    expect(shippedLibrary.ids()).toEqual(['dept-2013', 'project-2020', 'dept-2020']);
    expect(() => getScheme('dept-2099')).toThrow(/未知的评分方案“dept-2099”（可用：dept-2013、project-2020、dept-2020）/);
  });
});

describe('lines of a JSON text, for the problems', () => {
  test('every key and element by its path; a missing key by its object', () => {
    const text = '{\n  "extends": "dept-2013",\n  "weights": {\n    "a": 1,\n    "优 秀": 2\n  },\n  "list": [\n    {"x": [1,\n 2]}\n  ]\n}\n';
    const lines = jsonLines(text);
    expect(lineOf(lines, 'extends')).toBe(2);
    expect(lineOf(lines, 'weights.a')).toBe(4);
    expect(lineOf(lines, 'weights["优 秀"]')).toBe(5);
    expect(lineOf(lines, 'list[0].x[1]')).toBe(9);
    expect(lineOf(lines, 'weights.b')).toBe(3);
    expect(lineOf(lines, 'grades.优')).toBe(1);
  });
});
