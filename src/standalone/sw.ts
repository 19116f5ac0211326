/**
 * The standalone page's service worker (emitted as sw.js beside taskpane.html by the production build).
 *
 * - install: caches the files the page starts with (the list and the version are injected at build time;
 *   Office.js is left out: the standalone page does not need it) in the cache jixiao-<version>, each fetched once:
 *   hashed files from the HTTP cache the page's own load filled, the others revalidated;
 * - KEEP_WORKBOOK_SCRIPTS (sent by the page once a workbook is open): caches the scripts loaded only then
 *   (exceljs, the export), so that nothing downloads them before the officer opens a file;
 * - activate: deletes the caches of older builds and takes control of the open pages;
 * - fetch: serves those files cache-first; Office.js from the network, or offline an empty script (the page then
 *   starts standalone at once); everything else goes to the network as usual.
 *
 * A new build is a new sw.js (its version changes); it waits until the page asks it to take over
 * (SKIP_WAITING, sent when the officer accepts the "新版本" notice) or every page of the old one is closed.
 * The page registers it only outside Office, on https or localhost.
 */
import {
  cacheName,
  installFiles,
  isOfficeJs,
  keepCacheMode,
  KEEP_WORKBOOK_SCRIPTS,
  OFFICE_JS_OFFLINE,
  precachedFile,
  staleCaches,
  type DeferredFiles,
  type PrecacheManifest,
} from './precache';

/** Replaced by scripts/service-worker-plugin.js with the manifest of the build, and the files kept later. */
declare const __JIXIAO_PRECACHE__: PrecacheManifest;
declare const __JIXIAO_DEFERRED__: DeferredFiles;

interface WorkerEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerFetchEvent extends WorkerEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface WorkerMessageEvent extends WorkerEvent {
  readonly data: unknown;
}
/** The parts of ServiceWorkerGlobalScope used here (the DOM typings of the project have none). */
interface WorkerScope {
  readonly registration: { readonly scope: string };
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: WorkerEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: WorkerFetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: WorkerMessageEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const manifest = __JIXIAO_PRECACHE__;
const later = __JIXIAO_DEFERRED__;
const CACHE = cacheName(manifest.version);
const FILES = new Set(manifest.files);

/** A response as it may be stored and served for any request: a redirect followed on the way is forgotten. */
async function storable(response: Response): Promise<Response> {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Stores files not stored yet; each fetched as keepCacheMode says, so none is downloaded a second time. */
async function keep(files: string[]): Promise<void> {
  const cache = await caches.open(CACHE);
  await Promise.all(
    files.map(async (file) => {
      const url = new URL(file, worker.registration.scope).href;
      if (await cache.match(url)) return;
      const response = await fetch(new Request(url, { cache: keepCacheMode(file), credentials: 'same-origin' }));
      if (!response.ok) throw new Error(`precache ${file}: HTTP ${response.status}`);
      await cache.put(url, await storable(response));
    }),
  );
}

const precache = () => keep(installFiles(manifest, later));

async function cleanUp(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(staleCaches(names, CACHE).map((n) => caches.delete(n)));
  await worker.clients.claim();
}

async function cacheFirst(request: Request, file: string): Promise<Response> {
  const url = new URL(file, worker.registration.scope).href;
  const cache = await caches.open(CACHE);
  const hit = await cache.match(url);
  if (hit) return hit;
  // not kept yet (a script kept only once a workbook is open) or evicted by the browser: fetch it, and keep it
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    await storable(response.clone())
      .then((copy) => cache.put(url, copy))
      .catch(() => undefined);
  }
  return response;
}

worker.addEventListener('install', (event) => event.waitUntil(precache()));
worker.addEventListener('activate', (event) => event.waitUntil(cleanUp()));
worker.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data && data.type === 'SKIP_WAITING') void worker.skipWaiting();
  if (data && data.type === KEEP_WORKBOOK_SCRIPTS) event.waitUntil(keep(later.deferred).catch(() => undefined));
});
/** Office.js from the network (revalidated, never a stale HTTP-cache copy), else an empty script. */
async function officeJs(request: Request): Promise<Response> {
  try {
    return await fetch(new Request(request.url, { cache: 'no-cache', credentials: 'same-origin' }));
  } catch {
    return new Response(OFFICE_JS_OFFLINE, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
  }
}

worker.addEventListener('fetch', (event) => {
  const file = precachedFile(event.request, worker.registration.scope, FILES);
  if (file) event.respondWith(cacheFirst(event.request, file));
  else if (isOfficeJs(event.request, worker.registration.scope)) event.respondWith(officeJs(event.request));
});
