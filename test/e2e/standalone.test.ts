/**
 * The standalone page (taskpane.html opened in a plain browser, no Office) end to end, in Debian's Chromium
 * driven by playwright-core: one production build into a temporary directory, served from 127.0.0.1 by
 * ./server.ts, one browser with a fresh profile.
 *
 * The page starts without Office.js and without exceljs → open the worked example (made here: template +
 * fillInputs → .xlsx) → 73.28 中 → edit inputs and see the hand-computed totals and grades (中 → 良 → 优) → a bad
 * value shows a finding that focuses its field, the results staying in sight → the export dialog over the form
 * → export the 报送版 and read the download back with exceljs → network off, reload: the service worker serves
 * the page, the typed values come back from localStorage and scoring still works. No request leaves
 * 127.0.0.1, no file is downloaded twice. axe-core checks the empty, loaded and dialog states. Last, the page
 * as Office opens it (with _host_Info) loads Office.js and, Office never answering, says what to check.
 * Screenshots for review land in test/e2e/output/ (gitignored): the loaded page and the dialog at 320 and 1280 px.
 *
 * Chromium: /usr/bin/chromium (.ci/run installs Debian's package when missing); never a browser download.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { chromium, type BrowserContext, type Download, type Locator, type Page, type Request } from 'playwright-core';
import { evaluate, getScheme } from '../../src/engine';
import type { RawValue } from '../../src/engine';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import example from '../../templates/samples/dept-2013-example.json';
import { resolveFile, serveDirectory, type StaticServer } from './server';

const ROOT = path.resolve(__dirname, '..', '..');
const AXE = require.resolve('axe-core/axe.min.js');
const OUTPUT = path.join(__dirname, 'output');
const CHROMIUM = process.env.JIXIAO_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 900 };
/** how long the page may take to show a rescoring (it waits for a pause in typing first) */
const UI_TIMEOUT = 15_000;

const scheme = getScheme('dept-2013');
const EXPORT_NAME = '示例县政务服务中心2024年度部门整体支出绩效自评表.xlsx';
const STAFF_TEXT_20 = '（20/20）×100%=100.00%，未超过100%，得4分';

let work: string; // temporary: build, profile, demo workbook, downloads
let dist: string;
let buildSeconds = 0;
let server: StaticServer;
let context: BrowserContext;
let page: Page;
let demoFile: string;
/** the URL of every request the browser made (its pages and the service worker), as Playwright saw it */
const seen: string[] = [];
const pageErrors: string[] = [];
/** when the page was first loaded online (office.js's logger would reach out 3 s later; see the last test) */
let firstLoadAt = 0;

// ---- helpers ----

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `read` until `ok` holds (or the time is up) and returns the last value read, for a plain expect. */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = UI_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await sleep(50);
    value = await read();
  }
  return value;
}

async function textOf(locator: Locator): Promise<string | null> {
  if ((await locator.count()) === 0) return null;
  return ((await locator.first().textContent()) ?? '').trim();
}

/** Waits for the element's text to become `expected`, then asserts it (a clear failure message if it never does). */
async function expectText(testId: string, expected: string): Promise<void> {
  const locator = page.getByTestId(testId);
  const text = await until(() => textOf(locator), (t) => t === expected);
  expect({ [testId]: text }).toEqual({ [testId]: expected });
}

async function expectScore(total: string, grade: string): Promise<void> {
  await expectText('total-score', total);
  await expectText('grade', grade);
}

/** Types into a form field as an officer would: select everything in it, type the new value. */
async function typeInto(input: string, value: string): Promise<void> {
  const field = page.getByTestId(`field-${input}`);
  await field.fill(value);
  await expect(field.inputValue()).resolves.toBe(value);
}

async function activeTestId(): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/**
 * axe-core's violations on the page as it stands, one line each. Tabster's focus sentinels (the hidden <i>
 * elements Fluent UI puts at the edges of <body>) are Fluent's, not ours, and are left out.
 */
async function axeViolations(): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ include: [['html']], exclude: [['i[data-tabster-dummy]']] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

/** The scripts the service worker keeps only once a workbook is open (exceljs, the export), from the built sw.js. */
function deferredScripts(): string[] {
  const m = /\{"deferred":(\[[^\]]*\])\}/.exec(fs.readFileSync(path.join(dist, 'sw.js'), 'utf8'));
  if (!m) throw new Error('sw.js holds no list of deferred scripts');
  return JSON.parse(m[1]) as string[];
}

/** Paths the server answered with a whole file (200) more than once. */
function downloadedTwice(): string[] {
  const counts = new Map<string, number>();
  for (const r of server.requests) if (r.status === 200) counts.set(r.url.split('?')[0], (counts.get(r.url.split('?')[0]) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([p, n]) => `${p} ×${n}`);
}

/**
 * Clicks 导出报送版 and returns the download. When the export is blocked by error findings, the dialog is
 * confirmed (仍然导出) only with allowErrors; otherwise a blocked export fails the test with the findings.
 */
async function exportSubmission(allowErrors: boolean): Promise<Download> {
  const download = page.waitForEvent('download', { timeout: 30_000 });
  download.catch(() => undefined); // awaited below, or abandoned when blocked
  await page.getByTestId('export').click();
  const blocked = page.getByTestId('blocking');
  const first = await Promise.race([download.then(() => 'download' as const), blocked.waitFor({ timeout: 30_000 }).then(() => 'blocked' as const)]);
  if (first === 'blocked') {
    const findings = await page.getByTestId('blocking-finding').allTextContents();
    if (!allowErrors) throw new Error(`导出被阻止：${findings.join('；')}`);
    await page.getByTestId('export-anyway').click();
  }
  return download;
}

/** Sheet and top-left cell of a workbook-scoped defined name, read with plain exceljs. */
function namedCell(wb: ExcelJS.Workbook, name: string): ExcelJS.Cell {
  const found = wb.definedNames.model.find((n) => n.name === name);
  if (!found || found.ranges.length !== 1) throw new Error(`name ${name}: ${JSON.stringify(found)}`);
  const ref = found.ranges[0];
  const bang = ref.lastIndexOf('!');
  const sheet = wb.getWorksheet(ref.slice(0, bang).replace(/^'|'$/g, ''));
  if (!sheet) throw new Error(`name ${name}: no sheet in ${ref}`);
  return sheet.getCell(ref.slice(bang + 1).replace(/\$/g, '').split(':')[0]);
}

/** The worked example as an officer's file: the blank template, filled by name, never scored. */
async function makeDemoWorkbook(file: string): Promise<void> {
  const book = await XlsxWorkbook.create();
  await book.insertTemplate(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '万元' });
  book.fillInputs(scheme, JSON.parse(JSON.stringify(example)) as Record<string, RawValue>);
  fs.writeFileSync(file, await book.toBuffer());
}

function build(outDir: string): void {
  const started = Date.now();
  const webpackCli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const run = spawnSync(process.execPath, [webpackCli, '--mode', 'production'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ADDIN_OUT_DIR: outDir },
    // generous: the machine may be busy with other work; build speed is not what this test is about
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  buildSeconds = (Date.now() - started) / 1000;
  if (run.status !== 0) {
    throw new Error(`webpack --mode production failed (status ${run.status}, ${run.error ?? ''}):\n${run.stdout}\n${run.stderr}`);
  }
}

// ---- set-up ----

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (.ci/run does)`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-e2e-'));
  dist = path.join(work, 'dist');
  fs.mkdirSync(OUTPUT, { recursive: true });
  build(dist);
  server = await serveDirectory(dist);
  demoFile = path.join(work, '示例县政务服务中心-已填写.xlsx');
  await makeDemoWorkbook(demoFile);

  context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: WIDE,
    locale: 'zh-CN',
    acceptDownloads: true,
    serviceWorkers: 'allow',
  });
  context.on('request', (r: Request) => void seen.push(r.url()));
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 700_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

// ---- the tests, in order, on one page ----

test('one production build', () => {
  expect(buildSeconds).toBeGreaterThan(0);
  expect(fs.existsSync(path.join(dist, 'taskpane.html'))).toBe(true);
  expect(fs.existsSync(path.join(dist, 'sw.js'))).toBe(true);
});

test('the static server: MIME types, no listing, nothing outside the build', async () => {
  const js = fs.readdirSync(dist).find((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f))!;
  const get = (p: string) => fetch(server.origin + p);
  const before = server.requests.length;
  const html = await get('/taskpane.html');
  expect([html.status, html.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
  expect((await get(`/${js}`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect((await get('/sw.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect((await get('/assets/icon-32.png')).headers.get('content-type')).toBe('image/png');
  expect((await get('/')).status).toBe(404);
  expect((await get('/assets/')).status).toBe(404);
  expect((await get('/assets')).status).toBe(404);
  expect((await get('/nope.json')).status).toBe(404);
  expect(server.requests.length - before).toBe(8);
  // paths that climb out of the build (a browser or fetch would normalise them away before sending)
  for (const p of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/.hidden', '/assets/%00']) {
    expect([p, resolveFile(dist, p)]).toEqual([p, null]);
  }
  // a file not changed since the copy a client holds: 304, nothing sent again
  const etag = html.headers.get('etag')!;
  expect((await fetch(`${server.origin}/taskpane.html`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  server.requests.length = 0; // from here on, the browser's requests only
});

test('outside Office, taskpane.html opens the standalone page, without Office.js and without exceljs', async () => {
  await page.goto(`${server.origin}/taskpane.html`);
  firstLoadAt = Date.now();
  await page.getByTestId('open-file').first().waitFor({ state: 'attached', timeout: UI_TIMEOUT });
  expect(await page.evaluate(() => document.documentElement.dataset.mode)).toBe('standalone');
  expect(await page.title()).toBe('绩效自评');
  expect(await page.evaluate(() => typeof (window as { Office?: unknown }).Office)).toBe('undefined');
  // the service worker has installed (precached what the page starts with) …
  const state = () => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? null);
  expect(await until(state, (s) => s === 'activated')).toBe('activated');
  // … and nobody fetched Office.js, nor the scripts needed only once a workbook is open
  const deferred = deferredScripts();
  expect(deferred.length).toBeGreaterThan(0);
  const asked = seen.map((url) => new URL(url).pathname.slice(1));
  expect(asked.filter((p) => p.startsWith('assets/office-js/'))).toEqual([]);
  expect(asked.filter((p) => deferred.includes(p))).toEqual([]);
  expect(downloadedTwice()).toEqual([]);
});

test('axe finds nothing on the empty page', async () => {
  expect(await axeViolations()).toEqual([]);
});

test('opening the worked example shows total 73.28 and grade 中; screenshots wide and 320 px', async () => {
  await page.getByTestId('open-file').first().setInputFiles(demoFile);
  await expectScore('73.28', '中');
  await expectText('indicator-score-staff_control', '2 / 4');
  await expectText('file-name', path.basename(demoFile));
  expect(await page.getByTestId('field-in_staff_actual').inputValue()).toBe('21');

  expect(await axeViolations()).toEqual([]);

  await page.screenshot({ path: path.join(OUTPUT, 'pane-1280.png') });
  await page.setViewportSize(NARROW);
  try {
    await sleep(200); // layout settles after the media queries switch
    await page.screenshot({ path: path.join(OUTPUT, 'pane-320.png') });
    // nothing wider than the screen: no sideways scrolling at 320 px
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // deep in the form (the questionnaires), the total, the grade and the problems are still in sight
    await page.getByTestId('field-in_survey_answers-11').scrollIntoViewIfNeeded();
    const strip = page.getByTestId('summary-strip');
    const box = await strip.boundingBox();
    expect(box && box.y >= 0 && box.y < 5).toBe(true);
    expect(await strip.textContent()).toContain('总分 73.28');
    expect(await page.getByTestId('strip-grade').textContent()).toBe('中');
    expect(await axeViolations()).toEqual([]);
    await page.screenshot({ path: path.join(OUTPUT, 'pane-320-survey.png') });
  } finally {
    await page.setViewportSize(WIDE);
    await page.evaluate(() => window.scrollTo(0, 0));
  }
});

test('年末实际在职人数 21 → 20: staff control 4, total 75.28, still 中', async () => {
  // (20/20)×100% = 100.00%, not over 100% → 4 points instead of 2: 73.28 + 2 = 75.28, 60–80 → 中
  await typeInto('in_staff_actual', '20');
  await expectText('indicator-score-staff_control', '4 / 4');
  await expectScore('75.28', '中');
});

test('a few more edits cross into 良, stay just below 90, then reach 优', async () => {
  // 重点工作质量达标率 (18/20) 90% → (20/20) 100%: 1 → 6 points; 75.28 + 5 = 80.28 → 良
  await typeInto('in_quality_ok', '20');
  await expectText('indicator-score-key_work_quality', '6 / 6');
  await expectScore('80.28', '良');

  // "三公经费" 13 → 12 (and 公务用车运行维护 8.2 → 7.2 so that the parts still add up):
  // 控制率 12/12 = 100%: 0 → 4; 变动率 (12-12.5)/12.5 = -4%: 2.4 → 4; 80.28 + 4 + 1.6 = 85.88
  await typeInto('in_sangong_car_run', '7.2');
  await typeInto('in_sangong_actual', '12');
  await expectText('indicator-score-sangong_control', '4 / 4');
  await expectText('indicator-score-sangong_change', '4 / 4');
  await expectScore('85.88', '良');

  // 资金未按进度支出 3 → 0 项: 2.5 → 4 (+1.5); 不符合要求的情况 1 → 0 例: 4 → 5 (+1);
  // 固定资产利用率 950/1000 → 1000/1000: 2 → 3 (+1); 85.88 + 3.5 = 89.38, still 良
  await typeInto('in_late_items', '0');
  await typeInto('in_fund_violations', '0');
  await typeInto('in_fixed_assets_in_use', '1000');
  await expectScore('89.38', '良');

  // 经济效益 自评 3 → 4: 89.38 + 1 = 90.38 → 优
  await typeInto('in_benefit_economic', '4');
  await expectScore('90.38', '优');
});

test('十七 as 年末实际在职人数 shows a finding naming the field; clicking it focuses the field', async () => {
  await typeInto('in_staff_actual', '十七');
  const finding = page.getByTestId('finding').filter({ hasText: '年末实际在职人数' });
  await finding.first().waitFor({ timeout: UI_TIMEOUT });
  expect(await finding.first().textContent()).toContain('十七');
  expect(await finding.first().getAttribute('data-severity')).toBe('error');
  // the indicator is no longer scored (staff control's 4 points are gone from the total)
  await expectText('total-score', '86.38');

  await page.getByTestId('export').focus(); // focus elsewhere first, so the click has something to do
  expect(await activeTestId()).toBe('export');
  await finding.first().click();
  const focused = await until(activeTestId, (id) => id === 'field-in_staff_actual');
  expect(focused).toBe('field-in_staff_actual');

  // a field far down the form (经济效益自评得分): the results beside it stay in sight
  await typeInto('in_benefit_economic', '5');
  const far = page.getByTestId('finding').filter({ hasText: '经济效益自评得分' }).first();
  await far.waitFor({ timeout: UI_TIMEOUT });
  await far.click();
  expect(await until(activeTestId, (id) => id === 'field-in_benefit_economic')).toBe('field-in_benefit_economic');
  await sleep(800); // the smooth scroll
  const results = await page.locator('#results').boundingBox();
  expect(results && results.y >= 0 && results.y < 40).toBe(true);
  expect(await page.getByTestId('total-score').isVisible()).toBe(true);
  await typeInto('in_benefit_economic', '4');
  await expectText('total-score', '86.38');
});

test('the export dialog sits over the form (not a blank page), has the keyboard on 返回修改, passes axe; screenshots', async () => {
  await page.getByTestId('export').click();
  await page.getByTestId('blocking').waitFor({ timeout: UI_TIMEOUT });
  expect((await page.getByTestId('blocking-finding').allTextContents()).join('\n')).toContain('年末实际在职人数');
  expect(await until(activeTestId, (id) => id === 'back-to-form')).toBe('back-to-form');
  // the layer the dialog is mounted in is no full-height white sheet: the page still shows around the dialog
  const layer = await page.evaluate(() => {
    let node = document.querySelector('[role=dialog]') as HTMLElement;
    while (node.parentElement && node.parentElement !== document.body) node = node.parentElement;
    const style = getComputedStyle(node);
    return { height: node.getBoundingClientRect().height, minHeight: style.minHeight };
  });
  expect(layer.minHeight).not.toBe('100vh');
  expect(layer.height).toBeLessThan(WIDE.height / 2);
  await sleep(300); // the dialog's entrance: mid-fade its texts have too little contrast for axe
  expect(await axeViolations()).toEqual([]);
  await page.screenshot({ path: path.join(OUTPUT, 'dialog-1280.png') });
  await page.setViewportSize(NARROW);
  try {
    await sleep(300);
    await page.screenshot({ path: path.join(OUTPUT, 'dialog-320.png') });
  } finally {
    await page.setViewportSize(WIDE);
  }
  await page.getByTestId('back-to-form').click();
  await page.getByTestId('blocking').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  expect(await until(activeTestId, (id) => id === 'export')).toBe('export');
});

test('export is blocked while the error stands; fixed, it downloads a 报送版 whose scores exceljs reads back', async () => {
  await typeInto('in_staff_actual', '20');
  await expectScore('90.38', '优');
  expect(await page.getByTestId('finding').filter({ hasText: '年末实际在职人数' }).count()).toBe(0);

  const download = await exportSubmission(false);
  expect(download.suggestedFilename()).toBe(EXPORT_NAME);
  const saved = path.join(work, 'download.xlsx');
  await download.saveAs(saved);
  const bytes = new Uint8Array(fs.readFileSync(saved));

  // the cells written, through the defined names, as any program reading the file sees them
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  expect(namedCell(wb, 'score_total').value).toBe(90.38);
  expect(namedCell(wb, 'score_grade').value).toBe('优');
  expect(namedCell(wb, 'score_staff_control').value).toBe(4);
  expect(namedCell(wb, 'text_staff_control').value).toBe(STAFF_TEXT_20);
  expect(namedCell(wb, 'score_key_work_quality').value).toBe(6);

  // and the file re-scores the same: its inputs read by name and evaluated again
  const book = await XlsxWorkbook.fromBuffer(bytes);
  const inputs = await book.readInputs(scheme);
  expect(inputs.problems).toEqual([]);
  expect(inputs.values.in_staff_actual).toBe(20);
  const again = evaluate(scheme, inputs);
  expect(again.total.toNumber()).toBe(90.38);
  expect(again.grade).toBe('优');
  const staff = again.indicators.find((i) => i.id === 'staff_control')!;
  expect(staff.score?.toNumber()).toBe(4);
  expect(staff.text).toBe(STAFF_TEXT_20);
});

test('with the network off, a reload still renders from the service worker; typed values survive and scoring works', async () => {
  // the first visit installed the service worker, which precached the build
  const active = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? null);
  expect(active).toBe('activated');
  const cached = await page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith('jixiao-'));
    const files = names.length ? await (await caches.open(names[0])).keys() : [];
    return { names, files: files.map((r) => new URL(r.url).pathname) };
  });
  expect(cached.names).toHaveLength(1);
  expect(cached.files).toEqual(expect.arrayContaining(['/taskpane.html']));

  const served = server.requests.length;
  await context.setOffline(true);
  try {
    await page.reload();
    await page.getByTestId('total-score').waitFor({ timeout: UI_TIMEOUT });
    // what was typed came back from localStorage (on the opened file kept in IndexedDB)
    await expectScore('90.38', '优');
    expect(await page.getByTestId('field-in_staff_actual').inputValue()).toBe('20');
    expect(await page.getByTestId('field-in_benefit_economic').inputValue()).toBe('4');
    expect(await textOf(page.getByTestId('message'))).toContain('已恢复');

    // still scoring: 社会效益 自评 3.5 → 4: 90.38 + 0.5 = 90.88
    await typeInto('in_benefit_social', '4');
    await expectText('indicator-score-benefit_social', '4 / 4');
    await expectScore('90.88', '优');
    // nothing reached the server while offline: the service worker served the page (the browser's own update
    // check of /sw.js may slip past Playwright's offline emulation on a loaded machine: it is not the page's)
    expect(server.requests.slice(served).filter((r) => r.url.split('?')[0] !== '/sw.js')).toEqual([]);
  } finally {
    await context.setOffline(false);
  }
});

test('no request left 127.0.0.1, and every one that reached the network reached this server', async () => {
  // Office.js, were it loaded outside Office, would open a hidden telemetry iframe
  // (telemetryservice.firstpartyapps.oaspapps.com) 3 s after loading: give any such late request time to show
  await sleep(Math.max(0, firstLoadAt + 5_000 - Date.now()));
  expect(seen.length).toBeGreaterThan(0);
  const elsewhere = [...new Set(seen.filter((url) => !url.startsWith(`${server.origin}/`) && !/^(blob|data):/.test(url)))];
  expect(elsewhere).toEqual([]);
  // every path the server answered is a file of the build: the page asked for nothing it does not ship
  const missing = server.requests.filter((r) => r.status !== 200 && r.status !== 304).map((r) => `${r.method} ${r.url} → ${r.status}`);
  expect(missing).toEqual([]);
  expect(server.requests.map((r) => r.url.split('?')[0])).toEqual(expect.arrayContaining(['/taskpane.html', '/sw.js']));
  // Office.js never, exceljs once a workbook was open, and nothing downloaded twice (page and service worker)
  expect(server.requests.filter((r) => r.url.startsWith('/assets/office-js/'))).toEqual([]);
  const deferred = deferredScripts();
  expect(server.requests.filter((r) => deferred.includes(r.url.slice(1))).length).toBeGreaterThan(0);
  expect(downloadedTwice()).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('opened by Office (_host_Info), the page loads Office.js; Office never answering, it says what to check', async () => {
  const office = await context.newPage();
  try {
    await office.setViewportSize({ width: 360, height: 700 });
    await office.goto(`${server.origin}/taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN$$$$0`);
    expect(await office.evaluate(() => typeof (window as { Office?: unknown }).Office)).toBe('object');
    const waiting = office.getByTestId('office-waiting');
    await waiting.waitFor({ timeout: 20_000 });
    const text = (await waiting.textContent()) ?? '';
    expect(text).toContain('加载项没有收到 Excel 的响应');
    expect(text).toContain('manifest.xml');
    await office.screenshot({ path: path.join(OUTPUT, 'office-waiting-360.png') });
    await office.getByTestId('office-waiting-standalone').click();
    await office.getByTestId('open-file').first().waitFor({ state: 'attached', timeout: UI_TIMEOUT });
  } finally {
    await office.close();
  }
});
