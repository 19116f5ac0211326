/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The standalone page as a first-time officer meets it: a blank template, the messages of the form, the actions,
// the keyboard, and what a sync says. (exceljs must resolve to its Node build: hence the export conditions above.)
import '@testing-library/jest-dom';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { getScheme } from '../../src/engine';
import { templateBytes as cliTemplateBytes } from '../../src/cli/files';
import { FileSession } from '../../src/workbook/browser/fileSession';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { StandaloneApp } from '../../src/taskpane/standalone/StandaloneApp';
import { exampleValues, fileOf, templateBytes, type Saved } from './helpers';

const scheme = getScheme();
const WAIT = { timeout: 8000 };

let saved: Saved[];
beforeEach(() => {
  saved = [];
  window.localStorage.clear();
});

async function load() {
  const session = new FileSession({ debounceMs: 20, save: (bytes, fileName) => saved.push({ bytes, fileName }) });
  const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
  const view = render(<StandaloneApp session={session} theme="light" />);
  await waitFor(() => expect(document.querySelector('[data-testid=total-score],[data-testid=insert-template]')).not.toBeNull(), WAIT);
  return { session, user, ...view };
}

async function open(user: ReturnType<typeof userEvent.setup>, bytes: Uint8Array, name: string) {
  await user.upload(await screen.findByTestId('open-file', undefined, WAIT), fileOf(bytes, name));
  await waitFor(() => expect(screen.getByTestId('file-name')).toHaveTextContent(name), WAIT);
  await waitFor(() => expect(screen.getByTestId('total-score')).toBeInTheDocument(), WAIT);
}

const label = (name: string) => document.querySelector(`label[for="jx-${name}"]`);

describe('a blank template', () => {
  test('is not yet filled, not wrong: no red, progress instead of 45 errors, blanks listed quietly', async () => {
    const { user } = await load();
    await open(user, await templateBytes({}, { dept: '某县财政局', year: 2024, unit: '万元' }), '空白.xlsx');
    const page = screen.getByTestId('page');
    expect(page).not.toHaveTextContent(/处输入错误/);
    expect(screen.queryAllByTestId('field-finding')).toEqual([]);
    expect(document.querySelectorAll('[aria-invalid=true]')).toHaveLength(0);
    expect(screen.getByTestId('grade')).toHaveTextContent('未完成');
    expect(screen.getByTestId('fill-progress')).toHaveTextContent('已填 3/80 项');
    expect(screen.queryByTestId('jump-error')).not.toBeInTheDocument();
    const blank = screen.getAllByTestId('jump-blank');
    // in the panel and in the strip kept in sight while typing
    expect(blank).toHaveLength(2);
    expect(blank[0]).toHaveTextContent('计分还需填 43 项');
    expect(document.getElementById('findings-blank')).toHaveTextContent('尚未填写（43）');
    expect(screen.queryByTestId('findings-error')).not.toBeInTheDocument();
    // the blanks say where, in words; no badge calls them errors
    const first = within(screen.getByTestId('findings-blank')).getAllByTestId('finding')[0];
    expect(first).toHaveTextContent('“编制数”未填写，无法计算：财政供养人员控制率');
    expect(first).not.toHaveTextContent('基本情况表!');
    expect(first).not.toHaveTextContent('错误');
  });

  test('marks with * the fields scoring needs, as the legend says', async () => {
    const { user } = await load();
    await open(user, await templateBytes({}, { dept: '某县财政局', year: 2024, unit: '万元' }), '空白.xlsx');
    expect(screen.getByText(/带 \* 的栏目是计算得分必需的/)).toBeInTheDocument();
    for (const name of ['in_dept_name', 'in_staff_quota', 'in_staff_actual', 'in_budget_initial', 'in_goal_fit_1', 'in_benefit_economic']) {
      expect([name, label(name)?.textContent]).toEqual([name, expect.stringMatching(/\*$/)]);
    }
    for (const name of ['in_dept_head', 'in_assets_total', 'in_income_total', 'in_duties', 'in_phone']) {
      expect([name, label(name)?.textContent]).toEqual([name, expect.not.stringMatching(/\*$/)]);
    }
    // a field scoring turns out to need: 上年结转 once there is a 当年结余
    expect(label('in_carryover_prev')?.textContent).not.toMatch(/\*$/);
    await user.type(screen.getByTestId('field-in_surplus_current'), '5');
    await waitFor(() => expect(label('in_carryover_prev')?.textContent).toMatch(/\*$/), WAIT);
  });
});

describe('the form speaks of what to type', () => {
  test('a wrong value: what is wrong and what to type, without the field’s own name or a cell address', async () => {
    const { user } = await load();
    await open(user, await templateBytes(exampleValues()), '示例.xlsx');
    const staff = screen.getByTestId('field-in_staff_actual');
    await user.clear(staff);
    await user.type(staff, '十七');
    const line = await waitFor(() => {
      const found = screen.getAllByTestId('field-finding').find((f) => f.getAttribute('data-input') === 'in_staff_actual');
      expect(found).toBeDefined();
      return found!;
    }, WAIT);
    expect(line).toHaveTextContent('错误：“十七”不是有效的数字。请填写整数（单位：人），如 17。');
    expect(line).not.toHaveTextContent('年末实际在职人数');
    expect(line).not.toHaveTextContent('基本情况表');
    // the panel's finding names the field in words, and offers to go there
    const finding = screen.getAllByTestId('finding').find((f) => f.textContent?.includes('十七'))!;
    expect(finding).toHaveTextContent('“年末实际在职人数”：“十七”不是有效的数字');
    expect(finding).toHaveTextContent('转到此栏');
    expect(finding).not.toHaveTextContent('基本情况表!');
  });

  test('a bounded field shows its range before any mistake', async () => {
    const { user } = await load();
    await open(user, await templateBytes(exampleValues()), '示例.xlsx');
    const field = screen.getByTestId('field-in_benefit_economic').closest('.fui-Field')!;
    expect(field).toHaveTextContent('可填 0～4分');
    expect(screen.getByTestId('field-in_year').closest('.fui-Field')).toHaveTextContent('可填 2000～2100');
  });

  test('a year out of range is wrong, but the 报送版 keeps the year typed in its file name', async () => {
    const { user } = await load();
    await open(user, await templateBytes(exampleValues()), '示例.xlsx');
    const year = screen.getByTestId('field-in_year');
    await user.clear(year);
    await user.type(year, '1999');
    await waitFor(() => expect(screen.getAllByTestId('jump-error')[0]).toHaveTextContent('1 处需更正'), WAIT);
    await user.click(screen.getByTestId('export'));
    await user.click(await screen.findByTestId('export-anyway', undefined, WAIT));
    await waitFor(() => expect(saved).toHaveLength(1), WAIT);
    expect(saved[0].fileName).toBe('示例县政务服务中心1999年度部门整体支出绩效自评表.xlsx');
  });
});

describe('actions', () => {
  test('导出报送版 leads; 同步 is not offered in a browser; the page says what each file is', async () => {
    const { user } = await load();
    await open(user, await templateBytes(exampleValues()), '示例.xlsx');
    const toolbar = screen.getByRole('toolbar');
    const buttons = [...toolbar.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['导出报送版', '下载工作簿', '打开其他文件…', '清除']);
    expect(screen.queryByTestId('sync')).not.toBeInTheDocument();
    // explained on the page, not in tooltips
    expect(screen.getByTestId('actions-explained')).toHaveTextContent('导出报送版：交财政部门的正式文件');
    expect(screen.getByTestId('page')).toHaveTextContent('下载工作簿：保存填写和评分后的工作簿');
    expect(buttons.filter((b) => b.hasAttribute('title'))).toEqual([]);
  });
});

describe('keyboard and landmarks', () => {
  test('清除 asks first with 取消 focused; Escape gives the keyboard back to 清除; after clearing it goes to 打开文件', async () => {
    const { user } = await load();
    await open(user, await templateBytes(exampleValues()), '示例.xlsx');
    const clear = screen.getByTestId('clear');
    clear.focus();
    await user.keyboard('{Enter}');
    const dialog = (await screen.findByTestId('confirm')).closest('[role=dialog]') as HTMLElement;
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByTestId('cancel')));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('confirm')).not.toBeInTheDocument());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('clear')));

    await user.click(screen.getByTestId('clear'));
    await user.click(await screen.findByTestId('confirm'));
    await screen.findByTestId('insert-template', undefined, WAIT);
    await waitFor(() => expect(document.activeElement).toBe(document.getElementById('open-file-button')));
  });

  test('the file picker’s button keeps the keyboard while the file opens', async () => {
    const { user } = await load();
    await open(user, await templateBytes(exampleValues()), '示例.xlsx');
    const button = document.getElementById('open-another')!;
    button.focus();
    const input = screen.getByTestId('open-file');
    fireEvent.change(input, { target: { files: [fileOf(await templateBytes(exampleValues()), '另一个.xlsx')] } });
    await waitFor(() => expect(screen.getByTestId('file-name')).toHaveTextContent('另一个.xlsx'), WAIT);
    await waitFor(() => expect(document.activeElement).toBe(document.getElementById('open-another')));
  });

  test('a skip link goes to the results; header, main and the results are landmarks; labelled-by ids exist', async () => {
    const { user } = await load();
    await open(user, await templateBytes(exampleValues()), '示例.xlsx');
    const skip = screen.getByTestId('skip-to-results');
    expect(skip).toHaveAttribute('href', '#results');
    expect(skip).toHaveTextContent('跳到评分结果');
    await user.click(skip);
    expect(document.activeElement).toBe(document.getElementById('results'));
    expect(document.getElementById('results')!.tagName).toBe('ASIDE');
    expect(document.querySelector('header')).toContainElement(screen.getByRole('toolbar'));
    expect(document.querySelector('main')).toContainElement(screen.getByTestId('field-in_staff_actual'));
    for (const el of document.querySelectorAll('[aria-labelledby]')) {
      for (const id of el.getAttribute('aria-labelledby')!.split(/\s+/)) expect([id, document.getElementById(id)]).not.toEqual([id, null]);
    }
  });
});

describe('what a sync says', () => {
  /** A template from `jixiao template` (it records a first sync), filled elsewhere. */
  async function filledElsewhere(): Promise<Uint8Array> {
    const book = await XlsxWorkbook.fromBuffer(await cliTemplateBytes(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '万元' }));
    book.fillInputs(scheme, { in_staff_quota: 20, in_staff_actual: 21, in_late_items: 3 });
    return book.toBuffer();
  }

  test('a file filled since its last sync: which inputs changed; a reload, with what was typed here, says nothing of it', async () => {
    const first = await load();
    await open(first.user, await filledElsewhere(), '已填写.xlsx');
    expect(await screen.findByTestId('sync-message', undefined, WAIT)).toHaveTextContent(
      '离线修改了 3 项输入（未按进度支出的资金项数、年末实际在职人数、编制数），已重新计算',
    );
    await first.user.type(screen.getByTestId('field-in_budget_initial'), '500');
    await waitFor(() => expect(JSON.parse(window.localStorage.getItem('jixiao:draft:dept-2013')!).values.in_budget_initial).toBe('500'), WAIT);
    first.unmount();

    await load();
    await waitFor(() => expect(screen.getByTestId('field-in_budget_initial')).toHaveValue('500'), WAIT);
    expect(screen.getByTestId('message')).toHaveTextContent('已恢复上次未下载的填写内容');
    expect(screen.queryByTestId('sync-message')).not.toBeInTheDocument();
    expect(screen.getByTestId('page')).not.toHaveTextContent('离线修改');
  });

  test('a file in sync (downloaded from this page) opens without a word about changes', async () => {
    const first = await load();
    await open(first.user, await filledElsewhere(), '已填写.xlsx');
    await first.user.click(screen.getByTestId('download'));
    await waitFor(() => expect(saved).toHaveLength(1), WAIT);
    first.unmount();
    window.localStorage.clear();

    const second = await load();
    await open(second.user, saved[0].bytes, '下载的.xlsx');
    expect(screen.queryByTestId('sync-message')).not.toBeInTheDocument();
  });
});
