/**
 * The target tables (项目支出绩效自评表, 部门整体支出绩效自评表) in a grid: the funds block (its header with
 * 年初预算数 … 得分, the 年度资金总额 line, the 其中 lines or 按收入/支出性质分 parts) and the indicator block (its
 * header with 三级指标, 年度指标值, 实际完成值, 分值 …, its rows down to 总分).
 */
import type { RawValue } from '../../engine/types';
import { normalize } from '../../engine/values';
import type { GridView } from '../grid';
import { findLabel, firstText, gradeInRow, locatedAlways, numberAt, rawAt } from './cells';
import { col, roleColumns, type Header } from './headers';
import { fundsHeaderAt, indicatorHeaderAt, startsTable } from './starts';
import { labelKey, unitInLabel } from './text';
import type { LocatedGrade, LocatedNumber, TargetRowCells } from './types';
import {
  DEPT_FUND_PARTS,
  FOOTER_LABELS,
  FUNDS_TOTAL,
  GOAL_LABELS,
  PROJECT_FUND_LINES,
  TOTAL_LABELS,
  type FundsColumn,
  type TargetColumn,
} from './vocabulary';

export interface FundsBlock {
  kind: 'funds';
  top: number;
  bottom: number;
  header: Header<FundsColumn>;
  /** the 年度资金总额 row, or -1 */
  totalRow: number;
  /** the header's label (项目资金（万元）, 年度预算申请（万元）) */
  label: string;
  unit?: '万元' | '元';
  /** a project's 其中 lines, by line */
  lines: Partial<Record<'fiscal' | 'carryover' | 'other', number>>;
  /** a department's 按收入性质分 / 按支出性质分 amounts, by input */
  parts: Record<string, { cell: string; raw: RawValue }>;
  /** 按收入性质分 written: a department's block */
  byNature: boolean;
}

export interface IndicatorBlock {
  kind: 'indicators';
  top: number;
  bottom: number;
  header: Header<TargetColumn>;
  /** the rows after the header, before 总分 */
  first: number;
  last: number;
  totalRow: number;
  /** the header typed again further down (a table continued on the next page): rows that are no indicator rows */
  repeats: number[];
  /** the rows of the table before, going on in this one (a Word table split in two, its header not repeated) */
  continues?: boolean;
  goals?: { expected: string; actual: string };
}

export type TargetBlock = FundsBlock | IndicatorBlock;

/** The row is a 总分 / 合计 line: its first text (or a text left of `before`) is a total label. */
export function isTotalRow(view: GridView, r: number, before = view.cols): boolean {
  for (const { c, text } of view.rowTexts(r)) {
    if (c >= before) break;
    if (TOTAL_LABELS.includes(labelKey(text))) return true;
  }
  return false;
}

function isFooterRow(view: GridView, r: number): boolean {
  const first = firstText(view, r);
  return !!first && FOOTER_LABELS.test(labelKey(first.text));
}

/** The funds and indicator blocks of a grid, top to bottom. */
export function targetBlocks(view: GridView): TargetBlock[] {
  const out: TargetBlock[] = [];
  for (let r = 0; r < view.rows; r++) {
    const funds = fundsHeaderAt(view, r);
    if (funds) {
      // a funds block is a form's only with its 年度资金总额 line (a budget sheet has 预算数 and 执行数 columns too)
      const block = fundsBlock(view, funds);
      if (block.totalRow >= 0) {
        out.push(block);
        r = block.bottom;
        continue;
      }
    }
    const ind = indicatorHeaderAt(view, r);
    if (ind) {
      const block = indicatorBlock(view, ind, out[out.length - 1]);
      out.push(block);
      r = block.bottom;
    }
  }
  return out;
}

const DEPT_PART = /^(?:其中[:：]?)?([^:：\d]+?)[:：]\s*([+-]?\d+(?:\.\d+)?)?\s*(?:万元|元)?$/;

function fundsBlock(view: GridView, header: Header<FundsColumn>): FundsBlock {
  const first = Math.min(...roleColumns(header));
  const labelCell = firstText(view, header.top, 0, first);
  const label = labelCell?.text ?? '';
  const block: FundsBlock = { kind: 'funds', top: header.top, bottom: header.bottom, header, totalRow: -1, label, lines: {}, parts: {}, byNature: false };
  const unit = unitInLabel(label) ?? view.rowTexts(header.top).map((t) => unitInLabel(t.text)).find((u) => u);
  if (unit) block.unit = unit;
  let blanks = 0;
  for (let r = header.bottom + 1; r < view.rows && r <= header.bottom + 14; r++) {
    if (indicatorHeaderAt(view, r) || fundsHeaderAt(view, r) || findLabel(view, r, GOAL_LABELS.block) >= 0 || findLabel(view, r, ['绩效指标']) >= 0) break;
    if (view.blankRow(r)) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    block.bottom = r;
    const texts = view.rowTexts(r);
    for (const { c, text } of texts) {
      if (c >= first) continue;
      const key = labelKey(text);
      if (block.totalRow < 0 && (FUNDS_TOTAL.includes(key) || key.startsWith('年度资金总额'))) block.totalRow = r;
      const line = PROJECT_FUND_LINES[key];
      if (line && block.lines[line] === undefined) block.lines[line] = r;
    }
    for (let i = 0; i < texts.length; i++) {
      const { c, text } = texts[i];
      const t = normalize(text);
      if (/按收入性质分|按支出性质分/.test(t)) block.byNature = true;
      const m = DEPT_PART.exec(t.replace(/^其中[:：]?/, ''));
      const key = m ? labelKey(m[1]) : labelKey(t);
      const input = DEPT_FUND_PARTS[key];
      if (!input || block.parts[input]) continue;
      if (m?.[2] !== undefined) block.parts[input] = { cell: view.name(r, c), raw: m[2] };
      else {
        // the amount in the next cell: 一般公共预算 | 94.8
        const next = texts[i + 1];
        const n = next && numberAt(view, r, next.c);
        if (n) block.parts[input] = { cell: n.cell, raw: rawAt(view, r, next.c) };
      }
    }
  }
  return block;
}

/** The indicator rows of a grid that goes on with the table before it (same columns, no header of its own). */
export function continuedBlock(view: GridView, header: Header<TargetColumn>): IndicatorBlock {
  return indicatorBlock(view, header, undefined, 0);
}

function indicatorBlock(view: GridView, header: Header<TargetColumn>, previous: TargetBlock | undefined, start = header.bottom + 1): IndicatorBlock {
  const nameCol = col(header, 'name');
  const continues = start !== header.bottom + 1;
  const block: IndicatorBlock = { kind: 'indicators', top: continues ? start : header.top, bottom: start - 1, header, first: start, last: start - 1, totalRow: -1, repeats: [] };
  if (continues) block.continues = true;
  let blanks = 0;
  for (let r = start; r < view.rows; r++) {
    if (isTotalRow(view, r, Math.max(nameCol, 1))) {
      block.totalRow = r;
      block.bottom = r;
      break;
    }
    const again = indicatorHeaderAt(view, r);
    if (again && sameColumns(again, header)) {
      // the header repeated where the table goes on over a page: skipped, the rows go on
      for (let k = again.top; k <= again.bottom; k++) block.repeats.push(k);
      r = again.bottom;
      continue;
    }
    if (isFooterRow(view, r) || startsTable(view, r)) break;
    if (view.blankRow(r)) {
      if (++blanks >= 3) break;
      continue;
    }
    blanks = 0;
    block.last = r;
    block.bottom = r;
  }
  if (continues) return block;
  // the 年度总体目标 block between the funds and the indicators
  const from = previous?.kind === 'funds' ? previous.bottom + 1 : Math.max(0, header.top - 12);
  for (let r = from; r < header.top; r++) {
    const e = findLabel(view, r, GOAL_LABELS.expected);
    const a = findLabel(view, r, GOAL_LABELS.actual);
    if (e < 0 || a < 0) continue;
    const expected: string[] = [];
    const actual: string[] = [];
    for (let k = r + 1; k < header.top; k++) {
      if (view.isOrigin(k, e) && view.text(k, e)) expected.push(view.text(k, e));
      if (view.isOrigin(k, a) && view.text(k, a) && a !== e) actual.push(view.text(k, a));
    }
    block.goals = { expected: expected.join('\n'), actual: actual.join('\n') };
    break;
  }
  return block;
}

/** Two headers naming the same columns (a header typed again on the next page). */
export function sameColumns(a: Header<TargetColumn>, b: Header<TargetColumn>): boolean {
  const keys = (h: Header<TargetColumn>) => JSON.stringify(Object.entries(h.columns).sort());
  return keys(a) === keys(b);
}

const FIELDS: TargetColumn[] = ['level1', 'level2', 'name', 'sense', 'target', 'unit', 'actual', 'weight', 'rating', 'score', 'deviation'];

/** Each row of an indicator block: its cells by field (blank ones too, named), and the engine's record of it. */
export function indicatorRows(view: GridView, block: IndicatorBlock): { cells: TargetRowCells[]; records: Record<string, RawValue>[]; gridRows: number[] } {
  const cells: TargetRowCells[] = [];
  const records: Record<string, RawValue>[] = [];
  const gridRows: number[] = [];
  for (let r = block.first; r <= block.last; r++) {
    if (view.blankRow(r) || block.repeats.includes(r)) continue;
    const row: TargetRowCells = {};
    const record: Record<string, RawValue> = {};
    for (const f of FIELDS) {
      const c = col(block.header, f);
      if (c < 0) continue;
      row[f] = locatedAlways(view, r, c);
      const raw = rawAt(view, r, c);
      if (raw !== null) record[f] = raw;
    }
    cells.push(row);
    records.push(record);
    gridRows.push(r);
  }
  return { cells, records, gridRows };
}

/** 总分 as written: the number under 得分 (else right of 分值), 分值's 100, and a grade word in the row or the next. */
export function totalLine(
  view: GridView,
  row: number,
  scoreCol: number,
  weightCol: number,
): { total: LocatedNumber | null; maxTotal: LocatedNumber | null; grade: LocatedGrade | null } {
  if (row < 0) return { total: null, maxTotal: null, grade: null };
  let total = numberAt(view, row, scoreCol);
  let maxTotal = weightCol >= 0 && weightCol !== view.origin(row, scoreCol)[1] ? numberAt(view, row, weightCol) : null;
  if (total && maxTotal && total.cell === maxTotal.cell) maxTotal = null;
  if (!total) {
    // a 总分 row whose cells do not sit under the header's: the first number right of 分值
    for (const { c } of view.rowTexts(row)) {
      if (c <= weightCol) continue;
      const n = numberAt(view, row, c);
      if (n) {
        total = n;
        break;
      }
    }
  }
  let grade = gradeInRow(view, row);
  if (!grade && row + 1 < view.rows && !startsTable(view, row + 1)) grade = gradeInRow(view, row + 1);
  return { total, maxTotal, grade };
}

