/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// exceljs (through uuid) must resolve to its Node build, as in the other suites: hence the export conditions above
/**
 * 导入旧表 in jsdom: the component with the real import (a Word report and a workbook built in the shapes real ones
 * take), the workbook it hands over read back and scored; next year; a file it cannot place; the Office pane
 * opening the workbook with Excel.createWorkbook (or offering a download); the standalone page opening it as its
 * workbook.
 */
import '@testing-library/jest-dom';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { getScheme, toJson } from '../../src/engine';
import { importWorkbook, type ImportReport } from '../../src/import/workbook';
import { ExcelImportOldForm, ImportOldForm } from '../../src/taskpane/ImportOldForm';
import App from '../../src/taskpane/App';
import { StandaloneApp } from '../../src/taskpane/standalone/StandaloneApp';
import { FileSession } from '../../src/workbook/browser/fileSession';
import { FormsFile } from '../../src/workbook/forms';
import { FakeSession } from '../taskpane/fakeSession';
import { docx, xlsx } from './build';
import * as F from './forms';

const WAIT = { timeout: 15000 };

const fileOf = (bytes: Uint8Array, name: string) => new File([bytes as BlobPart], name);
const wordReport = () => docx(['示例县数据局2024年度项目支出绩效自评报告', F.sichuanProject({ slips: true })]);
const projectTotal = (bytes: Uint8Array) => toJson(FormsFile.open(bytes).score(getScheme('project-2020'))[0].evaluation).total;

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
});

function setup() {
  return userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
}

describe('ImportOldForm', () => {
  test('a Word report: the workbook handed over is the project filled and scored, and what went in is listed', async () => {
    const onImported = jest.fn<Promise<void>, [Uint8Array, string, ImportReport]>(async () => undefined);
    const user = setup();
    render(<ImportOldForm onImported={onImported} />);
    expect(screen.getByRole('heading', { level: 2, name: '导入旧表' })).toBeInTheDocument();
    expect(screen.getByTestId('import-file')).toHaveAttribute('accept', expect.stringContaining('.docx'));
    await user.upload(screen.getByTestId('import-file'), fileOf(wordReport(), '数据局报告.docx'));
    await waitFor(() => expect(onImported).toHaveBeenCalledTimes(1), WAIT);
    const [bytes, name, report] = onImported.mock.calls[0];
    expect(name).toBe('数据局报告（导入）.xlsx');
    expect(report.scheme.id).toBe('project-2020');
    expect(projectTotal(bytes)).toBe(85.96);
    const done = await screen.findByTestId('import-done', undefined, WAIT);
    expect(done).toHaveTextContent('已导入：数据局报告（导入）.xlsx');
    const lines = [...screen.getByTestId('import-lines').querySelectorAll('li')].map((li) => li.textContent);
    expect(lines).toContain('绩效指标 9 行');
    expect(lines).toContain('待补充：“政务服务网办率提升”：定性指标，请选择完成情况（达成、部分达成或未达成）');
    expect(lines).toContain('评分：总分 85.96 分，尚未评完（有输入待填写）');
  });

  test('作为下一年度的表: next year’s name and year, the year’s outcome cleared', async () => {
    const onImported = jest.fn<Promise<void>, [Uint8Array, string, ImportReport]>(async () => undefined);
    const user = setup();
    render(<ImportOldForm onImported={onImported} />);
    await user.click(screen.getByRole('checkbox', { name: /作为下一年度的表/ }));
    await user.upload(screen.getByTestId('import-file'), fileOf(wordReport(), '2024年自评表.docx'));
    await waitFor(() => expect(onImported).toHaveBeenCalledTimes(1), WAIT);
    const [bytes, name, report] = onImported.mock.calls[0];
    expect(name).toBe('2024年自评表（2025年度）.xlsx');
    expect(report.nextYear).toBe(true);
    const [form] = FormsFile.open(bytes).score(getScheme('project-2020'));
    expect(form.values.in_year).toBe(2025);
    expect(form.values.in_fund_spent).toBeNull();
    expect(await screen.findByTestId('import-lines', undefined, WAIT)).toHaveTextContent('下一年度：年度 2024 → 2025；指标、指标值和分值保留');
  });

  test('a file holding no standard table: the reason in Chinese, nothing handed over', async () => {
    const onImported = jest.fn();
    const user = setup();
    render(<ImportOldForm onImported={onImported} />);
    await user.upload(screen.getByTestId('import-file'), fileOf(await xlsx([{ name: '预算执行', ...F.BUDGET_SHEET }]), '预算执行.xlsx'));
    const failed = await screen.findByTestId('import-failed', undefined, WAIT);
    expect(failed).toHaveTextContent('无法导入');
    expect(failed).toHaveTextContent('“预算执行.xlsx”中没有可以导入的标准表');
    expect(onImported).not.toHaveBeenCalled();
    expect(screen.getByTestId('import-button')).toHaveTextContent('选择旧表…');
  });

  test('a damaged file and a failing onImported are said, not thrown', async () => {
    const user = setup();
    const onImported = jest.fn(async () => {
      throw new Error('磁盘已满');
    });
    render(<ImportOldForm onImported={onImported} />);
    await user.upload(screen.getByTestId('import-file'), fileOf(new Uint8Array(Buffer.from('PK not a zip')), '坏.xlsx'));
    expect(await screen.findByTestId('import-failed', undefined, WAIT)).toHaveTextContent(/^无法导入无法读取：/);
    await user.upload(screen.getByTestId('import-file'), fileOf(wordReport(), '数据局报告.docx'));
    await waitFor(() => expect(screen.getByTestId('import-failed')).toHaveTextContent('导入时出错：磁盘已满'), WAIT);
  });
});

describe('in the Office pane', () => {
  test('the insert view offers 导入旧表; Excel.createWorkbook opens the workbook, the message names the file to save it as', async () => {
    const createWorkbook = jest.fn<Promise<void>, [string?]>(async () => undefined);
    (globalThis as { Excel?: unknown }).Excel = { createWorkbook };
    const session = new FakeSession({ hasTemplate: false, values: {} });
    const user = setup();
    render(<App session={session} theme="light" />);
    await screen.findByTestId('insert-template', undefined, WAIT);
    await user.upload(screen.getByTestId('import-file'), fileOf(wordReport(), '数据局报告.docx'));
    await waitFor(() => expect(createWorkbook).toHaveBeenCalledTimes(1), WAIT);
    expect(projectTotal(new Uint8Array(Buffer.from(createWorkbook.mock.calls[0][0]!, 'base64')))).toBe(85.96);
    const opened = await screen.findByTestId('import-opened', undefined, WAIT);
    expect(opened).toHaveTextContent('导入的工作簿已在新的 Excel 窗口中打开');
    expect(opened).toHaveTextContent('保存为“数据局报告（导入）.xlsx”');
    // the pane's own workbook is not touched
    expect(session.insertTemplate).not.toHaveBeenCalled();
  });

  test('where Excel has no createWorkbook, the workbook is offered as a download', async () => {
    (globalThis as { Excel?: unknown }).Excel = {};
    const links: Uint8Array[] = [];
    const user = setup();
    render(
      <ExcelImportOldForm
        open={async (bytes, fileName) => {
          const { openImportedWorkbook } = await import('../../src/workbook/office/createWorkbook');
          return openImportedWorkbook(bytes, fileName, {
            link: (b, n) => {
              links.push(b);
              return { href: 'blob:imported', fileName: n, revoke: () => undefined };
            },
          });
        }}
      />,
    );
    await user.upload(screen.getByTestId('import-file'), fileOf(wordReport(), '数据局报告.docx'));
    const link = await screen.findByTestId('import-download', undefined, WAIT);
    expect(link).toHaveAttribute('href', 'blob:imported');
    expect(link).toHaveAttribute('download', '数据局报告（导入）.xlsx');
    expect(screen.getByTestId('import-opened')).toHaveTextContent('当前 Excel 版本不支持在新窗口中打开工作簿');
    expect(projectTotal(links[0])).toBe(85.96);
  });
});

describe('in the standalone page', () => {
  test('the imported workbook becomes the page’s workbook, scored as the import scored it', async () => {
    window.localStorage.clear();
    const s = F.scoring2013({ total: 80, grade: '良' });
    const handmade = await xlsx([{ name: '评分表', ...s }, { name: '报告表', ...F.summary2013('总分80分，自评等级良好') }]);
    const expected = (await importWorkbook(handmade, '评分表.xlsx')).report.forms[0].total;
    const session = new FileSession({ debounceMs: 20, drafts: null });
    const user = setup();
    render(<StandaloneApp session={session} theme="light" />);
    await user.upload(await screen.findByTestId('import-file', undefined, WAIT), fileOf(handmade, '评分表.xlsx'));
    await waitFor(() => expect(screen.getByTestId('total-score')).toHaveTextContent(String(expected)), WAIT);
    expect(screen.getByTestId('file-name')).toHaveTextContent('评分表（导入）.xlsx');
    // 23 inputs the 评分表 does not state (its checklists, counts and 结余), as the import listed them
    expect(screen.getByTestId('message')).toHaveTextContent('已打开“评分表（导入）.xlsx”。原表没有写明的23项已留空，请在表单中补填。');
    expect(session.getSnapshot().values.in_staff_quota).toBeDefined();
  });

  test('a workbook of a scheme the page does not open is downloaded instead, and the page says so', async () => {
    window.localStorage.clear();
    const saved: { bytes: Uint8Array; fileName: string }[] = [];
    const session = new FileSession({ debounceMs: 20, drafts: null, schemes: [getScheme('dept-2013')], save: (bytes, fileName) => saved.push({ bytes, fileName }) });
    const user = setup();
    render(<StandaloneApp session={session} theme="light" />);
    await user.upload(await screen.findByTestId('import-file', undefined, WAIT), fileOf(wordReport(), '数据局报告.docx'));
    await waitFor(() => expect(screen.getByTestId('message')).toHaveTextContent('本页面尚不能打开项目支出绩效自评表（project-2020），已下载“数据局报告（导入）.xlsx”，请用 Excel 或 WPS 打开。'), WAIT);
    expect(saved.map((s) => s.fileName)).toEqual(['数据局报告（导入）.xlsx']);
    expect(projectTotal(saved[0].bytes)).toBe(85.96);
  });
});
