/**
 * The package jobs run in a Web Worker, so that no file — however large, broken or hostile — can freeze or
 * crash the page: the worker reads within the package limits, and a job that takes longer than the time
 * allowed, or a worker that dies, is answered with one line and a fresh worker for the next job.
 */
import { PackageError } from '../package/errors';
import { answerOf, type JobAnswer, type JobResults, type PackageJob, type PackageJobs } from './packageJobs';

/** What the runner needs of a Worker (a fake one in tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror?: ((event: MessageEvent) => void) | null;
}

/** The message to the worker and its answer. */
export interface JobMessage {
  id: number;
  job: PackageJob;
}

export interface JobReply {
  id: number;
  answer: JobAnswer;
}

export interface WorkerJobsOptions {
  /** makes the worker (loaded on first use) */
  spawn: () => WorkerLike | Promise<WorkerLike>;
  /** how long one job may take before the worker is stopped; default 60 s (the worker's own budget is 20 s) */
  timeoutMs?: number;
}

const timedOut = (ms: number) =>
  new PackageError('too-slow', `处理文件超时（超过 ${Math.round(ms / 1000)} 秒），文件可能过大或已损坏；请在 Excel/WPS 中删去不需要的内容后另存再试`);
const crashed = () => new PackageError('too-large', '处理文件时出错（文件可能过大或已损坏），请在 Excel/WPS 中另存为 .xlsx 后再试');

export function workerJobs({ spawn, timeoutMs = 60_000 }: WorkerJobsOptions): PackageJobs {
  let worker: WorkerLike | null = null;
  let next = 1;
  const drop = (w: WorkerLike) => {
    w.onmessage = null;
    w.onerror = null;
    try {
      w.terminate();
    } catch {
      // already gone
    }
    if (worker === w) worker = null;
  };
  return {
    async run<J extends PackageJob>(job: J): Promise<JobResults[J['kind']]> {
      const w = (worker ??= await spawn());
      const id = next++;
      return new Promise<JobResults[J['kind']]>((resolve, reject) => {
        const timer = setTimeout(() => {
          drop(w);
          reject(timedOut(timeoutMs));
        }, timeoutMs);
        const settle = (fn: () => void) => {
          clearTimeout(timer);
          fn();
        };
        w.onmessage = (event: MessageEvent) => {
          const reply = event.data as JobReply;
          if (!reply || reply.id !== id) return;
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
            drop(w);
            reject(crashed());
          });
        w.onerror = fail;
        w.onmessageerror = fail;
        try {
          w.postMessage({ id, job } satisfies JobMessage);
        } catch {
          fail();
        }
      });
    },
  };
}
