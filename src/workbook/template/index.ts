export { planTemplate, nameLocations, schemeNames, formulaDerivations, sheetOf } from './plan';
export { surveyInput, surveyRowFormula, INCOMPLETE } from './survey';
export { prefills, gradeBands, DEFAULT_UNIT } from './summary';
export { STYLES, INPUT_FILL, OUTPUT_FILL } from './styles';
export { corners, displayWidth, linesFor, heightFor } from './geometry';
export type * from './types';
