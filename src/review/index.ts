/**
 * The finance bureau's review (审核): each file identified, read, rescored and compared with what it shows and
 * with its sync record (reviewFile, pure over bytes), then the checks across the batch (reviewBatch). The command
 * (`jixiao check`) and the page's 审核 mode both use it; the summary workbook is in ./summaryWorkbook (exceljs:
 * load it with import()).
 */
export { reviewFile, reviewSchemes, identityKey } from './review';
export { reviewBatch, summaryOf } from './batch';
export { verdictOf } from './verdict';
export type * from './types';
