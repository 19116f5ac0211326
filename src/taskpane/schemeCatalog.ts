/**
 * The schemes an officer can choose from when inserting a template: the shipped ones, those the bureau's IT
 * dropped into the `schemes/` folder beside the page, and (standalone page) files opened by the officer.
 * Interim version: shipped schemes only; the folder catalog and kept files come with the scheme distribution work.
 */
import { useMemo } from 'react';
import { getScheme, resolvedShipped, schemeIds, type Scheme } from '../engine';

export interface CatalogEntry {
  id: string;
  title: string;
  version: string;
  source: 'shipped' | 'folder' | 'file';
  /** the validated scheme, or null for a file that failed validation (shown as such, never hidden) */
  scheme: Scheme | null;
  /** content hash of the merged scheme (SHA-256 hex) */
  hash?: string;
  /** the file it came from (folder or opened file) */
  file?: string;
  /** why the file was refused, in Chinese (invalid entries only) */
  problem?: string;
}

export interface SchemeCatalog {
  entries: CatalogEntry[];
  loading: boolean;
}

export function shippedEntries(): CatalogEntry[] {
  return schemeIds().map((id) => {
    const scheme = getScheme(id);
    return { id, title: scheme.title, version: scheme.version, source: 'shipped', scheme, hash: resolvedShipped(id).hash };
  });
}

export function useSchemeCatalog(): SchemeCatalog {
  return useMemo(() => ({ entries: shippedEntries(), loading: false }), []);
}
