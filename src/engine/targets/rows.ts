import type { ParsedInput, RawValue, TableValue } from '../types';
import type { TargetPlan } from './plan';
import { isBlankish, isPlaceholderName, labelKey, normalizeCell } from './read';
import type { TargetField, TargetGroup, TargetLevel } from './schema';

/** One indicator row of a target table, its 一级/二级 filled down and matched to the scheme's standard levels. */
export interface TargetRow {
  /** the row's index in the table */
  r: number;
  raw: RawValue[];
  /** each cell as typed (cellString), by field */
  texts: string[];
  cells: ParsedInput[];
  /** the labels as they apply to this row (filled down), matched where they could be */
  level1: string;
  level2: string;
  level?: TargetLevel;
  group?: TargetGroup;
  /** a `其中…` line without 分值: shown, not scored */
  detail: boolean;
}

/** The text of a cell as typed ('' for blank): numbers as written, dates as 2025-03-01. */
export function cellString(v: RawValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return '';
  return String(v);
}

/** The fields that make a row more than a placeholder (besides its name). */
const CONTENT: TargetField[] = ['sense', 'target', 'unit', 'actual', 'weight', 'rating', 'score', 'deviation'];

/**
 * The rows that count, in table order: blank rows, rows with nothing but 一级/二级 labels, and placeholder rows
 * (……, 指标2：, / with nothing else) are left out; blank 一级/二级 cells take the label above (merged cells).
 */
export function targetRows(plan: TargetPlan, table: TableValue): TargetRow[] {
  const at = plan.at;
  const rows: TargetRow[] = [];
  let l1 = '';
  let l2 = '';
  const width = plan.table.fields.length;
  for (let r = 0; r < table.raw.length; r++) {
    const raw = table.raw[r];
    const texts: string[] = new Array(width);
    for (let f = 0; f < width; f++) texts[f] = cellString(raw[f]);
    const text = (f: TargetField) => (at[f] < 0 ? '' : texts[at[f]]);
    const t1 = text('level1');
    const t2 = text('level2');
    const ownLevel = t1 !== '' && !isBlankish(normalizeCell(t1));
    if (ownLevel) {
      // a new 一级 starts its own 二级 (a merged 二级 does not run on into the next 一级)
      if (labelKey(t1) !== labelKey(l1)) l2 = '';
      l1 = t1;
    }
    if (t2 && !isBlankish(normalizeCell(t2))) l2 = t2;
    const name = text('name');
    // (only short texts can be a dash or slash typed for “none”)
    const content = CONTENT.some((f) => {
      const v = text(f);
      return v !== '' && (v.length > 8 || !isBlankish(normalizeCell(v)));
    });
    if (!content && isPlaceholderName(name)) continue;
    const weightBlank = at.weight < 0 || table.cells[r][at.weight].state === 'blank';
    const detail = weightBlank && /^其中/.test(normalizeCell(name));
    const { level, group } = matchOf(plan, l1, l2, ownLevel);
    rows.push({
      r,
      raw,
      texts,
      cells: table.cells[r],
      level1: level?.name ?? normalizeCell(l1),
      level2: group?.name ?? normalizeCell(l2),
      level,
      group,
      detail,
    });
  }
  return rows;
}

type Match = { level?: TargetLevel; group?: TargetGroup };
const matches = new WeakMap<TargetPlan, Map<string, Map<string, [Match?, Match?]>>>();

/** match(), remembered per plan: a table's rows share a few pairs of labels. */
function matchOf(plan: TargetPlan, l1: string, l2: string, ownLevel: boolean): Match {
  let byL1 = matches.get(plan);
  if (!byL1) matches.set(plan, (byL1 = new Map()));
  let byL2 = byL1.get(l1);
  if (!byL2) {
    if (byL1.size >= 1000) byL1.clear();
    byL1.set(l1, (byL2 = new Map()));
  }
  let pair = byL2.get(l2);
  if (!pair) {
    if (byL2.size >= 1000) byL2.clear();
    byL2.set(l2, (pair = [undefined, undefined]));
  }
  const k = ownLevel ? 1 : 0;
  return (pair[k] ??= match(plan, l1, l2, ownLevel));
}

/**
 * The standard level and group of a row's labels. A 二级 of another 一级 names its own 一级 where the row's 一级
 * was not typed on it (none above, or filled down from a merged cell that ended too late).
 */
function match(plan: TargetPlan, l1: string, l2: string, ownLevel: boolean): { level?: TargetLevel; group?: TargetGroup } {
  let level = l1 ? plan.levels.get(labelKey(l1)) : undefined;
  let group: TargetGroup | undefined;
  if (l2) {
    const key = labelKey(l2);
    group = level ? plan.groups.get(level)!.get(key) : undefined;
    if (!group) {
      const found = plan.anyGroup.get(key);
      if (found && (!level || !ownLevel)) {
        level = found.level;
        group = found.group;
      }
    }
  }
  return { level, group };
}
