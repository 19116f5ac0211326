/**
 * The schemes an officer can choose from when inserting a template: the shipped ones, those the bureau's IT
 * dropped into the `schemes/` folder beside the page (listed by `schemes/index.json`, which `jixiao scheme
 * catalog` writes), and — standalone page — scheme files the officer opened, kept in the browser. Every file is
 * checked here with the same code as `jixiao scheme check`; one that fails is listed as invalid with its reason,
 * never silently left out. Pane code lists schemes only through this module.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { catalogFileNames, checkSchemeData, getScheme, problemLine, resolvedShipped, schemeIds, sha256Hex, type Scheme } from '../engine';
import { defaultSchemeStore, type KeptScheme, type KeptSchemeStore } from './keptSchemes';

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
  /** an opened file: the key it is kept under (to remove it) */
  key?: string;
}

export interface SchemeCatalog {
  entries: CatalogEntry[];
  loading: boolean;
  /** why the folder's catalog could not be read (it exists, but is broken); in Chinese */
  folderProblem?: string;
  /**
   * Checks a scheme file the officer opened and, when valid, keeps it (it survives a reload). Returns its entry:
   * invalid ones (with their problem) are shown but not kept.
   */
  keep(name: string, text: string): Promise<CatalogEntry>;
  /** Forgets a kept file. */
  forget(key: string): Promise<void>;
}

export function shippedEntries(): CatalogEntry[] {
  return schemeIds().map((id) => {
    const scheme = getScheme(id);
    return { id, title: scheme.title, version: scheme.version, source: 'shipped', scheme, hash: resolvedShipped(id).hash };
  });
}

/** A scheme file's text, checked: a valid entry, or an invalid one saying every error (no line numbers here). */
export function entryOfText(text: string, source: 'folder' | 'file', file: string): CatalogEntry {
  const invalid = (problem: string): CatalogEntry => ({ id: '', title: file, version: '', source, scheme: null, file, problem });
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return invalid('不是有效的 JSON（可用 jixiao scheme check 查看出错的行）');
  }
  const check = checkSchemeData(data);
  if (!check.resolved) {
    const errors = check.problems.filter((p) => p.severity === 'error');
    return invalid(`有${errors.length}处问题：${errors.map(problemLine).join('；')}`);
  }
  const { scheme, hash } = check.resolved;
  return { id: scheme.id, title: scheme.title, version: scheme.version, source, scheme, hash, file };
}

/** A text fetched from the folder; null when the request failed (offline, refused). */
export type FetchText = (url: string) => Promise<{ ok: boolean; status: number; text: string } | null>;

/** fetch where the page has it (never a stale copy: IT may have just replaced a file); none elsewhere. */
export function browserFetchText(): FetchText | undefined {
  if (typeof fetch !== 'function') return undefined;
  return async (url) => {
    try {
      const r = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
      return { ok: r.ok, status: r.status, text: r.ok ? await r.text() : '' };
    } catch {
      return null;
    }
  };
}

/** The schemes folder beside the page: `schemes/` of the page's own address. */
export function schemesFolderUrl(base: string = typeof document !== 'undefined' ? document.baseURI : ''): string | null {
  try {
    return new URL('schemes/', base).href;
  } catch {
    return null;
  }
}

/**
 * The entries of the schemes folder: the files its index.json lists, each fetched and checked. No catalog (404,
 * offline) is no folder schemes; a broken catalog is a problem to show.
 */
export async function folderEntries(folder: string, fetchText: FetchText): Promise<{ entries: CatalogEntry[]; problem?: string }> {
  const index = await fetchText(`${folder}index.json`);
  if (!index || !index.ok) return { entries: [] };
  let data: unknown;
  try {
    data = JSON.parse(index.text.replace(/^\uFEFF/, ''));
  } catch {
    return { entries: [], problem: '评分方案文件夹的目录 index.json 不是有效的 JSON；请用 jixiao scheme catalog 重新生成' };
  }
  const names = catalogFileNames(data);
  if ('problem' in names) return { entries: [], problem: names.problem };
  const refused: CatalogEntry[] = names.refused.map((file) => ({
    id: '',
    title: file,
    version: '',
    source: 'folder',
    scheme: null,
    file,
    problem: '文件名不可用：应为同一文件夹中以 .json 结尾的文件名',
  }));
  const entries = await Promise.all(
    names.files.map(async (file) => {
      const got = await fetchText(`${folder}${encodeURIComponent(file)}`);
      if (!got || !got.ok) {
        const why = got ? `服务器返回 ${got.status}` : '无法连接';
        return { id: '', title: file, version: '', source: 'folder' as const, scheme: null, file, problem: `无法读取（${why}）` };
      }
      return entryOfText(got.text, 'folder', file);
    }),
  );
  return { entries: [...entries, ...refused] };
}

/**
 * One list: shipped first, then the folder's, then the kept files, each id once. A file with the id of an entry
 * before it is listed as invalid (which one is meant cannot be told), unless it has the same content (then it is
 * the same scheme and is not listed twice).
 */
export function mergeEntries(...lists: CatalogEntry[][]): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const e of lists.flat()) {
    const same = e.scheme ? out.find((x) => x.scheme && x.id === e.id) : undefined;
    if (!same) out.push(e);
    else if (same.hash !== e.hash) {
      out.push({ ...e, scheme: null, problem: `编号“${e.id}”已被${same.file ? `“${same.file}”` : '内置方案'}使用，内容不同；请换一个编号` });
    }
  }
  return out;
}

export interface CatalogOptions {
  /** where the kept files live; IndexedDB where the page has it */
  store?: KeptSchemeStore;
  /** how the folder is read; fetch where the page has it (none: no folder schemes) */
  fetchText?: FetchText;
  /** the schemes folder's address; `schemes/` beside the page */
  folder?: string | null;
}

/** The catalog: shipped schemes at once, the folder's and the kept files once read. */
export function useSchemeCatalog(options: CatalogOptions = {}): SchemeCatalog {
  const store = useMemo(() => options.store ?? defaultSchemeStore(), [options.store]);
  const fetchText = options.fetchText ?? browserFetchText();
  const folder = options.folder === undefined ? schemesFolderUrl() : options.folder;
  const shipped = useMemo(shippedEntries, []);
  const [folderState, setFolder] = useState<{ entries: CatalogEntry[]; problem?: string } | null>(null);
  const [kept, setKept] = useState<KeptScheme[] | null>(null);

  useEffect(() => {
    let live = true;
    (folder && fetchText ? folderEntries(folder, fetchText) : Promise.resolve({ entries: [] })).then(
      (f) => live && setFolder(f),
      () => live && setFolder({ entries: [] }),
    );
    store.list().then(
      (k) => live && setKept(k),
      () => live && setKept([]),
    );
    return () => {
      live = false;
    };
    // read once per page (fetchText is a new function each render): the folder does not change under the officer
  }, [store, folder]);

  const keptEntries = useMemo(() => (kept ?? []).map((k) => ({ ...entryOfText(k.text, 'file', k.name), key: k.key })), [kept]);
  const entries = useMemo(() => mergeEntries(shipped, folderState?.entries ?? [], keptEntries), [shipped, folderState, keptEntries]);

  const keep = useCallback(
    async (name: string, text: string): Promise<CatalogEntry> => {
      const entry = entryOfText(text, 'file', name);
      if (!entry.scheme) return entry;
      const item: KeptScheme = { key: sha256Hex(text), name, text, keptAt: new Date().toISOString() };
      await store.put(item);
      setKept((list) => [...(list ?? []).filter((k) => k.key !== item.key), item]);
      return { ...entry, key: item.key };
    },
    [store],
  );
  const forget = useCallback(
    async (key: string) => {
      await store.remove(key);
      setKept((list) => (list ?? []).filter((k) => k.key !== key));
    },
    [store],
  );

  return { entries, loading: folderState === null || kept === null, folderProblem: folderState?.problem, keep, forget };
}

/** The schemes to offer for a new template: the valid entries. */
export function offeredSchemes(catalog: SchemeCatalog): Scheme[] {
  return catalog.entries.flatMap((e) => (e.scheme ? [e.scheme] : []));
}
