/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// the rows form of a project-2020 workbook in the standalone page: typing scores, 定性 pickers, invalid numbers,
// rows added, deleted (confirmed) and moved, projects added
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { evaluate, getScheme } from '../../src/engine';
import { FileSession } from '../../src/workbook/browser/fileSession';
import { tableCellsOf } from '../../src/workbook/browser/formValues';
import { StandaloneApp } from '../../src/taskpane/standalone/StandaloneApp';
import { rowFieldId } from '../../src/taskpane/standalone/TargetRows';
import { carried, deleteRow, moveRow } from '../../src/taskpane/standalone/rowEdits';

const project = getScheme('project-2020');
const table = project.table('in_indicators');
const F = Object.fromEntries(table.fields.map((f, i) => [f.name, i])) as Record<string, number>;
const WAIT = { timeout: 8000 };

beforeEach(() => window.localStorage.clear());

async function load() {
  const session = new FileSession({ debounceMs: 10, schemes: [getScheme('dept-2013'), project], drafts: null });
  await session.insertTemplate(project, { dept: '示例县数据局', year: 2024, unit: '万元', sheets: [] }, () => undefined);
  render(<StandaloneApp session={session} theme="light" />);
  await waitFor(() => expect(screen.getByTestId('forms-editor')).toBeInTheDocument(), WAIT);
  await waitFor(() => expect(screen.getByTestId('total-score')).toBeInTheDocument(), WAIT);
  return session;
}

const cell = (r: number, field: string, form = 0) => document.getElementById(rowFieldId(`jx-f${form}`, 'in_indicators', r, F[field])) as HTMLInputElement | HTMLSelectElement;
const type = (r: number, field: string, value: string, form = 0) => fireEvent.change(cell(r, field, form), { target: { value } });
/** A row's button, found by id (role queries walk the whole form in jsdom, which is slow), its label checked. */
function button(r: number, action: 'up' | 'down' | 'insert' | 'delete', label: string): HTMLElement {
  const el = document.getElementById(`jx-f0-in_indicators-r${r - 1}-${action}`)!;
  expect(el).toHaveAttribute('aria-label', label);
  return el;
}
const dialogShown = () =>
  waitFor(() => {
    const d = document.querySelector<HTMLElement>('[role=dialog]');
    expect(d).not.toBeNull();
    return d!;
  });
const rowsShown = () => screen.getAllByTestId('row-in_indicators');
const total = () => screen.getByTestId('total-score').textContent;

test('typing a row scores it beside the row and moves the total to the engine’s figure', async () => {
  const session = await load();
  type(0, 'name', '培训人数');
  type(0, 'sense', '≥');
  type(0, 'target', '100');
  type(0, 'unit', '人');
  type(0, 'actual', '90');
  type(0, 'weight', '10');
  fireEvent.change(document.getElementById('jx-in_fund_full')!, { target: { value: '100' } });
  fireEvent.change(document.getElementById('jx-in_fund_spent')!, { target: { value: '80' } });
  // what the engine makes of the same inputs: 90/100×10 = 9, execution 80% → 8
  const rows = session.getSnapshot().forms[0].values.in_indicators as string[][];
  const engine = evaluate(project, { values: { in_fund_full: 100, in_fund_spent: 80, in_indicators: tableCellsOf(table, rows) } });
  const expected = engine.total.toFixed(2);
  expect(expected).toBe('17.00');
  await waitFor(() => expect(Number(total())).toBe(Number(expected)), WAIT);
  const first = rowsShown()[0];
  expect(within(first).getByTestId('row-score')).toHaveTextContent('得分 9.00 / 10分');
  expect(engine.table!.texts[0]).toContain('90/100×10=9');
  expect(within(first).getByTestId('row-text')).toHaveTextContent(`计算过程：${engine.table!.texts[0]}`);
  expect(first.querySelector('legend')).toHaveTextContent('第1行：培训人数');
});

test('定性 rows get the 完成情况 picker with the scheme’s bands; other rows do not', async () => {
  await load();
  expect(cell(0, 'rating')).toBeNull();
  type(0, 'name', '服务质量');
  type(0, 'sense', '定性');
  type(0, 'target', '明显提升');
  type(0, 'weight', '10');
  const picker = cell(0, 'rating') as HTMLSelectElement;
  expect(picker.tagName).toBe('SELECT');
  expect([...picker.options].map((o) => o.value)).toEqual(['', '达成', '部分达成', '未达成']);
  fireEvent.change(picker, { target: { value: '部分达成' } });
  type(0, 'score', '7');
  await waitFor(() => expect(within(rowsShown()[0]).getByTestId('row-score')).toHaveTextContent('得分 7.00 / 10分'), WAIT);
  // the 指标性质 picker offers exactly the four senses
  expect([...(cell(1, 'sense') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['', '≥', '≤', '=', '定性']);
});

test('an invalid 分值 says so in Chinese, naming the field and the cell, on its row', async () => {
  await load();
  type(2, 'name', '系统可用率');
  type(2, 'target', '≥99%');
  type(2, 'actual', '99.5%');
  type(2, 'weight', '十分');
  await waitFor(
    () => expect(within(rowsShown()[2]).getByText(/绩效指标第3行分值（项目支出绩效自评表!H18）：“十分”不是有效的数字/)).toBeInTheDocument(),
    WAIT,
  );
});

test('rows added, moved and deleted: the levels stay with their rows, deleting a filled row asks first', async () => {
  const session = await load();
  const rowsNow = () => session.getSnapshot().forms[0].values.in_indicators as string[][];
  expect(rowsShown()).toHaveLength(22);
  // the template's first row: 产出指标 / 数量指标; row 2 inherits both
  type(1, 'name', '甲');
  type(2, 'name', '乙');
  fireEvent.click(screen.getByTestId('add-row-in_indicators'));
  expect(rowsShown()).toHaveLength(23);
  expect(rowsNow()).toHaveLength(23);

  // 乙 (row 3, under 质量指标 as laid out) moved up above 甲: it keeps its 质量指标, 甲 keeps 数量指标
  expect(rowsNow()[2][F.level2]).toBe('质量指标');
  fireEvent.click(button(3, 'up', '上移第3行'));
  expect(rowsNow().slice(0, 3).map((r) => [r[F.level2], r[F.name]])).toEqual([
    ['数量指标', ''],
    ['质量指标', '乙'],
    ['数量指标', '甲'],
  ]);
  await waitFor(() => expect(document.activeElement?.id).toBe('jx-f0-in_indicators-r1-up'));

  // a filled row: confirmation, and 取消 keeps it
  fireEvent.click(button(2, 'delete', '删除第2行'));
  const dialog = await dialogShown();
  expect(dialog).toHaveTextContent('删除第2行？');
  expect(dialog).toHaveTextContent('质量指标、乙');
  fireEvent.click(within(dialog).getByTestId('cancel-delete'));
  await waitFor(() => expect(document.querySelector('[role=dialog]')).toBeNull());
  expect(rowsNow()[1][F.name]).toBe('乙');
  fireEvent.click(button(2, 'delete', '删除第2行'));
  fireEvent.click(within(await dialogShown()).getByTestId('confirm-delete'));
  await waitFor(() => expect(rowsNow()).toHaveLength(22));
  expect(rowsNow()[1][F.name]).toBe('甲');
  expect(rowsNow()[1][F.level2]).toBe('数量指标');

  // a blank row goes without asking
  fireEvent.click(button(22, 'delete', '删除第22行'));
  expect(document.querySelector('[role=dialog]')).toBeNull();
  expect(rowsNow()).toHaveLength(21);
  // a row inserted below row 2 is blank and inherits from above
  fireEvent.click(button(2, 'insert', '在第2行下方插入一行'));
  expect(rowsNow()[2].every((v) => v === '')).toBe(true);
  expect((cell(2, 'level2') as HTMLSelectElement).selectedOptions[0].textContent).toBe('同上（数量指标）');
});

test('添加项目 adds a tab; each project keeps its own rows', async () => {
  const session = await load();
  type(0, 'name', '第一项目的指标');
  fireEvent.click(screen.getByTestId('add-project'));
  await waitFor(() => expect(screen.getAllByTestId('form-tab')).toHaveLength(2), WAIT);
  await waitFor(() => expect(screen.getAllByTestId('form-tab')[1]).toHaveAttribute('aria-selected', 'true'), WAIT);
  expect(cell(0, 'name', 1).value).toBe('');
  type(0, 'name', '第二项目的指标', 1);
  await act(() => session.settle());
  const forms = session.getSnapshot().forms;
  expect(forms.map((f) => (f.values.in_indicators as string[][])[0][F.name])).toEqual(['第一项目的指标', '第二项目的指标']);
  fireEvent.click(screen.getAllByTestId('form-tab')[0]);
  await waitFor(() => expect(cell(0, 'name', 0).value).toBe('第一项目的指标'));
});

describe('row edits', () => {
  const r = (l1: string, l2: string, name: string) => [l1, l2, name];
  const carry = [0, 1];
  test('levels carry down, a new 一级 resets the 二级', () => {
    expect(carried([r('产出', '数量', 'a'), r('', '', 'b'), r('效益', '', 'c'), r('', '社会', 'd')], carry)).toEqual([
      ['产出', '数量'],
      ['产出', '数量'],
      ['效益', ''],
      ['效益', '社会'],
    ]);
  });
  test('deleting the row that starts a group leaves the next row in that group', () => {
    expect(deleteRow([r('产出', '数量', 'a'), r('', '', 'b')], 0, carry)).toEqual([r('产出', '数量', 'b')]);
  });
  test('moving a row keeps it and its neighbours in their groups', () => {
    expect(moveRow([r('产出', '数量', 'a'), r('', '质量', 'b'), r('', '', 'c')], 2, 0, carry)).toEqual([
      r('产出', '质量', 'c'),
      r('产出', '数量', 'a'),
      r('产出', '质量', 'b'),
    ]);
  });
});
