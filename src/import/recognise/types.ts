/**
 * What a hand-made file states, table by table: each recognised table's kind, where it is, and its figures and
 * texts as typed, each with the cell it is in (cellName: Sheet!A1, or 表3!R2C5 for a Word table).
 */
import type { RawValue } from '../../engine/types';

/** A cell as the file shows it. */
export interface Located {
  cell: string;
  text: string;
}

/** A cell holding a number: the number as stored (a typed text read as a number), and its text. */
export interface LocatedNumber extends Located {
  value: number;
}

/** A grade as written: the word (良好) and the grade it is (良). */
export interface LocatedGrade extends Located {
  word: string;
  grade: string;
}

/** Rows of a grid that a table takes up. */
export interface Region {
  grid: string;
  /** 0-based, inclusive */
  top: number;
  bottom: number;
}

export type TableKind = 'scoring-2013' | 'target' | 'basic-data' | 'summary';

interface TableBase {
  kind: TableKind;
  /** the sheet, or 表N, holding it (the first, when a form runs over several Word tables) */
  grid: string;
  /** its cells: 评分表!A3:H30, or 表2!R1C1:R40C9 */
  range: string;
  /** the title above it as written (2024年度项目支出绩效自评表), when there is one */
  title: string | null;
  /** the scheme whose form it is */
  scheme: string;
  regions: Region[];
}

/** One row of a 2013-style 评分表. */
export interface ScoringRow {
  /** the dept-2013 indicator it is, matched by its 三级指标 name; null for a row the scheme does not have */
  indicator: string | null;
  level1: string;
  level2: string;
  name: Located;
  /** 二级指标 分值, on the row where it is written */
  level2Weight: LocatedNumber | null;
  weight: LocatedNumber | null;
  criteria: string;
  /** the 评价得分 text (calculation and score), or the 计算过程/评分依据 column */
  text: Located | null;
  /** the score as typed: its own cell, or the last 得X分 of the text */
  score: LocatedNumber | null;
}

export interface ScoringTable extends TableBase {
  kind: 'scoring-2013';
  rows: ScoringRow[];
  /** the 合计 row's score and 分值 as written */
  total: LocatedNumber | null;
  maxTotal: LocatedNumber | null;
  grade: LocatedGrade | null;
}

/** Each field of a target row as written, by the engine's field names. */
export type TargetRowCells = Partial<Record<'level1' | 'level2' | 'name' | 'sense' | 'target' | 'unit' | 'actual' | 'weight' | 'rating' | 'score' | 'deviation', Located>>;

export interface TargetTable extends TableBase {
  kind: 'target';
  scheme: 'project-2020' | 'dept-2020';
  dept: Located | null;
  project: Located | null;
  year: number | null;
  /** the funds block's amounts, 分值, 执行率 and 得分 as written */
  funds: Partial<Record<'initial' | 'full' | 'spent' | 'weight' | 'rate' | 'score', Located>>;
  /** the indicator rows, one per grid row after the header (placeholder rows included, as the engine skips them) */
  rows: TargetRowCells[];
  total: LocatedNumber | null;
  maxTotal: LocatedNumber | null;
  grade: LocatedGrade | null;
  /** the engine's --inputs JSON for the form: funds, identity and in_indicators rows in its field order */
  inputs: Record<string, RawValue | Record<string, RawValue>[]>;
  /** the cell of each scalar input in `inputs` */
  cells: Record<string, string>;
}

/** The 部门整体支出绩效评价基础数据表. */
export interface BasicDataTable extends TableBase {
  kind: 'basic-data';
  scheme: 'dept-2020';
  /** dept-2020 inputs it fills (in_staff_quota, in_sangong_prev …, in_project_lines) */
  inputs: Record<string, RawValue | Record<string, RawValue>[]>;
  cells: Record<string, string>;
  /** rates typed in it (控制率, 规模控制率, 投资概算控制率), by the engine's figure id, with the value as stored */
  rates: Record<string, Located & { raw: RawValue }>;
}

/** A 综合评价报告表 / 基本情况表 holding a 自我评价结论. */
export interface SummaryTable extends TableBase {
  kind: 'summary';
  dept: Located | null;
  year: number | null;
  conclusion: Located | null;
  /** a total and a grade the conclusion states */
  total: LocatedNumber | null;
  grade: LocatedGrade | null;
  /** the scheme's text inputs written beside their label (单位负责人, 支出情况分析, 存在的问题 …), by input name */
  fields: Record<string, Located>;
}

export type StatedTable = ScoringTable | TargetTable | BasicDataTable | SummaryTable;

/** A table (a sheet, a Word table) in which no standard table was found, and why. */
export interface Unplaced {
  grid: string;
  range: string;
  /** why, in Chinese: 未找到标准表格的表头 / 有“三级指标”“分值”，但没有“年度指标值”“实际完成值”或“评价标准” */
  reason: string;
}
