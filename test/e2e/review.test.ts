/**
 * The 审核 page (review.html of the standalone build) end to end in Debian's Chromium: a folder of mixed files
 * received (scored, typed over, corrupt, not ours, a Word report, a project workbook) chosen through the folder
 * input → progress to the end → the table's verdicts, sorting and filtering → a row opens its findings and the
 * officer's score panel → the grade chart → 导出审核汇总 read back with exceljs → network off: the service worker
 * serves the page, and the review and the export work. Nothing is requested beyond the page's own origin; the files
 * are unchanged. JIXIAO_E2E_DIST=dir runs on a build already made. Chromium: /usr/bin/chromium, never a browser download.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import * as c from '../review/cases';
import { serveDirectory, type StaticServer } from './server';

const ROOT = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.JIXIAO_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

let work: string;
let dist: string;
let folder: string;
let server: StaticServer;
let context: BrowserContext;
let page: Page;
const seen: string[] = [];
const pageErrors: string[] = [];
const hashes = new Map<string, string>();
const hashOf = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/** A build of the pages, or the one given in JIXIAO_E2E_DIST (an already built dist/ directory). */
function build(outDir: string): string {
  if (process.env.JIXIAO_E2E_DIST) return process.env.JIXIAO_E2E_DIST;
  const webpackCli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const run = spawnSync(process.execPath, [webpackCli, '--mode', 'production'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ADDIN_OUT_DIR: outDir }, timeout: 420_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`webpack failed (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return outDir;
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (.ci/run does)`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-review-e2e-'));
  dist = build(path.join(work, 'dist'));
  folder = path.join(work, '收件');
  fs.mkdirSync(path.join(folder, '二季度'), { recursive: true });
  const ok = await c.scored(c.dept2013, [c.example2013()]);
  const files: Record<string, Uint8Array> = {
    '示例县政务服务中心.xlsx': ok,
    '二季度/示例县档案馆.xlsx': c.typedOver(await c.scored(c.dept2013, [c.example2013({ in_dept_name: '示例县档案馆', in_staff_actual: 19 })]), '基本情况表', 2, 4, 90),
    '坏文件.xlsx': c.corrupt(ok),
    '名单.xlsx': await c.notOurs(),
    '自评报告.docx': c.handmadeDocx('示例县财政局'),
    '项目.xlsx': await c.scored(c.project2020, [c.projectExample()]),
    '说明.txt': new TextEncoder().encode('不是表格'),
  };
  for (const [name, bytes] of Object.entries(files)) {
    fs.writeFileSync(path.join(folder, name), bytes);
    hashes.set(name, hashOf(path.join(folder, name)));
  }
  server = await serveDirectory(dist);
  context = await chromium.launchPersistentContext(path.join(work, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  context.on('request', (r) => void seen.push(r.url()));
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 480_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const verdicts = () => page.getByTestId('review-verdict').allTextContents();
const files = () => page.getByTestId('review-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-file')));

test('the standalone page links to the 审核 page', async () => {
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByTestId('review-link').click();
  await page.waitForURL(/review\.html$/);
  await expect(page.getByTestId('review-page').isVisible()).resolves.toBe(true);
});

test('a folder of mixed files: progress to the end, one row per form and per file not reviewed', async () => {
  await page.getByTestId('review-open').setInputFiles(folder);
  const progress = page.getByTestId('review-progress');
  await page.waitForFunction(() => {
    const p = document.querySelector('[data-testid="review-progress"]');
    return p && p.getAttribute('data-done') === p.getAttribute('data-total') && document.querySelectorAll('[data-testid="review-row"]').length > 0;
  }, undefined, { timeout: 60_000 });
  expect(await progress.getAttribute('data-total')).toBe('6');
  // sorted by verdict (需修改, 无法读取, 需核实, 无法识别, 通过), then in the order of the folder
  expect(await verdicts()).toEqual(['无法读取', '需核实', '需核实', '需核实', '无法识别', '通过']);
  expect(await files()).toEqual(['收件/坏文件.xlsx', '收件/二季度/示例县档案馆.xlsx', '收件/项目.xlsx', '收件/自评报告.docx', '收件/名单.xlsx', '收件/示例县政务服务中心.xlsx']);
});

test('sorting by 单位 and filtering by 结论, 表种 and 单位', async () => {
  await page.getByTestId('review-filter-verdict').selectOption('需核实');
  expect(await verdicts()).toEqual(['需核实', '需核实', '需核实']);
  await page.getByTestId('review-filter-kind').selectOption('项目支出绩效自评表');
  expect(await files()).toEqual(['收件/项目.xlsx']);
  await page.getByTestId('review-filter-kind').selectOption('');
  await page.getByTestId('review-filter-verdict').selectOption('');
  await page.getByTestId('review-filter-unit').fill('档案');
  expect(await files()).toEqual(['收件/二季度/示例县档案馆.xlsx']);
  await page.getByTestId('review-filter-unit').fill('');
  await page.getByTestId('review-sort-total').click();
  expect((await files()).slice(0, 2)).toEqual(['收件/项目.xlsx', '收件/二季度/示例县档案馆.xlsx']);
});

test('a row opens its findings and the officer’s score panel', async () => {
  await page.locator('[data-testid="review-row"][data-file="收件/二季度/示例县档案馆.xlsx"]').click();
  const detail = page.getByTestId('review-detail');
  await detail.waitFor();
  await expect(detail.locator('[data-code="stale_output"]').textContent()).resolves.toContain('文件中为90，复核应为75.28');
  await page.getByTestId('total-score').waitFor({ timeout: 15_000 });
  await expect(page.getByTestId('total-score').textContent()).resolves.toBe('75.28');
  await page.locator('[data-testid="review-row"][data-file="收件/坏文件.xlsx"]').click();
  await expect(page.getByTestId('review-file-problem').textContent()).resolves.toContain('文件已损坏或不完整');
});

test('the grade chart counts the forms by grade', async () => {
  const bars = await page.getByTestId('review-chart').locator('[data-grade]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-grade'), e.getAttribute('data-count')]));
  expect(bars).toEqual([
    ['优', '1'],
    ['中', '3'],
  ]);
});

test('导出审核汇总 writes the summary workbook of `jixiao check -o`', async () => {
  const download = page.waitForEvent('download');
  await page.getByTestId('review-export').click();
  const file = path.join(work, '审核汇总.xlsx');
  const d = await download;
  expect(d.suggestedFilename()).toBe('审核汇总.xlsx');
  await d.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题清单', '等级分布']);
  const rows = wb.getWorksheet('汇总')!.getSheetValues().slice(2) as unknown[][];
  expect(rows).toHaveLength(6);
  expect(rows.find((r) => r[1] === '示例县档案馆')!.slice(6, 13)).toEqual([90, 75.28, 14.72, '中', 0, 1, '需核实']);
});

test('offline after one visit: the service worker serves the page, the review and the export still work', async () => {
  // the page controlled by the worker, and the summary's scripts kept (the page asks for them on load)
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 60_000 });
  const summaryScripts = fs.readdirSync(dist).filter((f) => /^review-summary\.[0-9a-f]{8}\.js$/.test(f));
  expect(summaryScripts).toHaveLength(1);
  await page.waitForFunction(
    async (name) => {
      for (const key of await caches.keys()) if (await (await caches.open(key)).match(new URL(name, location.href).href)) return true;
      return false;
    },
    summaryScripts[0],
    { timeout: 60_000, polling: 250 },
  );
  await context.setOffline(true);
  try {
    await page.reload();
    await page.getByTestId('review-open').setInputFiles(folder);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length === 6, undefined, { timeout: 60_000 });
    expect(await verdicts()).toEqual(['无法读取', '需核实', '需核实', '需核实', '无法识别', '通过']);
    const download = page.waitForEvent('download');
    await page.getByTestId('review-export').click();
    expect((await download).suggestedFilename()).toBe('审核汇总.xlsx');
  } finally {
    await context.setOffline(false);
  }
});

test('nothing beyond the page’s origin, no page error, the files unchanged', () => {
  expect(seen.filter((u) => !u.startsWith(server.origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  expect(pageErrors).toEqual([]);
  for (const [name, hash] of hashes) expect(hashOf(path.join(folder, name))).toBe(hash);
});
