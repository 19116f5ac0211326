/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// exceljs (through uuid) must resolve to its Node build, as in the other suites: hence the export conditions above
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { getScheme } from '../../src/engine';
import { FileSession } from '../../src/workbook/browser/fileSession';
import { formValueOf } from '../../src/workbook/browser/formValues';
import { StandaloneApp } from '../../src/taskpane/standalone/StandaloneApp';
import { exampleValues, fileOf, rescore, templateBytes, type Saved } from './helpers';

const scheme = getScheme();
const WAIT = { timeout: 8000 };

let saved: Saved[];
beforeEach(() => {
  saved = [];
  window.localStorage.clear();
});

/** A page load: a new session over the browser's localStorage (IndexedDB is absent in jsdom: rebuilt from the template). */
async function load() {
  const session = new FileSession({ debounceMs: 20, save: (bytes, fileName) => saved.push({ bytes, fileName }) });
  const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
  const view = render(<StandaloneApp session={session} theme="light" />);
  // the start: a draft restored (scores shown) or the open / new template page
  await waitFor(() => expect(document.querySelector('[data-testid=total-score],[data-testid=insert-template]')).not.toBeNull(), WAIT);
  return { session, user, ...view };
}

async function openExample(user: ReturnType<typeof userEvent.setup>, name = '示例.xlsx') {
  const bytes = await templateBytes(exampleValues());
  await user.upload(await screen.findByTestId('open-file', undefined, WAIT), fileOf(bytes, name));
  await waitFor(() => expect(screen.getByTestId('total-score')).toHaveTextContent(/^73\.28$/), WAIT);
  await waitFor(() => expect(screen.getByTestId('message')).toHaveTextContent(`已打开“${name}”`), WAIT);
}

const total = () => screen.getByTestId('total-score').textContent;
const grade = () => screen.getByTestId('grade').textContent;

test('starts on the open / new template page; nothing is restored from an empty localStorage', async () => {
  await load();
  expect(await screen.findByTestId('open-file', undefined, WAIT)).toHaveAttribute('type', 'file');
  expect(screen.getByTestId('drop-zone')).toBeInTheDocument();
  expect(screen.getByTestId('insert-template')).toHaveTextContent('新建模板');
  expect(screen.queryByTestId('total-score')).not.toBeInTheDocument();
  expect(screen.queryByTestId('download')).not.toBeInTheDocument();
});

test('open a file, type into the form: total and grade follow; the form is generated from the scheme', async () => {
  const { user } = await load();
  await openExample(user);
  expect(grade()).toBe('中');
  expect(screen.getByTestId('file-name')).toHaveTextContent('示例.xlsx');
  expect(screen.getByTestId('message')).toHaveTextContent('已打开“示例.xlsx”');
  // sections, labels, units: amounts in the form's 万元, counts in their own unit
  // (role and label queries walk the whole form in jsdom, which is slow: the elements are asked directly)
  expect(screen.getByText('一、单位基本情况', { selector: 'h3' })).toBeInTheDocument();
  const label = screen.getByText('年末实际在职人数', { selector: 'label' }) as HTMLLabelElement;
  expect(label.htmlFor).toBe(screen.getByTestId('field-in_staff_actual').id);
  expect(screen.getByTestId('field-in_staff_actual').parentElement).toHaveTextContent('人');
  expect(screen.getByTestId('field-in_budget_initial').parentElement).toHaveTextContent('万元');
  expect(screen.getByTestId('field-in_goal_fit_1').tagName).toBe('SELECT');
  expect(screen.getByTestId('field-in_duties').tagName).toBe('TEXTAREA');
  expect(screen.getAllByTestId(/^indicator-[a-z_]+$/)).toHaveLength(21);

  const staff = screen.getByTestId('field-in_staff_actual');
  await user.clear(staff);
  await user.type(staff, '20');
  await waitFor(() => expect(total()).toBe('75.28'), WAIT);
  const sangong = screen.getByTestId('field-in_sangong_actual');
  await user.clear(sangong);
  await user.type(sangong, '12');
  await waitFor(() => expect(total()).toBe('80.88'), WAIT);
  expect(grade()).toBe('良');

  // the 金额单位 picker changes the unit shown by every amount
  await user.selectOptions(screen.getByTestId('field-in_unit'), '元');
  expect(screen.getByTestId('field-in_budget_initial').parentElement).toHaveTextContent(/^元$/);
});

test('a bad value shows its finding next to the field; clicking the finding in the panel focuses the field', async () => {
  const { user } = await load();
  await openExample(user);
  const staff = screen.getByTestId('field-in_staff_actual');
  await user.clear(staff);
  await user.type(staff, '十七');
  const inline = await screen.findByText(/“十七”不是有效的数字/, { selector: '[data-testid=field-finding] *' }, WAIT);
  const line = inline.closest('[data-testid=field-finding]')!;
  expect(line).toHaveAttribute('data-input', 'in_staff_actual');
  expect(line).toHaveAttribute('data-severity', 'error');
  expect(staff).toHaveAttribute('aria-invalid', 'true');
  expect(grade()).toBe('未完成');
  expect(total()).toBe('71.28');

  staff.blur();
  const finding = screen.getAllByTestId('finding').find((f) => f.textContent?.includes('十七'))!;
  await user.click(finding);
  await waitFor(() => expect(document.activeElement).toBe(staff));
});

test('yes/no pickers and the survey grid write inputs too', async () => {
  const { user } = await load();
  await openExample(user);
  await user.selectOptions(screen.getByTestId('field-in_goal_fit_1'), '否');
  await waitFor(() => expect(screen.getByTestId('indicator-goal_fit')).toHaveTextContent('2 / 3'), WAIT);

  // the example's 10 questionnaires are rows 1–10, each typed as a code; an 11th, all 不满意, lowers satisfaction to 430/550 × 8 = 6.25
  expect(screen.getByTestId('field-in_survey_answers-1')).toHaveValue('5555555555');
  expect(screen.getByTestId('field-in_survey_answers-1-status')).toHaveTextContent('50 分');
  expect(screen.queryByTestId('field-in_survey_answers-12')).not.toBeInTheDocument();
  await user.type(screen.getByTestId('field-in_survey_answers-11'), '0000000000');
  await waitFor(() => expect(screen.getByTestId('indicator-satisfaction')).toHaveTextContent('6.25 / 8'), WAIT);
  expect(screen.getByTestId('field-in_survey_answers-12')).toBeInTheDocument();

  // one question of it opened and blanked: an incomplete questionnaire is left out, with a warning under the grid
  await user.click(document.querySelector<HTMLElement>('button[aria-label="第11份逐题"]')!);
  const third = screen.getByTestId('field-in_survey_answers-11-3');
  expect(document.querySelector(`label[for="${third.id}"]`)).toHaveTextContent(/^3\. 您认为该部门在解决群众反映强烈的热点/);
  await user.selectOptions(screen.getByTestId('field-in_survey_answers-11-3'), '');
  await waitFor(() => expect(screen.getByTestId('indicator-satisfaction')).toHaveTextContent('6.88 / 8'), WAIT);
  expect(screen.getByTestId('field-in_survey_answers-11')).toHaveValue('00-0000000');
  expect(screen.getByTestId('field-in_survey_answers-11-status')).toHaveTextContent('还差 1 题');
  const warning = screen.getAllByTestId('field-finding').find((f) => f.getAttribute('data-input') === 'in_survey_answers')!;
  expect(warning).toHaveTextContent(/第11份问卷有1题未作答/);
  expect(warning).not.toHaveTextContent('满意度调查!');

  // or the two tally fields instead of the grid
  await user.click(within(screen.getByTestId('survey-mode')).getByLabelText('直接填写汇总数'));
  expect(screen.getByTestId('field-in_survey_points')).toBeInTheDocument();
  expect(screen.queryByTestId('field-in_survey_answers')).not.toBeInTheDocument();
});

test('the survey: its own heading, the real questions, and questionnaires typed as codes, Enter to the next', async () => {
  const { user } = await load();
  await openExample(user);
  const grid = screen.getByTestId('field-in_survey_answers');
  const section = grid.closest('section')!;
  expect(section.querySelector('h3')).toHaveTextContent(/^八、满意度调查$/);
  expect(section).not.toHaveTextContent('此处不填');
  // the questionnaire's own questions, not Q1…Q10
  await user.click(within(grid).getByText('查看问卷题目（共 10 题）'));
  const questions = within(grid).getByTestId('survey-questions').querySelectorAll('li');
  expect([...questions].map((q) => q.textContent)).toEqual(scheme.layout.survey.questions);
  expect(grid).not.toHaveTextContent(/Q\d/);
  expect(grid).toHaveTextContent('5=非常满意，4=满意，3=一般，0=不满意');

  const eleventh = screen.getByTestId('field-in_survey_answers-11');
  await user.type(eleventh, '5543455434{Enter}');
  expect(document.activeElement).toBe(screen.getByTestId('field-in_survey_answers-12'));
  // 5+5+4+3+4+5+5+4+3+4 = 42 points: (430 + 42) / 550 × 8 = 6.87 (11 questionnaires)
  await waitFor(() => expect(screen.getByTestId('indicator-satisfaction')).toHaveTextContent('6.87 / 8'), WAIT);
  expect(screen.getByTestId('field-in_survey_answers-11-status')).toHaveTextContent('42 分');
  await user.click(document.querySelector<HTMLElement>('button[aria-label="第11份逐题"]')!);
  expect(screen.getByTestId('field-in_survey_answers-11-3')).toHaveValue('满意');
  expect(screen.getByTestId('field-in_survey_answers-11-4')).toHaveValue('一般');

  // a character that is no answer is refused, and said so
  await user.type(screen.getByTestId('field-in_survey_answers-12'), '7');
  expect(screen.getByTestId('field-in_survey_answers-12')).toHaveValue('');
  expect(screen.getByRole('alert')).toHaveTextContent('“7”不是答案代码，可用：5、4、3、0');
});

test('a reload brings back what was typed (localStorage); 清除 forgets it', async () => {
  const first = await load();
  await openExample(first.user);
  const staff = screen.getByTestId('field-in_staff_actual');
  await first.user.clear(staff);
  await first.user.type(staff, '20');
  await waitFor(() => expect(total()).toBe('75.28'), WAIT);
  const keys = Object.keys(window.localStorage);
  expect(keys).toEqual(['jixiao:draft:dept-2013']);
  expect(JSON.parse(window.localStorage.getItem(keys[0])!)).toMatchObject({ fileName: '示例.xlsx', typed: ['in_staff_actual'], values: { in_staff_actual: '20' } });
  first.unmount();

  const second = await load();
  await waitFor(() => expect(screen.getByTestId('total-score')).toHaveTextContent(/^75\.28$/), WAIT);
  expect(screen.getByTestId('field-in_staff_actual')).toHaveValue('20');
  expect(screen.getByTestId('file-name')).toHaveTextContent('示例.xlsx');
  expect(screen.getByTestId('message')).toHaveTextContent('已恢复上次未下载的填写内容');

  await second.user.click(screen.getByTestId('clear'));
  const dialog = (await screen.findByTestId('confirm')).closest('[role=dialog]') as HTMLElement;
  expect(dialog).toHaveTextContent('清除当前工作簿？');
  await second.user.click(within(dialog).getByTestId('confirm'));
  await screen.findByTestId('open-file', undefined, WAIT);
  expect(screen.queryByTestId('total-score')).not.toBeInTheDocument();
  expect(Object.keys(window.localStorage)).toEqual([]);
  second.unmount();

  await load();
  expect(await screen.findByTestId('insert-template', undefined, WAIT)).toBeInTheDocument();
  expect(screen.queryByTestId('total-score')).not.toBeInTheDocument();
});

test('新建模板, fill in the worked example, download: the bytes re-open and score 73.28', async () => {
  const { user, session } = await load();
  const form = within(await screen.findByTestId('new-template', undefined, WAIT));
  await user.type(form.getByLabelText(/部门（单位）名称/), '示例县政务服务中心');
  const year = form.getByLabelText(/评价年度/);
  await user.clear(year);
  await user.type(year, '2024');
  await user.click(screen.getByTestId('insert-template'));
  await waitFor(() => expect(screen.getByTestId('total-score')).toBeInTheDocument(), WAIT);
  expect(screen.getByTestId('file-name')).toHaveTextContent('新建的模板');
  expect(screen.getByTestId('field-in_dept_name')).toHaveValue('示例县政务服务中心');
  expect(screen.getByTestId('field-in_unit')).toHaveValue('万元');

  act(() => {
    for (const [name, value] of Object.entries(exampleValues())) session.setInput(name, formValueOf(scheme.input(name), value as never));
  });
  await waitFor(() => expect(total()).toBe('73.28'), WAIT);
  expect(grade()).toBe('中');

  await user.click(screen.getByTestId('download'));
  await waitFor(() => expect(saved).toHaveLength(1), WAIT);
  expect(saved[0].fileName).toBe('示例县政务服务中心2024年度部门整体支出绩效自评表.xlsx');
  const { evaluation, wb } = await rescore(saved[0].bytes);
  expect(evaluation.total.toString()).toBe('73.28');
  expect(evaluation.grade).toBe('中');
  expect(wb.workbook.worksheets.find((w) => w.name === 'jixiao_sync')?.state).toBe('veryHidden');
  expect(await screen.findByTestId('message')).toHaveTextContent('已下载');
  expect(Object.keys(window.localStorage)).toEqual([]);
});

test('a file dropped on the page opens; replacing typed work asks first', async () => {
  const { user } = await load();
  await screen.findByTestId('drop-zone', undefined, WAIT);
  const bytes = await templateBytes(exampleValues());
  fireEvent.dragEnter(screen.getByTestId('drop-zone'), { dataTransfer: { types: ['Files'], files: [] } });
  expect(screen.getByTestId('drop-zone')).toHaveAttribute('data-dragging', 'true');
  fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { types: ['Files'], files: [fileOf(bytes, '拖入.xlsx')] } });
  await waitFor(() => expect(screen.getByTestId('total-score')).toHaveTextContent(/^73\.28$/), WAIT);
  expect(screen.getByTestId('file-name')).toHaveTextContent('拖入.xlsx');

  const staff = screen.getByTestId('field-in_staff_actual');
  await user.clear(staff);
  await user.type(staff, '20');
  fireEvent.drop(document.body, { dataTransfer: { types: ['Files'], files: [fileOf(bytes, '另一个.xlsx')] } });
  const dialog = (await screen.findByTestId('confirm')).closest('[role=dialog]') as HTMLElement;
  expect(dialog).toHaveTextContent('打开“另一个.xlsx”会替换当前工作簿');
  await user.click(within(dialog).getByTestId('confirm'));
  await waitFor(() => expect(screen.getByTestId('file-name')).toHaveTextContent('另一个.xlsx'), WAIT);
  await waitFor(() => expect(total()).toBe('73.28'), WAIT);
});

test('a file that is not a workbook is refused with a reason', async () => {
  const { user } = await load();
  const input = await screen.findByTestId('open-file', undefined, WAIT);
  await user.upload(input, new File(['a,b\n1,2'], '数据.xlsx'));
  expect(await screen.findByTestId('error', undefined, WAIT)).toHaveTextContent('打开文件失败：无法读取“数据.xlsx”：不是有效的 .xlsx 文件');
  expect(screen.getByTestId('insert-template')).toBeInTheDocument();
});

test('导出报送版: blocking errors are listed first, 仍然导出 exports anyway; a complete form exports at once', async () => {
  const { user } = await load();
  await openExample(user);
  await user.click(screen.getByTestId('export'));
  await waitFor(() => expect(saved).toHaveLength(1), WAIT);
  expect(saved[0].fileName).toBe('示例县政务服务中心2024年度部门整体支出绩效自评表.xlsx');
  expect((await rescore(saved[0].bytes)).evaluation.total.toString()).toBe('73.28');

  const staff = screen.getByTestId('field-in_staff_actual');
  await user.clear(staff);
  await waitFor(() => expect(grade()).toBe('未完成'), WAIT);
  await user.click(screen.getByTestId('export'));
  const dialog = (await screen.findByTestId('export-anyway', undefined, WAIT)).closest('[role=dialog]') as HTMLElement;
  expect(within(dialog).getAllByTestId('blocking-finding').some((f) => /年末实际在职人数/.test(f.textContent ?? ''))).toBe(true);
  expect(saved).toHaveLength(1);
  await user.click(within(dialog).getByTestId('export-anyway'));
  await waitFor(() => expect(saved).toHaveLength(2), WAIT);
  expect(await screen.findByTestId('message')).toHaveTextContent('尚未完成');
});
