import type { SyncRecord } from './sync';

/**
 * Where a workbook keeps its last sync: a very hidden sheet, JSON in A1 (split down A1:A20 when long).
 * A sheet survives a round trip through WPS or LibreOffice, unlike add-in settings; both adapters use it.
 */
export const SYNC_SHEET = 'jixiao_sync';
export const SYNC_COLUMN = 'A';
export const SYNC_MAX_CELLS = 20;
/** well under Excel's 32,767 characters per cell, with room for the part marker */
export const SYNC_CHUNK = 30000;
/** the range both adapters read and write */
export const SYNC_RANGE = `${SYNC_COLUMN}1:${SYNC_COLUMN}${SYNC_MAX_CELLS}`;

/** Sheet names compare case-insensitively, as in Excel: the sync sheet under any spelling (JIXIAO_SYNC too). */
export function isSyncSheet(name: string): boolean {
  return name.toLowerCase() === SYNC_SHEET;
}

/**
 * Each cell starts with `jixiao:<part>/<parts>:` so that no chunk can be taken for a formula, a number or a
 * date by the host (a chunk could otherwise start with "=" or look like "2024-01-01").
 */
const MARK = /^jixiao:(\d+)\/(\d+):/;

export class SyncRecordTooLong extends Error {}

/** The cells A1, A2 … to write, in order. Throws SyncRecordTooLong beyond 20 cells (600,000 characters). */
export function encodeSyncRecord(record: SyncRecord): string[] {
  const json = JSON.stringify(record);
  const parts = Math.max(1, Math.ceil(json.length / SYNC_CHUNK));
  if (parts > SYNC_MAX_CELLS) {
    throw new SyncRecordTooLong(`同步记录过长（${json.length} 个字符），未保存`);
  }
  const cells: string[] = [];
  for (let i = 0; i < parts; i++) cells.push(`jixiao:${i + 1}/${parts}:${json.slice(i * SYNC_CHUNK, (i + 1) * SYNC_CHUNK)}`);
  return cells;
}

/**
 * The record kept in the cells read from A1:A20 (any cell value; blanks and leftovers ignored), or null
 * when there is none or it is damaged — a damaged record only means "nothing to compare with".
 * Also accepts plain JSON split down the cells without markers.
 */
export function decodeSyncRecord(cells: unknown[]): SyncRecord | null {
  const texts = cells.map((c) => (Array.isArray(c) ? c[0] : c)).filter((c): c is string => typeof c === 'string' && c !== '');
  if (!texts.length) return null;
  let json: string;
  const first = MARK.exec(texts[0]);
  if (first) {
    const parts = Number(first[2]);
    const chunks: string[] = [];
    for (const text of texts) {
      const m = MARK.exec(text);
      if (!m || Number(m[2]) !== parts) continue;
      chunks[Number(m[1]) - 1] = text.slice(m[0].length);
    }
    for (let i = 0; i < parts; i++) if (chunks[i] === undefined) return null; // a part lost in a round trip
    json = chunks.join('');
  } else {
    json = texts.join('');
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  return isSyncRecord(data) ? data : null;
}

function isSyncRecord(x: unknown): x is SyncRecord {
  if (!x || typeof x !== 'object') return false;
  const r = x as Record<string, unknown>;
  const strings = ['scheme', 'schemeVersion', 'fingerprint', 'syncedAt'].every((k) => typeof r[k] === 'string');
  const values = r.values;
  return (
    strings &&
    !!values &&
    typeof values === 'object' &&
    !Array.isArray(values) &&
    Object.values(values as Record<string, unknown>).every((v) => typeof v === 'string')
  );
}
