/**
 * The 2013-style 评分表 (部门整体支出绩效评价指标评分表) in a grid: its header (一级指标 … 三级指标 … 分值 …
 * 评价标准 … 评价得分), the 分值 column of each level, one row per 三级指标 (the first two levels merged down),
 * and the 合计 row with the total and the grade written near it.
 */
import type { Scheme } from '../../engine';
import type { GridView } from '../grid';
import { firstText, gradeInRow, located, numberAt } from './cells';
import { col, type Header } from './headers';
import { scoringHeaderAt, startsTable } from './starts';
import { isTotalRow } from './target';
import { labelKey, typedScore } from './text';
import type { LocatedNumber, ScoringRow } from './types';
import { FOOTER_LABELS, INDICATOR_ALIASES, type ScoringColumn } from './vocabulary';

export interface ScoringBlock {
  top: number;
  bottom: number;
  header: Header<ScoringColumn>;
  /** the 分值 column of each level (-1 where the table has none) */
  weights: { level1: number; level2: number; name: number };
  first: number;
  last: number;
  totalRow: number;
}

export function scoringBlocks(view: GridView): ScoringBlock[] {
  const out: ScoringBlock[] = [];
  for (let r = 0; r < view.rows; r++) {
    const h = scoringHeaderAt(view, r);
    if (!h) continue;
    const block = scoringBlock(view, h);
    out.push(block);
    r = block.bottom;
  }
  return out;
}

function scoringBlock(view: GridView, header: Header<ScoringColumn>): ScoringBlock {
  // each 分值 column belongs to the level written nearest to its left
  const levels = (['level1', 'level2', 'name'] as const).map((k) => ({ k, c: col(header, k) })).filter((l) => l.c >= 0);
  const weights = { level1: -1, level2: -1, name: -1 };
  for (const w of header.columns.weight ?? []) {
    const owner = levels.filter((l) => l.c < w).sort((a, b) => b.c - a.c)[0];
    if (owner && weights[owner.k] < 0) weights[owner.k] = w;
  }
  const nameCol = col(header, 'name');
  const block: ScoringBlock = { top: header.top, bottom: header.bottom, header, weights, first: header.bottom + 1, last: header.bottom, totalRow: -1 };
  let blanks = 0;
  for (let r = header.bottom + 1; r < view.rows; r++) {
    if (isTotalRow(view, r, nameCol + 1)) {
      block.totalRow = r;
      block.bottom = r;
      // a grade written just below the 合计 (自评等级 | 良) belongs to the table
      for (let k = r + 1; k <= r + 2 && k < view.rows; k++) if (gradeInRow(view, k)) block.bottom = k;
      break;
    }
    const first = firstText(view, r);
    if ((first && FOOTER_LABELS.test(labelKey(first.text))) || startsTable(view, r)) break;
    if (view.blankRow(r)) {
      if (++blanks >= 3) break;
      continue;
    }
    blanks = 0;
    block.last = r;
    block.bottom = r;
  }
  return block;
}

/** The rows of a 评分表 block, each matched to the scheme's indicator by its 三级指标 name. */
export function scoringRows(view: GridView, block: ScoringBlock, scheme: Scheme): ScoringRow[] {
  const h = block.header;
  const nameCol = col(h, 'name');
  const scoreCols = h.columns.score ?? [];
  const basisCol = col(h, 'basis');
  const rows: ScoringRow[] = [];
  const taken = new Set<string>();
  for (let r = block.first; r <= block.last; r++) {
    const name = located(view, r, nameCol);
    // a name merged over several rows is one indicator
    if (!name || !view.isOrigin(r, nameCol)) continue;
    const level1 = view.text(r, col(h, 'level1'));
    const level2 = view.text(r, col(h, 'level2'));
    // the calculation text: the 计算过程/评分依据 column, else the 评价得分 cell holding words; the score: a cell
    // holding just a number, else the last 得X分 of the text
    let text = basisCol >= 0 ? located(view, r, basisCol) : null;
    let score: LocatedNumber | null = null;
    let scoreInText: LocatedNumber | null = null;
    for (const c of scoreCols) {
      const cell = view.cell(r, c);
      const typed = typedScore(cell);
      if (typed && !typed.fromText) score ??= { cell: view.name(r, c), text: view.text(r, c), value: typed.value.toNumber() };
      else if (cell && cell.text.trim() !== '') {
        text ??= located(view, r, c);
        if (typed) scoreInText ??= { cell: view.name(r, c), text: view.text(r, c), value: typed.value.toNumber() };
      }
    }
    if (!score && !scoreInText && text) {
      const typed = typedScore({ text: text.text, value: text.text });
      if (typed) scoreInText = { ...text, value: typed.value.toNumber() };
    }
    score ??= scoreInText;
    const level2Weight = block.weights.level2 >= 0 && view.isOrigin(r, block.weights.level2) ? numberAt(view, r, block.weights.level2) : null;
    const indicator = matchIndicator(scheme, labelKey(name.text), labelKey(level2), taken);
    if (indicator) taken.add(indicator);
    rows.push({
      indicator,
      level1,
      level2,
      name,
      level2Weight,
      weight: numberAt(view, r, block.weights.name),
      criteria: view.text(r, col(h, 'criteria')),
      text,
      score,
    });
  }
  return rows;
}

/** The scheme's indicator a 三级指标 name is: its own name or a regional one; 二级 decides between namesakes. */
function matchIndicator(scheme: Scheme, name: string, level2: string, taken: Set<string>): string | null {
  const key = name.replace(/["“”]/g, '');
  const candidates = scheme.indicators.filter((ind) => !taken.has(ind.id) && (labelKey(ind.name) === key || (INDICATOR_ALIASES[ind.id] ?? []).includes(key)));
  if (!candidates.length) return null;
  return (candidates.find((c) => level2 !== '' && labelKey(c.level2) === level2) ?? candidates[0]).id;
}

/** The 合计 row's total and 分值, and a grade written on it or just below. */
export function scoringTotal(view: GridView, block: ScoringBlock): { total: LocatedNumber | null; maxTotal: LocatedNumber | null; grade: ReturnType<typeof gradeInRow> } {
  const r = block.totalRow;
  if (r < 0) return { total: null, maxTotal: null, grade: null };
  const h = block.header;
  let total: LocatedNumber | null = null;
  for (const c of [...(h.columns.score ?? [])].reverse()) {
    const s = typedScore(view.cell(r, c));
    if (s) {
      total = { cell: view.name(r, c), text: view.text(r, c), value: s.value.toNumber() };
      break;
    }
  }
  const maxTotal = numberAt(view, r, block.weights.name) ?? numberAt(view, r, block.weights.level1) ?? numberAt(view, r, block.weights.level2);
  let grade = gradeInRow(view, r);
  for (let k = r + 1; !grade && k <= r + 2 && k < view.rows; k++) grade = gradeInRow(view, k);
  return { total, maxTotal: maxTotal && total && maxTotal.cell === total.cell ? null : maxTotal, grade };
}
