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
import type { FormSource } from './forms';
import type { ExportResult, SubmissionOptions, SubmissionSource } from './types';

export { checkBeforeExport, incompleteNotice } from './check';
export { submissionFileName, safeFileNamePart, SUBMISSION_TITLE } from './fileName';
export type * from './types';
export type { FormSource } from './forms';

/**
 * The 报送版 of a scored workbook, or the error findings that block it. With allowErrors (the officer
 * confirmed) a workbook with errors is exported all the same and says on its 基本情况表 that it is incomplete.
 */
export async function buildSubmission(scheme: Scheme, source: SubmissionSource, options: SubmissionOptions): Promise<ExportResult> {
  if (scheme.targets) return buildFormsSubmission(scheme, [{ sheet: null, ...source }], options);
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

/**
 * The 报送版 of a target-table workbook (project-2020, dept-2020) — one form, or one per project sheet — or the
 * error findings that block it (each prefixed with its sheet when there are several forms). The national printed
 * layout, values only, locked, names kept (a project's its sheet's own); see ./forms.
 */
export async function buildFormsSubmission(scheme: Scheme, forms: FormSource[], options: SubmissionOptions): Promise<ExportResult> {
  if (!forms.length) throw new Error('没有可导出的表');
  for (const f of forms) if (f.evaluation.scheme !== scheme.id) throw new Error(`评分结果属于评分方案 ${f.evaluation.scheme}，不是 ${scheme.id}`);
  const perForm = forms.map((f) => checkBeforeExport(f.evaluation));
  const errors = forms.length > 1 ? perForm.flatMap((list, k) => list.map((e) => ({ ...e, message: `【${forms[k].sheet ?? ''}】${e.message}` }))) : perForm[0];
  if (errors.length && !options.allowErrors) return { kind: 'blocked', blocking: errors };
  const fileName = formsFileName(scheme, forms);
  const { renderFormsSubmission } = await import('./forms');
  const bytes = await renderFormsSubmission(scheme, forms, options.allowErrors ? perForm : forms.map(() => []), fileName.replace(/\.xlsx$/, ''));
  return { kind: 'submission', bytes, fileName, incomplete: errors.length > 0, errors };
}

/**
 * The 报送版's file name for forms: {项目名称}{年度}年度项目支出绩效自评表.xlsx for one project,
 * {主管部门}{年度}年度项目支出绩效自评表.xlsx for several (the unit's name, from the first project giving one);
 * {部门名称}{年度}年度部门整体支出绩效自评表.xlsx for a department's form.
 */
export function formsFileName(scheme: Scheme, forms: FormSource[]): string {
  const project = scheme.identity.project;
  const typed = (f: FormSource, name: string) => {
    const v = f.values[name];
    return typeof v === 'string' || typeof v === 'number' ? String(v).trim() || null : null;
  };
  const who =
    project && forms.length === 1
      ? (forms[0].evaluation.project ?? typed(forms[0], project))
      : (forms.map((f) => f.evaluation.dept ?? typed(f, scheme.identity.dept)).find((d) => d) ?? null);
  const year = forms.map((f) => f.evaluation.year ?? yearInText(f.values[scheme.identity.year])).find((y) => y !== null) ?? null;
  return submissionFileName(who, year, scheme.title);
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
