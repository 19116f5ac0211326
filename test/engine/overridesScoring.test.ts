/**
 * The shipped variants (templates/variants/) and the issue's regional override, each scored on a worked example
 * against totals worked out by hand below. The worked examples' own scores (spec/dept-2013.md: 73.28 中;
 * spec/perf-2020.md: 92.96 优) are the starting point of each computation.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkSchemeData, evaluate, getScheme, gradeOf, inputsFromJson, Decimal } from '../../src/engine';
import type { Evaluation, Scheme } from '../../src/engine';
import { exampleValues, ind } from './helpers';
import { exampleInputs as projectExample } from './targetHelpers';

const VARIANTS = path.resolve(__dirname, '../../templates/variants');

function variant(name: string): Scheme {
  const check = checkSchemeData(JSON.parse(fs.readFileSync(path.join(VARIANTS, name), 'utf8')));
  expect(check.problems).toEqual([]);
  return check.resolved!.scheme;
}

function score(scheme: Scheme, data: Record<string, unknown>): Evaluation {
  const { values, findings } = inputsFromJson(scheme, data);
  expect(findings).toEqual([]);
  return evaluate(scheme, { values });
}

const n = (d: Decimal | null) => (d === null ? null : d.toNumber());

test('every file under templates/variants is a valid override of a shipped scheme', () => {
  const files = fs.readdirSync(VARIANTS).filter((f) => f.endsWith('.json'));
  expect(files.sort()).toEqual(['dept-2013-grades-80.json', 'dept-2013-reweighted.json', 'project-2020-capped.json']);
  for (const f of files) expect(variant(f).id).toBe(f.replace(/\.json$/, ''));
});

describe('dept-2013, re-weighted (dept-2013-reweighted.json)', () => {
  const scheme = variant('dept-2013-reweighted.json');
  const e = score(scheme, exampleValues());

  test('the four re-weighted indicators, by hand', () => {
    // 财政供养人员控制率, 分值 4→3: 21/20 = 105.00%, 5.00 points over × 0.4 = 2 off → 3 − 2 = 1
    expect([n(ind(e, 'staff_control').weight), n(ind(e, 'staff_control').score)]).toEqual([3, 1]);
    // 固定资产利用率, 分值 3→4: 950/1000 = 95.00%, 5.00 points under × 0.2 = 1 off → 4 − 1 = 3
    expect([n(ind(e, 'fixed_asset_use').weight), n(ind(e, 'fixed_asset_use').score)]).toEqual([4, 3]);
    // 重点工作实际完成率, 分值 10→12, parts 6+4 → 7+5: (9/10)×7 = 6.3, (90/100)×5 = 4.5 → 10.8
    expect(n(ind(e, 'key_work_completion').score)).toBe(10.8);
    expect(ind(e, 'key_work_completion').text).toBe('①（9/10）×7=6.3分；②（90/100）×5=4.5分；①+②=10.8分，得10.8分');
    // 重点工作质量达标率, 分值 6→4: 18/20 = 90.00%, 10.00 points under × 0.5 = 5 ≥ 4 → 0 (扣完为止)
    expect(n(ind(e, 'key_work_quality').score)).toBe(0);
  });

  test('the total: 73.28 − (2 + 2 + 9 + 1) + (1 + 3 + 10.8 + 0) = 74.08, 中', () => {
    expect(e.total.toFixed(2)).toBe('74.08');
    expect(e.maxTotal.toNumber()).toBe(100);
    expect(e.grade).toBe('中');
    expect(e.scheme).toBe('dept-2013-reweighted');
    // the other 17 indicators score as in the worked example
    expect(n(ind(e, 'sangong_control').score)).toBe(0);
    expect(n(ind(e, 'satisfaction').score)).toBe(6.88);
    // the printed 评价标准 follows the new weight
    expect(scheme.indicators.find((i) => i.id === 'key_work_quality')!.criteria).toBe('质量达标率达到100%，计4分；每低于100%一个百分点扣0.5分，扣完为止。');
  });
});

describe('dept-2013, grades 80/70/60 (dept-2013-grades-80.json)', () => {
  const scheme = variant('dept-2013-grades-80.json');

  test('the worked example: the same 73.28, but 良 (70 ≤ 73.28 < 80) where dept-2013 says 中', () => {
    const e = score(scheme, exampleValues());
    expect(e.total.toFixed(2)).toBe('73.28');
    expect(e.grade).toBe('良');
    expect(evaluate(getScheme('dept-2013'), { values: inputsFromJson(getScheme('dept-2013'), exampleValues()).values }).grade).toBe('中');
  });

  test('each bound counts as its grade (含): 80 优, 79.99 良, 70 良, 69.99 中, 60 中, 59.99 差', () => {
    const grade = (t: string) => gradeOf(scheme, new Decimal(t));
    expect(['100', '80', '79.99', '70', '69.99', '60', '59.99', '0'].map(grade)).toEqual(['优', '优', '良', '良', '中', '中', '差', '差']);
  });
});

describe('the issue’s regional override: weights sangong_control 2, spend_progress 6; grades 85/75/60', () => {
  const regional = {
    $schema: './scheme.schema.json',
    extends: 'dept-2013',
    id: 'dept-2013-示例县',
    version: '2024.1',
    title: '示例县部门整体支出绩效评价指标评分表',
    weights: { sangong_control: 2, spend_progress: 6 },
    grades: { 优: 85, 良: 75, 中: 60 },
  };

  test('73.28 − 2.5 + 4.5 = 75.28, 良', () => {
    const scheme = checkSchemeData(regional).resolved!.scheme;
    const e = score(scheme, exampleValues());
    // 支出进度, 分值 6: 3 items × 0.5 = 1.5 off → 6 − 1.5 = 4.5 (was 4 − 1.5 = 2.5)
    expect(n(ind(e, 'spend_progress').score)).toBe(4.5);
    // "三公经费"控制率, 分值 2: 13/12 = 108.33%, 8.33 points over × 1 = 8.33 ≥ 2 → 0 (was 0 of 4)
    expect(n(ind(e, 'sangong_control').score)).toBe(0);
    expect(e.total.toFixed(2)).toBe('75.28');
    // 75 ≤ 75.28 < 85
    expect(e.grade).toBe('良');
  });
});

describe('project-2020 with the ratio 反向 formula, a 2-point overshoot deduction and the execution-rate cap', () => {
  const scheme = variant('project-2020-capped.json');

  test('the worked example: r2 overshoots (620/500 = 124% ≥ 120%) 10 − 2 = 8; r4 by ratio 2/2.5 × 5 = 4', () => {
    const e = score(scheme, projectExample());
    const row = (id: string) => e.indicators.find((i) => i.id === id)!;
    expect(n(row('r2').score)).toBe(8);
    expect(row('r2').text).toBe('完成值620条，达到指标值≥500条；完成值为指标值的124.00%，超过120%，年初指标值可能设定偏低，扣2分，得8分');
    expect(n(row('r4').score)).toBe(4);
    expect(row('r4').text).toBe('完成值2.5小时，超过指标值≤2小时，按比例计分：2/2.5×5=4分');
    // rows 15 + 8 + 9.97 + 4 + 10 + 7 + 8 + 10 + 10 = 81.97; execution 138.6/150 = 92.40% × 10 = 9.24
    // total 9.24 + 81.97 = 91.21: 92.40% is not below 80%, so no cap; 优
    expect(n(e.execution!.score)).toBe(9.24);
    expect(e.total.toFixed(2)).toBe('91.21');
    expect(e.grade).toBe('优');
    expect(e.issues.some((f) => f.code === 'total_capped')).toBe(false);
  });

  test('spent 105 of 150 (70.00%, below 80%): 7.00 + 81.97 = 88.97, capped at 80, 良', () => {
    const e = score(scheme, { ...projectExample(), in_fund_spent: 105 });
    expect(n(e.execution!.score)).toBe(7);
    expect(e.total.toFixed(2)).toBe('80.00');
    expect(e.grade).toBe('良');
    expect(e.totalText).toBe('预算执行率得分7分+各项指标得分81.97分=88.97分；预算执行率70.00%低于80%，总分不超过80分，按80分计');
    expect(e.issues.find((f) => f.code === 'total_capped')!.message).toBe('预算执行率70.00%低于80%，总分不超过80分：由88.97分调整为80分');
  });

  test('spent 75 of 150 (50.00%, below 60% as well): 5.00 + 81.97 = 86.97, capped at the lower 60, 中', () => {
    const e = score(scheme, { ...projectExample(), in_fund_spent: 75 });
    expect(n(e.execution!.score)).toBe(5);
    expect(e.total.toFixed(2)).toBe('60.00');
    expect(e.grade).toBe('中');
  });

  test('the shipped project-2020 on the same spending: linear 反向, no deduction, no cap', () => {
    const e = score(getScheme('project-2020'), { ...projectExample(), in_fund_spent: 105 });
    // rows 15 + 10 + 9.97 + 3.75 + 10 + 7 + 8 + 10 + 10 = 83.72; + 7 = 90.72
    expect(e.total.toFixed(2)).toBe('90.72');
  });
});

describe('target-table parameters in an inline override', () => {
  test('base initial: 138.6/120 = 115.50%, above 100% → full 10 with a warning; total 10 + 83.72 = 93.72', () => {
    const scheme = checkSchemeData({ extends: 'project-2020', id: 'project-2020-年初', version: '1', targets: { execution: { base: 'initial' } } }).resolved!.scheme;
    const e = score(scheme, projectExample());
    expect(e.execution!.rate!.toFixed(2)).toBe('115.50');
    expect(n(e.execution!.score)).toBe(10);
    expect(e.issues.some((f) => f.code === 'over_budget')).toBe(true);
    expect(e.total.toFixed(2)).toBe('93.72');
  });

  test('bands 90/70: 部分达成 is then 7–9 of 10, so r6’s typed 7 stays valid; achieved from 9', () => {
    const scheme = checkSchemeData({ extends: 'project-2020', id: 'project-2020-档次', version: '1', targets: { bands: { achieved: 90, partial: 70 } } }).resolved!.scheme;
    const e = score(scheme, projectExample());
    const r6 = e.indicators.find((i) => i.id === 'r6')!;
    expect(n(r6.score)).toBe(7);
    expect(r6.text).toBe('定性指标，完成情况：部分达成（7～9分，不含9分），自评得分7分');
  });
});
