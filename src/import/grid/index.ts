export type { Grid, GridCell, GridSource, Merge } from './types';
export { GridView, cellName, rangeName } from './types';
export { gridsOfXlsx } from './xlsx';
export { gridsOfDocx, documentXml } from './docx';
export { formatNumber, generalText } from './numberFormat';
