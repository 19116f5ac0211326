/**
 * The 审核 page's runner without a browser: workers stood in for by objects that review in this thread (or never
 * answer), to show the order kept, the batch checks applied, and a file over its time limit given up on.
 */
import { reviewFile } from '../../src/review';
import { runReview, type ReviewJob } from '../../src/taskpane/review/runner';
import * as c from './cases';

/** A Worker that reviews each job here, after `delayMs`; `hang` never answers. */
function fakeWorker(log: string[], hang: (name: string) => boolean = () => false, delayMs = 0): () => Worker {
  return () => {
    const w = {
      onmessage: null as ((e: MessageEvent) => void) | null,
      onerror: null,
      terminated: false,
      postMessage(job: ReviewJob) {
        log.push(`post ${job.name}`);
        if (hang(job.name)) return;
        setTimeout(() => w.onmessage?.({ data: { id: job.id, result: reviewFile(job.bytes, job.name, job.year ? { year: job.year } : {}) } } as MessageEvent), delayMs);
      },
      terminate() {
        log.push('terminate');
      },
    };
    log.push('spawn');
    return w as unknown as Worker;
  };
}

test('every file reviewed in order, the batch checks applied, progress reported', async () => {
  const ok = await c.scored(c.dept2013, [c.example2013()]);
  const files = [
    { name: 'a/1.xlsx', file: new Blob([ok as BlobPart]) },
    { name: 'a/2.xlsx', file: new Blob([ok as BlobPart]) },
    { name: 'b.xlsx', file: new Blob([c.corrupt(ok) as BlobPart]) },
  ];
  const log: string[] = [];
  const progress: number[] = [];
  const run = await runReview(files, { spawn: fakeWorker(log), workers: 2, year: 2024, onProgress: (done) => progress.push(done) });
  expect(run.batch.files.map((f) => [f.file, f.status])).toEqual([
    ['a/1.xlsx', 'reviewed'],
    ['a/2.xlsx', 'reviewed'],
    ['b.xlsx', 'unreadable'],
  ]);
  expect(run.batch.files[0].forms[0].issues.map((i) => i.code)).toEqual(['duplicate_form']);
  // the results as the workers gave them stay without the batch findings
  expect(run.results[0].review.forms[0].issues).toEqual([]);
  expect(progress).toEqual([1, 2, 3]);
  expect(log.filter((l) => l === 'spawn')).toHaveLength(2);
});

test('a file over the time limit: its worker terminated and replaced, the file listed, the rest reviewed', async () => {
  const ok = await c.scored(c.dept2013, [c.example2013()]);
  const files = [
    { name: 'slow.xlsx', file: new Blob([ok as BlobPart]) },
    { name: 'fine.xlsx', file: new Blob([ok as BlobPart]) },
  ];
  const log: string[] = [];
  const run = await runReview(files, { spawn: fakeWorker(log, (n) => n === 'slow.xlsx'), workers: 1, timeoutMs: 200 });
  expect(run.batch.files[0]).toEqual({ file: 'slow.xlsx', status: 'unreadable', reason: '读取超时（超过 1 秒），已跳过', forms: [] });
  expect(run.batch.files[1].status).toBe('reviewed');
  expect(log).toEqual(['spawn', 'post slow.xlsx', 'terminate', 'spawn', 'post fine.xlsx', 'terminate']);
});
