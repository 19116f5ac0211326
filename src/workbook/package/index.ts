/**
 * The .xlsx package layer: open a file's bytes with hard bounds, read defined names as scalars or ranges,
 * and write back by patching only the cells and parts jixiao owns. No exceljs here: the CLI, the standalone
 * page's worker and the review of many files all use it.
 */
export { PackageError } from './errors';
export type { PackageErrorKind } from './errors';
export { DEFAULT_LIMITS } from './limits';
export type { PackageLimits } from './limits';
export { XlsxPackage } from './package';
export type { CellValue, NamedRange, NameRead, SheetInfo } from './package';
export { patchPackage, MAX_ROW_HEIGHT } from './patch';
export type { CellWrite, EnsuredSheet, PatchOptions, SheetWrites } from './patch';
export type { Area } from './refs';
export { PackageWorkbook, detectSchemeOf, outputConflict, readInputsOf, readSyncRecordOf, writeBack } from './workbook';
export type { WriteBack } from './workbook';
export { detectFormsScheme, formOutputConflict, formSheetsOf, readForm, readForms, writeForms } from './forms';
export type { FormRead, FormsSpec, FormsWriteBack, FormWrite } from './forms';
export type { NameEdit } from './definedNames';
export { areaFormula } from './refs';
export { graftSheets } from './graft';
export type { GraftOptions, GraftSheet } from './graft';
export { carriedSchemeOf, readEmbeddedScheme, schemeCarried, schemeMismatch, schemeOfWorkbook } from './embeddedScheme';
export type { CarriedScheme, EmbeddedScheme, WorkbookScheme } from './embeddedScheme';
