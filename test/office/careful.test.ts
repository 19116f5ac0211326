/**
 * The Office session as a careful Excel citizen, on office-addin-mock: no recompute toggles protection (which
 * clears the officer's undo history); batches wait while the officer edits a cell; change handlers are
 * registered once; a protected structure, a failed record or registration are each said for what they are,
 * in Chinese; the first recompute after an insert runs once.
 */
import { cellEditSafeRunner, OfficeError, officeErrorText, reasonOf } from '../../src/workbook/office';
import type { Capabilities } from '../../src/workbook/office';
import { ALL, mockExcel, newSession, scheme, workbookWithTemplates } from './helpers';
import { MockExcel, officeError } from './mockExcel';
import type { Timer } from '../../src/workbook/office';

afterEach(() => jest.useRealTimers());

/** A workbook with the templates, recomputed once and listening; counters cleared. */
async function listening(options: Parameters<typeof workbookWithTemplates>[1] = {}) {
  const env = await workbookWithTemplates(undefined, options);
  await env.session.recompute('open');
  await jest.advanceTimersByTimeAsync(1000); // the events of its own writes arrive, and start nothing
  await env.session.settle();
  const seen: string[] = [];
  env.session.subscribe((r) => seen.push(r.reason));
  env.mock.protectionCalls.length = 0;
  env.mock.writes.length = 0;
  env.sync.mockClear();
  return { ...env, seen };
}

describe('a recompute never toggles protection', () => {
  it('makes no protect or unprotect call, whatever starts it, and leaves every sheet protected as it was', async () => {
    jest.useFakeTimers();
    const { mock, session, seen } = await listening();
    const before = ['基本情况表', '评分表', '满意度调查'].map((s) => ({ ...mock.sheet(s).protection }));

    await mock.edit('in_staff_actual', 20);
    await jest.advanceTimersByTimeAsync(300);
    await session.settle();
    await mock.edit('in_late_items', 0, { source: 'Remote' });
    await jest.advanceTimersByTimeAsync(300);
    await session.settle();
    mock.setQuiet('in_disclosure_4', '是');
    await session.recompute('focus');
    mock.setQuiet('in_staff_quota', 25);
    await session.recompute('manual');
    await session.recompute('open');

    expect(seen).toEqual(['change', 'change', 'focus']);
    expect(mock.writes.length).toBeGreaterThan(0);
    expect(mock.protectionCalls).toEqual([]);
    expect(['基本情况表', '评分表', '满意度调查'].map((s) => mock.sheet(s).protection)).toEqual(before);
    expect(new Set(mock.writes.map((w) => w.sheet))).toEqual(new Set(['jixiao_out', 'jixiao_sync']));
    expect(mock.valueOf('score_disclosure')).toBe(5);
  });
});

describe('cell-edit mode', () => {
  it('a batch arriving while the officer edits a cell waits for the edit to end (delayForCellEdit): no refusal, no error', async () => {
    jest.useFakeTimers();
    const errors: unknown[] = [];
    const { mock, session, seen } = await listening({ onError: (e) => errors.push(e) });
    await mock.edit('in_staff_actual', 20);
    mock.startCellEdit(); // typing into the next cell when the debounce fires
    await jest.advanceTimersByTimeAsync(300);
    await jest.advanceTimersByTimeAsync(5000);
    expect(seen).toEqual([]);
    expect(mock.valueOf('score_total')).toBe(73.28);
    mock.endCellEdit();
    await session.settle();
    expect(seen).toEqual(['change']);
    expect(mock.valueOf('score_total')).toBe(75.28);
    expect(mock.cellEditRefusals).toBe(0);
    expect(errors).toEqual([]);
  });

  it('on a host that ignores delayForCellEdit, a refused batch is run again until the edit ends', async () => {
    jest.useFakeTimers();
    const errors: unknown[] = [];
    const { mock, session, seen } = await listening({ onError: (e) => errors.push(e) });
    mock.ignoresDelayForCellEdit = true;
    await mock.edit('in_staff_actual', 20);
    mock.startCellEdit();
    await jest.advanceTimersByTimeAsync(300 + 2000);
    expect(mock.cellEditRefusals).toBeGreaterThanOrEqual(4);
    expect(seen).toEqual([]);
    mock.endCellEdit();
    await jest.advanceTimersByTimeAsync(500);
    await session.settle();
    expect(seen).toEqual(['change']);
    expect(mock.valueOf('score_total')).toBe(75.28);
    expect(errors).toEqual([]);
  });

  it('gives up, in Chinese, when the officer stays in the cell; Excel.run without the option fails at once', async () => {
    const mock = new MockExcel();
    mock.startCellEdit();
    const excel = mock.excel() as { run: (...a: unknown[]) => Promise<unknown> };
    // what the session did before: Excel.run(batch) fails in cell-edit mode
    await expect(excel.run(async () => 1)).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    mock.ignoresDelayForCellEdit = true;
    const timer: Timer = { set: (fn) => setTimeout(fn, 0), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    const run = cellEditSafeRunner({ excel: () => excel as never, timer, retryMs: 100, giveUpMs: 300 });
    const err = await run(async () => 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeError);
    expect(err).toMatchObject({ code: 'cell_edit', message: '单元格正处于编辑状态：请按 Enter 或 Esc 结束编辑，评分会随即更新。' });
    expect(mock.cellEditRefusals).toBe(1 + 3);
  });
});

describe('change handlers', () => {
  it('are registered once, workbook-wide: four recomputes, one handler — even when every write fails', async () => {
    const { mock, session } = await workbookWithTemplates();
    // every output write fails, wherever the outputs live (评分表 in the earlier design)
    mock.failWrite = (sheet) => sheet === 'jixiao_out' || sheet === '评分表';
    for (const reason of ['open', 'manual', 'focus', 'manual'] as const) {
      mock.setQuiet('in_staff_actual', reason === 'focus' ? 19 : 20 + mock.syncCount);
      const r = await session.recompute(reason);
      expect(r.evaluation.issues.some((i) => i.code === 'write_failed')).toBe(true);
    }
    expect(mock.handlerCount()).toBe(1);
    expect(mock.workbookHandlers).toHaveLength(1);
  });

  it('are one per sheet holding inputs on hosts without worksheets.onChanged (ExcelApi 1.7–1.8), each once', async () => {
    const caps: Capabilities = { recompute: true, live: true, workbookEvents: false, insert: true, triggerSource: false };
    const { mock, session } = await workbookWithTemplates(undefined, { capabilities: caps });
    for (const reason of ['open', 'manual', 'focus', 'manual'] as const) await session.recompute(reason);
    expect(mock.workbookHandlers).toHaveLength(0);
    expect(mock.sheet('基本情况表').handlers).toHaveLength(1);
    expect(mock.sheet('满意度调查').handlers).toHaveLength(1);
    expect(mock.handlerCount()).toBe(2);
  });

  it('a failed registration is said (live recompute off, use 同步) and tried again by the next recompute the officer starts', async () => {
    const { mock, session } = await workbookWithTemplates();
    await session.dispose();
    const fresh = newSession();
    mock.failHandlers = true;
    const r = await fresh.recompute('open');
    const f = r.evaluation.issues.find((i) => i.code === 'listen_failed')!;
    expect(f.message).toBe('无法自动监听单元格的修改：Excel 暂时无法完成操作，请稍后重试。修改输入后请点击“同步”重新计算');
    expect(r.evaluation.total.toNumber()).toBe(73.28);
    // a focus does not try again (no sync spent on it); 同步 does
    const syncs = mock.syncCount;
    await fresh.recompute('focus');
    expect(mock.syncCount - syncs).toBe(1);
    mock.failHandlers = false;
    const again = await fresh.recompute('manual');
    expect(again.evaluation.issues.some((i) => i.code === 'listen_failed')).toBe(false);
    expect(mock.handlerCount()).toBe(1);
  });
});

describe('each step known', () => {
  it('the sync record failing after the outputs: the outputs count as written, the record failure is said — no password blamed', async () => {
    const { mock, session } = await workbookWithTemplates();
    await session.recompute('manual');
    mock.failWrite = (sheet) => sheet === 'jixiao_sync';
    mock.setQuiet('in_staff_actual', 20);
    const r = await session.recompute('manual');
    expect(r.written).toBe(3);
    expect(mock.valueOf('score_total')).toBe(75.28);
    expect(r.evaluation.issues.some((i) => i.code === 'write_failed')).toBe(false);
    const f = r.evaluation.issues.find((i) => i.code === 'record_failed')!;
    expect(f).toMatchObject({ severity: 'warning' });
    expect(f.message).toBe('同步记录未能保存：Excel 暂时无法完成操作，请稍后重试。评分结果不受影响；下次打开时可能无法说明离线修改了哪些输入');
  });

  it('a workbook whose structure is protected: outputs written, the record sheet cannot be added — said as info, nothing failing', async () => {
    const { mock, session } = await workbookWithTemplates();
    mock.sheets.splice(mock.sheets.indexOf(mock.sheet('jixiao_sync')), 1);
    mock.structureProtected = true;
    const r = await session.recompute('open');
    expect(mock.valueOf('score_total')).toBe(73.28);
    expect(r.written).toBeGreaterThan(40);
    expect(r.evaluation.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(r.evaluation.issues.find((i) => i.code === 'record_blocked')!.message).toContain('工作簿结构受保护');
    expect(mock.sheets.some((s) => s.name === 'jixiao_sync')).toBe(false);
    expect(mock.protectionCalls).toEqual([]);
  });

  it('the record sheet, when missing, is added by a recompute the officer starts, never by a change event', async () => {
    jest.useFakeTimers();
    const { mock, session, seen } = await listening();
    mock.sheets.splice(mock.sheets.indexOf(mock.sheet('jixiao_sync')), 1);
    await mock.edit('in_staff_actual', 20);
    await jest.advanceTimersByTimeAsync(300);
    await session.settle();
    expect(seen).toEqual(['change']);
    expect(mock.sheets.some((s) => s.name === 'jixiao_sync')).toBe(false);
    const r = await session.recompute('manual');
    expect(r.evaluation.issues.some((i) => i.code.startsWith('record'))).toBe(false);
    expect(mock.sheet('jixiao_sync').visibility).toBe('VeryHidden');
    expect(String(mock.sheet('jixiao_sync').cells.get('A1')?.value)).toMatch(/^jixiao:1\/1:\{/);
  });

  it('a results sheet someone protected is said, not unprotected', async () => {
    const { mock, session } = await workbookWithTemplates();
    mock.sheet('jixiao_out').protection = { protected: true, options: {} };
    const r = await session.recompute('manual');
    expect(r.written).toBe(0);
    expect(mock.protectionCalls).toEqual([]);
    expect(r.evaluation.issues.find((i) => i.code === 'results_protected')!.message).toContain('jixiao_out 被设置了保护');
    expect(r.layout).toBeUndefined();
  });

  it('finds its record sheet under any spelling (JIXIAO_SYNC), and adds no second one', async () => {
    const { mock, session } = await workbookWithTemplates();
    await session.recompute('manual');
    mock.sheet('jixiao_sync').name = 'JIXIAO_SYNC';
    mock.setQuiet('in_staff_actual', 20);
    const r = await session.recompute('open');
    expect(r.changedSinceSync).toEqual(['in_staff_actual']);
    expect(mock.sheets.filter((s) => s.name.toLowerCase() === 'jixiao_sync')).toHaveLength(1);
    expect(String(mock.sheet('JIXIAO_SYNC').cells.get('A1')?.value)).toContain('"in_staff_actual":"20"');
  });
});

describe('the helper sheets', () => {
  it('saved merely hidden by LibreOffice are made very hidden again by a recompute the officer starts, not by a focus', async () => {
    const { mock, session } = await workbookWithTemplates();
    mock.sheet('jixiao_out').visibility = 'Hidden';
    mock.sheet('jixiao_sync').visibility = 'Hidden';
    await session.recompute('focus');
    expect(mock.sheet('jixiao_out').visibility).toBe('Hidden');
    await session.recompute('open');
    expect(mock.sheet('jixiao_out').visibility).toBe('VeryHidden');
    expect(mock.sheet('jixiao_sync').visibility).toBe('VeryHidden');
    expect(mock.protectionCalls).toEqual([]);
  });
});

describe('after an insert', () => {
  it('the insert itself writes no output and starts no recompute: the pane’s recompute(\'insert\') is the only one', async () => {
    const { mock } = mockExcel();
    mock.addSheet('Sheet1');
    const session = newSession();
    const recompute = jest.spyOn(session, 'recompute');
    const heard: string[] = [];
    session.subscribe((r) => heard.push(r.reason));
    await session.insertTemplate(scheme, { sheets: [...ALL] }, () => undefined);
    expect(recompute).not.toHaveBeenCalled();
    expect(mock.valueOf('score_total')).toBe('');
    expect(mock.valueOf('status_text')).toBe('尚未评分');
    expect(mock.sheet('jixiao_sync').cells.get('A1')?.value ?? '').toBe('');
    const r = await session.recompute('insert');
    expect(r.written).toBeGreaterThan(0);
    expect(heard).toEqual([]); // the pane started it: no second report through subscribe
  });
});

describe('wording', () => {
  it('Office errors in Chinese by their code; never Office’s English text', () => {
    expect(officeErrorText(officeError('ItemNotFound', "The requested resource doesn't exist."))).toBe('找不到所需的工作表或名称，可能已被删除或改名。');
    expect(officeErrorText(officeError('SomethingNew', 'x'))).toBeNull();
    expect(reasonOf(officeError('SomethingNew', 'The password you supplied is not correct.'))).toBe('Excel 未说明原因（错误代码 SomethingNew）');
    expect(reasonOf(new Error('Wrong number of arguments'))).toBe('Excel 未说明原因');
    expect(reasonOf(new Error('工作表“评分表”不存在。'))).toBe('工作表“评分表”不存在');
  });
});
