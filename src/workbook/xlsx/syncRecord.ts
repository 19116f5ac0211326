/**
 * The sync record in an exceljs workbook: the same very hidden `jixiao_sync` sheet, A1:A20, in the same
 * format (syncStore.ts) as the Office adapter writes, so a file moves between Excel with the add-in, the
 * standalone page, WPS and LibreOffice and each can say what changed since the last sync.
 * The 报送版 may hold no helper sheet, so it carries the same cells, one per line, in the document's
 * description (core property dc:description, Excel's 备注), which Excel, WPS, LibreOffice and exceljs keep.
 *
 * Only types are imported from exceljs here: the browser session loads exceljs itself, lazily.
 */
import type { CellValue, Workbook, Worksheet } from 'exceljs';
import type { SyncRecord } from '../sync';
import { decodeSyncRecord, encodeSyncRecord, isSyncSheet, SYNC_MAX_CELLS, SYNC_SHEET } from '../syncStore';

function syncSheetOf(workbook: Workbook): Worksheet | undefined {
  return workbook.worksheets.find((ws) => isSyncSheet(ws.name));
}

/** A cell's text as the record needs it (rich text joined, a formula's cached result). */
function textOf(value: CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return (value as { result?: unknown }).result ?? null;
  return null;
}

/** The record kept in the workbook, or null when there is none (or it is damaged). */
export function readSyncRecord(workbook: Workbook): SyncRecord | null {
  const ws = syncSheetOf(workbook);
  if (!ws) return decodeSyncRecord((workbook.description ?? '').split('\n'));
  const cells: unknown[] = [];
  for (let row = 1; row <= SYNC_MAX_CELLS; row++) cells.push(textOf(ws.findCell(row, 1)?.value ?? null));
  return decodeSyncRecord(cells);
}

/**
 * Writes the record into jixiao_sync!A1:A20 (as text), adding the sheet, very hidden, the first time.
 * Returns false when the record is too long to keep (nothing is written then).
 */
export function writeSyncRecord(workbook: Workbook, record: SyncRecord): boolean {
  let cells: string[];
  try {
    cells = encodeSyncRecord(record);
  } catch {
    return false;
  }
  const ws = syncSheetOf(workbook) ?? workbook.addWorksheet(SYNC_SHEET, { state: 'veryHidden' });
  ws.state = 'veryHidden';
  for (let row = 1; row <= SYNC_MAX_CELLS; row++) {
    const cell = ws.getCell(row, 1);
    cell.numFmt = '@';
    cell.value = cells[row - 1] ?? null;
  }
  return true;
}

/** The record in the document description, for a workbook that must hold no helper sheet (the 报送版). */
export function writeSyncDescription(workbook: Workbook, record: SyncRecord): boolean {
  try {
    workbook.description = encodeSyncRecord(record).join('\n');
    return true;
  } catch {
    return false;
  }
}
