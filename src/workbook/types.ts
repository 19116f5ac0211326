import type { Evaluation, Finding, InputSource, Scheme } from '../engine';

/** What an adapter read from a workbook: the raw input values, where each lives, and what it could not find. */
export interface WorkbookInputs extends InputSource {
  /** e.g. a defined name that was deleted or points at a sheet that is gone */
  problems: Finding[];
}

export type MoneyUnit = '元' | '万元';

export interface TemplateOptions {
  dept?: string;
  year?: number;
  unit?: MoneyUnit;
}

/** A value written into an output cell: a number, a text, or nothing (the cell is cleared). */
export type OutputValue = number | string | null;

/**
 * The one interface the task pane and the CLI use to reach a workbook. Two adapters implement it:
 * office/ (Office.js, inside Excel) and xlsx/ (exceljs: CLI, browser without Office, tests).
 */
export interface WorkbookAdapter {
  /** Adds the scheme's sheets, names, validation, styles and print setup. */
  insertTemplate(scheme: Scheme, options: TemplateOptions): Promise<void>;
  /** Reads every input of the scheme through its defined names. */
  readInputs(scheme: Scheme): Promise<WorkbookInputs>;
  /** Writes every output (scores, texts, total, grade, status); never touches an input cell. */
  writeOutputs(scheme: Scheme, evaluation: Evaluation): Promise<void>;
}
