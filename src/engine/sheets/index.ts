import { dataForm } from './dataForm';
import { formsSummary } from './formsSummary';
import { indicatorTable } from './indicatorTable';
import { inputForm } from './inputForm';
import { surveyGrid } from './surveyGrid';
import { targetForm } from './targetForm';
import type { SheetKind } from './types';

/** The sheet kinds a scheme's layout may use, by the `kind` written in its JSON. */
export const sheetKinds: Record<string, SheetKind<never>> = {
  input_form: inputForm,
  indicator_table: indicatorTable,
  survey_grid: surveyGrid,
  target_form: targetForm,
  data_form: dataForm,
  forms_summary: formsSummary,
} as unknown as Record<string, SheetKind<never>>;

type ParamsOf<K> = K extends SheetKind<infer P> ? P : never;

export type InputFormSheet = ParamsOf<typeof inputForm>;
export type IndicatorTableSheet = ParamsOf<typeof indicatorTable>;
export type SurveyGridSheet = ParamsOf<typeof surveyGrid>;
export type TargetFormSheet = ParamsOf<typeof targetForm>;
export type DataFormSheet = ParamsOf<typeof dataForm>;
export type FormsSummarySheet = ParamsOf<typeof formsSummary>;
/** One sheet of a scheme's layout, by its kind. */
export type SheetSpec = InputFormSheet | IndicatorTableSheet | SurveyGridSheet | TargetFormSheet | DataFormSheet | FormsSummarySheet;

export type { SheetKind, SheetScope, Labelled } from './types';
export type { DataCell, DataLine } from './dataForm';
