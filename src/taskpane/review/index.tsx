/**
 * The 审核 page's entry (review.html of the standalone build): the review app and the same service worker as the
 * standalone page, so that it works offline once visited.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerServiceWorker } from '../standalone/serviceWorker';
import { ReviewApp } from './ReviewApp';

const root = document.getElementById('root');
if (root) {
  // the summary's exceljs too is kept for offline use: exporting is what this page is for
  registerServiceWorker()?.keepWorkbookScripts?.();
  document.documentElement.dataset.mode = 'review';
  createRoot(root).render(
    <StrictMode>
      <ReviewApp />
    </StrictMode>,
  );
}
