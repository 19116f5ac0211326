import { columnIndex, columnLetters } from '../../engine';

/** "D8" from a 1-based column index and row. */
export function at(column: number, row: number): string {
  return `${columnLetters(column)}${row}`;
}

/** "A1:F1"; a single cell when both corners are the same. */
export function span(column: number, row: number, lastColumn: number, lastRow: number): string {
  const a = at(column, row);
  const b = at(lastColumn, lastRow);
  return a === b ? a : `${a}:${b}`;
}

/** The corners of "C4:L33" (or of a single cell) as 1-based indexes. */
export function corners(range: string): { left: number; top: number; right: number; bottom: number } {
  const [a, b = a] = range.replace(/\$/g, '').split(':');
  const parse = (ref: string) => {
    const m = /^([A-Za-z]+)(\d+)$/.exec(ref);
    if (!m) throw new Error(`not an A1 reference: ${ref}`);
    return { col: columnIndex(m[1]), row: Number(m[2]) };
  };
  const p = parse(a);
  const q = parse(b);
  return { left: Math.min(p.col, q.col), top: Math.min(p.row, q.row), right: Math.max(p.col, q.col), bottom: Math.max(p.row, q.row) };
}

/**
 * Width of a text in Excel character units: a CJK or full-width character takes about two
 * (宋体 10 pt), anything else one.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u2460-\u24FF\u2018-\u201D\u2026\u2190-\u21FF\u2264-\u2266]/.test(ch) ? 2 : 1;
  return w;
}

/** Lines a wrapped text needs in a column (or merged columns) of `width` characters. */
export function linesFor(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

/** Excel's tallest row, in points: a taller height is refused (Excel repairs the file), WPS clips it. */
export const MAX_ROW_HEIGHT = 409;

/** Row height in points for `lines` lines of a `size`-point font, with a little padding; at most 409 pt. */
export function heightFor(lines: number, size: number): number {
  return Math.min(MAX_ROW_HEIGHT, Math.round((lines * size * 1.4 + 6) * 4) / 4);
}
