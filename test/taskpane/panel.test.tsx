/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { StrictMode } from 'react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from '../../src/taskpane/App';
import { FakeSession, sampleValues } from './fakeSession';

async function openPane(session = new FakeSession()) {
  const user = userEvent.setup();
  render(<App session={session} theme="light" />);
  await screen.findByTestId('total-score');
  return { session, user };
}

describe('score panel on the worked example', () => {
  test('starts with detect → recompute(open), shows 73.28 / 100 and 中', async () => {
    const { session } = await openPane();
    expect(session.detect).toHaveBeenCalledTimes(1);
    expect(session.recompute).toHaveBeenCalledWith('open');
    expect(session.subscribe).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('total-score')).toHaveTextContent(/^73\.28$/);
    expect(screen.getByTestId('total-score').parentElement).toHaveTextContent('总分 73.28 / 100');
    expect(screen.getByTestId('grade')).toHaveTextContent(/^中$/);
    // the total and grade sit in one polite live region
    const live = screen.getByTestId('total-score').closest('[aria-live]');
    expect(live).toHaveAttribute('aria-live', 'polite');
    expect(live).toHaveAttribute('aria-atomic', 'true');
    expect(live).toContainElement(screen.getByTestId('grade'));
    // opened in sync: nothing to say
    expect(screen.queryByTestId('message')).not.toBeInTheDocument();
    expect(screen.queryByTestId('insert-template')).not.toBeInTheDocument();
  });

  test('each indicator shows how its score stands: 满分, 部分得分 or 未得分, never a plain 正常', async () => {
    await openPane();
    const expected: Record<string, string> = {
      goal_fit: '3 / 3',
      goal_clarity: '4 / 5',
      staff_control: '2 / 4',
      sangong_change: '2.4 / 4',
      key_spend_ratio: '3 / 4',
      budget_adjust: '3 / 4',
      spend_progress: '2.5 / 4',
      surplus: '3 / 4',
      sangong_control: '0 / 4',
      fixed_asset_use: '2 / 3',
      key_work_completion: '9 / 10',
      key_work_quality: '1 / 6',
      benefit_social: '3.5 / 4',
      satisfaction: '6.88 / 8',
    };
    const standing = (id: string) => screen.getByTestId(`indicator-${id}`).querySelector('[data-standing]');
    for (const [id, text] of Object.entries(expected)) {
      const item = screen.getByTestId(`indicator-${id}`);
      expect(item).toHaveTextContent(text);
      expect(item).not.toHaveTextContent('正常');
    }
    expect(standing('goal_fit')).toHaveTextContent('满分');
    expect(standing('goal_fit')).toHaveAttribute('data-standing', 'full');
    expect(standing('staff_control')).toHaveTextContent('部分得分');
    // 0 / 4 earned by the figures: not a success, and not red like a wrong value either
    expect(standing('sangong_control')).toHaveTextContent('未得分');
    expect(standing('sangong_control')).toHaveAttribute('data-standing', 'zero');
    expect(screen.getAllByTestId(/^indicator-[a-z_]+$/)).toHaveLength(21);
  });

  test('展开全部计算过程 shows every calculation text at once, and hides them again', async () => {
    const { user } = await openPane();
    const headers = screen.getAllByTestId(/^indicator-[a-z_]+$/).map((item) => item.querySelector('button')!);
    expect(headers.every((h) => h.getAttribute('aria-expanded') === 'false')).toBe(true);
    const toggle = screen.getByTestId('expand-all');
    expect(toggle).toHaveTextContent('展开全部计算过程');
    await user.click(toggle);
    expect(headers.every((h) => h.getAttribute('aria-expanded') === 'true')).toBe(true);
    expect(screen.getByTestId('indicator-staff_control')).toHaveTextContent('105.00%');
    expect(screen.getByTestId('indicator-satisfaction')).toHaveTextContent('430');
    expect(toggle).toHaveTextContent('收起全部计算过程');
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    // one closed by hand: the button offers to open all again
    await user.click(headers[0]);
    expect(toggle).toHaveTextContent('展开全部计算过程');
    await user.click(toggle);
    await user.click(toggle);
    expect(headers.every((h) => h.getAttribute('aria-expanded') === 'false')).toBe(true);
  });

  test('the summary stays in sight: total, grade in its colour, how much is filled, and nothing to fix', async () => {
    await openPane();
    const summary = screen.getByTestId('result-summary');
    expect(summary).toContainElement(screen.getByTestId('total-score'));
    expect(summary).toContainElement(screen.getByTestId('grade'));
    expect(getComputedStyle(summary).position).toBe('sticky');
    expect(screen.getByTestId('fill-progress')).toHaveTextContent('已填 80/80 项');
    expect(summary).toHaveTextContent('没有需要更正或核对的问题。');
  });

  test('indicators are grouped by 一级指标 under headings, with subtotals', async () => {
    await openPane();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('绩效自评');
    expect(screen.getByRole('heading', { level: 2, name: '评分结果' })).toBeInTheDocument();
    const groups = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(groups).toEqual(['投入小计 14.4 / 20', '过程小计 31.5 / 44', '产出小计 10 / 16', '效果小计 17.38 / 20']);
    expect(within(screen.getByTestId('group-投入')).getByTestId('indicator-staff_control')).toBeInTheDocument();
    expect(within(screen.getByTestId('group-效果')).getByTestId('indicator-satisfaction')).toBeInTheDocument();
  });

  test('an indicator expands (by mouse or keyboard) to show its calculation text', async () => {
    const { user } = await openPane();
    const header = within(screen.getByTestId('indicator-staff_control')).getByRole('button');
    expect(header).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText(/105\.00%/)).not.toBeInTheDocument();
    await user.click(header);
    expect(header).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByTestId('indicator-staff_control')).toHaveTextContent('105.00%');

    const other = within(screen.getByTestId('indicator-satisfaction')).getByRole('button');
    other.focus();
    await user.keyboard('{Enter}');
    expect(other).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByTestId('indicator-satisfaction')).toHaveTextContent('430');
  });

  test('no findings on the clean example', async () => {
    await openPane();
    expect(screen.getByText(/问题与提示/).tagName).toBe('H2');
    expect(screen.getByText(/问题与提示/)).toHaveTextContent('问题与提示（0）');
    expect(screen.queryAllByTestId('finding')).toHaveLength(0);
    expect(screen.getByText('没有发现问题。')).toBeInTheDocument();
  });
});

describe('statuses and findings on a modified sample', () => {
  const modified = () =>
    new FakeSession({ values: sampleValues({ in_staff_quota: null, in_project_spend_total: 0, in_late_items: 'abc' }) });

  test('badges say 待填写 / 输入有误 / 不适用, the grade 未完成', async () => {
    await openPane(modified());
    const staff = screen.getByTestId('indicator-staff_control');
    expect(staff).toHaveTextContent('— / 4');
    expect(staff).toHaveTextContent('待填写');
    const late = screen.getByTestId('indicator-spend_progress');
    expect(late).toHaveTextContent('— / 4');
    expect(late).toHaveTextContent('输入有误');
    const key = screen.getByTestId('indicator-key_spend_ratio');
    expect(key).toHaveTextContent('4 / 4');
    expect(key).toHaveTextContent('不适用');
    expect(screen.getByTestId('indicator-goal_fit')).toHaveTextContent('满分');
    expect(screen.getByTestId('total-score')).toHaveTextContent(/^69\.78$/);
    expect(screen.getByTestId('grade')).toHaveTextContent(/^未完成$/);
    expect(screen.getByTestId('fill-progress')).toHaveTextContent('已填 79/80 项');
    expect(screen.getByTestId('jump-error')).toHaveTextContent('1 处需更正');
    expect(screen.getByTestId('jump-blank')).toHaveTextContent('计分还需填 1 项');
  });

  test('findings: a wrong value in red first, notes after; a blank field quietly last, not as an error', async () => {
    await openPane(modified());
    const findings = screen.getAllByTestId('finding');
    expect(findings).toHaveLength(3);
    expect(findings.map((f) => f.getAttribute('data-group'))).toEqual(['error', 'info', 'blank']);
    expect(findings[0]).toHaveTextContent('错误');
    expect(findings[0]).toHaveTextContent('未按进度支出的资金项数（基本情况表!D35）');
    expect(findings[1]).toHaveTextContent('提示');
    expect(findings[1]).toHaveTextContent('本指标不适用');
    expect(findings[2]).toHaveTextContent('编制数（基本情况表!D8）未填写');
    expect(findings[2]).not.toHaveTextContent('错误');
    // (headings looked up by id: role queries walk the whole pane in jsdom, which is slow)
    expect(document.getElementById('findings-heading')).toHaveTextContent(/^问题与提示（2）$/);
    expect(document.getElementById('findings-error')).toHaveTextContent(/^需要更正（1）$/);
    expect(document.getElementById('findings-blank')).toHaveTextContent(/^尚未填写（1）$/);
    expect(document.getElementById('findings-error')!.tagName).toBe('H3');
  });

  test('findings within a group follow the form, not the order the rules ran in', async () => {
    // 未按进度 (section 四) and 年末实际在职人数 (section 一) both wrong: the form's order puts 一 first
    await openPane(new FakeSession({ values: sampleValues({ in_late_items: 'abc', in_staff_actual: '十七' }) }));
    const errors = screen.getAllByTestId('finding').filter((f) => f.getAttribute('data-group') === 'error');
    expect(errors.map((f) => f.textContent?.replace(/^错误/, '').split('（')[0])).toEqual(['年末实际在职人数', '未按进度支出的资金项数']);
  });

  test('a jump button takes the keyboard to its group of findings', async () => {
    const { user } = await openPane(modified());
    await user.click(screen.getByTestId('jump-blank'));
    expect(document.activeElement).toBe(document.getElementById('findings-blank'));
    expect(document.activeElement).toHaveTextContent('尚未填写（1）');
  });

  test('clicking a finding selects its cell', async () => {
    const { session, user } = await openPane(modified());
    await user.click(screen.getAllByTestId('finding')[2]);
    expect(session.select).toHaveBeenCalledWith('基本情况表!D8');
  });

  test('Enter (and Space) on a focused finding selects its first cell', async () => {
    const { session, user } = await openPane(modified());
    const findings = screen.getAllByTestId('finding');
    findings[0].focus();
    expect(findings[0]).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(session.select).toHaveBeenLastCalledWith('基本情况表!D35');
    findings[1].focus();
    await user.keyboard(' ');
    // the not_applicable note names two inputs: the first one's cell is selected
    expect(session.select).toHaveBeenLastCalledWith('基本情况表!D34');
    expect(session.select).toHaveBeenCalledTimes(2);
  });

  test('findings that name a cell are native buttons, in the tab order', async () => {
    await openPane(modified());
    for (const f of screen.getAllByTestId('finding')) {
      expect(f.tagName).toBe('BUTTON');
      expect(f).toHaveAttribute('type', 'button');
      expect(f.tabIndex).toBe(0);
    }
  });

  test('a finding without a cell is shown but is not a button', async () => {
    const session = new FakeSession();
    const real = session.recompute.getMockImplementation()!;
    session.recompute.mockImplementation(async (reason) => {
      const result = await real(reason);
      result.evaluation.issues.push({ severity: 'warning', code: 'name_missing', message: '名称 in_phone 已被删除', inputs: ['in_phone'] });
      return result;
    });
    await openPane(session);
    const finding = screen.getByTestId('finding');
    expect(finding.tagName).toBe('DIV');
    expect(finding).toHaveTextContent('警告');
    expect(within(finding).queryByRole('button')).not.toBeInTheDocument();
  });
});

describe('sync', () => {
  test('同步 calls recompute(manual) and shows the number of inputs changed offline', async () => {
    const { session, user } = await openPane();
    session.changedSinceSync = ['in_staff_actual', 'in_late_items', 'in_fund_violations'];
    Object.assign(session.values, { in_staff_actual: 20, in_late_items: 0, in_fund_violations: 0 });
    await user.click(screen.getByTestId('sync'));
    expect(session.recompute).toHaveBeenLastCalledWith('manual');
    await waitFor(() =>
      expect(screen.getByTestId('message')).toHaveTextContent('离线修改了 3 项输入（年末实际在职人数、未按进度支出的资金项数、资金使用合规性：不符合要求的情况数），已重新计算'),
    );
    // 73.28 + 2 (staff) + 1.5 (progress) + 1 (compliance)
    expect(screen.getByTestId('total-score')).toHaveTextContent(/^77\.78$/);
    expect(screen.getByTestId('indicator-staff_control')).toHaveTextContent('4 / 4');
  });

  test('on open, the message says which inputs changed since the last sync', async () => {
    const session = new FakeSession();
    session.changedSinceSync = ['in_year', 'in_unit', 'in_staff_quota', 'in_staff_actual', 'in_late_items'];
    await openPane(session);
    expect(screen.getByTestId('message')).toHaveTextContent('离线修改了 5 项输入（评价年度、金额单位、编制数 等），已重新计算');
  });

  test('同步 with nothing changed says so; 导出报送版 leads, 同步 follows', async () => {
    const { user } = await openPane();
    const actions = screen.getByTestId('sync').parentElement!;
    expect([...actions.querySelectorAll('button')].map((b) => b.getAttribute('data-testid'))).toEqual(['export', 'sync']);
    await user.click(screen.getByTestId('sync'));
    await waitFor(() => expect(screen.getByTestId('message')).toHaveTextContent('输入与上次同步一致'));
  });

  test('the 同步 button says it is busy and ignores clicks while a recompute runs', async () => {
    const { session, user } = await openPane();
    let release!: () => void;
    const real = session.recompute.getMockImplementation()!;
    session.recompute.mockImplementationOnce(async (reason) => {
      await new Promise<void>((r) => (release = r));
      return real(reason);
    });
    const button = screen.getByTestId('sync');
    await user.click(button);
    expect(button).toHaveTextContent('正在同步…');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    await user.click(button);
    expect(session.recompute).toHaveBeenCalledTimes(2); // open + one manual
    await act(async () => release());
    expect(button).toHaveTextContent(/^同步$/);
    expect(button).not.toHaveAttribute('aria-disabled', 'true');
  });

  test('an update pushed by the session (an input changed) updates the total', async () => {
    const { session } = await openPane();
    expect(session.listeners.size).toBe(1);
    act(() => session.change({ in_staff_actual: 20 }));
    expect(screen.getByTestId('total-score')).toHaveTextContent(/^75\.28$/);
    expect(screen.getByTestId('indicator-staff_control')).toHaveTextContent('4 / 4');
    expect(screen.getByTestId('message')).toHaveTextContent('输入已修改，已自动重新计算');
    act(() => session.change({ in_staff_quota: '' }));
    expect(screen.getByTestId('grade')).toHaveTextContent('未完成');
    expect(screen.getByTestId('indicator-staff_control')).toHaveTextContent('待填写');
  });

  test("under StrictMode (as index.tsx renders) the open sync runs once, so its changes are not lost", async () => {
    const session = new FakeSession();
    session.changedSinceSync = ['in_year', 'in_unit', 'in_dept_head'];
    render(
      <StrictMode>
        <App session={session} theme="light" />
      </StrictMode>,
    );
    await screen.findByTestId('total-score');
    expect(session.recompute).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('message')).toHaveTextContent('离线修改了 3 项输入（评价年度、金额单位、单位负责人），已重新计算');
    expect(session.listeners.size).toBe(1);
  });

  test('unsubscribes when the pane goes away', async () => {
    const session = new FakeSession();
    const { unmount } = render(<App session={session} theme="light" />);
    await screen.findByTestId('total-score');
    expect(session.listeners.size).toBe(1);
    unmount();
    expect(session.listeners.size).toBe(0);
  });
});

describe('errors from the session', () => {
  test('a failed sync shows a Chinese message, never the English text or a stack, and the pane stays', async () => {
    const { session, user } = await openPane();
    const err = new Error("The requested resource doesn't exist.");
    err.stack = "RichApi.Error: The requested resource doesn't exist.\n    at new n (excel-web-16.00.js:25:1)";
    session.recompute.mockRejectedValueOnce(err);
    await user.click(screen.getByTestId('sync'));
    const bar = await screen.findByTestId('error');
    expect(bar).toHaveTextContent('同步失败：发生了意外错误，请重试');
    expect(document.body.textContent).not.toMatch(/requested resource|excel-web|RichApi/);
    // the last good result stays on screen
    expect(screen.getByTestId('total-score')).toHaveTextContent('73.28');
    // and a later successful sync clears the error
    await user.click(screen.getByTestId('sync'));
    await waitFor(() => expect(screen.queryByTestId('error')).not.toBeInTheDocument());
  });

  test('a known Office error code is explained', async () => {
    const { session, user } = await openPane();
    session.recompute.mockRejectedValueOnce(Object.assign(new Error('Cell edit mode'), { code: 'InvalidOperationInCellEditMode' }));
    await user.click(screen.getByTestId('sync'));
    expect(await screen.findByTestId('error')).toHaveTextContent('同步失败：单元格正处于编辑状态，请按 Enter 或 Esc 结束编辑后再试。');
  });

  test("the session's own Chinese message is shown, first line only", async () => {
    const { session, user } = await openPane(new FakeSession({ values: sampleValues({ in_staff_quota: null }) }));
    session.select.mockRejectedValueOnce(new Error('工作表“基本情况表”已被删除\n    at select (session.ts:10)'));
    await user.click(screen.getAllByTestId('finding')[0]);
    const bar = await screen.findByTestId('error');
    expect(bar).toHaveTextContent('无法定位到单元格：工作表“基本情况表”已被删除');
    expect(bar).not.toHaveTextContent('session.ts');
  });

  test('a failed first recompute still shows the panel, with 同步 to try again', async () => {
    const session = new FakeSession();
    session.recompute.mockRejectedValueOnce(new TypeError('x is undefined'));
    const user = userEvent.setup();
    render(<App session={session} theme="light" />);
    expect(await screen.findByTestId('error')).toHaveTextContent('同步失败');
    expect(screen.getByText('尚未计算，请点击“同步”。')).toBeInTheDocument();
    await user.click(screen.getByTestId('sync'));
    expect(await screen.findByTestId('total-score')).toHaveTextContent('73.28');
  });

  test('a failed detect offers 重试', async () => {
    const session = new FakeSession();
    session.detect.mockRejectedValueOnce(new Error('GeneralException'));
    const user = userEvent.setup();
    render(<App session={session} theme="light" />);
    expect(await screen.findByTestId('error')).toHaveTextContent('读取工作簿失败：发生了意外错误');
    await user.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByTestId('total-score')).toHaveTextContent('73.28');
    expect(screen.queryByTestId('error')).not.toBeInTheDocument();
  });
});
