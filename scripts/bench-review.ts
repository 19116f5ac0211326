/**
 * The finance bureau's review, measured on a generated batch, one JSON object per line on stdout:
 *   review_generate_s         making the batch (not a goal; says what the rest ran on)
 *   review_cli_s              `jixiao check DIR --json` on 1,000 workbooks (mixed schemes, random inputs, ~10% edited
 *                             after scoring, ~5% corrupt), worker threads; files per second (goal ≤ 60 s)
 *   review_cli_peak_rss_mib   the command's peak resident memory (threads included): bounded, files read one at a time
 *   review_page_s             the same batch in the 审核 page in Chromium, folder chosen to last row (goal ≤ 120 s)
 *   review_libreoffice_ratio  LibreOffice headless recalculation per file of a sample / the command's time per file
 *                             (goal ≥ 40)
 *
 *   npx tsx scripts/bench-review.ts [N]     (part of `npm run bench`; N files, default 1000)
 *
 * The page is measured on dist/review.html when `npm run build` made it (or on JIXIAO_E2E_DIST), else on a build
 * made here for the run.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { getScheme, type RawValue, type Scheme } from '../src/engine';
import { findSoffice } from '../src/cli/pdf';
import { FormsFile } from '../src/workbook/forms';
import { filledTemplateFile } from '../src/workbook/forms/template';
import { valuesOf } from '../test/workbook/formsHelpers';

const ROOT = path.resolve(__dirname, '..');
const emit = (o: object): void => void process.stdout.write(JSON.stringify(o) + '\n');
const round = (x: number, d = 2) => Number(x.toFixed(d));
const COUNT = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 1000;
const CHROMIUM = process.env.JIXIAO_CHROMIUM || '/usr/bin/chromium';

/** A small deterministic generator: the same batch on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface Base {
  scheme: Scheme;
  values: Record<string, RawValue>;
  file: FormsFile;
  /** the numeric scalar inputs varied from file to file */
  numbers: string[];
}

async function base(id: string, sample: string): Promise<Base> {
  const scheme = getScheme(id);
  const values = valuesOf(scheme, sample);
  const { bytes } = await filledTemplateFile(scheme, [values]);
  const numbers = scheme.inputs.filter((i) => typeof values[i.name] === 'number' && i.name !== scheme.identity.year).map((i) => i.name);
  return { scheme, values, file: FormsFile.open(bytes), numbers };
}

/** The batch: each file a base filled with a unit's own figures and scored; some then edited, some cut short. */
async function generate(dir: string): Promise<void> {
  const bases = [await base('dept-2013', 'templates/samples/dept-2013-example.json'), await base('project-2020', 'templates/samples/project-2020-example.json'), await base('dept-2020', 'templates/samples/dept-2020-example.json')];
  const rnd = random(20241201);
  for (let k = 0; k < COUNT; k++) {
    const b = bases[k % bases.length];
    const fill: Record<string, RawValue> = { [b.scheme.identity.dept]: `示例县第${k + 1}单位` };
    for (const name of b.numbers) if (rnd() < 0.5) fill[name] = Math.round((b.values[name] as number) * (0.8 + 0.4 * rnd()));
    const sheet = b.file.forms(b.scheme)[0].sheet ?? '';
    const filled = FormsFile.open(b.file.fill(b.scheme, new Map([[sheet, fill]])));
    let bytes = filled.write(b.scheme, filled.score(b.scheme), { syncAt: new Date('2025-03-01T08:00:00Z') });
    const r = rnd();
    if (r < 0.1 && b.numbers.length) bytes = FormsFile.open(bytes).fill(b.scheme, new Map([[sheet, { [b.numbers[0]]: (b.values[b.numbers[0]] as number) + 1 }]]));
    else if (r < 0.15) bytes = bytes.slice(0, Math.floor(bytes.length * rnd()));
    const sub = path.join(dir, `第${Math.floor(k / 100) + 1}批`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `${String(k + 1).padStart(4, '0')}-${b.scheme.id}.xlsx`), bytes);
  }
}

/** `jixiao check DIR --json` as a user runs it (the built command), its wall time and peak memory. */
function cli(dir: string): number {
  const probe = path.join(os.tmpdir(), `jixiao-rss-${process.pid}.js`);
  fs.writeFileSync(probe, "process.on('exit', () => process.stderr.write('\\nmaxrss=' + process.resourceUsage().maxRSS + '\\n'));\n");
  const t0 = Date.now();
  const run = spawnSync(process.execPath, ['-r', probe, path.join(ROOT, 'bin/jixiao.js'), 'check', dir, '--json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const seconds = (Date.now() - t0) / 1000;
  fs.rmSync(probe, { force: true });
  const summary = JSON.parse(run.stdout).summary as Record<string, number>;
  const rss = Number(/maxrss=(\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024;
  emit({ metric: 'review_cli_s', seconds: round(seconds), files: summary.files, files_per_s: round(summary.files / seconds, 1), summary, goal: 60 });
  emit({ metric: 'review_cli_peak_rss_mib', value: round(rss, 0) });
  return seconds / summary.files;
}

/** The page on the same folder, in Chromium: from choosing the folder to the last row shown. */
async function page(dir: string): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) return emit({ metric: 'review_page_s', skipped: `${CHROMIUM} not found` });
  let dist = process.env.JIXIAO_E2E_DIST ?? path.join(ROOT, 'dist');
  let built: string | null = null;
  if (!fs.existsSync(path.join(dist, 'review.html'))) {
    built = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-dist-'));
    const webpackCli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
    execFileSync(process.execPath, [webpackCli, '--mode', 'production'], { cwd: ROOT, env: { ...process.env, ADDIN_OUT_DIR: built }, stdio: 'ignore' });
    dist = built;
  }
  const { serveDirectory } = await import('../test/e2e/server');
  const { chromium } = await import('playwright-core');
  const server = await serveDirectory(dist);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const p = context.pages()[0] ?? (await context.newPage());
    await p.goto(`${server.origin}/review.html`);
    await p.getByTestId('review-open').waitFor({ state: 'attached' });
    const t0 = Date.now();
    await p.getByTestId('review-open').setInputFiles(dir);
    await p.waitForFunction(
      () => {
        const bar = document.querySelector('[data-testid="review-progress"]');
        return !!bar && bar.getAttribute('data-done') === bar.getAttribute('data-total') && document.querySelectorAll('[data-testid="review-row"]').length > 0;
      },
      undefined,
      { timeout: 600_000, polling: 200 },
    );
    const seconds = (Date.now() - t0) / 1000;
    const rows = await p.getByTestId('review-row').count();
    emit({ metric: 'review_page_s', seconds: round(seconds), rows, files_per_s: round(COUNT / seconds, 1), goal: 120 });
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
    if (built) fs.rmSync(built, { recursive: true, force: true });
  }
}

/** LibreOffice headless opening and recalculating a sample of the batch (one start for the sample), per file. */
function libreOffice(dir: string, cliPerFile: number): void {
  const soffice = findSoffice();
  if (!soffice) return emit({ metric: 'review_libreoffice_ratio', skipped: 'soffice not found' });
  const sample = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .filter((_, k) => k % 100 === 0)
    .slice(0, 10)
    .map((f) => path.join(dir, f));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-lo-'));
  const t0 = Date.now();
  spawnSync(soffice, [`-env:UserInstallation=file://${work}/profile`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(work, 'out'), ...sample], { stdio: 'ignore', timeout: 300_000 });
  const perFile = (Date.now() - t0) / 1000 / sample.length;
  fs.rmSync(work, { recursive: true, force: true });
  emit({ metric: 'review_libreoffice_ratio', libreoffice_s_per_file: round(perFile, 3), cli_s_per_file: round(cliPerFile, 4), ratio: round(perFile / cliPerFile, 1), sample: sample.length, goal: 40 });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-review-'));
  try {
    const t0 = Date.now();
    await generate(dir);
    emit({ metric: 'review_generate_s', seconds: round((Date.now() - t0) / 1000), files: COUNT });
    const perFile = cli(dir);
    await page(dir);
    libreOffice(dir, perFile);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`bench-review: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
