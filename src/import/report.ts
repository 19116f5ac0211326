/**
 * What a hand-made file states and what is wrong with it: its standard tables recognised, grouped into forms
 * (a 2013-style 评分表 with its 综合评价报告表; a target table with its 基础数据表), each form checked — every
 * arithmetic claim in its cells, the scores against the rules, totals, grades and weights — and rescored where it
 * states enough. The review (`jixiao check`) lists such a file as kind "handmade" with these forms.
 */
import { getScheme, plain, type EvaluationJson } from '../engine';
import { Decimal } from '../engine/decimal';
import type { Finding } from '../engine/types';
import { checkBasic } from './check/basic';
import { claimsIn, differs, finding, gradeFinding } from './check/findings';
import { checkScoring } from './check/scoring';
import { checkTarget, type RowCheck } from './check/target';
import { GridView, type Grid } from './grid';
import { recogniseGrids, type BasicDataTable, type ScoringTable, type StatedTable, type SummaryTable, type TargetTable, type Unplaced } from './recognise';
import { yearIn } from './recognise/text';

export type Verdict = 'pass' | 'verify' | 'fix';

/** One form of a hand-made file: the fields of a reviewed form (spec/cli.md), and what the file states. */
export interface HandmadeForm {
  scheme: string;
  dept: string | null;
  project: string | null;
  year: number | null;
  /** recomputed: each row's score by its rule where the file states enough, else as written; null where a row has neither */
  total: number | null;
  grade: string | null;
  /** as the file writes them: the 合计/总分 and the grade word (良好, as written) */
  shown: { total: number | null; grade: string | null };
  verdict: Verdict;
  issues: Finding[];
  /** the tables of the form as the file states them */
  tables: StatedTable[];
  /** each scored row: its score as written and as recomputed */
  rows: RowCheck[];
  /** target tables: the execution line as written and as recomputed */
  execution: RowCheck | null;
  /** the scheme's inputs the file states, in the shape of `jixiao score --inputs` (target tables: every row and the funds) */
  inputs: Record<string, unknown>;
  /** the cell of each scalar input */
  cells: Record<string, string>;
  /** target tables: the engine's rescoring of what the file states (rows, execution line, total); its findings are `issues` */
  evaluation?: EvaluationJson;
}

export interface HandmadeReport {
  kind: 'handmade';
  forms: HandmadeForm[];
  /** the tables (sheets, Word tables) holding no standard table, and why */
  unplaced: Unplaced[];
  /** grids cut at the reading limits */
  truncated: string[];
}

export function verdictOf(issues: readonly Finding[]): Verdict {
  if (issues.some((f) => f.severity === 'error')) return 'fix';
  return issues.some((f) => f.severity === 'warning') ? 'verify' : 'pass';
}

/** Recognises and checks the standard tables in a file's grids (its sheets, or its Word tables). */
export function checkGrids(grids: Grid[]): HandmadeReport {
  const views = new Map(grids.map((g) => [g.name, new GridView(g)]));
  const { tables, unplaced } = recogniseGrids(grids);
  const seen = new Set<string>();
  const forms: HandmadeForm[] = [];

  const scorings = tables.filter((t): t is ScoringTable => t.kind === 'scoring-2013');
  const summaries = tables.filter((t): t is SummaryTable => t.kind === 'summary');
  const targets = tables.filter((t): t is TargetTable => t.kind === 'target');
  const basics = tables.filter((t): t is BasicDataTable => t.kind === 'basic-data');

  // a 评分表 and the 综合评价报告表 of the same file are one form; so are a department's target table and its 基础数据表
  const pairedSummary = new Map<ScoringTable, SummaryTable>();
  scorings.forEach((s, i) => summaries[i] && pairedSummary.set(s, summaries[i]));
  const loneSummaries = summaries.slice(scorings.length);
  const deptTargets = targets.filter((t) => t.scheme === 'dept-2020');
  const pairedBasic = new Map<TargetTable, BasicDataTable>();
  deptTargets.forEach((t, i) => basics[i] && pairedBasic.set(t, basics[i]));
  const loneBasics = basics.slice(deptTargets.length);

  for (const t of tables) {
    if (t.kind === 'scoring-2013') forms.push(scoringForm(t, pairedSummary.get(t) ?? null, views, seen));
    else if (t.kind === 'summary' && loneSummaries.includes(t)) forms.push(scoringForm(null, t, views, seen));
    else if (t.kind === 'target') forms.push(targetForm(t, pairedBasic.get(t) ?? null, views, seen));
    else if (t.kind === 'basic-data' && loneBasics.includes(t)) forms.push(basicForm(t, views, seen));
  }
  return { kind: 'handmade', forms, unplaced, truncated: grids.filter((g) => g.truncated).map((g) => g.name) };
}

/** The name of each row cell, for the claims found in it: 财政供养人员控制率（评分表!H8）. */
function rowLabels(table: StatedTable): Map<string, string> {
  const labels = new Map<string, string>();
  if (table.kind === 'scoring-2013') {
    const scheme = getScheme('dept-2013');
    for (const row of table.rows) {
      const name = row.indicator ? scheme.indicators.find((i) => i.id === row.indicator)!.name : row.name.text.replace(/\s+/g, '');
      for (const cell of [row.text, row.score]) if (cell) labels.set(cell.cell, name);
    }
  } else if (table.kind === 'target') {
    for (const row of table.rows) {
      const name = row.name?.text.replace(/\s+/g, '');
      if (!name || name.length > 24) continue;
      for (const cell of Object.values(row)) if (cell && cell !== row.level1 && cell !== row.level2) labels.set(cell.cell, name);
    }
  }
  return labels;
}

function claims(tables: StatedTable[], views: ReadonlyMap<string, GridView>, seen: Set<string>): Finding[] {
  const labels = new Map<string, string>();
  for (const t of tables) for (const [k, v] of rowLabels(t)) labels.set(k, v);
  return tables.flatMap((t) => claimsIn(views, t.regions, labels, seen));
}

function targetForm(table: TargetTable, basic: BasicDataTable | null, views: ReadonlyMap<string, GridView>, seen: Set<string>): HandmadeForm {
  const tables: StatedTable[] = basic ? [table, basic] : [table];
  const check = checkTarget(table, basic ? { inputs: basic.inputs, cells: basic.cells } : undefined);
  const issues = [...claims(tables, views, seen), ...check.issues, ...(basic ? checkBasic(basic, false) : [])];
  return {
    scheme: table.scheme,
    dept: table.dept?.text ?? null,
    project: table.project?.text ?? null,
    year: table.year,
    total: check.total,
    grade: check.grade,
    shown: { total: table.total?.value ?? null, grade: table.grade?.word ?? null },
    verdict: verdictOf(issues),
    issues,
    tables,
    rows: check.rows,
    execution: check.execution,
    inputs: { ...(basic?.inputs ?? {}), ...table.inputs },
    cells: { ...(basic?.cells ?? {}), ...table.cells },
    evaluation: check.evaluation,
  };
}

function scoringForm(table: ScoringTable | null, summary: SummaryTable | null, views: ReadonlyMap<string, GridView>, seen: Set<string>): HandmadeForm {
  const scheme = getScheme('dept-2013');
  const tables: StatedTable[] = [table, summary].filter((t): t is ScoringTable | SummaryTable => !!t);
  const check = table ? checkScoring(table) : null;
  const issues: Finding[] = [...claims(tables, views, seen), ...(check?.issues ?? [])];
  const shownTotal = table?.total ?? summary?.total ?? null;
  if (summary) {
    // the conclusion's total against the 评分表's 合计, and its grade against the total
    if (summary.total && table?.total && differs(summary.total.value, table.total.value)) {
      issues.push(
        finding('warning', 'total_mismatch', `${summary.total.cell}：自我评价结论写总分${plain(new Decimal(summary.total.value))}分，评分表合计（${table.total.cell}）为${plain(new Decimal(table.total.value))}分`, [
          summary.total.cell,
          table.total.cell,
        ]),
      );
    }
    const total = summary.total?.value ?? shownTotal?.value ?? check?.total ?? null;
    const g = gradeFinding(scheme, summary.grade, total, summary.total || shownTotal ? '所写总分为' : '计算总分为');
    if (g && !(table?.grade && table.grade.cell === summary.grade?.cell)) issues.push(g);
  }
  const grade = table?.grade ?? summary?.grade ?? null;
  return {
    scheme: 'dept-2013',
    dept: summary?.dept?.text ?? null,
    project: null,
    year: summary?.year ?? (table?.title ? (yearIn(table.title) ?? null) : null),
    total: check?.total ?? null,
    grade: check?.grade ?? null,
    shown: { total: shownTotal?.value ?? null, grade: grade?.word ?? null },
    verdict: verdictOf(issues),
    issues,
    tables,
    rows: check?.rows ?? [],
    execution: null,
    inputs: { ...(check?.inputs ?? {}), ...(summary?.dept ? { in_dept_name: summary.dept.text } : {}), ...(summary?.year ? { in_year: summary.year } : {}) },
    cells: { ...(check?.cells ?? {}), ...(summary?.dept ? { in_dept_name: summary.dept.cell } : {}) },
  };
}

function basicForm(table: BasicDataTable, views: ReadonlyMap<string, GridView>, seen: Set<string>): HandmadeForm {
  const issues = [...claims([table], views, seen), ...checkBasic(table)];
  return {
    scheme: 'dept-2020',
    dept: null,
    project: null,
    year: null,
    total: null,
    grade: null,
    shown: { total: null, grade: null },
    verdict: verdictOf(issues),
    issues,
    tables: [table],
    rows: [],
    execution: null,
    inputs: table.inputs,
    cells: table.cells,
  };
}

