import { getScheme } from '../../src/engine';
import { cellValueOf, formValueOf, formValuesOf, isBlank, numberText } from '../../src/workbook/browser/formValues';

const scheme = getScheme();
const input = (name: string) => scheme.input(name);

test('numbers typed plainly or with thousands separators are stored as numbers, like Excel does', () => {
  expect(cellValueOf(input('in_staff_actual'), '21')).toBe(21);
  expect(cellValueOf(input('in_budget_initial'), ' 4,360,097.54 ')).toBe(4360097.54);
  expect(cellValueOf(input('in_budget_adjust'), '-30')).toBe(-30);
  expect(cellValueOf(input('in_year'), '2024')).toBe(2024);
});

test('anything else is kept as typed, for the engine to read or report', () => {
  expect(cellValueOf(input('in_staff_actual'), '17人')).toBe('17人');
  expect(cellValueOf(input('in_staff_actual'), '十七')).toBe('十七');
  expect(cellValueOf(input('in_budget_initial'), '436.01万元')).toBe('436.01万元');
  expect(cellValueOf(input('in_budget_initial'), '12345678901234567')).toBe('12345678901234567'); // beyond a double
  expect(cellValueOf(input('in_dept_name'), '  示例  ')).toBe('  示例  ');
  expect(cellValueOf(input('in_goal_fit_1'), ' 是 ')).toBe('是');
  expect(cellValueOf(input('in_staff_actual'), '   ')).toBeNull();
});

test('dates typed as 2025-03-15 become dates; other text stays text', () => {
  expect(cellValueOf(input('in_fill_date'), '2025-03-15')).toEqual(new Date(Date.UTC(2025, 2, 15)));
  expect(cellValueOf(input('in_fill_date'), '2025/2/30')).toBe('2025/2/30');
  expect(cellValueOf(input('in_fill_date'), '2025年3月15日')).toBe('2025年3月15日');
});

test('survey grids: numbers as numbers, words as words, blanks as empty cells', () => {
  expect(cellValueOf(input('in_survey_answers'), [['非常满意', '5', ' '], []])).toEqual([['非常满意', 5, null], []]);
  expect(cellValueOf(input('in_survey_answers'), 'x')).toEqual([]);
});

test('what a workbook holds is shown as text the form can edit and give back unchanged', () => {
  expect(formValueOf(input('in_staff_actual'), 21)).toBe('21');
  expect(formValueOf(input('in_budget_initial'), 0.1 + 0.2)).toBe('0.3');
  expect(formValueOf(input('in_goal_fit_1'), true)).toBe('是');
  expect(formValueOf(input('in_goal_fit_1'), false)).toBe('否');
  expect(formValueOf(input('in_fill_date'), new Date(Date.UTC(2025, 2, 15)))).toBe('2025-03-15');
  expect(formValueOf(input('in_dept_name'), null)).toBe('');
  const grid = formValueOf(input('in_survey_answers'), [[5, '满意', null], [null, null], [null]]);
  expect(grid).toHaveLength(1);
  expect((grid as string[][])[0].slice(0, 3)).toEqual(['5', '满意', '']);
  expect((grid as string[][])[0]).toHaveLength(10);
  for (const v of [21, 4360097.54, '17人', '是']) {
    const shown = formValueOf(input('in_staff_actual'), v);
    expect(cellValueOf(input('in_staff_actual'), shown)).toBe(v);
  }
  expect(numberText(1e21)).toBe('1e+21');
});

test('formValuesOf covers every input; isBlank knows grids', () => {
  const values = formValuesOf(scheme, {});
  expect(Object.keys(values).sort()).toEqual(scheme.inputs.map((i) => i.name).sort());
  expect(isBlank(values.in_survey_answers)).toBe(true);
  expect(isBlank([['', ' ']])).toBe(true);
  expect(isBlank([['', '满意']])).toBe(false);
  expect(isBlank(' x ')).toBe(false);
});
