/**
 * The standalone page with a project-2020 workbook (项目支出绩效自评表), end to end in Debian's Chromium driven by
 * playwright-core: one production build into a temporary directory, served from 127.0.0.1 by ./server.ts.
 *
 * 新建模板 of project-2020 → the rows form → 添加绩效指标行, type 三级指标/指标性质/年度指标值/实际完成值/分值 and the
 * funds → the row's 得分 and 计算过程 beside it and the total at the engine's figure → rows added beyond the
 * template's table, 添加项目 → 下载工作簿 → the saved file read back by the `jixiao score --json` command: the same
 * totals, every row there. axe-core checks the rows form and the delete confirmation.
 *
 * Chromium: /usr/bin/chromium; never a browser download.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { evaluate, getScheme, type RawValue } from '../../src/engine';
import { run } from '../../src/cli/run';
import { serveDirectory, type StaticServer } from './server';

const ROOT = path.resolve(__dirname, '..', '..');
const AXE = require.resolve('axe-core/axe.min.js');
const CHROMIUM = process.env.JIXIAO_CHROMIUM || '/usr/bin/chromium';
const UI_TIMEOUT = 15_000;
const project = getScheme('project-2020');
const table = project.table('in_indicators');
const F = Object.fromEntries(table.fields.map((f, i) => [f.name, i])) as Record<string, number>;

let work: string;
let server: StaticServer;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = UI_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await sleep(50);
    value = await read();
  }
  return value;
}

const total = () => page.getByTestId('total-score').first().textContent();

/** The control of a row's field in the form shown (project k). */
const rowField = (r: number, field: string, k = 0) => page.locator(`#jx-f${k}-in_indicators-r${r}-f${F[field]}`);

/** Types a row as an officer would, field by field (pickers chosen, the rest typed). */
async function typeRow(r: number, values: Record<string, string>, k = 0): Promise<void> {
  for (const [field, value] of Object.entries(values)) {
    const control = rowField(r, field, k);
    if (field === 'sense' || field === 'rating' || field === 'level1' || field === 'level2') await control.selectOption(value);
    else await control.fill(value);
  }
}

async function axeViolations(): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ include: [['html']], exclude: [['i[data-tabster-dummy]']] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

/** A row of the table as the engine reads it from what was typed (texts in field order; 分值 a number). */
function engineRow(values: Record<string, string>): RawValue[] {
  return table.fields.map((f) => {
    const v = values[f.name];
    if (v === undefined || v === '') return null;
    return f.kind === 'number' ? Number(v) : v;
  });
}

/** `jixiao score <file> --json`, in process: its JSON. */
async function cliScore(file: string): Promise<{ status: number; json: { forms?: { total: string; sheet?: string }[]; total?: string } }> {
  let out = '';
  let err = '';
  const status = await run(['score', file, '--json'], { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: work });
  if (!out) throw new Error(`jixiao score wrote nothing (status ${status}): ${err}`);
  return { status, json: JSON.parse(out) };
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (.ci/run does)`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-e2e-forms-'));
  const dist = path.join(work, 'dist');
  const webpackCli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const built = spawnSync(process.execPath, [webpackCli, '--mode', 'production'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ADDIN_OUT_DIR: dist },
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (built.status !== 0) throw new Error(`webpack failed (${built.status}):\n${built.stdout}\n${built.stderr}`);
  server = await serveDirectory(dist);
  context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
    serviceWorkers: 'block',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 700_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const ROW = { name: '培训人数', sense: '≥', target: '100', unit: '人', actual: '90', weight: '10' };

test('新建模板 of 项目支出绩效自评表, a row added and typed: its score beside it, the total at the engine’s figure', async () => {
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByTestId('insert-template').waitFor({ timeout: UI_TIMEOUT });
  const choice = page.getByTestId('scheme-choice');
  const values = await choice.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  await choice.selectOption(values.find((v) => v.includes(':project-2020:'))!);
  const form = page.getByTestId('new-template');
  await form.getByLabel('部门（单位）名称').fill('示例县数据局');
  await form.getByLabel(/评价年度/).fill('2024');
  await page.getByTestId('insert-template').click();
  await page.getByTestId('forms-editor').waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('row-in_indicators').count()).toBe(22);

  await page.locator('#jx-in_project_name').fill('政务数据共享平台运维');
  await page.locator('#jx-in_fund_full').fill('150');
  await page.locator('#jx-in_fund_spent').fill('138.6');
  // the execution line alone: 138.6/150 = 92.40% → 9.24
  const funds = evaluate(project, { values: { in_fund_full: 150, in_fund_spent: 138.6 } }).total.toFixed(2);
  expect(funds).toBe('9.24');
  expect(Number(await until(total, (t) => Number(t) === Number(funds)))).toBe(Number(funds));

  await page.getByTestId('add-row-in_indicators').click();
  expect(await page.getByTestId('row-in_indicators').count()).toBe(23);
  // the keyboard is on the new row's first field after its levels
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(`jx-f0-in_indicators-r22-f${F.name}`);
  await typeRow(22, ROW);

  const expected = evaluate(project, { values: { in_fund_full: 150, in_fund_spent: 138.6, in_indicators: [engineRow({ level1: '满意度指标', level2: '服务对象满意度指标', ...ROW })] } });
  expect(expected.total.toFixed(2)).toBe('18.24');
  expect(Number(await until(total, (t) => Number(t) === expected.total.toNumber()))).toBe(expected.total.toNumber());
  const row = page.getByTestId('row-in_indicators').nth(22);
  expect(await row.getByTestId('row-score').textContent()).toBe('得分 9.00 / 10分');
  expect(await row.getByTestId('row-text').textContent()).toBe(`计算过程：${expected.table!.texts[0]}`);

  expect(await axeViolations()).toEqual([]);
}, 180_000);

test('deleting a filled row asks first; the dialog passes axe and 取消 keeps the row', async () => {
  await page.locator('#jx-f0-in_indicators-r22-delete').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: UI_TIMEOUT });
  expect(await dialog.textContent()).toContain('删除第23行？');
  await page.waitForTimeout(300); // the dialog's entrance: mid-fade its texts have too little contrast for axe
  expect(await axeViolations()).toEqual([]);
  await page.getByTestId('cancel-delete').click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  expect(await rowField(22, 'name').inputValue()).toBe('培训人数');
}, 60_000);

test('rows beyond the table, a second project; the saved workbook scores to the same totals with jixiao score', async () => {
  // five more rows of 2 points: the table of 22 laid out in the file grows to hold 28
  for (let i = 0; i < 5; i++) {
    await page.getByTestId('add-row-in_indicators').click();
    await typeRow(23 + i, { name: `指标${i + 1}`, sense: '≥', target: '10', actual: '10', weight: '2' });
  }
  const first = Number(await until(total, (t) => Number(t) === 28.24));
  expect(first).toBe(28.24);

  await page.getByTestId('add-project').click();
  await until(() => page.getByTestId('form-tab').count(), (n) => n === 2, 60_000);
  await until(() => page.getByTestId('form-tab').nth(1).getAttribute('aria-selected'), (v) => v === 'true');
  await page.locator('#jx-in_project_name').fill('第二个项目');
  await page.locator('#jx-in_fund_full').fill('100');
  await page.locator('#jx-in_fund_spent').fill('100');
  await typeRow(0, { name: '完成率', sense: '=', target: '100%', actual: '100%', weight: '90' }, 1);
  expect(Number(await until(total, (t) => Number(t) === 100))).toBe(100);

  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('download').click();
  const file = path.join(work, '已填写.xlsx');
  await (await download).saveAs(file);

  const { json } = await cliScore(file);
  expect(json.forms?.map((f) => Number(f.total))).toEqual([28.24, 100]);
  expect(pageErrors).toEqual([]);
}, 240_000);
