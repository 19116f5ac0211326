import type { SheetSpec } from '../../../engine';
import type { SheetPlan } from '../types';
import { dataForm } from './dataForm';
import { formsSummary } from './formsSummary';
import { indicatorTable } from './indicatorTable';
import { inputForm } from './inputForm';
import { surveyGrid } from './surveyGrid';
import { targetForm } from './targetForm';
import type { KindContext, SheetRenderer } from './types';

/**
 * The renderers of the sheet kinds, by kind: what each of the engine's sheet kinds (engine/sheets) looks like
 * in a workbook. A scheme's layout is drawn sheet by sheet through this registry.
 */
export const sheetRenderers: { [K in SheetSpec['kind']]: SheetRenderer<K> } = {
  input_form: inputForm,
  indicator_table: indicatorTable,
  survey_grid: surveyGrid,
  target_form: targetForm,
  data_form: dataForm,
  forms_summary: formsSummary,
};

/** One sheet of a layout, drawn by the renderer of its kind. */
export function renderSheet(spec: SheetSpec, ctx: KindContext): SheetPlan {
  return (sheetRenderers[spec.kind] as SheetRenderer<typeof spec.kind>)(spec as never, ctx);
}

export type { KindContext, SheetRenderer } from './types';
export { targetGrid, unitCaption } from './targetForm';
export type { TargetGrid, PrintedColumn } from './targetForm';
export { sumFormula } from './dataForm';
export { formNameFormula, formSumFormula, sheetName } from './formsSummary';
export { prefills, gradeBands, DEFAULT_UNIT, NOT_SCORED } from './common';
export { surveyInput, surveyRowFormula, INCOMPLETE } from './surveyGrid';
