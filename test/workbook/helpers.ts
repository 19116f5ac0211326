import { inflateRawSync } from 'zlib';
import ExcelJS from 'exceljs';
import { getScheme } from '../../src/engine';
import type { RawValue } from '../../src/engine';
import example from '../../templates/samples/dept-2013-example.json';

export const scheme = getScheme('dept-2013');

/** The worked example of spec/dept-2013.md (a fresh deep copy each call). */
export function exampleValues(): Record<string, RawValue> {
  return JSON.parse(JSON.stringify(example)) as Record<string, RawValue>;
}

/** A fresh plain-exceljs workbook read from bytes: what Excel or another program would get. */
export async function reload(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** Sheet and top-left cell of a workbook-scoped defined name, as plain exceljs reads it. */
export function nameRef(wb: ExcelJS.Workbook, name: string): { sheet: string; address: string; range: string } {
  const found = wb.definedNames.model.find((n) => n.name === name);
  if (!found || found.ranges.length !== 1) throw new Error(`name ${name}: ${JSON.stringify(found)}`);
  const ref = found.ranges[0];
  const bang = ref.lastIndexOf('!');
  const sheet = ref.slice(0, bang).replace(/^'|'$/g, '');
  const range = ref.slice(bang + 1).replace(/\$/g, '');
  return { sheet, address: range.split(':')[0], range };
}

export function namedCell(wb: ExcelJS.Workbook, name: string): ExcelJS.Cell {
  const { sheet, address } = nameRef(wb, name);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  return ws.getCell(address);
}

/** A cell's value as shown: a formula's cached result, rich text joined. */
export function shownValue(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v && typeof v === 'object' && 'formula' in v) return v.result;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return v;
}

export function dataValidationsOf(ws: ExcelJS.Worksheet): Record<string, ExcelJS.DataValidation> {
  return (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
}

/** One file of a zip archive (an .xlsx part such as xl/workbook.xml), read with the central directory and zlib. */
export function zipEntry(zip: Uint8Array, name: string): string {
  const buf = Buffer.from(zip);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`${name} is not in the archive`);
}

/** The sheet protection exceljs read (present at runtime, missing from its typings). */
export function protectionOf(ws: ExcelJS.Worksheet): Partial<ExcelJS.WorksheetProtection> & { sheet?: boolean; hashValue?: string; algorithmName?: string } {
  return (ws as unknown as { sheetProtection: ReturnType<typeof protectionOf> }).sheetProtection ?? {};
}
