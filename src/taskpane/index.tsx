/// <reference types="office-js" />
/**
 * Task-pane bootstrap (see ./boot): inside an Office host, create the one Office session and render <App/>
 * into #root; in a plain browser (taskpane.html did not load Office.js there), load the standalone page
 * (./standalone, its own chunk) that works on a local .xlsx.
 * The session is made once, outside React, so that re-renders never restart it.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hostProblem, OfficeSession, requirementMessage, resyncOnFocus } from '../workbook/office';
import App from './App';
import { boot } from './boot';
import { silenceOfficeLogger } from './officeLogger';

function container(): HTMLElement {
  const root = document.getElementById('root');
  if (!root) throw new Error('taskpane.html has no #root element');
  return root;
}

function mountOffice(root: HTMLElement): void {
  const problem = hostProblem() ?? requirementMessage('recompute');
  const session = problem ? undefined : new OfficeSession();
  // Excel on the web may raise no event for a dropdown pick (office-js #3888): resync when the pane regains focus
  if (session) resyncOnFocus(session);
  createRoot(root).render(
    <StrictMode>
      <App session={session} unsupported={problem ?? undefined} />
    </StrictMode>,
  );
}

function mountStandalone(root: HTMLElement): void {
  import(/* webpackChunkName: "standalone" */ './standalone/mount')
    .then(({ mountStandalone: mount }) => mount(root))
    .catch((e: unknown) => {
      console.error('[jixiao]', e);
      root.textContent = '页面加载失败，请检查网络后刷新重试。';
    });
}

boot({
  root: container(),
  office: typeof Office !== 'undefined' ? Office : undefined,
  mountOffice,
  mountStandalone,
  quietOffice: () => silenceOfficeLogger(),
});
