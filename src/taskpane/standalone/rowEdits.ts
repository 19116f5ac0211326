/**
 * Adding, deleting and moving the rows of a target table as the form holds them (texts in field order).
 *
 * A blank 一级/二级 cell means "as the row above" (officers leave them blank under a merged-looking group). So that
 * moving or deleting a row never moves another row into a different group without anyone seeing it, the rows
 * around the change get their inherited levels written out before the change.
 */

/** Which fields carry down when blank (their indexes in the row); empty for a table without levels. */
export type CarryFields = readonly number[];

/** Each row's levels as read: its own text, else the nearest one above. */
export function carried(rows: readonly (readonly string[])[], carry: CarryFields): string[][] {
  const last = carry.map(() => '');
  return rows.map((row) =>
    carry.map((f, k) => {
      const own = (row[f] ?? '').trim();
      if (own) last[k] = row[f];
      // a new 一级 starts its own 二级: what was above no longer carries
      if (own && k === 0) for (let j = 1; j < last.length; j++) last[j] = (row[carry[j]] ?? '').trim() ? row[carry[j]] : '';
      return last[k];
    }),
  );
}

/** The rows with the inherited levels of rows `from`…`to` written out (those rows' blanks filled). */
function spelled(rows: string[][], carry: CarryFields, from: number, to: number): string[][] {
  if (!carry.length) return rows;
  const levels = carried(rows, carry);
  return rows.map((row, r) => {
    if (r < from || r > to || row.every((v) => v.trim() === '')) return row;
    const next = row.slice();
    carry.forEach((f, k) => {
      if (!next[f].trim()) next[f] = levels[r][k];
    });
    return next;
  });
}

export function blankRow(width: number): string[] {
  return Array.from({ length: width }, () => '');
}

/** A blank row inserted at `at` (0 = first); it inherits its levels from the row above, as in the sheet. */
export function insertRow(rows: string[][], at: number, width: number): string[][] {
  const next = rows.slice();
  next.splice(Math.max(0, Math.min(at, rows.length)), 0, blankRow(width));
  return next;
}

/** Row `r` deleted; the row after it keeps the levels it had. */
export function deleteRow(rows: string[][], r: number, carry: CarryFields): string[][] {
  const next = spelled(rows, carry, r, r + 1);
  next.splice(r, 1);
  return next;
}

/** Row `from` moved to `to` (both 0-based); the moved row and its old and new neighbours keep their levels. */
export function moveRow(rows: string[][], from: number, to: number, carry: CarryFields): string[][] {
  if (to < 0 || to >= rows.length || from === to) return rows;
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const next = spelled(rows, carry, lo, hi + 1);
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row);
  return next;
}

/** One field of one row changed. */
export function setCell(rows: string[][], r: number, f: number, value: string): string[][] {
  const next = rows.slice();
  const row = (next[r] ?? []).slice();
  row[f] = value;
  next[r] = row;
  return next;
}
