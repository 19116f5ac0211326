/**
 * What the standalone page asks of the package layer, as plain messages: open a file and read a scheme's
 * inputs, or write a workbook back. The same function answers in the page's worker and, where there is no
 * Worker (tests, old browsers), in the page itself.
 */
import type { SchemeInput, SchemeTable } from '../../engine';
import { PackageError, type PackageErrorKind } from '../package/errors';
import { formOutputConflict, readForms, writeForms, type FormRead, type FormsWriteBack } from '../package/forms';
import type { PackageLimits } from '../package/limits';
import { carriedSchemeOf, type CarriedScheme } from '../package/embeddedScheme';
import { asPackageError, XlsxPackage } from '../package/package';
import { detectSchemeOf, outputConflict, readInputsOf, readSyncRecordOf, writeBack, type WriteBack } from '../package/workbook';
import type { SyncRecord } from '../sync';
import type { WorkbookInputs } from '../types';

/** A scheme as the worker needs it: its inputs to read, its outputs to check (a Scheme object does not cross). */
export interface SchemeSpec {
  id: string;
  inputs: SchemeInput[];
  outputs: string[];
  /** a scheme of target tables: where its forms live and its table inputs (read as forms, one per project sheet) */
  formScope?: 'workbook' | 'sheet';
  tables?: SchemeTable[];
}

/** Whether a scheme's workbooks are read as forms (target tables, a form per project sheet) rather than one set of cells. */
export function readsAsForms(spec: { formScope?: string; tables?: readonly unknown[] }): boolean {
  return spec.formScope === 'sheet' || (spec.tables?.length ?? 0) > 0;
}

export interface OpenJob {
  kind: 'open';
  bytes: Uint8Array;
  schemes: SchemeSpec[];
  limits?: Partial<PackageLimits>;
}

export interface WriteJob {
  kind: 'write';
  bytes: Uint8Array;
  writeBack: WriteBack;
  limits?: Partial<PackageLimits>;
}

/** The write-back of a workbook of forms (each project's inputs, outputs and row outputs, the sync record). */
export interface WriteFormsJob {
  kind: 'writeForms';
  bytes: Uint8Array;
  writeBack: FormsWriteBack;
  limits?: Partial<PackageLimits>;
}

export type PackageJob = OpenJob | WriteJob | WriteFormsJob;

/** A file opened: the scheme its names belong to, its inputs, its last sync. */
export interface Opened {
  schemeId: string | null;
  inputs: WorkbookInputs | null;
  sync: SyncRecord | null;
  macroEnabled: boolean;
  /** an output name that points into an input (the message refusing to write outputs), or null */
  conflict: string | null;
  /** for a scheme of target tables, every form as read (a project per sheet), in the workbook's order */
  forms?: FormRead[];
  /** the uncompressed size of the file's XML parts as declared: what rebuilding it through exceljs would take on */
  xmlBytes: number;
  /** the scheme the workbook carries (jixiao_scheme), verified; null when it carries none */
  carried: CarriedScheme | null;
}

export interface JobResults {
  open: Opened;
  write: Uint8Array;
  writeForms: Uint8Array;
}

export type JobAnswer<K extends PackageJob['kind'] = PackageJob['kind']> =
  | { ok: true; value: JobResults[K] }
  | { ok: false; kind: PackageErrorKind; message: string };

export function runJob<J extends PackageJob>(job: J): JobAnswer<J['kind']> {
  try {
    const pkg = XlsxPackage.open(job.bytes, job.limits);
    if (job.kind === 'write') return { ok: true, value: writeBack(pkg, job.writeBack) as JobResults[J['kind']] };
    if (job.kind === 'writeForms') return { ok: true, value: writeForms(pkg, job.writeBack) as JobResults[J['kind']] };
    const spec = detectSchemeOf(pkg, job.schemes);
    const forms = spec && readsAsForms(spec) ? readForms(pkg, spec) : undefined;
    const opened: Opened = {
      schemeId: spec?.id ?? null,
      // a workbook of forms: the first form stands for the workbook where one set of inputs is asked for
      inputs: spec ? (forms ? (forms[0] ?? { values: {}, cells: {}, problems: [] }) : readInputsOf(pkg, spec.inputs)) : null,
      ...(forms ? { forms } : {}),
      sync: readSyncRecordOf(pkg),
      macroEnabled: pkg.macroEnabled,
      conflict: !spec ? null : forms ? formsConflict(pkg, spec, forms) : outputConflict(pkg, spec.inputs, spec.outputs),
      xmlBytes: pkg.zip.entries.filter((e) => /\.(xml|rels)$/i.test(e.name)).reduce((n, e) => n + e.size, 0),
      carried: spec ? carriedSchemeOf(pkg) : null,
    };
    return { ok: true, value: opened as JobResults[J['kind']] };
  } catch (err) {
    const e = asPackageError(err);
    return { ok: false, kind: e.kind, message: e.message };
  }
}

/** The first form whose outputs point into its inputs, as the message refusing to write. */
function formsConflict(pkg: XlsxPackage, spec: SchemeSpec, forms: FormRead[]): string | null {
  for (const form of forms) {
    const conflict = formOutputConflict(pkg, spec, spec.outputs, form.sheet);
    if (conflict) return conflict;
  }
  return null;
}

/** Runs the package jobs somewhere: in a worker, or here. */
export interface PackageJobs {
  run<J extends PackageJob>(job: J): Promise<JobResults[J['kind']]>;
}

export function answerOf<K extends PackageJob['kind']>(answer: JobAnswer<K>): JobResults[K] {
  if (answer.ok) return answer.value;
  throw new PackageError(answer.kind, answer.message);
}

/** The jobs run on the calling thread (where there is no Worker). */
export const inThreadJobs: PackageJobs = {
  run: async (job) => answerOf(runJob(job)),
};
