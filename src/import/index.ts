/**
 * Hand-made forms: the standard tables officers typed themselves into Excel, WPS or a Word report, read where they
 * sit, checked (every arithmetic claim, the scores against the rules, totals, grades, weights) and rescored where
 * they state enough.
 *
 * - handmadeOfXlsx(pkg) / handmadeOfDocx(bytes) / handmadeOf(bytes, fileName): a file's report.
 * - gridsOfXlsx / gridsOfDocx: a file's tables as grids of displayed texts with merges.
 * - recogniseGrids(grids): what the file states, table by table (no checks).
 * - checkGrids(grids): the report of any grids.
 */
import { XlsxPackage, type PackageLimits } from '../workbook/package';
import { gridsOfDocx, gridsOfXlsx } from './grid';
import { checkGrids, type HandmadeReport } from './report';

export { claimFindings, findClaims, readExpression } from './claims';
export type { ArithmeticClaim, ClaimOperand, ClaimVerdict } from './claims';
export { GridView, cellName, formatNumber, gridsOfDocx, gridsOfXlsx, rangeName } from './grid';
export type { Grid, GridCell, GridSource, Merge } from './grid';
export { recogniseGrids } from './recognise';
export type {
  BasicDataTable,
  Located,
  LocatedGrade,
  LocatedNumber,
  Recognition,
  Region,
  ScoringRow,
  ScoringTable,
  StatedTable,
  SummaryTable,
  TableKind,
  TargetRowCells,
  TargetTable,
  Unplaced,
} from './recognise';
export { checkGrids, verdictOf } from './report';
export type { HandmadeForm, HandmadeReport, Verdict } from './report';
export type { RowCheck } from './check/target';

/** The report of an .xlsx already opened by the package layer (its visible sheets). */
export function handmadeOfXlsx(pkg: XlsxPackage): HandmadeReport {
  return checkGrids(gridsOfXlsx(pkg));
}

/** The report of a .docx (its tables); PackageError with one Chinese line for a file that is not one. */
export function handmadeOfDocx(bytes: Uint8Array, limits?: Partial<PackageLimits>): HandmadeReport {
  return checkGrids(gridsOfDocx(bytes, limits));
}

/** The file kinds read directly, by extension; others (.xls, .doc, .et, .wps, .ods) go through LibreOffice first (cli/convert). */
export function documentKind(fileName: string): 'xlsx' | 'docx' | null {
  const ext = /\.([^.\\/]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'docx' || ext === 'docm') return 'docx';
  return null;
}

/** The report of an .xlsx or .docx file's bytes, by its name's extension; PackageError when it cannot be read. */
export function handmadeOf(bytes: Uint8Array, fileName: string, limits?: Partial<PackageLimits>): HandmadeReport {
  return documentKind(fileName) === 'docx' ? handmadeOfDocx(bytes, limits) : handmadeOfXlsx(XlsxPackage.open(bytes, limits));
}
