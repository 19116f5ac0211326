import { z } from 'zod';
import { defineSheet, sheetBase } from './types';

/**
 * What one cell of a data-form line holds: an input (its name), a figure of the scheme (its rate, with its text
 * beside or as a note), the sum of other inputs shown as a formula (a subtotal line such as 公务用车购置和维护经费),
 * or nothing (null).
 */
const cell = z.union([
  z.string(),
  z.object({ figure: z.string() }).strict(),
  z.object({ sum: z.array(z.string()).min(2) }).strict(),
  z.null(),
]);
export type DataCell = z.infer<typeof cell>;

const line = z.union([
  /** a labelled line, one cell per column of its block (one cell spanning them when the block has none) */
  z.object({ label: z.string().min(1), indent: z.number().int().min(0).max(3), cells: z.array(cell).min(1) }).strict(),
  /** the rows of a table input: its first field labels each line, its other fields fill the columns */
  z.object({ table: z.string(), rows: z.number().int().min(1).max(200) }).strict(),
]);
export type DataLine = z.infer<typeof line>;

/**
 * A data form (dept-2020's 基础数据表): blocks, each a title ('' for none) (财政供养人员情况（人）, 经费控制情况（万元）…),
 * its column headers (编制数 | 实际在职人数 | 控制率; 上年决算数 | 本年预算数 | 本年决算数), and its lines.
 * Not scored: its figures are computed and shown, its sums checked (the scheme's `checks`).
 */
export const dataForm = defineSheet({
  params: z
    .object({
      kind: z.literal('data_form'),
      ...sheetBase,
      blocks: z.array(z.object({ title: z.string(), columns: z.array(z.string().min(1)), lines: z.array(line).min(1) }).strict()).min(1),
    })
    .strict(),
  inputs: (p) =>
    p.blocks.flatMap((b) => b.lines.flatMap((l) => ('table' in l ? [l.table] : l.cells.filter((c): c is string => typeof c === 'string')))),
  outputs: (p, { scheme }) =>
    p.blocks.flatMap((b) =>
      b.lines.flatMap((l) =>
        'table' in l
          ? []
          : l.cells.flatMap((c) => (c && typeof c === 'object' && 'figure' in c ? [(scheme.outputs.rate ?? '') + c.figure, scheme.outputs.text + c.figure] : [])),
      ),
    ),
  check(p, { scheme, inputs, tables }) {
    const problems: string[] = [];
    const figures = new Set(scheme.figures.map((f) => f.id));
    for (const b of p.blocks) {
      const width = Math.max(1, b.columns.length);
      for (const l of b.lines) {
        if ('table' in l) {
          const t = tables.get(l.table);
          if (!t) problems.push(`data_form “${b.title}”: ${l.table} is not a table input`);
          else if (t.fields.length - 1 !== b.columns.length) problems.push(`data_form “${b.title}”: ${l.table} has ${t.fields.length - 1} value fields for ${b.columns.length} columns`);
          continue;
        }
        if (l.cells.length !== width) problems.push(`data_form “${b.title}”/${l.label}: ${l.cells.length} cells for ${width} columns`);
        for (const c of l.cells) {
          if (c && typeof c === 'object' && 'figure' in c && !figures.has(c.figure)) problems.push(`data_form shows undeclared figure ${c.figure}`);
          if (c && typeof c === 'object' && 'sum' in c) {
            for (const n of c.sum) if (!inputs.has(n)) problems.push(`data_form “${l.label}” sums undeclared input ${n}`);
          }
        }
      }
    }
    return problems;
  },
});
