import type { Evaluation, Finding, RawValue } from '../../engine';

/** What the export starts from: the raw inputs as read from the officer's workbook, and their evaluation. */
export interface SubmissionSource {
  /** input name → the value as typed (a survey grid as rows of answers) */
  values: Record<string, RawValue>;
  /** the evaluation of those values, with any reading problems (missing names) among its issues */
  evaluation: Evaluation;
}

export interface SubmissionOptions {
  /** true once the officer has confirmed exporting despite error findings; the file then says it is incomplete */
  allowErrors: boolean;
}

/** The 报送版 workbook. */
export interface Submission {
  kind: 'submission';
  /** the .xlsx file */
  bytes: Uint8Array;
  /** {部门名称}{年度}年度部门整体支出绩效自评表.xlsx, safe on Windows */
  fileName: string;
  /** true when exported despite error findings (allowErrors); the 基本情况表 and every page header say so */
  incomplete: boolean;
  /** the error findings the file was exported with (empty unless incomplete) */
  errors: Finding[];
}

/** Nothing exported: these error findings must be fixed, or the export confirmed with allowErrors. */
export interface BlockedExport {
  kind: 'blocked';
  blocking: Finding[];
}

export type ExportResult = Submission | BlockedExport;
