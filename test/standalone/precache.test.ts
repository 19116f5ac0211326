import { cacheName, installFiles, isOfficeJs, keepCacheMode, precachedFile, staleCaches } from '../../src/standalone/precache';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { precacheFiles, versionOf } = require('../../scripts/service-worker-plugin') as {
  precacheFiles(names: string[], sw?: string): string[];
  versionOf(files: string[], contentOf: (f: string) => Buffer): string;
};

const SCOPE = 'https://intranet.example.gov.cn/jixiao/';
const FILES = new Set(['taskpane.html', 'taskpane.0123abcd.js', 'assets/icon-32.png']);

test('precached files answer GETs on the scope, the query ignored', () => {
  const get = (url: string, mode = 'no-cors') => precachedFile({ method: 'GET', url, mode }, SCOPE, FILES);
  expect(get(`${SCOPE}taskpane.0123abcd.js`)).toBe('taskpane.0123abcd.js');
  expect(get(`${SCOPE}taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN`, 'navigate')).toBe('taskpane.html');
  expect(get(`${SCOPE}taskpane`, 'navigate')).toBe('taskpane.html'); // a server with clean URLs
  expect(get(`${SCOPE}taskpane`)).toBeNull();
  expect(get(`${SCOPE}assets/icon-32.png`)).toBe('assets/icon-32.png');
  expect(get(`${SCOPE}assets/office-js/office.js`)).toBeNull();
  expect(get('https://intranet.example.gov.cn/other/taskpane.html')).toBeNull();
  expect(get('https://elsewhere.example.com/jixiao/taskpane.html')).toBeNull();
  expect(precachedFile({ method: 'POST', url: `${SCOPE}taskpane.html` }, SCOPE, FILES)).toBeNull();
});

test('Office.js is recognised (to be answered offline by an empty script)', () => {
  expect(isOfficeJs({ method: 'GET', url: `${SCOPE}assets/office-js/office.js` }, SCOPE)).toBe(true);
  expect(isOfficeJs({ method: 'GET', url: `${SCOPE}assets/office-js/excel-web-16.00.js` }, SCOPE)).toBe(false);
  expect(isOfficeJs({ method: 'GET', url: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js' }, SCOPE)).toBe(false);
});

test('one cache per build; only our older ones are cleaned', () => {
  expect(cacheName('abc')).toBe('jixiao-abc');
  expect(staleCaches(['jixiao-old', 'jixiao-abc', 'other-app'], 'jixiao-abc')).toEqual(['jixiao-old']);
});

test('the precache list leaves out Office.js, the manifest, maps, licences and the worker itself', () => {
  const names = [
    'taskpane.html',
    'support.html',
    'sw.js',
    'manifest.xml',
    'vendor.12345678.js',
    'vendor.12345678.js.map',
    '974.12345678.js.LICENSE.txt',
    'assets/office-js/office.js',
    'assets/office-js/zh-cn/office_strings.js',
    'assets/icon-80.png',
  ];
  expect(precacheFiles(names)).toEqual(['assets/icon-80.png', 'support.html', 'taskpane.html', 'vendor.12345678.js']);
});

test('the version follows names and contents', () => {
  const files = ['a.js', 'b.html'];
  const v1 = versionOf(files, (f) => Buffer.from(f));
  expect(v1).toMatch(/^[0-9a-f]{16}$/);
  expect(versionOf(files, (f) => Buffer.from(f))).toBe(v1);
  expect(versionOf(files, (f) => Buffer.from(f + '!'))).not.toBe(v1);
  expect(versionOf(['a.js'], (f) => Buffer.from(f))).not.toBe(v1);
});

describe('nothing before it is needed, nothing twice', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { deferredFiles } = require('../../scripts/service-worker-plugin') as { deferredFiles(files: string[], startup: string[]): string[] };

  test('scripts the page does not start with are deferred until a workbook is open; pages, icons and start-up scripts are not', () => {
    const files = ['assets/icon-32.png', 'exceljs.1234abcd.js', 'export.1234abcd.js', 'standalone.1234abcd.js', 'taskpane.1234abcd.js', 'taskpane.html', 'vendor.1234abcd.js'];
    const startup = ['vendor.1234abcd.js', 'taskpane.1234abcd.js', 'standalone.1234abcd.js'];
    const deferred = deferredFiles(files, startup);
    expect(deferred).toEqual(['exceljs.1234abcd.js', 'export.1234abcd.js']);
    expect(installFiles({ version: 'v', files }, { deferred })).toEqual([
      'assets/icon-32.png',
      'standalone.1234abcd.js',
      'taskpane.1234abcd.js',
      'taskpane.html',
      'vendor.1234abcd.js',
    ]);
  });

  test('a hashed file is taken from the HTTP cache the page filled; anything else is revalidated, never fetched blindly again', () => {
    expect(keepCacheMode('vendor.7b638127.js')).toBe('force-cache');
    expect(keepCacheMode('assets/logo.0123abcd.png')).toBe('force-cache');
    expect(keepCacheMode('taskpane.html')).toBe('no-cache');
    expect(keepCacheMode('assets/icon-32.png')).toBe('no-cache');
    expect(keepCacheMode('sw.js')).toBe('no-cache');
  });
});
