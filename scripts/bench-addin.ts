/**
 * Add-in figures, one JSON object per line on stdout:
 *   syncs_per_recompute       context.sync calls per recompute of the Office session (target ≤ 2), counted on
 *                             the office-addin-mock model of test/office over many single-input edits
 *   forms_recompute           a project-2020 workbook of 3 projects × 30 rows in the same model: engine time of
 *                             one recompute (evaluate of the 3 forms as the session read them; median target
 *                             200 µs), the whole recompute against the mock (ms, for comparison only), and
 *                             context.sync calls per recompute over edits of one project (target ≤ 2)
 *   pane_initial_js_gzip_kib  gzip size of the scripts taskpane.html loads at start (Office.js excluded; target 250 KiB)
 *
 *   npx tsx scripts/bench-addin.ts      (part of `npm run bench`)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { evaluate, getScheme, inputsFromJson, type RawValue } from '../src/engine';
import { OfficeSession } from '../src/workbook/office';
import { MockExcel } from '../test/office/mockExcel';
import example from '../templates/samples/dept-2013-example.json';
import projectExample from '../templates/samples/project-2020-example.json';

const ROOT = path.resolve(__dirname, '..');
const emit = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');

async function syncsPerRecompute(): Promise<void> {
  const scheme = getScheme('dept-2013');
  const mock = new MockExcel();
  (globalThis as Record<string, unknown>).Excel = mock.excel();
  mock.addSheet('Sheet1');
  const session = new OfficeSession({ live: false, clock: () => new Date('2025-03-01T08:00:00Z') });
  await session.insertTemplate(scheme, { sheets: ['summary', 'scoring', 'survey'], unit: '万元' }, () => undefined);
  for (const [name, value] of Object.entries(example)) mock.setQuiet(name, value as RawValue);
  await session.recompute('open');

  // each run changes one input (so outputs change and the write batch is real), then recomputes
  const edits: [string, RawValue][] = [
    ['in_staff_actual', 22], ['in_staff_actual', 21], ['in_late_items', 4], ['in_late_items', 3],
    ['in_goal_fit_3', '否'], ['in_goal_fit_3', '是'], ['in_key_work_done', 8], ['in_key_work_done', 9],
  ];
  const counts: number[] = [];
  for (let i = 0; i < 100; i++) {
    const [name, value] = edits[i % edits.length];
    mock.setQuiet(name, value);
    const before = mock.syncCount;
    await session.recompute('manual');
    counts.push(mock.syncCount - before);
  }
  // and a recompute with nothing changed: the write batch is skipped
  const before = mock.syncCount;
  await session.recompute('manual');
  const unchanged = mock.syncCount - before;
  session.dispose();
  emit({
    metric: 'syncs_per_recompute',
    max: Math.max(...counts),
    mean: counts.reduce((a, b) => a + b, 0) / counts.length,
    unchanged,
    runs: counts.length,
    target: 2,
  });
}

function quantiles(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95) };
}

async function formsRecompute(): Promise<void> {
  const scheme = getScheme('project-2020');
  const mock = new MockExcel();
  (globalThis as Record<string, unknown>).Excel = mock.excel();
  mock.addSheet('Sheet1');
  const session = new OfficeSession({ live: false, clock: () => new Date('2025-03-01T08:00:00Z') });
  await session.insertTemplate(scheme, { sheets: [], projects: 3, dept: '示例县数据局', year: 2024, unit: '万元' }, () => undefined);
  const { values } = inputsFromJson(scheme, projectExample as Record<string, unknown>);
  const rows = values.in_indicators as RawValue[][];
  const weight = scheme.tables[0].fields.findIndex((f) => f.name === 'weight');
  const sheets = mock.sheets.filter((s) => s.names.has('in_indicators')).map((s) => s.name);
  for (const [k, sheet] of sheets.entries()) {
    // room for 30 rows inside the table, as an officer makes it (Excel widens the names)
    const range = mock.scopedName(sheet, 'in_indicators')!.address;
    const top = Number(/\d+/.exec(range)![0]);
    mock.insertRows(sheet, top + 4, 30 - (Number(/(\d+)$/.exec(range)![1]) - top + 1));
    const thirty = Array.from({ length: 30 }, (_, r) => rows[r % rows.length].map((v, i) => (i === weight ? 3 : v)));
    for (const [name, value] of Object.entries({ ...values, in_project_name: `项目${k + 1}`, in_indicators: thirty })) {
      if (value !== null) mock.setScopedQuiet(sheet, name, value);
    }
  }
  await session.recompute('open');

  const counts: number[] = [];
  const sessionMs: number[] = [];
  for (let i = 0; i < 60; i++) {
    mock.setScopedQuiet(sheets[i % 3], 'in_fund_spent', 130 + (i % 7));
    const before = mock.syncCount;
    const t0 = process.hrtime.bigint();
    await session.recompute('manual');
    sessionMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    counts.push(mock.syncCount - before);
  }
  const before = mock.syncCount;
  await session.recompute('manual');
  const unchanged = mock.syncCount - before;

  // the engine's share: the three forms as the session read them, evaluated as one recompute does
  const current = await session.current();
  const forms = current.forms.map((f) => ({ values: f.values }));
  if (forms.length !== 3 || forms.some((f) => (f.values.in_indicators as RawValue[][]).length !== 30)) throw new Error('the bench workbook is not 3 projects × 30 rows');
  for (let i = 0; i < 300; i++) for (const f of forms) evaluate(scheme, f);
  const engineUs: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = process.hrtime.bigint();
    for (const f of forms) evaluate(scheme, f);
    engineUs.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  await session.dispose();
  const engine = quantiles(engineUs);
  const whole = quantiles(sessionMs);
  emit({
    metric: 'forms_recompute',
    projects: 3,
    rows: 30,
    engine_us_median: Number(engine.median.toFixed(1)),
    engine_us_p95: Number(engine.p95.toFixed(1)),
    session_ms_median_mock: Number(whole.median.toFixed(2)),
    syncs_max: Math.max(...counts),
    syncs_mean: counts.reduce((a, b) => a + b, 0) / counts.length,
    syncs_unchanged: unchanged,
    runs: counts.length,
    target_us: 200,
    target_syncs: 2,
  });
}

function paneInitialJs(): void {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-pane-'));
  try {
    // a production build into a scratch folder: the size officers download when the pane opens
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], {
      cwd: ROOT,
      env: { ...process.env, ADDIN_OUT_DIR: out },
      stdio: 'pipe',
    });
    const html = fs.readFileSync(path.join(out, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g)].map((m) => m[1]).filter((s) => !/office-js/.test(s));
    const sizes = scripts.map((s) => {
      const bytes = fs.readFileSync(path.join(out, s.split('?')[0]));
      return { file: s, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
    });
    const gzip = sizes.reduce((a, s) => a + s.gzip, 0);
    const raw = sizes.reduce((a, s) => a + s.raw, 0);
    emit({ metric: 'pane_initial_js_gzip_kib', value: Number((gzip / 1024).toFixed(1)), raw_kib: Number((raw / 1024).toFixed(1)), scripts: scripts.length, target: 250 });
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

(async () => {
  await syncsPerRecompute();
  await formsRecompute();
  if (!process.argv.includes('--no-build')) paneInitialJs();
})().catch((e) => {
  process.stderr.write(`bench-addin: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
