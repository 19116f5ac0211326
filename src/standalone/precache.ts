/**
 * The service worker's decisions, as pure functions (tested in jest; sw.ts only wires them to events).
 * The precache list itself is made at build time by scripts/service-worker-plugin.js.
 */

/** What the build injects into sw.js: a version (a hash of every precached file) and the files, relative to sw.js. */
export interface PrecacheManifest {
  version: string;
  files: string[];
}

/**
 * Which of those files the worker keeps only once a workbook is open (the page asks, KEEP_WORKBOOK_SCRIPTS):
 * exceljs and the export, which the page itself loads only then. Injected by the build beside the manifest.
 */
export interface DeferredFiles {
  deferred: string[];
}

/** The page's message asking the worker to keep the deferred files too. */
export const KEEP_WORKBOOK_SCRIPTS = 'KEEP_WORKBOOK_SCRIPTS';

/** The files to keep on install: all but the deferred ones. */
export function installFiles(manifest: PrecacheManifest, later: DeferredFiles): string[] {
  const deferred = new Set(later.deferred);
  return manifest.files.filter((f) => !deferred.has(f));
}

/** A build file whose name carries its content hash (taskpane.1f89592d.js): the same name is the same bytes. */
export function isHashed(file: string): boolean {
  return /\.[0-9a-f]{8}\.[a-z0-9]+$/i.test(file);
}

/**
 * How the worker fetches a file to keep: a hashed file may come from the browser's HTTP cache, where the page's
 * own load left it (it is not downloaded twice); any other file is revalidated with the server (a 304 when it
 * has not changed), so that what is kept is this build's.
 */
export function keepCacheMode(file: string): RequestCache {
  return isHashed(file) ? 'force-cache' : 'no-cache';
}

const PREFIX = 'jixiao-';

/** One cache per build: jixiao-<version>. */
export function cacheName(version: string): string {
  return PREFIX + version;
}

/** Caches this worker made for older builds (and only ours: other apps on the origin keep theirs). */
export function staleCaches(names: string[], current: string): string[] {
  return names.filter((n) => n.startsWith(PREFIX) && n !== current);
}

/**
 * The precached file that answers a request, or null to leave the request to the network: only GETs on the
 * worker's own scope. The query is ignored (Office adds ?_host_Info=… to the page), and a page requested
 * without ".html" (servers with "clean URLs") is the .html file.
 */
export function precachedFile(
  request: { method: string; url: string; mode?: string },
  scope: string,
  files: ReadonlySet<string>,
): string | null {
  if (request.method !== 'GET') return null;
  let url: URL;
  let base: URL;
  try {
    url = new URL(request.url);
    base = new URL(scope);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname.slice(base.pathname.length));
  } catch {
    return null;
  }
  if (files.has(rel)) return rel;
  if (request.mode === 'navigate' && files.has(`${rel}.html`)) return `${rel}.html`;
  return null;
}

/** Office.js as taskpane.html loads it (never precached: the standalone page does not need it). */
export const OFFICE_JS = 'assets/office-js/office.js';

/**
 * Whether a request is for Office.js on this scope. Offline, the worker answers it with an empty script (so
 * the page starts as the standalone page at once) rather than letting a copy from the HTTP cache load and
 * then wait for ever on Office.js's own files, which nobody cached.
 */
export function isOfficeJs(request: { method: string; url: string }, scope: string): boolean {
  if (request.method !== 'GET') return false;
  try {
    const url = new URL(request.url);
    const base = new URL(scope);
    return url.origin === base.origin && url.pathname === base.pathname + OFFICE_JS;
  } catch {
    return false;
  }
}

/** What stands in for Office.js when it cannot be fetched: nothing defines Office, so the page runs standalone. */
export const OFFICE_JS_OFFLINE = '/* Office.js 无法从网络获取：本页以浏览器单机模式运行 */\n';
