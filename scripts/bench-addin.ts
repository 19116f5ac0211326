/**
 * Add-in figures, one JSON object per line on stdout:
 *   syncs_per_recompute       context.sync calls per recompute of the Office session (target ≤ 2), counted on
 *                             the office-addin-mock model of test/office over many single-input edits
 *   pane_initial_js_gzip_kib  gzip size of the scripts taskpane.html loads at start (Office.js excluded; target 250 KiB)
 *
 *   npx tsx scripts/bench-addin.ts      (part of `npm run bench`)
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { getScheme, type RawValue } from '../src/engine';
import { OfficeSession } from '../src/workbook/office';
import { MockExcel } from '../test/office/mockExcel';
import example from '../templates/samples/dept-2013-example.json';

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
  paneInitialJs();
})().catch((e) => {
  process.stderr.write(`bench-addin: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
