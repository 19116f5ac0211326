/**
 * The files a finance bureau receives, built the way they come about: a workbook filled and scored, then a score
 * typed over by hand, inputs edited offline without rescoring, another year, the same unit twice, two units with
 * identical inputs, a 报送版, hand-made tables, and files that are no workbook of ours at all.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { getScheme, type RawValue, type Scheme } from '../../src/engine';
import { buildFormsSubmission, buildSubmission } from '../../src/workbook/export';
import { FormsFile } from '../../src/workbook/forms';
import { filledTemplateFile } from '../../src/workbook/forms/template';
import { patchPackage, XlsxPackage } from '../../src/workbook/package';
import { docx, xlsx } from '../import/build';
import { scoring2013, summary2013 } from '../import/forms';
import { deptExample, projectExample } from '../workbook/formsHelpers';

export const ROOT = path.resolve(__dirname, '../..');
export const dept2013 = getScheme('dept-2013');
export const project2020 = getScheme('project-2020');

/** The worked example of spec/dept-2013.md, a fresh copy, with changes. */
export function example2013(changes: Record<string, RawValue> = {}): Record<string, RawValue> {
  const values = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates/samples/dept-2013-example.json'), 'utf8')) as Record<string, RawValue>;
  return { ...values, ...changes };
}

/** A template filled with the values and scored, as `jixiao template --inputs` writes it (in sync). */
export async function scored(scheme: Scheme, forms: Record<string, RawValue>[]): Promise<Uint8Array> {
  return (await filledTemplateFile(scheme, forms)).bytes;
}

/** A scored file with a value typed into one visible cell (the formula that showed an output replaced). */
export function typedOver(bytes: Uint8Array, sheet: string, row: number, col: number, value: number | string): Uint8Array {
  const pkg = XlsxPackage.open(bytes);
  return patchPackage(pkg, { writes: [{ sheet: pkg.sheet(sheet)!, cells: [{ row, col, value }] }] });
}

/** A scored file whose inputs were then changed offline (WPS, LibreOffice) without scoring again. */
export function editedOffline(bytes: Uint8Array, scheme: Scheme, sheet: string, values: Record<string, RawValue>): Uint8Array {
  return FormsFile.open(bytes).fill(scheme, new Map([[sheet, values]]));
}

/** The 报送版 of a dept-2013 file. */
export async function submission2013(values: Record<string, RawValue>): Promise<Uint8Array> {
  const file = FormsFile.open(await scored(dept2013, [values]));
  const [form] = file.score(dept2013);
  const out = await buildSubmission(dept2013, { values: form.values, evaluation: form.evaluation }, { allowErrors: true });
  if (out.kind !== 'submission') throw new Error('blocked');
  return out.bytes;
}

/** The 报送版 of a project-2020 file. */
export async function submissionProject(values: Record<string, RawValue>): Promise<Uint8Array> {
  const file = FormsFile.open(await scored(project2020, [values]));
  const forms = file.score(project2020);
  const out = await buildFormsSubmission(project2020, forms.map((f) => ({ sheet: f.sheet, values: f.values, evaluation: f.evaluation })), { allowErrors: true });
  if (out.kind !== 'submission') throw new Error('blocked');
  return out.bytes;
}

/** A hand-made 2013 评分表 with its 综合评价报告表, typed in Excel: a total of 96 concluded as 良好. */
export async function handmadeXlsx(): Promise<Uint8Array> {
  return xlsx([
    { name: '评分表', at: 'A3', ...scoring2013({ total: 96, grade: '良好' }) },
    { name: '综合评价报告表', ...summary2013('经自评，总分96分，等级为良好') },
  ]);
}

/** The same form as a Word report, of the unit named. */
export function handmadeDocx(dept = '示例县政务服务中心'): Uint8Array {
  const summary = summary2013('经自评，总分96分，等级为良好');
  const rows = summary.rows.map((r) => r.map((cell) => (cell === '示例县政务服务中心' ? dept : cell)));
  return docx([`${dept}2024年度部门整体支出绩效自评报告`, { ...summary, rows }, scoring2013({ total: 96, grade: '良好' })]);
}

/** A workbook of someone else's: a budget list, no form of ours and no standard table. */
export async function notOurs(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['姓名', '部门', '电话']);
  ws.addRow(['张三', '办公室', '12345']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A file cut off in the middle (a broken download). */
export const corrupt = (bytes: Uint8Array): Uint8Array => bytes.slice(0, Math.floor(bytes.length / 2));

/** The start of an OLE compound file: what an .xlsx encrypted with a password to open is. */
export function encryptedFile(): Uint8Array {
  const b = new Uint8Array(4096);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return b;
}

export { deptExample, projectExample };
