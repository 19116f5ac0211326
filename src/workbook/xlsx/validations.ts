import type { DataValidation, Worksheet } from 'exceljs';
import { at, corners, span } from '../template/geometry';

type Model = Record<string, DataValidation | undefined>;

function modelOf(ws: Worksheet): Model {
  // present at runtime, missing from exceljs's typings
  return (ws as unknown as { dataValidations: { model: Model } }).dataValidations.model;
}

/**
 * Rewrites a sheet's data validations as non-overlapping rectangles of identical rules.
 *
 * exceljs reads every validated cell as a key of its own and, when writing, squeezes alike neighbours into
 * rectangles after sorting the addresses as strings ("C10" before "C4"): the survey grid C4:L33 then comes
 * out as two overlapping ranges, C10:L33 and C4:L33. Range keys are written as they are, so we hand it ranges.
 */
export function compactValidations(ws: Worksheet): void {
  const model = modelOf(ws);
  const groups = new Map<string, { dv: DataValidation; cells: Set<string> }>();
  for (const [key, dv] of Object.entries(model)) {
    if (!dv) continue;
    const signature = JSON.stringify(dv);
    const group = groups.get(signature) ?? { dv, cells: new Set<string>() };
    groups.set(signature, group);
    const c = corners(key);
    for (let row = c.top; row <= c.bottom; row++) for (let col = c.left; col <= c.right; col++) group.cells.add(at(col, row));
  }

  const compacted: Model = {};
  for (const { dv, cells } of groups.values()) {
    const order = [...cells].map((a) => corners(a)).sort((p, q) => p.top - q.top || p.left - q.left);
    const free = (col: number, row: number) => cells.has(at(col, row));
    for (const { left, top } of order) {
      if (!free(left, top)) continue;
      let bottom = top;
      while (free(left, bottom + 1)) bottom++;
      let right = left;
      const columnFree = (col: number) => {
        for (let row = top; row <= bottom; row++) if (!free(col, row)) return false;
        return true;
      };
      while (columnFree(right + 1)) right++;
      for (let row = top; row <= bottom; row++) for (let col = left; col <= right; col++) cells.delete(at(col, row));
      compacted[span(left, top, right, bottom)] = dv;
    }
  }
  for (const key of Object.keys(model)) delete model[key];
  Object.assign(model, compacted);
}
