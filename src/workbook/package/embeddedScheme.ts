/**
 * The scheme a workbook carries: the merged, validated scheme it was made from, stored in the file so that it
 * re-scores to the same result where the scheme file is absent. Interim version: reads nothing yet; the scheme
 * distribution work writes and reads it.
 */
import type { ResolvedScheme } from '../../engine/overrides/validate';
import type { XlsxPackage } from './package';

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

export function readEmbeddedScheme(pkg: XlsxPackage): EmbeddedScheme | null {
  void pkg;
  return null;
}
