import { KEEP_WORKBOOK_SCRIPTS } from '../../standalone/precache';
import type { PageUpdates } from './StandaloneApp';

/** Service workers are allowed on https, and on http only for the machine itself. */
export function secureEnough(loc: Pick<Location, 'protocol' | 'hostname'>): boolean {
  if (loc.protocol === 'https:') return true;
  if (loc.protocol !== 'http:') return false;
  const host = loc.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Registers sw.js (emitted next to taskpane.html by the production build) so that, after one visit, the
 * standalone page loads and works with the network off. Only outside Office (the caller decides), only in a
 * production build, only on https or localhost. Returns how to learn of, and switch to, a newer version.
 */
export function registerServiceWorker(win: Window = window): PageUpdates | null {
  if (process.env.NODE_ENV !== 'production') return null;
  const container = win.navigator.serviceWorker;
  if (!container || !secureEnough(win.location)) return null;

  const listeners = new Set<() => void>();
  let waiting: ServiceWorker | null = null;
  const announce = (worker: ServiceWorker | null) => {
    // a first install has no page to replace: only a worker waiting behind an active one is an update
    if (!worker || !container.controller) return;
    waiting = worker;
    for (const l of [...listeners]) l();
  };

  const register = () => {
    container
      .register(new URL('sw.js', win.document.baseURI).href)
      .then((reg) => {
        announce(reg.waiting);
        reg.addEventListener('updatefound', () => {
          const next = reg.installing;
          next?.addEventListener('statechange', () => {
            if (next.state === 'installed') announce(next);
          });
        });
      })
      .catch((e: unknown) => console.warn('[jixiao] service worker not registered:', e));
  };
  if (win.document.readyState === 'complete') register();
  else win.addEventListener('load', register, { once: true });

  let reloading = false;
  container.addEventListener('controllerchange', () => {
    if (reloading || !waiting) return;
    reloading = true;
    win.location.reload();
  });

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready: () => waiting !== null,
    apply() {
      if (waiting) waiting.postMessage({ type: 'SKIP_WAITING' });
      else win.location.reload();
    },
    keepWorkbookScripts() {
      container.ready
        .then((reg) => reg.active?.postMessage({ type: KEEP_WORKBOOK_SCRIPTS }))
        .catch(() => undefined);
    },
  };
}
