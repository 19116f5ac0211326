import { Decimal } from './decimal';
import { cellText, offsetCell } from './cells';
import type { Scheme, SchemeInput } from './scheme';
import type { CellRef, Finding, InputSource, InputValue, ParsedInput, RawValue } from './types';
import {
  MoneyUnit,
  Parsed,
  parseDate,
  parseMoneyUnit,
  parseNumber,
  parseSurveyAnswer,
  parseText,
  parseYesNo,
  shown,
} from './values';

export interface ParsedInputs {
  values: Record<string, ParsedInput>;
  findings: Finding[];
  /** label and place of an input, as messages name it: 编制数（基本情况表!D8） */
  where(name: string): string;
  cell(name: string): string | undefined;
}

export function parseInputs(scheme: Scheme, source: InputSource): ParsedInputs {
  const findings: Finding[] = [];
  const values: Record<string, ParsedInput> = {};
  const cellOf = (name: string): string | undefined => {
    const ref = source.cells?.[name];
    return ref ? cellText(ref) : undefined;
  };
  // without a workbook the JSON key is the place an officer can find and fix
  const where = (name: string): string => `${labelOf(scheme, name)}（${cellOf(name) ?? name}）`;

  const finding = (f: Omit<Finding, 'cells'> & { cells?: string[] }): void => {
    findings.push({ ...f, cells: f.cells ?? f.inputs.map(cellOf).filter((c): c is string => !!c) });
  };

  // the money unit first: amounts typed with the other unit are converted to it
  const unitInput = scheme.inputs.find((i) => i.kind === 'unit');
  let formUnit: MoneyUnit | undefined;
  if (unitInput) {
    const u = parseMoneyUnit(source.values[unitInput.name]);
    if (u.kind === 'ok') formUnit = u.value;
  }

  for (const input of scheme.inputs) {
    const raw = source.values[input.name];
    if (input.kind === 'survey') {
      values[input.name] = parseSurvey(input, raw, source.cells?.[input.name], where, finding);
      continue;
    }
    const parsed = parseOne(input, raw, formUnit);
    if (parsed.kind === 'blank') {
      values[input.name] = { state: 'blank' };
      if (input.required) {
        finding({ severity: 'error', code: 'missing_input', message: `${where(input.name)}未填写（必填）`, inputs: [input.name] });
      }
    } else if (parsed.kind === 'bad') {
      values[input.name] = { state: 'invalid' };
      finding({ severity: 'error', code: parsed.code, message: `${where(input.name)}：${parsed.reason}`, inputs: [input.name] });
    } else {
      values[input.name] = { state: 'ok', value: parsed.value };
      if (parsed.note) {
        finding({ severity: 'warning', code: 'unit_converted', message: `${where(input.name)}：${parsed.note}`, inputs: [input.name] });
      }
      const v = parsed.value;
      if (v instanceof Decimal && v.isNeg() && !v.isZero() && input.negativeAsMagnitude) {
        values[input.name] = { state: 'ok', value: v.abs() };
        finding({
          severity: 'warning',
          code: 'negative_value',
          message: `${where(input.name)}填写了负数${v.toString()}，按其绝对值${v.abs().toString()}计算`,
          inputs: [input.name],
        });
      }
    }
  }
  return { values, findings, where, cell: cellOf };
}

function labelOf(scheme: Scheme, name: string): string {
  return scheme.inputs.find((i) => i.name === name)?.label ?? name;
}

function parseOne(input: SchemeInput, raw: RawValue, formUnit: MoneyUnit | undefined): Parsed<InputValue> {
  switch (input.kind) {
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
      const kind = input.kind;
      const n = parseNumber(raw, { kind, formUnit });
      if (n.kind !== 'ok') return n;
      return checkRange(input, n.value, raw) ?? n;
    }
  }
}

/** Integers where counts are asked for, no negatives (unless declared), and the declared min/max. */
function checkRange(input: SchemeInput, value: Decimal, raw: RawValue): Parsed<never> | undefined {
  if ((input.kind === 'integer' || input.kind === 'year') && !value.isInteger()) {
    return { kind: 'bad', code: 'invalid_value', reason: `${shown(raw)}应为整数` };
  }
  if (value.isNeg() && !value.isZero() && !input.negativeAsMagnitude && (input.min ?? 0) >= 0) {
    return { kind: 'bad', code: 'invalid_value', reason: `${shown(raw)}不能为负数` };
  }
  if (input.negativeAsMagnitude) return undefined;
  const unit = input.unit && input.unit !== '年' ? input.unit : '';
  if (input.min !== undefined && value.lt(input.min)) {
    return { kind: 'bad', code: 'out_of_range', reason: `${shown(raw)}超出范围（应不小于${input.min}${unit}）` };
  }
  if (input.max !== undefined && value.gt(input.max)) {
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
  let points = new Decimal(0);
  let invalid = false;
  raw.forEach((row, r) => {
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
  return { state: 'ok', value: { count, points } };
}
