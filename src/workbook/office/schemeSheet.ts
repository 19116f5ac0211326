/// <reference types="office-js" />
/**
 * The scheme a workbook carries, through Office.js: written on insert into the very hidden jixiao_scheme sheet
 * (../schemeCells.ts), the same cells the exceljs writer and the package reader use, and read back on detection.
 */
import { resolvedScheme } from '../../engine';
import type { Scheme } from '../../engine';
import { embeddedFromCells, type EmbeddedScheme } from '../carriedScheme';
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

/**
 * Queues reading the scheme sheet's used range (any spelling of its name: Excel compares sheet names without
 * case); after the sync, `carriedOf` gives the scheme it holds. A null object where the workbook has no such sheet.
 */
export function queueReadScheme(context: Excel.RequestContext): Excel.Range {
  return context.workbook.worksheets.getItemOrNullObject(SCHEME_SHEET).getUsedRangeOrNullObject(true).load('values');
}

/** The scheme the loaded range holds, verified; null when the workbook has no scheme sheet. */
export function carriedOf(range: Excel.Range): EmbeddedScheme | null {
  if (range.isNullObject) return null;
  const column = (range.values as unknown[][]).map((row) => row[0]);
  return embeddedFromCells(column);
}
