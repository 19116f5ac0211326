/**
 * The scheme a workbook carries, written with exceljs: the very hidden jixiao_scheme sheet (../schemeCells.ts).
 * Only types are imported from exceljs here: the browser session loads exceljs itself, lazily.
 */
import type { Workbook } from 'exceljs';
import { resolvedScheme } from '../../engine';
import type { ResolvedScheme, Scheme } from '../../engine';
import { encodeSchemeCells, isSchemeSheet, SCHEME_MAX_CELLS, SCHEME_NOTE, SCHEME_SHEET } from '../schemeCells';

/**
 * Writes the scheme into jixiao_scheme!A1:A41 (as text), adding the sheet, very hidden, when absent; replaces what
 * an earlier insert left there. A scheme known only by loadScheme (no canonical JSON) is not written: returns false.
 */
export function writeSchemeSheet(workbook: Workbook, scheme: Scheme | ResolvedScheme): boolean {
  const resolved = 'json' in scheme ? scheme : resolvedScheme(scheme);
  if (!resolved) return false;
  const cells = encodeSchemeCells({ id: resolved.scheme.id, version: resolved.scheme.version, json: resolved.json, hash: resolved.hash });
  const ws = workbook.worksheets.find((w) => isSchemeSheet(w.name)) ?? workbook.addWorksheet(SCHEME_SHEET, { state: 'veryHidden' });
  ws.state = 'veryHidden';
  for (let row = 1; row <= SCHEME_MAX_CELLS; row++) {
    const cell = ws.getCell(row, 1);
    cell.numFmt = '@';
    cell.value = cells[row - 1] ?? null;
  }
  ws.getCell(1, 2).value = SCHEME_NOTE;
  return true;
}
