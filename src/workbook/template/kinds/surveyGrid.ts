import { columnLetters } from '../../../engine';
import type { Scheme, SchemeInput } from '../../../engine';
import { SheetBuilder } from '../builder';
import { heightFor, linesFor, span } from '../geometry';
import { showName } from '../page';
import { BODY_SIZE } from '../styles';
import type { SheetRenderer } from './types';

// A:B 序号, C… one column a question, then 合计
const NUMBER_WIDTH = 4;
const QUESTION_WIDTH = 10;
const TOTAL_WIDTH = 9;
const FIRST_COL = 3;
const HEADER_ROW = 3;
const FIRST = HEADER_ROW + 1;

/** The survey grid input of a scheme (its answers and size), if it has one. */
export function surveyInput(scheme: Scheme): SchemeInput | undefined {
  return scheme.inputs.find((i) => i.kind === 'survey');
}

/**
 * One questionnaire's points, as Excel and LibreOffice both compute it: blank row → "", fewer answers than
 * questions → 未答完 (the engine does not count it), else the points of each answer given as word or number.
 */
export function surveyRowFormula(input: SchemeInput, cells: string): string {
  const answers = input.answers ?? [];
  const criteria = [...answers.map((a) => `"${a.label}"`), ...answers.map((a) => `"${a.points}"`)].join(',');
  const points = [...answers, ...answers].map((a) => a.points).join(',');
  const questions = input.questions ?? 0;
  return `IF(COUNTA(${cells})=0,"",IF(COUNTA(${cells})<${questions},"${INCOMPLETE}",SUMPRODUCT(COUNTIF(${cells},{${criteria}}),{${points}})))`;
}

export const INCOMPLETE = '未答完';

/** survey_grid (满意度调查): one row per questionnaire (the grid is the one input), row totals, total points and count. */
export const surveyGrid: SheetRenderer<'survey_grid'> = (layout, { scheme, names, sheet, scope }) => {
  const b = new SheetBuilder(sheet, names, scope);
  const input = scheme.inputs.find((i) => i.name === layout.input);
  const questions = layout.questions.length;
  const rows = input?.rows ?? 0;
  const totalCol = FIRST_COL + questions;
  const lastDataRow = FIRST + rows - 1;
  const widths = [NUMBER_WIDTH, NUMBER_WIDTH, ...layout.questions.map(() => QUESTION_WIDTH), TOTAL_WIDTH];

  b.put(1, 1, 'title', { value: layout.title }, totalCol);
  b.height(1, 36);
  const scale = (input?.answers ?? []).map((a) => `${a.label}（${a.points}分）`).join('、');
  const legend =
    `每行录入一份问卷，每题填写${scale}，或直接填写分数；整行空白的不计，` +
    `未答完${questions}题的问卷不计入有效问卷。黄色单元格为填写区。`;
  b.put(1, 2, 'note', { value: legend }, totalCol);
  b.height(2, heightFor(linesFor(legend, widths.reduce((a, w) => a + w, 0)), 9));

  b.put(1, HEADER_ROW, 'header', { value: '序号' }, 2);
  const headers = layout.questions.map((q, i) => `Q${i + 1}\n${q}`);
  headers.forEach((h, i) => b.put(FIRST_COL + i, HEADER_ROW, 'header', { value: h }));
  b.put(totalCol, HEADER_ROW, 'header', { value: '合计' });
  b.height(HEADER_ROW, heightFor(Math.max(...headers.map((h) => linesFor(h, QUESTION_WIDTH))), BODY_SIZE));

  for (let r = 0; r < rows && input; r++) {
    const row = FIRST + r;
    b.put(1, row, 'center', { value: r + 1 }, 2);
    for (let c = 0; c < questions; c++) b.put(FIRST_COL + c, row, 'inputChoice');
    const cells = span(FIRST_COL, row, totalCol - 1, row);
    b.put(totalCol, row, 'output', { formula: surveyRowFormula(input, cells), derive: { kind: 'surveyRow', row: r } });
    b.height(row, 18);
  }
  if (input && rows > 0) b.inputBlock(input, span(FIRST_COL, FIRST, totalCol - 1, lastDataRow), span(FIRST_COL, FIRST, totalCol - 1, lastDataRow));

  const totals = span(totalCol, FIRST, totalCol, lastDataRow);
  let row = lastDataRow + 1;
  const perQuestionnaire = input?.answers ? Math.max(...input.answers.map((a) => a.points)) * questions : 0;
  b.put(1, row, 'total', { value: `有效问卷总得分（每份满分${perQuestionnaire}分）` }, totalCol - 1);
  b.put(totalCol, row, 'output', { formula: `SUM(${totals})`, derive: { kind: 'surveyPoints' } });
  b.height(row++, 22);
  b.put(1, row, 'total', { value: '有效问卷份数' }, totalCol - 1);
  b.put(totalCol, row, 'output', { formula: `COUNT(${totals})`, derive: { kind: 'surveyCount' } });
  b.height(row++, 22);
  const indicator = scheme.indicators.find((i) => i.rule.kind === 'survey' && i.rule.answers === input?.name);
  if (indicator) {
    const score = scheme.scoreName(indicator.id);
    b.put(1, row, 'total', { value: `${indicator.name}得分（满分${indicator.weight}分，见评分表）` }, totalCol - 1);
    b.put(totalCol, row, 'output', { formula: showName(score), derive: { kind: 'name', name: score } });
    b.height(row++, 22);
  }
  const last = row - 1;

  return b.finish('survey_grid', 'survey', widths, { orientation: 'portrait', area: `A1:${columnLetters(totalCol)}${last}`, titleRows: `1:${HEADER_ROW}` }, { rows: HEADER_ROW, columns: 2 });
};
