import type { Evaluation, Finding, Scheme } from '../../engine';
import type { FormsSpec } from '../package/forms';

/** What the package layer needs of a scheme to find, read and write its forms (plain data). */
export function formsSpecOf(scheme: Scheme): FormsSpec {
  return { id: scheme.id, formScope: scheme.formScope, inputs: scheme.inputs, tables: scheme.tables };
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** An evaluation with the findings of reading its workbook (a name that points nowhere) among its issues, errors first. */
export function withProblems(e: Evaluation, problems: Finding[]): Evaluation {
  if (!problems.length) return e;
  return { ...e, issues: [...problems, ...e.issues].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]) };
}
