import { evaluate } from '../../src/engine';
import type { RawValue } from '../../src/engine';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { exampleValues, scheme, zipEntry } from '../workbook/helpers';

export { exampleValues, namedCell, protectionOf, reload, scheme, zipEntry, dataValidationsOf } from '../workbook/helpers';

/** A template filled with `values` via fillInputs and scored, as an officer's workbook would be. */
export async function scoredWorkbook(values: Record<string, RawValue> = exampleValues()) {
  const book = await XlsxWorkbook.create();
  await book.insertTemplate(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '万元' });
  book.fillInputs(scheme, values);
  const inputs = await book.readInputs(scheme);
  const evaluation = evaluate(scheme, inputs);
  await book.writeOutputs(scheme, evaluation);
  return { book, inputs, evaluation, source: { values: inputs.values, evaluation } };
}

/** The XML of a worksheet part, found by its sheet name through workbook.xml and its relationships. */
export function sheetXml(bytes: Uint8Array, sheet: string): string {
  const workbook = zipEntry(bytes, 'xl/workbook.xml');
  const rels = zipEntry(bytes, 'xl/_rels/workbook.xml.rels');
  const m = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(workbook);
  if (!m) throw new Error(`no sheet ${sheet} in workbook.xml`);
  const target = new RegExp(`<Relationship [^>]*Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels) ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(rels);
  if (!target) throw new Error(`no relationship ${m[1]}`);
  return zipEntry(bytes, `xl/${target[1].replace(/^\/?xl\//, '')}`);
}

/** The <c> element of one cell in a worksheet's XML. */
export function cellXml(xml: string, address: string): string {
  const m = new RegExp(`<c r="${address}"(?:\\s[^>]*?)?(?:/>|>.*?</c>)`, 's').exec(xml);
  if (!m) throw new Error(`no cell ${address}`);
  return m[0];
}

/** The shared strings of a workbook, in order, as plain text. */
export function sharedStrings(bytes: Uint8Array): string[] {
  const xml = zipEntry(bytes, 'xl/sharedStrings.xml');
  const unescape = (s: string) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...xml.matchAll(/<si>(.*?)<\/si>/gs)].map((si) => [...si[1].matchAll(/<t(?:\s[^>]*)?>(.*?)<\/t>/gs)].map((t) => unescape(t[1])).join(''));
}

export { expectUsageFailure, jixiao, listFiles, tempDir } from '../cli/helpers';
export type { CliResult } from '../cli/helpers';

export const EXAMPLE_FILE_NAME = '示例县政务服务中心2024年度部门整体支出绩效自评表.xlsx';
