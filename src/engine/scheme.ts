import { z } from 'zod';
import { Decimal } from './decimal';
import { ruleKinds } from './rules';
import { sheetKinds } from './sheets';
import type { IndicatorTableSheet, InputFormSheet, SheetScope, SheetSpec, SurveyGridSheet } from './sheets';
import { TARGET_FIELDS, targetsSchema } from './targets/schema';
import type { TargetsSpec } from './targets/schema';

/** Excel defined-name rules we rely on: starts with a letter or _, then letters, digits, _ or .; not a cell ref. */
const EXCEL_NAME = /^[A-Za-z_][A-Za-z0-9_.]{0,254}$/;
const LOOKS_LIKE_CELL = /^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*|[Rr]|[Cc])$/;

const excelName = z
  .string()
  .regex(EXCEL_NAME, 'not a valid Excel name')
  .refine((n) => !LOOKS_LIKE_CELL.test(n), 'an Excel name must not look like a cell reference');

const inputKind = z.enum(['text', 'integer', 'amount', 'number', 'yesno', 'year', 'unit', 'date', 'survey']);

const inputSchema = z
  .object({
    name: excelName,
    label: z.string().min(1),
    kind: inputKind,
    required: z.boolean().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    unit: z.string().optional(),
    /** amounts where a negative entry means its magnitude (with a warning) */
    negativeAsMagnitude: z.boolean().optional(),
    /** layout hint for text: wide = one merged line, long = several lines */
    width: z.enum(['wide', 'long']).optional(),
    // survey grids
    rows: z.number().int().positive().optional(),
    questions: z.number().int().positive().optional(),
    answers: z.array(z.object({ label: z.string().min(1), points: z.number().min(0) })).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.kind === 'survey' && !(input.rows && input.questions && input.answers?.length)) {
      ctx.addIssue({ code: 'custom', message: `survey input ${input.name} needs rows, questions and answers` });
    }
  });

/** A column of a table input: its contract name, the header the form prints, how its cells are read. */
const tableField = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/),
    label: z.string().min(1),
    kind: z.enum(['text', 'number', 'amount', 'integer']),
    /** the values a dropdown offers (other text is still read) */
    choices: z.array(z.string().min(1)).min(1).optional(),
    /** the column's width in characters, a hint for the renderer */
    width: z.number().positive().optional(),
  })
  .strict();

/** An input of rows (the target table's indicator rows, the 基础数据表's 项目支出 lines): fields in column order. */
const tableSchema = z
  .object({
    name: excelName,
    label: z.string().min(1),
    kind: z.literal('table'),
    required: z.boolean().optional(),
    fields: z.array(tableField).min(1),
  })
  .strict();

/** An entry of `inputs`: a table when its kind says so, else a cell (or survey grid) input; errors keep their path. */
const inputEntry = z.unknown().transform((value, ctx): SchemeInput | SchemeTable => {
  const isTable = typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'table';
  const parsed = isTable ? tableSchema.safeParse(value) : inputSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

const indicatorSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    level1: z.string().min(1),
    level2: z.string().min(1),
    name: z.string().min(1),
    weight: z.number().positive(),
    criteria: z.string(),
    note: z.string(),
    rule: z.object({ kind: z.string() }).passthrough(),
  })
  .strict();

const checkSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('sum'),
      total: z.string(),
      parts: z.array(z.string()).min(1),
      label: z.string(),
      /** a total of 0 counts as not filled (the execution rate then uses the parts, and says so) */
      ignoreZeroTotal: z.boolean().optional(),
    })
    .strict(),
  z
    .object({ kind: z.literal('same_order'), inputs: z.array(z.string()).min(2), factor: z.number().gt(1), label: z.string() })
    .strict(),
  /** parts (其中 lines) that must not add up to more than their total */
  z.object({ kind: z.literal('parts_within'), total: z.string(), parts: z.array(z.string()).min(1), label: z.string() }).strict(),
]);

/** A figure computed and shown, not scored: numerator / denominator in percent (控制率). */
const figureSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    kind: z.literal('ratio'),
    label: z.string().min(1),
    numerator: z.string(),
    denominator: z.string(),
  })
  .strict();

const sheetName = z.string().min(1).max(31);

/** dept-2013's shorthand: its three fixed sheets by role. */
const legacyLayout = z
  .object({
    font: z.string(),
    summary: z
      .object({
        sheet: sheetName,
        title: z.string(),
        sections: z.array(z.object({ title: z.string(), fields: z.array(z.string()).min(1) }).strict()).min(1),
      })
      .strict(),
    scoring: z.object({ sheet: sheetName, title: z.string(), headers: z.array(z.string()).length(8) }).strict(),
    survey: z.object({ sheet: sheetName, title: z.string(), questions: z.array(z.string()).min(1) }).strict(),
  })
  .strict();

/** The general layout: sheets of known kinds, each checked by its kind's schema in loadScheme. */
const sheetsLayout = z.object({ font: z.string(), sheets: z.array(z.object({ kind: z.string() }).passthrough()).min(1) }).strict();

const layoutSchema = z.unknown().transform((value, ctx) => {
  const general = typeof value === 'object' && value !== null && 'sheets' in value;
  const parsed = general ? sheetsLayout.safeParse(value) : legacyLayout.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

const schemeSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    title: z.string().min(1),
    basis: z.string().optional(),
    /** which inputs name the unit, the year and the money unit of a filled form (and its project, if any) */
    identity: z.object({ dept: z.string(), year: z.string(), unit: z.string(), project: z.string().optional() }).strict(),
    /** where a form lives: the whole workbook (workbook-scoped names) or one sheet each (sheet-scoped names) */
    formScope: z.enum(['workbook', 'sheet']).default('workbook'),
    /** the tree of the fixed indicators, with the weight of each 二级 */
    levels: z
      .array(z.object({ name: z.string(), groups: z.array(z.object({ name: z.string(), weight: z.number().positive() }).strict()).min(1) }).strict())
      .default([]),
    maxTotal: z.number().positive(),
    grades: z.array(z.object({ min: z.number(), grade: z.string().min(1) }).strict()).min(1),
    inputs: z.array(inputEntry).min(1),
    indicators: z.array(indicatorSchema).default([]),
    targets: targetsSchema.optional(),
    figures: z.array(figureSchema).default([]),
    checks: z.array(checkSchema),
    outputs: z
      .object({
        score: excelName,
        text: excelName,
        /** prefix of the rate outputs (rate_exec, the figures' rates); none without it */
        rate: excelName.optional(),
        total: excelName,
        grade: excelName,
        status: excelName,
        /** the target table's output columns, parallel to its rows */
        rows: z.object({ score: excelName, text: excelName }).strict().optional(),
      })
      .strict(),
    layout: layoutSchema,
  })
  .strict();

export type SchemeInput = z.infer<typeof inputSchema>;
export type InputKind = z.infer<typeof inputKind>;
export type SchemeTable = z.infer<typeof tableSchema>;
export type TableField = z.infer<typeof tableField>;
export type SchemeIndicator = z.infer<typeof indicatorSchema>;
export type SchemeCheck = z.infer<typeof checkSchema>;
export type SchemeFigure = z.infer<typeof figureSchema>;
/** A scheme as validated, before its layout is put in one shape and its inputs split into cells and tables. */
export type SchemeData = z.infer<typeof schemeSchema>;
export type { TargetsSpec };

/**
 * The layout of every scheme as a list of sheets of known kinds (see sheets/). `summary`, `scoring` and
 * `survey` are the fixed-table family's sheets by role (the first input_form, indicator_table and survey_grid):
 * they are there for dept-2013 and the code written for it, and absent for schemes without such sheets.
 */
export interface SchemeLayout {
  font: string;
  sheets: SheetSpec[];
  summary: InputFormSheet;
  scoring: IndicatorTableSheet;
  survey: SurveyGridSheet;
}

/** A validated scheme with look-ups the engine and the adapters need. */
export interface Scheme extends Omit<SchemeData, 'inputs' | 'layout'> {
  /** the inputs held in a cell (or, for a survey, a fixed grid) */
  inputs: SchemeInput[];
  /** the inputs made of rows (`kind: "table"` in the JSON) */
  tables: SchemeTable[];
  layout: SchemeLayout;
  input(name: string): SchemeInput;
  table(name: string): SchemeTable;
  /** every defined name the scheme's workbook holds for outputs */
  scoreName(indicatorId: string): string;
  textName(indicatorId: string): string;
  /** rate_<id>, for schemes that name rates */
  rateName(id: string): string | undefined;
  /** the single-cell outputs of one form: indicators', execution's, figures', total, grade, status */
  outputNames: string[];
  /** the outputs that are columns parallel to a table's rows (score_rows, text_rows) */
  columnOutputs: string[];
}

export class SchemeError extends Error {}

/**
 * Validates a scheme (structure, rule parameters, names, weights, target parameters, sheets) and returns it with
 * look-ups. Throws SchemeError listing every problem, so a broken edit of the JSON is caught on load.
 */
export function loadScheme(data: unknown): Scheme {
  const parsed = schemeSchema.safeParse(data);
  if (!parsed.success) {
    throw new SchemeError(
      'scheme is not valid:\n' + parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'),
    );
  }
  const s = parsed.data;
  const problems: string[] = [];
  const inputs = new Map<string, SchemeInput>();
  const tables = new Map<string, SchemeTable>();
  for (const i of s.inputs) {
    if ('fields' in i && i.kind === 'table') tables.set(i.name, i);
    else inputs.set(i.name, i as SchemeInput);
  }
  if (inputs.size + tables.size !== s.inputs.length || [...tables.keys()].some((n) => inputs.has(n))) problems.push('duplicate input names');
  for (const t of tables.values()) {
    if (new Set(t.fields.map((f) => f.name)).size !== t.fields.length) problems.push(`table ${t.name} has duplicate field names`);
  }
  const known = (n: string) => inputs.has(n) || tables.has(n);

  checkIndicators(s, inputs, problems);
  checkWeights(s, problems);
  if (s.targets) checkTargets(s, s.targets, inputs, tables, problems);
  if (!s.indicators.length && !s.targets) problems.push('a scheme needs indicators or targets');

  for (const n of Object.values(s.identity)) if (n !== undefined && !inputs.has(n)) problems.push(`identity uses undeclared input ${n}`);
  for (const check of s.checks) {
    const names = check.kind === 'same_order' ? check.inputs : [check.total, ...check.parts];
    for (const n of names) if (!inputs.has(n)) problems.push(`check "${check.label}" uses undeclared input ${n}`);
  }
  for (const f of s.figures) {
    for (const n of [f.numerator, f.denominator]) if (!inputs.has(n)) problems.push(`figure ${f.id} uses undeclared input ${n}`);
  }

  const outputNames = formOutputs(s);
  const columnOutputs = s.outputs.rows ? [s.outputs.rows.score, s.outputs.rows.text] : [];
  if (s.targets && !s.outputs.rows) problems.push('a scheme with targets needs outputs.rows (the table’s score and text columns)');
  if (s.figures.length && !s.outputs.rate) problems.push('a scheme with figures needs outputs.rate');
  const allOutputs = [s.outputs.total, s.outputs.grade, s.outputs.status, ...outputNames.filter((n) => ![s.outputs.total, s.outputs.grade, s.outputs.status].includes(n)), ...columnOutputs];
  for (const n of allOutputs) {
    if (!EXCEL_NAME.test(n) || LOOKS_LIKE_CELL.test(n)) problems.push(`output name ${n} is not a valid Excel name`);
    if (known(n)) problems.push(`output name ${n} clashes with an input`);
  }
  if (new Set(allOutputs).size !== allOutputs.length) problems.push('output names clash');

  const layout = layoutOf(s, inputs, tables, new Set(allOutputs), problems);

  const grades = [...s.grades].sort((a, b) => b.min - a.min);
  if (grades[grades.length - 1].min > 0) problems.push('grades must cover a total of 0');

  if (problems.length) throw new SchemeError(`scheme ${s.id} is not valid:\n  ${problems.join('\n  ')}`);

  const rate = s.outputs.rate;
  return {
    ...s,
    inputs: [...inputs.values()],
    tables: [...tables.values()],
    layout,
    grades,
    input(name: string) {
      const found = inputs.get(name);
      if (!found) throw new SchemeError(`scheme ${s.id} has no input ${name}`);
      return found;
    },
    table(name: string) {
      const found = tables.get(name);
      if (!found) throw new SchemeError(`scheme ${s.id} has no table input ${name}`);
      return found;
    },
    scoreName: (id) => s.outputs.score + id,
    textName: (id) => s.outputs.text + id,
    rateName: (id) => (rate === undefined ? undefined : rate + id),
    outputNames,
    columnOutputs,
  };
}

/** The single-cell outputs of one form, in a stable order. */
function formOutputs(s: SchemeData): string[] {
  const o = s.outputs;
  const rate = (id: string) => (o.rate === undefined ? [] : [o.rate + id]);
  const x = s.targets?.execution;
  return [
    ...s.indicators.flatMap((i) => [o.score + i.id, o.text + i.id]),
    ...(x ? [o.score + x.id, o.text + x.id, ...rate(x.id)] : []),
    ...s.figures.flatMap((f) => [...rate(f.id), o.text + f.id]),
    o.total,
    o.grade,
    o.status,
  ];
}

function checkIndicators(s: SchemeData, inputs: Map<string, SchemeInput>, problems: string[]): void {
  const ids = new Set<string>();
  for (const ind of s.indicators) {
    if (ids.has(ind.id)) problems.push(`duplicate indicator id ${ind.id}`);
    ids.add(ind.id);
    const kind = ruleKinds[ind.rule.kind];
    if (!kind) {
      problems.push(`${ind.id}: unknown rule kind "${ind.rule.kind}" (known: ${Object.keys(ruleKinds).join(', ')})`);
      continue;
    }
    const params = kind.params.safeParse(ind.rule);
    if (!params.success) {
      for (const i of params.error.issues) problems.push(`${ind.id}.rule.${i.path.join('.')}: ${i.message}`);
      continue;
    }
    for (const name of kind.inputsOf(params.data as never)) {
      if (!inputs.has(name)) problems.push(`${ind.id}: rule uses undeclared input ${name}`);
    }
  }
  if (s.targets && ids.has(s.targets.execution.id)) problems.push(`the execution id ${s.targets.execution.id} is also an indicator id`);
}

/**
 * Weights: the fixed indicators of each 二级 add up to its weight; the 二级 weights — plus, for a target table,
 * the execution weight and the 一级 weights of its rows — add up to maxTotal.
 */
function checkWeights(s: SchemeData, problems: string[]): void {
  let groupsTotal = new Decimal(0);
  for (const level of s.levels) {
    for (const group of level.groups) {
      groupsTotal = groupsTotal.plus(group.weight);
      const members = s.indicators.filter((i) => i.level1 === level.name && i.level2 === group.name);
      if (members.length === 0) problems.push(`group ${level.name}/${group.name} has no indicator`);
      const sum = members.reduce((acc, i) => acc.plus(i.weight), new Decimal(0));
      if (!sum.eq(group.weight)) problems.push(`weights of ${level.name}/${group.name} add up to ${sum}, not ${group.weight}`);
    }
  }
  for (const ind of s.indicators) {
    const level = s.levels.find((l) => l.name === ind.level1);
    if (!level?.groups.some((g) => g.name === ind.level2)) problems.push(`${ind.id}: level ${ind.level1}/${ind.level2} is not declared`);
  }
  if (!s.targets) {
    if (!groupsTotal.eq(s.maxTotal)) problems.push(`group weights add up to ${groupsTotal}, not maxTotal ${s.maxTotal}`);
    return;
  }
  const t = s.targets;
  const levels = t.levels.reduce((acc, l) => acc.plus(l.weight), new Decimal(0));
  const sum = groupsTotal.plus(t.execution.weight).plus(levels);
  if (!sum.eq(s.maxTotal)) {
    problems.push(`execution weight ${t.execution.weight}, target level weights ${levels} and group weights ${groupsTotal} add up to ${sum}, not maxTotal ${s.maxTotal}`);
  }
}

function checkTargets(
  s: SchemeData,
  t: TargetsSpec,
  inputs: Map<string, SchemeInput>,
  tables: Map<string, SchemeTable>,
  problems: string[],
): void {
  const table = tables.get(t.table);
  if (!table) problems.push(`targets.table ${t.table} is not a table input`);
  else {
    const fields = new Set(table.fields.map((f) => f.name));
    const allowed = new Set<string>([...TARGET_FIELDS.required, ...TARGET_FIELDS.optional]);
    for (const f of TARGET_FIELDS.required) if (!fields.has(f)) problems.push(`target table ${t.table} lacks the field ${f}`);
    for (const f of fields) if (!allowed.has(f)) problems.push(`target table ${t.table} has the unknown field ${f} (known: ${[...allowed].join(', ')})`);
    const weight = table.fields.find((f) => f.name === 'weight');
    if (weight && weight.kind !== 'number') problems.push(`target table field weight must be of kind number`);
  }
  const x = t.execution;
  const amount = (n: string | undefined, where: string) => {
    if (n === undefined) return;
    const i = inputs.get(n);
    if (!i) problems.push(`targets.execution ${where} uses undeclared input ${n}`);
    else if (i.kind !== 'amount') problems.push(`targets.execution ${where}: ${n} is not an amount`);
  };
  for (const [k, line] of [x.total, ...x.lines].entries()) {
    const where = k === 0 ? 'total' : `lines.${k - 1}`;
    amount(line.initial, where);
    amount(line.full, where);
    amount(line.spent, where);
  }
  if (x.base === 'initial' && !x.total.initial) problems.push('targets.execution: base initial needs total.initial');
  for (const n of [x.self.rate, x.self.score, t.selfTotal]) if (n !== undefined && !inputs.has(n)) problems.push(`targets uses undeclared input ${n}`);
  if (x.self.rate && inputs.get(x.self.rate)?.kind !== 'text') problems.push(`targets.execution.self.rate ${x.self.rate} must be a text input (read as typed: 95%, 0.95, 95)`);
  for (const n of [x.self.score, t.selfTotal]) {
    if (n && inputs.has(n) && inputs.get(n)!.kind !== 'number') problems.push(`targets: ${n} must be a number input`);
  }

  const seen = new Set<string>();
  for (const l of t.levels) {
    for (const n of [l.name, ...l.aliases]) {
      if (seen.has(n)) problems.push(`targets.levels: the name ${n} is used twice`);
      seen.add(n);
    }
    const groups = new Set<string>();
    for (const g of l.groups) {
      for (const n of [g.name, ...g.aliases]) {
        if (groups.has(n)) problems.push(`targets.levels ${l.name}: the group ${n} is named twice`);
        groups.add(n);
      }
    }
  }
  if (t.bands.partial >= t.bands.achieved) problems.push(`targets.bands: partial ${t.bands.partial} must be below achieved ${t.bands.achieved}`);
  const belows = new Set<number>();
  for (const c of t.cap) {
    if (belows.has(c.below)) problems.push(`targets.cap: the rate ${c.below} is listed twice`);
    belows.add(c.below);
    if (c.max > s.maxTotal) problems.push(`targets.cap: a cap of ${c.max} is above maxTotal ${s.maxTotal}`);
  }
}

const FORBIDDEN = /[\\/?*[\]:]/;

/**
 * The layout as sheets of known kinds (the dept-2013 shorthand turned into its three sheets), each checked by its
 * kind; every input is placed exactly once; sheet names differ; one form per sheet needs exactly one repeated
 * sheet, which places every input.
 */
function layoutOf(
  s: SchemeData,
  inputs: Map<string, SchemeInput>,
  tables: Map<string, SchemeTable>,
  outputs: Set<string>,
  problems: string[],
): SchemeLayout {
  const scope: SheetScope = { scheme: s, inputs, tables, outputs };
  const raw = 'sheets' in s.layout ? s.layout.sheets : shorthandSheets(s.layout, s, inputs);
  const sheets: SheetSpec[] = [];
  const placed = new Map<string, number>();
  let repeated: SheetSpec | undefined;
  for (const [k, entry] of raw.entries()) {
    const kind = sheetKinds[entry.kind];
    if (!kind) {
      problems.push(`layout.sheets.${k}: unknown sheet kind "${entry.kind}" (known: ${Object.keys(sheetKinds).join(', ')})`);
      continue;
    }
    const params = kind.params.safeParse(entry);
    if (!params.success) {
      for (const i of params.error.issues) problems.push(`layout.sheets.${k}.${i.path.join('.')}: ${i.message}`);
      continue;
    }
    const sheet = params.data as SheetSpec;
    sheets.push(sheet);
    for (const n of kind.inputs(params.data, scope)) {
      if (!inputs.has(n) && !tables.has(n)) problems.push(`layout places undeclared input ${n}`);
      placed.set(n, (placed.get(n) ?? 0) + 1);
    }
    for (const n of kind.outputs(params.data, scope)) if (!outputs.has(n)) problems.push(`layout (${sheet.sheet}) shows ${n}, which is not an output`);
    problems.push(...(kind.check?.(params.data, scope) ?? []));
    if ('repeat' in sheet && sheet.repeat) {
      if (repeated) problems.push('only one sheet may repeat per form');
      repeated = sheet;
    }
  }
  for (const i of [...inputs.values(), ...tables.values()]) {
    const n = placed.get(i.name) ?? 0;
    if (n !== 1) problems.push(`input ${i.name} is placed ${n} times in the layout`);
  }
  const names = sheets.map((x) => x.sheet);
  if (new Set(names).size !== names.length) problems.push('sheet names must differ');
  for (const sheet of names) if (FORBIDDEN.test(sheet)) problems.push(`sheet name ${sheet} has a character Excel forbids`);
  if (s.formScope === 'sheet') {
    if (!repeated) problems.push('formScope "sheet" needs a sheet with repeat: true');
    else {
      const kind = sheetKinds[repeated.kind];
      const on = new Set(kind.inputs(repeated as never, scope));
      for (const n of [...inputs.keys(), ...tables.keys()]) if (!on.has(n)) problems.push(`with one form per sheet, input ${n} must be on the sheet ${repeated.sheet}`);
    }
  } else if (repeated) {
    problems.push(`sheet ${repeated.sheet} repeats, but formScope is "workbook"`);
  }

  const first = <K extends SheetSpec['kind']>(kind: K) => sheets.find((x) => x.kind === kind) as Extract<SheetSpec, { kind: K }>;
  // the fixed-table family's sheets by role: absent (undefined) for schemes without them
  return {
    font: s.layout.font,
    sheets,
    summary: first('input_form'),
    scoring: first('indicator_table'),
    survey: first('survey_grid'),
  };
}

/** dept-2013's `{ summary, scoring, survey }` as sheets: the summary shows total, grade and status at its top. */
function shorthandSheets(
  layout: z.infer<typeof legacyLayout>,
  s: SchemeData,
  inputs: Map<string, SchemeInput>,
): { kind: string; [param: string]: unknown }[] {
  const survey = [...inputs.values()].find((i) => i.kind === 'survey');
  return [
    { kind: 'input_form', ...layout.summary, results: [s.outputs.total, s.outputs.grade, s.outputs.status] },
    { kind: 'indicator_table', ...layout.scoring },
    { kind: 'survey_grid', ...layout.survey, input: survey?.name ?? '' },
  ];
}

/** The zod schemas of a scheme file, for the scheme-file checks (overrides/) and the JSON Schema made from them. */
export const schemeFileSchemas = { scheme: schemeSchema, input: inputSchema, table: tableSchema, legacyLayout, sheetsLayout };
