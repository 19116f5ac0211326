import type { Evaluation, RawValue, Scheme } from '../engine';
import type { TemplateOptions } from './types';

/** The sheets a template consists of; the officer may leave out the survey sheet. */
export type SheetRole = 'summary' | 'scoring' | 'survey';

export interface InsertOptions extends TemplateOptions {
  /** dept-2013: which of its sheets to add (the officer may leave out the survey); ignored by other schemes */
  sheets: SheetRole[];
  /** project-2020: how many project sheets to add (default 1, at most MAX_PROJECTS) */
  projects?: number;
}

/** The most projects one insert adds (each is a sheet of its own). */
export const MAX_PROJECTS = 50;

/**
 * One form of the workbook as scored: dept-2013 and dept-2020 have one; project-2020 one per project sheet
 * (plus the 项目自评汇总 the session keeps up to date, which is not a form).
 */
export interface FormResult {
  /** the sheet holding the form's own names, or null for a workbook-wide form */
  sheet: string | null;
  /** what the officer calls it: the project's name as typed, else the sheet's name, else the scheme's title */
  title: string;
  evaluation: Evaluation;
}

export interface InsertReport {
  /** sheet names actually used (a suffix is added when a sheet of that name exists and is not ours) */
  sheets: Partial<Record<SheetRole, string>>;
  /** true when the workbook already held our sheets and the session resumed on them */
  resumed: boolean;
}

export type RecomputeReason = 'open' | 'change' | 'manual' | 'focus' | 'insert';

export interface RecomputeResult {
  /** the workbook's first (for most schemes its only) form */
  evaluation: Evaluation;
  /** every form in the workbook's sheet order; [the one form] for a workbook-wide scheme */
  forms: FormResult[];
  reason: RecomputeReason;
  /** input names whose values differ from the last sync recorded in the workbook (on open/focus/manual) */
  changedSinceSync: string[];
  /** how many output cells were written (0 when nothing changed) */
  written: number;
  /**
   * Set when the workbook was made by an earlier version, which kept the outputs in locked cells of
   * protected sheets: what this recompute did about it. The pane shows `message` to the officer.
   */
  layout?: LayoutReport;
}

/**
 * A workbook of the earlier layout and its upgrade to the current one (outputs on the very hidden results
 * sheet, shown by formulas), which unprotects each protected sheet once and so clears Excel's undo history
 * once. It happens only in a recompute the officer starts (opening the pane, 同步, inserting), never in one
 * started by a change.
 */
export interface LayoutReport {
  /**
   * upgraded: done in this recompute; pending: left for the next recompute the officer starts, and the
   * outputs on protected sheets were not written; blocked: could not be done (structure protected, a sheet
   * with a password …) — `message` says what to do.
   */
  state: 'upgraded' | 'pending' | 'blocked';
  /** for the officer, in Chinese */
  message: string;
  /** the visible sheets that held outputs */
  sheets: string[];
}

/**
 * The workbook as it stands: its scheme, every input as typed (a survey grid as rows of answers) and their
 * evaluation, with any reading problems (a lost defined name) among its issues. What a 报送版 is built from.
 */
export interface CurrentInputs {
  scheme: Scheme;
  /** the first form's inputs as typed (tables as rows of records) */
  values: Record<string, RawValue>;
  evaluation: Evaluation;
  /** every form with its inputs as typed; [the one form] for a workbook-wide scheme */
  forms: (FormResult & { values: Record<string, RawValue> })[];
}

/**
 * What the task pane needs from wherever the workbook lives: Excel through Office.js, or an .xlsx file
 * opened in the browser. The pane talks only to this and to the engine.
 */
export interface PaneSession {
  /** The scheme whose templates the workbook holds, or null when it holds none. */
  detect(): Promise<Scheme | null>;
  /** Adds the template sheets; the pane then calls recompute('insert') to fill the outputs and record the sync. */
  insertTemplate(
    scheme: Scheme,
    options: InsertOptions,
    progress: (step: string, fraction: number) => void,
  ): Promise<InsertReport>;
  /**
   * project-2020: adds one project sheet (a blank form, named `name` or 项目N) before 项目自评汇总 and re-lays the
   * summary to list it; the pane then calls recompute('insert'). Absent for schemes of one form.
   */
  addProject?(name?: string): Promise<{ sheet: string }>;
  /** Reads every input, scores, writes the outputs that changed, records the sync. */
  recompute(reason: RecomputeReason): Promise<RecomputeResult>;
  /**
   * Reads every input and scores them, writing nothing (for the 报送版). Waits for a recompute under way;
   * fails when the workbook holds no template.
   */
  current(): Promise<CurrentInputs>;
  /** Selects a cell such as 基本情况表!D8 so the officer can fix it. */
  select(cell: string): Promise<void>;
  /** Called after every recompute the session starts by itself (an input changed). Returns unsubscribe. */
  subscribe(listener: (result: RecomputeResult) => void): () => void;
  /**
   * Whether the pane opens by itself with this workbook (Office only: the document setting
   * Office.AutoShowTaskpaneWithDocument). Absent where there is no such thing; the pane then shows no switch.
   */
  autoOpen?(): Promise<boolean>;
  /** Turns the pane's auto-open on or off for this workbook; rejects (with a Chinese message) when Office could not save it. */
  setAutoOpen?(on: boolean): Promise<void>;
}

/** The forms of a workbook-wide scheme (one form): its evaluation under the scheme's title. */
export function oneForm(scheme: Scheme, evaluation: Evaluation): FormResult[] {
  return [{ sheet: null, title: scheme.title, evaluation }];
}
