export { planTemplate, nameLocations, outputHomes, schemeNames, formulaDerivations, sheetOf, repeatedSheet, resultsColumn, formSheetName } from './plan';
export {
  sheetRenderers,
  renderSheet,
  surveyInput,
  surveyRowFormula,
  INCOMPLETE,
  prefills,
  gradeBands,
  DEFAULT_UNIT,
  NOT_SCORED,
  targetGrid,
  unitCaption,
  sumFormula,
  formNameFormula,
  formSumFormula,
  sheetName,
} from './kinds';
export type { KindContext, SheetRenderer, TargetGrid, PrintedColumn } from './kinds';
export { STYLES, INPUT_FILL, OUTPUT_FILL, RATE_FORMAT } from './styles';
export { showName, PROTECTION, ROW_PROTECTION } from './page';
export { corners, displayWidth, linesFor, heightFor } from './geometry';
export type * from './types';
