/**
 * The 审核 page's Web Worker: reviews one file at a time (its bytes transferred in), so the page stays responsive.
 * Bundled by webpack from runner.ts; it never loads exceljs.
 */
import { reviewFile } from '../../review';
import type { ReviewJob, ReviewReply } from './runner';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ReviewJob>) => void) | null;
  postMessage(message: ReviewReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, name, bytes, year } = event.data;
  scope.postMessage({ id, result: reviewFile(bytes, name, year === undefined ? {} : { year }) });
};
