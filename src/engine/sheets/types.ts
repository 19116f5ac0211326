import { z } from 'zod';
import type { SchemeData, SchemeInput, SchemeTable } from '../scheme';

/** What a sheet kind may look up in the scheme it belongs to (already checked in itself). */
export interface SheetScope {
  scheme: SchemeData;
  inputs: Map<string, SchemeInput>;
  tables: Map<string, SchemeTable>;
  /** the outputs of one form, by name */
  outputs: Set<string>;
}

/**
 * A kind of sheet a scheme's layout may hold, like a rule kind: the zod schema of its parameters, and what it
 * places — every input of a scheme is placed by exactly one sheet — and shows. The renderers that draw each kind
 * live with the workbook code; this is what scheme validation and they agree on.
 */
export interface SheetKind<P> {
  params: z.ZodType<P, z.ZodTypeDef, unknown>;
  /** the inputs (cells, grids and tables) the sheet places, once each */
  inputs(params: P, scope: SheetScope): string[];
  /** the outputs it shows */
  outputs(params: P, scope: SheetScope): string[];
  /** the names it reads from each form of the workbook (a summary of several forms) */
  reads?(params: P): string[];
  /** problems of the parameters against the rest of the scheme */
  check?(params: P, scope: SheetScope): string[];
}

export function defineSheet<P>(kind: SheetKind<P>): SheetKind<P> {
  return kind;
}

/** Every sheet: its kind, its name (the tab, at most 31 characters) and the title printed at its top. */
export const sheetBase = {
  sheet: z.string().min(1).max(31),
  title: z.string(),
};

/**
 * An input placed with the label the form prints beside it: the input's name alone (its own label is printed)
 * or { input, label } where the form words it differently.
 */
export const labelled = z.union([z.string(), z.object({ input: z.string(), label: z.string().min(1) }).strict()]);
export type Labelled = z.infer<typeof labelled>;

export const inputOf = (l: Labelled): string => (typeof l === 'string' ? l : l.input);
