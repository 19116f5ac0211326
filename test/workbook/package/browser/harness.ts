/**
 * A page for worker.browser.test.ts: the standalone page's package worker, driven from the page's thread with
 * files fetched from the test server, while the page keeps count of how long its own thread was ever blocked.
 */
import { getScheme } from '../../../../src/engine';
import { spawnPackageWorker } from '../../../../src/workbook/browser/spawnWorker';
import { workerJobs } from '../../../../src/workbook/browser/workerJobs';

export interface HarnessResult {
  ok: boolean;
  message?: string;
  scheme?: string | null;
  staffQuota?: unknown;
  /** the longest gap between two ticks of a 10 ms timer on the page's thread while the job ran */
  longestGapMs: number;
  ms: number;
}

async function open(url: string, timeoutMs: number): Promise<HarnessResult> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const scheme = getScheme();
  const jobs = workerJobs({ spawn: spawnPackageWorker, timeoutMs });
  let last = performance.now();
  let longestGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  try {
    const opened = await jobs.run({ kind: 'open', bytes, schemes: [{ id: scheme.id, inputs: scheme.inputs, outputs: [] }] });
    return { ok: true, scheme: opened.schemeId, staffQuota: opened.inputs?.values.in_staff_quota, longestGapMs, ms: performance.now() - started };
  } catch (err) {
    return { ok: false, message: (err as Error).message, longestGapMs, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

(window as unknown as { harness: { open: typeof open } }).harness = { open };
