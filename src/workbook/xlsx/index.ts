export { XlsxWorkbook, detectScheme } from './workbook';
export { buildTemplateWorkbook, renderPlan } from './render';
export { toRaw } from './values';
export { NameIndex, parseRef } from './names';
export type { NamedRange } from './names';
