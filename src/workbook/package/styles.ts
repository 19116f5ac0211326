/**
 * xl/styles.xml, for one question only: does a cell's style (its index into cellXfs) show a date? A number
 * in such a cell is a date serial, read as a Date as Excel and exceljs show it.
 */
import { attr, decodeXml, elements, firstElement } from './xml';

/** Excel's built-in date and time formats, including those of the Chinese and other East Asian locales. */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code shows a date when, outside quotes and brackets, it uses y, m, d, h, s (as exceljs decides). */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare) && !/^General$/i.test(bare.trim());
}

export function dateStyles(xml: string): Set<number> {
  const custom = new Map<number, string>();
  const numFmts = firstElement(xml, 'numFmts');
  if (numFmts && !numFmts.empty) {
    for (const e of elements(xml, 'numFmt', numFmts.open, numFmts.close)) {
      const id = Number(attr(e.tag, 'numFmtId'));
      const code = attr(e.tag, 'formatCode');
      if (Number.isInteger(id) && code !== undefined) custom.set(id, decodeXml(code));
    }
  }
  const dates = new Set<number>();
  const xfs = firstElement(xml, 'cellXfs');
  if (!xfs || xfs.empty) return dates;
  let index = 0;
  for (const e of elements(xml, 'xf', xfs.open, xfs.close)) {
    const id = Number(attr(e.tag, 'numFmtId') ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id)) dates.add(index);
    index++;
  }
  return dates;
}

/** Excel's built-in percentage formats: 9 is 0%, 10 is 0.00%. */
const BUILT_IN_PERCENT = new Map([
  [9, 0],
  [10, 2],
]);

/** The decimals a percentage format shows (0.0% → 1), or undefined when the code is not a percentage. */
export function percentDecimals(code: string): number | undefined {
  const first = code.split(';')[0].replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  if (!first.includes('%')) return undefined;
  const m = /\.([0#?]+)/.exec(first);
  return m ? m[1].length : 0;
}

/**
 * The cell styles (indexes into cellXfs) that show a number as a percentage, with the decimals they show: a
 * cell formatted 0% holds 0.95 where the officer sees 95%.
 */
export function percentStyles(xml: string): Map<number, number> {
  const custom = new Map<number, string>();
  const numFmts = firstElement(xml, 'numFmts');
  if (numFmts && !numFmts.empty) {
    for (const e of elements(xml, 'numFmt', numFmts.open, numFmts.close)) {
      const id = Number(attr(e.tag, 'numFmtId'));
      const code = attr(e.tag, 'formatCode');
      if (Number.isInteger(id) && code !== undefined) custom.set(id, decodeXml(code));
    }
  }
  const out = new Map<number, number>();
  const xfs = firstElement(xml, 'cellXfs');
  if (!xfs || xfs.empty) return out;
  let index = 0;
  for (const e of elements(xml, 'xf', xfs.open, xfs.close)) {
    const id = Number(attr(e.tag, 'numFmtId') ?? 0);
    const code = custom.get(id);
    const decimals = code !== undefined ? percentDecimals(code) : BUILT_IN_PERCENT.get(id);
    if (decimals !== undefined) out.set(index, decimals);
    index++;
  }
  return out;
}
