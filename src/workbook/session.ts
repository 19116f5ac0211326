import type { Evaluation, RawValue, Scheme } from '../engine';
import type { TemplateOptions } from './types';

/** The sheets a template consists of; the officer may leave out the survey sheet. */
export type SheetRole = 'summary' | 'scoring' | 'survey';

export interface InsertOptions extends TemplateOptions {
  sheets: SheetRole[];
}

export interface InsertReport {
  /** sheet names actually used (a suffix is added when a sheet of that name exists and is not ours) */
  sheets: Partial<Record<SheetRole, string>>;
  /** true when the workbook already held our sheets and the session resumed on them */
  resumed: boolean;
}

export type RecomputeReason = 'open' | 'change' | 'manual' | 'focus' | 'insert';

export interface RecomputeResult {
  evaluation: Evaluation;
  reason: RecomputeReason;
  /** input names whose values differ from the last sync recorded in the workbook (on open/focus/manual) */
  changedSinceSync: string[];
  /** how many output cells were written (0 when nothing changed) */
  written: number;
}

/**
 * The workbook as it stands: its scheme, every input as typed (a survey grid as rows of answers) and their
 * evaluation, with any reading problems (a lost defined name) among its issues. What a 报送版 is built from.
 */
export interface CurrentInputs {
  scheme: Scheme;
  values: Record<string, RawValue>;
  evaluation: Evaluation;
}

/**
 * What the task pane needs from wherever the workbook lives: Excel through Office.js, or an .xlsx file
 * opened in the browser. The pane talks only to this and to the engine.
 */
export interface PaneSession {
  /** The scheme whose templates the workbook holds, or null when it holds none. */
  detect(): Promise<Scheme | null>;
  insertTemplate(
    scheme: Scheme,
    options: InsertOptions,
    progress: (step: string, fraction: number) => void,
  ): Promise<InsertReport>;
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
  /** Whether the pane opens by itself with this workbook (where the host has such a setting). */
  autoOpen?(): Promise<boolean>;
  /** Turns that on or off for this workbook. */
  setAutoOpen?(on: boolean): Promise<void>;
}
