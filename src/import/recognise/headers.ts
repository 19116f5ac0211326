/**
 * Finding a table's header row wherever it sits: each column's role read from its header cell, or from the row
 * below where the header is split over two rows (指标值 over 年度指标值 | 实际完成值), a header merged across
 * columns counted at its first column, columns without a role (blank spacers, the 绩效指标 side label) ignored.
 */
import type { GridView } from '../grid';
import { labelKey } from './text';

export type Vocabulary<R extends string> = { readonly [K in R]: readonly string[] };

/** A header found: its rows, and the columns of each role in order, left to right. */
export interface Header<R extends string> {
  top: number;
  bottom: number;
  columns: Partial<Record<R, number[]>>;
}

/** The role a header text names, or undefined. */
export function roleOf<R extends string>(vocabulary: Vocabulary<R>, text: string): R | undefined {
  if (text === '') return undefined;
  const key = labelKey(text);
  for (const role of Object.keys(vocabulary) as R[]) if (vocabulary[role].includes(key)) return role;
  return undefined;
}

/** The columns of each role in rows top..bottom: for each column the lowest row that names a role wins. */
function rolesIn<R extends string>(view: GridView, top: number, bottom: number, vocabulary: Vocabulary<R>): { columns: Partial<Record<R, number[]>>; count: number; usedBottom: boolean } {
  const columns: Partial<Record<R, number[]>> = {};
  let count = 0;
  let usedBottom = false;
  for (let c = 0; c < view.cols; c++) {
    for (let r = bottom; r >= top; r--) {
      const role = roleOf(vocabulary, view.text(r, c));
      if (!role) continue;
      // a header cell merged across columns names its first column only
      if (view.origin(r, c)[1] < c) break;
      (columns[role] ??= []).push(c);
      count++;
      if (r === bottom && bottom > top && view.origin(r, c)[0] === bottom) usedBottom = true;
      break;
    }
  }
  return { columns, count, usedBottom };
}

/**
 * The header at row r, one row or two (the second when it names roles the first does not), when it has every
 * role in `required`; null otherwise.
 */
export function headerAt<R extends string>(view: GridView, r: number, vocabulary: Vocabulary<R>, required: readonly NoInfer<R>[]): Header<R> | null {
  const one = rolesIn(view, r, r, vocabulary);
  const has = (cols: Partial<Record<R, number[]>>) => required.every((k) => cols[k]?.length);
  // a header starts on a row that names a role itself (the row above a header is not its first)
  if (!one.count) return null;
  if (r + 1 < view.rows) {
    const two = rolesIn(view, r, r + 1, vocabulary);
    if (two.usedBottom && two.count > one.count && has(two.columns)) return { top: r, bottom: r + 1, columns: two.columns };
  }
  return has(one.columns) ? { top: r, bottom: r, columns: one.columns } : null;
}

/** The first column of a role, or -1. */
export function col<R extends string>(header: Header<R>, role: R, k = 0): number {
  return header.columns[role]?.[k] ?? -1;
}

/** Every column a header gives a role, left to right. */
export function roleColumns<R extends string>(header: Header<R>): number[] {
  return (Object.values(header.columns) as number[][]).flat().sort((a, b) => a - b);
}
