import type { Decimal } from './decimal';

/** What a cell (or a JSON field) may hold before parsing. */
export type RawValue = string | number | boolean | Date | null | undefined | RawValue[];

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
  values: Record<string, RawValue>;
  /** cell of each input, when the values come from a workbook; names the cell in messages */
  cells?: Record<string, CellRef>;
}

export interface SurveyTally {
  /** questionnaires that count (complete rows) */
  count: number;
  points: Decimal;
}

/** A parsed input value: numbers are Decimal, yes/no are booleans. */
export type InputValue = Decimal | boolean | string | SurveyTally;

export type InputState = 'blank' | 'ok' | 'invalid';

export interface ParsedInput {
  state: InputState;
  value?: InputValue;
}

export type IndicatorStatus = 'ok' | 'not_applicable' | 'missing' | 'invalid';

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
  indicators: IndicatorResult[];
  issues: Finding[];
  inputs: Record<string, ParsedInput>;
}
