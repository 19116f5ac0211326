/**
 * The standalone page's bootstrap, loaded with import() by ../index.tsx only when no Office host was found:
 * a FileSession (exceljs itself comes later, with the first workbook), the service worker, and the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FileSession } from '../../workbook/browser/fileSession';
import { registerServiceWorker } from './serviceWorker';
import { StandaloneApp } from './StandaloneApp';

export function mountStandalone(container: HTMLElement): FileSession {
  const session = new FileSession();
  const updates = registerServiceWorker();
  document.documentElement.dataset.mode = 'standalone';
  createRoot(container).render(
    <StrictMode>
      <StandaloneApp session={session} updates={updates} />
    </StrictMode>,
  );
  return session;
}
