/**
 * Real published tables (城陵矶新港区 2024, ../shared/seeds/) transcribed as typed into --inputs JSON — placeholder
 * rows, loose and missing labels, blank cells, the unit's own wrong scores — and what the engine finds in them,
 * checked by hand against the published figures.
 */
import { getScheme } from '../../src/engine';
import deptForm from './fixtures/chenglingji-2024-dept.json';
import projectForm from './fixtures/chenglingji-2024-project.json';
import { num, scoreJson } from './targetHelpers';

describe('项目支出绩效自评表: 12345“接诉即办”及”一网通办”项目平台建设 (2024)', () => {
  const e = scoreJson(projectForm as Record<string, unknown>);

  test('execution 13.5/13.5 = 100.00% → 10; the unit typed 100 for it', () => {
    expect(e.execution!.text).toBe('（13.5/13.5）×100%=100.00%，100.00%×10=10分');
    expect(e.issues.find((f) => f.inputs[0] === 'in_fund_score_self')!.message).toBe('执行率得分（单位填写）（in_fund_score_self）填写为100分，计算得分为10分');
  });

  test('ten rows (eleven placeholder rows skipped), every one scored as the unit did', () => {
    // hand check: 36个 vs 36 → ≥ met; A类 and the other texts restate their targets → 达成 with the typed score;
    // 11月前完成 by 11月前完成 → on time; 满意度达到100% → ≥ met
    expect(e.indicators.map((i) => [i.id, `${i.level1}/${i.level2}`, i.sense, num(i.score)])).toEqual([
      ['r1', '产出指标/数量指标', '≥', 10],
      ['r2', '产出指标/数量指标', '定性', 10],
      ['r3', '产出指标/质量指标', '定性', 10],
      ['r4', '产出指标/时效指标', '≤', 5],
      ['r5', '产出指标/成本指标', '定性', 5],
      ['r6', '效益指标/经济效益指标', '定性', 10],
      ['r7', '效益指标/社会效益指标', '定性', 10],
      ['r8', '效益指标/生态效益指标', '定性', 5],
      ['r9', '效益指标/可持续影响指标', '定性', 5],
      ['r10', '满意度指标/服务对象满意度指标', '≥', 5],
    ]);
    expect(e.indicators[3].text).toBe('完成时间11月，不晚于指标值“11月前完成”，得5分');
  });

  test('weights add up to 75, not 90: total 10 + 75 = 85, 良 — the unit wrote 总分 100', () => {
    expect(num(e.total)).toBe(85);
    expect(e.grade).toBe('良');
    expect(e.complete).toBe(true);
    expect(e.issues.map((f) => [f.severity, f.code, f.message])).toEqual([
      ['error', 'weight_total', '绩效指标各行分值合计75分，应为90分（总分100分减去预算执行率10分）'],
      ['warning', 'self_score_mismatch', '执行率得分（单位填写）（in_fund_score_self）填写为100分，计算得分为10分'],
      ['warning', 'level_weight', '产出指标各行分值合计40分，应为50分（确需调整的应说明理由）'],
      ['warning', 'level_weight', '满意度指标各行分值合计5分，应为10分（确需调整的应说明理由）'],
      ['warning', 'self_score_mismatch', '总分（单位填写）（in_total_self）填写为100分，计算总分为85分'],
    ]);
  });
});

describe('部门整体支出绩效自评表 and 基础数据表: 政务服务中心 (2024)', () => {
  const e = scoreJson(deptForm as Record<string, unknown>, getScheme('dept-2020'));

  test('execution 89.8/94.8 = 94.73% → 9.47: the unit typed 95% and 9', () => {
    expect(e.execution!.text).toBe('（89.8/94.8）×100%=94.73%，94.73%×10=9.47分');
    expect(e.issues.filter((f) => f.code === 'self_score_mismatch').map((f) => f.message)).toEqual([
      '执行率（单位填写）（in_fund_rate_self）填写为95%，按执行数/预算数计算为94.73%',
      '执行率得分（单位填写）（in_fund_score_self）填写为9分，计算得分为9.47分',
      '总分（单位填写）（in_total_self）填写为100分，计算总分为59.47分',
    ]);
  });

  test('rows as published: one without its 一级, one not rated, two without 年度指标值', () => {
    expect(e.indicators.map((i) => [i.id, `${i.level1}/${i.level2}`, i.sense, num(i.score), i.status])).toEqual([
      ['r1', '/', '定性', 10, 'ok'],
      ['r2', '产出指标/质量指标', '≥', 10, 'ok'], // 质量指标 under no 一级 names 产出
      ['r3', '产出指标/时效指标', '定性', 5, 'ok'], // 完成 → 达成, typed 5
      ['r4', '产出指标/成本指标', '定性', 5, 'ok'], // 在预算之内 restated
      ['r5', '效益指标/经济效益指标', '定性', null, 'missing'], // actual is not the target, no 完成情况
      ['r6', '效益指标/社会效益指标', '定性', 10, 'ok'], // two numbers: 定性, restated
      ['r7', '效益指标/生态效益指标', null, null, 'missing'],
      ['r8', '效益指标/可持续影响指标', null, null, 'missing'],
      ['r9', '满意度指标/服务对象满意度指标', '≥', 10, 'ok'],
    ]);
  });

  test('weights add up to 70; total 9.47 + 50 = 59.47 of the rows that score, no grade while rows are missing', () => {
    expect(num(e.total)).toBe(59.47);
    expect(e.complete).toBe(false);
    expect(e.grade).toBeNull();
    expect(e.issues.map((f) => `${f.severity} ${f.code}`)).toEqual([
      'error missing_input', // 预算部门（单位）名称 left blank
      'error invalid_value', // 部门基本支出预算调整 “一 -”
      'error missing_input', // r5 完成情况
      'error missing_input', // r7 年度指标值
      'error missing_input', // r8 年度指标值
      'error weight_total',
      'warning self_score_mismatch',
      'warning self_score_mismatch',
      'warning unknown_level',
      'warning level_weight', // 产出 10 + 5 + 5 = 20 (r1 has no 一级)
      'warning self_score_mismatch',
    ]);
    expect(e.issues[1].message).toBe('部门基本支出预算调整（in_basic_adjust）：“一 -”不是有效的数字');
    expect(e.issues[8].message).toBe('绩效指标第1行（in_indicators[0].level1）：一级指标未填写，不计入各级分值的核对');
    expect(e.issues[9].message).toBe('产出指标各行分值合计20分，应为50分（确需调整的应说明理由）');
  });

  test('基础数据表: 控制率 2/2 = 100.00%; the sums hold (三公 all 0, 公用经费’s parts within it, 按收入/支出性质分 = 94.8)', () => {
    expect(e.figures!.map((f) => [f.id, num(f.rate), f.text])).toEqual([
      ['staff_control', 100, '（2/2）×100%=100.00%'],
      ['area_control', null, ''],
      ['invest_control', null, ''],
    ]);
    expect(e.issues.some((f) => f.code === 'sum_mismatch')).toBe(false);
  });

  test('the 基础数据表’s sum checks as data: a 三公 column off, 公用经费 parts above it, 按支出性质分 off', () => {
    const spoilt = scoreJson({ ...(deptForm as Record<string, unknown>), in_car_run_actual: 1.2, in_office_prev: 11, in_fund_basic: 15 }, getScheme('dept-2020'));
    expect(spoilt.issues.filter((f) => f.code === 'sum_mismatch').map((f) => f.message)).toEqual([
      '“三公经费”分项（本年决算数）合计与“三公经费”：本年决算数（in_sangong_actual）不符：公车购置：本年决算数+公车运行维护：本年决算数+出国经费：本年决算数+公务接待：本年决算数=1.2，“三公经费”：本年决算数=0，相差1.2',
      '公用经费其中各项（上年决算数）超过公用经费：上年决算数（in_public_prev）：办公经费：上年决算数+水费、电费、差旅费：上年决算数=12.57，公用经费：上年决算数=12，超出0.57',
      '按支出性质分合计与年度资金总额：全年预算数（in_fund_full）不符：基本支出+项目支出=95.2，年度资金总额：全年预算数=94.8，相差0.4',
    ]);
  });
});
