import { columnLetters } from '../../../engine';
import { SheetBuilder } from '../builder';
import { heightFor, linesFor } from '../geometry';
import { BODY_SIZE } from '../styles';
import type { StyleKey } from '../types';
import type { SheetRenderer } from './types';

const INDEX_WIDTH = 6;
const NAME_WIDTH = 36;
const VALUE_WIDTH = 14;

/** A name of the form on another sheet, as a formula writes it: '项目支出绩效自评表2'!score_total. */
export function sheetName(sheet: string, name: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${name}`;
}

/** The formula showing a name of a form sheet: blank while it is blank. */
export function formNameFormula(sheet: string, name: string): string {
  const ref = sheetName(sheet, name);
  return `IF(${ref}="","",${ref})`;
}

/** The formula adding up a name over the form sheets (text such as “150万元” is left out, as SUM does). */
export function formSumFormula(sheets: string[], name: string): string {
  return `SUM(${sheets.map((s) => sheetName(s, name)).join(',')})`;
}

/**
 * forms_summary (项目自评汇总): one row per form sheet, each cell a formula showing one of that form's names
 * (through the sheet's own name, so that it follows the sheet however it is renamed), and a 合计 row. Nothing
 * here is typed: adding a project plans this sheet again.
 */
export const formsSummary: SheetRenderer<'forms_summary'> = (params, ctx) => {
  const { scheme, formSheets } = ctx;
  const b = new SheetBuilder(ctx.sheet, ctx.names, ctx.scope);
  const first = params.index ? 2 : 1;
  const last = first + params.columns.length - 1;
  const widths = [
    ...(params.index ? [INDEX_WIDTH] : []),
    ...params.columns.map((c, i) => (i === 0 && scheme.inputs.find((x) => x.name === c.name)?.kind === 'text' ? NAME_WIDTH : VALUE_WIDTH)),
  ];
  const styleOf = (name: string): StyleKey => {
    if (scheme.outputs.rate && name.startsWith(scheme.outputs.rate)) return 'outputRate';
    const input = scheme.inputs.find((x) => x.name === name);
    return input?.kind === 'text' ? 'outputText' : 'output';
  };
  let row = 1;
  b.put(1, row, 'title', { value: params.title }, last);
  b.height(row++, 36);
  const note = '本表由各项目表自动汇总，请勿修改；增加项目请用加载项或网页的“添加项目”。';
  b.put(1, row, 'note', { value: note }, last);
  b.height(row++, heightFor(linesFor(note, widths.reduce((a, w) => a + w, 0)), 9));
  const headerRow = row;
  if (params.index) b.put(1, row, 'header', { value: params.index });
  params.columns.forEach((c, i) => b.put(first + i, row, 'header', { value: c.header }));
  b.height(row++, 24);
  formSheets.forEach((sheet, k) => {
    if (params.index) b.put(1, row, 'center', { value: k + 1 });
    params.columns.forEach((c, i) => {
      b.put(first + i, row, styleOf(c.name), { formula: formNameFormula(sheet, c.name), derive: { kind: 'formName', sheet, name: c.name } });
    });
    b.height(row++, heightFor(2, BODY_SIZE));
  });
  if (params.totals.names.length) {
    const sums = new Set(params.totals.names);
    b.put(1, row, 'total', { value: params.totals.label }, params.index ? 1 : first);
    params.columns.forEach((c, i) => {
      const col = first + i;
      if (!params.index && i === 0) return;
      if (sums.has(c.name)) {
        b.put(col, row, 'output', { formula: formSumFormula(formSheets, c.name), derive: { kind: 'formSum', sheets: formSheets, name: c.name } });
      } else b.put(col, row, 'total');
    });
    b.height(row++, 24);
  }
  const end = row - 1;
  return b.finish(
    'forms_summary',
    'forms',
    widths,
    { orientation: 'landscape', area: `A1:${columnLetters(last)}${end}`, titleRows: `${headerRow}:${headerRow}` },
    { rows: headerRow, columns: 0 },
  );
};
