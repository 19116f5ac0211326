/**
 * Outside Office, office.js still sets up its logger (o15apptofilemappingtable.js), whose endpoint opens a hidden
 * iframe to Microsoft's telemetry service 3 s after loading. The standalone page promises that nothing leaves
 * the machine: the endpoint is switched off before that, as soon as Office.onReady says there is no host.
 */
export function silenceOfficeLogger(win: object = globalThis): void {
  type Endpoint = { loadProxyFrame?: unknown; writeLog?: unknown; proxyFrame?: unknown };
  type LoggerNs = { ulsEndpoint?: Endpoint | null; allowUploadingData?: unknown; sendLog?: unknown };
  const g = win as { Logger?: LoggerNs; OSF?: { Logger?: LoggerNs } };
  for (const ns of [g.Logger, g.OSF?.Logger]) {
    if (!ns || typeof ns !== 'object') continue;
    try {
      const endpoint = ns.ulsEndpoint;
      if (endpoint && typeof endpoint === 'object') {
        // the pending timer calls the instance's loadProxyFrame: make it (and writing) do nothing
        endpoint.loadProxyFrame = () => undefined;
        endpoint.writeLog = () => undefined;
      }
      ns.ulsEndpoint = null;
      ns.allowUploadingData = () => undefined;
      ns.sendLog = () => undefined;
    } catch {
      // a frozen object: nothing more can be done from here
    }
  }
}
