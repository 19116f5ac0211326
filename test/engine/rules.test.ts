/**
 * Every rule kind of dept-2013 at its boundaries, through evaluate() on the worked example with one or two
 * inputs changed. Every expected number and text below was worked out by hand from spec/dept-2013.md
 * (rates two decimals half up, deductions from the two-decimal rate, scores two decimals half up, floor 0).
 */
import { Decimal, getScheme, gradeOf, toJson } from '../../src/engine';
import { codes, evalWith, findings, ind, row, score } from './helpers';

describe('key_spend_ratio (tiers, project spend total 100)', () => {
  // rate = key_project_spend / 100 × 100% = the number typed, rounded to two decimals
  test.each([
    [59.99, '59.99%', 0, '低于60%'],
    [60, '60.00%', 1, '在60%（含）-70%之间'],
    [69.99, '69.99%', 1, '在60%（含）-70%之间'],
    [70, '70.00%', 2, '在70%（含）-80%之间'],
    [79.99, '79.99%', 2, '在70%（含）-80%之间'],
    [80, '80.00%', 3, '在80%（含）-90%之间'],
    [89.99, '89.99%', 3, '在80%（含）-90%之间'],
    ['89.994', '89.99%', 3, '在80%（含）-90%之间'],
    ['89.995', '90.00%', 4, '达到90%及以上'], // 89.995 rounds half up to 90.00
    [90, '90.00%', 4, '达到90%及以上'],
    [100, '100.00%', 4, '达到90%及以上'],
    [120, '120.00%', 4, '达到90%及以上'],
  ])('重点项目支出 %s of 100 → %s → %d', (key, pct, points, band) => {
    const e = evalWith({ in_key_project_spend: key, in_project_spend_total: 100 });
    const r = ind(e, 'key_spend_ratio');
    expect(r.status).toBe('ok');
    expect(score(e, 'key_spend_ratio')).toBe(points);
    expect(r.rate?.toFixed(2)).toBe(pct.replace('%', ''));
    expect(r.text).toBe(`（${key}/100）×100%=${pct}，${band}，得${points}分`);
  });

  test('项目总支出 0: 不适用, full marks, info not_applicable', () => {
    const e = evalWith({ in_key_project_spend: 0, in_project_spend_total: 0 });
    const r = ind(e, 'key_spend_ratio');
    expect(r.status).toBe('not_applicable');
    expect(score(e, 'key_spend_ratio')).toBe(4);
    expect(r.text).toBe('项目总支出（年度预算安排的项目支出总额）为0，本指标不适用，按满分计4分');
    const na = findings(e, 'not_applicable');
    expect(na).toHaveLength(1);
    expect(na[0].severity).toBe('info');
    expect(na[0].message).toContain('重点支出安排率');
    expect(na[0].inputs).toContain('in_project_spend_total');
    // not_applicable counts as scored: the evaluation stays complete
    expect(e.complete).toBe(true);
    expect(e.total.toNumber()).toBe(74.28); // 73.28 − 3 + 4
  });
});

describe('budget_adjust (tiers on |adjustment| / initial budget 100)', () => {
  test.each([
    [0, '0.00%', 4, '预算调整率为0'],
    [0.01, '0.01%', 3, '在0-10%（含）之间'],
    [10, '10.00%', 3, '在0-10%（含）之间'],
    [10.01, '10.01%', 2, '在10%-20%（含）之间'],
    [20, '20.00%', 2, '在10%-20%（含）之间'],
    [20.01, '20.01%', 1, '在20%-30%（含）之间'],
    [30, '30.00%', 1, '在20%-30%（含）之间'],
    [30.01, '30.01%', 0, '大于30%'],
    [100, '100.00%', 0, '大于30%'],
  ])('调整 %s of 100 → %s → %d', (adj, pct, points, band) => {
    const e = evalWith({ in_budget_adjust: adj, in_budget_initial: 100 });
    expect(score(e, 'budget_adjust')).toBe(points);
    expect(ind(e, 'budget_adjust').text).toBe(`（${adj}/100）×100%=${pct}，${band}，得${points}分`);
    expect(findings(e, 'negative_value')).toHaveLength(0);
  });

  test('a negative adjustment is taken as its magnitude, with a negative_value warning', () => {
    const e = evalWith({ in_budget_adjust: -30, in_budget_initial: 100 }, true);
    expect(score(e, 'budget_adjust')).toBe(1);
    expect(ind(e, 'budget_adjust').text).toBe('（30/100）×100%=30.00%，在20%-30%（含）之间，得1分');
    const w = findings(e, 'negative_value');
    expect(w).toHaveLength(1);
    expect(w[0].severity).toBe('warning');
    expect(w[0].inputs).toEqual(['in_budget_adjust']);
    expect(w[0].message).toBe(
      '预算调整数（追加、追减或结构调整的资金总和，政策性调整除外）（基本情况表!D13）填写了负数-30，按其绝对值30计算',
    );
    expect(w[0].cells).toEqual(['基本情况表!D13']);
  });

  test('-10.01 scores like 10.01 (magnitude)', () => {
    const e = evalWith({ in_budget_adjust: '-10.01', in_budget_initial: 100 });
    expect(score(e, 'budget_adjust')).toBe(2);
    expect(codes(e)).toEqual(['warning negative_value']);
  });

  test('年初预算数 0: invalid, no score, zero_denominator error naming the field', () => {
    const e = evalWith({ in_budget_initial: 0 }, true);
    const r = ind(e, 'budget_adjust');
    expect(r.status).toBe('invalid');
    expect(r.score).toBeNull();
    expect(r.text).toBe('年初预算数为0，无法计算预算调整率');
    const z = findings(e, 'zero_denominator');
    expect(z).toHaveLength(1);
    expect(z[0].severity).toBe('error');
    expect(z[0].message).toBe('年初预算数（基本情况表!D12）为0，无法计算预算调整率（分母不能为0）');
    expect(z[0].inputs).toEqual(['in_budget_initial']);
    expect(e.complete).toBe(false);
    expect(e.grade).toBeNull();
  });
});

describe('staff_control (cap_deduction 100%, −0.4 per pp)', () => {
  test('exactly 100.00%: 4 points, 未超过100%', () => {
    const e = evalWith({ in_staff_actual: 20, in_staff_quota: 20 });
    expect(score(e, 'staff_control')).toBe(4);
    expect(ind(e, 'staff_control').text).toBe('（20/20）×100%=100.00%，未超过100%，得4分');
  });

  test('below 100%', () => {
    const e = evalWith({ in_staff_actual: 17, in_staff_quota: 22 });
    expect(ind(e, 'staff_control').text).toBe('（17/22）×100%=77.27%，未超过100%，得4分');
  });

  test('100.01%: 0.01 pp over, 0.004 deducted, 3.996 rounds half up back to 4', () => {
    const e = evalWith({ in_staff_actual: 10001, in_staff_quota: 10000 });
    expect(score(e, 'staff_control')).toBe(4);
    expect(ind(e, 'staff_control').text).toBe('（10001/10000）×100%=100.01%，超过100%共0.01个百分点，扣0.004分，得4分');
  });

  test('100.02%: 0.008 deducted → 3.992 → 3.99', () => {
    const e = evalWith({ in_staff_actual: 10002, in_staff_quota: 10000 });
    expect(score(e, 'staff_control')).toBe(3.99);
  });

  test('61/60 = 101.67%: 1.67 × 0.4 = 0.668 → 3.332 → 3.33', () => {
    const e = evalWith({ in_staff_actual: 61, in_staff_quota: 60 });
    expect(score(e, 'staff_control')).toBe(3.33);
    expect(ind(e, 'staff_control').text).toBe('（61/60）×100%=101.67%，超过100%共1.67个百分点，扣0.668分，得3.33分');
  });

  test('22/20 = 110%: deduction exactly the weight → 0 (扣完为止)', () => {
    const e = evalWith({ in_staff_actual: 22, in_staff_quota: 20 });
    expect(score(e, 'staff_control')).toBe(0);
    expect(ind(e, 'staff_control').text).toBe('（22/20）×100%=110.00%，超过100%共10.00个百分点，应扣4分，扣完为止，得0分');
  });

  test('far over: 30/20 = 150% → 扣完为止, 0', () => {
    const e = evalWith({ in_staff_actual: 30, in_staff_quota: 20 });
    expect(score(e, 'staff_control')).toBe(0);
    expect(ind(e, 'staff_control').text).toBe('（30/20）×100%=150.00%，超过100%共50.00个百分点，应扣20分，扣完为止，得0分');
  });

  test('编制数 0: invalid, zero_denominator naming 编制数 and its cell', () => {
    const e = evalWith({ in_staff_quota: 0 }, true);
    const r = ind(e, 'staff_control');
    expect(r.status).toBe('invalid');
    expect(r.score).toBeNull();
    expect(findings(e, 'zero_denominator').map((f) => f.message)).toEqual([
      '编制数（基本情况表!D8）为0，无法计算财政供养人员控制率（分母不能为0）',
    ]);
    expect(findings(e, 'zero_denominator')[0].cells).toEqual(['基本情况表!D8']);
    expect(e.grade).toBeNull();
    expect(e.complete).toBe(false);
  });
});

describe('sangong_change (change_rate, cap 0, −0.4 per pp)', () => {
  test.each([
    [12.5, '（12.5-12.5）/12.5×100%=0.00%，未超过0，得4分', 4],
    [12, '（12-12.5）/12.5×100%=-4.00%，未超过0，得4分', 4],
    [0, '（0-12.5）/12.5×100%=-100.00%，未超过0，得4分', 4],
    [12.51, '（12.51-12.5）/12.5×100%=0.08%，超过0共0.08个百分点，扣0.032分，得3.97分', 3.97],
    [13, '（13-12.5）/12.5×100%=4.00%，超过0共4.00个百分点，扣1.6分，得2.4分', 2.4],
    [15, '（15-12.5）/12.5×100%=20.00%，超过0共20.00个百分点，应扣8分，扣完为止，得0分', 0],
  ])('actual %s against prev 12.5', (actual, text, points) => {
    // keep the 三公 parts and the control rate out of the way: budget large, parts blank
    const e = evalWith({ in_sangong_actual: actual, in_sangong_budget: 100 });
    expect(ind(e, 'sangong_change').text).toBe(text);
    expect(score(e, 'sangong_change')).toBe(points);
    expect(ind(e, 'sangong_change').status).toBe('ok');
  });

  test('a tiny decrease whose rate rounds to 0 prints 0.00%, never -0.00%', () => {
    const e = evalWith({ in_sangong_prev: 100000, in_sangong_actual: '99999.999' });
    expect(ind(e, 'sangong_change').text).toBe('（99999.999-100000）/100000×100%=0.00%，未超过0，得4分');
  });

  test('prev 0 and actual 0: not_applicable, full marks, info not_applicable', () => {
    const e = evalWith({ in_sangong_prev: 0, in_sangong_actual: 0, in_sangong_budget: 0, in_sangong_car_run: 0, in_sangong_reception: 0 });
    const r = ind(e, 'sangong_change');
    expect(r.status).toBe('not_applicable');
    expect(score(e, 'sangong_change')).toBe(4);
    expect(r.text).toBe('上年度"三公经费"决算数和本年度"三公经费"实际支出数均为0，本指标不适用，按满分计4分');
    // the control rate is in the same situation (budget 0, actual 0)
    expect(ind(e, 'sangong_control').status).toBe('not_applicable');
    expect(score(e, 'sangong_control')).toBe(4);
    expect(ind(e, 'sangong_control').text).toBe('本年度"三公经费"预算数和本年度"三公经费"实际支出数均为0，本指标不适用，按满分计4分');
    expect(codes(e)).toEqual(['info not_applicable', 'info not_applicable']);
    expect(findings(e, 'not_applicable').map((f) => f.indicator)).toEqual(['sangong_change', 'sangong_control']);
    expect(e.complete).toBe(true);
  });

  test('prev 0 and actual > 0: 0 points, a warning', () => {
    const e = evalWith({ in_sangong_prev: 0 }, true);
    expect(score(e, 'sangong_change')).toBe(0);
    expect(ind(e, 'sangong_change').text).toBe('上年度"三公经费"决算数为0而本年度"三公经费"实际支出数为13，无法计算比率，不得分');
    const w = findings(e).filter((f) => f.indicator === 'sangong_change');
    expect(w).toHaveLength(1);
    expect(w[0].severity).toBe('warning');
    expect(w[0].code).toBe('zero_base');
    expect(w[0].message).toBe(
      '"三公经费"变动率：上年度"三公经费"决算数（基本情况表!D26）为0，而本年度"三公经费"实际支出数（基本情况表!D28）为13，本项不得分；请核实',
    );
    // scored (0), so the evaluation is still complete and graded
    expect(e.complete).toBe(true);
    expect(e.total.toNumber()).toBe(70.88); // 73.28 − 2.4
    expect(e.grade).toBe('中');
  });
});

describe('sangong_control (cap_deduction 100%, −1 per pp)', () => {
  test.each([
    [12, '（12/12）×100%=100.00%，未超过100%，得4分', 4],
    [12.06, '（12.06/12）×100%=100.50%，超过100%共0.50个百分点，扣0.5分，得3.5分', 3.5],
    [12.48, '（12.48/12）×100%=104.00%，超过100%共4.00个百分点，应扣4分，扣完为止，得0分', 0],
    [13, '（13/12）×100%=108.33%，超过100%共8.33个百分点，应扣8.33分，扣完为止，得0分', 0],
  ])('actual %s of budget 12', (actual, text, points) => {
    const e = evalWith({ in_sangong_actual: actual, in_sangong_prev: 100 });
    expect(ind(e, 'sangong_control').text).toBe(text);
    expect(score(e, 'sangong_control')).toBe(points);
  });

  test('budget 0 and actual > 0: 0 points with a zero_base warning', () => {
    const e = evalWith({ in_sangong_budget: 0 });
    expect(score(e, 'sangong_control')).toBe(0);
    expect(ind(e, 'sangong_control').text).toBe('本年度"三公经费"预算数为0而本年度"三公经费"实际支出数为13，无法计算比率，不得分');
    expect(codes(e)).toEqual(['warning zero_base']);
    expect(findings(e, 'zero_base')[0].inputs).toEqual(['in_sangong_budget', 'in_sangong_actual']);
  });

  test('budget 0 and actual 0 (prev non-zero): full marks, info', () => {
    const e = evalWith({ in_sangong_budget: 0, in_sangong_actual: 0, in_sangong_car_run: 0, in_sangong_reception: 0 });
    expect(score(e, 'sangong_control')).toBe(4);
    expect(ind(e, 'sangong_control').status).toBe('not_applicable');
    expect(score(e, 'sangong_change')).toBe(4); // (0 − 12.5)/12.5 = −100%
    expect(codes(e)).toEqual(['info not_applicable']);
  });
});

describe('fixed_asset_use (shortfall_deduction 100%, −0.2 per pp, 0 denominator full)', () => {
  test.each([
    [1000, '（1000/1000）×100%=100.00%，达到100%，得3分', 3],
    [1100, '（1100/1000）×100%=110.00%，达到100%，得3分', 3],
    ['999.99', '（999.99/1000）×100%=100.00%，达到100%，得3分', 3], // 99.999% rounds to 100.00
    [985, '（985/1000）×100%=98.50%，低于100%共1.50个百分点，扣0.3分，得2.7分', 2.7],
    [950, '（950/1000）×100%=95.00%，低于100%共5.00个百分点，扣1分，得2分', 2],
    [850, '（850/1000）×100%=85.00%，低于100%共15.00个百分点，应扣3分，扣完为止，得0分', 0],
    [500, '（500/1000）×100%=50.00%，低于100%共50.00个百分点，应扣10分，扣完为止，得0分', 0],
  ])('%s in use of 1000', (inUse, text, points) => {
    const e = evalWith({ in_fixed_assets_in_use: inUse });
    expect(ind(e, 'fixed_asset_use').text).toBe(text);
    expect(score(e, 'fixed_asset_use')).toBe(points);
  });

  test('所有固定资产总额 0: 不适用, full 3, info', () => {
    const e = evalWith({ in_fixed_assets_in_use: 0, in_fixed_assets_total: 0 });
    expect(ind(e, 'fixed_asset_use').status).toBe('not_applicable');
    expect(score(e, 'fixed_asset_use')).toBe(3);
    expect(ind(e, 'fixed_asset_use').text).toBe('所有固定资产总额为0，本指标不适用，按满分计3分');
    expect(codes(e)).toEqual(['info not_applicable']);
    expect(findings(e, 'not_applicable')[0].message).toBe('固定资产利用率：所有固定资产总额为0，本指标不适用，按满分计3分');
  });
});

describe('key_work_quality (shortfall_deduction 100%, −0.5 per pp, 0 denominator invalid)', () => {
  test.each([
    [20, '（20/20）×100%=100.00%，达到100%，得6分', 6],
    [21, '（21/20）×100%=105.00%，达到100%，得6分', 6],
    [19, '（19/20）×100%=95.00%，低于100%共5.00个百分点，扣2.5分，得3.5分', 3.5],
    [18, '（18/20）×100%=90.00%，低于100%共10.00个百分点，扣5分，得1分', 1],
    [17, '（17/20）×100%=85.00%，低于100%共15.00个百分点，应扣7.5分，扣完为止，得0分', 0],
  ])('%s of 20 达标', (ok, text, points) => {
    const e = evalWith({ in_quality_ok: ok });
    expect(ind(e, 'key_work_quality').text).toBe(text);
    expect(score(e, 'key_work_quality')).toBe(points);
  });

  test('2/3 达标: 66.67% → 33.33 pp → 0', () => {
    const e = evalWith({ in_quality_ok: 2, in_quality_planned: 3 });
    expect(ind(e, 'key_work_quality').rate?.toString()).toBe('66.67');
    expect(score(e, 'key_work_quality')).toBe(0);
  });

  test('计划工作数 0: invalid, zero_denominator', () => {
    const e = evalWith({ in_quality_planned: 0, in_quality_ok: 0 });
    expect(ind(e, 'key_work_quality').status).toBe('invalid');
    expect(score(e, 'key_work_quality')).toBeNull();
    expect(findings(e, 'zero_denominator').map((f) => [f.severity, f.message, f.inputs])).toEqual([
      ['error', '质量达标计划工作数（in_quality_planned）为0，无法计算重点工作质量达标率（分母不能为0）', ['in_quality_planned']],
    ]);
  });
});

describe('key_work_completion (weighted_completion 6 + 4, parts capped)', () => {
  test('11 of 10 done: part ① 6.6 capped at 6', () => {
    const e = evalWith({ in_key_work_done: 11 });
    expect(score(e, 'key_work_completion')).toBe(9.6);
    expect(ind(e, 'key_work_completion').text).toBe(
      '①（11/10）×6=6.6分，超过6分按6分计；②（90/100）×4=3.6分；①+②=9.6分，得9.6分',
    );
  });

  test('assessment 110 of 100: part ② 4.4 capped at 4', () => {
    const e = evalWith({ in_assess_score: 110, in_key_work_done: 10 });
    expect(score(e, 'key_work_completion')).toBe(10);
    expect(ind(e, 'key_work_completion').text).toBe(
      '①（10/10）×6=6分；②（110/100）×4=4.4分，超过4分按4分计；①+②=10分，得10分',
    );
  });

  test('rounding: 7/9×6 = 4.666… → 4.67; 83.625/100×4 = 3.345 → 3.35 (half up, not half even)', () => {
    const e = evalWith({ in_key_work_done: 7, in_key_work_planned: 9, in_assess_score: 83.625 });
    // each written part is rounded, so the written parts add up: 4.67 + 3.35 = 8.02
    expect(score(e, 'key_work_completion')).toBe(8.02);
    expect(ind(e, 'key_work_completion').text).toBe('①（7/9）×6=4.67分；②（83.625/100）×4=3.35分；①+②=8.02分，得8.02分');
  });

  test.each([
    ['in_key_work_planned', '重点工作计划件数'],
    ['in_assess_full', '绩效办考核总分'],
  ])('%s = 0: invalid, zero_denominator naming %s', (name, label) => {
    const e = evalWith({ [name]: 0 });
    expect(ind(e, 'key_work_completion').status).toBe('invalid');
    expect(score(e, 'key_work_completion')).toBeNull();
    const z = findings(e, 'zero_denominator');
    expect(z).toHaveLength(1);
    expect(z[0].severity).toBe('error');
    expect(z[0].inputs).toEqual([name]);
    expect(z[0].message).toBe(`${label}（${name}）为0，无法计算重点工作实际完成率（分母不能为0）`);
    expect(e.grade).toBeNull();
  });
});

describe('spend_progress / fund_compliance / asset_safety (per_item_deduction)', () => {
  test.each([
    [0, '未发现资金未按进度支出，得4分', 4],
    [1, '资金未按进度支出1项，每项扣0.5分，扣0.5分，得3.5分', 3.5],
    [3, '资金未按进度支出3项，每项扣0.5分，扣1.5分，得2.5分', 2.5],
    [7, '资金未按进度支出7项，每项扣0.5分，扣3.5分，得0.5分', 0.5],
    [8, '资金未按进度支出8项，每项扣0.5分，应扣4分，扣完为止，得0分', 0],
    [9, '资金未按进度支出9项，每项扣0.5分，应扣4.5分，扣完为止，得0分', 0],
  ])('%d late items', (n, text, points) => {
    const e = evalWith({ in_late_items: n });
    expect(ind(e, 'spend_progress').text).toBe(text);
    expect(score(e, 'spend_progress')).toBe(points);
  });

  test.each([
    [0, '未发现不符合要求的情况，得5分', 5],
    [4, '不符合要求的情况4例，每例扣1分，扣4分，得1分', 1],
    [5, '不符合要求的情况5例，每例扣1分，应扣5分，扣完为止，得0分', 0],
    [6, '不符合要求的情况6例，每例扣1分，应扣6分，扣完为止，得0分', 0],
  ])('%d violations', (n, text, points) => {
    const e = evalWith({ in_fund_violations: n, in_asset_violations: n });
    for (const id of ['fund_compliance', 'asset_safety']) {
      expect(ind(e, id).text).toBe(text);
      expect(score(e, id)).toBe(points);
    }
  });
});

describe('surplus', () => {
  test.each([
    [0, 10, '当年无结余，得4分', 4],
    [0, null, '当年无结余，得4分', 4], // no surplus: the carry-over is not needed
    [8, 10, '当年结余8，未超过上年结转10，得3分', 3],
    [10, 10, '当年结余10，未超过上年结转10，得3分', 3],
    [10.01, 10, '当年结余10.01，超过上年结转10，不得分', 0],
    [5, 0, '当年结余5，超过上年结转0，不得分', 0],
  ])('surplus %s, carry-over %s', (s, c, text, points) => {
    const e = evalWith({ in_surplus_current: s, in_carryover_prev: c });
    expect(ind(e, 'surplus').status).toBe('ok');
    expect(ind(e, 'surplus').text).toBe(text);
    expect(score(e, 'surplus')).toBe(points);
  });

  test('surplus > 0 with the carry-over blank: missing, missing_input on 上年结转', () => {
    const e = evalWith({ in_carryover_prev: '' }, true);
    expect(ind(e, 'surplus').status).toBe('missing');
    expect(score(e, 'surplus')).toBeNull();
    expect(ind(e, 'surplus').text).toBe('当年结余8，缺少上年结转数，无法评分');
    const m = findings(e, 'missing_input');
    expect(m.map((f) => [f.severity, f.message, f.inputs, f.cells])).toEqual([
      ['error', '上年结转（基本情况表!D37）未填写，无法计算：资金结余', ['in_carryover_prev'], ['基本情况表!D37']],
    ]);
    expect(e.complete).toBe(false);
    expect(e.grade).toBeNull();
    expect(e.total.toNumber()).toBe(70.28); // the other 20 indicators: 73.28 − 3
  });

  test('surplus > 0 with a wrong carry-over: invalid', () => {
    const e = evalWith({ in_carryover_prev: 'abc' });
    expect(ind(e, 'surplus').status).toBe('invalid');
    expect(score(e, 'surplus')).toBeNull();
    expect(codes(e)).toEqual(['error invalid_value']);
  });
});

describe('checklists', () => {
  test('a blank item: missing, the item named', () => {
    const e = evalWith({ in_goal_fit_2: '' }, true);
    expect(ind(e, 'goal_fit').status).toBe('missing');
    expect(ind(e, 'goal_fit').score).toBeNull();
    expect(ind(e, 'goal_fit').text).toBe('缺少输入：绩效目标合理性②：符合部门"三定"方案确定的职责');
    expect(findings(e, 'missing_input').map((f) => f.message)).toEqual([
      '绩效目标合理性②：符合部门"三定"方案确定的职责（基本情况表!D49）未填写，无法计算：绩效目标合理性',
    ]);
    expect(e.grade).toBeNull();
  });

  test('mixed answers in mixed spellings', () => {
    const e = evalWith({ in_disclosure_1: '√', in_disclosure_2: '×', in_disclosure_3: 'Y', in_disclosure_4: false, in_disclosure_5: 1 });
    expect(score(e, 'disclosure')).toBe(3);
    expect(ind(e, 'disclosure').text).toBe('①是，计1分；②否，不得分；③是，计1分；④否，不得分；⑤是，计1分；得3分');
  });

  test('all 否 → 0; weighted items (budget_rules 2+2+2)', () => {
    const e = evalWith({
      in_goal_clear_1: '否', in_goal_clear_2: '否', in_goal_clear_3: '否', in_goal_clear_4: '否',
      in_budget_rules_1: '否', in_budget_rules_2: '是', in_budget_rules_3: '是',
    });
    expect(score(e, 'goal_clarity')).toBe(0);
    expect(ind(e, 'goal_clarity').text).toBe('①否，不得分；②否，不得分；③否，不得分；④否，不得分；得0分');
    expect(score(e, 'budget_rules')).toBe(4);
    expect(ind(e, 'budget_rules').text).toBe('①否，不得分；②是，计2分；③是，计2分；得4分');
  });

  test('a wrong answer: invalid', () => {
    const e = evalWith({ in_asset_rules_3: '可能' });
    expect(ind(e, 'asset_rules').status).toBe('invalid');
    expect(ind(e, 'asset_rules').text).toBe('输入有误：资产管理制度健全性③：相关资产管理制度得到有效执行，请先更正');
  });
});

describe('self scores (benefit_*)', () => {
  test('5 is above 4: out_of_range error, invalid', () => {
    const e = evalWith({ in_benefit_economic: 5 }, true);
    expect(ind(e, 'benefit_economic').status).toBe('invalid');
    expect(score(e, 'benefit_economic')).toBeNull();
    const f = findings(e, 'out_of_range');
    expect(f.map((x) => [x.severity, x.message])).toEqual([
      ['error', '经济效益自评得分（基本情况表!D66）：5超出范围（应为0～4分）'],
    ]);
    expect(e.grade).toBeNull();
  });

  test('4 and 0 are in range', () => {
    const e = evalWith({ in_benefit_economic: 4, in_benefit_social: 0 });
    expect(score(e, 'benefit_economic')).toBe(4);
    expect(score(e, 'benefit_social')).toBe(0);
    expect(ind(e, 'benefit_social').text).toBe('自评得分0分。评分依据：全年办件12.6万件，群众办事“最多跑一次”');
  });

  test('without a basis: scored, missing_basis warning', () => {
    const e = evalWith({ in_benefit_social_note: '   ' }, true);
    expect(score(e, 'benefit_social')).toBe(3.5);
    expect(ind(e, 'benefit_social').text).toBe('自评得分3.5分（未填写评分依据）');
    expect(findings(e).map((f) => [f.severity, f.code, f.message])).toEqual([
      ['warning', 'missing_basis', '社会效益：社会效益评分依据（基本情况表!D69）未填写，评价得分应写明评分依据'],
    ]);
    expect(e.complete).toBe(true);
  });

  test('blank score: missing', () => {
    const e = evalWith({ in_benefit_ecological: null });
    expect(ind(e, 'benefit_ecological').status).toBe('missing');
    expect(findings(e, 'missing_input')[0].message).toBe('生态效益自评得分（in_benefit_ecological）未填写，无法计算：生态效益');
  });
});

describe('satisfaction (survey)', () => {
  const good = (n: number) => Array.from({ length: n }, () => row('非常满意'));

  test('an incomplete row is left out with a warning naming its blank cells', () => {
    const grid = [...exampleGrid(), ['满意', '满意', '满意', '满意', '满意', '', null, undefined, '', '']];
    const e = evalWith({ in_survey_answers: grid }, true);
    expect(score(e, 'satisfaction')).toBe(6.88); // still 10 questionnaires, 430 points
    expect(findings(e).map((f) => [f.severity, f.code, f.message, f.cells])).toEqual([
      [
        'warning',
        'incomplete_questionnaire',
        '满意度调查第11份问卷有5题未作答（满意度调查!H14、满意度调查!I14、满意度调查!J14、满意度调查!K14、满意度调查!L14），不计入有效问卷',
        ['满意度调查!H14', '满意度调查!I14', '满意度调查!J14', '满意度调查!K14', '满意度调查!L14'],
      ],
    ]);
  });

  test('an answer "2": out_of_range error naming the cell, status invalid', () => {
    const grid = exampleGrid();
    grid[1][3] = '2';
    const e = evalWith({ in_survey_answers: grid }, true);
    expect(ind(e, 'satisfaction').status).toBe('invalid');
    expect(score(e, 'satisfaction')).toBeNull();
    expect(findings(e).map((f) => [f.severity, f.code, f.message])).toEqual([
      ['error', 'out_of_range', '满意度调查第2份问卷第4题（满意度调查!F5）：“2”不是有效答案（应为5/4/3/0或非常满意/满意/一般/不满意）'],
    ]);
    expect(e.grade).toBeNull();
  });

  test('2/3 × 8 = 5.33 from the grid (50 + 50 + 0 of 150)', () => {
    const e = evalWith({ in_survey_answers: [row(5), row('非常满意'), row('不满意')] });
    expect(score(e, 'satisfaction')).toBe(5.33);
    expect(ind(e, 'satisfaction').text).toBe('有效问卷3份，问卷总得分100分，100/（3×50）×8=5.33分');
  });

  test('half up from the grid: 1589/(32×50)×8 = 7.945 → 7.95', () => {
    const grid = [...good(31), ['一般', 4, 4, 4, 4, 4, 4, 4, 4, 4]]; // 31×50 + 3 + 9×4 = 1589
    const e = evalWith({ in_survey_answers: grid });
    expect(score(e, 'satisfaction')).toBe(7.95);
    expect(ind(e, 'satisfaction').text).toBe('有效问卷32份，问卷总得分1589分，1589/（32×50）×8=7.95分');
  });

  test('all 非常满意 → full 8; all 一般 and 不满意 → 30/100×8 = 2.4', () => {
    expect(score(evalWith({ in_survey_answers: good(3) }), 'satisfaction')).toBe(8);
    expect(score(evalWith({ in_survey_answers: [row('一般'), row('不满意')] }), 'satisfaction')).toBe(2.4);
  });

  test('empty grid, tally given: 430 of 10 → 6.88 (按汇总数)', () => {
    const e = evalWith({ in_survey_answers: [], in_survey_points: 430, in_survey_count: 10 });
    expect(score(e, 'satisfaction')).toBe(6.88);
    expect(ind(e, 'satisfaction').text).toBe('有效问卷10份（按汇总数），问卷总得分430分，430/（10×50）×8=6.88分');
    expect(e.issues).toEqual([]);
  });

  test('tally half up: 1337/(32×50)×8 = 6.685 → 6.69', () => {
    const e = evalWith({ in_survey_answers: null, in_survey_points: 1337, in_survey_count: 32 });
    expect(score(e, 'satisfaction')).toBe(6.69);
  });

  test('a grid of blank rows counts as empty: the tally is used', () => {
    const e = evalWith({ in_survey_answers: [row(''), row(null)], in_survey_points: 100, in_survey_count: 3 });
    expect(score(e, 'satisfaction')).toBe(5.33);
  });

  test('the grid wins over a tally when both are given', () => {
    const e = evalWith({ in_survey_points: 150, in_survey_count: 3 });
    expect(score(e, 'satisfaction')).toBe(6.88);
  });

  test('tally points above count × 50: out_of_range error, invalid', () => {
    const e = evalWith({ in_survey_answers: [], in_survey_points: 501, in_survey_count: 10 });
    expect(ind(e, 'satisfaction').status).toBe('invalid');
    expect(score(e, 'satisfaction')).toBeNull();
    expect(findings(e).map((f) => [f.severity, f.code, f.message, f.inputs])).toEqual([
      ['error', 'out_of_range', '问卷总得分（在别处汇总时填写）（in_survey_points）：501分超过10份问卷的满分500分', ['in_survey_points', 'in_survey_count']],
    ]);
  });

  test('tally exactly count × 50 is fine: 500 of 10 → 8', () => {
    expect(score(evalWith({ in_survey_answers: [], in_survey_points: 500, in_survey_count: 10 }), 'satisfaction')).toBe(8);
  });

  test('no questionnaires at all: missing', () => {
    const e = evalWith({ in_survey_answers: [] });
    expect(ind(e, 'satisfaction').status).toBe('missing');
    expect(score(e, 'satisfaction')).toBeNull();
    expect(findings(e).map((f) => [f.severity, f.code])).toEqual([
      ['error', 'missing_input'],
      ['error', 'missing_input'],
      ['error', 'missing_input'],
    ]);
    expect(findings(e).map((f) => f.inputs[0])).toEqual(['in_survey_answers', 'in_survey_points', 'in_survey_count']);
    expect(e.grade).toBeNull();
  });

  test('a tally of 0 questionnaires: missing, and the message does not pretend the count is blank', () => {
    const e = evalWith({ in_survey_answers: [], in_survey_points: 0, in_survey_count: 0 });
    expect(ind(e, 'satisfaction').status).toBe('missing');
    expect(findings(e).map((f) => [f.severity, f.code, f.message])).toEqual([
      ['error', 'missing_input', '有效问卷份数（在别处汇总时填写）（in_survey_count）为0：没有有效问卷，无法计算社会公众或服务对象满意度'],
    ]);
  });

  test('only the tally count typed: only the blank points are reported as not filled', () => {
    const e = evalWith({ in_survey_answers: [], in_survey_count: 10 });
    expect(ind(e, 'satisfaction').status).toBe('missing');
    expect(findings(e).map((f) => f.inputs[0])).toEqual(['in_survey_answers', 'in_survey_points']);
  });
});

describe('totals and grade', () => {
  test('total is the sum of the rounded scores (differs from rounding the unrounded sum)', () => {
    const e = evalWith({
      in_staff_actual: 61, in_staff_quota: 60, // 3.332 → 3.33
      in_fixed_assets_in_use: 985, // 2.7
      in_survey_answers: [], in_survey_points: 1337, in_survey_count: 32, // 6.685 → 6.69
      in_key_work_done: 7, in_key_work_planned: 9, in_assess_score: 83.625, // 4.67 + 3.35 = 8.02
    });
    expect([score(e, 'staff_control'), score(e, 'fixed_asset_use'), score(e, 'satisfaction'), score(e, 'key_work_completion')]).toEqual([
      3.33, 2.7, 6.69, 8.02,
    ]);
    // 73.28 + (3.33 − 2) + (2.7 − 2) + (6.69 − 6.88) + (8.02 − 9) = 74.14
    // (unrounded: 73.28 + 1.332 + 0.7 − 0.195 − 0.98833… = 74.1287 → 74.13)
    expect(e.total.toNumber()).toBe(74.14);
    const sum = e.indicators.reduce((a, i) => a.plus(i.score!), new Decimal(0));
    expect(sum.eq(e.total)).toBe(true);
    expect(e.grade).toBe('中');
  });

  test.each([
    [0, '差'],
    [59.99, '差'],
    [60, '中'],
    [79.99, '中'],
    [80, '良'],
    [89.99, '良'],
    [90, '优'],
    [100, '优'],
  ])('gradeOf(%s) = %s', (total, grade) => {
    expect(gradeOf(getScheme(), new Decimal(total))).toBe(grade);
    expect(gradeOf(getScheme(), new Decimal(String(total)))).toBe(grade);
  });

  test('gradeOf at 89.999 is 良 (the total is never rounded up into a grade)', () => {
    expect(gradeOf(getScheme(), new Decimal('89.999'))).toBe('良');
  });

  test('a full-marks form: 100, 优', () => {
    const e = evalWith({
      in_goal_clear_3: '是', in_staff_actual: 20, in_sangong_actual: 12, in_sangong_car_run: 7.2,
      in_key_project_spend: 95, in_budget_adjust: 0, in_late_items: 0, in_surplus_current: 0,
      in_budget_rules_3: '是', in_fund_violations: 0, in_disclosure_4: '是', in_fixed_assets_in_use: 1000,
      in_key_work_done: 10, in_assess_score: 100, in_quality_ok: 20, in_benefit_economic: 4, in_benefit_social: 4,
      in_survey_answers: [row(5)],
    });
    expect(e.indicators.filter((i) => !i.score!.eq(i.weight)).map((i) => i.id)).toEqual([]);
    expect(e.total.toNumber()).toBe(100);
    expect(e.grade).toBe('优');
    expect(e.complete).toBe(true);
    expect(e.issues).toEqual([]);
  });

  test('grade null and complete false while an indicator is missing; total sums what is scored', () => {
    const e = evalWith({ in_staff_quota: '' });
    expect(ind(e, 'staff_control').status).toBe('missing');
    expect(e.complete).toBe(false);
    expect(e.grade).toBeNull();
    expect(e.total.toNumber()).toBe(71.28);
  });

  test('grade null and complete false while an indicator is invalid', () => {
    const e = evalWith({ in_late_items: '三项' });
    expect(ind(e, 'spend_progress').status).toBe('invalid');
    expect(e.complete).toBe(false);
    expect(e.grade).toBeNull();
    expect(e.total.toNumber()).toBe(70.78);
  });

  test('toJson: exactly the spec fields, plain numbers', () => {
    const e = evalWith({ in_staff_quota: '' });
    const j = toJson(e);
    expect(Object.keys(j).sort()).toEqual(['complete', 'dept', 'grade', 'indicators', 'issues', 'maxTotal', 'scheme', 'total', 'year'].sort());
    expect(j).toMatchObject({ scheme: 'dept-2013', dept: '示例县政务服务中心', year: 2024, total: 71.28, maxTotal: 100, grade: null, complete: false });
    expect(j.indicators).toHaveLength(21);
    for (const i of j.indicators) {
      expect(Object.keys(i)).toEqual(['id', 'level1', 'level2', 'name', 'weight', 'score', 'status', 'text']);
      expect(typeof i.weight).toBe('number');
      expect(i.score === null || typeof i.score === 'number').toBe(true);
    }
    expect(j.indicators.find((i) => i.id === 'staff_control')).toEqual({
      id: 'staff_control', level1: '投入', level2: '预算配置', name: '财政供养人员控制率', weight: 4, score: null, status: 'missing',
      text: '缺少输入：编制数',
    });
    expect(j.indicators.find((i) => i.id === 'satisfaction')).toEqual({
      id: 'satisfaction', level1: '效果', level2: '履职效益', name: '社会公众或服务对象满意度', weight: 8, score: 6.88, status: 'ok',
      text: '有效问卷10份，问卷总得分430分，430/（10×50）×8=6.88分',
    });
    expect(j.issues).toEqual([
      { severity: 'error', code: 'missing_input', message: '编制数（in_staff_quota）未填写，无法计算：财政供养人员控制率', inputs: ['in_staff_quota'] },
    ]);
    // round trip through JSON text keeps the values
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
});

function exampleGrid(): (string | number | null | undefined)[][] {
  return [...Array.from({ length: 3 }, () => row('非常满意')), ...Array.from({ length: 7 }, () => row('满意'))] as string[][];
}

describe('cross-field checks', () => {
  test('economic classes off by 0.01: within tolerance, no warning', () => {
    expect(evalWith({ in_exp_wages: 318.41 }).issues).toEqual([]);
  });

  test('economic classes off by 0.02: sum_mismatch giving both sides and the difference', () => {
    const e = evalWith({ in_exp_wages: 318.42 }, true);
    expect(e.issues.map((f) => [f.severity, f.code, f.message, f.inputs])).toEqual([
      [
        'warning',
        'sum_mismatch',
        '按经济分类的支出合计与年度支出总额（基本情况表!D19）不符：工资福利支出+商品和服务支出+对个人和家庭的补助+资本性支出=522.02，年度支出总额=522，相差0.02',
        ['in_exp_wages', 'in_exp_goods', 'in_exp_subsidies', 'in_exp_capital', 'in_spend_total'],
      ],
    ]);
    expect(e.total.toNumber()).toBe(73.28); // a warning does not change any score
  });

  test('三公 parts vs the 三公 total', () => {
    const e = evalWith({ in_sangong_reception: 5.8 });
    expect(e.issues.map((f) => f.message)).toEqual([
      '"三公经费"分项合计与本年度"三公经费"实际支出数（in_sangong_actual）不符：因公出国（境）+公务用车购置+公务用车运行维护+公务接待=14，本年度"三公经费"实际支出数=13，相差1',
    ]);
  });

  test('a budget typed in 元 on a 万元 form: unit_mismatch', () => {
    const e = evalWith({ in_budget_initial: 5000000 });
    expect(e.issues.map((f) => [f.severity, f.code, f.message, f.inputs])).toEqual([
      [
        'warning',
        'unit_mismatch',
        '预算、收入、支出总额数量级相差过大：年度支出总额（in_spend_total）=522，年初预算数（in_budget_initial）=5000000，相差约9579倍，可能混用了元和万元（本表金额单位：万元）',
        ['in_spend_total', 'in_budget_initial'],
      ],
    ]);
  });

  test('三公 far below total spending is legitimate: no unit_mismatch', () => {
    const e = evalWith({ in_sangong_prev: 0.5, in_sangong_budget: 0.4, in_sangong_actual: 0.3, in_sangong_car_run: 0.3, in_sangong_reception: 0 });
    expect(findings(e, 'unit_mismatch')).toEqual([]);
  });

  test('a tiny adjustment whose rate rounds to 0.00% scores as “预算调整率为0” (rules see the two-decimal rate)', () => {
    const e = evalWith({ in_budget_adjust: 0.004, in_budget_initial: 100 });
    expect(ind(e, 'budget_adjust').text).toBe('（0.004/100）×100%=0.00%，预算调整率为0，得4分');
    expect(score(e, 'budget_adjust')).toBe(4);
  });
});
