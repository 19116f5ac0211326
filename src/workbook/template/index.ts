export { planTemplate, nameLocations, outputHomes, schemeNames, formulaDerivations, sheetOf } from './plan';
export { surveyInput, surveyRowFormula, INCOMPLETE } from './survey';
export { prefills, gradeBands, DEFAULT_UNIT, NOT_SCORED } from './summary';
export { STYLES, INPUT_FILL, OUTPUT_FILL } from './styles';
export { showName } from './page';
export { corners, displayWidth, linesFor, heightFor } from './geometry';
export type * from './types';
