import { rmSync } from 'node:fs';

/**
 * Ctrl+C (SIGINT), a `kill` (SIGTERM) or a closed terminal (SIGHUP) must not leave anything half made: paths
 * registered here (a temporary folder, a PDF whose .xlsx is not written yet) are removed before the process
 * ends. The handlers are installed on first use and stay: removing them again could drop a signal that arrived
 * meanwhile. After cleaning up, the signal is raised again with its default action, so the shell sees the
 * usual "killed by SIGINT" (exit status 130) rather than a normal exit.
 *
 * File writes themselves are synchronous (atomicWrite.ts): a signal handler cannot run in the middle of one,
 * so a write interrupted by a signal still ends whole (renamed into place) or not at all (nothing left).
 */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const pending = new Set<string>();
let installed = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const p of pending) {
    try {
      rmSync(p, { recursive: true, force: true });
    } catch {
      // nothing more can be done on the way out
    }
  }
  pending.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

/** Makes sure an interrupt is handled by us (and not by the default action, which ends the process at once). */
export function handleInterrupts(): void {
  if (installed) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
}

/** Removes `target` (a file or a folder) should the process be interrupted; call the returned function once it may stay. */
export function removeOnInterrupt(target: string): () => void {
  handleInterrupts();
  pending.add(target);
  return () => void pending.delete(target);
}

/**
 * Lets a signal that arrived during synchronous work be handled now. Its handler runs in the event loop's poll
 * phase; setImmediate callbacks run in the check phase after it, and one queued from a check callback waits for
 * the next turn of the loop — so the second of two immediates comes after a poll that saw the signal. Without
 * this a Ctrl+C during a write would go unnoticed when the command had nothing left to wait for (the process
 * then ends with success, the signal dropped).
 */
export async function actOnPendingSignals(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}
