/**
 * The target-table rules of spec/perf-2020.md at their edges, with real numbers and the texts an officer would
 * write: 正向, 反向 (linear and ratio), 等于, T = 0, overshoot at exactly 1.2T, 定性 bands at exactly 0.8W and
 * 0.6W, time targets, units, the execution rate at 100.00% and above, a 0 全年预算数, sub-line sums, weights, the
 * optional cap, typed scores compared, messages naming the cells.
 */
import { loadScheme, statusLine } from '../../src/engine';
import projectJson from '../../templates/project-2020.json';
import { codes, exampleInputs, findings, first, fundsOnly, num, scoreJson, topUp, withRows } from './targetHelpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** project-2020 with some target parameters changed */
function variant(change: (t: Json) => void) {
  const data = JSON.parse(JSON.stringify(projectJson)) as Json;
  change(data.targets);
  return loadScheme(data);
}

describe('正向 (≥)', () => {
  test('A = T: full marks, no deviation needed', () => {
    const e = withRows([{ name: '覆盖率', sense: '≥', target: '95%', actual: '95%', weight: 10 }]);
    expect(num(first(e).score)).toBe(10);
    expect(first(e).text).toBe('完成值95%，达到指标值≥95%，得10分');
    expect(e.issues).toEqual([]);
  });

  test('the issue’s example: 90% against ≥95% worth 10 is 9.47, said as an officer writes it', () => {
    const e = withRows([{ name: '覆盖率', sense: '≥', target: '95%', actual: '90%', weight: 10, deviation: '部分乡镇未覆盖' }]);
    expect(num(first(e).score)).toBe(9.47);
    expect(first(e).text).toBe('完成值90%，未达到指标值≥95%，按完成比例计分：90/95×10=9.47分');
    expect(first(e).sense).toBe('≥');
    expect(e.issues).toEqual([]);
  });

  test('A just below T: 94.9/95×10 = 9.989… → 9.99, and without a deviation explanation deviation_missing', () => {
    const e = withRows([{ name: '覆盖率', sense: '≥', target: '95%', actual: '94.9%', weight: 10 }]);
    expect(num(first(e).score)).toBe(9.99);
    expect(codes(e)).toEqual(['error deviation_missing']);
    expect(e.issues[0].message).toBe('“覆盖率”（in_indicators[0].deviation）：得分9.99低于分值10，请填写偏差原因分析及改进措施');
    // the row keeps its score: the finding is an error of the form, not of the row
    expect(first(e).status).toBe('ok');
    expect(e.complete).toBe(true);
  });

  test('A a hair below T rounds up to W: 94.999/95×10 = 9.99989… → 10, which needs no explanation', () => {
    const e = withRows([{ name: '覆盖率', sense: '≥', target: '95%', actual: '94.999%', weight: 10 }]);
    expect(num(first(e).score)).toBe(10);
    expect(e.issues).toEqual([]);
  });

  test('T = 0: full marks whatever the actual', () => {
    for (const actual of ['0', '3', '-2']) {
      const e = withRows([{ name: '事故数', sense: '≥', target: '0', actual, weight: 5 }]);
      expect(num(first(e).score)).toBe(5);
      expect(first(e).text).toBe(`完成值${actual}，指标值为0，得5分`);
    }
  });

  test('overshoot at exactly 1.2T: a warning, full marks, and a deviation explanation asked for', () => {
    const at = withRows([{ name: '培训人次', sense: '≥', target: '500人次', actual: '600人次', weight: 10, deviation: '需求超出预期' }]);
    expect(num(first(at).score)).toBe(10);
    expect(codes(at)).toEqual(['warning overshoot']);
    expect(at.issues[0].message).toBe(
      '“培训人次”（in_indicators[0].actual）：完成值600人次为指标值500人次的120.00%，达到120%以上，年初指标值可能设定偏低，请在偏差原因分析中说明',
    );
    expect(first(at).text).toBe('完成值600人次，达到指标值≥500人次，得10分；完成值为指标值的120.00%，超过120%，年初指标值可能设定偏低');
    const below = withRows([{ name: '培训人次', sense: '≥', target: '500人次', actual: '599.99人次', weight: 10 }]);
    expect(below.issues).toEqual([]);
    const unexplained = withRows([{ name: '培训人次', sense: '≥', target: '500人次', actual: '600人次', weight: 10 }]);
    expect(codes(unexplained)).toEqual(['error deviation_missing', 'warning overshoot']);
  });

  test('overshoot with a deduction (a scheme parameter): 2 points off at 1.2T', () => {
    const scheme = variant((t) => (t.overshoot = { ratio: 1.3, deduct: 2 }));
    const rows = topUp([
      { name: '培训人次', sense: '≥', target: '500人次', actual: '650人次', weight: 10, deviation: '需求超出预期' },
      { name: '宣传场次', sense: '≥', target: '10场', actual: '12场', weight: 10 },
    ]);
    const e = scoreJson({ ...fundsOnly(), in_indicators: rows }, scheme);
    expect(num(e.indicators[0].score)).toBe(8);
    expect(e.indicators[0].text).toBe('完成值650人次，达到指标值≥500人次；完成值为指标值的130.00%，超过130%，年初指标值可能设定偏低，扣2分，得8分');
    // 1.2T is no overshoot under a ratio of 1.3
    expect(num(e.indicators[1].score)).toBe(10);
    expect(codes(e)).toEqual(['warning overshoot']);
  });
});

describe('反向 (≤)', () => {
  test('A = T and below: full marks', () => {
    for (const actual of ['2小时', '1.5小时']) {
      const e = withRows([{ name: '响应时间', sense: '≤', target: '2小时', actual, weight: 5 }]);
      expect(num(first(e).score)).toBe(5);
      expect(first(e).text).toBe(`完成值${actual}，未超过指标值≤2小时，得5分`);
    }
  });

  test('linear (default): 2.5 against ≤2 worth 5 is 5×(1−0.25) = 3.75; at 2T it is 0, 扣完为止', () => {
    const e = withRows([{ name: '响应时间', sense: '≤', target: '2小时', actual: '2.5小时', weight: 5, deviation: '夜间值守不足' }]);
    expect(num(first(e).score)).toBe(3.75);
    expect(first(e).text).toBe('完成值2.5小时，超过指标值≤2小时，按超出比例扣分：5×（1-（2.5-2）/2）=3.75分');
    const twice = withRows([{ name: '响应时间', sense: '≤', target: '2小时', actual: '4小时', weight: 5, deviation: '夜间值守不足' }]);
    expect(num(first(twice).score)).toBe(0);
    expect(first(twice).text).toBe('完成值4小时，超过指标值≤2小时，按超出比例扣分：5×（1-（4-2）/2）=0，扣完为止，得0分');
    const beyond = withRows([{ name: '响应时间', sense: '≤', target: '2小时', actual: '5小时', weight: 5, deviation: '夜间值守不足' }]);
    expect(num(first(beyond).score)).toBe(0);
  });

  test('ratio (a scheme parameter): at 2T half marks, W×T/A', () => {
    const scheme = variant((t) => (t.inverse = 'ratio'));
    const e = scoreJson({ ...fundsOnly(), in_indicators: topUp([{ name: '响应时间', sense: '≤', target: '2小时', actual: '4小时', weight: 5, deviation: '值守不足' }]) }, scheme);
    expect(num(first(e).score)).toBe(2.5);
    expect(first(e).text).toBe('完成值4小时，超过指标值≤2小时，按比例计分：2/4×5=2.5分');
    const third = scoreJson({ ...fundsOnly(), in_indicators: topUp([{ name: '响应时间', sense: '≤', target: '2小时', actual: '3小时', weight: 5, deviation: '值守不足' }]) }, scheme);
    // 2/3×5 = 3.333…
    expect(num(first(third).score)).toBe(3.33);
  });

  test('T = 0: full marks at 0, nothing above', () => {
    const zero = withRows([{ name: '安全事故', sense: '≤', target: '0起', actual: '0起', weight: 5 }]);
    expect(num(first(zero).score)).toBe(5);
    const one = withRows([{ name: '安全事故', sense: '≤', target: '0起', actual: '1起', weight: 5, deviation: '已整改' }]);
    expect(num(first(one).score)).toBe(0);
    expect(first(one).text).toBe('完成值1起，超过指标值≤0起，得0分');
  });

  test('成本指标: a money amount or a bare number is a ceiling unless the row says otherwise; a rate stays 正向', () => {
    const e = withRows([
      { level2: '成本指标', name: '运维成本', target: '150万元', actual: '138.6万元', weight: 5 },
      { level2: '成本指标', name: '单价', target: '120', actual: '130', weight: 5, deviation: '材料涨价' },
      { level2: '成本指标', name: '计划完成率', target: '90%', actual: '95%', weight: 5 },
    ]);
    expect(e.indicators.slice(0, 3).map((i) => [i.sense, num(i.score)])).toEqual([
      ['≤', 5],
      ['≤', 4.58], // 5×(1−10/120) = 4.5833
      ['≥', 5],
    ]);
    expect(e.indicators[0].text).toBe('完成值138.6万元，未超过指标值≤150万元（成本指标按反向计），得5分');
  });
});

describe('等于 (=)', () => {
  test('A = T full; A ≠ T asks for an explanation, below T scored as 正向', () => {
    const eq = withRows([{ name: '建设标准', sense: '=', target: '100%', actual: '100%', weight: 10 }]);
    expect(num(first(eq).score)).toBe(10);
    expect(first(eq).text).toBe('完成值100%，等于指标值=100%，得10分');
    expect(eq.issues).toEqual([]);
    const above = withRows([{ name: '培训班次', sense: '等于', target: '4期', actual: '5期', weight: 10 }]);
    expect(num(first(above).score)).toBe(10);
    expect(codes(above)).toEqual(['error deviation_missing']);
    expect(above.issues[0].message).toContain('完成值与指标值不一致，请填写偏差原因分析及改进措施');
    const below = withRows([{ name: '培训班次', sense: '=', target: '4期', actual: '3期', weight: 10, deviation: '疫情停办一期' }]);
    expect(num(first(below).score)).toBe(7.5);
    expect(below.issues).toEqual([]);
  });
});

describe('定性', () => {
  const row = (rating: string | undefined, score: number | undefined, deviation = '说明') => ({
    name: '群众获得感',
    sense: '定性',
    target: '明显提升',
    actual: '有所提升',
    weight: 10,
    ...(rating ? { rating } : {}),
    ...(score !== undefined ? { score } : {}),
    deviation,
  });

  test.each([
    ['达成', 10, 10, 'ok'],
    ['达成', 8, 8, 'ok'], // exactly 0.8W: in 达成
    ['达成', 7.99, null, 'invalid'],
    ['达成', 10.5, null, 'invalid'],
    ['部分达成', 8, null, 'invalid'], // 0.8W is not in 部分达成 [0.6W, 0.8W)
    ['部分达成', 7.99, 7.99, 'ok'],
    ['部分达成', 6, 6, 'ok'], // exactly 0.6W: in 部分达成
    ['部分达成', 5.99, null, 'invalid'],
    ['未达成', 6, null, 'invalid'], // 0.6W is not in 未达成 [0, 0.6W)
    ['未达成', 5.99, 5.99, 'ok'],
    ['未达成', 0, 0, 'ok'],
  ])('%s with a typed %s → %s (%s)', (rating, typed, expected, status) => {
    const e = withRows([row(rating, typed)]);
    expect(num(first(e).score)).toBe(expected);
    expect(first(e).status).toBe(status);
    expect(codes(e)).toEqual(status === 'invalid' ? ['error out_of_band'] : []);
  });

  test('the out_of_band message names the band and the typed score; the text too', () => {
    const e = withRows([row('部分达成', 8)]);
    expect(e.issues[0].message).toBe('“群众获得感”（in_indicators[0].score）：完成情况为“部分达成”，得分应在6～8分，不含8分之间，填写的是8分');
    expect(first(e).text).toBe('定性指标，完成情况：部分达成，自评得分8分不在6～8分，不含8分之间');
    expect(e.complete).toBe(false);
    expect(e.grade).toBeNull();
  });

  test('达成 without a typed score is W; 部分达成 and 未达成 need one (missing_input)', () => {
    const full = withRows([row('达成', undefined, '')]);
    expect(num(first(full).score)).toBe(10);
    expect(first(full).text).toBe('定性指标，完成情况：达成，得10分');
    const partial = withRows([row('部分达成年度指标并具有一定效果', undefined)]);
    expect(first(partial).status).toBe('missing');
    expect(codes(partial)).toEqual(['error missing_input']);
    expect(partial.issues[0].message).toBe('“群众获得感”（in_indicators[0].score）：完成情况为“部分达成”，请填写得分（6～8分，不含8分）');
  });

  test('no rating: an actual restating the target, or saying 完成 / 是, is 达成; anything else is missing_input', () => {
    const restated = withRows([{ name: '平台运行', target: '持续运行', actual: '已持续运行 ', weight: 10 }]);
    expect(first(restated).sense).toBe('定性');
    expect(num(first(restated).score)).toBe(10);
    expect(first(restated).text).toBe('定性指标，实际完成值与指标值一致，视为达成，得10分');
    const yes = withRows([{ name: '制度健全', target: '建立制度', actual: '是', weight: 10 }]);
    expect(num(first(yes).score)).toBe(10);
    const other = withRows([{ name: '平台运行', target: '持续运行', actual: '运行良好', weight: 10 }]);
    expect(first(other).status).toBe('missing');
    expect(other.issues.map((f) => f.message)).toEqual(['“平台运行”（in_indicators[0].rating）：定性指标未选择完成情况（达成、部分达成或未达成）']);
  });

  test('a target with no number is 定性 even when the column says ≤ (控制在预算内)', () => {
    const e = withRows([{ name: '成本控制', sense: '≤', target: '控制在预算内', actual: '控制在预算内', weight: 10 }]);
    expect(first(e).sense).toBe('定性');
    expect(num(first(e).score)).toBe(10);
    expect(first(e).text).toBe('年度指标值没有单一数值，按定性指标评分：实际完成值与指标值一致，视为达成，得10分');
  });
});

describe('time targets', () => {
  const row = (actual: string, extra = {}) => ({ level2: '时效指标', name: '完成时间', target: '2025年11月前完成', actual, weight: 5, deviation: '说明', ...extra });

  test.each([
    ['2025年10月完成', 5, '完成时间2025年10月，不晚于指标值“2025年11月前完成”，得5分'],
    ['11月前完成', 5, '完成时间11月，不晚于指标值“2025年11月前完成”，得5分'],
    ['2025年11月20日', 5, '完成时间2025年11月20日，不晚于指标值“2025年11月前完成”，得5分'],
    ['已按时完成', 5, '实际完成值“已按时完成”，按时完成，得5分'],
  ])('%s → %s', (actual, score, text) => {
    const e = withRows([row(actual)]);
    expect(num(first(e).score)).toBe(score);
    expect(first(e).text).toBe(text);
    expect(e.issues).toEqual([]);
  });

  test('later, or not done: rated as a 定性 row (missing without a rating)', () => {
    const late = withRows([row('2025年12月')]);
    expect(first(late).status).toBe('missing');
    const rated = withRows([row('2025年12月', { rating: '部分达成', score: 3.5 })]);
    expect(num(first(rated).score)).toBe(3.5);
    expect(first(rated).text).toBe('完成时间2025年12月晚于指标值“2025年11月前完成”，按完成情况评分：完成情况：部分达成（3～4分，不含4分），自评得分3.5分');
    const notDone = withRows([row('未完成', { rating: '未达成', score: 1 })]);
    expect(num(first(notDone).score)).toBe(1);
  });
});

describe('units', () => {
  test('元 ↔ 万元 when both are written out: converted, and said', () => {
    const e = withRows([{ level2: '成本指标', name: '运维成本', sense: '≤', target: '150万元', actual: '1386000元', weight: 10 }]);
    expect(num(first(e).score)).toBe(10);
    expect(first(e).text).toBe('完成值138.6万元（1386000元折合138.6万元），未超过指标值≤150万元，得10分');
    expect(e.issues).toEqual([]);
  });

  test('a count against a percentage: unit_mismatch, not converted', () => {
    const e = withRows([{ name: '窗口数', sense: '≥', target: '36个', actual: '100%', weight: 10 }]);
    expect(codes(e)).toEqual(['warning unit_mismatch']);
    expect(e.issues[0].message).toBe('“窗口数”（in_indicators[0].actual）：实际完成值的单位“%”与年度指标值的单位“个”不同，未作换算，请核对');
  });

  test('the 度量单位 column applies to target and actual alike: 100 + % against 98% is no mismatch', () => {
    const e = withRows([{ name: '合格率', sense: '≥', target: '100', unit: '%', actual: '98%', weight: 10, deviation: '个别不合格' }]);
    expect(num(first(e).score)).toBe(9.8);
    expect(first(e).target).toBe('100%');
    expect(e.issues).toEqual([]);
  });

  test('an actual without a number that says 完成: met, with actual_not_numeric', () => {
    const e = withRows([{ name: '覆盖率', sense: '≥', target: '95%', actual: '已完成', weight: 10 }]);
    expect(num(first(e).score)).toBe(10);
    expect(codes(e)).toEqual(['warning actual_not_numeric']);
  });
});

describe('预算执行率', () => {
  const funds = (full: unknown, spent: unknown, extra: Record<string, unknown> = {}) =>
    withRows([{ name: '覆盖率', sense: '≥', target: '95%', actual: '95%', weight: 10 }], { in_fund_full: full, in_fund_spent: spent, ...extra });

  test('the spec’s text: （37.24/43.2）×100%=86.20%，86.20%×10=8.62分', () => {
    const e = funds(43.2, 37.24);
    expect(e.execution!.text).toBe('（37.24/43.2）×100%=86.20%，86.20%×10=8.62分');
    expect(num(e.execution!.score)).toBe(8.62);
    expect(num(e.execution!.rate)).toBe(86.2);
    expect(num(e.total)).toBe(98.62);
  });

  test('exactly 100.00%: 10, no warning; above: 10 with over_budget', () => {
    const at = funds(150, 150);
    expect(at.execution!.text).toBe('（150/150）×100%=100.00%，100.00%×10=10分');
    expect(at.issues).toEqual([]);
    const above = funds(150, 160);
    expect(num(above.execution!.score)).toBe(10);
    expect(above.execution!.text).toBe('（160/150）×100%=106.67%，超过100%，按100%计，得10分');
    expect(codes(above)).toEqual(['warning over_budget']);
    // the score comes from the two-decimal rate: 99.996% shows as 100.00% and scores 10
    const rounded = funds(25000, 24999);
    expect(rounded.execution!.text).toBe('（24999/25000）×100%=100.00%，100.00%×10=10分');
  });

  test('a 0 全年预算数 is zero_denominator: no execution score, form incomplete', () => {
    const e = funds(0, 10);
    expect(e.execution!.status).toBe('invalid');
    expect(e.execution!.score).toBeNull();
    expect(codes(e)).toEqual(['error zero_denominator']);
    expect(e.issues[0].message).toBe('年度资金总额：全年预算数（in_fund_full）为0，无法计算预算执行率（分母不能为0）');
    expect(num(e.total)).toBe(90);
    expect(e.complete).toBe(false);
    expect(e.grade).toBeNull();
    expect(statusLine(e)).toBe('评分未完成：1项指标无法评分，1处输入错误');
  });

  test('年度资金总额 empty (or 0) while its 其中 lines hold amounts: their sums, with sum_mismatch', () => {
    const e = funds(null, 138.6, { in_fund_fiscal_full: 120, in_fund_carryover_full: 30 });
    expect(num(e.execution!.score)).toBe(9.24);
    expect(e.execution!.text).toBe('全年预算数按其中各项之和150计；（138.6/150）×100%=92.40%，92.40%×10=9.24分');
    expect(codes(e)).toEqual(['warning sum_mismatch']);
    expect(e.issues[0].message).toBe('年度资金总额：全年预算数（in_fund_full）未填写，而其中各项有金额：按当年财政拨款+上年结转资金=150计算预算执行率');
    // a 0 total is read the same, and the sub-line check of the scheme stays quiet about it
    const zero = funds(0, 138.6, { in_fund_fiscal_full: 120, in_fund_carryover_full: 30 });
    expect(num(zero.execution!.score)).toBe(9.24);
    expect(codes(zero)).toEqual(['warning sum_mismatch']);
  });

  test('sub-lines that do not add up to a filled total: sum_mismatch from the scheme’s check', () => {
    const e = funds(150, 138.6, { in_fund_fiscal_full: 100, in_fund_other_full: 40 });
    expect(num(e.execution!.score)).toBe(9.24);
    expect(codes(e)).toEqual(['warning sum_mismatch']);
    expect(e.issues[0].message).toContain('当年财政拨款：全年预算数+其他资金：全年预算数=140，年度资金总额：全年预算数=150，相差10');
  });

  test('the base as a parameter: 年初预算数', () => {
    const scheme = variant((t) => (t.execution.base = 'initial'));
    const e = scoreJson({ ...exampleInputs() }, scheme);
    // 138.6 / 120 = 115.50%
    expect(e.execution!.text).toBe('（138.6/120）×100%=115.50%，超过100%，按100%计，得10分');
  });

  test('the unit’s own rate and score compared: 86% and 9 for 86.20% and 8.62; 0.862 and 86.2 agree', () => {
    const e = funds(43.2, 37.24, { in_fund_rate_self: '86%', in_fund_score_self: 9 });
    expect(codes(e)).toEqual(['warning self_score_mismatch', 'warning self_score_mismatch']);
    expect(e.issues.map((f) => f.message)).toEqual([
      '执行率（单位填写）（in_fund_rate_self）填写为86%，按执行数/预算数计算为86.20%',
      '执行率得分（单位填写）（in_fund_score_self）填写为9分，计算得分为8.62分',
    ]);
    expect(funds(43.2, 37.24, { in_fund_rate_self: 0.862, in_fund_score_self: 8.62 }).issues).toEqual([]);
    expect(funds(43.2, 37.24, { in_fund_rate_self: '86.2％' }).issues).toEqual([]);
  });
});

describe('weights, total and grade', () => {
  test('rows adding up to 80: weight_total (error) and level_weight (warning); total and grade still reported', () => {
    const rows = exampleInputs().in_indicators;
    rows[0].weight = 5; // 产出 40
    const e = scoreJson({ ...exampleInputs(), in_indicators: rows });
    expect(codes(e)).toEqual(['error weight_total', 'warning overshoot', 'warning level_weight']);
    expect(findings(e, 'weight_total')[0].message).toBe('绩效指标各行分值合计80分，应为90分（总分100分减去预算执行率10分）');
    expect(findings(e, 'level_weight')[0].message).toBe('产出指标各行分值合计40分，应为50分（确需调整的应说明理由）');
    // 92.96 − 15 + 5
    expect(num(e.total)).toBe(82.96);
    expect(e.grade).toBe('良');
  });

  test('an optional cap by execution rate (off by default): 75% caps 97.5 at 89, 65% at 79; said in the total text', () => {
    const scheme = variant((t) => (t.cap = [{ below: 80, max: 89 }, { below: 70, max: 79 }, { below: 60, max: 69 }, { below: 50, max: 59 }]));
    const rows = topUp([]);
    const at75 = scoreJson({ ...fundsOnly(), in_fund_full: 100, in_fund_spent: 75, in_indicators: rows }, scheme);
    expect(num(at75.total)).toBe(89);
    expect(at75.grade).toBe('良');
    expect(at75.issues.map((f) => [f.severity, f.code, f.message])).toEqual([['info', 'total_capped', '预算执行率75.00%低于80%，总分不超过89分：由97.5分调整为89分']]);
    expect(at75.totalText).toBe('预算执行率得分7.5分+各项指标得分90分=97.5分；预算执行率75.00%低于80%，总分不超过89分，按89分计');
    const at65 = scoreJson({ ...fundsOnly(), in_fund_full: 100, in_fund_spent: 65, in_indicators: rows }, scheme);
    expect(num(at65.total)).toBe(79);
    const at80 = scoreJson({ ...fundsOnly(), in_fund_full: 100, in_fund_spent: 80, in_indicators: rows }, scheme);
    expect(num(at80.total)).toBe(98);
    // the shipped scheme has no cap
    expect(num(scoreJson({ ...fundsOnly(), in_fund_full: 100, in_fund_spent: 75, in_indicators: rows }).total)).toBe(97.5);
  });

  test('grade bands 90 / 80 / 60: exactly 90 is 优, 89.99 良', () => {
    const rows = topUp([]);
    const e90 = scoreJson({ ...fundsOnly(), in_fund_full: 100, in_fund_spent: 0, in_indicators: rows });
    expect(num(e90.total)).toBe(90);
    expect(e90.grade).toBe('优');
    const rows2 = topUp([{ name: '覆盖率', sense: '≥', target: '100%', actual: '99.9%', weight: 10, deviation: '说明' }]);
    const e89 = scoreJson({ ...fundsOnly(), in_fund_full: 100, in_fund_spent: 0, in_indicators: rows2 });
    expect(num(e89.total)).toBe(89.99);
    expect(e89.grade).toBe('良');
  });

  test('a typed total that differs: self_score_mismatch naming both', () => {
    const e = scoreJson({ ...exampleInputs(), in_total_self: 100 });
    expect(findings(e, 'self_score_mismatch').map((f) => f.message)).toEqual(['总分（单位填写）（in_total_self）填写为100分，计算总分为92.96分']);
  });
});

describe('rows as typed', () => {
  test('a typed score differing from the computed one: self_score_mismatch (an 得分 of 100 in a row worth 10)', () => {
    const e = withRows([{ name: '覆盖率', sense: '≥', target: '95%', actual: '95%', weight: 10, score: 100 }]);
    expect(codes(e)).toEqual(['warning self_score_mismatch']);
    expect(e.issues[0].message).toBe('“覆盖率”（in_indicators[0].score）：填写的得分为100分，计算得分为10分');
    expect(num(first(e).score)).toBe(10);
  });

  test('no 分值: missing_input on the row; 分值 0: invalid_value; no 年度指标值: missing_input, no score whatever was typed', () => {
    const e = withRows([
      { name: '甲', sense: '≥', target: '5个', actual: '5个' },
      { name: '乙', sense: '≥', target: '5个', actual: '5个', weight: 0 },
      { name: '丙', actual: '5个', weight: 5, score: 5 },
    ]);
    expect(e.indicators.slice(0, 3).map((i) => [i.status, i.score])).toEqual([
      ['missing', null],
      ['invalid', null],
      ['missing', null],
    ]);
    expect(e.issues.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([
      '“甲”（in_indicators[0].weight）：未填写分值',
      '“乙”（in_indicators[1].weight）：分值应大于0',
      '“丙”（in_indicators[2].target）：年度指标值未填写，无法评分',
    ]);
    expect(e.complete).toBe(false);
  });

  test('placeholder rows are skipped (ids run on), 其中 lines without 分值 are shown, not scored', () => {
    const e = withRows([
      { level1: '产出指标（50分）', level2: '数量指标', name: '培训人次', sense: '≥', target: '500', actual: '500', weight: 10 },
      { level1: '', level2: '', name: '其中：线上培训', target: '200', actual: '260' },
      { name: '……' },
      { name: '指标2：', target: '/', actual: '/', weight: '/' },
      { name: '指标1:/' },
      { name: '宣传场次', sense: '≥', target: '10场', actual: '10场', weight: 10 },
    ]);
    expect(e.indicators.slice(0, 2).map((i) => [i.id, i.name, i.row])).toEqual([
      ['r1', '培训人次', 0],
      ['r2', '宣传场次', 5],
    ]);
    expect(e.table!.texts.slice(0, 6)).toEqual(['完成值500，达到指标值≥500，得10分', '其中项，不单独计分', '', '', '', '完成值10场，达到指标值≥10场，得10分']);
    expect(e.table!.scores.slice(0, 6).map(num)).toEqual([10, null, null, null, null, 10]);
    expect(e.issues).toEqual([]);
  });

  test('blank 一级/二级 below a filled one fill down; a new 一级 does not inherit the old 二级; a 二级 of another 一级 under a filled-down 一级 names its own', () => {
    const rows = [
      { level1: '产出指标', level2: '质量指标', name: 'a', target: '1', actual: '1', weight: 25 },
      { level1: '', level2: '', name: 'b', target: '1', actual: '1', weight: 25 },
      { level1: '效益指标 (30分)', level2: '', name: 'c', target: '1', actual: '1', weight: 30 },
      { level1: '', level2: '服务对象满意度指标等', name: 'd', target: '1', actual: '1', weight: 10 },
    ];
    const e = scoreJson({ ...fundsOnly(), in_indicators: rows });
    expect(e.indicators.map((i) => `${i.level1}/${i.level2}`)).toEqual(['产出指标/质量指标', '产出指标/质量指标', '效益指标/', '满意度指标/服务对象满意度指标']);
    expect(e.issues).toEqual([]);
    // typed on its own row, the 一级 counts as typed: d then stays under 效益 (and the weights are off)
    rows[3].level1 = '效益指标';
    const typed = scoreJson({ ...fundsOnly(), in_indicators: rows });
    expect(typed.indicators[3].level1).toBe('效益指标');
    expect(codes(typed)).toEqual(['warning level_weight', 'warning level_weight']);
  });

  test('the 指标性质 column wins over the text, with a warning; an operator in it wins over 正向/反向', () => {
    const e = withRows([
      { name: '办结时限', sense: '≥', target: '≤30天', actual: '20天', weight: 5 },
      { name: '投诉量', sense: '正向 小于等于', target: '10件', actual: '8件', weight: 5 },
    ]);
    expect(e.indicators.slice(0, 2).map((i) => [i.sense, num(i.score)])).toEqual([
      ['≥', 3.33],
      ['≤', 5],
    ]);
    expect(codes(e)).toEqual(['error deviation_missing', 'warning sense_conflict', 'warning sense_conflict']);
    expect(findings(e, 'sense_conflict').map((f) => f.message)).toEqual([
      '“办结时限”（in_indicators[0].sense）：指标性质为“≥”，年度指标值写作“≤30天”，按指标性质计分',
      '“投诉量”（in_indicators[1].sense）：指标性质同时写了正向与“≤”，按“≤”计分',
    ]);
  });

  test('messages name the cells of the table: field f of row r is the top-left cell offset by r and f', () => {
    const cells = { in_indicators: { sheet: '项目支出绩效自评表', address: 'B12' } };
    const data = { ...fundsOnly(), in_indicators: topUp([{ name: '覆盖率', sense: '≥', target: '95%', actual: '94.9%', weight: '十' }]) };
    const e = scoreJson(data, undefined, cells);
    // weight is field 7 (I), row 0 (12); the row is invalid, so no deviation asked
    expect(e.issues.map((f) => [f.code, f.message, f.cells])).toEqual([
      ['invalid_value', '绩效指标第1行分值（项目支出绩效自评表!I12）：“十”不是有效的数字', ['项目支出绩效自评表!I12']],
    ]);
    expect(first(e).status).toBe('invalid');
    const dev = scoreJson({ ...fundsOnly(), in_indicators: topUp([{ name: '覆盖率', sense: '≥', target: '95%', actual: '94.9%', weight: 10 }]) }, undefined, cells);
    expect(dev.issues.map((f) => [f.message, f.cells, f.indicator])).toEqual([
      ['“覆盖率”（项目支出绩效自评表!L12）：得分9.99低于分值10，请填写偏差原因分析及改进措施', ['项目支出绩效自评表!L12'], 'r1'],
    ]);
  });
});
