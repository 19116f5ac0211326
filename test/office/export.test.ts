/**
 * 导出报送版 in Excel: OfficeSession.current() (one read, no write) → buildSubmission → Excel.createWorkbook, on
 * office-addin-mock; and the download offered where Excel cannot open a new workbook.
 */
import { resolveObjectURL } from 'buffer';
import { evaluate, type RawValue } from '../../src/engine';
import { buildSubmission, type Submission } from '../../src/workbook/export';
import { blobLink, newWorkbookProblem, openAsNewWorkbook, toBase64, type DownloadLink } from '../../src/workbook/office/export';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { deliverToExcel } from '../../src/taskpane/deliver';
import { exampleValues, scheme, workbookWithTemplates } from './helpers';

const FILE_NAME = '示例县政务服务中心2024年度部门整体支出绩效自评表.xlsx';

type Excelish = { createWorkbook?: jest.Mock<Promise<void>, [string?]> };

/** global Excel (the mock's) with createWorkbook, as ExcelApi 1.8 has it */
function withCreateWorkbook(impl: (b64?: string) => Promise<void> = async () => undefined): jest.Mock<Promise<void>, [string?]> {
  const fn = jest.fn(impl);
  const g = globalThis as unknown as { Excel?: Excelish };
  g.Excel = g.Excel ?? {};
  g.Excel.createWorkbook = fn;
  return fn;
}

/** The values an officer typed, as read back: blanks (null) and the survey grid's empty rows aside. */
function typed(values: Record<string, RawValue>): Record<string, RawValue> {
  const out: Record<string, RawValue> = {};
  for (const [name, v] of Object.entries(values)) {
    if (v === null) continue;
    out[name] = Array.isArray(v) ? (v as RawValue[][]).filter((row) => row.some((c) => c !== null)) : v;
  }
  return out;
}

async function rescore(bytes: Uint8Array) {
  const book = await XlsxWorkbook.fromBuffer(bytes);
  const read = await book.readInputs(scheme);
  return { read, evaluation: evaluate(scheme, read) };
}

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

describe('OfficeSession.current()', () => {
  it("returns the worked example's values and 73.28 / 中 in exactly one sync, writing nothing", async () => {
    const { mock, sync, session } = await workbookWithTemplates();
    const record = () => JSON.stringify([...mock.sheet('jixiao_sync').cells]);
    const before = record();
    const source = await session.current();
    expect(sync).toHaveBeenCalledTimes(1);
    expect(mock.writes).toEqual([]);
    expect(source.scheme).toBe(scheme);
    expect(typed(source.values)).toEqual(exampleValues());
    expect(Object.keys(source.values).sort()).toEqual(scheme.inputs.map((i) => i.name).sort());
    expect(source.evaluation.total.toNumber()).toBe(73.28);
    expect(source.evaluation.grade).toBe('中');
    expect(source.evaluation.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // nothing was written: not the outputs, not the sync record
    expect(mock.valueOf('score_total')).not.toBe(73.28);
    expect(record()).toBe(before);
  });

  it('reads what the officer typed since the last recompute', async () => {
    const { mock, sync, session } = await workbookWithTemplates();
    await session.recompute('manual');
    sync.mockClear();
    mock.writes.length = 0;
    mock.setQuiet('in_staff_actual', 20);
    const source = await session.current();
    expect(source.values.in_staff_actual).toBe(20);
    expect(source.evaluation.total.toNumber()).toBe(75.28);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(mock.writes).toEqual([]);
  });

  it('a deleted input name is an error finding, which blocks the 报送版', async () => {
    const { mock, session } = await workbookWithTemplates();
    mock.names.delete('in_staff_quota');
    const source = await session.current();
    expect(source.evaluation.issues[0]).toMatchObject({ code: 'missing_name', severity: 'error', inputs: ['in_staff_quota'] });
    const result = await buildSubmission(source.scheme, source, { allowErrors: false });
    expect(result.kind).toBe('blocked');
    expect(result.kind === 'blocked' && result.blocking.map((f) => f.code)).toContain('missing_name');
  });
});

describe('openAsNewWorkbook', () => {
  it('current() → buildSubmission → Excel.createWorkbook: the base64 re-opens and scores 73.28 / 中', async () => {
    const { session } = await workbookWithTemplates();
    const createWorkbook = withCreateWorkbook();
    const source = await session.current();
    const result = await buildSubmission(source.scheme, source, { allowErrors: false });
    if (result.kind !== 'submission') throw new Error(`blocked: ${result.blocking.map((f) => f.message).join('；')}`);
    expect(result.fileName).toBe(FILE_NAME);

    const opened = await openAsNewWorkbook(result.bytes, result.fileName);
    expect(opened.kind).toBe('workbook');
    expect(opened.message).toContain(`“${FILE_NAME}”`);
    expect(opened.message).toContain('另存为');
    expect(createWorkbook).toHaveBeenCalledTimes(1);
    const b64 = createWorkbook.mock.calls[0][0]!;
    expect(b64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
    expect(Buffer.from(bytes).equals(Buffer.from(result.bytes))).toBe(true);

    const { read, evaluation } = await rescore(bytes);
    expect(read.problems).toEqual([]);
    expect(evaluation.total.toNumber()).toBe(73.28);
    expect(evaluation.grade).toBe('中');
  });

  it('the Office pane’s deliver (deliverToExcel) names the file to save, and says when it is incomplete', async () => {
    const { mock, session } = await workbookWithTemplates();
    const createWorkbook = withCreateWorkbook();
    mock.setQuiet('in_staff_actual', '十七');
    const source = await session.current();
    const result = (await buildSubmission(source.scheme, source, { allowErrors: true })) as Submission;
    expect(result.incomplete).toBe(true);
    const delivered = await deliverToExcel(result);
    expect(createWorkbook).toHaveBeenCalledTimes(1);
    expect(delivered.intent).toBe('warning');
    expect(delivered.link).toBeUndefined();
    expect(delivered.text).toContain(FILE_NAME);
    expect(delivered.text).toContain('尚未完成');
  });

  it('without Excel.createWorkbook the bytes are offered as a download, and the message says so', async () => {
    const { session } = await workbookWithTemplates();
    const source = await session.current();
    const result = (await buildSubmission(source.scheme, source, { allowErrors: false })) as Submission;
    let made: { bytes: Uint8Array; fileName: string } | null = null;
    const link = (bytes: Uint8Array, fileName: string): DownloadLink => {
      made = { bytes, fileName };
      return { href: 'blob:test', fileName, revoke: () => undefined };
    };
    const opened = await openAsNewWorkbook(result.bytes, result.fileName, { link });
    expect(opened.kind).toBe('download');
    if (opened.kind !== 'download') return;
    expect(opened.reason).toContain('ExcelApi 1.8');
    expect(opened.message).toMatch(/不支持在新窗口中打开工作簿.*已改为下载/);
    expect(opened.message).toContain(FILE_NAME);
    expect(opened.link.href).toBe('blob:test');
    expect(made!.fileName).toBe(FILE_NAME);
    expect(made!.bytes).toBe(result.bytes);

    // the pane's deliver passes the link on, as a warning
    const delivered = await deliverToExcel(result, { link });
    expect(delivered).toMatchObject({ intent: 'warning', link: { href: 'blob:test', fileName: FILE_NAME } });
    expect(delivered.text).toContain('已改为下载');
  });

  it('the default download link is a Blob URL of the bytes, with the .xlsx type', async () => {
    const bytes = new Uint8Array([80, 75, 3, 4, 1, 2, 3]);
    const link = blobLink(bytes, FILE_NAME);
    expect(link.href).toMatch(/^blob:/);
    const blob = resolveObjectURL(link.href)!;
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    link.revoke();
    link.revoke();
    expect(resolveObjectURL(link.href)).toBeUndefined();
  });

  it('below ExcelApi 1.8 createWorkbook is not called, even where the function exists', async () => {
    const createWorkbook = withCreateWorkbook();
    const requirements = { isSetSupported: jest.fn((_set: string, v?: string) => v !== '1.8') };
    (globalThis as { Office?: unknown }).Office = { context: { requirements } };
    expect(newWorkbookProblem()).toContain('ExcelApi 1.8');
    // volume-licensed Office 2019 stops at ExcelApi 1.7 (Microsoft's requirement-set table)
    expect(newWorkbookProblem()).toContain('批量许可版 Excel 2019 不支持');
    expect(newWorkbookProblem()).not.toMatch(/Excel 2019、/);
    const opened = await openAsNewWorkbook(new Uint8Array([1, 2, 3]), FILE_NAME, { link: (_b, fileName) => ({ href: 'blob:x', fileName, revoke() {} }) });
    expect(opened.kind).toBe('download');
    expect(createWorkbook).not.toHaveBeenCalled();
    expect(requirements.isSetSupported).toHaveBeenCalledWith('ExcelApi', '1.8');

    requirements.isSetSupported.mockImplementation(() => true);
    expect(newWorkbookProblem()).toBeNull();
  });

  it('a createWorkbook that fails falls back to the download, naming the error code only', async () => {
    withCreateWorkbook(async () => {
      throw Object.assign(new Error('The operation failed because of some English reason.'), { code: 'GeneralException' });
    });
    const opened = await openAsNewWorkbook(new Uint8Array([1, 2, 3]), FILE_NAME, { link: (_b, fileName) => ({ href: 'blob:x', fileName, revoke() {} }) });
    expect(opened.kind).toBe('download');
    expect(opened.message).toContain('Excel 未能在新窗口中打开工作簿（GeneralException）');
    expect(opened.message).not.toContain('English');
  });
});

describe('toBase64', () => {
  it('agrees with Node’s base64 at every length around the chunk boundaries', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 4095, 4096, 4097, 24575, 24576, 24577, 24578, 100_000]) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = (i * 131 + 7) & 0xff;
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
