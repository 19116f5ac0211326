/**
 * Messy and bad cell values, each placed in a named input of the worked example with cells given, and the
 * finding it must give: severity + code (or none), the value it parses to, and what the Chinese message
 * must say. Every message of a summary-form input must name the field label and its cell, e.g.
 * 编制数（基本情况表!D8）. Never a throw, never NaN, never a silent 0.
 */
import { Decimal, getScheme, toJson } from '../../src/engine';
import type { RawValue, Severity, SurveyTally } from '../../src/engine';
import { evalWith, exampleCells } from './helpers';

interface Case {
  input: string;
  raw: RawValue;
  /** the form's 金额单位 (the example's is 万元) */
  unit?: string;
  /** expected parsed value: a Decimal's string, a boolean, a text; null = blank; undefined = invalid */
  value: string | boolean | null | undefined;
  /** expected finding on this input: severity, code, then substrings of the message */
  finding?: [Severity, string, ...string[]];
}

const cells = exampleCells();
const label = (name: string) => getScheme().input(name).label;
const cellOf = (name: string) => `${cells[name].sheet}!${cells[name].address}`;

/** the worked example's grid with its first answer (非常满意) replaced */
function gridWith(first: RawValue): RawValue[][] {
  const grid = [
    ...Array.from({ length: 3 }, () => Array<RawValue>(10).fill('非常满意')),
    ...Array.from({ length: 7 }, () => Array<RawValue>(10).fill('满意')),
  ];
  grid[0][0] = first;
  return grid;
}

const ERR = 'error' as const;
const WARN = 'warning' as const;

// prettier-ignore
const CASES: [string, Case][] = [
  // ── blanks and placeholders (编制数 is needed by staff_control: blank → missing_input there)
  ['empty string', { input: 'in_staff_quota', raw: '', value: null, finding: [ERR, 'missing_input', '未填写，无法计算：财政供养人员控制率'] }],
  ['null', { input: 'in_staff_quota', raw: null, value: null, finding: [ERR, 'missing_input', '未填写'] }],
  ['undefined (key absent)', { input: 'in_staff_quota', raw: undefined, value: null, finding: [ERR, 'missing_input', '未填写'] }],
  ['spaces only', { input: 'in_staff_quota', raw: '   ', value: null, finding: [ERR, 'missing_input', '未填写'] }],
  ['ideographic space', { input: 'in_staff_quota', raw: '\u3000', value: null, finding: [ERR, 'missing_input', '未填写'] }],
  ['"--" means blank', { input: 'in_staff_quota', raw: '--', value: null, finding: [ERR, 'missing_input', '未填写'] }],
  ['"—" means blank', { input: 'in_staff_quota', raw: '—', value: null, finding: [ERR, 'missing_input', '未填写'] }],
  ['"/" means blank', { input: 'in_staff_quota', raw: '/', value: null, finding: [ERR, 'missing_input', '未填写'] }],
  // ── integers typed the officer's way
  ['"17人"', { input: 'in_staff_quota', raw: '17人', value: '17' }],
  ['"１７" full-width', { input: 'in_staff_quota', raw: '１７', value: '17' }],
  ['"１７人" full-width with unit', { input: 'in_staff_quota', raw: '１７人', value: '17' }],
  ['" 17 " padded', { input: 'in_staff_quota', raw: ' 17 ', value: '17' }],
  ['"17 人" space before the unit', { input: 'in_staff_quota', raw: '17 人', value: '17' }],
  ['"+17"', { input: 'in_staff_quota', raw: '+17', value: '17' }],
  ['"17.0" is an integer', { input: 'in_staff_quota', raw: '17.0', value: '17' }],
  ['"0" quota: parsed, then a zero denominator', { input: 'in_staff_quota', raw: '0', value: '0', finding: [ERR, 'zero_denominator', '为0，无法计算财政供养人员控制率'] }],
  ['"17.5" where an integer is needed', { input: 'in_staff_quota', raw: '17.5', value: undefined, finding: [ERR, 'invalid_value', '“17.5”应为整数'] }],
  ['17.5 as a number', { input: 'in_staff_quota', raw: 17.5, value: undefined, finding: [ERR, 'invalid_value', '17.5应为整数'] }],
  ['"abc"', { input: 'in_staff_quota', raw: 'abc', value: undefined, finding: [ERR, 'invalid_value', '“abc”不是有效的数字'] }],
  ['"十七" (Chinese numerals)', { input: 'in_staff_quota', raw: '十七', value: undefined, finding: [ERR, 'invalid_value', '“十七”不是有效的数字'] }],
  ['"#DIV/0!"', { input: 'in_staff_quota', raw: '#DIV/0!', value: undefined, finding: [ERR, 'invalid_value', '错误值#DIV/0!（公式出错）'] }],
  ['"#N/A"', { input: 'in_staff_quota', raw: '#N/A', value: undefined, finding: [ERR, 'invalid_value', '错误值#N/A'] }],
  ['"95%" in a count', { input: 'in_staff_quota', raw: '95%', value: undefined, finding: [ERR, 'invalid_value', '“95%”是百分比，这里应填写数值'] }],
  ['true in a number cell', { input: 'in_staff_quota', raw: true, value: undefined, finding: [ERR, 'invalid_value', 'TRUE不是数字'] }],
  ['false in a number cell', { input: 'in_staff_quota', raw: false, value: undefined, finding: [ERR, 'invalid_value', 'FALSE不是数字'] }],
  ['a Date in a number cell', { input: 'in_staff_quota', raw: new Date(Date.UTC(2024, 0, 1)), value: undefined, finding: [ERR, 'invalid_value', '日期2024-01-01不是数字'] }],
  ['NaN', { input: 'in_staff_quota', raw: NaN, value: undefined, finding: [ERR, 'invalid_value', 'NaN不是有效的数字'] }],
  ['Infinity', { input: 'in_staff_quota', raw: Infinity, value: undefined, finding: [ERR, 'invalid_value', 'Infinity不是有效的数字'] }],
  ['-Infinity', { input: 'in_staff_quota', raw: -Infinity, value: undefined, finding: [ERR, 'invalid_value', '-Infinity不是有效的数字'] }],
  ['an array in a number cell', { input: 'in_staff_quota', raw: [1, 2], value: undefined, finding: [ERR, 'invalid_value', '应为单个数值'] }],
  // ── counts
  ['"-3" count', { input: 'in_late_items', raw: '-3', value: undefined, finding: [ERR, 'invalid_value', '“-3”不能为负数'] }],
  ['-3 count as a number', { input: 'in_late_items', raw: -3, value: undefined, finding: [ERR, 'invalid_value', '-3不能为负数'] }],
  ['"无" means 0', { input: 'in_late_items', raw: '无', value: '0' }],
  ['"没有" means 0', { input: 'in_fund_violations', raw: '没有', value: '0' }],
  ['"3项"', { input: 'in_late_items', raw: '3项', value: '3' }],
  ['"三项"', { input: 'in_late_items', raw: '三项', value: undefined, finding: [ERR, 'invalid_value', '“三项”不是有效的数字'] }],
  ['"1e3" (no exponents in a cell)', { input: 'in_late_items', raw: '1e3', value: undefined, finding: [ERR, 'invalid_value', '“1e3”不是有效的数字'] }],
  ['"10份" questionnaire count', { input: 'in_survey_count', raw: '10份', value: '10' }],
  // ── amounts
  ['"4,360,097.54" grouped', { input: 'in_assets_total', raw: '4,360,097.54', unit: '元', value: '4360097.54' }],
  ['"1,000"', { input: 'in_assets_total', raw: '1,000', value: '1000' }],
  ['"4,36,0097" bad grouping', { input: 'in_assets_total', raw: '4,36,0097', value: undefined, finding: [ERR, 'invalid_value', '“4,36,0097”的千位分隔符位置不对'] }],
  ['"12,5" decimal comma', { input: 'in_assets_total', raw: '12,5', value: undefined, finding: [ERR, 'invalid_value', '“12,5”的千位分隔符位置不对'] }],
  ['"１２．５" full-width', { input: 'in_assets_total', raw: '１２．５', value: '12.5' }],
  ['"１，２３４．５" full-width grouped', { input: 'in_assets_total', raw: '１，２３４．５', value: '1234.5' }],
  ['"436.01万元" in a 元 form', { input: 'in_assets_total', raw: '436.01万元', unit: '元', value: '4360100', finding: [WARN, 'unit_converted', '“436.01万元”已按本表金额单位换算为4360100元'] }],
  ['"436.01万元" in a 万元 form', { input: 'in_assets_total', raw: '436.01万元', unit: '万元', value: '436.01' }],
  ['"4360097.54元" in a 万元 form', { input: 'in_assets_total', raw: '4360097.54元', unit: '万元', value: '436.009754', finding: [WARN, 'unit_converted', '“4360097.54元”已按本表金额单位换算为436.009754万元'] }],
  ['"100万" in a 元 form', { input: 'in_assets_total', raw: '100万', unit: '元', value: '1000000', finding: [WARN, 'unit_converted', '换算为1000000元'] }],
  ['"-5" amount', { input: 'in_assets_total', raw: '-5', value: undefined, finding: [ERR, 'invalid_value', '“-5”不能为负数'] }],
  ['"(30)" where negatives are not allowed', { input: 'in_assets_total', raw: '(30)', value: undefined, finding: [ERR, 'invalid_value', '“(30)”不能为负数'] }],
  ['0.1 + 0.2 (float noise dropped)', { input: 'in_assets_total', raw: 0.1 + 0.2, value: '0.3' }],
  ['"无" amount means 0', { input: 'in_liabilities_total', raw: '无', value: '0' }],
  // ── the adjustment: negatives taken as magnitude
  ['"(30)" accounting negative adjustment', { input: 'in_budget_adjust', raw: '(30)', value: '30', finding: [WARN, 'negative_value', '填写了负数-30，按其绝对值30计算'] }],
  ['"（30）" full-width parentheses', { input: 'in_budget_adjust', raw: '（30）', value: '30', finding: [WARN, 'negative_value', '按其绝对值30计算'] }],
  ['"−30" typographic minus', { input: 'in_budget_adjust', raw: '−30', value: '30', finding: [WARN, 'negative_value', '填写了负数-30'] }],
  ['"－３０" full-width minus', { input: 'in_budget_adjust', raw: '－３０', value: '30', finding: [WARN, 'negative_value', '填写了负数-30'] }],
  ['-0 adjustment is just 0', { input: 'in_budget_adjust', raw: -0, value: '0' }],
  // ── scores
  ['"3.5分"', { input: 'in_benefit_economic', raw: '3.5分', value: '3.5' }],
  ['"4.5" self score above 4', { input: 'in_benefit_economic', raw: '4.5', value: undefined, finding: [ERR, 'out_of_range', '“4.5”超出范围（应为0～4分）'] }],
  ['5 self score', { input: 'in_benefit_economic', raw: 5, value: undefined, finding: [ERR, 'out_of_range', '5超出范围（应为0～4分）'] }],
  ['"-1" self score', { input: 'in_benefit_economic', raw: '-1', value: undefined, finding: [ERR, 'invalid_value', '“-1”不能为负数'] }],
  // −0 is 0, however it is written (a minus sign on nothing is no negative score)
  ['-0 self score', { input: 'in_benefit_economic', raw: -0, value: '0' }],
  ['"-0" self score', { input: 'in_benefit_economic', raw: '-0', value: '0' }],
  ['"-0.00" self score', { input: 'in_benefit_economic', raw: '-0.00', value: '0' }],
  ['"−0" typographic minus self score', { input: 'in_benefit_economic', raw: '−0', value: '0' }],
  ['"－０分" full-width self score', { input: 'in_benefit_economic', raw: '－０分', value: '0' }],
  ['"(0)" self score', { input: 'in_benefit_economic', raw: '(0)', value: '0' }],
  ['"90分" assessment', { input: 'in_assess_score', raw: '90分', value: '90' }],
  // ── yes/no
  ['"是"', { input: 'in_goal_fit_1', raw: '是', value: true }],
  ['"否"', { input: 'in_goal_fit_1', raw: '否', value: false }],
  ['"√"', { input: 'in_goal_fit_1', raw: '√', value: true }],
  ['"×"', { input: 'in_goal_fit_1', raw: '×', value: false }],
  ['"Y"', { input: 'in_goal_fit_1', raw: 'Y', value: true }],
  ['"N"', { input: 'in_goal_fit_1', raw: 'N', value: false }],
  ['"y" lower case', { input: 'in_goal_fit_1', raw: 'y', value: true }],
  ['"TRUE"', { input: 'in_goal_fit_1', raw: 'TRUE', value: true }],
  ['"false"', { input: 'in_goal_fit_1', raw: 'false', value: false }],
  ['true', { input: 'in_goal_fit_1', raw: true, value: true }],
  ['false', { input: 'in_goal_fit_1', raw: false, value: false }],
  ['1', { input: 'in_goal_fit_1', raw: 1, value: true }],
  ['0', { input: 'in_goal_fit_1', raw: 0, value: false }],
  ['" 是 " padded', { input: 'in_goal_fit_1', raw: ' 是 ', value: true }],
  ['"可能"', { input: 'in_goal_fit_1', raw: '可能', value: undefined, finding: [ERR, 'invalid_value', '“可能”不是“是”或“否”'] }],
  ['2 in a yes/no cell', { input: 'in_goal_fit_1', raw: 2, value: undefined, finding: [ERR, 'invalid_value', '2不是“是”或“否”'] }],
  ['a Date in a yes/no cell', { input: 'in_goal_fit_1', raw: new Date(Date.UTC(2024, 0, 1)), value: undefined, finding: [ERR, 'invalid_value', '应填写“是”或“否”'] }],
  ['blank yes/no', { input: 'in_goal_fit_1', raw: '', value: null, finding: [ERR, 'missing_input', '未填写，无法计算：绩效目标合理性'] }],
  // ── year
  ['"2024年"', { input: 'in_year', raw: '2024年', value: '2024' }],
  ['"２０２４年度"', { input: 'in_year', raw: '２０２４年度', value: '2024' }],
  ['1999', { input: 'in_year', raw: 1999, value: undefined, finding: [ERR, 'out_of_range', '1999超出范围（应不小于2000）'] }],
  ['2101', { input: 'in_year', raw: 2101, value: undefined, finding: [ERR, 'out_of_range', '2101超出范围（应为2000～2100）'] }],
  ['"2024.5"', { input: 'in_year', raw: '2024.5', value: undefined, finding: [ERR, 'invalid_value', '“2024.5”应为整数'] }],
  ['blank year (optional)', { input: 'in_year', raw: '', value: null }],
  // ── the money unit
  ['unit "万元"', { input: 'in_unit', raw: '万元', value: '万元' }],
  ['unit "元"', { input: 'in_unit', raw: '元', value: '元' }],
  ['unit "（万元）"', { input: 'in_unit', raw: '（万元）', value: '万元' }],
  ['unit "人民币元"', { input: 'in_unit', raw: '人民币元', value: '元' }],
  ['unit "美元"', { input: 'in_unit', raw: '美元', value: undefined, finding: [ERR, 'invalid_value', '“美元”不是金额单位（应为“元”或“万元”）'] }],
  ['unit 10000', { input: 'in_unit', raw: 10000, value: undefined, finding: [ERR, 'invalid_value', '10000不是金额单位'] }],
  // ── text and dates
  ['blank unit name (required)', { input: 'in_dept_name', raw: '', value: null, finding: [ERR, 'missing_input', '未填写（必填）'] }],
  ['padded unit name', { input: 'in_dept_name', raw: '  示例县财政局 ', value: '示例县财政局' }],
  ['a number as a name', { input: 'in_dept_head', raw: 12345, value: '12345' }],
  ['date "2025年3月1日"', { input: 'in_fill_date', raw: '2025年3月1日', value: '2025-03-01' }],
  ['date "２０２５．３．１"', { input: 'in_fill_date', raw: '２０２５．３．１', value: '2025-03-01' }],
  ['date as Excel serial 45000', { input: 'in_fill_date', raw: 45000, value: '2023-03-15' }],
  ['date "2025-02-30"', { input: 'in_fill_date', raw: '2025-02-30', value: undefined, finding: [ERR, 'invalid_value', '“2025-02-30”不是有效的日期'] }],
  ['an invalid Date in a date cell', { input: 'in_fill_date', raw: new Date(NaN), value: undefined, finding: [ERR, 'invalid_value', '单元格中的日期无效'] }],
  ['an invalid Date in a text cell', { input: 'in_dept_head', raw: new Date(NaN), value: undefined, finding: [ERR, 'invalid_value', '单元格中的日期无效'] }],
  ['an invalid Date in a number cell', { input: 'in_staff_quota', raw: new Date(NaN), value: undefined, finding: [ERR, 'invalid_value', '单元格中的日期无效，这里应填写数值'] }],
  ['a Date in a text cell', { input: 'in_dept_head', raw: new Date(Date.UTC(2025, 2, 1)), value: '2025-03-01' }],
  ['NaN in a text cell', { input: 'in_benefit_social_note', raw: NaN, value: undefined, finding: [ERR, 'invalid_value', 'NaN不是有效的内容'] }],
  ['date "下周"', { input: 'in_fill_date', raw: '下周', value: undefined, finding: [ERR, 'invalid_value', '“下周”不是日期'] }],
];

// survey answers: the value is the tally's total points (the example has 430 from 10 questionnaires)
// prettier-ignore
const SURVEY: [string, RawValue, string | undefined, [Severity, string, ...string[]]?][] = [
  ['5', 5, '430'],
  ['4', 4, '429'],
  ['3', 3, '428'],
  ['0', 0, '425'],
  ['"非常满意"', '非常满意', '430'],
  ['" 满意 "', ' 满意 ', '429'],
  ['"□满意"', '□满意', '429'],
  ['"☑一般"', '☑一般', '428'],
  ['"5分"', '5分', '430'],
  ['"５" full-width', '５', '430'],
  ['"2"', '2', undefined, [ERR, 'out_of_range', '“2”不是有效答案（应为5/4/3/0或非常满意/满意/一般/不满意）']],
  ['2', 2, undefined, [ERR, 'out_of_range', '2不是有效答案']],
  ['3.5', 3.5, undefined, [ERR, 'out_of_range', '3.5不是有效答案']],
  ['"好"', '好', undefined, [ERR, 'invalid_value', '“好”不是有效答案']],
  ['true', true, undefined, [ERR, 'invalid_value', 'true不是有效答案']],
  // a blank answer makes the questionnaire incomplete: left out, 9 questionnaires, 430 − 50 = 380
  ['blank', '', '380', [WARN, 'incomplete_questionnaire', '满意度调查第1份问卷有1题未作答（满意度调查!C4），不计入有效问卷']],
];

function expectSane(e: ReturnType<typeof evalWith>): void {
  const json = JSON.stringify(toJson(e));
  expect(json).not.toMatch(/undefined|\[object/);
  for (const i of e.indicators) {
    expect(i.text).not.toMatch(/NaN|undefined|Infinity/);
    if (i.score) expect(i.score.isFinite()).toBe(true);
  }
  expect(e.total.isFinite()).toBe(true);
}

describe('messy cell values in named inputs', () => {
  test('there are at least 50 cases', () => {
    expect(CASES.length + SURVEY.length).toBeGreaterThanOrEqual(50);
  });

  test.each(CASES)('%s', (_, c) => {
    const changes: Record<string, RawValue> = { [c.input]: c.raw };
    if (c.unit) changes.in_unit = c.unit;
    let e!: ReturnType<typeof evalWith>;
    expect(() => (e = evalWith(changes, true))).not.toThrow();
    expectSane(e);

    const parsed = e.inputs[c.input];
    if (c.value === null) expect(parsed.state).toBe('blank');
    else if (c.value === undefined) {
      expect(parsed.state).toBe('invalid');
      expect(parsed.value).toBeUndefined();
    } else {
      expect(parsed.state).toBe('ok');
      const v = parsed.value;
      if (typeof c.value === 'boolean') expect(v).toBe(c.value);
      else if (v instanceof Decimal) expect(v.toString()).toBe(c.value);
      else expect(v).toBe(c.value);
    }

    const mine = e.issues.filter((f) => f.inputs.includes(c.input));
    if (!c.finding) {
      expect(mine).toEqual([]);
      return;
    }
    const [severity, code, ...says] = c.finding;
    expect(mine.map((f) => `${f.severity} ${f.code}`)).toEqual([`${severity} ${code}`]);
    const f = mine[0];
    // the message names the field and its cell: 编制数（基本情况表!D8）
    expect(f.message).toContain(`${label(c.input)}（${cellOf(c.input)}）`);
    for (const s of says) expect(f.message).toContain(s);
    expect(f.cells).toContain(cellOf(c.input));
  });

  // rows padded to four entries: jest would pass its `done` callback in place of a missing argument
  test.each(SURVEY.map(([n, r, p, f]) => [n, r, p, f] as const))('survey answer %s', (_, raw, points, finding) => {
    let e!: ReturnType<typeof evalWith>;
    expect(() => (e = evalWith({ in_survey_answers: gridWith(raw) }, true))).not.toThrow();
    expectSane(e);
    const parsed = e.inputs.in_survey_answers;
    const mine = e.issues.filter((f) => f.inputs.includes('in_survey_answers'));
    if (points === undefined) {
      expect(parsed.state).toBe('invalid');
      expect(e.indicators.find((i) => i.id === 'satisfaction')!.status).toBe('invalid');
    } else {
      expect(parsed.state).toBe('ok');
      expect((parsed.value as SurveyTally).points.toString()).toBe(points);
    }
    if (!finding) {
      expect(mine).toEqual([]);
      return;
    }
    const [severity, code, ...says] = finding;
    expect(mine.map((f) => `${f.severity} ${f.code}`)).toEqual([`${severity} ${code}`]);
    expect(mine[0].message).toContain('满意度调查!C4');
    for (const s of says) expect(mine[0].message).toContain(s);
    expect(mine[0].cells).toEqual(['满意度调查!C4']);
  });

  test('in an error message an answer names its questionnaire, question and cell', () => {
    const e = evalWith({ in_survey_answers: gridWith('好') }, true);
    expect(e.issues[0].message).toBe('满意度调查第1份问卷第1题（满意度调查!C4）：“好”不是有效答案（应为5/4/3/0或非常满意/满意/一般/不满意）');
  });

  test('the whole message for a bad count: label, cell, what was typed, what is wrong', () => {
    const e = evalWith({ in_staff_quota: '17.5' }, true);
    expect(e.issues.map((f) => [f.severity, f.code, f.message, f.inputs, f.cells])).toEqual([
      ['error', 'invalid_value', '编制数（基本情况表!D8）：“17.5”应为整数', ['in_staff_quota'], ['基本情况表!D8']],
    ]);
    expect(e.indicators.find((i) => i.id === 'staff_control')!.text).toBe('输入有误：编制数，请先更正');
  });

  test('a survey grid that is not a grid', () => {
    const e = evalWith({ in_survey_answers: 'abc' }, true);
    expect(e.issues.map((f) => [f.severity, f.code, f.message])).toEqual([
      ['error', 'invalid_value', '满意度调查答卷（满意度调查!C4）：应为逐份问卷的答案表'],
    ]);
  });

  test('answers beyond the tenth question are not scored, with a warning', () => {
    const grid = gridWith('非常满意');
    grid[0].push('非常满意');
    const e = evalWith({ in_survey_answers: grid }, true);
    expect(e.issues.map((f) => [f.severity, f.code, f.message])).toEqual([
      ['warning', 'extra_answers', '满意度调查第1份问卷（满意度调查!M4）：超出10题的内容不计分'],
    ]);
    expect(e.total.toNumber()).toBe(73.28);
  });

  test.each([-0, '-0', '-0.00', '−0', '－０', '(0)', '-0分'] as RawValue[])('a self-score of %p is 0: in range, unsigned, written 0', (raw) => {
    const e = evalWith({ in_benefit_economic: raw }, true);
    const parsed = e.inputs.in_benefit_economic.value as Decimal;
    expect(parsed.isZero() && !parsed.isNeg()).toBe(true);
    const benefit = e.indicators.find((i) => i.id === 'benefit_economic')!;
    expect(benefit.status).toBe('ok');
    expect(benefit.score!.isNeg()).toBe(false);
    expect(benefit.text).toMatch(/^自评得分0分/);
    expect(e.issues.filter((f) => f.inputs.includes('in_benefit_economic'))).toEqual([]);
  });

  test('without cells, messages name the input key as the place to fix', () => {
    const e = evalWith({ in_staff_quota: 'abc' });
    expect(e.issues[0].message).toBe('编制数（in_staff_quota）：“abc”不是有效的数字');
    expect(e.issues[0].cells).toEqual([]);
  });
});
