export * from './types';
export { Decimal, round2, plain, percent } from './decimal';
export { loadScheme, SchemeError } from './scheme';
export type { Scheme, SchemeInput, SchemeIndicator, SchemeTable, SchemeFigure, SchemeLayout, TableField, InputKind, TargetsSpec } from './scheme';
export {
  getScheme,
  schemeIds,
  allSchemeIds,
  DEFAULT_SCHEME,
  shippedLibrary,
  shippedSchemeData,
  resolvedShipped,
  checkSchemeData,
  schemeFromData,
  resolvedScheme,
} from './schemes';
export * from './overrides';
export { evaluate, gradeOf, scoreText } from './evaluate';
export { toJson, formsJson, hasErrors } from './report';
export type { EvaluationJson, FormsJson } from './report';
export { namedOutputs } from './outputs';
export type { OutputCell } from './outputs';
export { inputsFromJson } from './json';
export { foldedTarget } from './targets/fold';
export { columnIndex, columnLetters, offsetCell, cellText } from './cells';
export { ruleKinds } from './rules';
export { sheetKinds } from './sheets';
export type {
  SheetSpec,
  SheetKind,
  InputFormSheet,
  IndicatorTableSheet,
  SurveyGridSheet,
  TargetFormSheet,
  DataFormSheet,
  FormsSummarySheet,
  DataCell,
  DataLine,
  Labelled,
} from './sheets';
export { statusLine } from './status';
