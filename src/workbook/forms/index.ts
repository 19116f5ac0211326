/**
 * The forms a workbook holds — one for dept-2013 and dept-2020, one per project sheet for project-2020 — read,
 * scored and written through the package layer. The template builders (./template) load exceljs: import them
 * with import() where start-up matters.
 */
export { FormsFile, scoreForms } from './file';
export type { ScoredForm } from './file';
export { formsSpecOf, withProblems } from './spec';
export { formWrite, formsValues, formsSyncRecord, formsWriteBack } from './write';
export type { FormRead, FormWrite, FormsWriteBack, FormsSpec } from '../package/forms';
export type { AddFormOptions, AddedForm } from './add';
