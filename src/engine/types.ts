import type { Decimal } from './decimal';

/** What a cell (or a JSON field) may hold before parsing. */
export type RawValue = string | number | boolean | Date | null | undefined | RawValue[];

/** One row of a table input as the `--inputs` JSON writes it: its cells keyed by field name. */
export interface RawRecord {
  [field: string]: RawValue;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  /** the input names involved */
  inputs: string[];
  /** cell addresses (Sheet!A1) of those inputs, where known, for the pane to select */
  cells?: string[];
  /** the indicator concerned, where there is one */
  indicator?: string;
}

/** Where an input lives in a workbook: its sheet and the top-left cell of its named range. */
export interface CellRef {
  sheet: string;
  /** A1-style address without $ (e.g. "D8") */
  address: string;
}

export interface InputSource {
  /** a table input's value is its rows, each an array of cells in field order (see inputsFromJson for JSON rows) */
  values: Record<string, RawValue>;
  /** cell of each input, when the values come from a workbook; names the cell in messages */
  cells?: Record<string, CellRef>;
}

export interface SurveyTally {
  /** questionnaires that count (complete rows) */
  count: number;
  points: Decimal;
}

/**
 * A table input as read: its rows in field order, each cell as given and as read by its field's kind.
 * Rows keep their place in the table (blank rows included), so that row r is the table's row r.
 */
export interface TableValue {
  raw: RawValue[][];
  cells: ParsedInput[][];
}

/** A parsed input value: numbers are Decimal, yes/no are booleans. */
export type InputValue = Decimal | boolean | string | SurveyTally | TableValue;

export type InputState = 'blank' | 'ok' | 'invalid';

export interface ParsedInput {
  state: InputState;
  value?: InputValue;
}

export type IndicatorStatus = 'ok' | 'not_applicable' | 'missing' | 'invalid';

/** How a target row is scored: 正向 (≥), 反向 (≤), 等于 (=), 定性 (qualitative, by rating). */
export type Sense = '≥' | '≤' | '=' | '定性';

export interface IndicatorResult {
  id: string;
  level1: string;
  level2: string;
  name: string;
  weight: Decimal;
  score: Decimal | null;
  status: IndicatorStatus;
  /** the calculation text written into 评价得分 */
  text: string;
  /** the two-decimal rate in percent, where the rule computes one */
  rate?: Decimal;
  // target-table rows only:
  /** the sense the row was scored by (null when the row could not be read) */
  sense?: Sense | null;
  /** 年度指标值 and 实际完成值 as typed (with the 度量单位 column where it adds to them) */
  target?: string;
  actual?: string;
  /** the row's index in the table input (0-based; blank and placeholder rows counted), where 得分/计算过程 go */
  row?: number;
}

/** A computed figure that is shown, not scored (the 基础数据表's 控制率): its rate in percent and its text. */
export interface FigureResult {
  id: string;
  label: string;
  rate: Decimal | null;
  text: string;
}

/**
 * The column outputs of a target table, parallel to its rows (index r = the table's row r): the score and the
 * calculation text of each scored row, null and '' for blank and placeholder rows, and a note for detail lines.
 */
export interface TableOutputs {
  table: string;
  scores: (Decimal | null)[];
  texts: string[];
}

export interface Evaluation {
  scheme: string;
  schemeVersion: string;
  dept: string | null;
  year: number | null;
  total: Decimal;
  maxTotal: Decimal;
  grade: string | null;
  complete: boolean;
  /** the fixed indicators' results; for a target table its rows (r1, r2 … in table order) */
  indicators: IndicatorResult[];
  issues: Finding[];
  inputs: Record<string, ParsedInput>;
  // target tables only:
  /** the project's name, for schemes whose identity names one (undefined for the others) */
  project?: string | null;
  /** the 预算执行率 line: its rate, score and text (id `exec`, outputs score_exec, text_exec, rate_exec) */
  execution?: IndicatorResult;
  /** the target table's 得分 and 计算过程 columns */
  table?: TableOutputs;
  /** how the total was made up, and any cap applied to it */
  totalText?: string;
  /** computed figures of the scheme (the 基础数据表's rates), shown, not scored */
  figures?: FigureResult[];
}
