/**
 * 报送版: the workbook an officer submits — the three sheets, values only, every cell locked and every sheet
 * protected, print setup and defined names kept — shared by the Office pane, the standalone pane and the CLI.
 *
 * This module does not load exceljs: buildSubmission imports the renderer on first use, so a pane can import
 * it (and checkBeforeExport, submissionFileName) without exceljs in its initial bundle.
 */
import type { Scheme } from '../../engine';
import { checkBeforeExport } from './check';
import { submissionFileName } from './fileName';
import type { ExportResult, SubmissionOptions, SubmissionSource } from './types';

export { checkBeforeExport, incompleteNotice } from './check';
export { submissionFileName, safeFileNamePart, SUBMISSION_TITLE } from './fileName';
export type * from './types';

/**
 * The 报送版 of a scored workbook, or the error findings that block it. With allowErrors (the officer
 * confirmed) a workbook with errors is exported all the same and says on its 基本情况表 that it is incomplete.
 */
export async function buildSubmission(scheme: Scheme, source: SubmissionSource, options: SubmissionOptions): Promise<ExportResult> {
  if (source.evaluation.scheme !== scheme.id) {
    throw new Error(`评分结果属于评分方案 ${source.evaluation.scheme}，不是 ${scheme.id}`);
  }
  const errors = checkBeforeExport(source.evaluation);
  if (errors.length && !options.allowErrors) return { kind: 'blocked', blocking: errors };
  const fileName = submissionFileNameOf(scheme, source);
  const { renderSubmission } = await import('./build');
  const bytes = await renderSubmission(scheme, source, errors, fileName.replace(/\.xlsx$/, ''));
  return { kind: 'submission', bytes, fileName, incomplete: errors.length > 0, errors };
}

/** Digits as an officer may type them in a year: full-width １２, or 二〇二四. */
const DIGIT: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/**
 * The year a value the engine could not read as one still names (2024年度, ２０２４, 二〇二四, 1999 out of range):
 * its first four digits in a row. A year typed wrong is still the year the file is about, and is kept in its name.
 */
export function yearInText(raw: unknown): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const digits = [...String(raw)]
    .map((ch) => DIGIT[ch] ?? (ch >= '０' && ch <= '９' ? String.fromCharCode(ch.charCodeAt(0) - 0xfee0) : ch))
    .join('');
  return /(?<!\d)\d{4}(?!\d)/.exec(digits)?.[0] ?? null;
}

/** The file name for a source: the name and year as the engine read them, else as typed. */
export function submissionFileNameOf(scheme: Scheme, source: SubmissionSource): string {
  const { evaluation, values } = source;
  const rawDept = values[scheme.identity.dept];
  const dept = evaluation.dept ?? (typeof rawDept === 'string' || typeof rawDept === 'number' ? String(rawDept) : null);
  const year = evaluation.year ?? yearInText(values[scheme.identity.year]);
  return submissionFileName(dept, year);
}
