/**
 * Recognising the standard tables in a file's grids, wherever they sit: the target tables (their funds block and
 * indicator block, in one grid or in two Word tables one after the other), the 2013-style 评分表, the
 * 基础数据表 and the 综合评价报告表 / 基本情况表. A grid in which none is found is reported as unplaced, with why;
 * nothing is guessed.
 */
import { getScheme } from '../../engine';
import type { RawValue } from '../../engine/types';
import { GridView, rangeName, type Grid } from '../grid';
import { basicBlock, type BasicBlock } from './basicData';
import { findLabel, located, valueRightOf } from './cells';
import { col, headerAt } from './headers';
import { scoringBlocks, scoringRows, scoringTotal, type ScoringBlock } from './scoring2013';
import { summaryBlock, type SummaryBlock } from './summary';
import { indicatorRows, targetBlocks, totalLine, type FundsBlock, type IndicatorBlock } from './target';
import { labelKey, yearIn } from './text';
import type { BasicDataTable, Located, Region, ScoringTable, StatedTable, SummaryTable, TargetTable, Unplaced } from './types';
import { IDENTITY_LABELS, PROJECT_FUND_LINES, SCORING_COLUMNS, TARGET_COLUMNS } from './vocabulary';

export type { BasicDataTable, Located, LocatedGrade, LocatedNumber, Region, ScoringRow, ScoringTable, StatedTable, SummaryTable, TableKind, TargetRowCells, TargetTable, Unplaced } from './types';

export interface Recognition {
  tables: StatedTable[];
  unplaced: Unplaced[];
}

type Item =
  | { kind: 'funds'; g: number; top: number; block: FundsBlock }
  | { kind: 'indicators'; g: number; top: number; block: IndicatorBlock }
  | { kind: 'scoring'; g: number; top: number; block: ScoringBlock }
  | { kind: 'summary'; g: number; top: number; block: SummaryBlock }
  | { kind: 'basic'; g: number; top: number; block: BasicBlock };

/** Every standard table in the grids of one file, in document order, and the grids that hold none. */
export function recogniseGrids(grids: Grid[]): Recognition {
  const views = grids.map((g) => new GridView(g));
  const items: Item[] = [];
  const unplaced: Unplaced[] = [];
  views.forEach((view, g) => {
    const found: Item[] = [];
    for (const block of targetBlocks(view)) found.push(block.kind === 'funds' ? { kind: 'funds', g, top: block.top, block } : { kind: 'indicators', g, top: block.top, block });
    for (const block of scoringBlocks(view)) found.push({ kind: 'scoring', g, top: block.top, block });
    const taken = found.map((i) => [i.block.top, i.block.bottom] as const);
    const used = (r: number) => taken.some(([t, b]) => r >= t && r <= b);
    const before = grids[g].before ?? [];
    const summary = summaryBlock(view, used, before);
    if (summary) {
      found.push({ kind: 'summary', g, top: summary.top, block: summary });
      taken.push([summary.top, summary.bottom]);
    }
    const basic = basicBlock(view, used, before);
    if (basic) found.push({ kind: 'basic', g, top: basic.top, block: basic });
    if (!found.length) {
      const why = nearMiss(view);
      if (why !== null) unplaced.push({ grid: grids[g].name, range: rangeName(grids[g], 0, 0, grids[g].rows - 1, grids[g].cols - 1), reason: why });
    }
    items.push(...found.sort((a, b) => a.top - b.top));
  });

  const tables: StatedTable[] = [];
  let open: { funds?: Extract<Item, { kind: 'funds' }>; indicators?: Extract<Item, { kind: 'indicators' }> } | null = null;
  const close = () => {
    if (open) tables.push(targetTable(views, open.funds, open.indicators, items));
    open = null;
  };
  for (const item of items) {
    switch (item.kind) {
      case 'funds':
        close();
        open = { funds: item };
        break;
      case 'indicators':
        // a funds block belongs to the indicators that follow it, in its grid or the next (a Word table split in two)
        if (open?.funds && !open.indicators && item.g - open.funds.g <= 1) open.indicators = item;
        else {
          close();
          open = { indicators: item };
        }
        close();
        break;
      case 'scoring':
        close();
        tables.push(scoringTable(views[item.g], item.block));
        break;
      case 'summary':
        close();
        tables.push(summaryTable(views[item.g], item.block));
        break;
      case 'basic':
        close();
        tables.push(basicTable(views[item.g], item.block));
        break;
    }
  }
  close();
  return { tables, unplaced };
}

function regionOf(view: GridView, top: number, bottom: number): Region {
  return { grid: view.grid.name, top, bottom };
}

/** The cells rows top..bottom take up: from their first column holding a text to their last. */
function rangeOf(view: GridView, top: number, bottom: number): string {
  while (top < bottom && view.blankRow(top)) top++;
  while (bottom > top && view.blankRow(bottom)) bottom--;
  let left = view.cols - 1;
  let right = 0;
  for (let r = top; r <= bottom; r++) {
    for (let c = 0; c < view.cols; c++) {
      if (view.ownText(r, c) === '') continue;
      const m = view.mergeAt(r, c);
      left = Math.min(left, c);
      right = Math.max(right, m ? m.right : c);
    }
  }
  return right < left ? rangeName(view.grid, top, 0, bottom, view.cols - 1) : rangeName(view.grid, top, left, bottom, right);
}

/** A title above a table: the nearest text naming a form, in the rows above or the paragraphs before a Word table. */
function titleAbove(view: GridView, from: number, to: number, pattern: RegExp): string | null {
  for (let r = to - 1; r >= from; r--) for (const { text } of view.rowTexts(r)) if (pattern.test(text)) return text;
  return [...(view.grid.before ?? [])].reverse().find((p) => pattern.test(p)) ?? null;
}

const TITLE = /自评表|评价表|评分表|绩效自评|报告表/;

function targetTable(views: GridView[], funds: Extract<Item, { kind: 'funds' }> | undefined, indicators: Extract<Item, { kind: 'indicators' }> | undefined, items: Item[]): TargetTable {
  const first = (funds ?? indicators)!;
  const view = views[first.g];
  // the rows above the form in its grid, down from the table before it
  const above = items.filter((i) => i.g === first.g && i.top < first.top).reduce((m, i) => Math.max(m, i.block.bottom + 1), 0);
  const title = titleAbove(view, above, first.top, TITLE);
  const identity = { project: null as Located | null, dept: null as Located | null, impl: null as Located | null };
  const identityLabel = (t: string) => Object.values(IDENTITY_LABELS).some((l) => (l as readonly string[]).includes(labelKey(t)));
  let deptWording = false;
  for (let r = above; r < first.top; r++) {
    for (const [k, labels] of Object.entries(IDENTITY_LABELS) as [keyof typeof identity, readonly string[]][]) {
      const c = findLabel(view, r, labels);
      if (c < 0 || identity[k]) continue;
      identity[k] = valueRightOf(view, r, c, identityLabel);
      if (k === 'dept' && /预算部门/.test(labelKey(view.text(r, c)))) deptWording = true;
      if (k === 'project') identity.project ??= null;
    }
  }
  const projectLabel = (() => {
    for (let r = above; r < first.top; r++) if (findLabel(view, r, IDENTITY_LABELS.project) >= 0) return true;
    return false;
  })();

  const fb = funds?.block;
  const fv = funds ? views[funds.g] : view;
  const scheme: TargetTable['scheme'] =
    (title && /部门整体|单位整体|部门（单位）整体/.test(title)) || fb?.byNature || /年度预算申请/.test(fb?.label ?? '') || (deptWording && !projectLabel)
      ? 'dept-2020'
      : 'project-2020';
  const inputs: TargetTable['inputs'] = {};
  const cells: Record<string, string> = {};
  const set = (name: string, raw: RawValue, cell: string) => {
    if (raw === null || raw === undefined || raw === '') return;
    inputs[name] = raw;
    cells[name] = cell;
  };
  const year = (title ? yearIn(title) : undefined) ?? null;
  if (year !== null) inputs.in_year = year;
  if (fb?.unit) inputs.in_unit = fb.unit;
  if (identity.dept) set('in_dept_name', identity.dept.text, identity.dept.cell);
  if (scheme === 'project-2020') {
    if (identity.project) set('in_project_name', identity.project.text, identity.project.cell);
    if (identity.impl) set('in_impl_unit', identity.impl.text, identity.impl.cell);
  }

  const fundsCells: TargetTable['funds'] = {};
  if (fb && funds) {
    const h = fb.header;
    const at = (role: keyof typeof h.columns, r: number) => col(h, role) >= 0 && r >= 0 ? { c: col(h, role), r } : null;
    if (fb.totalRow >= 0) {
      for (const role of ['initial', 'full', 'spent', 'weight', 'rate', 'score'] as const) {
        const p = at(role, fb.totalRow);
        const l = p && located(fv, p.r, p.c);
        if (l) fundsCells[role] = l;
      }
      const raw = (role: 'initial' | 'full' | 'spent' | 'weight' | 'rate' | 'score') => {
        const p = at(role, fb.totalRow);
        return p ? rawOf(fv, p.r, p.c) : null;
      };
      for (const role of ['initial', 'full', 'spent'] as const) set(`in_fund_${role}`, raw(role), fundsCells[role]?.cell ?? '');
      set('in_fund_rate_self', raw('rate'), fundsCells.rate?.cell ?? '');
      const execWeight = getScheme(scheme).targets!.execution.weight;
      if (fundsCells.score) set('in_fund_score_self', raw('score'), fundsCells.score.cell);
      else if (fundsCells.weight && Number(raw('weight')) !== execWeight && Number.isFinite(Number(raw('weight')))) {
        // the score typed into the 分值 column with 得分 left blank (分值 is the scheme's, not the unit's)
        set('in_fund_score_self', raw('weight'), fundsCells.weight.cell);
      }
    }
    if (scheme === 'project-2020') {
      const names = { fiscal: 'in_fund_fiscal', carryover: 'in_fund_carryover', other: 'in_fund_other' } as const;
      for (const [line, r] of Object.entries(fb.lines) as [keyof typeof names, number][]) {
        for (const role of ['initial', 'full', 'spent'] as const) {
          const p = at(role, r);
          if (p) set(`${names[line]}_${role}`, rawOf(fv, p.r, p.c), fv.name(p.r, p.c));
        }
      }
    } else {
      for (const [name, part] of Object.entries(fb.parts)) set(name, part.raw, part.cell);
    }
  }

  let rows: TargetTable['rows'] = [];
  let total: TargetTable['total'] = null;
  let maxTotal: TargetTable['maxTotal'] = null;
  let grade: TargetTable['grade'] = null;
  const iv = indicators ? views[indicators.g] : view;
  if (indicators) {
    const b = indicators.block;
    const read = indicatorRows(iv, b);
    rows = read.cells;
    inputs.in_indicators = read.records;
    if (b.goals) {
      if (b.goals.expected) inputs.in_goal_expected = b.goals.expected;
      if (b.goals.actual) inputs.in_goal_actual = b.goals.actual;
    }
    ({ total, maxTotal, grade } = totalLine(iv, b.totalRow, col(b.header, 'score'), col(b.header, 'weight')));
  }
  const regions: Region[] = [];
  if (funds) regions.push(regionOf(views[funds.g], funds.g === first.g ? Math.min(above, funds.top) : funds.top, funds.block.bottom));
  if (indicators) regions.push(regionOf(iv, indicators.g === first.g && !funds ? Math.min(above, indicators.top) : indicators.g === funds?.g ? funds.block.bottom + 1 : indicators.top, indicators.block.bottom));
  const last = indicators ?? funds!;
  return {
    kind: 'target',
    scheme,
    grid: view.grid.name,
    range: first.g === last.g ? rangeOf(view, regions[0].top, last.block.bottom) : `${rangeOf(view, regions[0].top, first.block.bottom)}，${rangeOf(views[last.g], last.top, last.block.bottom)}`,
    title,
    regions,
    dept: identity.dept,
    project: scheme === 'project-2020' ? identity.project : null,
    year,
    funds: fundsCells,
    rows,
    total,
    maxTotal,
    grade,
    inputs,
    cells,
  };
}

/** The engine's raw value of a cell: the stored number of a numeric cell, else its text. */
function rawOf(view: GridView, r: number, c: number): RawValue {
  const cell = view.cell(r, c);
  if (!cell || cell.text.trim() === '') return null;
  return typeof cell.value === 'number' ? cell.value : cell.text.trim();
}

function scoringTable(view: GridView, block: ScoringBlock): ScoringTable {
  const title = titleAbove(view, 0, block.top, TITLE);
  const { total, maxTotal, grade } = scoringTotal(view, block);
  return {
    kind: 'scoring-2013',
    scheme: 'dept-2013',
    grid: view.grid.name,
    range: rangeOf(view, block.top, block.bottom),
    title,
    regions: [regionOf(view, block.top, Math.min(view.rows - 1, block.totalRow >= 0 && grade ? Math.max(block.bottom, rowOfCell(view, grade.cell, block.bottom)) : block.bottom))],
    rows: scoringRows(view, block, getScheme('dept-2013')),
    total,
    maxTotal,
    grade,
  };
}

function rowOfCell(view: GridView, name: string, fallback: number): number {
  for (let r = 0; r < view.rows; r++) for (let c = 0; c < view.cols; c++) if (view.isOrigin(r, c) && view.name(r, c) === name) return r;
  return fallback;
}

function summaryTable(view: GridView, block: SummaryBlock): SummaryTable {
  return {
    kind: 'summary',
    scheme: 'dept-2013',
    grid: view.grid.name,
    range: rangeOf(view, block.top, block.bottom),
    title: block.title,
    regions: [regionOf(view, block.top, block.bottom)],
    dept: block.dept,
    year: block.year,
    conclusion: block.conclusion,
    total: block.total,
    grade: block.grade,
  };
}

function basicTable(view: GridView, block: BasicBlock): BasicDataTable {
  return {
    kind: 'basic-data',
    scheme: 'dept-2020',
    grid: view.grid.name,
    range: rangeOf(view, block.top, block.bottom),
    title: block.title,
    regions: [regionOf(view, block.top, block.bottom)],
    inputs: block.inputs,
    cells: block.cells,
    rates: block.rates,
  };
}

/**
 * Why a grid holding no standard table is not one: null for a grid with nothing in it; a reason naming the
 * headers found when it looks like a form whose other columns are missing.
 */
function nearMiss(view: GridView): string | null {
  let any = false;
  let best: string[] = [];
  for (let r = 0; r < view.rows; r++) {
    if (!view.blankRow(r)) any = true;
    const roles = new Set<string>();
    for (const { text } of view.rowTexts(r)) {
      const key = labelKey(text);
      for (const vocab of [TARGET_COLUMNS, SCORING_COLUMNS] as const) {
        for (const words of Object.values(vocab) as readonly (readonly string[])[]) if (words.includes(key)) roles.add(text.replace(/\s+/g, ''));
      }
    }
    if (roles.size > best.length) best = [...roles];
  }
  if (!any) return null;
  if (best.length >= 2) {
    return `有“${best.join('”“')}”等表头，但缺少可以确定表格种类的列（绩效自评表需“三级指标”“年度指标值”“实际完成值”“分值”，评分表需“三级指标”“分值”“评价标准”“评价得分”），未识别`;
  }
  return '未找到标准表格（评分表、绩效自评表、基础数据表、综合评价报告表）的表头，未识别';
}

export { headerAt, PROJECT_FUND_LINES };
