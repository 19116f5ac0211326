import { officeErrorText } from '../workbook/office/messages';
import { S } from './strings';

export type FailedAction = keyof typeof S.failed;

const CJK = /[\u3400-\u9fff]/;

/**
 * A Chinese sentence for an error thrown by the session, for the message bar. Our own code throws Chinese
 * messages, so those are shown (first line only); Office.js errors carry an English message and a code, which
 * is worded by the Office adapter (officeErrorText) where known. A stack, or an English message an officer
 * cannot act on, is never shown.
 */
export function describeError(action: FailedAction, err: unknown): string {
  return `${S.failed[action]}：${reason(err)}`;
}

function reason(err: unknown): string {
  // a part of the page loaded only when needed (exceljs, the export) could not be fetched: offline before it was kept
  if (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'ChunkLoadError') return S.chunkLoad;
  const worded = officeErrorText(err);
  if (worded) return worded;
  const message =
    typeof err === 'string' ? err : err instanceof Error || (typeof err === 'object' && err !== null) ? (err as { message?: unknown }).message : undefined;
  if (typeof message === 'string' && CJK.test(message)) {
    const line = message.split('\n')[0].replace(/^\w*Error:\s*/, '').trim();
    return line.length > 200 ? `${line.slice(0, 200)}…` : line;
  }
  return S.unexpected;
}
