import { silenceOfficeLogger } from '../../src/taskpane/officeLogger';

/** office.js's logger as o15apptofilemappingtable.js sets it up: an endpoint whose timer opens the telemetry iframe. */
function fakeOffice() {
  const frames: string[] = [];
  class Endpoint {
    proxyFrame: unknown = null;
    constructor() {
      setTimeout(() => this.loadProxyFrame(), 30);
    }
    loadProxyFrame() {
      frames.push('https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html');
    }
    writeLog() {
      this.loadProxyFrame();
    }
  }
  const Logger: Record<string, unknown> = {};
  Logger.ulsEndpoint = new Endpoint();
  Logger.allowUploadingData = () => (Logger.ulsEndpoint as Endpoint | null)?.loadProxyFrame();
  return { win: { Logger, OSF: { Logger } }, frames, Logger };
}

test('outside Office the telemetry iframe of office.js is never opened', async () => {
  const { win, frames, Logger } = fakeOffice();
  const endpoint = Logger.ulsEndpoint as { writeLog(): void };
  silenceOfficeLogger(win);
  endpoint.writeLog();
  (Logger.allowUploadingData as () => void)();
  await new Promise((r) => setTimeout(r, 60));
  expect(frames).toEqual([]);
  expect(Logger.ulsEndpoint).toBeNull();
});

test('without office.js (or with an unexpected shape) it does nothing and does not throw', () => {
  expect(() => silenceOfficeLogger({})).not.toThrow();
  expect(() => silenceOfficeLogger({ Logger: 1, OSF: { Logger: Object.freeze({ ulsEndpoint: null }) } })).not.toThrow();
});
