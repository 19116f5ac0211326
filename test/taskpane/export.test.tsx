/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// buildSubmission renders with exceljs, which (through uuid) must resolve to its Node build: hence the export conditions
import '@testing-library/jest-dom';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { evaluate, getScheme } from '../../src/engine';
import App from '../../src/taskpane/App';
import type { Deliver, Delivered } from '../../src/taskpane/useSubmissionExport';
import type { Submission } from '../../src/workbook/export';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { FakeSession, sampleValues } from './fakeSession';

const scheme = getScheme();
const FILE_NAME = '示例县政务服务中心2024年度部门整体支出绩效自评表.xlsx';
const WAIT = { timeout: 15000 };

function deliverMock(result: Delivered = { intent: 'success', text: '已交付' }) {
  return jest.fn<Promise<Delivered>, [Submission]>(async () => result);
}

async function openPane(session: FakeSession, deliver?: Deliver) {
  const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
  render(<App session={session} theme="light" deliver={deliver} />);
  await screen.findByTestId('total-score');
  return user;
}

async function rescore(bytes: Uint8Array) {
  const book = await XlsxWorkbook.fromBuffer(bytes);
  return evaluate(scheme, await book.readInputs(scheme));
}

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
});

test('导出报送版 sits beside 同步; without errors the file is delivered at once, under the standard name', async () => {
  const session = new FakeSession();
  const deliver = deliverMock({ intent: 'success', text: '报送版已在新的 Excel 窗口中打开' });
  const user = await openPane(session, deliver);
  const button = screen.getByTestId('export');
  expect(button).toHaveTextContent('导出报送版');
  expect(button.parentElement).toContainElement(screen.getByTestId('sync'));

  await user.click(button);
  await waitFor(() => expect(deliver).toHaveBeenCalledTimes(1), WAIT);
  const submission = deliver.mock.calls[0][0];
  expect(submission).toMatchObject({ kind: 'submission', fileName: FILE_NAME, incomplete: false, errors: [] });
  expect(ArrayBuffer.isView(submission.bytes)).toBe(true);
  const evaluation = await rescore(submission.bytes);
  expect(evaluation.total.toString()).toBe('73.28');
  expect(evaluation.grade).toBe('中');

  expect(session.current).toHaveBeenCalledTimes(1);
  expect(screen.queryByTestId('blocking')).not.toBeInTheDocument();
  expect(await screen.findByTestId('export-message')).toHaveTextContent('报送版已在新的 Excel 窗口中打开');
  await waitFor(() => expect(screen.getByTestId('export')).not.toHaveAttribute('aria-disabled', 'true'));
});

test('an error finding is listed first: 返回修改 cancels, 仍然导出 delivers a file marked incomplete', async () => {
  const session = new FakeSession({ values: sampleValues({ in_staff_actual: '十七' }) });
  const deliver = deliverMock();
  const user = await openPane(session, deliver);

  await user.click(screen.getByTestId('export'));
  let dialog = (await screen.findByTestId('blocking', undefined, WAIT)).closest('[role=dialog]') as HTMLElement;
  expect(dialog).toHaveTextContent('以下问题尚未解决');
  const findings = within(dialog).getAllByTestId('blocking-finding');
  expect(findings.some((f) => /年末实际在职人数/.test(f.textContent ?? '') && /十七/.test(f.textContent ?? ''))).toBe(true);
  expect(deliver).not.toHaveBeenCalled();

  await user.click(within(dialog).getByTestId('back-to-form'));
  await waitFor(() => expect(screen.queryByTestId('blocking')).not.toBeInTheDocument());
  expect(deliver).not.toHaveBeenCalled();
  expect(screen.queryByTestId('export-message')).not.toBeInTheDocument();

  await user.click(screen.getByTestId('export'));
  dialog = (await screen.findByTestId('blocking', undefined, WAIT)).closest('[role=dialog]') as HTMLElement;
  await user.click(within(dialog).getByTestId('export-anyway'));
  await waitFor(() => expect(deliver).toHaveBeenCalledTimes(1), WAIT);
  const submission = deliver.mock.calls[0][0];
  expect(submission.incomplete).toBe(true);
  expect(submission.fileName).toBe(FILE_NAME);
  expect(submission.errors.some((f) => f.inputs.includes('in_staff_actual'))).toBe(true);
  expect(session.current).toHaveBeenCalledTimes(3);
  await waitFor(() => expect(screen.queryByTestId('blocking')).not.toBeInTheDocument());
});

test('a blocking finding with a cell takes the officer there', async () => {
  const session = new FakeSession({ values: sampleValues({ in_staff_actual: '十七' }) });
  const user = await openPane(session, deliverMock());
  await user.click(screen.getByTestId('export'));
  const dialog = (await screen.findByTestId('blocking', undefined, WAIT)).closest('[role=dialog]') as HTMLElement;
  const finding = within(dialog).getAllByTestId('blocking-finding').find((f) => /年末实际在职人数/.test(f.textContent ?? ''))!;
  await user.click(finding.querySelector('button')!);
  await waitFor(() => expect(session.select).toHaveBeenCalledWith(expect.stringMatching(/^基本情况表!D\d+$/)));
  await waitFor(() => expect(screen.queryByTestId('blocking')).not.toBeInTheDocument());
});

test('a download link offered by deliver is shown with the file name; a failure is said in Chinese', async () => {
  const session = new FakeSession();
  const deliver = jest
    .fn<Promise<Delivered>, [Submission]>()
    .mockResolvedValueOnce({ intent: 'warning', text: '当前 Excel 版本不支持在新窗口中打开工作簿，已改为下载', link: { href: 'blob:x', fileName: FILE_NAME } })
    .mockRejectedValueOnce(new Error('Something broke'));
  const user = await openPane(session, deliver);
  await user.click(screen.getByTestId('export'));
  const link = await screen.findByTestId('export-download', undefined, WAIT);
  expect(link).toHaveAttribute('href', 'blob:x');
  expect(link).toHaveAttribute('download', FILE_NAME);
  expect(link).toHaveTextContent(FILE_NAME);
  expect(screen.getByTestId('export-message')).toHaveTextContent('已改为下载');

  await user.click(screen.getByTestId('export'));
  await waitFor(() => expect(screen.getByTestId('export-message')).toHaveTextContent('导出报送版失败：发生了意外错误'), WAIT);
  expect(screen.queryByTestId('export-download')).not.toBeInTheDocument();
});

test('by default the Office pane opens the 报送版 with Excel.createWorkbook and names the file to save it as', async () => {
  const createWorkbook = jest.fn<Promise<void>, [string?]>(async () => undefined);
  (globalThis as { Excel?: unknown }).Excel = { createWorkbook };
  const session = new FakeSession();
  const user = await openPane(session);
  await user.click(screen.getByTestId('export'));
  await waitFor(() => expect(createWorkbook).toHaveBeenCalledTimes(1), WAIT);
  const bytes = new Uint8Array(Buffer.from(createWorkbook.mock.calls[0][0]!, 'base64'));
  expect((await rescore(bytes)).total.toString()).toBe('73.28');
  const message = await screen.findByTestId('export-message');
  expect(message).toHaveTextContent('新的 Excel 窗口');
  expect(message).toHaveTextContent(`“${FILE_NAME}”`);
  expect(screen.queryByTestId('export-download')).not.toBeInTheDocument();
});

describe('the export dialog over the pane', () => {
  /** The layer a Fluent dialog is mounted in: the child of <body> holding it. */
  function portalOf(dialog: HTMLElement): HTMLElement {
    let node: HTMLElement = dialog;
    while (node.parentElement && node.parentElement !== document.body) node = node.parentElement;
    return node;
  }

  test('the dialog layer is not a second full-height page: the pane stays visible under it', async () => {
    const session = new FakeSession({ values: sampleValues({ in_staff_actual: '十七' }) });
    const user = await openPane(session, deliverMock());
    const page = screen.getByTestId('page');
    expect(getComputedStyle(page).minHeight).toBe('100vh');
    await user.click(screen.getByTestId('export'));
    const dialog = (await screen.findByTestId('blocking', undefined, WAIT)).closest('[role=dialog]') as HTMLElement;
    const layer = portalOf(dialog);
    expect(layer).not.toContainElement(page);
    // the theme reaches the dialog (its colours and fonts), the page's own box does not
    expect(layer.className).toContain('fui-FluentProvider');
    expect(getComputedStyle(layer).minHeight).not.toBe('100vh');
  });

  test('返回修改 has the keyboard when the dialog opens, and closing gives it back to 导出报送版', async () => {
    const session = new FakeSession({ values: sampleValues({ in_staff_actual: '十七', in_late_items: null }) });
    const user = await openPane(session, deliverMock());
    const button = screen.getByTestId('export');
    button.focus();
    await user.keyboard('{Enter}');
    const dialog = (await screen.findByTestId('blocking', undefined, WAIT)).closest('[role=dialog]') as HTMLElement;
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByTestId('back-to-form')));
    // wrong values and fields not yet filled are listed apart, and said as such
    expect(within(dialog).getByText(/有 1 处需要更正，1 项尚未填写/)).toBeInTheDocument();
    expect(within(dialog).getByText('需要更正（1）')).toBeInTheDocument();
    expect(within(dialog).getByText('尚未填写（1）')).toBeInTheDocument();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByTestId('blocking')).not.toBeInTheDocument());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('export')));
  });
});
