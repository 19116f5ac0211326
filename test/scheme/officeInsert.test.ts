/**
 * The pane's insert (Office.js, through office-addin-mock) carries the scheme: the very hidden jixiao_scheme sheet
 * holds, as text cells, the regional scheme's canonical JSON that the package reader reads back.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkSchemeData } from '../../src/engine';
import { decodeSchemeCells } from '../../src/workbook/schemeCells';
import { ALL, mockExcel, newSession } from '../office/helpers';

const REGIONAL = path.join(__dirname, '../cli/fixtures/regional/示例县.json');

test('inserting a regional scheme’s template adds its scheme, very hidden, as text', async () => {
  const regional = checkSchemeData(JSON.parse(fs.readFileSync(REGIONAL, 'utf8'))).resolved!;
  const { mock } = mockExcel();
  mock.addSheet('Sheet1');
  const session = newSession();
  await session.insertTemplate(regional.scheme, { sheets: [...ALL], dept: '示例县政务服务中心', year: 2024, unit: '万元' }, () => undefined);
  const sheet = mock.sheet('jixiao_scheme');
  expect(sheet.visibility).toBe('VeryHidden');
  expect(sheet.cells.get('A1')?.numberFormat).toBe('@');
  const cells = Array.from({ length: 41 }, (_, k) => sheet.cells.get(`A${k + 1}`)?.value ?? '');
  const back = decodeSchemeCells(cells);
  expect(back).toEqual({
    header: { format: 1, id: 'dept-2013-示例县', version: '2024.1', hash: regional.hash, parts: 1 },
    json: regional.json,
  });
  expect(String(sheet.cells.get('B1')?.value)).toMatch(/^本工作表保存生成本工作簿时所用的评分方案/);
});

test('the pane opening a workbook made with a scheme it does not have scores by the scheme the workbook carries', async () => {
  const regional = checkSchemeData(JSON.parse(fs.readFileSync(REGIONAL, 'utf8'))).resolved!;
  const { mock } = mockExcel();
  mock.addSheet('Sheet1');
  await newSession().insertTemplate(regional.scheme, { sheets: [...ALL], dept: '示例县政务服务中心', year: 2024, unit: '万元' }, () => undefined);
  // another pane, knowing only the shipped dept-2013
  const later = newSession();
  expect((await later.detect())?.id).toBe('dept-2013-示例县');
  // the carried copy altered by hand: not used, the workbook's names decide
  const cell = mock.sheet('jixiao_scheme').cells.get('A2')!;
  const text = String(cell.value);
  cell.value = text.slice(0, 200) + (text[200] === 'A' ? 'B' : 'A') + text.slice(201);
  expect((await newSession().detect())?.id).toBe('dept-2013');
});
