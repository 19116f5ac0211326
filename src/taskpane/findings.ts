/**
 * How the panes present the engine's findings and inputs to an officer: which findings are real problems and
 * which only say a field is not filled yet, their order (the form's, not the order the rules ran in), how far
 * the filling has got, which fields scoring needs, and the messages reworded for a form (no cell addresses,
 * no label repeated under its own field, and what to type instead).
 */
import { ruleKinds, type Evaluation, type Finding, type Scheme, type SchemeInput, type Severity } from '../engine';

/** The groups a finding falls in: wrong values, things to check, notes, and fields not filled yet. */
export type FindingGroup = 'error' | 'warning' | 'info' | 'blank';

export const GROUP_ORDER: readonly FindingGroup[] = ['error', 'warning', 'info', 'blank'];

export type GroupedFindings = Record<FindingGroup, Finding[]>;

/**
 * A finding that only says an input is not filled yet: the engine's missing_input about inputs that are all
 * blank. A count typed as 0 (also missing_input) is a value, and so a real problem.
 */
export function isBlankFinding(finding: Finding, evaluation: Pick<Evaluation, 'inputs'>): boolean {
  if (finding.code !== 'missing_input' || finding.inputs.length === 0) return false;
  return finding.inputs.every((name) => (evaluation.inputs[name]?.state ?? 'blank') === 'blank');
}

export function groupOf(finding: Finding, evaluation: Pick<Evaluation, 'inputs'>): FindingGroup {
  return isBlankFinding(finding, evaluation) ? 'blank' : (finding.severity as Severity);
}

const formOrders = new WeakMap<Scheme, Map<string, number>>();

/** Each input's place in the form: the summary form's sections in order, then everything else in scheme order. */
export function formOrder(scheme: Scheme): Map<string, number> {
  let order = formOrders.get(scheme);
  if (!order) {
    order = new Map();
    // (a scheme of target forms has no summary form: its inputs in scheme order, its tables after them)
    for (const section of scheme.layout.summary?.sections ?? []) for (const name of section.fields) if (!order.has(name)) order.set(name, order.size);
    for (const input of [...scheme.inputs, ...scheme.tables]) if (!order.has(input.name)) order.set(input.name, order.size);
    formOrders.set(scheme, order);
  }
  return order;
}

/** Findings sorted by the place of their first input in the form (stable; those naming no input last). */
export function inFormOrder(scheme: Scheme, findings: readonly Finding[]): Finding[] {
  const order = formOrder(scheme);
  const place = (f: Finding) => Math.min(...f.inputs.map((n) => order.get(n) ?? Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
  return findings
    .map((f, i) => ({ f, i, at: place(f) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.f);
}

/**
 * The field of the form an input is filled in: itself, except the survey tally, which stands in for the
 * questionnaires (one field of the form, filled either way).
 */
export function fieldOf(scheme: Scheme, name: string): string {
  const survey = surveyInputs(scheme);
  return survey && (name === survey.points || name === survey.count) ? survey.answers : name;
}

/**
 * Findings by group, each group in form order. A field not filled yet is listed once, however many
 * indicators wait for it (the survey's three inputs are one field).
 */
export function groupFindings(scheme: Scheme, evaluation: Pick<Evaluation, 'inputs' | 'issues'>, findings = evaluation.issues): GroupedFindings {
  const groups: GroupedFindings = { error: [], warning: [], info: [], blank: [] };
  const blankFields = new Set<string>();
  for (const f of findings) {
    const group = groupOf(f, evaluation);
    if (group === 'blank') {
      const fields = f.inputs.map((n) => fieldOf(scheme, n));
      if (fields.every((n) => blankFields.has(n))) continue;
      for (const n of fields) blankFields.add(n);
    }
    groups[group].push(f);
  }
  for (const g of GROUP_ORDER) groups[g] = inFormOrder(scheme, groups[g]);
  return groups;
}

const requiredSets = new WeakMap<Scheme, ReadonlySet<string>>();

/**
 * The inputs a score cannot do without: those the scheme marks required and those some indicator's rule
 * needs before it can score. (The survey grid is not among them: its tally may stand in for it.)
 */
export function requiredInputs(scheme: Scheme): ReadonlySet<string> {
  let set = requiredSets.get(scheme);
  if (!set) {
    const names = new Set(scheme.inputs.filter((i) => i.required).map((i) => i.name));
    for (const ind of scheme.indicators) {
      const kind = ruleKinds[ind.rule.kind];
      if (!kind) continue;
      const params = kind.params.safeParse(ind.rule);
      if (params.success) for (const n of kind.required(params.data)) names.add(n);
    }
    set = names;
    requiredSets.set(scheme, set);
  }
  return set;
}

/** The survey rule's inputs: the answer grid and the tally typed instead of it; null for a scheme without one. */
export function surveyInputs(scheme: Scheme): { answers: string; points: string; count: string } | null {
  const rule = scheme.indicators.find((i) => i.rule.kind === 'survey')?.rule as Record<string, unknown> | undefined;
  if (!rule || typeof rule.answers !== 'string' || typeof rule.points !== 'string' || typeof rule.count !== 'string') return null;
  return { answers: rule.answers, points: rule.points, count: rule.count };
}

export interface FillProgress {
  /** fields holding something (right or wrong) */
  filled: number;
  total: number;
}

/**
 * How far the form is filled: every field counts once, the questionnaires (grid or tally) as one field.
 * Read from the evaluation's parsed inputs, so both panes count alike.
 */
export function fillProgress(scheme: Scheme, evaluation: Pick<Evaluation, 'inputs'>): FillProgress {
  const survey = surveyInputs(scheme);
  const blank = (name: string) => (evaluation.inputs[name]?.state ?? 'blank') === 'blank';
  let filled = 0;
  let total = 0;
  for (const input of scheme.inputs) {
    if (fieldOf(scheme, input.name) !== input.name) continue;
    total++;
    const empty = survey && input.name === survey.answers ? blank(survey.answers) && (blank(survey.points) || blank(survey.count)) : blank(input.name);
    if (!empty) filled++;
  }
  return { filled, total };
}

// ---- messages for a form ----

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A place as the engine writes it after a label: （基本情况表!D12）, （'表 1'!$D$12、…）, or （in_name） without a workbook. */
const CELL_PAREN = /（(?:[^（）!]+![$A-Za-z]+\$?\d+(?::[$A-Za-z]+\$?\d+)?(?:、)?)+）/g;

/**
 * A finding's message for a page where cells mean nothing: "编制数（基本情况表!D12）未填写" becomes
 * "“编制数”未填写"; any other cell address in parentheses is left out.
 */
export function formMessage(finding: Finding, scheme: Scheme): string {
  let text = finding.message;
  for (const name of new Set(finding.inputs)) {
    const input = scheme.inputs.find((i) => i.name === name);
    if (!input) continue;
    const where = new RegExp(`${escape(input.label)}（(?:[^（）]*![$A-Za-z]+\\$?\\d+|${escape(name)})）`, 'g');
    text = text.replace(where, `“${input.label}”`);
  }
  return text.replace(CELL_PAREN, '');
}

/** What a field takes, said before any mistake: its range, when the scheme bounds it (0～4分, 2000～2100). */
export function rangeHint(input: SchemeInput): string | undefined {
  if (input.max === undefined || input.negativeAsMagnitude) return undefined;
  const unit = input.unit && input.unit !== '年' ? input.unit : '';
  return input.min !== undefined ? `${input.min}～${input.max}${unit}` : `不大于${input.max}${unit}`;
}

/** What to type into a field of this kind, with an example. */
export function whatToType(input: SchemeInput, amountUnit: string): string | undefined {
  const range = rangeHint(input);
  const within = range ? `，范围 ${range}` : '';
  switch (input.kind) {
    case 'integer':
      return `请填写整数${input.unit ? `（单位：${input.unit}）` : ''}，如 17${within}`;
    case 'amount':
      return `请填写金额${amountUnit ? `（单位：${amountUnit}）` : ''}，如 436.01`;
    case 'number':
      return `请填写数字${input.unit ? `（单位：${input.unit}）` : ''}${within}`;
    case 'year':
      return `请填写 4 位数字的年份，如 2024${within}`;
    case 'date':
      return '请填写日期，如 2025-03-15';
    case 'yesno':
      return '请选择“是”或“否”';
    case 'unit':
      return '请选择“元”或“万元”';
    default:
      return undefined;
  }
}

/**
 * A finding as shown under its own field: without the field's name and place (the officer is looking at
 * them), and for a value that cannot be read, what to type instead.
 */
export function fieldMessage(finding: Finding, input: SchemeInput, scheme: Scheme, amountUnit: string): string {
  let text = formMessage(finding, scheme);
  const own = `“${input.label}”`;
  if (text.startsWith(own)) text = text.slice(own.length).replace(/^：/, '');
  // (out of range already says the range)
  if (finding.code === 'invalid_value') {
    const hint = whatToType(input, amountUnit);
    if (hint) text = `${text.replace(/[。；]$/, '')}。${hint}。`;
  }
  return text;
}
