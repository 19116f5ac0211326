/**
 * The standalone page's worker: opens files and writes them back off the page's thread (workerJobs.ts).
 * Bundled by webpack from spawnWorker.ts; it never loads exceljs.
 */
import { runJob } from './packageJobs';
import type { JobMessage, WorkerReply } from './workerJobs';

interface WorkerScope {
  onmessage: ((event: MessageEvent<JobMessage>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, job } = event.data;
  const answer = runJob(job);
  // the written file goes back without a copy
  const transfer = answer.ok && answer.value instanceof Uint8Array ? [answer.value.buffer as ArrayBuffer] : [];
  scope.postMessage({ id, answer }, transfer);
};

// the page tells a worker that never loaded (no workers here) from one that died on a file by this
scope.postMessage({ ready: true });
