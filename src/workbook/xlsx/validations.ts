import type { DataValidation, Worksheet } from 'exceljs';
import { corners, span } from '../template/geometry';
import { parseArea, type Corners } from './a1';

type Model = Record<string, DataValidation | undefined>;

function modelOf(ws: Worksheet): Model {
  // present at runtime, missing from exceljs's typings
  return (ws as unknown as { dataValidations: { model: Model } }).dataValidations.model;
}

/** Cells as numbers, row-major: sorting them ascending orders by row, then column (Excel has 16384 columns). */
const COLUMNS = 16384;
const cellNo = (row: number, col: number) => row * COLUMNS + col;

/**
 * What compactValidations last left in each model: its keys and rules, in order. A model that still holds
 * exactly these (our own template right after rendering, a workbook written a second time) is already compact.
 */
const compactedAs = new WeakMap<Model, { keys: string[]; rules: (DataValidation | undefined)[] }>();

function unchangedSinceCompacted(model: Model): boolean {
  const last = compactedAs.get(model);
  if (!last) return false;
  let i = 0;
  for (const key in model) {
    if (key !== last.keys[i] || model[key] !== last.rules[i]) return false;
    i++;
  }
  return i === last.keys.length;
}

/**
 * Rewrites a sheet's data validations as non-overlapping rectangles of identical rules.
 *
 * exceljs reads every validated cell as a key of its own and, when writing, squeezes alike neighbours into
 * rectangles after sorting the addresses as strings ("C10" before "C4"): the survey grid C4:L33 then comes
 * out as two overlapping ranges, C10:L33 and C4:L33. Range keys are written as they are, so we hand it ranges.
 * A model left as this function made it is not redone.
 */
export function compactValidations(ws: Worksheet): void {
  const model = modelOf(ws);
  if (unchangedSinceCompacted(model)) return;

  // the rules as exceljs read them: one object per <dataValidation> element, shared by its cells
  const cellsOf = new Map<DataValidation, Cells>();
  for (const key in model) {
    const dv = model[key];
    if (!dv) continue;
    let cells = cellsOf.get(dv);
    if (!cells) cellsOf.set(dv, (cells = newCells()));
    // (anything parseArea does not take goes the general, strict way)
    addArea(cells, parseArea(key) ?? corners(key));
  }

  // alike rules (the same JSON) form one group, in order of first use; rules are told apart by type and
  // prompt first, and only those that share these are stringified (long Chinese prompts make that costly)
  const firstCut = (dv: DataValidation) => `${dv.type}\u0000${dv.promptTitle ?? ''}\u0000${dv.prompt ?? ''}`;
  const cutOf = new Map<DataValidation, string>();
  const sharing = new Map<string, number>();
  for (const dv of cellsOf.keys()) {
    const cut = firstCut(dv);
    cutOf.set(dv, cut);
    sharing.set(cut, (sharing.get(cut) ?? 0) + 1);
  }
  const groups: { dv: DataValidation; cells: Cells }[] = [];
  const bySignature = new Map<string, { dv: DataValidation; cells: Cells }>();
  for (const [dv, cells] of cellsOf) {
    const signature = sharing.get(cutOf.get(dv)!)! > 1 ? JSON.stringify(dv) : undefined;
    const group = signature === undefined ? undefined : bySignature.get(signature);
    if (group) {
      merge(group.cells, cells);
    } else {
      groups.push({ dv, cells });
      if (signature !== undefined) bySignature.set(signature, { dv, cells });
    }
  }

  const compacted: Model = {};
  for (const { dv, cells: group } of groups) {
    // one rectangle, as a <dataValidation> we wrote reads back: the only rectangle the search below would find
    if (fillsBox(group)) {
      compacted[span(group.left, group.top, group.right, group.bottom)] = dv;
      continue;
    }
    const cells = new Set(group.cells);
    for (const n of Float64Array.from(cells).sort()) {
      if (!cells.has(n)) continue;
      const top = Math.floor(n / COLUMNS);
      const left = n - top * COLUMNS;
      let bottom = top;
      while (cells.has(cellNo(bottom + 1, left))) bottom++;
      let right = left;
      const columnFree = (col: number) => {
        for (let row = top; row <= bottom; row++) if (!cells.has(cellNo(row, col))) return false;
        return true;
      };
      while (columnFree(right + 1)) right++;
      for (let row = top; row <= bottom; row++) for (let col = left; col <= right; col++) cells.delete(cellNo(row, col));
      compacted[span(left, top, right, bottom)] = dv;
    }
  }
  for (const key of Object.keys(model)) delete model[key];
  Object.assign(model, compacted);
  compactedAs.set(model, { keys: Object.keys(model), rules: Object.values(model) });
}

/** The cells of one rule (or group of alike rules), repeats possible ("D8" and "$D$8"), and their bounding box. */
interface Cells extends Corners {
  cells: number[];
}

function newCells(): Cells {
  return { cells: [], top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity };
}

function addArea(to: Cells, c: Corners): void {
  for (let row = c.top; row <= c.bottom; row++) for (let col = c.left; col <= c.right; col++) to.cells.push(cellNo(row, col));
  widen(to, c);
}

function merge(into: Cells, from: Cells): void {
  for (const n of from.cells) into.cells.push(n);
  widen(into, from);
}

function widen(box: Corners, c: Corners): void {
  box.top = Math.min(box.top, c.top);
  box.left = Math.min(box.left, c.left);
  box.bottom = Math.max(box.bottom, c.bottom);
  box.right = Math.max(box.right, c.right);
}

/** Whether the cells are each cell of their bounding box once. */
function fillsBox(c: Cells): boolean {
  const width = c.right - c.left + 1;
  const area = (c.bottom - c.top + 1) * width;
  if (c.cells.length !== area) return false;
  const seen = new Uint8Array(area);
  for (const n of c.cells) {
    const row = Math.floor(n / COLUMNS);
    const i = (row - c.top) * width + (n - row * COLUMNS - c.left);
    if (seen[i]) return false;
    seen[i] = 1;
  }
  return true;
}
