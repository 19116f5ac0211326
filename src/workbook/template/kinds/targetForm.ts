import { columnLetters } from '../../../engine';
import type { Labelled, Scheme, TableField, TargetFormSheet } from '../../../engine';
import { SheetBuilder, type Content } from '../builder';
import { heightFor, linesFor, span } from '../geometry';
import { PROTECTION, ROW_PROTECTION } from '../page';
import { BODY_SIZE } from '../styles';
import type { StyleKey } from '../types';
import { fieldValidation, refuseValidation } from '../validation';
import { DEFAULT_UNIT, gradeBands, inputStyle, NOT_SCORED, prefills } from './common';
import type { KindContext, SheetRenderer } from './types';

/** A column of the printed table of the 报送版: a field as typed (年度指标值 folded), or an output column. */
export type PrintedColumn = TargetFormSheet['table']['submitted'][number];

/**
 * Where things go across the sheet. The working form lays the table's fields out in field order (the named
 * range of the table input, rows × fields), then 得分 and 计算过程. The 报送版 prints the national columns
 * (`submitted`) and keeps the typed table in hidden columns to the right, so that it can be re-scored.
 */
export interface TargetGrid {
  /** the last printed column */
  last: number;
  widths: number[];
  /** the first column of the typed table: field f is in column fields + f */
  fields: number;
  /** the columns of the row outputs (score_rows, text_rows) */
  score: number;
  text: number;
  /** the printed copies of the table's columns (报送版 only) */
  printed: { col: number; column: PrintedColumn }[];
  /** the label columns of the funds block and the goals: 1 … label */
  label: number;
  /** where the funds block's 得分 ends (its six cells run from label + 1 to here) */
  fundsEnd: number;
  hidden: number[];
}

const SCORE_WIDTH = 8;
const TEXT_WIDTH = 40;
const HIDDEN_WIDTH = 10;
const LINE = 22;

/** The grid of a target form's sheet, working or printed. */
export function targetGrid(params: TargetFormSheet, fields: TableField[], submitted: boolean): TargetGrid {
  const F = fields.length;
  const width = (f: TableField) => f.width ?? 10;
  if (!submitted) {
    return {
      last: F + 2,
      widths: [...fields.map(width), SCORE_WIDTH, TEXT_WIDTH],
      fields: 1,
      score: F + 1,
      text: F + 2,
      printed: [],
      label: 3,
      fundsEnd: F + 1,
      hidden: [],
    };
  }
  const columns = params.table.submitted;
  const V = columns.length;
  const printed = columns.map((column, i) => ({ col: i + 1, column }));
  const first = V + 2;
  let next = first + F;
  const shown = (o: 'score' | 'text') => printed.find((p) => 'output' in p.column && p.column.output === o)?.col;
  const score = shown('score') ?? next++;
  const text = shown('text') ?? next++;
  const widths: number[] = [];
  for (const { column } of printed) {
    if ('field' in column) {
      const f = fields.find((x) => x.name === column.field);
      // the printed 年度指标值 and 实际完成值 carry their operator and unit
      widths.push((f ? width(f) : 10) + (column.field === 'target' || column.field === 'actual' ? 4 : 0));
    } else widths.push(column.output === 'score' ? SCORE_WIDTH : TEXT_WIDTH);
  }
  for (let c = V + 1; c < next; c++) widths.push(HIDDEN_WIDTH);
  const hidden: number[] = [];
  for (let c = V + 1; c < next; c++) hidden.push(c);
  return { last: V, widths, fields: first, score, text, printed, label: 2, fundsEnd: V, hidden };
}

/** Consecutive column spans over from … to, one per count, each at least its count wide; the rest goes to the first ones. */
function spans(from: number, to: number, counts: number[]): [number, number][] {
  let extra = to - from + 1 - counts.reduce((a, n) => a + n, 0);
  const sizes = counts.slice();
  for (let i = 0; extra > 0; i = (i + 1) % 3, extra--) sizes[i]++;
  const out: [number, number][] = [];
  let at = from;
  for (const n of sizes) {
    out.push([at, at + n - 1]);
    at += n;
  }
  return out;
}

/** Columns 1 … last split into n nearly equal spans, the wider ones first. */
function split(from: number, to: number, n: number): [number, number][] {
  const total = to - from + 1;
  const out: [number, number][] = [];
  let at = from;
  for (let i = 0; i < n; i++) {
    const size = Math.floor(total / n) + (i < total % n ? 1 : 0);
    out.push([at, at + size - 1]);
    at += size;
  }
  return out;
}

const inputOf = (l: Labelled): string => (typeof l === 'string' ? l : l.input);

/** A text of the form with the money unit in brackets after it, following 金额单位 (项目资金（万元）). */
export function unitCaption(scheme: Scheme, text: string, unit: string): Content {
  const name = scheme.identity.unit;
  return {
    formula: `"${text}（"&IF(${name}="","${DEFAULT_UNIT}",${name})&"）"`,
    derive: { kind: 'caption', text, name, fallback: DEFAULT_UNIT },
    value: `${text}（${unit}）`,
  };
}

/**
 * target_form (项目支出绩效自评表, 部门整体支出绩效自评表): header lines, the funds block with the 预算执行率 line,
 * the overall goals, the indicator table whose rows the officer extends and shortens (a band of unlocked rows,
 * the table input and the row outputs named over the same rows), 总分 and 等级, the filler line.
 */
export const targetForm: SheetRenderer<'target_form'> = (params, ctx) => {
  const { scheme, options } = ctx;
  const targets = scheme.targets;
  if (!targets) throw new Error(`scheme ${scheme.id} has a target_form but no targets`);
  const table = scheme.table(targets.table);
  const submitted = options.submitted === true;
  const grid = targetGrid(params, table.fields, submitted);
  const b = new SheetBuilder(ctx.sheet, ctx.names, ctx.scope);
  const prefill = prefills(scheme, options);
  const unit = options.unit ?? DEFAULT_UNIT;
  const { last } = grid;
  let row = 1;

  b.put(1, row, 'title', { value: params.title }, last);
  b.height(row++, 36);
  if (!submitted) {
    b.put(1, row, 'label', { value: '图例' }, 2);
    b.put(3, row, 'legendInput', { value: '请在此填写' });
    b.put(4, row, 'legendOutput', { value: '自动计算，请勿修改' }, 5);
    const note = `在“${params.table.caption}”表的两行之间插入或删除整行即可增减指标行；灰色的“${params.table.score}”“${params.table.text}”列由评分自动填写。`;
    b.put(6, row, 'note', { value: note }, last);
    b.height(row++, Math.max(LINE, heightFor(linesFor(note, grid.widths.slice(5, last).reduce((a, w) => a + w, 0)), 9)));
  }

  // header lines: labelled fields side by side
  const labelledLine = (items: Labelled[]) => {
    const parts = split(1, last, items.length);
    let tallest = LINE;
    items.forEach((item, i) => {
      const input = scheme.input(inputOf(item));
      const [from, to] = parts[i];
      const labelEnd = to - from + 1 >= 4 ? from + 1 : from;
      const text = typeof item === 'string' ? input.label : item.label;
      b.put(from, row, 'label', { value: text }, labelEnd);
      b.input(input, labelEnd + 1, row, inputStyle(input), prefill.get(input.name), to);
      const width = grid.widths.slice(labelEnd, to).reduce((a, w) => a + w, 0);
      if (input.width) tallest = Math.max(tallest, heightFor(2, BODY_SIZE));
      tallest = Math.max(tallest, heightFor(linesFor(text, width), BODY_SIZE));
    });
    b.height(row++, tallest);
  };
  for (const line of params.header) labelledLine(line);

  // the funds block: caption and headers, 年度资金总额 with the execution rate, its 其中 lines, breakdowns
  const x = targets.execution;
  const o = scheme.outputs;
  const f = params.funds;
  const [initial, full, spent, weight, rate, score] = spans(grid.label + 1, grid.fundsEnd, [1, 1, 1, 1, 1, 1]);
  const textSpan: [number, number] | null = grid.fundsEnd < last ? [grid.fundsEnd + 1, last] : submitted ? [grid.text, grid.text] : null;
  b.put(1, row, 'header', unitCaption(scheme, f.caption, unit), grid.label);
  const heads: [[number, number], string][] = [
    [initial, f.headers.initial],
    [full, f.headers.full],
    [spent, f.headers.spent],
    [weight, f.headers.weight],
    [rate, f.headers.rate],
    [score, f.headers.score],
  ];
  for (const [[from, to], text] of heads) b.put(from, row, 'header', { value: text }, to);
  if (textSpan) b.put(textSpan[0], row, 'header', { value: params.table.text }, textSpan[1]);
  b.height(row++, LINE);

  const amount = (name: string | undefined, [from, to]: [number, number]) => {
    if (name) b.input(scheme.input(name), from, row, 'input', undefined, to);
    else b.put(from, row, 'center', {}, to);
  };
  b.put(1, row, 'label', { value: x.total.label }, grid.label);
  amount(x.total.initial, initial);
  amount(x.total.full, full);
  amount(x.total.spent, spent);
  b.put(weight[0], row, 'center', { value: x.weight }, weight[1]);
  const rateName = scheme.rateName(x.id);
  if (rateName) b.output(rateName, rate[0], row, 'outputRate', undefined, rate[1]);
  else b.put(rate[0], row, 'center', {}, rate[1]);
  b.output(scheme.scoreName(x.id), score[0], row, 'output', undefined, score[1]);
  if (textSpan) b.output(scheme.textName(x.id), textSpan[0], row, 'outputText', undefined, textSpan[1]);
  b.height(row++, heightFor(2, BODY_SIZE));

  x.lines.forEach((line, i) => {
    b.put(1, row, 'label', { value: i === 0 ? `${f.linesCaption}${line.label}` : `${'　'.repeat(f.linesCaption.length)}${line.label}` }, grid.label);
    amount(line.initial, initial);
    amount(line.full, full);
    amount(line.spent, spent);
    for (const [from, to] of [weight, rate, score]) b.put(from, row, 'center', { value: f.noScore }, to);
    if (textSpan) b.put(textSpan[0], row, 'label', {}, textSpan[1]);
    b.height(row++, LINE);
  });
  for (const breakdown of f.breakdowns) {
    b.put(1, row, 'label', { value: breakdown.title }, grid.fundsEnd);
    if (textSpan) b.put(textSpan[0], row, 'label', {}, textSpan[1]);
    b.height(row++, LINE);
    for (const item of breakdown.fields) {
      const input = scheme.input(inputOf(item));
      b.put(1, row, 'label', { value: `\u3000${typeof item === 'string' ? input.label : item.label}` }, grid.label);
      b.put(initial[0], row, 'center', {}, initial[1]);
      b.input(input, full[0], row, 'input', undefined, full[1]);
      b.put(spent[0], row, 'center', {}, score[1]);
      if (textSpan) b.put(textSpan[0], row, 'label', {}, textSpan[1]);
      b.height(row++, LINE);
    }
  }
  if (x.self.rate || x.self.score) {
    b.put(1, row, 'label', { value: f.selfLabel }, weight[1]);
    const self = (name: string | undefined, [from, to]: [number, number]) => {
      if (name) b.input(scheme.input(name), from, row, name === x.self.rate ? 'inputChoice' : 'input', undefined, to);
      else b.put(from, row, 'center', {}, to);
    };
    self(x.self.rate, rate);
    self(x.self.score, score);
    if (textSpan) b.put(textSpan[0], row, 'label', {}, textSpan[1]);
    b.height(row, LINE);
    // not on the national form: the 报送版 keeps it for re-scoring, out of print
    if (submitted) b.hiddenRows.push(row);
    row++;
  }

  // 年度总体目标: the two columns, then what was typed in each
  const g = params.goals;
  const mid = grid.label + Math.floor((last - grid.label) / 2);
  b.put(1, row, 'label', { value: g.caption }, grid.label, row + 1);
  b.put(grid.label + 1, row, 'header', { value: g.expected.header }, mid);
  b.put(mid + 1, row, 'header', { value: g.actual.header }, last);
  b.height(row++, LINE);
  b.input(scheme.input(g.expected.input), grid.label + 1, row, 'inputText', undefined, mid);
  b.input(scheme.input(g.actual.input), mid + 1, row, 'inputText', undefined, last);
  b.height(row++, heightFor(6, BODY_SIZE));

  // the indicator table
  const t = params.table;
  b.put(1, row, 'section', { value: t.caption }, last);
  b.height(row++, LINE);
  const headerRow = row;
  tableHeader(b, grid, table.fields, t, row);
  b.height(row++, heightFor(2, BODY_SIZE));
  const first = row;
  const laid = prelaid(scheme, t, ctx);
  const lastRow = first + laid.length - 1;
  laid.forEach((cells, i) => {
    tableRow(b, grid, table.fields, first + i, cells, submitted);
    b.height(first + i, heightFor(2, BODY_SIZE));
  });
  row = lastRow + 1;
  const F = table.fields.length;
  const fieldsRange = span(grid.fields, first, grid.fields + F - 1, lastRow);
  b.define(table.name, fieldsRange, 'input');
  if (o.rows) {
    b.define(o.rows.score, span(grid.score, first, grid.score, lastRow), 'output', true);
    b.define(o.rows.text, span(grid.text, first, grid.text, lastRow), 'output', true);
  }
  if (!submitted) {
    b.unlocked.push(fieldsRange);
    b.rowBands.push({ first, last: lastRow });
    table.fields.forEach((field, k) => b.validations.push(fieldValidation(field, span(grid.fields + k, first, grid.fields + k, lastRow))));
    b.validations.push(refuseValidation(t.score, span(grid.score, first, grid.score, lastRow)));
    b.validations.push(refuseValidation(t.text, span(grid.text, first, grid.text, lastRow)));
  }

  // 总分, 等级, the status line, the unit's own 总分
  const weightAt = submitted ? grid.printed.find((p) => 'field' in p.column && p.column.field === 'weight')?.col : grid.fields + table.fields.findIndex((x) => x.name === 'weight');
  const scoreAt = grid.score <= last ? grid.score : last;
  const w = weightAt !== undefined && weightAt > 1 && weightAt < scoreAt ? weightAt : scoreAt - 1;
  const fp = params.footer;
  b.put(1, row, 'total', { value: fp.total }, w - 1);
  b.put(w, row, 'total', { value: scheme.maxTotal });
  if (scoreAt - 1 > w) b.put(w + 1, row, 'total', {}, scoreAt - 1);
  b.output(o.total, scoreAt, row, 'output');
  if (last > scoreAt) b.put(scoreAt + 1, row, 'total', {}, last);
  b.height(row++, 26);
  b.put(1, row, 'total', { value: fp.grade }, w - 1);
  const bands = gradeBands(scheme);
  if (scoreAt - 1 >= w) b.put(w, row, 'hint', { value: bands }, scoreAt - 1);
  b.output(o.grade, scoreAt, row, 'output', undefined, last);
  b.height(row++, Math.max(26, heightFor(linesFor(bands, grid.widths.slice(w - 1, scoreAt - 1).reduce((a, x) => a + x, 0)), 9)));
  b.put(1, row, 'label', { value: fp.status }, w - 1);
  b.output(o.status, w, row, 'outputText', NOT_SCORED, last);
  b.height(row++, heightFor(2, BODY_SIZE));
  if (targets.selfTotal) {
    b.put(1, row, 'label', { value: fp.self }, scoreAt - 1);
    b.input(scheme.input(targets.selfTotal), scoreAt, row, 'input');
    if (last > scoreAt) b.put(scoreAt + 1, row, 'label', {}, last);
    b.height(row, LINE);
    if (submitted) b.hiddenRows.push(row);
    row++;
  }
  labelledLine(params.filler);
  const end = row - 1;

  b.hiddenColumns.push(...grid.hidden.map(columnLetters));
  return b.finish(
    'target_form',
    'form',
    grid.widths,
    { orientation: 'landscape', area: `A1:${columnLetters(last)}${end}`, titleRows: `${headerRow}:${headerRow}` },
    { rows: 0, columns: 0 },
    submitted ? PROTECTION : ROW_PROTECTION,
  );
};

/** The header of the table: the fields' labels, 得分, 计算过程 (the 报送版: its printed columns, then the typed table's). */
function tableHeader(b: SheetBuilder, grid: TargetGrid, fields: TableField[], t: TargetFormSheet['table'], row: number): void {
  const outputLabel = (o: 'score' | 'text') => (o === 'score' ? t.score : t.text);
  for (const { col, column } of grid.printed) {
    b.put(col, row, 'header', { value: 'field' in column ? (fields.find((f) => f.name === column.field)?.label ?? column.field) : outputLabel(column.output) });
  }
  if (grid.printed.length) b.put(grid.last + 1, row, 'header');
  fields.forEach((f, k) => b.put(grid.fields + k, row, 'header', { value: f.label }));
  const printed = (o: 'score' | 'text') => grid.printed.some((p) => 'output' in p.column && p.column.output === o);
  if (!printed('score')) b.put(grid.score, row, 'header', { value: t.score });
  if (!printed('text')) b.put(grid.text, row, 'header', { value: t.text });
}

/** One row of the table: its fields (with the pre-laid 一级/二级 labels), and the output cells. */
function tableRow(b: SheetBuilder, grid: TargetGrid, fields: TableField[], row: number, values: Record<string, string>, submitted: boolean): void {
  if (submitted) {
    for (const { col, column } of grid.printed) {
      const text = 'field' in column && ['name', 'deviation'].includes(column.field);
      b.put(col, row, text ? 'text' : 'center');
    }
    b.put(grid.last + 1, row, 'label');
    fields.forEach((_, k) => b.put(grid.fields + k, row, 'label'));
    const printed = (o: 'score' | 'text') => grid.printed.some((p) => 'output' in p.column && p.column.output === o);
    if (!printed('score')) b.put(grid.score, row, 'label');
    if (!printed('text')) b.put(grid.text, row, 'label');
    return;
  }
  fields.forEach((f, k) => {
    const style: StyleKey = f.choices ? 'rowChoice' : f.kind === 'text' ? 'rowText' : 'rowNumber';
    const value = values[f.name];
    b.put(grid.fields + k, row, style, value === undefined ? {} : { value });
  });
  b.put(grid.score, row, 'rowOutput');
  b.put(grid.text, row, 'rowOutputText');
}

/**
 * The rows laid out: for each standard 二级 `rowsPerGroup` rows, the 一级 label (产出指标（50分）) on the first
 * row of its level and the 二级 on the first of its group (the engine reads blank labels as the ones above), then
 * the spare rows — or, when the form says how many rows its data has, that many blank rows and the spare ones.
 */
function prelaid(scheme: Scheme, t: TargetFormSheet['table'], ctx: KindContext): Record<string, string>[] {
  const targets = scheme.targets!;
  const given = ctx.formOptions.rows?.[targets.table];
  // the 报送版 prints the rows there are; a template filled from data has room for more
  if (given !== undefined) return Array.from({ length: Math.max(1, ctx.options.submitted ? given : given + t.spareRows) }, () => ({}));
  const rows: Record<string, string>[] = [];
  for (const level of targets.levels) {
    level.groups.forEach((group, g) => {
      for (let i = 0; i < t.rowsPerGroup; i++) {
        const row: Record<string, string> = {};
        if (g === 0 && i === 0) row.level1 = t.levelLabel.replace('{name}', level.name).replace('{weight}', String(level.weight));
        if (i === 0) row.level2 = group.name;
        rows.push(row);
      }
    });
  }
  for (let i = 0; i < t.spareRows; i++) rows.push({});
  return rows;
}

