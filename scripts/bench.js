#!/usr/bin/env node
/**
 * Timings, one JSON object per line on stdout and nothing else:
 *   engine_recompute_us   a full evaluate() of the worked example (target 50 µs)
 *   target_recompute_us   evaluate() of 3 project forms (project-2020) of 30 rows each, as a workbook holding
 *                         three projects is recomputed (target 200 µs)
 *   template_build_ms     build the template workbook and write it to a buffer
 *   score_file_ms         the CLI's score path on the filled demo file, in-process: read, detect, evaluate,
 *                         write the outputs, write OUT atomically
 *   exceljs_floor_ms      plain exceljs on the same file, same runs: read, load, writeBuffer, and the file
 *                         written as the CLI must write it (temporary file, fsync, rename: whole or not at all)
 *   score_overhead_ratio  score_file_ms / exceljs_floor_ms (target 1.10)
 *
 *   npm run bench --silent     (builds dist/ first; --silent keeps npm's own lines off stdout)
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const load = (m) => require(path.join(ROOT, 'dist', 'src', m));

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95) };
}

const round = (x, digits) => Number(x.toFixed(digits));
const emit = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const now = () => process.hrtime.bigint();
const ms = (t0) => Number(now() - t0) / 1e6;

function engineRecompute() {
  const { evaluate, getScheme } = load('engine');
  const scheme = getScheme('dept-2013');
  const values = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates/samples/dept-2013-example.json'), 'utf8'));
  for (let i = 0; i < 3000; i++) evaluate(scheme, { values });
  const runs = 10000;
  const t = new Array(runs);
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    evaluate(scheme, { values });
    t[i] = Number(now() - t0) / 1e3;
  }
  const { median, p95 } = stats(t);
  emit({ metric: 'engine_recompute_us', median: round(median, 1), p95: round(p95, 1), runs, target: 50 });
}

/**
 * 30 rows for one project: the worked example's nine rows, each three or four times over (a mix of 正向, 反向,
 * percentages, amounts and 定性 rows) with a time target among them, 3 points each (90 in all); rows in field
 * order, as a workbook gives them.
 */
function projectForm(example, scheme, k) {
  const fields = scheme.table('in_indicators').fields.map((f) => f.name);
  const rows = [];
  for (let i = 0; i < 30; i++) {
    const base = example.in_indicators[i % example.in_indicators.length];
    const row = { ...base, name: `${base.name}${i + 1}`, weight: 3, score: base.sense === '定性' && base.rating === '部分达成' ? 2 : undefined };
    if (i === 29) Object.assign(row, { level2: '时效指标', sense: undefined, target: '2024年11月底前', actual: '10月完成' });
    if (!row.deviation) row.deviation = '按计划完成';
    rows.push(fields.map((f) => (row[f] === undefined ? null : row[f])));
  }
  return { ...example, in_project_name: `${example.in_project_name}${k + 1}`, in_indicators: rows };
}

function targetRecompute() {
  const { evaluate, getScheme } = load('engine');
  const scheme = getScheme('project-2020');
  const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates/samples/project-2020-example.json'), 'utf8'));
  const forms = [0, 1, 2].map((k) => projectForm(example, scheme, k));
  const recompute = () => {
    for (const values of forms) evaluate(scheme, { values });
  };
  const check = evaluate(scheme, { values: forms[0] });
  if (check.indicators.length !== 30 || !check.complete) throw new Error('the bench forms do not score completely');
  for (let i = 0; i < 1000; i++) recompute();
  const runs = 3000;
  const t = new Array(runs);
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    recompute();
    t[i] = Number(now() - t0) / 1e3;
  }
  const { median, p95 } = stats(t);
  emit({ metric: 'target_recompute_us', median: round(median, 1), p95: round(p95, 1), runs, forms: 3, rows: 30, target: 200 });
}

async function templateBuild() {
  const { templateBytes } = load('cli');
  const { getScheme } = load('engine');
  const scheme = getScheme('dept-2013');
  for (let i = 0; i < 3; i++) await templateBytes(scheme, {});
  const runs = 15;
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await templateBytes(scheme, {});
    t.push(ms(t0));
  }
  const { median, p95 } = stats(t);
  emit({ metric: 'template_build_ms', median: round(median, 2), p95: round(p95, 2), runs });
}

async function scoreFile() {
  const { run } = load('cli');
  const { makeFilled, FILES, OUT } = require('./demo');
  const ExcelJS = require('exceljs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-'));
  try {
    // the demo's filled file if `npm run demo` left one, else made the same way
    const demoFilled = path.join(OUT, FILES.filled);
    const filled = fs.existsSync(demoFilled) ? demoFilled : await makeFilled(dir, { stderr: () => {} });
    const out = path.join(dir, 'scored.xlsx');
    const floorOut = path.join(dir, 'floor.xlsx');
    const io = { stdout: () => {}, stderr: (t) => process.stderr.write(t), cwd: dir };

    const score = async () => {
      const code = await run(['score', filled, '-o', out, '--json'], io);
      if (code === 2) throw new Error('score failed');
    };
    // The CLI must not leave a half-written OUT behind, so it syncs a temporary file and renames it; a floor
    // that merely wrote its file would leave that cost out, and leave its dirty pages for the score path's
    // fsync to flush (ext4 commits them together). Plain Node, so the floor does not depend on the CLI's code.
    const writeWhole = async (target, bytes) => {
      const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
      const handle = await fs.promises.open(tmp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(tmp, target);
    };
    const floor = async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(fs.readFileSync(filled));
      await writeWhole(floorOut, new Uint8Array(await book.xlsx.writeBuffer()));
    };
    for (let i = 0; i < 3; i++) {
      await score();
      await floor();
    }
    // interleaved, so that drift (GC, CPU frequency) hits both alike
    const runs = 15;
    const ts = [];
    const tf = [];
    for (let i = 0; i < runs; i++) {
      let t0 = now();
      await score();
      ts.push(ms(t0));
      t0 = now();
      await floor();
      tf.push(ms(t0));
    }
    const s = stats(ts);
    const f = stats(tf);
    emit({ metric: 'score_file_ms', median: round(s.median, 2), p95: round(s.p95, 2), runs });
    emit({ metric: 'exceljs_floor_ms', median: round(f.median, 2), p95: round(f.p95, 2), runs });
    emit({ metric: 'score_overhead_ratio', value: round(s.median / f.median, 3), target: 1.1 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  engineRecompute();
  targetRecompute();
  await templateBuild();
  await scoreFile();
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.stack || err}\n`);
  process.exitCode = 1;
});
