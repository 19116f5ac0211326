import { sha256Hex } from './sha256';

/**
 * A scheme as one text, the same for the same content wherever it was made: keys sorted (by UTF-16 code units,
 * as JSON canonicalization RFC 8785 does), no spaces, numbers and strings as JSON.stringify writes them. Nothing
 * in a scheme means anything by its key order (ordered things are arrays), so sorting loses nothing.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('a scheme holds only finite numbers');
  return JSON.stringify(value);
}

/** The content hash of a scheme: SHA-256 (hex) of its canonical JSON in UTF-8. */
export function schemeHash(data: unknown): string {
  return sha256Hex(canonicalJson(data));
}
