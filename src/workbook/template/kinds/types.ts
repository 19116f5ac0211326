import type { Scheme, SheetSpec } from '../../../engine';
import type { FormOptions, PlanName, PlanOptions, SheetKindId, SheetPlan } from '../types';

/** What a sheet renderer is given besides its parameters: the scheme, the options and where it stands. */
export interface KindContext {
  scheme: Scheme;
  options: PlanOptions;
  /** where the sheet's defined names are collected (for the whole plan) */
  names: PlanName[];
  /** the sheet's name (for a repeated sheet, this form's) */
  sheet: string;
  /** a repeated sheet's names are its own (sheet-scoped): the sheet they belong to */
  scope?: string;
  /** the form this sheet belongs to (0-based; 0 for a workbook-wide form) */
  form: number;
  formOptions: FormOptions;
  /** the sheets of the workbook's forms, in order (what a summary of several forms lists) */
  formSheets: string[];
}

/** Draws one sheet of a kind into a plan: cells, styles, merges, names, validation, protection, print setup. */
export type SheetRenderer<K extends SheetKindId> = (params: Extract<SheetSpec, { kind: K }>, ctx: KindContext) => SheetPlan;
