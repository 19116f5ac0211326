import type { Evaluation, RawValue, Scheme } from '../../engine';
import { outputPlanOf } from '../formulaResults';
import { outputValues, rowOutputValues } from '../outputs';
import type { FormsWriteBack, FormWrite } from '../package/forms';
import { makeSyncRecord, type SyncRecord } from '../sync';
import { formsSpecOf } from './spec';

/** What is written into one form for its evaluation: its single-cell outputs and its table's column outputs. */
export function formWrite(scheme: Scheme, sheet: string | null, evaluation: Evaluation, fills: Record<string, RawValue> = {}): FormWrite {
  return { sheet, fills, outputs: [...outputValues(scheme, evaluation)], rows: rowOutputValues(scheme, evaluation) };
}

/**
 * The inputs of every form as one record of values: an input's name for the workbook-wide form, and
 * `sheet!name` for a form on a sheet of its own (项目支出绩效自评表2!in_fund_full), so that a sync record says
 * which project's input changed.
 */
export function formsValues(forms: { sheet: string | null; values: Record<string, RawValue> }[]): Record<string, RawValue> {
  const out: Record<string, RawValue> = {};
  for (const form of forms) for (const [name, value] of Object.entries(form.values)) out[form.sheet === null ? name : `${form.sheet}!${name}`] = value;
  return out;
}

/** The sync record of a workbook's forms as read now. */
export function formsSyncRecord(scheme: Scheme, forms: { sheet: string | null; values: Record<string, RawValue> }[], now: Date): SyncRecord {
  return makeSyncRecord(scheme.id, scheme.version, formsValues(forms), now);
}

/** The write-back of a workbook's forms: each form's outputs (and fills), the template's formulas, the sync record. */
export function formsWriteBack(scheme: Scheme, forms: FormWrite[], sync: SyncRecord | null): FormsWriteBack {
  const plan = outputPlanOf(scheme);
  return { spec: formsSpecOf(scheme), forms, textNames: [...plan.textNames], derivations: [...plan.derivations], sync };
}
