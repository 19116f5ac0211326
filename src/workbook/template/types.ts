/**
 * A renderer-neutral description of the template sheets: what exceljs (xlsx/) and Office.js (office/)
 * both draw. Addresses are A1-style without `$` ("D8", "C4:L33"); formulas have no leading "=".
 */

/** Every look a cell can have; the plan's `styles` says what each means. */
export type StyleKey =
  | 'title'
  | 'subtitle'
  | 'note'
  | 'section'
  | 'header'
  | 'label'
  | 'center'
  | 'text'
  | 'hint'
  | 'total'
  | 'input'
  | 'inputChoice'
  | 'inputText'
  | 'inputDate'
  | 'output'
  | 'outputText'
  | 'legendInput'
  | 'legendOutput';

export interface CellStyle {
  /** points; the font name is the plan's `font` */
  size: number;
  bold?: boolean;
  /** RGB hex, e.g. "595959" */
  color?: string;
  /** solid fill, RGB hex */
  fill?: string;
  horizontal: 'general' | 'left' | 'center' | 'right';
  vertical: 'top' | 'middle';
  wrap: boolean;
  /** extra indent of the text, in levels */
  indent?: number;
  /** thin border on all four sides (of every cell of a merged range) */
  border: boolean;
  /** false only for the cells an officer fills in */
  locked: boolean;
  /** Excel number format; absent = General */
  numFmt?: string;
}

/**
 * What a formula computes, so that an adapter that cannot recalculate (exceljs) can store the right
 * cached result for viewers that show cached results (LibreOffice, previewers).
 */
export type Derive =
  /** the value of a defined name (an output, or an input shown elsewhere); blank → "" */
  | { kind: 'name'; name: string }
  /** one questionnaire's points: "" if the row is blank, 未答完 if incomplete; `row` is 0-based in the grid */
  | { kind: 'surveyRow'; row: number }
  /** the points of all complete questionnaires */
  | { kind: 'surveyPoints' }
  /** how many questionnaires are complete */
  | { kind: 'surveyCount' };

export interface PlanCell {
  address: string;
  style: StyleKey;
  /** the value; with a formula, the result to cache until the workbook is recalculated */
  value?: string | number;
  /** without "="; Office.js needs it prefixed */
  formula?: string;
  /** what the formula computes (every formula cell has one) */
  derive?: Derive;
}

export type ValidationRule =
  | { type: 'list'; values: string[] }
  | { type: 'whole' | 'decimal'; min?: number; max?: number }
  /** ISO dates, inclusive */
  | { type: 'date'; min: string; max: string }
  /** no restriction: only the input prompt */
  | { type: 'any' };

export interface PlanValidation {
  range: string;
  rule: ValidationRule;
  /** Excel limits: title ≤ 32 characters, text ≤ 255 */
  prompt: { title: string; text: string };
  error: { title: string; text: string };
  /** warning: the officer may keep a value such as “17人”, which the engine reads */
  errorStyle: 'warning' | 'stop' | 'information';
  allowBlank: boolean;
}

/** Sheet protection without a password: only what is listed is allowed. */
export interface ProtectionPlan {
  selectLockedCells: boolean;
  selectUnlockedCells: boolean;
  formatCells: boolean;
  formatColumns: boolean;
  formatRows: boolean;
  insertRows: boolean;
  deleteRows: boolean;
}

export interface PrintPlan {
  /** 9 = A4 in both the OOXML paperSize and Excel's xlPaperA4 */
  paperSize: 9;
  orientation: 'portrait' | 'landscape';
  fitToWidth: number;
  /** 0 = as many pages as needed */
  fitToHeight: number;
  /** e.g. "A1:H25" */
  area: string;
  /** rows repeated on every page, e.g. "1:3" */
  titleRows: string;
  /** inches */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  centerHorizontally: boolean;
  /** Excel header/footer codes (&P page, &N pages) */
  footer: string;
}

export type SheetRole = 'summary' | 'scoring' | 'survey';

export interface SheetPlan {
  name: string;
  role: SheetRole;
  /** column letter → width in characters */
  columns: { column: string; width: number }[];
  /** row → height in points (rows not listed keep the default) */
  rows: { row: number; height: number }[];
  cells: PlanCell[];
  /** ranges; a merged range takes the style of its top-left cell */
  merges: string[];
  validations: PlanValidation[];
  /** the input ranges (merged ones whole): the only unlocked cells */
  unlocked: string[];
  protection: ProtectionPlan;
  print: PrintPlan;
  /** rows/columns frozen at the top/left */
  freeze: { rows: number; columns: number };
}

/** A workbook-scoped defined name. */
export interface PlanName {
  name: string;
  /** an input's sheet; for an output, the results sheet (jixiao_out) */
  sheet: string;
  /** "D8" or "C4:L33" */
  range: string;
  role: 'input' | 'output';
  /**
   * An output's home on a visible sheet: the locked cell whose formula shows it (评分表!H4 for text_goal_fit),
   * and where the 报送版 — values only, no helper sheet — defines the name.
   */
  shownAt?: { sheet: string; range: string };
}

/**
 * The very hidden, unprotected sheet holding every output value: row 1 a header, then one row per output in
 * the order of outputNames(): A the name, B its value (what the name points at).
 */
export interface ResultsPlan {
  name: string;
  columns: { column: string; width: number }[];
  cells: PlanCell[];
}

export interface TemplatePlan {
  scheme: string;
  version: string;
  font: string;
  styles: Record<StyleKey, CellStyle>;
  /** summary, scoring, survey — in that order */
  sheets: SheetPlan[];
  /** the outputs' own sheet, after the visible ones */
  results: ResultsPlan;
  names: PlanName[];
}
