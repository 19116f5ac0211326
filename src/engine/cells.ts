import type { CellRef } from './types';

/** Column letters to a 1-based index: A → 1, AA → 27. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1-based column index to letters: 27 → AA. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The cell `rows` down and `cols` right of a reference: offset({D8}, 1, 2) → F9. */
export function offsetCell(ref: CellRef, rows: number, cols: number): CellRef {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(ref.address);
  if (!m) return ref;
  return { sheet: ref.sheet, address: `${columnLetters(columnIndex(m[1]) + cols)}${Number(m[2]) + rows}` };
}

/** Sheet!A1 as officers read it (quotes only where Excel needs them). */
export function cellText(ref: CellRef): string {
  return `${ref.sheet}!${ref.address.replace(/\$/g, '')}`;
}
