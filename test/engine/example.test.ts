/**
 * The worked example of spec/dept-2013.md (示例县政务服务中心, 2024, 万元): every score of its table, the total
 * 73.28 and grade 中, and calculation texts worked out by hand.
 */
import { evaluate, getScheme, scoreText, statusLine, toJson } from '../../src/engine';
import { evalWith, exampleCells, exampleValues, ind, score } from './helpers';

// spec table, in the scheme's order; comments give the hand calculation
const EXPECTED: [string, number][] = [
  ['goal_fit', 3], // 是是是 1+1+1
  ['goal_clarity', 4], // 是是否是 1+1+0+2
  ['staff_control', 2], // 21/20 = 105.00%, 5.00 pp × 0.4 = 2 → 4 − 2
  ['sangong_change', 2.4], // (13 − 12.5)/12.5 = 4.00%, × 0.4 = 1.6 → 4 − 1.6
  ['key_spend_ratio', 3], // 85.60% in [80, 90)
  ['budget_adjust', 3], // 30/500 = 6.00% in (0, 10]
  ['spend_progress', 2.5], // 4 − 3 × 0.5
  ['surplus', 3], // 8 ≤ 10
  ['sangong_control', 0], // 13/12 = 108.33%, 8.33 pp × 1 > 4
  ['budget_rules', 4], // 是是否 2+2+0
  ['fund_compliance', 4], // 5 − 1
  ['disclosure', 4], // 是是是否是
  ['asset_rules', 4], // 是是是 1+1+2
  ['asset_safety', 5], // 0 violations
  ['fixed_asset_use', 2], // 95.00%, 5.00 pp × 0.2 = 1
  ['key_work_completion', 9], // 9/10×6 = 5.4 + 90/100×4 = 3.6
  ['key_work_quality', 1], // 90.00%, 10.00 pp × 0.5 = 5
  ['benefit_economic', 3],
  ['benefit_social', 3.5],
  ['benefit_ecological', 4],
  ['satisfaction', 6.88], // (3×50 + 7×40) = 430 / 500 × 8
];

describe('the worked example', () => {
  const e = evaluate(getScheme(), { values: exampleValues() });

  test('21 indicators in the spec order', () => {
    expect(e.indicators.map((i) => i.id)).toEqual(EXPECTED.map(([id]) => id));
  });

  test.each(EXPECTED)('%s = %s', (id, expected) => {
    expect(score(e, id)).toBe(expected);
    expect(ind(e, id).status).toBe('ok');
  });

  test('the hand sum of the table is 73.28, and so is the total; grade 中', () => {
    const handSum = EXPECTED.reduce((a, [, s]) => a + Math.round(s * 100), 0) / 100;
    expect(handSum).toBe(73.28);
    expect(e.total.toString()).toBe('73.28');
    expect(e.total.toNumber()).toBe(73.28);
    expect(e.maxTotal.toNumber()).toBe(100);
    expect(e.grade).toBe('中');
    expect(e.complete).toBe(true);
    expect(e.issues).toEqual([]);
    expect(e.dept).toBe('示例县政务服务中心');
    expect(e.year).toBe(2024);
    expect(statusLine(e)).toBe('评分完整');
  });

  test('staff_control text is exactly the spec’s', () => {
    expect(ind(e, 'staff_control').text).toBe('（21/20）×100%=105.00%，超过100%共5.00个百分点，扣2分，得2分');
    expect(ind(e, 'staff_control').rate?.toFixed(2)).toBe('105.00');
  });

  test.each([
    ['goal_fit', '①是，计1分；②是，计1分；③是，计1分；得3分'],
    ['goal_clarity', '①是，计1分；②是，计1分；③否，不得分；④是，计2分；得4分'],
    ['sangong_change', '（13-12.5）/12.5×100%=4.00%，超过0共4.00个百分点，扣1.6分，得2.4分'],
    ['key_spend_ratio', '（85.6/100）×100%=85.60%，在80%（含）-90%之间，得3分'],
    ['budget_adjust', '（30/500）×100%=6.00%，在0-10%（含）之间，得3分'],
    ['spend_progress', '资金未按进度支出3项，每项扣0.5分，扣1.5分，得2.5分'],
    ['surplus', '当年结余8，未超过上年结转10，得3分'],
    ['sangong_control', '（13/12）×100%=108.33%，超过100%共8.33个百分点，应扣8.33分，扣完为止，得0分'],
    ['fund_compliance', '不符合要求的情况1例，每例扣1分，扣1分，得4分'],
    ['asset_safety', '未发现不符合要求的情况，得5分'],
    ['fixed_asset_use', '（950/1000）×100%=95.00%，低于100%共5.00个百分点，扣1分，得2分'],
    ['key_work_completion', '①（9/10）×6=5.4分；②（90/100）×4=3.6分；①+②=9分，得9分'],
    ['key_work_quality', '（18/20）×100%=90.00%，低于100%共10.00个百分点，扣5分，得1分'],
    ['benefit_social', '自评得分3.5分。评分依据：全年办件12.6万件，群众办事“最多跑一次”'],
    ['satisfaction', '有效问卷10份，问卷总得分430分，430/（10×50）×8=6.88分'],
  ])('%s text', (id, text) => {
    expect(ind(e, id).text).toBe(text);
  });

  test('scores print as the forms print them (no trailing zeros)', () => {
    expect(EXPECTED.map(([id]) => scoreText(ind(e, id).score))).toEqual([
      '3', '4', '2', '2.4', '3', '3', '2.5', '3', '0', '4', '4', '4', '4', '5', '2', '9', '1', '3', '3.5', '4', '6.88',
    ]);
  });

  test('levels and weights as the spec table', () => {
    const groups = new Map<string, number>();
    for (const i of e.indicators) groups.set(`${i.level1}/${i.level2}`, (groups.get(`${i.level1}/${i.level2}`) ?? 0) + i.weight.toNumber());
    expect(Object.fromEntries(groups)).toEqual({
      '投入/目标设定': 8,
      '投入/预算配置': 12,
      '过程/预算执行': 16,
      '过程/预算管理': 16,
      '过程/资产管理': 12,
      '产出/职责履行': 16,
      '效果/履职效益': 20,
    });
  });

  test('toJson of the example', () => {
    const j = toJson(e);
    expect(j.total).toBe(73.28);
    expect(j.grade).toBe('中');
    expect(j.indicators.map((i) => i.score)).toEqual(EXPECTED.map(([, s]) => s));
    expect(j.indicators[2]).toEqual({
      id: 'staff_control',
      level1: '投入',
      level2: '预算配置',
      name: '财政供养人员控制率',
      weight: 4,
      score: 2,
      status: 'ok',
      text: '（21/20）×100%=105.00%，超过100%共5.00个百分点，扣2分，得2分',
    });
  });

  test('with cells given, still no finding', () => {
    expect(evaluate(getScheme(), { values: exampleValues(), cells: exampleCells() }).issues).toEqual([]);
  });

  test('the same example as an officer types it (units, full-width, 是/否 spellings, 元 converted) scores the same', () => {
    const typed = evalWith({
      in_staff_quota: '20人',
      in_staff_actual: '２１',
      in_sangong_prev: '12.50',
      in_sangong_budget: ' 12 ',
      in_sangong_actual: '130000元', // 元 in a 万元 form → 13 with a unit_converted warning
      in_key_project_spend: '85.60万元',
      in_budget_initial: '500万',
      in_late_items: '3项',
      in_goal_fit_1: '√',
      in_goal_clear_3: 'N',
      in_disclosure_4: '×',
      in_benefit_social: '3.5分',
      in_key_work_done: '9件',
      in_year: '2024年',
    });
    expect(typed.total.toNumber()).toBe(73.28);
    expect(typed.grade).toBe('中');
    expect(typed.issues.map((f) => `${f.severity} ${f.code} ${f.inputs.join(',')}`)).toEqual(['warning unit_converted in_sangong_actual']);
  });
});
