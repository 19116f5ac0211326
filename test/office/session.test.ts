import { syncMessage } from '../../src/workbook/sync';
import { OfficeWorkbook } from '../../src/workbook/office';
import { schemeNames } from '../../src/workbook/template';
import { exampleValues, inputCells, newSession, scheme, workbookWithTemplates } from './helpers';
import { cellsOf, MockExcel } from './mockExcel';

const STAFF_TEXT = '（21/20）×100%=105.00%，超过100%共5.00个百分点，扣2分，得2分';

/** No write of the add-in ever lands on a cell an input name covers. */
function expectNoInputWrites(mock: MockExcel): void {
  const inputs = inputCells(mock);
  expect(mock.writes.length + inputs.size).toBeGreaterThan(0);
  for (const cell of mock.writtenCells()) expect(inputs.has(cell)).toBe(false);
}

function outputCells(mock: MockExcel): Set<string> {
  const out = new Set<string>();
  for (const name of schemeNames(scheme).outputs) {
    const n = mock.names.get(name)!;
    for (const c of cellsOf(n.address)) out.add(`${n.sheet.name}!${c}`);
  }
  return out;
}

describe('recompute', () => {
  it('scores the worked example and writes the outputs in two syncs at most, never into an input', async () => {
    const { mock, sync, session } = await workbookWithTemplates();
    const result = await session.recompute('manual');

    expect(mock.valueOf('score_staff_control')).toBe(2);
    expect(mock.valueOf('text_staff_control')).toBe(STAFF_TEXT);
    expect(mock.valueOf('score_sangong_change')).toBe(2.4);
    expect(mock.valueOf('score_satisfaction')).toBe(6.88);
    expect(mock.valueOf('score_total')).toBe(73.28);
    expect(mock.valueOf('score_grade')).toBe('中');
    expect(mock.valueOf('status_text')).toMatch(/^评分完整/);
    expect(result.evaluation.total.toNumber()).toBe(73.28);
    expect(result.written).toBeGreaterThan(40);

    expect(sync).toHaveBeenCalledTimes(2);
    expectNoInputWrites(mock);
    const outputs = outputCells(mock);
    for (const cell of mock.writtenCells()) if (!cell.startsWith('jixiao_sync!')) expect(outputs.has(cell)).toBe(true);
    // the outputs live on the unprotected results sheet: no protection is touched (it would clear the undo
    // history), the visible sheets stay protected as they were
    expect(new Set(mock.writes.map((w) => w.sheet))).toEqual(new Set(['jixiao_out', 'jixiao_sync']));
    expect(mock.protectionCalls).toEqual([]);
    for (const name of ['基本情况表', '评分表']) expect(mock.sheet(name).protection.protected).toBe(true);
    expect(mock.sheet('评分表').protection.options).toMatchObject({ allowFormatCells: false, selectionMode: 'Normal' });
  });

  it('reads once and writes nothing when nothing changed', async () => {
    const { mock, sync, session } = await workbookWithTemplates();
    await session.recompute('manual');
    sync.mockClear();
    mock.writes.length = 0;
    const again = await session.recompute('manual');
    expect(again.written).toBe(0);
    expect(mock.writes).toEqual([]);
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it('writes only the outputs that differ after one input changes', async () => {
    const { mock, sync, session } = await workbookWithTemplates();
    await session.recompute('manual');
    sync.mockClear();
    mock.writes.length = 0;
    mock.setQuiet('in_staff_actual', 20);
    const r = await session.recompute('manual');
    expect(mock.valueOf('score_staff_control')).toBe(4);
    expect(mock.valueOf('score_total')).toBe(75.28);
    // score, text, total and the record; grade stays 中 and is not rewritten
    expect(mock.writes.map((w) => w.address).filter((a) => !a.startsWith('A1:A'))).toHaveLength(3);
    expect(r.written).toBe(3);
    expect(sync).toHaveBeenCalledTimes(2);
    expectNoInputWrites(mock);
  });

  it('keeps at most two syncs with every indicator changing', async () => {
    const { mock, sync, session } = await workbookWithTemplates(null);
    await session.recompute('manual');
    for (const [name, value] of Object.entries(exampleValues())) mock.setQuiet(name, value);
    sync.mockClear();
    await session.recompute('manual');
    expect(sync).toHaveBeenCalledTimes(2);
    expect(mock.valueOf('score_total')).toBe(73.28);
  });

  it('reports a deleted name as missing_name and scores the rest, without throwing', async () => {
    const { mock, session } = await workbookWithTemplates();
    await session.recompute('manual');
    mock.names.delete('in_staff_quota');
    const r = await session.recompute('manual');
    const f = r.evaluation.issues.find((i) => i.code === 'missing_name');
    expect(f).toMatchObject({ severity: 'error', inputs: ['in_staff_quota'] });
    expect(f!.message).toBe('找不到“编制数”的单元格：名称 in_staff_quota 已被删除或引用无效（请在“公式”→“名称管理器”中恢复，或重新插入模板）');
    expect(mock.valueOf('score_staff_control')).toBe('');
    expect(mock.valueOf('score_goal_fit')).toBe(3);
    expect(mock.valueOf('score_grade')).toBe('');
  });

  it('finds the inputs by name after the officer inserted rows above them', async () => {
    const { mock, sync, session } = await workbookWithTemplates();
    await session.recompute('manual');
    const before = mock.names.get('in_staff_actual')!.address;
    mock.sheet('基本情况表').protection.protected = false;
    mock.insertRows('基本情况表', 8, 2);
    expect(mock.names.get('in_staff_actual')!.address).not.toBe(before);
    sync.mockClear();
    const r = await session.recompute('manual');
    expect(r.written).toBe(0);
    expect(r.evaluation.total.toNumber()).toBe(73.28);
    expect(r.evaluation.issues.filter((i) => i.code === 'missing_name')).toEqual([]);
  });

  it('refuses to write an output whose name was moved onto an input cell', async () => {
    const { mock, session } = await workbookWithTemplates();
    const staff = mock.names.get('in_staff_quota')!;
    mock.names.set('score_total', { sheet: staff.sheet, address: staff.address });
    const r = await session.recompute('manual');
    expect(mock.valueOf('in_staff_quota')).toBe(20);
    expect(r.evaluation.issues.some((i) => i.code === 'output_on_input')).toBe(true);
    expectNoInputWrites(mock);
  });

  it('says how many outputs landed when the write batch fails half way, in Chinese, blaming no password', async () => {
    const { mock, session } = await workbookWithTemplates();
    // Excel applies a failed batch's operations up to the failing one: the 5th output write fails
    let n = 0;
    mock.failWrite = (sheet) => sheet === 'jixiao_out' && ++n === 5;
    const r = await session.recompute('manual');
    expect(r.written).toBe(4);
    const f = r.evaluation.issues[0];
    expect(f).toMatchObject({ code: 'write_failed', severity: 'error' });
    expect(f.message).toMatch(/^评分结果未能全部写入工作簿（已写入 4\/45 项）：Excel 暂时无法完成操作，请稍后重试。请点击“同步”重试$/);
    expect(f.message).not.toMatch(/密码|internal error/);
    // the record, queued after the outputs, did not land either
    expect(r.evaluation.issues.some((i) => i.code === 'record_failed')).toBe(true);
    mock.failWrite = null;
    const again = await session.recompute('manual');
    expect(again.written).toBe(41);
    expect(mock.valueOf('score_total')).toBe(73.28);
    expect(again.evaluation.issues.some((i) => i.code === 'write_failed' || i.code === 'record_failed')).toBe(false);
  });
});

describe('change events', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function live() {
    const env = await workbookWithTemplates();
    await env.session.recompute('open'); // binds the sheets
    await jest.advanceTimersByTimeAsync(1000); // the events of its own writes arrive, and start nothing
    await env.session.settle();
    env.mock.events.length = 0;
    // every recompute the session starts by itself reaches its subscribers
    const results: number[] = [];
    const spy = jest.fn((reason: string) => reason);
    env.session.subscribe((r) => {
      results.push(r.written);
      spy(r.reason);
    });
    env.sync.mockClear();
    env.mock.writes.length = 0;
    return { ...env, spy, results };
  }

  it('recomputes after the officer edits an input, and the add-in’s own writes start no other recompute', async () => {
    const { mock, session, sync, spy, results } = await live();
    await mock.edit('in_staff_actual', 20);
    expect(spy).not.toHaveBeenCalled(); // debounced
    await jest.advanceTimersByTimeAsync(300);
    await session.settle();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith('change');
    expect(results).toEqual([3]);
    expect(mock.valueOf('score_total')).toBe(75.28);
    expect(sync).toHaveBeenCalledTimes(2);

    // the writes raised onChanged (triggerSource ThisLocalAddin): let them arrive, nothing more happens
    await jest.advanceTimersByTimeAsync(2000);
    await session.settle();
    expect(mock.events.filter((e) => e.triggerSource === 'ThisLocalAddin').length).toBeGreaterThan(0);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(sync).toHaveBeenCalledTimes(2);
  });

  it('ignores an event that says it came from this add-in, even on an input', async () => {
    const { mock, session, spy } = await live();
    const n = mock.names.get('in_staff_actual')!;
    await mock.fire(n.sheet.name, { address: n.address, triggerSource: 'ThisLocalAddin' });
    await jest.advanceTimersByTimeAsync(1000);
    await session.settle();
    expect(spy).not.toHaveBeenCalled();
  });

  it('before ExcelApi 1.14 (no triggerSource) tells its own writes by their place: outputs, not inputs', async () => {
    const { mock, session, spy } = await live();
    mock.triggerSource = false;
    await mock.edit('in_staff_actual', 20);
    await jest.advanceTimersByTimeAsync(300);
    await session.settle();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(mock.writes.length).toBeGreaterThan(0);
    await jest.advanceTimersByTimeAsync(2000);
    await session.settle();
    // Excel raised events for the add-in's writes on 基本情况表 (total, grade, status), without triggerSource
    const own = mock.events.filter((e) => e.address !== mock.names.get('in_staff_actual')!.address);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.triggerSource === undefined)).toBe(true);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('folds a burst of 100 change events (a paste) into one recompute', async () => {
    const { mock, session, sync, spy } = await live();
    const grid = mock.names.get('in_survey_answers')!;
    const cells = cellsOf(grid.address).slice(0, 100);
    for (const cell of cells) {
      mock.sheet('满意度调查').cells.get(cell)!.value = '满意';
      await mock.fire('满意度调查', { address: cell });
      await jest.advanceTimersByTimeAsync(2);
    }
    expect(spy).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(300);
    await session.settle();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(sync.mock.calls.length).toBeLessThanOrEqual(2);
    // rows 1–3 were 非常满意 and are now 满意: all ten questionnaires 满意 → 400/500×8
    expect(mock.valueOf('score_satisfaction')).toBe(6.4);
  });

  it('maps a pasted block to the inputs it touches, and ignores edits elsewhere', async () => {
    const { mock, session, spy } = await live();
    await mock.fire('基本情况表', { address: 'H1:H200' });
    await mock.fire('基本情况表', { address: 'A1' });
    await jest.advanceTimersByTimeAsync(1000);
    await session.settle();
    expect(spy).not.toHaveBeenCalled();
    const quota = mock.names.get('in_staff_quota')!;
    await mock.fire('基本情况表', { address: `A1:${quota.address}` });
    await jest.advanceTimersByTimeAsync(300);
    await session.settle();
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('recomputes a co-author’s change but writes nothing when the outputs are the same', async () => {
    const { mock, session, sync, spy } = await live();
    await mock.edit('in_dept_head', '李华', { source: 'Remote' });
    await jest.advanceTimersByTimeAsync(300);
    await session.settle();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(mock.writes).toEqual([]);
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it('writes a co-author’s change that moves a score', async () => {
    const { mock, session } = await live();
    await mock.edit('in_late_items', 0, { source: 'Remote' });
    await jest.advanceTimersByTimeAsync(300);
    await session.settle();
    expect(mock.valueOf('score_spend_progress')).toBe(4);
    expectNoInputWrites(mock);
  });

  it('recomputes when rows are inserted on an input sheet', async () => {
    const { mock, session, spy } = await live();
    mock.sheet('基本情况表').protection.protected = false;
    mock.insertRows('基本情况表', 8, 1);
    await mock.fire('基本情况表', { address: '8:8', changeType: 'RowInserted' });
    await jest.advanceTimersByTimeAsync(300);
    await session.settle();
    expect(spy).toHaveBeenCalledTimes(1);
  });
});

describe('sync on open', () => {
  it('says which inputs were changed offline since the last sync, and recomputes', async () => {
    const { mock, session } = await workbookWithTemplates();
    const first = await session.recompute('open');
    expect(first.changedSinceSync.length).toBeGreaterThan(0); // filled after the insert's record

    // closed; filled on in WPS: three inputs change, no event reaches any add-in
    mock.setQuiet('in_staff_actual', 20);
    mock.setQuiet('in_late_items', 0);
    mock.setQuiet('in_goal_clear_3', '是');

    const reopened = newSession();
    expect(await reopened.detect()).toBe(scheme);
    const r = await reopened.recompute('open');
    expect(r.changedSinceSync).toEqual(['in_goal_clear_3', 'in_late_items', 'in_staff_actual']);
    expect(syncMessage(r.changedSinceSync.length)).toBe('离线修改了 3 项输入，已重新计算');
    expect(mock.valueOf('score_total')).toBe(75.28 + 1.5 + 1);

    const again = await reopened.recompute('focus');
    expect(again.changedSinceSync).toEqual([]);
  });

  it('catches a dropdown pick that raised no event on the next focus', async () => {
    const { mock, session } = await workbookWithTemplates();
    await session.recompute('open');
    mock.setQuiet('in_disclosure_4', '是');
    const r = await session.recompute('focus');
    expect(r.changedSinceSync).toEqual(['in_disclosure_4']);
    expect(mock.valueOf('score_disclosure')).toBe(5);
  });

  it('keeps a long record split down A1:A20 of the very hidden sheet', async () => {
    const { mock, session } = await workbookWithTemplates({ ...exampleValues(), in_duties: '职'.repeat(45000) });
    await session.recompute('open');
    const sheet = mock.sheet('jixiao_sync');
    expect(String(sheet.cells.get('A1')!.value)).toMatch(/^jixiao:1\/2:/);
    expect(String(sheet.cells.get('A2')!.value)).toMatch(/^jixiao:2\/2:/);
    mock.setQuiet('in_duties', '改写');
    const r = await newSession().recompute('open');
    expect(r.changedSinceSync).toEqual(['in_duties']);
  });
});

describe('hosts and lifetimes', () => {
  it('retries a read that a host refused for a call chained off a missing name', async () => {
    const { mock, sync, session } = await workbookWithTemplates();
    mock.names.delete('in_phone');
    mock.chainedNullFails = true;
    const r = await session.recompute('manual');
    // the failed batch, the look at which names exist, the read again, the write
    expect(sync).toHaveBeenCalledTimes(4);
    expect(mock.valueOf('score_total')).toBe(73.28);
    expect(r.evaluation.issues.filter((i) => i.code === 'missing_name').map((i) => i.inputs)).toEqual([['in_phone']]);
  });

  it('stops listening after dispose', async () => {
    jest.useFakeTimers();
    try {
      const { mock, session } = await workbookWithTemplates();
      await session.recompute('open');
      const seen: string[] = [];
      session.subscribe((r) => seen.push(r.reason));
      await session.dispose();
      expect(mock.sheet('基本情况表').handlers).toEqual([]);
      await mock.edit('in_staff_actual', 20);
      await jest.advanceTimersByTimeAsync(1000);
      await session.settle();
      expect(seen).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('detect, select and the adapter', () => {
  it('detects the scheme by its names, and nothing in a plain workbook', async () => {
    const { session } = await workbookWithTemplates();
    expect(await session.detect()).toBe(scheme);
    const plain = new MockExcel();
    plain.addSheet('Sheet1');
    (globalThis as Record<string, unknown>).Excel = plain.excel();
    const s = newSession();
    expect(await s.detect()).toBeNull();
    await expect(s.recompute('manual')).rejects.toThrow('没有找到评分模板');
  });

  it('selects a finding’s cell, or a named input', async () => {
    const { mock, session } = await workbookWithTemplates();
    await session.select('评分表!H5');
    expect(mock.active).toBe('评分表');
    expect(mock.selection).toEqual({ sheet: '评分表', address: 'H5' });
    await session.select('in_year');
    expect(mock.selection).toEqual({ sheet: '基本情况表', address: mock.names.get('in_year')!.address });
  });

  it('OfficeWorkbook reads inputs (missing names as findings) and writes outputs like the exceljs adapter', async () => {
    const { mock, sync } = await workbookWithTemplates();
    mock.names.delete('in_phone');
    const wb = new OfficeWorkbook();
    const inputs = await wb.readInputs(scheme);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(inputs.values.in_staff_quota).toBe(20);
    expect(inputs.values.in_goal_fit_1).toBe('是');
    expect((inputs.values.in_survey_answers as unknown[][])[0][0]).toBe('非常满意');
    expect((inputs.values.in_survey_answers as unknown[][])[29][9]).toBeNull();
    expect(inputs.cells!.in_staff_quota).toEqual({ sheet: '基本情况表', address: mock.names.get('in_staff_quota')!.address });
    expect(inputs.problems).toEqual([expect.objectContaining({ code: 'missing_name', severity: 'error', inputs: ['in_phone'] })]);

    const { evaluate } = await import('../../src/engine');
    sync.mockClear();
    await wb.writeOutputs(scheme, evaluate(scheme, inputs));
    expect(sync).toHaveBeenCalledTimes(2);
    expect(mock.valueOf('score_total')).toBe(73.28);
    expectNoInputWrites(mock);
  });

  it('without the survey sheet, its grid is an info finding and the summary totals count', async () => {
    const { mockExcel } = await import('./helpers');
    const { mock } = mockExcel();
    const session = newSession();
    await session.insertTemplate(scheme, { sheets: ['summary', 'scoring'] }, () => undefined);
    for (const [name, value] of Object.entries(exampleValues())) if (name !== 'in_survey_answers') mock.setQuiet(name, value);
    mock.setQuiet('in_survey_points', 430);
    mock.setQuiet('in_survey_count', 10);
    const r = await session.recompute('manual');
    expect(r.evaluation.issues.find((i) => i.code === 'missing_name')).toMatchObject({ severity: 'info', inputs: ['in_survey_answers'] });
    expect(mock.valueOf('score_total')).toBe(73.28);
  });
});
