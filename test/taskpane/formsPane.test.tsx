/** @jest-environment jsdom */
/**
 * The pane with the target-table schemes: choosing the scheme and the number of projects when inserting, the
 * forms of a workbook as tabs, a form's rows by 一级/二级 with the execution line, findings that jump to the
 * project's own sheet, and 添加项目 — on a session that scores real values with the engine.
 */
import '@testing-library/jest-dom';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { evaluate, getScheme, type RawValue, type Scheme } from '../../src/engine';
import type { FormResult, InsertOptions, InsertReport, PaneSession, RecomputeReason, RecomputeResult } from '../../src/workbook/session';
import App from '../../src/taskpane/App';
import { InsertTemplateView } from '../../src/taskpane/InsertTemplateView';
import { shippedEntries } from '../../src/taskpane/schemeCatalog';
import { project, projectExample } from '../workbook/formsHelpers';

const sheetOf = (k: number) => `项目支出绩效自评表${k}`;

/** A workbook of project forms in memory: each sheet's inputs, scored by the engine as the Office session does. */
class ProjectsSession implements PaneSession {
  sheets: { sheet: string; values: Record<string, RawValue> }[];
  hasTemplate: boolean;
  constructor(sheets: { sheet: string; values: Record<string, RawValue> }[], hasTemplate = true) {
    this.sheets = sheets;
    this.hasTemplate = hasTemplate;
  }
  detect = jest.fn(async (): Promise<Scheme | null> => (this.hasTemplate ? project : null));
  insertTemplate = jest.fn(async (_scheme: Scheme, options: InsertOptions): Promise<InsertReport> => {
    this.hasTemplate = true;
    this.sheets = Array.from({ length: options.projects ?? 1 }, (_, k) => ({ sheet: sheetOf(k + 1), values: { in_dept_name: options.dept ?? null } }));
    return { sheets: {}, resumed: false };
  });
  addProject = jest.fn(async (name?: string) => {
    const sheet = name ?? sheetOf(this.sheets.length + 1);
    this.sheets.push({ sheet, values: {} });
    return { sheet };
  });
  recompute = jest.fn(async (reason: RecomputeReason): Promise<RecomputeResult> => {
    const forms = this.forms();
    return { evaluation: forms[0].evaluation, forms, reason, changedSinceSync: [], written: 0 };
  });
  current = jest.fn(async () => {
    const forms = this.forms();
    return { scheme: project, values: this.sheets[0].values, evaluation: forms[0].evaluation, forms: forms.map((f, k) => ({ ...f, values: this.sheets[k].values })) };
  });
  select = jest.fn<Promise<undefined>, [cell: string]>(async () => undefined);
  subscribe = jest.fn(() => () => undefined);

  private forms(): FormResult[] {
    return this.sheets.map(({ sheet, values }) => {
      // the table at A16 and the funds at D7/F7/H7 of each project's own sheet
      const cells = { in_indicators: { sheet, address: 'A16' }, in_fund_full: { sheet, address: 'F7' }, in_fund_spent: { sheet, address: 'H7' } };
      const evaluation = evaluate(project, { values, cells });
      return { sheet, title: evaluation.project?.trim() || sheet, evaluation };
    });
  }
}

function twoProjects(): ProjectsSession {
  return new ProjectsSession([
    { sheet: sheetOf(1), values: projectExample() },
    { sheet: sheetOf(2), values: projectExample({ in_project_name: '智慧办税', in_fund_spent: 90 }) },
  ]);
}

describe('插入模板: the scheme and the number of projects', () => {
  test('every shipped scheme is offered; project-2020 asks how many projects and inserts them', async () => {
    const user = userEvent.setup();
    const session = new ProjectsSession([], false);
    render(<App session={session} theme="light" />);
    const choice = (await screen.findByTestId('scheme-choice')) as HTMLSelectElement;
    const titles = [...choice.options].map((o) => o.textContent);
    expect(titles).toEqual(['dept-2013', 'project-2020', 'dept-2020'].map((id) => getScheme(id).title));
    // dept-2013 first: its sheets to choose, no project count
    expect(screen.getByRole('checkbox', { name: '满意度调查（可选）' })).toBeInTheDocument();
    expect(screen.queryByTestId('project-count')).not.toBeInTheDocument();

    await user.selectOptions(choice, [...choice.options].find((o) => o.textContent === project.title)!);
    expect(screen.queryByRole('checkbox', { name: '满意度调查（可选）' })).not.toBeInTheDocument();
    const count = screen.getByTestId('project-count');
    await user.clear(count);
    await user.type(count, '0');
    await user.type(screen.getByRole('textbox', { name: /部门（单位）名称/ }), '示例县数据局');
    await user.click(screen.getByTestId('insert-template'));
    expect(await screen.findByText('项目数应在 1 至 50 之间')).toBeInTheDocument();
    expect(session.insertTemplate).not.toHaveBeenCalled();

    await user.clear(count);
    await user.type(count, '3');
    await user.click(screen.getByTestId('insert-template'));
    await waitFor(() => expect(session.insertTemplate).toHaveBeenCalledTimes(1));
    const [scheme, options] = session.insertTemplate.mock.calls[0];
    expect(scheme.id).toBe('project-2020');
    expect(options).toMatchObject({ projects: 3, dept: '示例县数据局', unit: '万元' });
    // the three blank projects as tabs once inserted
    await waitFor(() => expect(screen.getAllByRole('tab')).toHaveLength(3));
    expect(session.recompute).toHaveBeenCalledWith('insert');
  });

  test('a scheme file that failed validation is listed, disabled, with its problem', () => {
    const entries = [
      ...shippedEntries(),
      { id: 'hunan-2024', title: '湖南省项目支出绩效自评', version: '1', source: 'folder' as const, scheme: null, file: 'hunan.json', problem: '权重合计应为 90，实为 80' },
    ];
    render(
      <FluentProvider theme={webLightTheme}>
        <InsertTemplateView entries={entries} busy={false} progress={null} onInsert={() => undefined} />
      </FluentProvider>,
    );
    const refused = [...(screen.getByTestId('scheme-choice') as HTMLSelectElement).options].find((o) => o.textContent?.startsWith('湖南省'))!;
    expect(refused.disabled).toBe(true);
    expect(screen.getByTestId('schemes-refused')).toHaveTextContent('“湖南省项目支出绩效自评”（hunan.json）不能使用：权重合计应为 90，实为 80');
  });
});

describe('the forms of a workbook', () => {
  test('tabs with each total and grade; the chosen form shows its rows by 一级/二级, its execution line, its findings on its own sheet', async () => {
    const user = userEvent.setup();
    const session = twoProjects();
    render(<App session={session} theme="light" />);
    await waitFor(() => expect(screen.getAllByRole('tab')).toHaveLength(2));
    expect(screen.getAllByTestId(`form-total-${sheetOf(1)}`)[0]).toHaveTextContent(/^92\.96$/);
    expect(screen.getAllByTestId(`form-grade-${sheetOf(1)}`)[0]).toHaveTextContent(/^优$/);
    expect(screen.getByTestId('total-score')).toHaveTextContent(/^92\.96$/);
    expect(screen.getByRole('heading', { level: 2, name: '政务数据共享平台运维' })).toBeInTheDocument();
    // 预算执行率 first, then the rows by 一级指标, each with its 二级指标
    const groups = [...document.querySelectorAll('h3')].map((h) => h.textContent);
    expect(groups[0]).toMatch(/^预算执行率/);
    expect(groups.some((g) => g?.startsWith('产出指标'))).toBe(true);
    expect(screen.getByTestId('indicator-score-exec')).toHaveTextContent('9.24 / 10');
    expect(screen.getAllByText('数量指标').length).toBeGreaterThan(0);
    expect(screen.getByTestId('indicator-score-r1')).toHaveTextContent('15 / 15');
    await user.click(screen.getByTestId('expand-all'));
    expect(screen.getByTestId('indicator-target-r1')).toHaveTextContent('年度指标值：40个；实际完成值：42个');

    await user.click(screen.getAllByRole('tab')[1]);
    expect(screen.getByTestId('total-score')).toHaveTextContent(/^\d+(\.\d+)?$/);
    expect(screen.getByRole('heading', { level: 2, name: '智慧办税' })).toBeInTheDocument();
    expect(screen.getByTestId('indicator-score-exec')).toHaveTextContent('6 / 10');
    // the worked example's 共享数据目录 overshoots its target by 24%: the warning goes to that row of this project's sheet
    const jump = screen.getByText(`定位到 ${sheetOf(2)}!G17`);
    await user.click(jump);
    expect(session.select).toHaveBeenLastCalledWith(`${sheetOf(2)}!G17`);
  });

  test('添加项目 adds a project, rescored, and shows its tab', async () => {
    const user = userEvent.setup();
    const session = twoProjects();
    render(<App session={session} theme="light" />);
    await waitFor(() => expect(screen.getAllByRole('tab')).toHaveLength(2));
    await user.click(screen.getByTestId('add-project'));
    await waitFor(() => expect(screen.getAllByRole('tab')).toHaveLength(3));
    expect(session.addProject).toHaveBeenCalledTimes(1);
    expect(session.recompute).toHaveBeenLastCalledWith('insert');
    expect(screen.getAllByRole('tab')[2]).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('message')).toHaveTextContent(`已添加项目表“${sheetOf(3)}”，并已列入项目自评汇总。`);
    // the first project still as it was
    expect(screen.getAllByTestId(`form-total-${sheetOf(1)}`)[0]).toHaveTextContent(/^92\.96$/);
  });

  test('no 添加项目 where the session cannot add one (a one-form scheme)', async () => {
    const session = twoProjects();
    const { addProject: _omit, ...rest } = session as unknown as Record<string, unknown>;
    void _omit;
    const bare = Object.assign(Object.create(Object.getPrototypeOf(session)), rest) as PaneSession;
    render(<App session={bare} theme="light" />);
    await waitFor(() => expect(screen.getAllByRole('tab')).toHaveLength(2));
    expect(screen.queryByTestId('add-project')).not.toBeInTheDocument();
    expect(within(screen.getByTestId('form-tabs')).getAllByRole('tab')[0]).toHaveAttribute('aria-selected', 'true');
  });

  test('what changed offline is said by project and label', async () => {
    const session = twoProjects();
    const open = session.recompute.getMockImplementation()!;
    session.recompute.mockImplementationOnce(async (reason) => ({ ...(await open(reason)), changedSinceSync: [`${sheetOf(2)}!in_fund_spent`, `${sheetOf(1)}!in_indicators`] }));
    render(<App session={session} theme="light" />);
    const message = await screen.findByTestId('message');
    expect(message).toHaveTextContent(
      `离线修改了 2 项输入（${sheetOf(2)}：${project.input('in_fund_spent').label}、${sheetOf(1)}：${project.table('in_indicators').label}），已重新计算`,
    );
  });
});
