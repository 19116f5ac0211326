import { getScheme } from '../../src/engine';
import type { RawValue } from '../../src/engine';
import { OfficeSession } from '../../src/workbook/office';
import type { OfficeSessionOptions } from '../../src/workbook/office';
import { planTemplate } from '../../src/workbook/template';
import example from '../../templates/samples/dept-2013-example.json';
import { cellsOf, MockExcel } from './mockExcel';

export const scheme = getScheme('dept-2013');
export const ALL = ['summary', 'scoring', 'survey'] as const;

/** The worked example of spec/dept-2013.md (total 73.28, 中), a fresh copy. */
export function exampleValues(): Record<string, RawValue> {
  return JSON.parse(JSON.stringify(example)) as Record<string, RawValue>;
}

/** A mock Excel as global.Excel, with context.sync wrapped in a jest spy to count batches. */
export function mockExcel(): { mock: MockExcel; sync: jest.SpyInstance } {
  const mock = new MockExcel();
  (globalThis as Record<string, unknown>).Excel = mock.excel();
  const sync = jest.spyOn(mock.context, 'sync');
  return { mock, sync };
}

export function newSession(options: OfficeSessionOptions = {}): OfficeSession {
  return new OfficeSession({ live: true, clock: () => new Date('2025-03-01T08:00:00Z'), onError: (e) => { throw e; }, ...options });
}

/**
 * An Excel workbook holding the three templates, inserted by the session itself and recomputed once as the pane
 * does after an insert, optionally filled in.
 */
export async function workbookWithTemplates(fill: Record<string, RawValue> | null = exampleValues(), options: OfficeSessionOptions = {}) {
  const { mock, sync } = mockExcel();
  mock.addSheet('Sheet1');
  const session = newSession(options);
  await session.insertTemplate(scheme, { sheets: [...ALL], unit: '万元' }, () => undefined);
  await session.recompute('insert');
  if (fill) for (const [name, value] of Object.entries(fill)) mock.setQuiet(name, value);
  sync.mockClear();
  mock.writes.length = 0;
  mock.protectionCalls.length = 0;
  return { mock, sync, session };
}

/** Every cell the input names cover, as "Sheet!A1". */
export function inputCells(mock: MockExcel): Set<string> {
  const out = new Set<string>();
  for (const input of scheme.inputs) {
    const n = mock.names.get(input.name);
    if (!n) continue;
    for (const c of cellsOf(n.address)) out.add(`${n.sheet.name}!${c}`);
  }
  return out;
}

/**
 * Turns a workbook of the current layout into one as earlier versions made it: each output name on the locked
 * cell of its visible sheet (a protected sheet) holding a plain value, and no results sheet.
 */
export function toEarlierLayout(mock: MockExcel): void {
  for (const n of planTemplate(scheme, {}).names) {
    if (!n.shownAt) continue;
    const value = mock.valueOf(n.name);
    const cell = mock.cell(n.shownAt.sheet, n.shownAt.range);
    delete cell.formula;
    cell.value = value;
    mock.names.set(n.name, { sheet: mock.sheet(n.shownAt.sheet), address: n.shownAt.range });
  }
  mock.sheets.splice(mock.sheets.indexOf(mock.sheet('jixiao_out')), 1);
}
