/**
 * The offline round trip: a workbook templated (jixiao template) or exported (报送版) by us, edited elsewhere
 * — exceljs stands in for an officer's WPS or LibreOffice edit, writing the cells by their defined names —
 * then opened in the pane: it reports exactly which inputs changed since its last sync, and rescoring brings
 * every output up to date.
 */
import ExcelJS from 'exceljs';
import { evaluate, getScheme, type RawValue } from '../../src/engine';
import { templateBytes as cliTemplateBytes } from '../../src/cli/files';
import { buildSubmission } from '../../src/workbook/export';
import { outputValues } from '../../src/workbook/outputs';
import { readSyncRecord } from '../../src/workbook/xlsx/syncRecord';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { exampleValues, fileOf, MemoryStorage, newSession, type Saved } from './helpers';

const scheme = getScheme();

/** What another spreadsheet program does: open, change some cells (found by their names), save. */
async function editElsewhere(bytes: Uint8Array, edits: Record<string, RawValue>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const names = wb.definedNames.model as { name: string; ranges: string[] }[];
  for (const [name, value] of Object.entries(edits)) {
    const range = names.find((n) => n.name === name)!.ranges[0];
    const [sheet, address] = range.replace(/'/g, '').replace(/\$/g, '').split('!');
    wb.getWorksheet(sheet)!.getCell(address).value = value as ExcelJS.CellValue;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Every output cell of a saved workbook, read by name with plain exceljs. */
async function outputsOf(bytes: Uint8Array): Promise<Map<string, unknown>> {
  const book = await XlsxWorkbook.fromBuffer(bytes);
  const wb = book.workbook;
  const out = new Map<string, unknown>();
  for (const n of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    const [sheet, address] = n.ranges[0].replace(/'/g, '').replace(/\$/g, '').split('!');
    const v = wb.getWorksheet(sheet)?.getCell(address.split(':')[0]).value;
    out.set(n.name, v && typeof v === 'object' && 'result' in v ? v.result : v);
  }
  return out;
}

async function openInPane(bytes: Uint8Array) {
  const saved: Saved[] = [];
  const session = newSession(new MemoryStorage(), { saved });
  await session.open(fileOf(bytes, '已填写.xlsx'));
  expect(await session.detect()).toBe(scheme);
  const result = await session.recompute('open');
  return { session, result, saved };
}

/** After the pane rescored: the saved file's every output equals the scores of what it now holds. */
async function expectOutputsCurrent(session: ReturnType<typeof newSession>, expected: Record<string, RawValue>) {
  const file = await session.workbookFile();
  const outputs = await outputsOf(file.bytes);
  const want = outputValues(scheme, evaluate(scheme, { values: expected }));
  for (const [name, value] of want) {
    if (name === scheme.outputs.status) continue; // the status line also counts the file's own findings
    expect([name, outputs.get(name) ?? null]).toEqual([name, value]);
  }
}

test('a template from `jixiao template`, filled elsewhere: the pane names exactly the inputs filled', async () => {
  const blank = await cliTemplateBytes(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '万元' });
  expect(readSyncRecord((await XlsxWorkbook.fromBuffer(blank)).workbook)?.values.in_dept_name).toBe('示例县政务服务中心');

  const edits = { in_staff_quota: 20, in_staff_actual: '21人', in_late_items: 3 };
  const { session, result } = await openInPane(await editElsewhere(blank, edits));
  expect(result.changedSinceSync).toEqual(['in_late_items', 'in_staff_actual', 'in_staff_quota']);
  expect(result.evaluation.indicators.find((i) => i.id === 'staff_control')?.score?.toNumber()).toBe(2);
  expect(result.evaluation.indicators.find((i) => i.id === 'spend_progress')?.score?.toNumber()).toBe(2.5);
  await expectOutputsCurrent(session, { in_dept_name: '示例县政务服务中心', in_year: 2024, in_unit: '万元', ...edits });
  // synced now: nothing changed since
  expect((await session.recompute('manual')).changedSinceSync).toEqual([]);
});

test('a 报送版, edited elsewhere: the pane names exactly the inputs changed and rescoring updates every output', async () => {
  const values = exampleValues();
  const exported = await buildSubmission(scheme, { values, evaluation: evaluate(scheme, { values }) }, { allowErrors: false });
  if (exported.kind !== 'submission') throw new Error('the worked example has no errors');
  const book = await XlsxWorkbook.fromBuffer(exported.bytes);
  expect(book.workbook.worksheets.map((w) => w.name)).toEqual(['基本情况表', '评分表', '满意度调查', 'jixiao_scheme']); // no helper sheet but the scheme
  expect(readSyncRecord(book.workbook)?.scheme).toBe('dept-2013');

  const edits = { in_staff_actual: 20, in_quality_ok: 20 };
  const { session, result } = await openInPane(await editElsewhere(exported.bytes, edits));
  expect(result.changedSinceSync).toEqual(['in_quality_ok', 'in_staff_actual']);
  // 73.28 + 2 (staff_control 2 → 4) + 5 (key_work_quality 1 → 6) = 80.28
  expect(result.evaluation.total.toNumber()).toBe(80.28);
  expect(result.evaluation.grade).toBe('良');
  await expectOutputsCurrent(session, { ...values, ...edits });
});
