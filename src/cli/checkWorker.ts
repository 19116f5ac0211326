/**
 * A worker thread of `jixiao check`: reads one file at a time from disk, reviews it and posts the result back.
 * The main thread kills it when a file takes longer than the per-file limit, so no file can hang the batch.
 */
import { readFileSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { reviewFile } from '../review';
import type { FileResult } from '../review';
import { sizeText } from '../workbook/package/errors';
import { schemeArgument } from './schemeFiles';
import { fsReason } from './io';

export interface CheckJob {
  id: number;
  path: string;
  file: string;
  /** bytes converted by LibreOffice, and what they now are */
  converted?: { bytes: Uint8Array; format: 'xlsx' | 'docx' };
}

export interface CheckWorkerData {
  year?: number;
  /** --scheme as given, resolved again here (a scheme does not cross threads) */
  scheme?: string;
  cwd: string;
  maxFileBytes: number;
  timeBudgetMs: number;
}

export interface CheckReply {
  id: number;
  result: FileResult;
}

const data = workerData as CheckWorkerData;
const scheme = data.scheme === undefined ? undefined : schemeArgument(data.scheme, data.cwd).scheme;
const limits = { maxFileBytes: data.maxFileBytes, timeBudgetMs: data.timeBudgetMs };

function review(job: CheckJob): FileResult {
  const options = { year: data.year, scheme, limits };
  if (job.converted) return reviewFile(job.converted.bytes, job.file, options, job.converted.format);
  let bytes: Uint8Array;
  try {
    const size = statSync(job.path).size;
    if (size > data.maxFileBytes) {
      return { review: { file: job.file, status: 'unreadable', reason: `文件过大（${sizeText(size)}，上限 ${sizeText(data.maxFileBytes)}）`, forms: [] }, keys: [] };
    }
    bytes = readFileSync(job.path);
  } catch (err) {
    return { review: { file: job.file, status: 'unreadable', reason: fsReason(err), forms: [] }, keys: [] };
  }
  return reviewFile(bytes, job.file, options);
}

parentPort!.on('message', (job: CheckJob) => {
  const reply: CheckReply = { id: job.id, result: review(job) };
  parentPort!.postMessage(reply);
});
