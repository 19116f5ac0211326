import type { Evaluation, Scheme } from '../engine';
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
  /** Selects a cell such as 基本情况表!D8 so the officer can fix it. */
  select(cell: string): Promise<void>;
  /** Called after every recompute the session starts by itself (an input changed). Returns unsubscribe. */
  subscribe(listener: (result: RecomputeResult) => void): () => void;
}
