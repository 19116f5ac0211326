/** Small readings of a grid shared by the recognisers: cells with their names, numbers, labels and their values. */
import type { RawValue } from '../../engine/types';
import type { GridView } from '../grid';
import { cellNumber, gradeInText, labelKey } from './text';
import type { Located, LocatedGrade, LocatedNumber } from './types';

/** The cell showing at (r, c) with its name, or null when blank. */
export function located(view: GridView, r: number, c: number): Located | null {
  if (c < 0) return null;
  const text = view.text(r, c);
  return text === '' ? null : { cell: view.name(r, c), text };
}

/** The cell at (r, c) with its name, '' when blank. */
export function locatedAlways(view: GridView, r: number, c: number): Located {
  return { cell: view.name(r, c), text: view.text(r, c) };
}

/** The number showing at (r, c), with its cell. */
export function numberAt(view: GridView, r: number, c: number): LocatedNumber | null {
  if (c < 0) return null;
  const n = cellNumber(view.cell(r, c));
  return n ? { cell: view.name(r, c), text: view.text(r, c), value: n.value.toNumber() } : null;
}

/** What the engine is given for a cell: the stored number of a numeric cell, else its text; null when blank. */
export function rawAt(view: GridView, r: number, c: number): RawValue {
  if (c < 0) return null;
  const cell = view.cell(r, c);
  if (!cell || cell.text.trim() === '') return null;
  if (typeof cell.value === 'number' || typeof cell.value === 'boolean' || cell.value instanceof Date) return cell.value;
  return cell.text.trim();
}

/** The columns of a row whose cell's label key is one of `keys` (a cell merged across columns counted once). */
export function findLabel(view: GridView, r: number, keys: readonly string[], from = 0, until = view.cols): number {
  for (let c = from; c < until; c++) {
    if (view.origin(r, c)[1] < c) continue;
    const t = view.text(r, c);
    if (t !== '' && keys.includes(labelKey(t))) return c;
  }
  return -1;
}

/** The first text of a row (its label), from column `from`. */
export function firstText(view: GridView, r: number, from = 0, until = view.cols): { c: number; text: string } | null {
  for (let c = from; c < until; c++) {
    const t = view.text(r, c);
    if (t !== '') return { c: view.origin(r, c)[1], text: t };
  }
  return null;
}

/** A grade written in a row: a cell that is a grade word, or a sentence naming one (等级：良). */
export function gradeInRow(view: GridView, r: number): LocatedGrade | null {
  for (const { c, text } of view.rowTexts(r)) {
    const g = gradeInText(text);
    if (g) return { cell: view.name(r, c), text, word: g.word, grade: g.grade };
  }
  return null;
}

/** The column of a label's value: the next text to its right in the row, -1 when none (or when it is another label). */
export function valueColumn(view: GridView, r: number, c: number, isLabel: (text: string) => boolean = () => false): number {
  const m = view.mergeAt(r, c);
  for (let k = (m ? m.right : c) + 1; k < view.cols; k++) {
    if (view.origin(r, k)[1] < k) continue;
    const t = view.text(r, k);
    if (t === '') continue;
    return isLabel(t) ? -1 : k;
  }
  return -1;
}

/** A label's value: the next text to its right in the row. */
export function valueRightOf(view: GridView, r: number, c: number, isLabel?: (text: string) => boolean): Located | null {
  const k = valueColumn(view, r, c, isLabel);
  return k < 0 ? null : { cell: view.name(r, k), text: view.text(r, k) };
}
