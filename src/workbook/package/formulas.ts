/** Shared formulas: Excel stores a filled-down formula once, in the range's first cell, and shifts it for the rest. */
import { columnNumber, MAX_COL, MAX_ROW } from './refs';
import { columnLetters } from '../../engine/cells';

const REF = /(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w(.!])/y;

/**
 * A formula moved by rows and columns as a shared formula's other cells see it: relative references
 * shift, absolute ones ($A$1), string literals, names and sheet names stay.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  if (!rows && !cols) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const c = formula[i];
    if (c === '"' || c === "'") {
      const end = formula.indexOf(c, i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    const before = i > 0 ? formula[i - 1] : '';
    if (!/[\w.$]/.test(before)) {
      REF.lastIndex = i;
      const m = REF.exec(formula);
      if (m) {
        const col = columnNumber(m[2]);
        const row = Number(m[4]);
        if (col && row >= 1) {
          const newCol = m[1] ? col : col + cols;
          const newRow = m[3] ? row : row + rows;
          out += newCol >= 1 && newCol <= MAX_COL && newRow >= 1 && newRow <= MAX_ROW ? `${m[1]}${columnLetters(newCol)}${m[3]}${newRow}` : '#REF!';
          i = REF.lastIndex;
          continue;
        }
      }
    }
    out += c;
    i++;
  }
  return out;
}
