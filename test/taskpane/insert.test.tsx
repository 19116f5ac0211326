/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from '../../src/taskpane/App';
import { yearProblem } from '../../src/taskpane/InsertTemplateView';
import { FakeSession } from './fakeSession';

async function openEmptyWorkbook() {
  const session = new FakeSession({ hasTemplate: false, values: {} });
  const user = userEvent.setup();
  render(<App session={session} theme="light" />);
  await screen.findByTestId('insert-template');
  return { session, user };
}

const deptInput = () => screen.getByLabelText(/部门（单位）名称/);
const yearInput = () => screen.getByLabelText(/评价年度/);

describe('insert view', () => {
  test('shows when detect finds no template; nothing is recomputed yet', async () => {
    const { session } = await openEmptyWorkbook();
    expect(session.detect).toHaveBeenCalledTimes(1);
    expect(session.recompute).not.toHaveBeenCalled();
    expect(screen.getByRole('heading', { level: 2, name: '插入模板' })).toBeInTheDocument();
    expect(screen.queryByTestId('total-score')).not.toBeInTheDocument();
    // defaults: 万元, all three sheets, the two required ones cannot be unticked
    expect(screen.getByRole('radio', { name: '万元' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: '基本情况表（必需）' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: '评分表（必需）' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: '满意度调查（可选）' })).toBeChecked();
    expect(yearInput()).toHaveValue(String(new Date().getFullYear() - 1));
  });

  test('validates the department name and a 4-digit year before inserting', async () => {
    const { session, user } = await openEmptyWorkbook();
    await user.clear(yearInput());
    await user.type(yearInput(), '24');
    await user.click(screen.getByTestId('insert-template'));
    expect(screen.getByText('请填写部门（单位）名称')).toBeInTheDocument();
    expect(screen.getByText('请输入 4 位数字的年度，如 2024')).toBeInTheDocument();
    expect(deptInput()).toHaveAttribute('aria-invalid', 'true');
    expect(yearInput()).toHaveAttribute('aria-invalid', 'true');
    expect(session.insertTemplate).not.toHaveBeenCalled();

    await user.type(deptInput(), '示例县政务服务中心');
    expect(screen.queryByText('请填写部门（单位）名称')).not.toBeInTheDocument();
    await user.clear(yearInput());
    await user.type(yearInput(), '1999');
    expect(screen.getByText('评价年度应在 2000 至 2100 之间')).toBeInTheDocument();
    await user.click(screen.getByTestId('insert-template'));
    expect(session.insertTemplate).not.toHaveBeenCalled();
  });

  test('inserts with the chosen unit and sheets, shows progress, then switches to the panel', async () => {
    const { session, user } = await openEmptyWorkbook();
    let release!: () => void;
    session.insertGate = new Promise<void>((r) => (release = r));

    await user.type(deptInput(), '  示例县政务服务中心 ');
    await user.clear(yearInput());
    await user.type(yearInput(), '2024');
    await user.click(screen.getByRole('radio', { name: '元' }));
    await user.click(screen.getByRole('checkbox', { name: '满意度调查（可选）' }));
    await user.click(screen.getByTestId('insert-template'));

    expect(session.insertTemplate).toHaveBeenCalledTimes(1);
    const [scheme, options] = session.insertTemplate.mock.calls[0];
    expect(scheme.id).toBe('dept-2013');
    expect(options).toEqual({ dept: '示例县政务服务中心', year: 2024, unit: '元', sheets: ['summary', 'scoring'] });

    // while it works: the step text and the bar from the progress callback, the button busy
    expect(await screen.findByTestId('insert-step')).toHaveTextContent('正在创建工作表…');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0.25');
    expect(screen.getByTestId('insert-template')).toBeDisabled();
    expect(deptInput()).toBeDisabled();

    await act(async () => release());
    expect(await screen.findByTestId('total-score')).toBeInTheDocument();
    expect(session.recompute).toHaveBeenCalledWith('insert');
    expect(screen.queryByTestId('insert-template')).not.toBeInTheDocument();
    expect(screen.getByTestId('message')).toHaveTextContent('模板已插入');
    // a fresh template: nothing entered, so nothing can be graded yet
    expect(screen.getByTestId('grade')).toHaveTextContent('未完成');
    expect(screen.getByTestId('indicator-staff_control')).toHaveTextContent('待填写');
  });

  test('Enter in a field submits the form', async () => {
    const { session, user } = await openEmptyWorkbook();
    await user.type(deptInput(), '某县财政局{Enter}');
    expect(session.insertTemplate).toHaveBeenCalledTimes(1);
    expect(session.insertTemplate.mock.calls[0][1]).toMatchObject({ unit: '万元', sheets: ['summary', 'scoring', 'survey'] });
    expect(await screen.findByTestId('total-score')).toBeInTheDocument();
  });

  test('a renamed sheet is reported', async () => {
    const { session, user } = await openEmptyWorkbook();
    session.insertTemplate.mockImplementationOnce(async () => {
      session.hasTemplate = true;
      return { sheets: { summary: '基本情况表 (2)', scoring: '评分表', survey: '满意度调查' }, resumed: false };
    });
    await user.type(deptInput(), '某县财政局');
    await user.click(screen.getByTestId('insert-template'));
    expect(await screen.findByTestId('message')).toHaveTextContent('已有同名工作表“基本情况表”，新表命名为“基本情况表 (2)”。');
  });

  test('a failed insert keeps the form, shows a Chinese error and lets the officer retry', async () => {
    const { session, user } = await openEmptyWorkbook();
    session.insertTemplate.mockRejectedValueOnce(Object.assign(new Error('Access denied'), { code: 'AccessDenied' }));
    await user.type(deptInput(), '某县财政局');
    await user.click(screen.getByTestId('insert-template'));
    expect(await screen.findByTestId('error')).toHaveTextContent('插入模板失败：工作簿处于只读或受保护状态，无法写入。');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(deptInput()).toHaveValue('某县财政局');
    await user.click(screen.getByTestId('insert-template'));
    expect(await screen.findByTestId('total-score')).toBeInTheDocument();
    expect(screen.queryByTestId('error')).not.toBeInTheDocument();
  });
});

test('yearProblem', () => {
  expect(yearProblem('2024')).toBeUndefined();
  expect(yearProblem(' 2024 ')).toBeUndefined();
  expect(yearProblem('24')).toMatch(/4 位数字/);
  expect(yearProblem('２０２４')).toMatch(/4 位数字/);
  expect(yearProblem('20a4')).toMatch(/4 位数字/);
  expect(yearProblem('2101')).toMatch(/2000 至 2100/);
});
