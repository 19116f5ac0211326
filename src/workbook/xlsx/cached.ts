import { ValueType } from 'exceljs';
import type { Cell, CellValue, Workbook, Worksheet } from 'exceljs';
import type { RawValue, SchemeInput } from '../../engine';
import { heightFor, linesFor } from '../template/geometry';
import { BODY_SIZE } from '../template/styles';
import { INCOMPLETE } from '../template/survey';
import type { Derive } from '../template/types';

/** Default column width exceljs and Excel assume when a column has none. */
const DEFAULT_WIDTH = 9;

type Result = number | string | boolean | Date;

/**
 * One questionnaire's points as the template's row formula computes them (COUNTA / COUNTIF semantics, not
 * the engine's lenient parsing): blank → "", incomplete → 未答完, else the points of the answers it knows.
 */
export function surveyRowResult(row: RawValue[], input: SchemeInput): Result {
  const answers = input.answers ?? [];
  const filled = row.filter((v) => v !== null && v !== undefined && v !== '');
  if (filled.length === 0) return '';
  if (filled.length < (input.questions ?? 0)) return INCOMPLETE;
  let points = 0;
  for (const v of filled) {
    const hit = answers.find((a) => (typeof v === 'number' ? v === a.points : v === a.label || v === String(a.points)));
    points += hit?.points ?? 0;
  }
  return points;
}

export interface CacheSources {
  /** the current value of a defined name (an output just written, or an input) */
  named(name: string): RawValue;
  /** the survey answer grid, rows of answers, or null when the workbook has none */
  survey: { rows: RawValue[][]; input: SchemeInput } | null;
}

/** Each questionnaire's result, worked out once for all the formulas that need it. */
type RowResults = () => Result[];

function resultOf(derive: Derive, src: CacheSources, rows: RowResults): Result {
  switch (derive.kind) {
    case 'name': {
      const v = src.named(derive.name);
      return v === null || v === undefined || Array.isArray(v) ? '' : v;
    }
    case 'surveyRow':
      return src.survey?.rows[derive.row] ? rows()[derive.row] : '';
    case 'surveyPoints':
      return rows().reduce<number>((sum, r) => (typeof r === 'number' ? sum + r : sum), 0);
    case 'surveyCount':
      return rows().filter((r) => typeof r === 'number').length;
  }
}

/**
 * A wrapped cell of its own (评价得分 on 评分表) showing a longer text than its row allows: the row grows,
 * never shrinks. Merged cells keep the height the template gave them.
 */
function fitRow(ws: Worksheet, cell: Cell, text: string): void {
  if (!cell.alignment?.wrapText || cell.isMerged) return;
  const width = ws.getColumn(cell.col).width ?? DEFAULT_WIDTH;
  const need = heightFor(linesFor(text, width), cell.font?.size ?? BODY_SIZE);
  const row = ws.getRow(Number(cell.row));
  if ((row.height ?? 0) < need) row.height = need;
}

/**
 * Stores the current result in every formula cell whose formula is one the template wrote (=score_total,
 * =IF(in_unit="","",in_unit), the survey totals), in any sheet: exceljs cannot calculate, and LibreOffice
 * and previewers show the cached result. Formulas the officer wrote are left alone. A wrapped cell's row grows to
 * show a longer text.
 */
export function refreshCachedResults(workbook: Workbook, derivations: Map<string, Derive>, src: CacheSources): void {
  let rowResults: Result[] | undefined;
  const rows = () => (rowResults ??= src.survey ? src.survey.rows.map((r) => surveyRowResult(r, src.survey!.input)) : []);
  for (const ws of workbook.worksheets) {
    // (findRow rather than eachRow, which first scans each row for a value: eachCell skips empty cells anyway)
    for (let r = 1, last = ws.rowCount; r <= last; r++) {
      ws.findRow(r)?.eachCell({ includeEmpty: false }, (cell) => {
        // (the other cells of a merge, of type Merge, show the master's value; cell.value would copy every value)
        if (cell.type !== ValueType.Formula) return;
        const value = cell.value as CellValue;
        if (!value || typeof value !== 'object' || !('formula' in value) || typeof value.formula !== 'string') return;
        const formula = value.formula.replace(/^=/, '');
        const derive = derivations.get(formula);
        if (!derive) return;
        const result = resultOf(derive, src, rows);
        cell.value = { formula: value.formula, result } as CellValue;
        if (typeof result === 'string' && result) fitRow(ws, cell, result);
      });
    }
  }
}
