/**
 * The workbook in a plain browser (the standalone page): a local .xlsx read and written back by the package
 * layer (in a Web Worker) behind the pane's PaneSession. Nothing here imports exceljs statically: FileSession
 * loads it with import() only to make a template.
 */
export { FileSession, loadXlsx } from './fileSession';
export { inThreadJobs, runJob } from './packageJobs';
export type { JobResults, Opened, PackageJob, PackageJobs, SchemeSpec } from './packageJobs';
export { workerJobs } from './workerJobs';
export type { WorkerJobsOptions, WorkerLike } from './workerJobs';
export type { FieldTarget, FileSessionOptions, FileSnapshot, FileStatus } from './fileSession';
export { cellValueOf, cellValuesOf, formValueOf, formValuesOf, isBlank, numberText } from './formValues';
export type { FormValue, FormValues } from './formValues';
export { DraftStore, draftKey, browserStorage, DRAFT_PREFIX } from './drafts';
export type { Draft, DraftForm } from './drafts';
export { indexedDbBytesStore, noBytesStore } from './bytesStore';
export type { BytesStore } from './bytesStore';
export { saveBytes, readBlob, xlsxName, XLSX_MIME } from './download';
export { readSyncRecord, writeSyncRecord } from '../xlsx/syncRecord';
