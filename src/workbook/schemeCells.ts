/**
 * The scheme a workbook carries, as the cells of a very hidden sheet: a sheet of plain text cells is what Excel,
 * WPS and LibreOffice all keep through a save (custom XML parts and defined names are dropped or cut by some of
 * them). A1 says what the sheet holds (id, version, content hash, how many parts); A2 down hold the scheme's
 * canonical JSON, deflated and in base64, in parts well under Excel's 32,767 characters per cell. Every cell
 * starts with a marker, so that no host takes one for a formula, a number or a date. Both writers (exceljs,
 * Office.js) and the package reader use this one format.
 */
import { Deflate, Inflate, strFromU8, strToU8 } from 'fflate';

export const SCHEME_SHEET = 'jixiao_scheme';
/** base64 characters per cell */
export const SCHEME_CHUNK = 30000;
/** A1 and up to 40 parts: 1.2 MB of base64; a scheme deflates to a few kilobytes */
export const SCHEME_MAX_CELLS = 41;
/** the most a scheme's JSON may inflate to (a scheme file is refused beyond 5 MB too) */
export const SCHEME_MAX_JSON = 5 * 1024 * 1024;
export const SCHEME_FORMAT = 1;
/** what someone who unhides the sheet reads beside A1 */
export const SCHEME_NOTE = '本工作表保存生成本工作簿时所用的评分方案（压缩的 JSON），供在没有该方案文件的电脑上重新评分；请勿修改。';

const HEAD = 'jixiao-scheme:';
const PART = /^jixiao:(\d+)\/(\d+):/;

/** Sheet names compare case-insensitively, as in Excel. */
export function isSchemeSheet(name: string): boolean {
  return name.toLowerCase() === SCHEME_SHEET;
}

/** What A1 says of the scheme held. */
export interface SchemeHeader {
  format: number;
  id: string;
  version: string;
  /** SHA-256 hex of the canonical JSON */
  hash: string;
  parts: number;
}

/** The cells A1, A2 … of a scheme: its canonical JSON (as ResolvedScheme.json holds it) and what identifies it. */
export function encodeSchemeCells(scheme: { id: string; version: string; json: string; hash: string }): string[] {
  const base64 = toBase64(deflate(strToU8(scheme.json)));
  const parts = Math.max(1, Math.ceil(base64.length / SCHEME_CHUNK));
  if (parts + 1 > SCHEME_MAX_CELLS) throw new Error(`评分方案过大（压缩后 ${base64.length} 个字符），无法保存在工作簿中`);
  const header: SchemeHeader = { format: SCHEME_FORMAT, id: scheme.id, version: scheme.version, hash: scheme.hash, parts };
  const cells = [`${HEAD}${JSON.stringify(header)}`];
  for (let i = 0; i < parts; i++) cells.push(`jixiao:${i + 1}/${parts}:${base64.slice(i * SCHEME_CHUNK, (i + 1) * SCHEME_CHUNK)}`);
  return cells;
}

/** The cells read back: the header and the JSON text, or why they cannot be read (in Chinese). */
export type DecodedSchemeCells = { header: SchemeHeader; json: string } | { header: SchemeHeader | null; problem: string };

/** Reads the cells of column A from A1 (any cell values; blanks and leftovers ignored). Never throws. */
export function decodeSchemeCells(cells: unknown[]): DecodedSchemeCells {
  const texts = cells.map((c) => (Array.isArray(c) ? c[0] : c)).filter((c): c is string => typeof c === 'string' && c !== '');
  const header = headerOf(texts[0]);
  if (!header) return { header: null, problem: '保存评分方案的工作表内容不完整（第一格不是方案说明）' };
  if (header.format > SCHEME_FORMAT) return { header, problem: `工作簿中的评分方案格式（${header.format}）较新，请更新本工具后再打开` };
  const chunks: string[] = [];
  for (const text of texts.slice(1)) {
    const m = PART.exec(text);
    if (!m || Number(m[2]) !== header.parts) continue;
    chunks[Number(m[1]) - 1] = text.slice(m[0].length);
  }
  for (let i = 0; i < header.parts; i++) if (chunks[i] === undefined) return { header, problem: `保存评分方案的工作表缺少第${i + 1}部分（共${header.parts}部分）` };
  const bytes = fromBase64(chunks.join(''));
  if (!bytes) return { header, problem: '保存评分方案的工作表内容已损坏（不是有效的编码）' };
  const inflated = inflate(bytes);
  if (inflated === 'too large') return { header, problem: '工作簿中的评分方案过大，不是本工具保存的方案' };
  if (!inflated) return { header, problem: '保存评分方案的工作表内容已损坏（无法解压）' };
  return { header, json: strFromU8(inflated) };
}

function headerOf(text: string | undefined): SchemeHeader | null {
  if (!text?.startsWith(HEAD)) return null;
  let h: unknown;
  try {
    h = JSON.parse(text.slice(HEAD.length));
  } catch {
    return null;
  }
  if (!h || typeof h !== 'object') return null;
  const r = h as Record<string, unknown>;
  const ok =
    typeof r.format === 'number' &&
    typeof r.id === 'string' &&
    typeof r.version === 'string' &&
    typeof r.hash === 'string' &&
    Number.isInteger(r.parts) &&
    (r.parts as number) >= 1 &&
    (r.parts as number) < SCHEME_MAX_CELLS;
  return ok ? { format: r.format as number, id: r.id as string, version: r.version as string, hash: r.hash as string, parts: r.parts as number } : null;
}

function deflate(data: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [];
  const d = new Deflate({ level: 9 }, (chunk) => void out.push(chunk));
  d.push(data, true);
  return concat(out);
}

/** Inflates with a bound on the output: a few kilobytes of base64 cannot be let grow into gigabytes. */
function inflate(data: Uint8Array): Uint8Array | 'too large' | null {
  const out: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const inf = new Inflate((chunk) => {
    size += chunk.length;
    if (size > SCHEME_MAX_JSON) over = true;
    else out.push(chunk);
  });
  try {
    const STEP = 16 * 1024;
    for (let i = 0; i < data.length && !over; i += STEP) inf.push(data.subarray(i, i + STEP), i + STEP >= data.length);
  } catch {
    return null;
  }
  if (over) return 'too large';
  return out.length ? concat(out) : null;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Base64 written out: neither Node's Buffer nor btoa is at hand in every place this runs. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** The bytes of a base64 text (whitespace a host may have added is skipped), or null when it is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = (INDEX.get(clean[i])! << 18) | (INDEX.get(clean[i + 1])! << 12) | ((INDEX.get(clean[i + 2]) ?? 0) << 6) | (INDEX.get(clean[i + 3]) ?? 0);
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
