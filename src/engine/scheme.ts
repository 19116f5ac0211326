import { z } from 'zod';
import { Decimal } from './decimal';
import { ruleKinds } from './rules';

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
  z.object({ kind: z.literal('sum'), total: z.string(), parts: z.array(z.string()).min(1), label: z.string() }).strict(),
  z
    .object({ kind: z.literal('same_order'), inputs: z.array(z.string()).min(2), factor: z.number().gt(1), label: z.string() })
    .strict(),
]);

const schemeSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    title: z.string().min(1),
    basis: z.string().optional(),
    /** which inputs name the unit, the year and the money unit of a filled form */
    identity: z.object({ dept: z.string(), year: z.string(), unit: z.string() }).strict(),
    levels: z.array(
      z.object({ name: z.string(), groups: z.array(z.object({ name: z.string(), weight: z.number().positive() })).min(1) }).strict(),
    ),
    maxTotal: z.number().positive(),
    grades: z.array(z.object({ min: z.number(), grade: z.string().min(1) }).strict()).min(1),
    inputs: z.array(inputSchema).min(1),
    indicators: z.array(indicatorSchema).min(1),
    checks: z.array(checkSchema),
    outputs: z
      .object({ score: excelName, text: excelName, total: excelName, grade: excelName, status: excelName })
      .strict(),
    layout: z
      .object({
        font: z.string(),
        summary: z
          .object({
            sheet: z.string().min(1).max(31),
            title: z.string(),
            sections: z.array(z.object({ title: z.string(), fields: z.array(z.string()).min(1) }).strict()).min(1),
          })
          .strict(),
        scoring: z.object({ sheet: z.string().min(1).max(31), title: z.string(), headers: z.array(z.string()).length(8) }).strict(),
        survey: z.object({ sheet: z.string().min(1).max(31), title: z.string(), questions: z.array(z.string()).min(1) }).strict(),
      })
      .strict(),
  })
  .strict();

export type SchemeInput = z.infer<typeof inputSchema>;
export type InputKind = z.infer<typeof inputKind>;
export type SchemeIndicator = z.infer<typeof indicatorSchema>;
export type SchemeCheck = z.infer<typeof checkSchema>;
export type SchemeData = z.infer<typeof schemeSchema>;

/** A validated scheme with look-ups the engine and the adapters need. */
export interface Scheme extends SchemeData {
  input(name: string): SchemeInput;
  /** every defined name the scheme's workbook holds for outputs */
  scoreName(indicatorId: string): string;
  textName(indicatorId: string): string;
}

export class SchemeError extends Error {}

/**
 * Validates a scheme (structure, rule parameters, names, weights) and returns it with look-ups.
 * Throws SchemeError listing every problem, so a broken edit of the JSON is caught on load.
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
  const inputs = new Map(s.inputs.map((i) => [i.name, i]));
  if (inputs.size !== s.inputs.length) problems.push('duplicate input names');

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

  // weights: indicators of each 二级 add up to its weight; the 二级 weights add up to maxTotal
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
  if (!groupsTotal.eq(s.maxTotal)) {
    problems.push(`group weights add up to ${groupsTotal}, not maxTotal ${s.maxTotal}`);
  }
  for (const ind of s.indicators) {
    const level = s.levels.find((l) => l.name === ind.level1);
    if (!level?.groups.some((g) => g.name === ind.level2)) problems.push(`${ind.id}: level ${ind.level1}/${ind.level2} is not declared`);
  }

  for (const n of Object.values(s.identity)) if (!inputs.has(n)) problems.push(`identity uses undeclared input ${n}`);
  for (const check of s.checks) {
    const names = check.kind === 'sum' ? [check.total, ...check.parts] : check.inputs;
    for (const n of names) if (!inputs.has(n)) problems.push(`check "${check.label}" uses undeclared input ${n}`);
  }

  // layout: every input is placed exactly once (the survey grid lives on its own sheet)
  const placed = new Map<string, number>();
  for (const section of s.layout.summary.sections) {
    for (const f of section.fields) {
      if (!inputs.has(f)) problems.push(`layout places undeclared input ${f}`);
      placed.set(f, (placed.get(f) ?? 0) + 1);
    }
  }
  for (const i of s.inputs) {
    const n = placed.get(i.name) ?? 0;
    if (i.kind === 'survey') {
      if (n) problems.push(`survey input ${i.name} belongs on the survey sheet, not in a section`);
      if (i.questions !== s.layout.survey.questions.length) problems.push(`survey ${i.name}: ${i.questions} questions but layout has ${s.layout.survey.questions.length}`);
    } else if (n !== 1) {
      problems.push(`input ${i.name} is placed ${n} times in the summary layout`);
    }
  }
  const sheets = [s.layout.summary.sheet, s.layout.scoring.sheet, s.layout.survey.sheet];
  if (new Set(sheets).size !== 3) problems.push('sheet names must differ');
  for (const sheet of sheets) if (/[\\/?*[\]:]/.test(sheet)) problems.push(`sheet name ${sheet} has a character Excel forbids`);

  const outputNames = [s.outputs.total, s.outputs.grade, s.outputs.status, ...s.indicators.flatMap((i) => [s.outputs.score + i.id, s.outputs.text + i.id])];
  for (const n of outputNames) {
    if (!EXCEL_NAME.test(n) || LOOKS_LIKE_CELL.test(n)) problems.push(`output name ${n} is not a valid Excel name`);
    if (inputs.has(n)) problems.push(`output name ${n} clashes with an input`);
  }
  if (new Set(outputNames).size !== outputNames.length) problems.push('output names clash');

  const grades = [...s.grades].sort((a, b) => b.min - a.min);
  if (grades[grades.length - 1].min > 0) problems.push('grades must cover a total of 0');

  if (problems.length) throw new SchemeError(`scheme ${s.id} is not valid:\n  ${problems.join('\n  ')}`);

  return {
    ...s,
    grades,
    input(name: string) {
      const found = inputs.get(name);
      if (!found) throw new SchemeError(`scheme ${s.id} has no input ${name}`);
      return found;
    },
    scoreName: (id) => s.outputs.score + id,
    textName: (id) => s.outputs.text + id,
  };
}
