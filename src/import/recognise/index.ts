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
import { findLabel, located, rawAt, valueRightOf } from './cells';
import { col } from './headers';
import { scoringBlocks, scoringRows, scoringTotal, type ScoringBlock } from './scoring2013';
import { summaryBlock, type SummaryBlock } from './summary';
import { continuedBlock, indicatorRows, sameColumns, targetBlocks, totalLine, type FundsBlock, type IndicatorBlock } from './target';
import { labelKey, yearIn } from './text';
import type { BasicDataTable, Located, Region, ScoringTable, StatedTable, SummaryTable, TargetTable, Unplaced } from './types';
import { IDENTITY_LABELS, SCORING_COLUMNS, TARGET_COLUMNS } from './vocabulary';

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
  const perGrid: Item[][] = [];
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
    perGrid.push(found.sort((a, b) => a.top - b.top));
  });
  // a Word table split in two with its header not repeated: the next table, of the same columns, goes on with its rows
  for (let g = 0; g + 1 < views.length; g++) {
    const last = perGrid[g][perGrid[g].length - 1];
    const next = views[g + 1];
    if (last?.kind !== 'indicators' || last.block.totalRow >= 0 || next.grid.source !== 'table' || perGrid[g + 1].length || next.cols !== views[g].cols) continue;
    let rest = last.block.bottom + 1;
    while (rest < views[g].rows && views[g].blankRow(rest)) rest++;
    if (rest < views[g].rows) continue;
    const block = continuedBlock(next, last.block.header);
    if (block.last >= block.first || block.totalRow >= 0) perGrid[g + 1].push({ kind: 'indicators', g: g + 1, top: 0, block });
  }
  const items = perGrid.flat();
  const unplaced: Unplaced[] = [];
  perGrid.forEach((found, g) => {
    if (found.length) return;
    const why = nearMiss(views[g]);
    if (why !== null) unplaced.push({ grid: grids[g].name, range: rangeName(grids[g], 0, 0, grids[g].rows - 1, grids[g].cols - 1), reason: why });
  });

  const tables: StatedTable[] = [];
  let open: { funds?: Extract<Item, { kind: 'funds' }>; indicators: Extract<Item, { kind: 'indicators' }>[] } | null = null;
  const close = () => {
    if (open) tables.push(targetTable(views, open.funds, open.indicators, items));
    open = null;
  };
  for (const item of items) {
    switch (item.kind) {
      case 'funds':
        close();
        open = { funds: item, indicators: [] };
        break;
      case 'indicators':
        // a funds block belongs to the indicators that follow it, in its grid or the next (a Word table split in two)
        if (open?.indicators.length && continues(open.indicators[open.indicators.length - 1], item, items)) open.indicators.push(item);
        else if (open?.funds && !open.indicators.length && item.g - open.funds.g <= 1) open.indicators.push(item);
        else {
          close();
          open = { indicators: [item] };
        }
        if (item.block.totalRow >= 0) close();
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

/**
 * An indicator block going on with the one before: the next Word table's rows under no header of their own, or
 * under the same header typed again, the first table of its grid, the one before ending without its 总分.
 */
function continues(before: Extract<Item, { kind: 'indicators' }>, item: Extract<Item, { kind: 'indicators' }>, items: Item[]): boolean {
  if (item.block.continues) return true;
  if (before.block.totalRow >= 0 || item.g !== before.g + 1 || items.some((i) => i.g === item.g && i.top < item.top)) return false;
  return sameColumns(before.block.header, item.block.header);
}

/** A row of the indicator table that is the 预算执行率 (named so in 三级, or in 一级/二级 with no other name). */
function isExecutionRow(row: TargetTable['rows'][number]): boolean {
  const key = (l: Located | undefined) => (l ? labelKey(l.text) : '');
  const name = key(row.name);
  if (/^(预算)?执行率$|^预算执行情况$/.test(name)) return true;
  return name === '' && [row.level1, row.level2].some((l) => /^(预算)?执行率(指标)?$/.test(key(l)));
}

/** The first row of the rows above an item in its grid: just below the table before it, or the grid's first. */
function rowsAbove(item: Item, items: Item[]): number {
  return items.filter((i) => i.g === item.g && i.top < item.top).reduce((m, i) => Math.max(m, i.block.bottom + 1), 0);
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

function targetTable(views: GridView[], funds: Extract<Item, { kind: 'funds' }> | undefined, parts: Extract<Item, { kind: 'indicators' }>[], items: Item[]): TargetTable {
  const first = (funds ?? parts[0])!;
  const view = views[first.g];
  // the rows above the form in its grid, down from the table before it
  const above = rowsAbove(first, items);
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
        return p ? rawAt(fv, p.r, p.c) : null;
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
          if (p) set(`${names[line]}_${role}`, rawAt(fv, p.r, p.c), fv.name(p.r, p.c));
        }
      }
    } else {
      for (const [name, part] of Object.entries(fb.parts)) set(name, part.raw, part.cell);
    }
  }

  const rows: TargetTable['rows'] = [];
  let total: TargetTable['total'] = null;
  let maxTotal: TargetTable['maxTotal'] = null;
  let grade: TargetTable['grade'] = null;
  if (parts.length) {
    const records: Record<string, RawValue>[] = [];
    for (const part of parts) {
      const read = indicatorRows(views[part.g], part.block);
      read.cells.forEach((row, k) => {
        // the 预算执行率 written as a row of the table (regions without a funds block): the execution line, not an indicator
        if (isExecutionRow(row)) {
          if (row.actual?.text && !cells.in_fund_rate_self) set('in_fund_rate_self', read.records[k].actual ?? null, row.actual.cell);
          if (row.score?.text && !cells.in_fund_score_self) set('in_fund_score_self', read.records[k].score ?? null, row.score.cell);
          return;
        }
        rows.push(row);
        records.push(read.records[k]);
      });
    }
    inputs.in_indicators = records;
    const goals = parts[0].block.goals;
    if (goals?.expected) inputs.in_goal_expected = goals.expected;
    if (goals?.actual) inputs.in_goal_actual = goals.actual;
    const end = parts[parts.length - 1];
    ({ total, maxTotal, grade } = totalLine(views[end.g], end.block.totalRow, col(end.block.header, 'score'), col(end.block.header, 'weight')));
  }
  // the rows the form takes up: from the rows above it (its title, 项目名称) to its last block, in each grid it is in
  const blocks = [...(funds ? [funds] : []), ...parts];
  const regions: Region[] = [];
  for (const b of blocks) {
    const region = regions.find((r) => r.grid === views[b.g].grid.name);
    if (region) region.bottom = Math.max(region.bottom, b.block.bottom);
    else regions.push(regionOf(views[b.g], b === first ? above : rowsAbove(b, items), b.block.bottom));
  }
  return {
    kind: 'target',
    scheme,
    grid: view.grid.name,
    range: regions.map((r) => rangeOf(views.find((v) => v.grid.name === r.grid)!, r.top, r.bottom)).join('，'),
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
    fields: block.fields,
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

