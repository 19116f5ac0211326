/**
 * Which page taskpane.html becomes. Office.js is there only where the page may be in Office (see
 * scripts/office-host.js); without it, the standalone page starts at once. With it, Office.onReady decides:
 * a host → the Office pane; no host (a page in a frame that is not Office) → the standalone page.
 *
 * Office.onReady may never answer (a frame that is not Office, an add-in catalog or manifest pointing at the
 * wrong address, Office.js's own files unreachable): after a while the page says so, with what to check, and
 * offers the standalone page; it keeps waiting, and Office answering later still opens the pane.
 */
import { S } from './strings';

/** How long the pane waits for Office before saying it is still waiting. */
export const OFFICE_WAIT_MS = 10_000;

interface OfficeLike {
  onReady(): Promise<unknown>;
}

export interface BootOptions {
  root: HTMLElement;
  /** Office.js's Office, when the page loaded it */
  office: OfficeLike | undefined;
  mountOffice(root: HTMLElement): void;
  mountStandalone(root: HTMLElement): void;
  /** Office.js was loaded but there is no host: its logger must not reach out */
  quietOffice?(): void;
  waitMs?: number;
}

/** Office.onReady tells the host it runs in; outside Office (a plain browser) the host is null. */
export function inOfficeHost(info: unknown): boolean {
  return !!info && typeof info === 'object' && !!(info as { host?: unknown }).host;
}

/** Starts the Office pane or the standalone page, once. */
export function boot({ root, office, mountOffice, mountStandalone, quietOffice, waitMs = OFFICE_WAIT_MS }: BootOptions): void {
  if (!office || typeof office.onReady !== 'function') {
    mountStandalone(root);
    return;
  }
  let started = false;
  const start = (mount: (root: HTMLElement) => void) => {
    if (started) return;
    started = true;
    clearTimeout(timer);
    mount(root);
  };
  const standalone = () => {
    // Office.js is loaded but there is no Office: its logger must not reach out
    quietOffice?.();
    start(mountStandalone);
  };
  const timer = setTimeout(() => {
    if (!started) showWaiting(root, standalone);
  }, waitMs);
  office.onReady().then(
    (info) => (inOfficeHost(info) ? start(mountOffice) : standalone()),
    () => showWaiting(root, standalone),
  );
}

/** 加载项没有收到 Excel 的响应, what to check, and the standalone page as a way on. Plain DOM: nothing else is loaded yet. */
export function showWaiting(root: HTMLElement, onStandalone: () => void): void {
  const doc = root.ownerDocument;
  const box = doc.createElement('div');
  box.className = 'waiting';
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'office-waiting';
  const title = doc.createElement('h1');
  title.textContent = S.officeWait.title;
  const intro = doc.createElement('p');
  intro.textContent = S.officeWait.intro;
  const checks = doc.createElement('ol');
  for (const text of S.officeWait.checks) {
    const item = doc.createElement('li');
    item.textContent = text;
    checks.append(item);
  }
  const still = doc.createElement('p');
  still.textContent = S.officeWait.still;
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = S.officeWait.standalone;
  button.dataset.testid = 'office-waiting-standalone';
  button.addEventListener('click', onStandalone);
  box.append(title, intro, checks, still, button);
  root.replaceChildren(box);
}
