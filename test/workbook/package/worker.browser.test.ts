/**
 * The standalone page's package worker in Debian's Chromium (playwright-core, never a browser download): a
 * small page bundled by webpack as the add-in is, opening the hostile corpus through the real worker. Every
 * file is answered (or refused in one line) while the page's own thread never stalls; a job past its time is
 * stopped and the next one gets a fresh worker.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveDirectory, type StaticServer } from '../../e2e/server';
import type { HarnessResult } from './browser/harness';
import { exampleFile } from './helpers';
import { hostileCorpus, type Hostile } from './hostile';

const ROOT = path.resolve(__dirname, '../../..');
const CHROMIUM = process.env.JIXIAO_CHROMIUM || '/usr/bin/chromium';

let work: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
let corpus: Hostile[];

/** The harness bundled like the add-in: ts-loader on tsconfig.webpack.json (ES modules, so the worker is its own chunk). */
function bundle(outDir: string): Promise<void> {
  // (required here: webpack is only needed by this test)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack') as typeof import('webpack');
  const compiler = webpack({
    mode: 'development',
    devtool: false,
    context: ROOT,
    entry: { harness: path.join(__dirname, 'browser/harness.ts') },
    output: { path: outDir, publicPath: 'auto', filename: '[name].js', chunkFilename: '[name].js' },
    resolve: { extensions: ['.ts', '.js', '.json'] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: path.join(ROOT, 'tsconfig.webpack.json') } } }],
    },
  });
  return new Promise((resolve, reject) =>
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err || stats?.hasErrors()) reject(err ?? new Error(stats!.toString('errors-only')));
      else resolve();
    }),
  );
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (.ci/run does)`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-worker-'));
  await bundle(work);
  fs.writeFileSync(path.join(work, 'index.html'), '<!doctype html><meta charset="utf-8"><title>worker</title><script src="harness.js"></script>');
  corpus = await hostileCorpus();
  fs.mkdirSync(path.join(work, 'files'));
  for (const h of corpus) fs.writeFileSync(path.join(work, 'files', encodeURIComponent(h.name)), h.bytes);
  fs.writeFileSync(path.join(work, 'files', 'example.xlsx'), await exampleFile());
  server = await serveDirectory(work);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  await page.goto(`${server.origin}/index.html`);
  await page.waitForFunction(() => 'harness' in window);
}, 240_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const open = (name: string, timeoutMs = 60_000): Promise<HarnessResult> =>
  page.evaluate(
    ([url, ms]) => (window as unknown as { harness: { open(u: string, t: number): Promise<HarnessResult> } }).harness.open(url, ms),
    [`/files/${encodeURIComponent(encodeURIComponent(name))}`, timeoutMs] as const,
  );

test('the worked example opens in the worker', async () => {
  const r = await open('example.xlsx');
  expect(r).toMatchObject({ ok: true, scheme: 'dept-2013', staffQuota: 20 });
});

test('each hostile file is answered in one line (or read), and the page’s thread never stalls', async () => {
  for (const h of corpus) {
    const r = await open(h.name);
    if (h.expect === 'reads') expect([h.name, r.ok, r.scheme]).toEqual([h.name, true, 'dept-2013']);
    else expect([h.name, r.ok, r.message]).toEqual([h.name, false, expect.stringMatching(h.expect)]);
    // a 10 ms timer kept ticking: nothing ran long on the page's own thread (a generous bound for a shared machine)
    expect([h.name, r.longestGapMs < 1000]).toEqual([h.name, true]);
  }
});

test('a job past its time is stopped with one line; the page goes on', async () => {
  const slow = await open('big-sheet.xlsx', 50);
  expect(slow).toMatchObject({ ok: false, message: expect.stringMatching(/^处理文件超时（超过 0 秒），文件可能过大或已损坏/) });
  expect(await open('example.xlsx')).toMatchObject({ ok: true, staffQuota: 20 });
});
