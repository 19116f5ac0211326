import { ValueType } from 'exceljs';
import type { Cell, CellValue, Workbook, Worksheet } from 'exceljs';
import { formulaKey, formulaResults, type FormulaSources } from '../formulaResults';
import { heightFor, linesFor } from '../template/geometry';
import { BODY_SIZE } from '../template/styles';
import type { Derive } from '../template/types';

export { surveyRowResult } from '../formulaResults';
export type CacheSources = FormulaSources;

/** Default column width exceljs and Excel assume when a column has none. */
const DEFAULT_WIDTH = 9;

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
  let results: ReturnType<typeof formulaResults> | undefined;
  for (const ws of workbook.worksheets) {
    // (findRow rather than eachRow, which first scans each row for a value: eachCell skips empty cells anyway)
    for (let r = 1, last = ws.rowCount; r <= last; r++) {
      ws.findRow(r)?.eachCell({ includeEmpty: false }, (cell) => {
        // (the other cells of a merge, of type Merge, show the master's value; cell.value would copy every value)
        if (cell.type !== ValueType.Formula) return;
        const value = cell.value as CellValue;
        if (!value || typeof value !== 'object' || !('formula' in value) || typeof value.formula !== 'string') return;
        results ??= formulaResults(derivations, src);
        const result = results.get(formulaKey(value.formula));
        if (result === undefined) return;
        cell.value = { formula: value.formula, result } as CellValue;
        if (typeof result === 'string' && result) fitRow(ws, cell, result);
      });
    }
  }
}
