import { evaluate } from '../../engine';
import type { Evaluation, RawValue, Scheme } from '../../engine';
import type { PackageLimits } from '../package/limits';
import { detectFormsScheme, readForms, writeForms, type FormRead, type FormWrite } from '../package/forms';
import { asPackageError, XlsxPackage } from '../package/package';
import { readSyncRecordOf } from '../package/workbook';
import type { SyncRecord } from '../sync';
import { formsSpecOf, withProblems } from './spec';
import { formsSyncRecord, formsWriteBack, formWrite } from './write';

/** A form of a workbook as read, with its evaluation (the reading problems among its issues). */
export interface ScoredForm extends FormRead {
  evaluation: Evaluation;
}

/** Evaluates each form on its own. */
export function scoreForms(scheme: Scheme, forms: FormRead[]): ScoredForm[] {
  return forms.map((f) => ({ ...f, evaluation: withProblems(evaluate(scheme, f), f.problems) }));
}

/**
 * A workbook file and the forms it holds, through the package layer: the one form of a dept-2013 or dept-2020
 * workbook, or one per project sheet of a project-2020 workbook. Reads never change the file; `write` gives a
 * copy with each form's outputs (and any inputs given) and the sync record patched in, every other part kept.
 * Throws PackageError (one Chinese line) for a file that cannot be read.
 */
export class FormsFile {
  private constructor(readonly pkg: XlsxPackage) {}

  static open(bytes: Uint8Array, limits?: Partial<PackageLimits>): FormsFile {
    return new FormsFile(XlsxPackage.open(bytes, limits));
  }

  get macroEnabled(): boolean {
    return this.pkg.macroEnabled;
  }

  /** The scheme whose names the workbook holds (in that scheme's scope), or null. */
  detect(schemes: Scheme[]): Scheme | null {
    return guard(() => detectFormsScheme(this.pkg, schemes.map((s) => ({ ...formsSpecOf(s), scheme: s })))?.scheme ?? null);
  }

  /** Every form of the workbook with its inputs (tables as rows), where each is and what could not be read. */
  forms(scheme: Scheme): FormRead[] {
    return guard(() => readForms(this.pkg, formsSpecOf(scheme)));
  }

  /** Every form, read and scored. */
  score(scheme: Scheme): ScoredForm[] {
    return scoreForms(scheme, this.forms(scheme));
  }

  readSyncRecord(): SyncRecord | null {
    return guard(() => readSyncRecordOf(this.pkg));
  }

  /**
   * The file with each scored form's outputs written (its named outputs on the results sheet, its table's
   * scores and texts row by row), `fills` (inputs by form sheet, '' for the workbook-wide form) and, with `syncAt`,
   * the sync record of the forms as scored — left out when it says what the file's own record says.
   */
  write(scheme: Scheme, scored: ScoredForm[], options: { syncAt?: Date; fills?: Map<string, Record<string, RawValue>> } = {}): Uint8Array {
    const writes: FormWrite[] = scored.map((f) => formWrite(scheme, f.sheet, f.evaluation, options.fills?.get(f.sheet ?? '') ?? {}));
    let sync: SyncRecord | null = null;
    if (options.syncAt) {
      sync = formsSyncRecord(scheme, scored, options.syncAt);
      const previous = this.readSyncRecord();
      if (previous && previous.fingerprint === sync.fingerprint) sync = null;
    }
    return writeForms(this.pkg, formsWriteBack(scheme, writes, sync));
  }

  /** The file with inputs written into the forms (by form sheet, '' for the workbook-wide form), nothing scored. */
  fill(scheme: Scheme, fills: Map<string, Record<string, RawValue>>): Uint8Array {
    const writes: FormWrite[] = [...fills].map(([sheet, values]) => ({ sheet: sheet || null, fills: values, outputs: [], rows: [] }));
    return writeForms(this.pkg, formsWriteBack(scheme, writes, null));
  }

  /** The file with the sync record of its forms as they are now (a blank template's: filled offline, it says what). */
  withSyncRecord(scheme: Scheme, now: Date): Uint8Array {
    return writeForms(this.pkg, formsWriteBack(scheme, [], formsSyncRecord(scheme, this.forms(scheme), now)));
  }
}

/** Runs a read, turning anything a hostile file makes it throw into the one-line PackageError. */
function guard<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw asPackageError(err);
  }
}
