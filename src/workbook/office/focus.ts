import type { PaneSession } from '../session';

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface FocusOptions {
  win?: EventTargetLike;
  doc?: EventTargetLike & { visibilityState?: string };
  /** at most one resync per this many ms (focus and visibilitychange often fire together); default 1000 */
  minIntervalMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/**
 * Recomputes when the pane gets focus back or becomes visible: a value picked from a dropdown in Excel on
 * the web may raise no change event (office-js #3888), and the officer may have typed while the pane was
 * hidden. Cheap when nothing changed: one read, no write. Returns a function that stops listening.
 */
export function resyncOnFocus(session: Pick<PaneSession, 'recompute'>, options: FocusOptions = {}): () => void {
  const win = options.win ?? (typeof window !== 'undefined' ? window : undefined);
  const doc = options.doc ?? (typeof document !== 'undefined' ? document : undefined);
  const minInterval = options.minIntervalMs ?? 1000;
  const now = options.now ?? (() => Date.now());
  const onError = options.onError ?? ((e: unknown) => console.error('[jixiao]', e));
  let last = -Infinity;
  let running = false;

  const resync = () => {
    if (running || now() - last < minInterval) return;
    running = true;
    last = now();
    session
      .recompute('focus')
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  const onVisibility = () => {
    if (!doc?.visibilityState || doc.visibilityState === 'visible') resync();
  };
  win?.addEventListener('focus', resync);
  doc?.addEventListener('visibilitychange', onVisibility);
  return () => {
    win?.removeEventListener('focus', resync);
    doc?.removeEventListener('visibilitychange', onVisibility);
  };
}
