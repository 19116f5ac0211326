/**
 * Workbooks made by earlier versions kept the outputs in locked cells of protected sheets, so every recompute
 * unprotected and protected them — clearing the officer's undo history. Here: such a workbook is never
 * touched that way by a change-triggered recompute; it is upgraded (outputs moved onto the very hidden results
 * sheet, the visible cells given formulas) once, by a recompute the officer starts, and the result says so;
 * a password, a protected structure or a failure half way are each said for what they are, and no sheet is
 * left unprotected.
 */
import { OfficeWorkbook } from '../../src/workbook/office';
import { evaluate } from '../../src/engine';
import { schemeNames } from '../../src/workbook/template';
import { newSession, scheme, toEarlierLayout, workbookWithTemplates } from './helpers';
import type { MockExcel } from './mockExcel';

const PROTECTED = ['基本情况表', '评分表'];

/** A scored workbook of the earlier layout, opened afresh: a new session, counters cleared. */
async function earlierWorkbook() {
  const env = await workbookWithTemplates();
  await env.session.recompute('manual');
  await env.session.dispose();
  toEarlierLayout(env.mock);
  const session = newSession();
  env.mock.protectionCalls.length = 0;
  env.mock.writes.length = 0;
  return { mock: env.mock, session };
}

function namesOn(mock: MockExcel, sheet: string): string[] {
  return schemeNames(scheme).outputs.filter((n) => mock.names.get(n)!.sheet.name === sheet);
}

describe('a workbook of the earlier layout', () => {
  afterEach(() => jest.useRealTimers());

  it('is left alone by recomputes the officer did not start: no protection call, protected outputs not written, the upgrade said pending', async () => {
    jest.useFakeTimers();
    const { mock, session } = await earlierWorkbook();
    const focus = await session.recompute('focus'); // binds and starts listening
    expect(focus.layout).toBeUndefined(); // nothing to write yet
    const seen: string[] = [];
    session.subscribe((r) => seen.push(`${r.reason}:${r.layout?.state}`));

    await mock.edit('in_staff_actual', 20);
    await jest.advanceTimersByTimeAsync(300);
    await session.settle();
    expect(seen).toEqual(['change:pending']);
    expect(mock.protectionCalls).toEqual([]);
    expect(mock.sheets.some((s) => s.name === 'jixiao_out')).toBe(false);
    // 评分表 still shows the old score: writing it would have meant unprotecting the sheet
    expect(mock.valueOf('score_staff_control')).toBe(2);
    expect(mock.writes.every((w) => w.sheet === 'jixiao_sync')).toBe(true);
    const last = await session.recompute('focus');
    expect(last.layout).toMatchObject({ state: 'pending', sheets: PROTECTED });
    expect(last.evaluation.total.toNumber()).toBe(75.28);
    const finding = last.evaluation.issues.find((i) => i.code === 'layout_pending')!;
    expect(finding.severity).toBe('warning');
    expect(finding.message).toContain('点击“同步”即可升级工作簿');
    expect(last.layout!.message).toBe(finding.message);
  });

  it('is upgraded once by opening the pane: each protected sheet unprotected and protected once, names on the results sheet, formulas in the visible cells', async () => {
    const { mock, session } = await earlierWorkbook();
    const options = { ...mock.sheet('评分表').protection.options };
    mock.setQuiet('in_staff_actual', 20); // filled offline since
    const r = await session.recompute('open');

    expect(r.layout).toMatchObject({ state: 'upgraded', sheets: PROTECTED });
    expect(r.layout!.message).toContain('清除了此前的撤销记录');
    expect(mock.protectionCalls.map((c) => `${c.op} ${c.target}`)).toEqual(['unprotect 基本情况表', 'protect 基本情况表', 'unprotect 评分表', 'protect 评分表']);
    for (const name of PROTECTED) expect(mock.sheet(name).protection).toMatchObject({ protected: true });
    expect(mock.sheet('评分表').protection.options).toEqual(options);

    expect(namesOn(mock, 'jixiao_out')).toEqual(schemeNames(scheme).outputs);
    expect(mock.sheet('jixiao_out').visibility).toBe('VeryHidden');
    expect(mock.names.get('score_staff_control')!.address).toBe('B6');
    expect(mock.valueOf('score_staff_control')).toBe(4);
    expect(mock.valueOf('score_total')).toBe(75.28);
    expect(mock.valueOf('text_staff_control')).toBe('（20/20）×100%=100.00%，未超过100%，得4分');
    expect(mock.cell('评分表', 'I6')).toMatchObject({ formula: 'IF(score_staff_control="","",score_staff_control)', locked: true });
    expect(mock.cell('基本情况表', 'D2').formula).toBe('IF(score_total="","",score_total)');
    expect(r.written).toBe(45);
    expect(r.evaluation.issues.filter((i) => i.severity !== 'info')).toEqual([]);

    // from now on: no protection call, whatever starts the recompute
    mock.protectionCalls.length = 0;
    mock.setQuiet('in_staff_actual', 21);
    const after = await session.recompute('manual');
    expect(after.layout).toBeUndefined();
    expect(mock.valueOf('score_total')).toBe(73.28);
    expect(mock.protectionCalls).toEqual([]);
  });

  it('with a password on 评分表: 基本情况表 is upgraded, 评分表 said to be protected (maybe with a password) and left so; live recompute goes on', async () => {
    jest.useFakeTimers();
    const { mock, session } = await earlierWorkbook();
    mock.sheet('评分表').protection.password = '1234';
    const r = await session.recompute('open');

    expect(r.layout!.state).toBe('blocked');
    expect(r.layout!.message).toContain('无法撤销工作表“评分表”的保护（可能设有密码）');
    expect(r.evaluation.issues.filter((i) => i.code === 'layout_blocked')).toHaveLength(1);
    expect(mock.sheet('评分表').protection).toMatchObject({ protected: true, password: '1234' });
    expect(namesOn(mock, '评分表')).toHaveLength(2 * scheme.indicators.length);
    expect(namesOn(mock, 'jixiao_out')).toEqual(['score_total', 'score_grade', 'status_text']);
    expect(mock.sheet('基本情况表').protection.protected).toBe(true);

    // the password does not turn live recompute off: one handler, and a change still recomputes and writes
    expect(mock.handlerCount()).toBe(1);
    mock.protectionCalls.length = 0;
    const seen: number[] = [];
    session.subscribe((x) => seen.push(x.written));
    await mock.edit('in_staff_actual', 20);
    await jest.advanceTimersByTimeAsync(300);
    await session.settle();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThan(0);
    expect(mock.valueOf('score_total')).toBe(75.28);
    expect(mock.protectionCalls).toEqual([]);
    // and keeps saying what stops the upgrade, not that 同步 would do it
    const later = await session.recompute('focus');
    expect(later.layout!.state).toBe('blocked');
    expect(later.evaluation.issues.some((i) => i.code === 'layout_pending')).toBe(false);
  });

  it('a failure half way protects the sheet again and says what failed, blaming no password; the next 同步 finishes', async () => {
    const { mock, session } = await earlierWorkbook();
    const options = { ...mock.sheet('评分表').protection.options };
    mock.failWrite = (sheet, address) => sheet === '评分表' && address === 'I9';
    const r = await session.recompute('open');

    expect(r.layout!.state).toBe('blocked');
    expect(r.layout!.message).toBe('工作表“评分表”未能升级：Excel 暂时无法完成操作，请稍后重试。该表上的评分结果未更新，请点击“同步”重试');
    expect(r.layout!.message).not.toMatch(/密码/);
    expect(mock.sheet('评分表').protection).toMatchObject({ protected: true, options });
    expect(mock.protectionCalls.map((c) => `${c.op} ${c.target}`)).toEqual(['unprotect 基本情况表', 'protect 基本情况表', 'unprotect 评分表', 'protect 评分表']);

    mock.failWrite = null;
    const again = await session.recompute('manual');
    expect(again.layout!.state).toBe('upgraded');
    expect(namesOn(mock, 'jixiao_out')).toEqual(schemeNames(scheme).outputs);
    expect(mock.sheet('评分表').protection.protected).toBe(true);
    expect(mock.valueOf('score_total')).toBe(73.28);
  });

  it('whose structure is protected cannot take the results sheet: said, nothing toggled, nothing added', async () => {
    const { mock, session } = await earlierWorkbook();
    mock.structureProtected = true;
    const r = await session.recompute('open');
    expect(r.layout!.state).toBe('blocked');
    expect(r.layout!.message).toContain('工作簿结构受保护');
    expect(mock.protectionCalls).toEqual([]);
    expect(mock.sheets.some((s) => s.name === 'jixiao_out')).toBe(false);
    expect(r.evaluation.total.toNumber()).toBe(73.28);
  });

  it('left unprotected by the officer is upgraded without any protection call', async () => {
    const { mock, session } = await earlierWorkbook();
    for (const name of PROTECTED) mock.sheet(name).protection.protected = false;
    const r = await session.recompute('manual');
    expect(r.layout!.state).toBe('upgraded');
    expect(mock.protectionCalls).toEqual([]);
    expect(namesOn(mock, 'jixiao_out')).toEqual(schemeNames(scheme).outputs);
  });

  it('is upgraded by OfficeWorkbook.writeOutputs as well, the one call that asks for a write', async () => {
    const { mock } = await earlierWorkbook();
    const wb = new OfficeWorkbook();
    mock.setQuiet('in_late_items', 0);
    await wb.writeOutputs(scheme, evaluate(scheme, await wb.readInputs(scheme)));
    expect(namesOn(mock, 'jixiao_out')).toEqual(schemeNames(scheme).outputs);
    expect(mock.valueOf('score_spend_progress')).toBe(4);
    for (const name of PROTECTED) expect(mock.sheet(name).protection.protected).toBe(true);
  });
});
