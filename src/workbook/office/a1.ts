import { columnIndex, columnLetters } from '../../engine';

/**
 * A rectangle of cells, 1-based and inclusive. Whole columns (A:C) and whole rows (3:5) are open ended
 * (Infinity), as Excel reports them in change events after a row or column is inserted or deleted.
 */
export interface Box {
  sheet?: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Splits `'My sheet'!A1:B2` into the sheet (unquoted, '' unescaped) and the local address. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

/** Sheet!A1 with the sheet quoted where Excel needs it (spaces, punctuation, a leading digit). */
export function qualify(sheet: string, local: string): string {
  const plain = /^[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet);
  return `${plain ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${local}`;
}

/**
 * Parses one area (`D8`, `$D$8:$E$9`, `A:C`, `3:5`, optionally with a sheet) into a Box;
 * null when the text is not an A1 area.
 */
export function parseBox(address: string): Box | null {
  const { sheet, local } = splitSheet(address.trim());
  const [a, b = a] = local.split(':');
  const m1 = CELL.exec(a);
  const m2 = CELL.exec(b);
  if (!m1 || !m2 || (!m1[1] && !m1[2]) || (!m2[1] && !m2[2])) return null;
  const col = (m: RegExpExecArray, open: number) => (m[1] ? columnIndex(m[1]) : open);
  const row = (m: RegExpExecArray, open: number) => (m[2] ? Number(m[2]) : open);
  const box: Box = {
    top: Math.min(row(m1, 1), row(m2, 1)),
    left: Math.min(col(m1, 1), col(m2, 1)),
    bottom: Math.max(row(m1, Infinity), row(m2, Infinity)),
    right: Math.max(col(m1, Infinity), col(m2, Infinity)),
  };
  if (box.top < 1 || box.left < 1) return null;
  return sheet === undefined ? box : { sheet, ...box };
}

/** Every area of an address list such as `A1:B2,D5` (Excel separates areas with commas). */
export function parseAreas(address: string): Box[] {
  const { sheet, local } = splitSheet(address.trim());
  return local
    .split(',')
    .map((part) => parseBox(part))
    .filter((b): b is Box => b !== null)
    .map((b) => (sheet === undefined ? b : { ...b, sheet }));
}

/** Whether two boxes share a cell; a box without a sheet matches any sheet. Sheet names compare case-insensitively, as Excel does. */
export function intersects(a: Box, b: Box): boolean {
  if (a.sheet !== undefined && b.sheet !== undefined && a.sheet.toLowerCase() !== b.sheet.toLowerCase()) return false;
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** The top-left cell of a box as A1 (no $, no sheet). */
export function topLeft(box: Box): string {
  return `${columnLetters(box.left)}${box.top}`;
}

/** A box back to A1 text (no $, no sheet); open-ended boxes become whole columns or rows. */
export function boxAddress(box: Box): string {
  if (box.bottom === Infinity) return `${columnLetters(box.left)}:${columnLetters(box.right)}`;
  if (box.right === Infinity) return `${box.top}:${box.bottom}`;
  const a = topLeft(box);
  const b = `${columnLetters(box.right)}${box.bottom}`;
  return a === b ? a : `${a}:${b}`;
}

/** The names whose boxes a changed address touches, in the order of `bound`. */
export function namesTouched(changed: Box[], bound: Map<string, Box>): string[] {
  const hit: string[] = [];
  for (const [name, box] of bound) if (changed.some((c) => intersects(c, box))) hit.push(name);
  return hit;
}
