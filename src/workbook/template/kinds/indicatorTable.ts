import { Decimal, columnLetters } from '../../../engine';
import type { SchemeIndicator } from '../../../engine';
import { SheetBuilder } from '../builder';
import { heightFor, linesFor } from '../geometry';
import { showName } from '../page';
import { BODY_SIZE } from '../styles';
import type { SheetRenderer } from './types';

// A 一级, B 二级, C 分值, D 三级, E 分值, F 评价标准, G 备注, H 评价得分 (printed); I 得分 (a number, not printed)
const WIDTHS = [7, 9, 6, 14, 6, 42, 36, 38, 9];
const [L1, L2, L2W, NAME, WEIGHT, CRITERIA, NOTE, TEXT, SCORE] = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const HEADER_ROW = 3;
const FIRST = HEADER_ROW + 1;
/** room for the calculation text written into 评价得分 */
const TEXT_LINES = 3;

/** Consecutive items with the same key, as [first, last] indexes. */
function runs<T>(items: T[], key: (item: T, index: number) => string): [number, number][] {
  const out: [number, number][] = [];
  items.forEach((item, i) => {
    const last = out[out.length - 1];
    if (last && key(items[last[1]], last[1]) === key(item, i)) last[1] = i;
    else out.push([i, i]);
  });
  return out;
}

/** indicator_table (评分表): the official eight columns, one row per indicator, 一级/二级 merged, 合计 at the bottom. */
export const indicatorTable: SheetRenderer<'indicator_table'> = (layout, { scheme, options, names, sheet, scope }) => {
  const b = new SheetBuilder(sheet, names, scope);
  const inds = scheme.indicators;
  const rowOf = (i: number) => FIRST + i;
  const totalRow = FIRST + inds.length;

  b.put(1, 1, 'title', { value: layout.title }, TEXT);
  b.height(1, 36);
  b.put(1, 2, 'subtitle', { value: '单位名称（盖章）：' }, L2W);
  const dept = scheme.identity.dept;
  b.put(NAME, 2, 'subtitle', { formula: showName(dept), derive: { kind: 'name', name: dept }, ...(options.dept ? { value: options.dept } : {}) }, CRITERIA);
  b.put(NOTE, 2, 'subtitle', { value: '评价年度：' });
  const year = scheme.identity.year;
  b.put(TEXT, 2, 'subtitle', { formula: showName(year), derive: { kind: 'name', name: year }, ...(options.year !== undefined ? { value: options.year } : {}) });
  b.height(2, 22);

  layout.headers.forEach((h, i) => b.put(i + 1, HEADER_ROW, 'header', { value: h }));
  b.put(SCORE, HEADER_ROW, 'header', { value: '得分' });
  b.height(HEADER_ROW, heightFor(linesFor(layout.headers[TEXT - 1], WIDTHS[TEXT - 1]), BODY_SIZE));

  // each row is as tall as its longest own text; merged criteria/notes get their share below
  const lines = inds.map((ind) => Math.max(TEXT_LINES, linesFor(ind.name, WIDTHS[NAME - 1])));
  const mergedText = (col: number, text: (ind: SchemeIndicator) => string) => {
    // identical texts within a 二级 share one cell (the three 效益 rows); blank ones stay apart
    const key = (ind: SchemeIndicator, i: number) => (text(ind) ? `${ind.level1}/${ind.level2}/${text(ind)}` : `#${i}`);
    for (const [first, last] of runs(inds, key)) {
      const value = text(inds[first]);
      b.put(col, rowOf(first), 'text', value ? { value } : {}, col, rowOf(last));
      const need = linesFor(value, WIDTHS[col - 1]);
      const have = lines.slice(first, last + 1).reduce((a, n) => a + n, 0);
      if (need > have) {
        const extra = Math.ceil((need - have) / (last - first + 1));
        for (let i = first; i <= last; i++) lines[i] += extra;
      }
    }
  };
  mergedText(CRITERIA, (ind) => ind.criteria);
  mergedText(NOTE, (ind) => ind.note);

  for (const [first, last] of runs(inds, (ind) => ind.level1)) {
    b.put(L1, rowOf(first), 'center', { value: inds[first].level1 }, L1, rowOf(last));
  }
  for (const [first, last] of runs(inds, (ind) => `${ind.level1}/${ind.level2}`)) {
    const ind = inds[first];
    const weight = scheme.levels.find((l) => l.name === ind.level1)?.groups.find((g) => g.name === ind.level2)?.weight;
    b.put(L2, rowOf(first), 'center', { value: ind.level2 }, L2, rowOf(last));
    b.put(L2W, rowOf(first), 'center', weight === undefined ? {} : { value: weight }, L2W, rowOf(last));
  }
  inds.forEach((ind, i) => {
    const row = rowOf(i);
    b.put(NAME, row, 'center', { value: ind.name });
    b.put(WEIGHT, row, 'center', { value: ind.weight });
    b.output(scheme.textName(ind.id), TEXT, row, 'outputText');
    b.output(scheme.scoreName(ind.id), SCORE, row, 'output');
    b.height(row, heightFor(lines[i], BODY_SIZE));
  });

  const weights = inds.reduce((acc, ind) => acc.plus(ind.weight), new Decimal(0)).toNumber();
  const groups = scheme.levels.flatMap((l) => l.groups).reduce((acc, g) => acc.plus(g.weight), new Decimal(0)).toNumber();
  const total = scheme.outputs.total;
  b.put(L1, totalRow, 'total', { value: '合计' }, L2);
  b.put(L2W, totalRow, 'total', { value: groups });
  b.put(NAME, totalRow, 'total');
  b.put(WEIGHT, totalRow, 'total', { value: weights });
  b.put(CRITERIA, totalRow, 'total', {}, NOTE);
  b.put(TEXT, totalRow, 'output', { formula: total, derive: { kind: 'name', name: total } });
  b.put(SCORE, totalRow, 'output', { formula: total, derive: { kind: 'name', name: total } });
  b.height(totalRow, 26);

  return b.finish('indicator_table', 'scoring', WIDTHS, { orientation: 'landscape', area: `A1:${columnLetters(TEXT)}${totalRow}`, titleRows: `1:${HEADER_ROW}` }, { rows: HEADER_ROW, columns: 0 });
};
