import { capabilities, describeHost, hostProblem, requirementMessage, resyncOnFocus } from '../../src/workbook/office';
import { absoluteRows, columnPoints, footerSections, protectionOptions, ruleOf } from '../../src/workbook/office/render';
import { freeName } from '../../src/workbook/office/insert';
import { planWrites, sameValue } from '../../src/workbook/office/io';
import { parseBox } from '../../src/workbook/office/a1';
import type { PlanValidation } from '../../src/workbook/template';

const minor = (v = '1.1') => Number(v.split('.')[1]);
const upTo = (max: string) => ({ isSetSupported: (name: string, v?: string) => name === 'ExcelApi' && minor(v) <= minor(max) });

describe('host and requirement sets', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
    delete (globalThis as Record<string, unknown>).Excel;
  });

  it('tells what this Excel can do, by ExcelApi version', () => {
    expect(capabilities(upTo('1.14'))).toEqual({ recompute: true, live: true, workbookEvents: true, insert: true, triggerSource: true });
    expect(capabilities(upTo('1.8'))).toEqual({ recompute: true, live: true, workbookEvents: false, insert: false, triggerSource: false });
    // volume-licensed Office 2019 stops at ExcelApi 1.7: it scores and listens, one handler per sheet, but cannot insert
    expect(capabilities(upTo('1.7'))).toEqual({ recompute: true, live: true, workbookEvents: false, insert: false, triggerSource: false });
    // volume-licensed Office 2016 has ExcelApi 1.1 only
    expect(capabilities(upTo('1.1')).recompute).toBe(false);
    expect(capabilities(null)).toEqual({ recompute: false, live: false, workbookEvents: false, insert: false, triggerSource: false });
  });

  it('explains in Chinese what is missing', () => {
    expect(requirementMessage('insert', capabilities(upTo('1.14')))).toBeNull();
    expect(requirementMessage('insert', capabilities(upTo('1.8')))).toContain('ExcelApi 1.9');
    expect(requirementMessage('insert', capabilities(upTo('1.7')))).toContain('批量许可版 Excel 2019');
    expect(requirementMessage('live', capabilities(upTo('1.7')))).toBeNull();
    expect(requirementMessage('recompute', capabilities(upTo('1.6')))).toContain('版本过旧');
    expect(requirementMessage('recompute', capabilities(upTo('1.6')))).toContain('ExcelApi 1.7');
  });

  it('says when the pane runs outside Excel, and names the host', () => {
    expect(hostProblem()).toContain('未在 Office 中运行');
    (globalThis as Record<string, unknown>).Office = { context: { host: 'Word', diagnostics: { host: 'Word' } } };
    expect(hostProblem()).toContain('仅适用于 Excel');
    (globalThis as Record<string, unknown>).Office = {
      context: { host: 'Excel', requirements: upTo('1.9'), diagnostics: { host: 'Excel', platform: 'OfficeOnline', version: '16.0.1' } },
    };
    (globalThis as Record<string, unknown>).Excel = {};
    expect(hostProblem()).toBeNull();
    expect(describeHost()).toBe('Excel 网页版 16.0.1');
    expect(capabilities().insert).toBe(true);
  });
});

describe('resync on focus', () => {
  function target() {
    const listeners = new Map<string, () => void>();
    return {
      visibilityState: 'visible',
      addEventListener: (t: string, l: () => void) => void listeners.set(t, l),
      removeEventListener: (t: string) => void listeners.delete(t),
      emit: (t: string) => listeners.get(t)?.(),
      listeners,
    };
  }

  it('recomputes on focus or when the pane becomes visible, at most once a second, and stops', async () => {
    const win = target();
    const doc = target();
    let now = 0;
    const recompute = jest.fn(async () => undefined as never);
    const stop = resyncOnFocus({ recompute }, { win, doc, now: () => now });
    win.emit('focus');
    doc.emit('visibilitychange');
    await new Promise((r) => setImmediate(r));
    expect(recompute).toHaveBeenCalledTimes(1);
    expect(recompute).toHaveBeenCalledWith('focus');
    now = 1500;
    doc.visibilityState = 'hidden';
    doc.emit('visibilitychange');
    expect(recompute).toHaveBeenCalledTimes(1);
    doc.visibilityState = 'visible';
    doc.emit('visibilitychange');
    expect(recompute).toHaveBeenCalledTimes(2);
    stop();
    expect(win.listeners.size + doc.listeners.size).toBe(0);
  });
});

describe('rendering details', () => {
  const v = (rule: PlanValidation['rule']): PlanValidation => ({
    range: 'D8',
    rule,
    prompt: { title: 't', text: 'p' },
    error: { title: 'e', text: 'x' },
    errorStyle: 'warning',
    allowBlank: true,
  });

  it('maps the plan’s validation rules to Office.js rules', () => {
    expect(ruleOf(v({ type: 'list', values: ['元', '万元'] }))).toEqual({ list: { inCellDropDown: true, source: '元,万元' } });
    expect(ruleOf(v({ type: 'whole', min: 0 }))).toEqual({ wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } });
    expect(ruleOf(v({ type: 'decimal', min: 0, max: 4 }))).toEqual({ decimal: { formula1: 0, formula2: 4, operator: 'Between' } });
    expect(ruleOf(v({ type: 'date', min: '2000-01-01', max: '2100-12-31' }))).toEqual({ date: { formula1: '2000-01-01', formula2: '2100-12-31', operator: 'Between' } });
    expect(ruleOf(v({ type: 'any' }))).toBeNull();
  });

  it('converts page setup and protection', () => {
    expect(footerSections('&C第 &P 页，共 &N 页')).toEqual({ center: '第 &P 页，共 &N 页' });
    expect(footerSections('&L左&R右')).toEqual({ left: '左', right: '右' });
    expect(absoluteRows('1:3')).toBe('$1:$3');
    expect(columnPoints(10)).toBe(56.25);
    expect(protectionOptions({ selectLockedCells: false, selectUnlockedCells: true, formatCells: false, formatColumns: true, formatRows: true, insertRows: false, deleteRows: false })).toMatchObject({
      selectionMode: 'Unlocked',
      allowFormatColumns: true,
      allowInsertRows: false,
    });
  });

  it('suffixes a taken sheet name within Excel’s 31 characters', () => {
    expect(freeName('基本情况表', new Set(['sheet1']))).toBe('基本情况表');
    expect(freeName('基本情况表', new Set(['基本情况表', '基本情况表(2)']))).toBe('基本情况表(3)');
    expect(freeName('x'.repeat(31), new Set(['x'.repeat(31)]))).toBe('x'.repeat(28) + '(2)');
  });
});

describe('planWrites', () => {
  const cell = (name: string, address: string, value: unknown, formula: unknown = value) => ({
    name,
    box: parseBox(`评分表!${address}`)!,
    value,
    formula,
    range: {} as Excel.Range,
    single: true,
  });

  it('writes what differs, skips formulas and refuses any output over an input', () => {
    const current = new Map([
      ['score_a', cell('score_a', 'I4', 2)],
      ['score_b', cell('score_b', 'I5', '')],
      ['text_a', cell('text_a', 'H4', '旧')],
      ['score_total', cell('score_total', 'I30', 50, '=SUM(I4:I29)')],
      ['score_bad', cell('score_bad', 'D8', 1)],
    ]);
    const wanted = new Map<string, number | string | null>([
      ['score_a', 2],
      ['score_b', null],
      ['text_a', '新'],
      ['score_total', 73.28],
      ['score_bad', 3],
      ['score_gone', 1],
    ]);
    const plan = planWrites(wanted, current, [parseBox('评分表!D8')!]);
    expect(plan.writes.map((w) => [w.name, w.value])).toEqual([['text_a', '新']]);
    expect(plan.refused).toEqual([expect.objectContaining({ code: 'output_on_input', cells: ['评分表!D8'] })]);
  });

  it('compares as cells hold values: blank is "" and numbers within rounding', () => {
    expect(sameValue('', null)).toBe(true);
    expect(sameValue(0, null)).toBe(false);
    expect(sameValue(73.28, 73.28 + 1e-12)).toBe(true);
    expect(sameValue('73.28', 73.28)).toBe(false);
    expect(sameValue('中', '中')).toBe(true);
  });
});

describe('a session on an old Excel', () => {
  it('refuses to insert with the friendly message, before touching the workbook', async () => {
    const { OfficeSession } = await import('../../src/workbook/office');
    const run = jest.fn();
    const session = new OfficeSession({ capabilities: capabilities(upTo('1.8')), run: run as never });
    await expect(session.insertTemplate((await import('./helpers')).scheme, { sheets: ['summary'] }, () => undefined)).rejects.toThrow('ExcelApi 1.9');
    expect(run).not.toHaveBeenCalled();
  });
});
