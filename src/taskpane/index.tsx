/// <reference types="office-js" />
/**
 * Task-pane bootstrap: wait for Office.js, then
 *  - inside an Office host: create the one Office session and render <App/> into #root;
 *  - in a plain browser (no host, or Office.js could not be loaded, e.g. offline): load the standalone page
 *    (./standalone, its own chunk) that works on a local .xlsx.
 * The session is made once, outside React, so that re-renders never restart it.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hostProblem, OfficeSession, requirementMessage, resyncOnFocus } from '../workbook/office';
import App from './App';
import { silenceOfficeLogger } from './officeLogger';

function container(): HTMLElement {
  const root = document.getElementById('root');
  if (!root) throw new Error('taskpane.html has no #root element');
  return root;
}

function mountOffice(root: HTMLElement): void {
  const problem = hostProblem() ?? requirementMessage('recompute');
  const session = problem ? undefined : new OfficeSession();
  // Excel on the web may raise no event for a dropdown pick (office-js #3888): resync when the pane regains focus
  if (session) resyncOnFocus(session);
  createRoot(root).render(
    <StrictMode>
      <App session={session} unsupported={problem ?? undefined} />
    </StrictMode>,
  );
}

function mountStandalone(root: HTMLElement): void {
  import(/* webpackChunkName: "standalone" */ './standalone/mount')
    .then(({ mountStandalone: mount }) => mount(root))
    .catch((e: unknown) => {
      console.error('[jixiao]', e);
      root.textContent = '页面加载失败，请检查网络后刷新重试。';
    });
}

/** Office.onReady tells the host it runs in; outside Office (a plain browser) the host is null. */
function inOfficeHost(info: unknown): boolean {
  return !!info && typeof info === 'object' && !!(info as { host?: unknown }).host;
}

/**
 * Whether anything office.js itself looks at says this page may be in an Office host: a frame (Office on the
 * web), _host_Info in the URL or window.name, or a desktop host's bridge (window.external.GetHostInfo,
 * WebView2, WKWebView). A plain browser tab has none of them.
 */
function mayBeInOffice(): boolean {
  try {
    if (window.parent !== window) return true;
    if (/_host_Info/i.test(`${location.search}${location.hash}${window.name}`)) return true;
    const w = window as unknown as { external?: { GetHostInfo?: unknown }; chrome?: { webview?: unknown }; webkit?: { messageHandlers?: unknown } };
    return typeof w.external?.GetHostInfo !== 'undefined' || !!w.chrome?.webview || !!w.webkit?.messageHandlers;
  } catch {
    return true;
  }
}

/** How long a plain browser tab waits for Office.onReady before starting standalone anyway. */
const PLAIN_BROWSER_WAIT_MS = 3000;

let started = false;

function start(info?: unknown): void {
  if (started) return;
  started = true;
  const root = container();
  if (inOfficeHost(info)) {
    mountOffice(root);
  } else {
    silenceOfficeLogger();
    mountStandalone(root);
  }
}

if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  Office.onReady().then(
    (info) => {
      // the 3 s fallback may have started standalone before Office.js created its logger: silence it again
      if (!inOfficeHost(info)) silenceOfficeLogger();
      start(info);
    },
    () => start(),
  );
  // office.js loaded without its helper files (offline, half in the HTTP cache) never gets ready: outside Office,
  // do not wait for it for ever
  if (!mayBeInOffice()) setTimeout(() => start(), PLAIN_BROWSER_WAIT_MS);
} else {
  start();
}
