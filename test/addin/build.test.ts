/**
 * Runs the production webpack build once, into a temporary directory and for a non-development
 * origin, and checks what an intranet deployment needs: Office.js served locally, no CDN
 * references, hashed bundles, exceljs kept out of the start-up scripts, and a manifest whose every
 * URL is on ADDIN_ORIGIN.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface CheckResult {
  ok: boolean;
  problems: string[];
  facts: { urls: string[]; files: string[]; id: string };
}
interface CheckManifestModule {
  checkManifest(options: { xml?: string; manifestPath?: string; origin?: string; outDir?: string }): CheckResult;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest } = require('../../scripts/check-manifest') as CheckManifestModule;

const ROOT = path.resolve(__dirname, '..', '..');
const ORIGIN = 'https://intranet.example.gov.cn/jixiao';

let out: string;
let html: string;
let files: string[];

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [path.relative(out, full).split(path.sep).join('/')];
  });
}

/** src attributes of <script> tags, in document order (the production HTML is minified: quotes are optional). */
function scriptSources(page: string): string[] {
  return [...page.matchAll(/<script\b[^>]*?\ssrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => m[1] ?? m[2] ?? m[3]);
}

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-addin-'));
  const webpackCli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const run = spawnSync(process.execPath, [webpackCli, '--mode', 'production'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ADDIN_OUT_DIR: out, ADDIN_ORIGIN: ORIGIN },
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    throw new Error(`webpack --mode production failed (status ${run.status}, ${run.error ?? ''}):\n${run.stdout}\n${run.stderr}`);
  }
  html = fs.readFileSync(path.join(out, 'taskpane.html'), 'utf8');
  files = listFiles(out);
}, 660_000);

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

test('taskpane.html loads office.js from a relative path, before the bundle', () => {
  const sources = scriptSources(html);
  expect(sources[0]).toBe('assets/office-js/office.js');
  expect(sources.length).toBeGreaterThan(1);
  for (const src of sources) expect(src).not.toMatch(/^(?:[a-z]+:|\/)/i); // relative: no scheme, no leading slash
  for (const src of sources.slice(1)) expect(src).toMatch(/^[\w.-]+\.[0-9a-f]{8}\.js$/); // hashed bundles
});

test('Office.js and its Excel scripts are in the output; other hosts are not', () => {
  for (const f of ['assets/office-js/office.js', 'assets/office-js/excel-win32-16.01.js', 'assets/office-js/excel-web-16.00.js', 'assets/office-js/zh-cn/office_strings.js']) {
    expect(files).toContain(f);
  }
  expect(files.filter((f) => /^assets\/office-js\/(word|outlook|powerpoint|onenote)/.test(f))).toEqual([]);
  expect(files.filter((f) => f.endsWith('.debug.js'))).toEqual([]);
});

test('no file refers to the Office CDN or loads a script or stylesheet from another origin', () => {
  const offenders: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(out, f), 'latin1');
    if (text.includes('appsforoffice.microsoft.com')) offenders.push(`${f}: appsforoffice.microsoft.com`);
    if (/<script[^>]*\ssrc=["']?(?:https?:)?\/\//i.test(text)) offenders.push(`${f}: <script src> to another origin`);
    if (/<link[^>]*\shref=["']?(?:https?:)?\/\//i.test(text)) offenders.push(`${f}: <link href> to another origin`);
  }
  expect(offenders).toEqual([]);
});

test('exceljs is not in any script loaded at start-up', () => {
  const initial = scriptSources(html).slice(1);
  for (const src of initial) {
    const code = fs.readFileSync(path.join(out, src), 'utf8');
    expect(code).not.toContain('xl/worksheets/sheet');
  }
});

test('the icons are copied into assets/', () => {
  for (const size of [16, 32, 64, 80]) expect(files).toContain(`assets/icon-${size}.png`);
});

test('manifest.xml is rewritten to ADDIN_ORIGIN and passes the offline check against the output', () => {
  const manifest = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
  expect(manifest).not.toMatch(/https?:\/\/localhost/);
  const r = checkManifest({ manifestPath: path.join(out, 'manifest.xml'), origin: ORIGIN, outDir: out });
  expect(r.problems).toEqual([]);
  expect(r.facts.urls.length).toBeGreaterThanOrEqual(9);
  for (const url of r.facts.urls) expect(url.startsWith(ORIGIN + '/')).toBe(true);
  expect(r.facts.files).toEqual(expect.arrayContaining(['taskpane.html', 'support.html', 'assets/icon-80.png']));
});

describe('the standalone page (the pane in a plain browser)', () => {
  test('sw.js is emitted beside taskpane.html, unhashed, with a versioned precache list naming the built files', () => {
    expect(files).toContain('sw.js');
    const sw = fs.readFileSync(path.join(out, 'sw.js'), 'utf8');
    expect(sw).not.toContain('__JIXIAO_PRECACHE__');
    const m = /\{"version":"([0-9a-f]{16})","files":(\[[^\]]*\])\}/.exec(sw);
    expect(m).not.toBeNull();
    const listed = JSON.parse(m![2]) as string[];
    for (const f of listed) expect(files).toContain(f);
    // the page, its start-up scripts, and every other script of the build (the standalone page and exceljs chunks)
    expect(listed).toEqual(expect.arrayContaining(['taskpane.html', ...scriptSources(html).slice(1)]));
    const scripts = files.filter((f) => f.endsWith('.js') && !f.startsWith('assets/') && f !== 'sw.js');
    expect(scripts.filter((f) => !listed.includes(f))).toEqual([]);
    // not Office.js (not needed outside Office), nor the manifest, nor the worker itself
    expect(listed.filter((f) => f.startsWith('assets/office-js/') || f === 'manifest.xml' || f === 'sw.js')).toEqual([]);
    expect(sw).toContain('jixiao-');
  });

  test('the standalone page is loaded on demand: not in the start-up scripts', () => {
    const initial = scriptSources(html).slice(1).map((src) => fs.readFileSync(path.join(out, src), 'utf8'));
    expect(initial.some((code) => code.includes('jixiao:draft:'))).toBe(false);
    const chunks = files.filter((f) => f.endsWith('.js') && !f.startsWith('assets/')).map((f) => fs.readFileSync(path.join(out, f), 'utf8'));
    expect(chunks.some((code) => code.includes('jixiao:draft:'))).toBe(true);
  });
});
