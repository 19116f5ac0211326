import { z } from 'zod';
import { defineSheet, sheetBase } from './types';

/**
 * A summary of the workbook's forms (项目自评汇总): one row per form sheet, in sheet order, each column the value
 * of one of that form's names (an input or an output, read from the form sheet's sheet-scoped name), an optional
 * 序号 column first and an optional 合计 row summing some columns. Only for schemes with one form per sheet.
 */
export const formsSummary = defineSheet({
  params: z
    .object({
      kind: z.literal('forms_summary'),
      ...sheetBase,
      /** header of a 序号 column before the others ('' for none) */
      index: z.string(),
      columns: z.array(z.object({ header: z.string().min(1), name: z.string() }).strict()).min(1),
      /** a 合计 row: its label and the names whose column it sums (empty: no such row) */
      totals: z.object({ label: z.string().min(1), names: z.array(z.string()) }).strict(),
    })
    .strict(),
  inputs: () => [],
  outputs: () => [],
  reads: (p) => p.columns.map((c) => c.name),
  check(p, { scheme, inputs, outputs }) {
    const problems: string[] = [];
    if (scheme.formScope !== 'sheet') problems.push('a forms_summary needs one form per sheet (formScope "sheet")');
    for (const c of p.columns) {
      if (!inputs.has(c.name) && !outputs.has(c.name)) problems.push(`forms_summary column “${c.header}” reads ${c.name}, which is neither an input nor an output`);
    }
    const shown = new Set(p.columns.map((c) => c.name));
    for (const n of p.totals.names) if (!shown.has(n)) problems.push(`forms_summary totals ${n}, which is not one of its columns`);
    return problems;
  },
});
