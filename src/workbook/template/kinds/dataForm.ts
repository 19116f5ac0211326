import { columnLetters } from '../../../engine';
import type { DataCell } from '../../../engine';
import { SheetBuilder } from '../builder';
import { heightFor, linesFor, span } from '../geometry';
import { PROTECTION, ROW_PROTECTION, showName } from '../page';
import { BODY_SIZE } from '../styles';
import type { StyleKey } from '../types';
import { fieldValidation } from '../validation';
import { DEFAULT_UNIT, inputStyle } from './common';
import type { SheetRenderer } from './types';

const LABEL_WIDTH = 34;
const VALUE_WIDTH = 13;
const LINE = 22;

/** The formula of a subtotal shown from inputs: blank while none of them holds a number. */
export function sumFormula(names: string[]): string {
  const list = names.join(',');
  return `IF(COUNT(${list})=0,"",SUM(${list}))`;
}

/**
 * data_form (部门整体支出绩效评价基础数据表): a label column and one column per value; each block a header row
 * (its title and column headers) and its lines — inputs, computed rates (控制率) with their calculation below
 * the block, subtotals shown by formula — and the rows of a table input (项目支出) as rows the officer extends.
 */
export const dataForm: SheetRenderer<'data_form'> = (params, ctx) => {
  const { scheme, options } = ctx;
  const submitted = options.submitted === true;
  const width = Math.max(1, ...params.blocks.map((bl) => bl.columns.length));
  const last = 1 + width;
  const widths = [LABEL_WIDTH, ...Array.from({ length: width }, () => VALUE_WIDTH)];
  const b = new SheetBuilder(ctx.sheet, ctx.names, ctx.scope);
  let row = 1;

  b.put(1, row, 'title', { value: params.title }, last);
  b.height(row++, 36);
  const unit = scheme.identity.unit;
  b.put(1, row, 'subtitle', { value: '金额单位：' });
  b.put(2, row, 'subtitle', { formula: showName(unit), derive: { kind: 'name', name: unit }, value: options.unit ?? DEFAULT_UNIT });
  if (last > 2) b.put(3, row, 'note', { value: '黄色单元格由单位填写；控制率和小计自动计算。' }, last);
  b.height(row++, LINE);
  const titleRows = `1:${row - 1}`;

  for (const block of params.blocks) {
    const cols = block.columns.length;
    if (block.title || cols) {
      b.put(1, row, 'header', { value: block.title }, cols ? 1 : last);
      block.columns.forEach((c, i) => b.put(2 + i, row, 'header', { value: c }));
      b.height(row++, Math.max(LINE, heightFor(Math.max(1, ...block.columns.map((c) => linesFor(c, VALUE_WIDTH))), BODY_SIZE)));
    }
    const texts: { label: string; name: string }[] = [];
    for (const line of block.lines) {
      if ('table' in line) {
        const table = scheme.table(line.table);
        const given = ctx.formOptions.rows?.[table.name];
        const rows = given === undefined ? line.rows : submitted ? given : Math.max(line.rows, given);
        const first = row;
        const lastRow = row + Math.max(1, rows) - 1;
        for (let r = first; r <= lastRow; r++) {
          table.fields.forEach((f, k) => {
            const style: StyleKey = submitted ? (k === 0 ? 'label' : 'center') : f.kind === 'text' ? 'rowText' : 'rowNumber';
            b.put(1 + k, r, style);
          });
          b.height(r, LINE);
        }
        const range = span(1, first, table.fields.length, lastRow);
        b.define(table.name, range, 'input');
        if (!submitted) {
          b.unlocked.push(range);
          b.rowBands.push({ first, last: lastRow });
          table.fields.forEach((f, k) => b.validations.push(fieldValidation(f, span(1 + k, first, 1 + k, lastRow))));
        }
        row = lastRow + 1;
        continue;
      }
      b.put(1, row, 'label', { value: `${'　'.repeat(line.indent)}${line.label}` });
      const one = cols === 0;
      line.cells.forEach((cell, i) => {
        const col = 2 + i;
        // (a block of fewer columns than the widest keeps to its own: the rows of a table there are a grid)
        const to = one ? last : col;
        place(b, cell, col, row, to, texts);
      });
      const label = line.cells.length === 1 && typeof line.cells[0] === 'string' ? scheme.input(line.cells[0]).kind : '';
      b.height(row++, label === 'text' ? heightFor(4, BODY_SIZE) : LINE);
    }
    for (const t of texts) {
      b.put(1, row, 'label', { value: `${t.label}计算` });
      b.output(t.name, 2, row, 'outputText', undefined, last);
      b.height(row++, heightFor(2, BODY_SIZE));
    }
  }
  const end = row - 1;
  return b.finish(
    'data_form',
    'data',
    widths,
    { orientation: 'portrait', area: `A1:${columnLetters(last)}${end}`, titleRows },
    { rows: 0, columns: 0 },
    submitted || !b.rowBands.length ? PROTECTION : ROW_PROTECTION,
  );

  /** One cell of a line: an input, a figure's rate (its text goes below the block), a subtotal, or nothing. */
  function place(builder: SheetBuilder, cell: DataCell, col: number, r: number, to: number, texts: { label: string; name: string }[]): void {
    if (cell === null) {
      builder.put(col, r, 'center', {}, to);
    } else if (typeof cell === 'string') {
      const input = scheme.input(cell);
      builder.input(input, col, r, input.kind === 'text' ? 'inputText' : inputStyle(input), undefined, to);
    } else if ('figure' in cell) {
      const figure = scheme.figures.find((f) => f.id === cell.figure)!;
      const rate = scheme.rateName(figure.id);
      if (rate) builder.output(rate, col, r, 'outputRate', undefined, to);
      texts.push({ label: figure.label, name: scheme.textName(figure.id) });
    } else {
      builder.put(col, r, 'output', { formula: sumFormula(cell.sum), derive: { kind: 'sum', names: cell.sum } }, to);
    }
  }
};
