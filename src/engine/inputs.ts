import { Decimal, ZERO, compare } from './decimal';
import { cellText, offsetCell } from './cells';
import type { Scheme, SchemeInput, SchemeTable } from './scheme';
import type { CellRef, Finding, InputSource, InputValue, ParsedInput, RawValue } from './types';
import {
  MoneyUnit,
  Parsed,
  parseDate,
  parseDouble,
  parseMoneyUnit,
  parseNumber,
  parseSurveyAnswer,
  parseText,
  parseYesNo,
  shown,
} from './values';

export interface ParsedInputs {
  values: Record<string, ParsedInput>;
  /** the same entries by the input's place in the scheme's list */
  list: ParsedInput[];
  /** an input's entry by its name (a look-up cheaper than a property named at run time); undefined if none */
  get(name: string): ParsedInput | undefined;
  findings: Finding[];
  /** label and place of an input, as messages name it: 编制数（基本情况表!D8） */
  where(name: string): string;
  /** an input's label: 编制数 */
  label(name: string): string;
  cell(name: string): string | undefined;
  /** the cell of field f of row r of a table input (its top-left cell offset by r rows and f columns) */
  tableCell(name: string, r: number, f: number): string | undefined;
  /** how messages name that cell: 项目支出绩效自评表!F12, or in_indicators[2].weight without a workbook */
  tablePlace(name: string, r: number, f: number): string;
}

/**
 * One input as parsing reads it, worked out once per scheme: the fields the loop reads, in one shape for every
 * input (the scheme's own objects differ in which optional fields they have), and its bounds as Decimal.
 */
interface Step {
  input: SchemeInput;
  name: string;
  kind: SchemeInput['kind'];
  required: boolean;
  negativeAsMagnitude: boolean;
  /**
   * the declared min where a value can fall below it: not for a min of 0, since negative values are refused
   * before (see checkRange), nor for inputs that take a negative as its magnitude
   */
  min: Decimal | undefined;
  max: Decimal | undefined;
  /** for a questionnaire grid, its scale's answers */
  survey: SurveyPlan | undefined;
}

/** What parsing needs of a scheme, worked out once per scheme object (the scheme was validated on load). */
interface InputPlan {
  steps: Step[];
  labels: Map<string, string>;
  /** each input's place in the scheme's list, by name */
  places: Map<string, number>;
  unitInput: SchemeInput | undefined;
  /** an object with every input's name as a key, in the scheme's order (tables last) */
  entries: Record<string, ParsedInput>;
  tables: SchemeTable[];
}

/**
 * Answers of a questionnaire that read as written (非常满意, 满意, 5, 4…), each with its points, found by running
 * the full reading (parseSurveyAnswer) on every label and points value of the scale. Only for scales whose
 * points are whole numbers, so that a grid of such answers can be tallied as an integer sum.
 */
interface SurveyPlan {
  asWritten: Map<string | number, number> | undefined;
}

const plans = new WeakMap<Scheme, InputPlan>();

function planOf(scheme: Scheme): InputPlan {
  let plan = plans.get(scheme);
  if (!plan) {
    plan = {
      steps: scheme.inputs.map(
        (input): Step => ({
          input,
          name: input.name,
          kind: input.kind,
          required: input.required === true,
          negativeAsMagnitude: input.negativeAsMagnitude === true,
          min: input.min === undefined || input.min === 0 || input.negativeAsMagnitude ? undefined : new Decimal(input.min),
          max: input.max === undefined || input.negativeAsMagnitude ? undefined : new Decimal(input.max),
          survey: input.kind === 'survey' ? surveyPlan(input.answers ?? []) : undefined,
        }),
      ),
      labels: new Map([...scheme.inputs, ...scheme.tables].map((i) => [i.name, i.label])),
      places: new Map([...scheme.inputs, ...scheme.tables].map((input, i) => [input.name, i])),
      unitInput: scheme.inputs.find((i) => i.kind === 'unit'),
      entries: Object.fromEntries([...scheme.inputs, ...scheme.tables].map((i) => [i.name, { state: 'blank' }])),
      tables: scheme.tables,
    };
    plans.set(scheme, plan);
  }
  return plan;
}

/** Whole-number points small enough that any grid's sum stays an exact JS integer. */
const MAX_FAST_POINTS = 1e6;

function surveyPlan(answers: { label: string; points: number }[]): SurveyPlan {
  if (!answers.every((a) => Number.isInteger(a.points) && a.points >= 0 && a.points <= MAX_FAST_POINTS)) {
    return { asWritten: undefined };
  }
  const scale = { answers };
  const asWritten = new Map<string | number, number>();
  const keys: (string | number)[] = [];
  for (const a of answers) keys.push(a.label, String(a.points), a.points);
  for (const key of keys) {
    if (asWritten.has(key)) continue;
    const p = parseSurveyAnswer(key, scale);
    if (p.kind === 'ok') asWritten.set(key, p.value.toNumber());
  }
  return { asWritten };
}

export function parseInputs(scheme: Scheme, source: InputSource): ParsedInputs {
  const plan = planOf(scheme);
  const findings: Finding[] = [];
  // every input gets its entry below, in the scheme's order: starting from a copy of an object with those keys
  // is cheaper than adding them one by one
  const values: Record<string, ParsedInput> = { ...plan.entries };
  const cellOf = (name: string): string | undefined => {
    const ref = source.cells?.[name];
    return ref ? cellText(ref) : undefined;
  };
  // without a workbook the JSON key is the place an officer can find and fix
  const where = (name: string): string => `${plan.labels.get(name) ?? name}（${cellOf(name) ?? name}）`;

  const finding = (f: Omit<Finding, 'cells'> & { cells?: string[] }): void => {
    findings.push({ ...f, cells: f.cells ?? f.inputs.map(cellOf).filter((c): c is string => !!c) });
  };

  // the money unit first: amounts typed with the other unit are converted to it
  const unitInput = plan.unitInput;
  let formUnit: MoneyUnit | undefined;
  if (unitInput) {
    const u = parseMoneyUnit(source.values[unitInput.name]);
    if (u.kind === 'ok') formUnit = u.value;
  }

  const steps = plan.steps;
  const list: ParsedInput[] = new Array(steps.length + plan.tables.length);
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const name = step.name;
    const raw = source.values[name];
    let entry: ParsedInput;
    if (step.survey) {
      entry = parseSurvey(step.input, step.survey, raw, source.cells?.[name], where, finding);
    } else {
      const parsed = parseOne(step, raw, formUnit);
      if (parsed.kind === 'blank') {
        entry = { state: 'blank' };
        if (step.required) {
          finding({ severity: 'error', code: 'missing_input', message: `${where(name)}未填写（必填）`, inputs: [name] });
        }
      } else if (parsed.kind === 'bad') {
        entry = { state: 'invalid' };
        finding({ severity: 'error', code: parsed.code, message: `${where(name)}：${parsed.reason}`, inputs: [name] });
      } else {
        entry = { state: 'ok', value: parsed.value };
        if (parsed.note) {
          finding({ severity: 'warning', code: 'unit_converted', message: `${where(name)}：${parsed.note}`, inputs: [name] });
        }
        const v = parsed.value;
        if (step.negativeAsMagnitude && v instanceof Decimal && v.isNeg() && !v.isZero()) {
          entry = { state: 'ok', value: v.abs() };
          finding({
            severity: 'warning',
            code: 'negative_value',
            message: `${where(name)}填写了负数${v.toString()}，按其绝对值${v.abs().toString()}计算`,
            inputs: [name],
          });
        }
      }
    }
    values[name] = entry;
    list[i] = entry;
  }
  const tableCell = (name: string, r: number, f: number): string | undefined => {
    const ref = source.cells?.[name];
    return ref ? cellText(offsetCell(ref, r, f)) : undefined;
  };
  const tablePlace = (name: string, r: number, f: number): string => {
    const cell = tableCell(name, r, f);
    if (cell) return cell;
    const field = plan.tables.find((t) => t.name === name)?.fields[f]?.name ?? String(f);
    return `${name}[${r}].${field}`;
  };
  for (let k = 0; k < plan.tables.length; k++) {
    const table = plan.tables[k];
    const entry = parseTable(table, source.values[table.name], formUnit, tablePlace, finding);
    if (entry.state === 'blank' && table.required) {
      finding({ severity: 'error', code: 'missing_input', message: `${where(table.name)}未填写（必填）`, inputs: [table.name] });
    }
    values[table.name] = entry;
    list[steps.length + k] = entry;
  }
  const places = plan.places;
  const get = (name: string): ParsedInput | undefined => {
    const at = places.get(name);
    return at === undefined ? undefined : list[at];
  };
  const label = (name: string): string => plan.labels.get(name) ?? name;
  return { values, list, get, findings, where, label, cell: cellOf, tableCell, tablePlace };
}

const FIELD_NUMBER_KIND = { number: 'number', amount: 'amount', integer: 'integer' } as const;

/**
 * A table input: rows of cells in field order (from a workbook) or records keyed by field name (JSON read at run
 * time); each cell read by its field's kind, a wrong cell an error naming it. Rows keep their index, blank ones
 * included; a table whose rows are all blank is blank.
 */
function parseTable(
  table: SchemeTable,
  raw: RawValue,
  formUnit: MoneyUnit | undefined,
  place: (name: string, r: number, f: number) => string,
  finding: (f: Omit<Finding, 'cells'> & { cells?: string[] }) => void,
): ParsedInput {
  if (raw === null || raw === undefined) return { state: 'blank' };
  if (!Array.isArray(raw)) {
    finding({ severity: 'error', code: 'invalid_value', message: `${table.label}（${table.name}）：应为逐行填写的表格`, inputs: [table.name] });
    return { state: 'invalid' };
  }
  const fields = table.fields;
  const rows: RawValue[][] = new Array(raw.length);
  const cells: ParsedInput[][] = new Array(raw.length);
  let filled = false;
  for (let r = 0; r < raw.length; r++) {
    const given = inFieldOrder(raw[r], fields);
    if (!given && raw[r] !== null && raw[r] !== undefined) {
      finding({ severity: 'error', code: 'invalid_value', message: `${table.label}第${r + 1}行（${table.name}[${r}]）：应为一行单元格，不是${shown(raw[r])}`, inputs: [table.name] });
    }
    const row = given ?? [];
    rows[r] = row;
    const parsed: ParsedInput[] = new Array(fields.length);
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f];
      const v = row[f];
      // the usual cells first: text as typed, and blanks, without the general reading's intermediate objects
      if (v === null || v === undefined) {
        parsed[f] = BLANK;
        continue;
      }
      if (field.kind === 'text' && typeof v === 'string') {
        const entry = textEntry(v);
        parsed[f] = entry;
        if (entry !== BLANK) filled = true;
        continue;
      }
      let p: Parsed<InputValue>;
      if (field.kind === 'text') p = parseText(v);
      else {
        p = typeof v === 'number' ? parseDouble(v) : parseNumber(v, { kind: FIELD_NUMBER_KIND[field.kind], formUnit });
        if (p.kind === 'ok' && (p.value as Decimal).isNeg() && !(p.value as Decimal).isZero()) {
          p = { kind: 'bad', code: 'invalid_value', reason: `${shown(v)}不能为负数` };
        } else if (p.kind === 'ok' && field.kind === 'integer' && !(p.value as Decimal).isInteger()) {
          p = { kind: 'bad', code: 'invalid_value', reason: `${shown(v)}应为整数` };
        }
      }
      if (p.kind === 'ok') {
        parsed[f] = { state: 'ok', value: p.value };
        filled = true;
      } else if (p.kind === 'bad') {
        parsed[f] = { state: 'invalid' };
        filled = true;
        const cell = place(table.name, r, f);
        finding({
          severity: 'error',
          code: p.code,
          message: `${table.label}第${r + 1}行${field.label}（${cell}）：${p.reason}`,
          inputs: [table.name],
          cells: /!/.test(cell) ? [cell] : [],
        });
      } else parsed[f] = BLANK;
    }
    cells[r] = parsed;
  }
  if (!filled) return { state: 'blank' };
  return { state: 'ok', value: { raw: rows, cells } };
}

const BLANK: ParsedInput = { state: 'blank' };

/**
 * The entry of a text cell, one object per text: a table is read again on every recompute, and its cells are
 * mostly the same texts (entries are only ever read). Bounded, like the other caches of cell readings.
 */
const textEntries = new Map<string, ParsedInput>();

function textEntry(v: string): ParsedInput {
  let entry = textEntries.get(v);
  if (entry === undefined) {
    const t = v.trim();
    entry = t === '' ? BLANK : { state: 'ok', value: t };
    if (textEntries.size >= 20000) textEntries.clear();
    textEntries.set(v, entry);
  }
  return entry;
}

/** A row as an array in field order: an array as it is, a record by field name; undefined for anything else. */
function inFieldOrder(row: unknown, fields: SchemeTable['fields']): RawValue[] | undefined {
  if (Array.isArray(row)) return row as RawValue[];
  if (typeof row === 'object' && row !== null && !(row instanceof Date)) {
    const record = row as Record<string, RawValue>;
    return fields.map((f) => record[f.name]);
  }
  return undefined;
}

function parseOne(step: Step, raw: RawValue, formUnit: MoneyUnit | undefined): Parsed<InputValue> {
  switch (step.kind) {
    case 'text':
      return parseText(raw);
    case 'date':
      return parseDate(raw);
    case 'unit':
      return parseMoneyUnit(raw);
    case 'yesno':
      return parseYesNo(raw);
    case 'survey':
      throw new Error('survey grids are parsed by parseSurvey');
    default: {
      const n = typeof raw === 'number' ? parseDouble(raw) : parseNumber(raw, { kind: step.kind, formUnit });
      if (n.kind !== 'ok') return n;
      return checkRange(step, n.value, raw) ?? n;
    }
  }
}

/** Integers where counts are asked for, no negatives (unless declared), and the declared min/max. */
function checkRange(step: Step, value: Decimal, raw: RawValue): Parsed<never> | undefined {
  const input = step.input;
  if ((step.kind === 'integer' || step.kind === 'year') && !value.isInteger()) {
    return { kind: 'bad', code: 'invalid_value', reason: `${shown(raw)}应为整数` };
  }
  if (value.isNeg() && !value.isZero() && !step.negativeAsMagnitude && (input.min ?? 0) >= 0) {
    return { kind: 'bad', code: 'invalid_value', reason: `${shown(raw)}不能为负数` };
  }
  if (step.negativeAsMagnitude) return undefined;
  if (step.min && compare(value, step.min) < 0) {
    const unit = input.unit && input.unit !== '年' ? input.unit : '';
    return { kind: 'bad', code: 'out_of_range', reason: `${shown(raw)}超出范围（应不小于${input.min}${unit}）` };
  }
  if (step.max && compare(value, step.max) > 0) {
    const unit = input.unit && input.unit !== '年' ? input.unit : '';
    const range = input.min !== undefined ? `${input.min}～${input.max}${unit}` : `不大于${input.max}${unit}`;
    return { kind: 'bad', code: 'out_of_range', reason: `${shown(raw)}超出范围（应为${range}）` };
  }
  return undefined;
}

/**
 * The questionnaire grid: one row per questionnaire, blank rows ignored. A row with some answers missing
 * is not a valid questionnaire (按实际有效问卷份数) and is left out with a warning; a wrong answer is an error.
 */
function parseSurvey(
  input: SchemeInput,
  plan: SurveyPlan,
  raw: RawValue,
  topLeft: CellRef | undefined,
  where: (name: string) => string,
  finding: (f: Finding) => void,
): ParsedInput {
  if (raw === null || raw === undefined) return { state: 'blank' };
  if (!Array.isArray(raw)) {
    finding({ severity: 'error', code: 'invalid_value', message: `${where(input.name)}：应为逐份问卷的答案表`, inputs: [input.name] });
    return { state: 'invalid' };
  }
  const scale = { answers: input.answers ?? [] };
  const questions = input.questions ?? 0;
  const at = (r: number, c: number): string =>
    topLeft ? cellText(offsetCell(topLeft, r, c)) : `${input.name}第${r + 1}份第${c + 1}题`;
  let count = 0;
  let points = ZERO;
  // points of the rows read through the fast path: whole numbers (see surveyPlan)
  let fastPoints = 0;
  let invalid = false;
  const asWritten = plan.asWritten;
  let lastAnswer: string | number | undefined;
  let lastPoints = 0;
  raw.forEach((row, r) => {
    // fast path: a row of exactly `questions` answers, each as written on the scale; anything else (blanks,
    // extra cells, ☑满意, wrong answers) takes the full reading below, which gives such a row the same tally
    if (asWritten && Array.isArray(row) && row.length === questions) {
      let sum = 0;
      let c = 0;
      for (; c < questions; c++) {
        const v = row[c];
        // answers run in streaks (a row of 满意): the previous answer's points need no look-up
        let pts: number | undefined;
        if (v === lastAnswer && v !== undefined) pts = lastPoints;
        else if (typeof v === 'string' || typeof v === 'number') {
          pts = asWritten.get(v);
          if (pts !== undefined) {
            lastAnswer = v;
            lastPoints = pts;
          }
        }
        if (pts === undefined) break;
        sum += pts;
      }
      if (c === questions) {
        count += 1;
        fastPoints += sum;
        return;
      }
    }
    const cells: RawValue[] = Array.isArray(row) ? row : [row];
    const parsed = Array.from({ length: questions }, (_, c) => parseSurveyAnswer(cells[c], scale));
    if (cells.length > questions && cells.slice(questions).some((v) => parseText(v).kind === 'ok')) {
      finding({
        severity: 'warning',
        code: 'extra_answers',
        message: `满意度调查第${r + 1}份问卷（${at(r, questions)}）：超出${questions}题的内容不计分`,
        inputs: [input.name],
        cells: topLeft ? [at(r, questions)] : [],
      });
    }
    if (parsed.every((p) => p.kind === 'blank')) return;
    parsed.forEach((p, c) => {
      if (p.kind === 'bad') {
        invalid = true;
        finding({
          severity: 'error',
          code: p.code,
          message: `满意度调查第${r + 1}份问卷第${c + 1}题（${at(r, c)}）：${p.reason}`,
          inputs: [input.name],
          cells: topLeft ? [at(r, c)] : [],
        });
      }
    });
    const blanks = parsed.map((p, c) => (p.kind === 'blank' ? c : -1)).filter((c) => c >= 0);
    if (blanks.length) {
      finding({
        severity: 'warning',
        code: 'incomplete_questionnaire',
        message: `满意度调查第${r + 1}份问卷有${blanks.length}题未作答（${blanks.map((c) => at(r, c)).join('、')}），不计入有效问卷`,
        inputs: [input.name],
        cells: topLeft ? blanks.map((c) => at(r, c)) : [],
      });
      return;
    }
    count += 1;
    for (const p of parsed) if (p.kind === 'ok') points = points.plus(p.value);
  });
  if (invalid) return { state: 'invalid' };
  if (count === 0) return { state: 'blank' };
  return { state: 'ok', value: { count, points: fastPoints === 0 ? points : points.plus(fastPoints) } };
}
