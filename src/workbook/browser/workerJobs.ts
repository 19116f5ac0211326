/**
 * The package jobs run in a Web Worker, so that no file — however large, broken or hostile — can freeze or
 * crash the page: the worker reads within the package limits, and a job that takes longer than the time
 * allowed, or a worker that dies, is answered with one line and a fresh worker for the next job.
 *
 * Where no worker can start at all (a page opened from file://, a policy that forbids workers), the jobs run
 * on the page's thread instead: slower to give up on a hostile file, but the page still works.
 */
import { PackageError } from '../package/errors';
import { answerOf, inThreadJobs, type JobAnswer, type JobResults, type PackageJob, type PackageJobs } from './packageJobs';

/** What the runner needs of a Worker (a stand-in in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror?: ((event: MessageEvent) => void) | null;
}

/** The message to the worker and its answer; the worker says `ready` once its script has loaded. */
export interface JobMessage {
  id: number;
  job: PackageJob;
}

export type WorkerReply = { id: number; answer: JobAnswer } | { ready: true };

export interface WorkerJobsOptions {
  /** makes the worker (loaded on first use) */
  spawn: () => WorkerLike | Promise<WorkerLike>;
  /** how long one job may take before the worker is stopped; default 60 s (the worker's own budget is 20 s) */
  timeoutMs?: number;
  /** where jobs run when no worker can start; default the page's thread */
  fallback?: PackageJobs;
}

const timedOut = (ms: number) =>
  new PackageError('too-slow', `处理文件超时（超过 ${Math.round(ms / 1000)} 秒），文件可能过大或已损坏；请在 Excel/WPS 中删去不需要的内容后另存再试`);
const crashed = () => new PackageError('too-large', '处理文件时出错（文件可能过大或已损坏），请在 Excel/WPS 中另存为 .xlsx 后再试');

interface Running {
  worker: WorkerLike;
  /** the worker's script loaded (it said so, or answered a job) */
  ready: boolean;
}

export function workerJobs({ spawn, timeoutMs = 60_000, fallback = inThreadJobs }: WorkerJobsOptions): PackageJobs {
  let current: Running | null = null;
  let unavailable = false;
  let next = 1;
  let queue: Promise<unknown> = Promise.resolve();

  const drop = (r: Running) => {
    r.worker.onmessage = null;
    r.worker.onerror = null;
    try {
      r.worker.terminate();
    } catch {
      // already gone
    }
    if (current === r) current = null;
  };

  const start = async (): Promise<Running | null> => {
    if (unavailable) return null;
    if (current) return current;
    try {
      current = { worker: await spawn(), ready: false };
    } catch {
      unavailable = true;
      return null;
    }
    return current;
  };

  const runNow = async <J extends PackageJob>(job: J): Promise<JobResults[J['kind']]> => {
    const running = await start();
    if (!running) return fallback.run(job);
    const { worker } = running;
    const id = next++;
    return new Promise<JobResults[J['kind']]>((resolve, reject) => {
      const timer = setTimeout(() => {
        drop(running);
        reject(timedOut(timeoutMs));
      }, timeoutMs);
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      worker.onmessage = (event: MessageEvent) => {
        const reply = event.data as WorkerReply;
        if (reply && 'ready' in reply) {
          running.ready = true;
          return;
        }
        if (!reply || reply.id !== id) return;
        running.ready = true;
        settle(() => {
          try {
            resolve(answerOf(reply.answer as JobAnswer<J['kind']>));
          } catch (err) {
            reject(err);
          }
        });
      };
      const fail = () =>
        settle(() => {
          drop(running);
          if (running.ready) {
            reject(crashed());
            return;
          }
          // the script never loaded: no worker here, ever (file://, a policy); the page's thread takes the job
          unavailable = true;
          fallback.run(job).then(resolve, reject);
        });
      worker.onerror = fail;
      worker.onmessageerror = fail;
      try {
        worker.postMessage({ id, job } satisfies JobMessage);
      } catch {
        fail();
      }
    });
  };

  return {
    // one job at a time: each waits for the one before (and its worker) to finish
    run<J extends PackageJob>(job: J): Promise<JobResults[J['kind']]> {
      const result = queue.catch(() => undefined).then(() => runNow(job));
      queue = result;
      return result;
    },
  };
}
