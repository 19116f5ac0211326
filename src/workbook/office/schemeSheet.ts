/// <reference types="office-js" />
/**
 * The scheme a workbook carries, written through Office.js on insert: the very hidden jixiao_scheme sheet
 * (../schemeCells.ts), the same cells the exceljs writer and the package reader use.
 */
import { resolvedScheme } from '../../engine';
import type { Scheme } from '../../engine';
import { encodeSchemeCells, isSchemeSheet, SCHEME_MAX_CELLS, SCHEME_NOTE, SCHEME_SHEET } from '../schemeCells';

/** The column A1:A41 of a scheme, or null for a scheme known only by loadScheme (no canonical JSON to carry). */
export function schemeColumn(scheme: Scheme): string[][] | null {
  const resolved = resolvedScheme(scheme);
  if (!resolved) return null;
  const cells = encodeSchemeCells({ id: scheme.id, version: scheme.version, json: resolved.json, hash: resolved.hash });
  return Array.from({ length: SCHEME_MAX_CELLS }, (_, i) => [cells[i] ?? '']);
}

/**
 * Queues writing the scheme into jixiao_scheme (its cells as text), adding the sheet very hidden when the workbook
 * has none (`sheets`: the names it has): in the insert's first batch, with the results and sync sheets, since adding
 * a sheet fails where the structure is protected and a sheet's visibility is never set while the officer types.
 * Returns false when there is nothing to carry.
 */
export function queueSchemeSheet(context: Excel.RequestContext, scheme: Scheme, sheets: readonly string[]): boolean {
  const column = schemeColumn(scheme);
  if (!column) return false;
  const existing = sheets.find(isSchemeSheet);
  const sheet = existing ? context.workbook.worksheets.getItem(existing) : context.workbook.worksheets.add(SCHEME_SHEET);
  if (!existing) sheet.visibility = 'VeryHidden';
  const range = sheet.getRange(`A1:A${SCHEME_MAX_CELLS}`);
  range.numberFormat = column.map(() => ['@']);
  range.values = column;
  sheet.getRange('B1').values = [[SCHEME_NOTE]];
  return true;
}
