/// <reference types="office-js" />
/**
 * Task-pane bootstrap: wait for Office.js, create the one Office session, render <App/> into #root.
 * The session is made once, outside React, so that re-renders never restart it.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hostProblem, OfficeSession, requirementMessage, resyncOnFocus } from '../workbook/office';
import App from './App';

function mount(): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  const problem = hostProblem() ?? requirementMessage('recompute');
  const session = problem ? undefined : new OfficeSession();
  // Excel on the web may raise no event for a dropdown pick (office-js #3888): resync when the pane regains focus
  if (session) resyncOnFocus(session);
  createRoot(container).render(
    <StrictMode>
      <App session={session} unsupported={problem ?? undefined} />
    </StrictMode>,
  );
}

// Outside Office (a plain browser) Office.onReady still resolves, with host null. If office.js
// failed to load at all, render anyway so that the pane can say what is wrong.
if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  Office.onReady().then(mount, mount);
} else {
  mount();
}
