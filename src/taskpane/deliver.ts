/**
 * The two ways a pane hands over the 报送版 (useSubmissionExport's `deliver`): in Excel, a new workbook
 * window the officer saves; in a plain browser, a download.
 */
import type { Submission } from '../workbook/export';
import { openAsNewWorkbook, type OpenOptions } from '../workbook/office/export';
import { S } from './strings';
import type { Delivered } from './useSubmissionExport';

/**
 * Excel: Excel.createWorkbook opens the file as a new, unnamed workbook; the message gives the name to save it
 * under. Where Excel cannot (below ExcelApi 1.8, or it refuses), the message says so and offers a download link.
 */
export async function deliverToExcel(submission: Submission, options: OpenOptions = {}): Promise<Delivered> {
  const opened = await openAsNewWorkbook(submission.bytes, submission.fileName, options);
  const text = submission.incomplete ? `${opened.message}${S.incompleteNote}` : opened.message;
  if (opened.kind === 'workbook') return { intent: submission.incomplete ? 'warning' : 'success', text };
  return { intent: 'warning', text, link: opened.link };
}

/** A plain browser: the file downloads at once (FileSession.saveFile). */
export function downloadDelivery(save: (bytes: Uint8Array, fileName: string) => void): (submission: Submission) => Delivered {
  return (submission) => {
    save(submission.bytes, submission.fileName);
    return {
      intent: 'success',
      text: submission.incomplete ? S.exportedIncomplete(submission.fileName) : S.exported(submission.fileName),
    };
  };
}
