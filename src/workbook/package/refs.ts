/**
 * A1 references as defined names hold them: "'基本情况表'!$D$8", "Sheet1!$C$4:$L$33", whole columns
 * ("Sheet1!$A:$A") and rows ("Sheet1!$3:$5"), the first area of a union ("'a'!$A$1,'a'!$B$2").
 */
import { columnLetters } from '../../engine/cells';

export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

/** 1-based corners, inclusive. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "D8" from a 1-based column and row. */
export function cellAddress(col: number, row: number): string {
  return `${columnLetters(col)}${row}`;
}

/** Column letters → 1-based index, or 0 beyond XFD or for anything but letters. */
export function columnNumber(letters: string): number {
  if (!letters || letters.length > 3) return 0;
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i) & 0xdf;
    if (c < 65 || c > 90) return 0;
    n = n * 26 + (c - 64);
  }
  return n <= MAX_COL ? n : 0;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

/** "B3" → column and row, or null. */
export function parseCell(text: string): { col: number; row: number } | null {
  const m = CELL.exec(text);
  if (!m) return null;
  const col = columnNumber(m[1]);
  const row = Number(m[2]);
  return col && row >= 1 && row <= MAX_ROW ? { col, row } : null;
}

/** "$C$4:$L$33", "D8", "$A:$B", "$3:$5" → corners; null for anything else. */
export function parseArea(text: string): Area | null {
  const [a, b = a, extra] = text.split(':');
  if (extra !== undefined) return null;
  const p = parseCell(a);
  const q = parseCell(b);
  if (p && q) return box(p.col, p.row, q.col, q.row);
  if (p || q) return null;
  if (COLUMN.test(a) && COLUMN.test(b)) {
    const l = columnNumber(a.replace('$', ''));
    const r = columnNumber(b.replace('$', ''));
    return l && r ? box(l, 1, r, MAX_ROW) : null;
  }
  const ra = ROW.exec(a);
  const rb = ROW.exec(b);
  if (ra && rb) {
    const t = Number(ra[1]);
    const u = Number(rb[1]);
    return t >= 1 && u >= 1 && t <= MAX_ROW && u <= MAX_ROW ? box(1, t, MAX_COL, u) : null;
  }
  return null;
}

function box(c1: number, r1: number, c2: number, r2: number): Area {
  return { left: Math.min(c1, c2), top: Math.min(r1, r2), right: Math.max(c1, c2), bottom: Math.max(r1, r2) };
}

/** Where a defined name's formula points: the sheet as the formula spells it, and the first area. */
export interface NameRef extends Area {
  sheet: string;
}

/**
 * The first area a defined name's formula refers to, or null for a constant, a formula, #REF!, another
 * workbook or several sheets. A sheet Excel deleted under the name reads as the sheet "#REF".
 */
export function parseNameRef(formula: string): NameRef | null {
  let text = formula.trim();
  if (text.startsWith('=')) text = text.slice(1).trim();
  while (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1).trim();
  const first = firstArea(text);
  const bang = first.lastIndexOf('!');
  if (bang <= 0) return null;
  const sheetPart = first.slice(0, bang);
  let sheet: string;
  if (sheetPart.startsWith("'")) {
    if (!sheetPart.endsWith("'") || sheetPart.length < 3) return null;
    sheet = sheetPart.slice(1, -1).replace(/''/g, "'");
  } else {
    if (/[\s'()[\]:,!]/.test(sheetPart)) return null;
    sheet = sheetPart;
  }
  if (sheet.startsWith('[') || sheet.includes(':') && !sheetPart.startsWith("'")) return null;
  const area = parseArea(first.slice(bang + 1));
  return area && { sheet, ...area };
}

/** Text up to the first comma outside quotes (a union's first area). */
function firstArea(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (c === ',' && !quoted) return text.slice(0, i).trim();
  }
  return text;
}

/** '基本情况表'!$D$8, as Excel writes a sheet name in a formula. */
export function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** A defined name's formula for an area: '项目1'!$A$16:$K$37 (a single cell when the corners meet). */
export function areaFormula(sheet: string, area: Area): string {
  const a = `$${columnLetters(area.left)}$${area.top}`;
  const b = `$${columnLetters(area.right)}$${area.bottom}`;
  return `${quoteSheet(sheet)}!${a === b ? a : `${a}:${b}`}`;
}
