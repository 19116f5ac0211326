/** @jest-environment jsdom */
import { boot, OFFICE_WAIT_MS } from '../../src/taskpane/boot';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mayBeInOffice, officeLoader } = require('../../scripts/office-host') as {
  mayBeInOffice(win: unknown): boolean;
  officeLoader(src?: string): string;
};

function setup(office?: { onReady(): Promise<unknown> }) {
  document.body.innerHTML = '<div id="root"><div class="loading">正在加载……</div></div>';
  const root = document.getElementById('root')!;
  const mounted: string[] = [];
  const quiet = jest.fn();
  boot({
    root,
    office,
    mountOffice: () => mounted.push('office'),
    mountStandalone: () => mounted.push('standalone'),
    quietOffice: quiet,
  });
  return { root, mounted, quiet };
}

/** An Office.onReady that answers when told to. */
function pendingOffice() {
  let answer!: (info: unknown) => void;
  const ready = new Promise<unknown>((resolve) => (answer = resolve));
  return { office: { onReady: () => ready }, answer };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('without Office.js (a plain browser tab) the standalone page starts at once', () => {
  const { mounted, quiet } = setup(undefined);
  expect(mounted).toEqual(['standalone']);
  expect(quiet).not.toHaveBeenCalled();
});

test('Office answering with a host opens the Office pane', async () => {
  const { office, answer } = pendingOffice();
  const { mounted } = setup(office);
  answer({ host: 'Excel', platform: 'PC' });
  await jest.advanceTimersByTimeAsync(0);
  expect(mounted).toEqual(['office']);
  await jest.advanceTimersByTimeAsync(OFFICE_WAIT_MS * 2);
  expect(document.querySelector('[data-testid=office-waiting]')).toBeNull();
});

test('Office.js loaded without a host (a page framed by something else): standalone, Office.js silenced', async () => {
  const { office, answer } = pendingOffice();
  const { mounted, quiet } = setup(office);
  answer({ host: null, platform: null });
  await jest.advanceTimersByTimeAsync(0);
  expect(mounted).toEqual(['standalone']);
  expect(quiet).toHaveBeenCalled();
});

test('Office never answering: after a while the page says what to check, offers the standalone page, and keeps waiting', async () => {
  const { office, answer } = pendingOffice();
  const { root, mounted } = setup(office);
  await jest.advanceTimersByTimeAsync(OFFICE_WAIT_MS - 1);
  expect(root.querySelector('[data-testid=office-waiting]')).toBeNull();
  await jest.advanceTimersByTimeAsync(1);
  const box = root.querySelector('[data-testid=office-waiting]')!;
  expect(box.getAttribute('role')).toBe('alert');
  expect(box.textContent).toContain('加载项没有收到 Excel 的响应');
  expect(box.textContent).toContain('manifest.xml');
  expect(box.textContent).toContain('assets/office-js/office.js');
  expect(box.querySelectorAll('li').length).toBeGreaterThanOrEqual(3);
  expect(mounted).toEqual([]);
  // Excel answers late after all: the pane opens
  answer({ host: 'Excel' });
  await jest.advanceTimersByTimeAsync(0);
  expect(mounted).toEqual(['office']);
});

test('from the waiting message, the officer can go on without Excel, once', async () => {
  const { office } = pendingOffice();
  const { root, mounted } = setup(office);
  await jest.advanceTimersByTimeAsync(OFFICE_WAIT_MS);
  const button = root.querySelector<HTMLButtonElement>('[data-testid=office-waiting-standalone]')!;
  expect(button.textContent).toBe('不连接 Excel，改用浏览器单机模式');
  button.click();
  button.click();
  expect(mounted).toEqual(['standalone']);
});

describe('Office.js is written into the page only where Office may be', () => {
  const plain = { parent: null as unknown, location: { search: '', hash: '' }, name: '', external: {} };
  plain.parent = plain;
  const win = (patch: Record<string, unknown>) => {
    const w = { ...plain, ...patch } as Record<string, unknown>;
    if (!('parent' in patch)) w.parent = w;
    return w;
  };

  test('a plain browser tab: no', () => {
    expect(mayBeInOffice(win({}))).toBe(false);
    expect(mayBeInOffice(win({ location: { search: '?x=1', hash: '#results' } }))).toBe(false);
  });

  test('the _host_Info Office appends, a frame, or a desktop host bridge: yes', () => {
    expect(mayBeInOffice(win({ location: { search: '?_host_Info=Excel$Win32$16.01$zh-CN$$$$0', hash: '' } }))).toBe(true);
    expect(mayBeInOffice(win({ name: '{"_host_Info":"Excel|Web"}' }))).toBe(true);
    expect(mayBeInOffice(win({ parent: {} }))).toBe(true);
    expect(mayBeInOffice(win({ external: { GetHostInfo: () => 'Excel' } }))).toBe(true);
    expect(mayBeInOffice(win({ chrome: { webview: {} } }))).toBe(true);
    expect(mayBeInOffice(win({ webkit: { messageHandlers: {} } }))).toBe(true);
  });

  test('the inline loader writes the script tag only then, in place', () => {
    const run = (w: Record<string, unknown>) => {
      const written: string[] = [];
      new Function('window', 'document', officeLoader())(w, { write: (html: string) => written.push(html) });
      return written;
    };
    expect(run(win({}))).toEqual([]);
    expect(run(win({ location: { search: '?_host_Info=Excel$Mac$16.01', hash: '' } }))).toEqual(['<script src="assets/office-js/office.js"></script>']);
  });
});
