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

/** The file name for a source: the name and year as the engine read them, else as typed. */
export function submissionFileNameOf(scheme: Scheme, source: SubmissionSource): string {
  const { evaluation, values } = source;
  const rawDept = values[scheme.identity.dept];
  const rawYear = values[scheme.identity.year];
  const dept = evaluation.dept ?? (typeof rawDept === 'string' || typeof rawDept === 'number' ? String(rawDept) : null);
  const year = evaluation.year ?? (typeof rawYear === 'string' && /^\s*\d{4}\s*年?度?\s*$/.test(rawYear) ? rawYear.trim() : null);
  return submissionFileName(dept, year);
}
