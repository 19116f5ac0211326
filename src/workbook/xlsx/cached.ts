import { ValueType } from 'exceljs';
import type { CellValue, Workbook } from 'exceljs';
import { formulaKey, formulaResults, type FormulaSources } from '../formulaResults';
import type { Derive } from '../template/types';

export { surveyRowResult } from '../formulaResults';
export type CacheSources = FormulaSources;

/**
 * Stores the current result in every formula cell whose formula is one the template wrote (=score_total,
 * =IF(in_unit="","",in_unit), the survey totals), in any sheet: exceljs cannot calculate, and LibreOffice
 * and previewers show the cached result. Formulas the officer wrote are left alone.
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
      });
    }
  }
}
