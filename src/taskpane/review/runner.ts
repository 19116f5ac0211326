/**
 * Runs the review of many files in Web Workers: each file read only when its turn comes (memory bounded however
 * many files were chosen), its bytes handed over without a copy, and a file that takes longer than the per-file
 * limit gets its worker terminated and replaced, the file listed as unreadable. The batch checks run at the end.
 */
import { reviewBatch, type BatchReview, type FileResult } from '../../review';
import { readBlob } from '../../workbook/browser/download';
import { R } from './strings';

export interface ReviewJob {
  id: number;
  name: string;
  bytes: Uint8Array;
  year?: number;
}

export interface ReviewReply {
  id: number;
  result: FileResult;
}

/** A file to review and the name it is reported under (its path inside the folder chosen). */
export interface ChosenFile {
  name: string;
  file: Blob;
}

export interface RunOptions {
  year?: number;
  /** per file */
  timeoutMs?: number;
  /** workers side by side (default: the cores the browser reports, at most 4) */
  workers?: number;
  onProgress?(done: number, total: number, results: readonly (FileResult | undefined)[]): void;
  spawn?(): Worker;
}

export interface Run {
  results: FileResult[];
  batch: BatchReview;
}

const TIMEOUT_MS = 60_000;

export async function runReview(files: readonly ChosenFile[], options: RunOptions = {}): Promise<Run> {
  const timeout = options.timeoutMs ?? TIMEOUT_MS;
  const spawn = options.spawn ?? (await import(/* webpackMode: "eager" */ './spawnWorker')).spawnReviewWorker;
  const results: (FileResult | undefined)[] = new Array(files.length);
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  const lanes = Math.max(1, Math.min(files.length, options.workers ?? Math.min(4, cores)));
  let next = 0;
  let done = 0;
  const unreadable = (k: number, reason: string): FileResult => ({ review: { file: files[k].name, status: 'unreadable', reason, forms: [] }, keys: [] });

  const lane = async () => {
    let worker: Worker | null = null;
    const one = (k: number, bytes: Uint8Array) =>
      new Promise<FileResult>((resolve) => {
        const w = (worker ??= spawn());
        const finish = (r: FileResult, dead: boolean) => {
          clearTimeout(timer);
          w.onmessage = null;
          w.onerror = null;
          if (dead) {
            w.terminate();
            worker = null;
          }
          resolve(r);
        };
        const timer = setTimeout(() => finish(unreadable(k, R.timeout(Math.ceil(timeout / 1000))), true), timeout);
        w.onmessage = (e: MessageEvent<ReviewReply>) => e.data.id === k && finish(e.data.result, false);
        w.onerror = (e: ErrorEvent) => {
          e.preventDefault();
          finish(unreadable(k, R.workerFailed(e.message || '未知错误')), true);
        };
        const job: ReviewJob = { id: k, name: files[k].name, bytes, ...(options.year !== undefined ? { year: options.year } : {}) };
        w.postMessage(job, [bytes.buffer as ArrayBuffer]);
      });
    try {
      while (next < files.length) {
        const k = next++;
        let bytes: Uint8Array;
        try {
          bytes = await readBlob(files[k].file);
        } catch (err) {
          results[k] = unreadable(k, (err as Error)?.message ?? '无法读取文件');
          options.onProgress?.(++done, files.length, results);
          continue;
        }
        results[k] = await one(k, bytes);
        options.onProgress?.(++done, files.length, results);
      }
    } finally {
      (worker as Worker | null)?.terminate();
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  const all = results as FileResult[];
  // the batch findings go into copies: the results as reviewed stay as they were
  const batch = reviewBatch(all.map((r) => ({ review: { ...r.review, forms: r.review.forms.map((f) => ({ ...f, issues: [...f.issues] })) }, keys: r.keys })));
  return { results: all, batch };
}

/**
 * The files of a drop or a folder the review lists: workbooks and Word reports, and the older formats it can only
 * name as needing conversion (the page has no LibreOffice).
 */
export const REVIEWABLE = /\.(xlsx|xlsm|docx|docm|xls|et|ods|doc|wps)$/i;
