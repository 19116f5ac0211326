import type { RawValue, Scheme } from '../engine';
import type { RecomputeResult } from './session';

/**
 * What the workbook keeps about its last sync: the scheme version and every input value as it was read,
 * so that a workbook filled offline (Excel, WPS, LibreOffice) can say which inputs changed since.
 */
export interface SyncRecord {
  scheme: string;
  schemeVersion: string;
  fingerprint: string;
  values: Record<string, string>;
  syncedAt: string;
}

/** A stable text form of a raw value, so that 17 and "17" typed again compare equal to what was read before. */
export function canonical(value: RawValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    // drop trailing blank rows so an untouched grid compares equal whatever its read size
    const rows = value.map((r) => (Array.isArray(r) ? r.map(canonical) : [canonical(r)]).join('\u001f'));
    while (rows.length && rows[rows.length - 1].split('\u001f').join('') === '') rows.pop();
    return rows.join('\u001e');
  }
  return String(value).trim();
}

/** FNV-1a over the canonical values, in name order: cheap, stable across hosts, no crypto needed. */
export function fingerprint(scheme: string, schemeVersion: string, values: Record<string, RawValue>): string {
  let h = 0x811c9dc5;
  const text = [scheme, schemeVersion, ...Object.keys(values).sort().map((k) => `${k}=${canonical(values[k])}`)].join('\n');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function makeSyncRecord(scheme: string, schemeVersion: string, values: Record<string, RawValue>, now: Date): SyncRecord {
  const canon: Record<string, string> = {};
  for (const k of Object.keys(values).sort()) canon[k] = canonical(values[k]);
  return { scheme, schemeVersion, fingerprint: fingerprint(scheme, schemeVersion, values), values: canon, syncedAt: now.toISOString() };
}

/** Input names whose value differs from the record (all of them when the scheme version changed). */
export function changedSince(record: SyncRecord | null, values: Record<string, RawValue>): string[] {
  if (!record) return [];
  return Object.keys(values)
    .sort()
    .filter((k) => (record.values[k] ?? '') !== canonical(values[k]));
}

/** 离线修改了 3 项输入，已重新计算 (the count alone; syncNotice says which). */
export function syncMessage(changed: number): string {
  return changed ? `离线修改了 ${changed} 项输入，已重新计算` : '输入与上次同步一致';
}

/** How many changed inputs a sync notice names before it says 等. */
const NAMED = 3;

/**
 * What a recompute says about the workbook's inputs, or null when there is nothing to say: which inputs
 * changed since the last sync record (离线修改了 3 项输入（编制数、…），已重新计算) — only when some did, so that
 * opening, reloading or downloading a workbook in sync says nothing — and, for a sync the officer asked for,
 * that nothing changed.
 */
export function syncNotice(result: Pick<RecomputeResult, 'reason' | 'changedSinceSync'>, scheme?: Pick<Scheme, 'inputs'> | null): string | null {
  const changed = result.changedSinceSync;
  if (changed.length) {
    const label = (name: string) => scheme?.inputs.find((i) => i.name === name)?.label ?? name;
    const named = changed.slice(0, NAMED).map(label).join('、');
    return `离线修改了 ${changed.length} 项输入（${named}${changed.length > NAMED ? ' 等' : ''}），已重新计算`;
  }
  return result.reason === 'manual' ? syncMessage(0) : null;
}
