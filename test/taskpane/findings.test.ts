import { evaluate, getScheme, type Finding } from '../../src/engine';
import { fieldMessage, fillProgress, formMessage, groupFindings, inFormOrder, rangeHint, requiredInputs } from '../../src/taskpane/findings';
import { syncNotice } from '../../src/workbook/sync';
import { sampleCells, sampleValues } from './fakeSession';

const scheme = getScheme();
const finding = (message: string, inputs: string[], code = 'invalid_value'): Finding => ({ severity: 'error', code, message, inputs });

test('messages for a form: a label with its cell becomes the label in quotes; other cell addresses go', () => {
  expect(formMessage(finding('编制数（基本情况表!D12）未填写，无法计算：财政供养人员控制率', ['in_staff_quota'], 'missing_input'), scheme)).toBe(
    '“编制数”未填写，无法计算：财政供养人员控制率',
  );
  // a label holding parentheses of its own, and a sheet name in quotes
  expect(formMessage(finding("部门（单位）名称（'基本 情况'!$D$4）未填写（必填）", ['in_dept_name'], 'missing_input'), scheme)).toBe('“部门（单位）名称”未填写（必填）');
  // without a workbook the place is the input's name
  expect(formMessage(finding('编制数（in_staff_quota）：“十七”不是有效的数字', ['in_staff_quota']), scheme)).toBe('“编制数”：“十七”不是有效的数字');
  expect(formMessage(finding('满意度调查第3份问卷有2题未作答（满意度调查!D8、满意度调查!F8），不计入有效问卷', ['in_survey_answers']), scheme)).toBe(
    '满意度调查第3份问卷有2题未作答，不计入有效问卷',
  );
});

test('under its own field: no name, and what to type when the value cannot be read', () => {
  const staff = scheme.input('in_staff_actual');
  expect(fieldMessage(finding('年末实际在职人数（基本情况表!D13）：“十七”不是有效的数字', ['in_staff_actual']), staff, scheme, '万元')).toBe(
    '“十七”不是有效的数字。请填写整数（单位：人），如 17。',
  );
  const budget = scheme.input('in_budget_initial');
  expect(fieldMessage(finding('年初预算数（基本情况表!D16）：“很多”不是有效的金额', ['in_budget_initial']), budget, scheme, '万元')).toBe(
    '“很多”不是有效的金额。请填写金额（单位：万元），如 436.01。',
  );
  // out of range already says the range
  const benefit = scheme.input('in_benefit_economic');
  expect(fieldMessage(finding('经济效益自评得分（基本情况表!D60）：5超出范围（应为0～4分）', ['in_benefit_economic'], 'out_of_range'), benefit, scheme, '')).toBe(
    '5超出范围（应为0～4分）',
  );
  expect(rangeHint(benefit)).toBe('0～4分');
  expect(rangeHint(scheme.input('in_year'))).toBe('2000～2100');
  expect(rangeHint(staff)).toBeUndefined();
});

test('groups: blank fields apart from wrong values, each field once, in the order of the form', () => {
  const values = sampleValues({ in_staff_quota: null, in_late_items: 'abc', in_survey_answers: null, in_survey_points: null, in_survey_count: null, in_staff_actual: '十七' });
  const e = evaluate(scheme, { values, cells: sampleCells(scheme) });
  const groups = groupFindings(scheme, e);
  expect(groups.error.map((f) => f.inputs[0])).toEqual(['in_staff_actual', 'in_late_items']);
  // the survey's grid and its two tally inputs are one field not yet filled
  expect(groups.blank.map((f) => f.inputs[0])).toEqual(['in_survey_answers']);
  expect(groups.blank.every((f) => f.severity === 'error' && f.code === 'missing_input')).toBe(true);
  expect(fillProgress(scheme, e)).toEqual({ filled: 78, total: 80 });
  // a count typed as 0 is a value, so a real problem, not a blank
  const zero = evaluate(scheme, { values: { ...values, in_survey_points: 0, in_survey_count: 0 }, cells: sampleCells(scheme) });
  expect(groupFindings(scheme, zero).error.some((f) => f.inputs.includes('in_survey_count'))).toBe(true);
});

test('form order: sections of the summary form first, findings naming no input last', () => {
  const late = finding('x', ['in_late_items']);
  const staff = finding('y', ['in_staff_actual']);
  const none = finding('z', []);
  expect(inFormOrder(scheme, [none, late, staff])).toEqual([staff, late, none]);
});

test('required: what the scheme marks and what some rule needs before it can score', () => {
  const required = requiredInputs(scheme);
  expect(required.has('in_dept_name')).toBe(true);
  expect(required.has('in_staff_quota')).toBe(true);
  expect(required.has('in_benefit_social')).toBe(true);
  expect(required.has('in_assets_total')).toBe(false);
  expect(required.has('in_survey_answers')).toBe(false);
});

test('a sync notice only when inputs changed (naming them), or for a sync asked for', () => {
  expect(syncNotice({ reason: 'open', changedSinceSync: [] }, scheme)).toBeNull();
  expect(syncNotice({ reason: 'focus', changedSinceSync: [] }, scheme)).toBeNull();
  expect(syncNotice({ reason: 'manual', changedSinceSync: [] }, scheme)).toBe('输入与上次同步一致');
  expect(syncNotice({ reason: 'open', changedSinceSync: ['in_staff_quota'] }, scheme)).toBe('离线修改了 1 项输入（编制数），已重新计算');
  expect(syncNotice({ reason: 'open', changedSinceSync: ['in_staff_quota', 'in_year', 'in_unit', 'in_phone'] }, scheme)).toBe(
    '离线修改了 4 项输入（编制数、评价年度、金额单位 等），已重新计算',
  );
});
