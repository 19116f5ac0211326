/**
 * The scheme a workbook carries: the merged, validated scheme it was made from, kept in the very hidden
 * jixiao_scheme sheet (../schemeCells.ts) so that the file re-scores to the same result where the scheme file is
 * absent. Read back, it is verified (its content against its SHA-256) and validated like any scheme file; a copy
 * altered by hand is refused, never used.
 */
import { resolvedScheme } from '../../engine';
import type { Finding, ResolvedScheme, Scheme } from '../../engine';
import { embeddedFromCells, type CarriedScheme, type EmbeddedScheme } from '../carriedScheme';
import { isSchemeSheet, SCHEME_MAX_CELLS } from '../schemeCells';
import { detectFormsScheme } from './forms';
import { XlsxPackage } from './package';
import { readSyncRecordOf } from './workbook';

/** The scheme the workbook carries, verified; null when it carries none. Never throws. */
export function readEmbeddedScheme(pkg: XlsxPackage): EmbeddedScheme | null {
  const sheet = pkg.sheets.find((s) => isSchemeSheet(s.name));
  if (!sheet) return null;
  let cells: unknown[];
  try {
    cells = pkg.readArea(sheet, { top: 1, left: 1, bottom: SCHEME_MAX_CELLS, right: 1 }).map((row) => row[0]);
  } catch (err) {
    return { id: '', version: '', hash: '', resolved: null, problem: `无法读取保存评分方案的工作表（${(err as Error).message}）` };
  }
  return embeddedFromCells(cells);
}

/** The scheme to score a workbook with, and where it came from. */
export interface WorkbookScheme {
  /** null when the workbook holds no form of any scheme tried */
  scheme: Scheme | null;
  /** embedded: the scheme the workbook carries (the reader has no scheme with that content); known: one of `known` */
  from: 'embedded' | 'known' | null;
  embedded: EmbeddedScheme | null;
  /**
   * The workbook carries a scheme that cannot be used (altered, damaged) and none of `known` has its content:
   * `scheme` is then only the best guess by the workbook's names, which may score differently from what the file
   * was made with. In Chinese.
   */
  problem?: string;
}

/**
 * The scheme of a workbook: the one it carries when the reader has no scheme of that content (an unknown id, or
 * a shipped id whose content differs: a county's copy, an earlier version), else the one of `known` with that
 * content; a workbook carrying none is detected among `known` by its names, as before.
 */
export function schemeOfWorkbook(pkg: XlsxPackage, known: readonly Scheme[]): WorkbookScheme {
  const embedded = readEmbeddedScheme(pkg);
  const byNames = (schemes: readonly Scheme[]) => detectFormsScheme(pkg, schemes.map((s) => ({ ...s, scheme: s })))?.scheme ?? null;
  if (embedded) {
    const same = known.find((s) => s.id === embedded.id && resolvedScheme(s)?.hash === embedded.hash);
    if (same) return { scheme: byNames([same]), from: 'known', embedded };
    if (embedded.resolved) {
      const scheme = byNames([embedded.resolved.scheme]);
      if (scheme) return { scheme, from: 'embedded', embedded };
    }
  }
  const scheme = byNames(known);
  const problem = embedded?.problem ? `${embedded.problem}${scheme ? `；按名称识别为“${scheme.title}”（${scheme.id}），结果可能与制表时不同` : ''}` : undefined;
  return { scheme, from: scheme ? 'known' : null, embedded, ...(problem ? { problem } : {}) };
}

/**
 * The `scheme_mismatch` finding (warning) of a workbook against the scheme it is expected to follow: made with
 * another scheme, another version of it, or an altered copy; null when it matches. A workbook carrying no scheme
 * is compared by the scheme id and version of its sync record (null when it has none either).
 */
export function schemeMismatch(source: XlsxPackage | EmbeddedScheme | null, expected: ResolvedScheme): Finding | null {
  const embedded = source instanceof XlsxPackage ? readEmbeddedScheme(source) : source;
  const want = expected.scheme;
  const wanted = `${want.title}（编号 ${want.id}，版本 ${want.version}）`;
  const finding = (message: string): Finding => ({ severity: 'warning', code: 'scheme_mismatch', message, inputs: [], cells: [] });
  if (!embedded) {
    const record = source instanceof XlsxPackage ? safeRecord(source) : null;
    if (!record || (record.scheme === want.id && record.schemeVersion === want.version)) return null;
    return finding(`本文件按评分方案 ${record.scheme}（版本 ${record.schemeVersion}）制作，不是所要求的${wanted}`);
  }
  if (embedded.problem) return finding(`${embedded.problem}；无法确认本文件是否按${wanted}制作`);
  if (embedded.hash === expected.hash) return null;
  const made = embedded.resolved?.scheme.title ? `“${embedded.resolved.scheme.title}”（编号 ${embedded.id}，版本 ${embedded.version}）` : `编号 ${embedded.id}（版本 ${embedded.version}）`;
  if (embedded.id !== want.id) return finding(`本文件按评分方案${made}制作，不是所要求的${wanted}`);
  if (embedded.version !== want.version) return finding(`本文件按评分方案 ${want.id} 的另一版本（${embedded.version}）制作，所要求的是版本 ${want.version}`);
  return finding(`本文件所带的评分方案 ${want.id}（版本 ${want.version}）与所要求的内容不同（指纹 ${embedded.hash.slice(0, 12)}… 与 ${expected.hash.slice(0, 12)}… 不符），可能是改动过的副本`);
}

function safeRecord(pkg: XlsxPackage) {
  try {
    return readSyncRecordOf(pkg);
  } catch {
    return null;
  }
}

/** readEmbeddedScheme as plain data; null when the workbook carries none. */
export function carriedSchemeOf(pkg: XlsxPackage): CarriedScheme | null {
  const e = readEmbeddedScheme(pkg);
  if (!e) return null;
  return { id: e.id, version: e.version, hash: e.hash, json: e.resolved?.json ?? null, ...(e.problem ? { problem: e.problem } : {}) };
}

export { embeddedFromCells, schemeCarried } from '../carriedScheme';
export type { CarriedScheme, EmbeddedScheme } from '../carriedScheme';
