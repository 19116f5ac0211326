import { z } from 'zod';
import { defineSheet, sheetBase } from './types';

/**
 * A labelled input form (dept-2013's 基本情况表): sections, each a title and its fields one per line, and at
 * its top the results it shows (total, grade, status line).
 */
export const inputForm = defineSheet({
  params: z
    .object({
      kind: z.literal('input_form'),
      ...sheetBase,
      sections: z.array(z.object({ title: z.string(), fields: z.array(z.string()).min(1) }).strict()).min(1),
      /** outputs shown at the top of the form, in order */
      results: z.array(z.string()),
    })
    .strict(),
  inputs: (p) => p.sections.flatMap((s) => s.fields),
  outputs: (p) => p.results,
  check(p, scope) {
    const problems: string[] = [];
    for (const f of p.sections.flatMap((s) => s.fields)) {
      if (scope.inputs.get(f)?.kind === 'survey') problems.push(`survey input ${f} belongs on the survey sheet, not in a section`);
      if (scope.tables.has(f)) problems.push(`table input ${f} belongs on a sheet that lays out rows, not in a section`);
    }
    return problems;
  },
});
