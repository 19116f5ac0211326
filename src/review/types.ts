/**
 * The review's results as the `jixiao check --json` contract gives them (spec/cli.md), plus what the batch
 * checks need of each form (kept out of the JSON).
 */
import type { Severity } from '../engine';

export type Verdict = 'pass' | 'fix' | 'verify';
export type FileStatus = 'reviewed' | 'unreadable' | 'not_ours';
export type FileKind = 'working' | 'submission' | 'handmade';

export interface ReviewIssue {
  severity: Severity;
  code: string;
  message: string;
  cells: string[];
}

export interface ReviewedForm {
  scheme: string;
  dept: string | null;
  project: string | null;
  year: number | null;
  /** the recomputation */
  total: number | null;
  grade: string | null;
  /** what the file itself displays (null where it shows none) */
  shown: { total: number | null; grade: string | null };
  verdict: Verdict;
  issues: ReviewIssue[];
}

export interface FileReview {
  file: string;
  status: FileStatus;
  kind?: FileKind;
  /** why the file could not be reviewed, or why it is not ours (Chinese) */
  reason?: string;
  forms: ReviewedForm[];
}

/** What the batch checks need of one form, beside its review: never printed. */
export interface FormKeys {
  /** the form's sheet (null for a workbook-wide form) */
  sheet: string | null;
  /** unit and project as compared across files: spaces dropped */
  unit: string | null;
  project: string | null;
  /** a fingerprint of the form's inputs without its identity (unit, project, year), or null when it holds none */
  inputs: string | null;
  /** the cell of the unit's name, for the batch findings */
  unitCell: string | null;
}

/** One file's review with the keys of its forms (same order as review.forms). */
export interface FileResult {
  review: FileReview;
  keys: FormKeys[];
}

export interface ReviewSummary {
  files: number;
  forms: number;
  pass: number;
  fix: number;
  verify: number;
  unreadable: number;
  not_ours: number;
}

export interface BatchReview {
  files: FileReview[];
  summary: ReviewSummary;
}

/** What the review is asked to check against. */
export interface ReviewOptions {
  /** --year: forms of another year get year_mismatch */
  year?: number;
  /** --scheme: its id, version and the scheme itself; forms made with another get scheme_mismatch */
  scheme?: import('../engine').Scheme;
  /** the package layer's limits for one file (size, time) */
  limits?: Partial<import('../workbook/package').PackageLimits>;
}
