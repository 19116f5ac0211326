import type { TemplateOptions } from '../types';

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
  | 'legendOutput'
  | 'outputRate'
  | 'rowText'
  | 'rowNumber'
  | 'rowChoice'
  | 'rowOutput'
  | 'rowOutputText';

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
  | { kind: 'surveyCount' }
  /** the sum of the numbers some inputs hold; "" while none does (a subtotal line of the 基础数据表) */
  | { kind: 'sum'; names: string[] }
  /** a caption with the money unit in brackets: 项目资金（万元）, the unit a name holds or `fallback` */
  | { kind: 'caption'; text: string; name: string; fallback: string }
  /**
   * the value of a name of the form on another sheet (项目自评汇总 showing each project's total): the formula
   * names that sheet, so the result follows it whatever the sheet is called now; blank → ""
   */
  | { kind: 'formName'; sheet: string; name: string }
  /** the sum of the numbers one name holds on several form sheets (the 合计 row of 项目自评汇总) */
  | { kind: 'formSum'; sheets: string[]; name: string };

export interface PlanCell {
  address: string;
  style: StyleKey;
  /**
   * the value; with a formula, the result to cache until the workbook is recalculated (dates and true/false
   * only in a plan filled with what an officer typed: the 报送版)
   */
  value?: string | number | boolean | Date;
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
  | { type: 'any' }
  /**
   * nothing may be typed (text length 0, with a stop alert): for output cells that must stay unlocked because
   * they lie in rows the officer inserts and deletes; programs still write them (validation checks typing only)
   */
  | { type: 'refuse' };

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

/**
 * What a sheet is for: dept-2013's summary (基本情况表), scoring (评分表) and survey (满意度调查); a target form
 * (项目支出绩效自评表, 部门整体支出绩效自评表), a data form (基础数据表), or the summary of several forms (项目自评汇总).
 */
export type SheetRole = 'summary' | 'scoring' | 'survey' | 'form' | 'data' | 'forms';

/** The sheet kinds of a scheme's layout (the engine's registry), each drawn by a renderer of kinds/. */
export type SheetKindId = 'input_form' | 'indicator_table' | 'survey_grid' | 'target_form' | 'data_form' | 'forms_summary';

/** Whole rows from `first` to `last`, unlocked: the rows of a table the officer extends and shortens. */
export interface RowBand {
  first: number;
  last: number;
}

export interface SheetPlan {
  name: string;
  kind: SheetKindId;
  role: SheetRole;
  /** the form (0-based) a sheet of one form among several belongs to; absent for sheets of the workbook */
  form?: number;
  /** column letter → width in characters */
  columns: { column: string; width: number }[];
  /** row → height in points (rows not listed keep the default) */
  rows: { row: number; height: number }[];
  cells: PlanCell[];
  /** ranges; a merged range takes the style of its top-left cell */
  merges: string[];
  validations: PlanValidation[];
  /** the input ranges (merged ones whole): with the row bands, the only unlocked cells */
  unlocked: string[];
  /**
   * Tables whose rows the officer inserts and deletes: each row unlocked whole (its row format and every cell),
   * since Excel deletes a row of a protected sheet only when all of its cells are unlocked. Outputs in these rows
   * are kept from typing by a `refuse` validation instead of locking.
   */
  rowBands: RowBand[];
  /** columns hidden from view and print (the 报送版 keeps the typed table there for re-scoring) */
  hiddenColumns: string[];
  /** rows hidden from view and print (the 报送版's lines the national form does not print) */
  hiddenRows: number[];
  protection: ProtectionPlan;
  print: PrintPlan;
  /** rows/columns frozen at the top/left */
  freeze: { rows: number; columns: number };
}

/** A defined name: workbook-wide, or the own name of one sheet (one form of several, each on its sheet). */
export interface PlanName {
  name: string;
  /** the sheet whose own name this is (sheet-scoped, localSheetId); absent for a workbook-wide name */
  scope?: string;
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
 * The very hidden, unprotected sheet holding every single-cell output value: row 1 a header, then one row per
 * output in the order of outputNames(): A the name, B its value (what the name points at) — or, for a scheme
 * with one form per sheet, one column per form from B.
 */
export interface ResultsPlan {
  name: string;
  columns: { column: string; width: number }[];
  cells: PlanCell[];
}

/** One form of a plan: where its sheet-scoped names live (null: workbook-wide) and its column on the results sheet. */
export interface PlanForm {
  sheet: string | null;
  resultsColumn: string;
}

export interface TemplatePlan {
  scheme: string;
  version: string;
  font: string;
  styles: Record<StyleKey, CellStyle>;
  /** the visible sheets in the layout's order (dept-2013: summary, scoring, survey), a repeated sheet once per form */
  sheets: SheetPlan[];
  /** the outputs' own sheet, after the visible ones */
  results: ResultsPlan;
  names: PlanName[];
  /** the forms the workbook holds: one workbook-wide, or one per repeated sheet */
  forms: PlanForm[];
}

/** What a template is made with, beyond the scheme: the prefills of TemplateOptions, and the forms. */
export interface PlanOptions extends TemplateOptions {
  /**
   * One entry per form for a scheme with one form per sheet (default: one form); for the others, the entry of
   * the one form (its table sizes).
   */
  forms?: FormOptions[];
  /**
   * The 报送版's layout: target forms print the national columns (指标性质 and 度量单位 folded into 年度指标值),
   * keeping the typed table in hidden columns so the file can be re-scored; the unit's check lines are hidden.
   */
  submitted?: boolean;
}

export interface FormOptions {
  /** the form sheet's name (default: the layout's, numbered when there are several) */
  sheet?: string;
  /**
   * rows laid out per table input, blank, instead of the standard pre-laid rows (a template filled from data
   * holds exactly as many rows as the data, plus the layout's spare rows)
   */
  rows?: Record<string, number>;
}
