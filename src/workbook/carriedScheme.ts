/**
 * The scheme a workbook carries, read from the cells of its scheme sheet (../schemeCells.ts) and verified, with no
 * reader attached: the package layer and the Office adapter both read those cells and hand them here.
 */
import { checkSchemeData, resolvedScheme, sha256Hex } from '../engine';
import type { ResolvedScheme, Scheme } from '../engine';
import { decodeSchemeCells } from './schemeCells';

export interface EmbeddedScheme {
  id: string;
  version: string;
  /** SHA-256 hex of the scheme's canonical JSON as embedded */
  hash: string;
  /** the scheme, validated; null when it could not be read or failed validation (see problem) */
  resolved: ResolvedScheme | null;
  /** why it could not be used, in Chinese */
  problem?: string;
}

/** The scheme a workbook carries as plain data (it crosses from the page's worker): its JSON when verified. */
export interface CarriedScheme {
  id: string;
  version: string;
  hash: string;
  /** the canonical JSON, verified and validated; null when it cannot be used (see problem) */
  json: string | null;
  problem?: string;
}

/**
 * The scheme held by the cells of column A of the scheme sheet (from A1), verified: its content against its
 * fingerprint, then checked like any scheme file. For the package reader and the Office adapter alike. Never throws.
 */
export function embeddedFromCells(cells: unknown[]): EmbeddedScheme {
  const decoded = decodeSchemeCells(cells);
  const head = { id: decoded.header?.id ?? '', version: decoded.header?.version ?? '', hash: decoded.header?.hash ?? '' };
  if ('problem' in decoded) return { ...head, resolved: null, problem: decoded.problem };
  const named = `工作簿中保存的评分方案“${head.id}”`;
  // the content against its fingerprint first: an edited copy is refused whether or not it would validate
  if (sha256Hex(decoded.json) !== head.hash) return { ...head, resolved: null, problem: `${named}已被改动（内容与其指纹不符），不能用于评分` };
  let data: unknown;
  try {
    data = JSON.parse(decoded.json);
  } catch {
    return { ...head, resolved: null, problem: `${named}已损坏（不是有效的 JSON）` };
  }
  const check = checkSchemeData(data, { allowShippedId: true });
  if (!check.resolved) {
    const errors = check.problems.filter((p) => p.severity === 'error');
    return { ...head, resolved: null, problem: `${named}未通过检查（${errors.length}处问题，第一处：${errors[0]?.message ?? '未知'}）` };
  }
  if (check.resolved.hash !== head.hash || check.resolved.scheme.id !== head.id || check.resolved.scheme.version !== head.version) {
    return { ...head, resolved: null, problem: `${named}已被改动（说明与内容不符），不能用于评分` };
  }
  return { ...head, resolved: check.resolved };
}

/**
 * The scheme to score with, of a workbook whose names matched `detected`: the carried one when the reader has
 * none of its content (and it reads the same inputs), else `detected` itself. For the page, whose worker detects by
 * names and reports the carried scheme as data.
 */
export function schemeCarried(carried: CarriedScheme | EmbeddedScheme | null, detected: Scheme, known: readonly Scheme[]): Scheme {
  if (!carried) return detected;
  const names = (s: Scheme) => s.inputs.map((i) => i.name).join('\u0000');
  const same = known.find((s) => s.id === carried.id && resolvedScheme(s)?.hash === carried.hash);
  if (same) return names(same) === names(detected) ? same : detected;
  const scheme = 'resolved' in carried ? carried.resolved?.scheme : carried.json ? schemeOfJson(carried.json) : undefined;
  return scheme && names(scheme) === names(detected) ? scheme : detected;
}

function schemeOfJson(json: string): Scheme | undefined {
  try {
    return checkSchemeData(JSON.parse(json), { allowShippedId: true }).resolved?.scheme;
  } catch {
    return undefined;
  }
}
