import { useEffect, useRef, type RefObject } from 'react';

export interface DialogFocusOptions {
  /** what gets the keyboard when the dialog opens (Fluent's default is the first control: maybe a destructive one) */
  initial?: RefObject<HTMLElement | null>;
  /** where the keyboard goes on close when the control that opened the dialog is gone or disabled */
  fallback?(): HTMLElement | null | undefined;
}

function usable(el: Element | null | undefined): el is HTMLElement {
  return !!el && el instanceof HTMLElement && el.isConnected && !el.hasAttribute('disabled') && el !== document.body;
}

/** Whether the keyboard is somewhere the officer put it: not lost on the page body, nor in a dialog closing. */
function placed(): boolean {
  const active = document.activeElement;
  return usable(active) && !active.closest('[role=dialog], [role=alertdialog]');
}

/**
 * Keyboard focus around a dialog opened without a DialogTrigger: on opening, the `initial` control; on closing,
 * back to the control that opened it (or the fallback) — unless closing sent the keyboard somewhere on purpose
 * (a finding in the dialog focuses its field).
 */
export function useDialogFocus(open: boolean, { initial, fallback }: DialogFocusOptions = {}): void {
  const opener = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);
  const latest = useRef({ initial, fallback });
  latest.current = { initial, fallback };
  // read while rendering the opening: Fluent moves the keyboard into the dialog before any effect of ours runs
  if (open && !wasOpen.current && typeof document !== 'undefined') {
    const active = document.activeElement;
    opener.current = usable(active) ? active : opener.current;
  }
  useEffect(() => {
    if (open) {
      wasOpen.current = true;
      // after Fluent's own first-control focus, which runs once the dialog is mounted in its portal
      const timer = setTimeout(() => latest.current.initial?.current?.focus(), 0);
      return () => clearTimeout(timer);
    }
    if (!wasOpen.current) return;
    wasOpen.current = false;
    const timer = setTimeout(() => {
      if (placed()) return;
      const back = opener.current;
      opener.current = null;
      const target = usable(back) ? back : latest.current.fallback?.();
      target?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [open]);
}
