/**
 * Scheme validation (loadScheme) and the "rules are data" promise: a re-weighted copy of dept-2013 scores
 * accordingly without any code change.
 */
import { Decimal, evaluate, getScheme, loadScheme, ruleKinds, schemeIds, SchemeError } from '../../src/engine';
import { capDeduction, changeRate } from '../../src/engine/rules/deductions';
import { checklist } from '../../src/engine/rules/checklist';
import { selfScore } from '../../src/engine/rules/selfScore';
import { tiers } from '../../src/engine/rules/tiers';
import type { RuleView } from '../../src/engine/rules';
import shipped from '../../templates/dept-2013.json';
import { exampleValues } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function copy(): Json {
  return JSON.parse(JSON.stringify(shipped)) as Json;
}

function indicator(s: Json, id: string): Json {
  return (s.indicators as Json[]).find((i) => i.id === id)!;
}

function input(s: Json, name: string): Json {
  return (s.inputs as Json[]).find((i) => i.name === name)!;
}

/** the SchemeError message loadScheme throws (fails the test when it does not throw) */
function rejection(data: unknown): string {
  try {
    loadScheme(data);
  } catch (err) {
    expect(err).toBeInstanceOf(SchemeError);
    return (err as Error).message;
  }
  throw new Error('loadScheme accepted an invalid scheme');
}

/** renames an input everywhere it is mentioned (inputs, rules, checks, layout, identity) */
function renameInput(s: Json, from: string, to: string): Json {
  return JSON.parse(JSON.stringify(s).split(`"${from}"`).join(`"${to}"`)) as Json;
}

describe('the shipped scheme', () => {
  test('loads, 21 indicators, weights add up to 100', () => {
    expect(schemeIds()).toEqual(['dept-2013', 'project-2020', 'dept-2020']);
    const s = getScheme();
    expect(s.indicators).toHaveLength(21);
    expect(s.indicators.reduce((a, i) => a.plus(i.weight), new Decimal(0)).toNumber()).toBe(100);
    expect(s.maxTotal).toBe(100);
    expect(s.grades.map((g) => [g.min, g.grade])).toEqual([
      [90, '优'],
      [80, '良'],
      [60, '中'],
      [0, '差'],
    ]);
    expect(s.scoreName('staff_control')).toBe('score_staff_control');
    expect(s.outputs.total).toBe('score_total');
    expect(s.outputs.grade).toBe('score_grade');
  });

  test('every input name of the spec is declared', () => {
    const names = new Set(getScheme().inputs.map((i) => i.name));
    const spec = [
      'in_dept_name', 'in_year', 'in_unit', 'in_dept_head', 'in_staff_quota', 'in_staff_actual', 'in_assets_total',
      'in_liabilities_total', 'in_budget_initial', 'in_budget_adjust', 'in_income_total', 'in_income_general', 'in_income_fund',
      'in_income_special', 'in_income_other', 'in_spend_total', 'in_spend_basic', 'in_spend_project', 'in_exp_wages', 'in_exp_goods',
      'in_exp_subsidies', 'in_exp_capital', 'in_sangong_prev', 'in_sangong_budget', 'in_sangong_actual', 'in_sangong_abroad',
      'in_sangong_car_buy', 'in_sangong_car_run', 'in_sangong_reception', 'in_key_project_spend', 'in_project_spend_total',
      'in_late_items', 'in_surplus_current', 'in_carryover_prev', 'in_fixed_assets_in_use', 'in_fixed_assets_total',
      'in_key_work_done', 'in_key_work_planned', 'in_assess_score', 'in_assess_full', 'in_quality_ok', 'in_quality_planned',
      'in_goal_fit_1', 'in_goal_fit_2', 'in_goal_fit_3', 'in_goal_clear_1', 'in_goal_clear_2', 'in_goal_clear_3', 'in_goal_clear_4',
      'in_budget_rules_1', 'in_budget_rules_2', 'in_budget_rules_3', 'in_fund_violations', 'in_disclosure_1', 'in_disclosure_2',
      'in_disclosure_3', 'in_disclosure_4', 'in_disclosure_5', 'in_asset_rules_1', 'in_asset_rules_2', 'in_asset_rules_3',
      'in_asset_violations', 'in_benefit_economic', 'in_benefit_social', 'in_benefit_ecological', 'in_benefit_economic_note',
      'in_benefit_social_note', 'in_benefit_ecological_note', 'in_survey_answers', 'in_survey_points', 'in_survey_count',
      'in_duties', 'in_goals', 'in_indicators', 'in_results', 'in_spend_analysis', 'in_goal_analysis', 'in_problems',
      'in_improvements', 'in_filler', 'in_phone', 'in_fill_date',
    ];
    expect(spec.filter((n) => !names.has(n))).toEqual([]);
  });

  test('an unmodified copy loads', () => {
    expect(() => loadScheme(copy())).not.toThrow();
  });
});

describe('loadScheme rejects', () => {
  test('a 二级 group whose weights do not add up', () => {
    const s = copy();
    indicator(s, 'goal_fit').weight = 4;
    expect(rejection(s)).toContain('weights of 投入/目标设定 add up to 9, not 8');
  });

  test('group weights that do not add up to maxTotal', () => {
    const s = copy();
    s.maxTotal = 110;
    expect(rejection(s)).toContain('group weights add up to 100, not maxTotal 110');
  });

  test('an indicator in an undeclared group', () => {
    const s = copy();
    indicator(s, 'surplus').level2 = '预算执行情况';
    const msg = rejection(s);
    expect(msg).toContain('surplus: level 过程/预算执行情况 is not declared');
    expect(msg).toContain('weights of 过程/预算执行 add up to 12, not 16');
  });

  test('a rule using an undeclared input', () => {
    const s = copy();
    indicator(s, 'staff_control').rule.numerator = 'in_staff_actuall';
    expect(rejection(s)).toContain('staff_control: rule uses undeclared input in_staff_actuall');
  });

  test('a checklist item on an undeclared input', () => {
    const s = copy();
    indicator(s, 'disclosure').rule.items[4].input = 'in_disclosure_6';
    expect(rejection(s)).toContain('disclosure: rule uses undeclared input in_disclosure_6');
  });

  test.each([
    ['A1', 'must not look like a cell reference'],
    ['XFD100', 'must not look like a cell reference'],
    ['R1C1', 'must not look like a cell reference'],
    ['r', 'must not look like a cell reference'],
    ['1abc', 'not a valid Excel name'],
    ['in staff', 'not a valid Excel name'],
    ['in-staff', 'not a valid Excel name'],
    ['编制数', 'not a valid Excel name'],
    ['', 'not a valid Excel name'],
  ])('an input named %j (renamed everywhere)', (name, why) => {
    const msg = rejection(renameInput(copy(), 'in_staff_quota', name));
    expect(msg).toContain(why);
    expect(msg).toMatch(/inputs\.\d+\.name/);
  });

  test('valid Excel names are accepted (renamed everywhere)', () => {
    for (const name of ['staff.quota', '_quota', 'ABCD1', 'in_staff_quota2']) {
      const s = loadScheme(renameInput(copy(), 'in_staff_quota', name));
      expect(s.input(name).label).toBe('编制数');
    }
  });

  test('an unknown rule kind', () => {
    const s = copy();
    indicator(s, 'surplus').rule.kind = 'lookup';
    expect(rejection(s)).toContain('surplus: unknown rule kind "lookup"');
  });

  test.each([
    ['staff_control', (r: Json) => (r.perPoint = -0.4), 'staff_control.rule.perPoint'],
    ['staff_control', (r: Json) => (r.zeroDenominator = 'maybe'), 'staff_control.rule.zeroDenominator'],
    ['staff_control', (r: Json) => delete r.cap, 'staff_control.rule.cap'],
    ['key_spend_ratio', (r: Json) => delete r.tiers[0].label, 'key_spend_ratio.rule.tiers.0.label'],
    ['key_spend_ratio', (r: Json) => (r.tiers = []), 'key_spend_ratio.rule.tiers'],
    ['key_spend_ratio', (r: Json) => (r.tiers[1].extra = 1), 'key_spend_ratio.rule.tiers.1'],
    ['goal_fit', (r: Json) => (r.items[0].points = 0), 'goal_fit.rule.items.0.points'],
    ['sangong_change', (r: Json) => (r.zeroDenominator = { numeratorZero: 'full' }), 'sangong_change.rule.zeroDenominator'],
    ['satisfaction', (r: Json) => (r.pointsPerQuestionnaire = '50'), 'satisfaction.rule.pointsPerQuestionnaire'],
    ['spend_progress', (r: Json) => (r.count = 3), 'spend_progress.rule.count'],
  ])('bad rule params: %s', (id, spoil, path) => {
    const s = copy();
    spoil(indicator(s, id).rule);
    expect(rejection(s)).toContain(path);
  });

  test('duplicate indicator ids and input names', () => {
    const s = copy();
    indicator(s, 'benefit_social').id = 'benefit_economic';
    s.inputs.push({ ...input(s, 'in_phone') });
    const msg = rejection(s);
    expect(msg).toContain('duplicate indicator id benefit_economic');
    expect(msg).toContain('duplicate input names');
  });

  test('grades that do not cover 0', () => {
    const s = copy();
    s.grades = s.grades.filter((g: Json) => g.min > 0);
    expect(rejection(s)).toContain('grades must cover a total of 0');
  });

  test('a non-object and an empty object', () => {
    expect(rejection(null)).toContain('scheme is not valid');
    expect(rejection({})).toContain('scheme is not valid');
  });

  test('every problem is listed at once', () => {
    const s = copy();
    indicator(s, 'goal_fit').weight = 4;
    indicator(s, 'surplus').rule.kind = 'lookup';
    indicator(s, 'staff_control').rule.numerator = 'nope';
    const msg = rejection(s);
    expect(msg).toContain('weights of 投入/目标设定 add up to 9, not 8');
    expect(msg).toContain('lookup');
    expect(msg).toContain('undeclared input nope');
  });
});

describe('rules are data: a re-weighted copy scores accordingly, no code change', () => {
  test('履职效益: satisfaction 8 → 9, benefit_economic 4 → 3 (its input capped at 3)', () => {
    const s = copy();
    indicator(s, 'satisfaction').weight = 9;
    indicator(s, 'benefit_economic').weight = 3;
    input(s, 'in_benefit_economic').max = 3;
    const scheme = loadScheme(s);
    const e = evaluate(scheme, { values: exampleValues() });
    const get = (id: string) => e.indicators.find((i) => i.id === id)!;
    // 430/500 × 9 = 7.74; economic self score 3 of 3
    expect(get('satisfaction').score!.toNumber()).toBe(7.74);
    expect(get('satisfaction').text).toBe('有效问卷10份，问卷总得分430分，430/（10×50）×9=7.74分');
    expect(get('benefit_economic').score!.toNumber()).toBe(3);
    expect(get('benefit_economic').weight.toNumber()).toBe(3);
    // 73.28 − 6.88 + 7.74
    expect(e.total.toNumber()).toBe(74.14);
    expect(e.grade).toBe('中');
    expect(e.issues).toEqual([]);
    // the shipped scheme is untouched
    expect(evaluate(getScheme(), { values: exampleValues() }).total.toNumber()).toBe(73.28);
    // and 4 is now out of range for the economic self score
    const e4 = evaluate(scheme, { values: { ...exampleValues(), in_benefit_economic: 4 } });
    expect(e4.issues.map((f) => [f.code, f.message])).toEqual([['out_of_range', '经济效益自评得分（in_benefit_economic）：4超出范围（应为0～3分）']]);
  });

  test('预算配置: staff_control 4 → 5 at −0.5 per pp, key_spend_ratio 4 → 3 with re-scaled tiers', () => {
    const s = copy();
    const staff = indicator(s, 'staff_control');
    staff.weight = 5;
    staff.rule.perPoint = 0.5;
    const key = indicator(s, 'key_spend_ratio');
    key.weight = 3;
    const scores = [3, 2.25, 1.5, 0.75, 0];
    key.rule.tiers.forEach((t: Json, k: number) => (t.score = scores[k]));
    const e = evaluate(loadScheme(s), { values: exampleValues() });
    const get = (id: string) => e.indicators.find((i) => i.id === id)!;
    // 105.00%: 5.00 pp × 0.5 = 2.5 → 5 − 2.5
    expect(get('staff_control').score!.toNumber()).toBe(2.5);
    expect(get('staff_control').text).toBe('（21/20）×100%=105.00%，超过100%共5.00个百分点，扣2.5分，得2.5分');
    // 85.60% in [80, 90): 2.25
    expect(get('key_spend_ratio').score!.toNumber()).toBe(2.25);
    expect(get('key_spend_ratio').text).toBe('（85.6/100）×100%=85.60%，在80%（含）-90%之间，得2.25分');
    // 73.28 − 2 − 3 + 2.5 + 2.25
    expect(e.total.toNumber()).toBe(73.03);
  });

  test('a different grade scale, as data', () => {
    const s = copy();
    s.grades = [
      { min: 85, grade: 'A' },
      { min: 70, grade: 'B' },
      { min: 0, grade: 'C' },
    ];
    const e = evaluate(loadScheme(s), { values: exampleValues() });
    expect(e.grade).toBe('B'); // 73.28
  });

  test('a new checklist item (a new input, placed in the layout): 1 + 1 + 0.5 + 0.5', () => {
    const s = copy();
    s.inputs.push({ name: 'in_goal_fit_4', label: '绩效目标合理性④：有可行的实施方案', kind: 'yesno' });
    (s.layout.summary.sections as Json[]).find((x) => x.fields.includes('in_goal_fit_3'))!.fields.push('in_goal_fit_4');
    const items = indicator(s, 'goal_fit').rule.items as Json[];
    items[2].points = 0.5;
    items.push({ input: 'in_goal_fit_4', points: 0.5 });
    const scheme = loadScheme(s);
    const no = evaluate(scheme, { values: { ...exampleValues(), in_goal_fit_4: '否' } });
    expect(no.indicators[0].text).toBe('①是，计1分；②是，计1分；③是，计0.5分；④否，不得分；得2.5分');
    expect(no.total.toNumber()).toBe(72.78);
    const yes = evaluate(scheme, { values: { ...exampleValues(), in_goal_fit_4: '√' } });
    expect(yes.indicators[0].score!.toNumber()).toBe(3);
    const blank = evaluate(scheme, { values: exampleValues() });
    expect(blank.indicators[0].status).toBe('missing');
    expect(blank.grade).toBeNull();
  });
});

describe('rule kinds called directly', () => {
  const W = new Decimal(4);
  function view(values: Record<string, Decimal | boolean | string | undefined>): RuleView {
    return {
      state: (n) => (values[n] === undefined ? 'blank' : 'ok'),
      num: (n) => values[n] as Decimal,
      flag: (n) => values[n] as boolean,
      text: (n) => (typeof values[n] === 'string' ? (values[n] as string) : undefined),
      survey: () => undefined,
      label: (n) => `L(${n})`,
      where: (n) => `L(${n})（${n}）`,
    };
  }

  test('the ten kinds are registered', () => {
    expect(Object.keys(ruleKinds).sort()).toEqual(
      ['cap_deduction', 'change_rate', 'checklist', 'per_item_deduction', 'self_score', 'shortfall_deduction', 'surplus', 'survey', 'tiers', 'weighted_completion'].sort(),
    );
  });

  test('self_score above the weight: out_of_range, invalid (the rule itself checks, whatever the input says)', () => {
    const p = selfScore.params.parse({ kind: 'self_score', score: 's', basis: 'b' });
    const out = selfScore.score(p, view({ s: new Decimal(5), b: '依据' }), { weight: W, name: '经济效益' });
    expect(out.status).toBe('invalid');
    expect(out.score).toBeNull();
    expect(out.text).toBe('自评得分5超出0～4分');
    expect(out.findings).toEqual([{ severity: 'error', code: 'out_of_range', message: 'L(s)（s）：5超出范围（应为0～4分）', inputs: ['s'] }]);
    const neg = selfScore.score(p, view({ s: new Decimal(-0.5), b: '依据' }), { weight: W, name: '经济效益' });
    expect(neg.status).toBe('invalid');
  });

  test('tiers with a gap: scheme_gap error, no score', () => {
    const p = tiers.params.parse({
      kind: 'tiers', numerator: 'n', denominator: 'd', zeroDenominator: 'invalid',
      tiers: [{ min: 90, score: 4, label: '≥90' }, { max: 80, score: 0, label: '<80' }],
    });
    const out = tiers.score(p, view({ n: new Decimal(85), d: new Decimal(100) }), { weight: W, name: 'X' });
    expect(out.status).toBe('invalid');
    expect(out.findings?.[0].code).toBe('scheme_gap');
    expect(out.text).toBe('（85/100）×100%=85.00%，评分方案没有对应的档次');
  });

  test('a tier score above the weight is capped at the weight', () => {
    const p = tiers.params.parse({ kind: 'tiers', numerator: 'n', denominator: 'd', zeroDenominator: 'full', tiers: [{ score: 9, label: '任何' }] });
    expect(tiers.score(p, view({ n: new Decimal(1), d: new Decimal(3) }), { weight: W, name: 'X' }).score!.toNumber()).toBe(4);
  });

  test('cap_deduction with the zero policy: 0 points, zero_base warning', () => {
    const p = capDeduction.params.parse({ kind: 'cap_deduction', numerator: 'n', denominator: 'd', cap: 100, perPoint: 1, zeroDenominator: 'zero' });
    const out = capDeduction.score(p, view({ n: new Decimal(3), d: new Decimal(0) }), { weight: W, name: 'X' });
    expect(out.score!.toNumber()).toBe(0);
    expect(out.findings?.map((f) => [f.severity, f.code])).toEqual([['warning', 'zero_base']]);
  });

  test('change_rate with a positive cap: at the cap full, just over deducts', () => {
    const p = changeRate.params.parse({ kind: 'change_rate', current: 'c', previous: 'p', cap: 5, perPoint: 0.4, zeroDenominator: 'invalid' });
    const at = changeRate.score(p, view({ c: new Decimal(105), p: new Decimal(100) }), { weight: W, name: 'X' });
    expect(at.text).toBe('（105-100）/100×100%=5.00%，未超过5%，得4分');
    const over = changeRate.score(p, view({ c: new Decimal(107), p: new Decimal(100) }), { weight: W, name: 'X' });
    expect(over.text).toBe('（107-100）/100×100%=7.00%，超过5%共2.00个百分点，扣0.8分，得3.2分');
  });

  test('a checklist whose points do not add up to the weight warns (scheme_mismatch) and never exceeds the weight', () => {
    const p = checklist.params.parse({ kind: 'checklist', items: [{ input: 'a', points: 3 }, { input: 'b', points: 3 }] });
    const out = checklist.score(p, view({ a: true, b: true }), { weight: W, name: 'X' });
    expect(out.score!.toNumber()).toBe(4);
    expect(out.findings?.map((f) => f.code)).toEqual(['scheme_mismatch']);
  });
});
