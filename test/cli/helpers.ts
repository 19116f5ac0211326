import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/run';
import { getScheme } from '../../src/engine';
import type { RawValue } from '../../src/engine';
import { XlsxWorkbook } from '../../src/workbook/xlsx';

export const ROOT = path.resolve(__dirname, '../..');
export const EXAMPLE = path.join(ROOT, 'templates/samples/dept-2013-example.json');

/** The 21 scores of the worked example in spec/dept-2013.md. */
export const SPEC_SCORES: Record<string, number> = {
  goal_fit: 3,
  goal_clarity: 4,
  staff_control: 2,
  sangong_change: 2.4,
  key_spend_ratio: 3,
  budget_adjust: 3,
  spend_progress: 2.5,
  surplus: 3,
  sangong_control: 0,
  budget_rules: 4,
  fund_compliance: 4,
  disclosure: 4,
  asset_rules: 4,
  asset_safety: 5,
  fixed_asset_use: 2,
  key_work_completion: 9,
  key_work_quality: 1,
  benefit_economic: 3,
  benefit_social: 3.5,
  benefit_ecological: 4,
  satisfaction: 6.88,
};

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `jixiao …` in-process with captured output, in `cwd`, with extra environment variables. */
export async function jixiao(args: string[], cwd: string = ROOT, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), cwd, env: { ...process.env, ...env } };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-cli-'));
}

/** Every file below dir (names relative to it), sorted. */
export function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** An exit-2 failure: nothing on stdout, exactly one line on stderr. */
export function expectUsageFailure(r: CliResult, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^jixiao: /);
  expect(r.stderr).toMatch(pattern);
}

/** The compiled command line that `node bin/jixiao.js` runs. */
export const BIN = path.join(ROOT, 'bin/jixiao.js');
export const DIST_MAIN = path.join(ROOT, 'dist/src/cli/main.js');

function newestSource(): number {
  let newest = 0;
  for (const top of ['src/cli', 'src/engine', 'src/workbook', 'src/review', 'src/import', 'templates']) {
    for (const f of fs.readdirSync(path.join(ROOT, top), { recursive: true, encoding: 'utf8' })) {
      if (/\.(ts|json)$/.test(f)) newest = Math.max(newest, fs.statSync(path.join(ROOT, top, f)).mtimeMs);
    }
  }
  return newest;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Rebuilds dist/ when any compiled source is newer than it. Test files run in parallel workers: a lock folder
 * makes one of them build while the others wait, so that none runs a half-written dist.
 */
export function ensureDist(): void {
  const lock = path.join(os.tmpdir(), `jixiao-dist-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  for (let waited = 0; ; waited += 200) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // a lock older than ten minutes belongs to a run that was killed
      if (waited > 600_000 || Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 600_000) {
        fs.rmSync(lock, { recursive: true, force: true });
      }
      sleep(200);
    }
  }
  try {
    if (!fs.existsSync(DIST_MAIN) || fs.statSync(DIST_MAIN).mtimeMs < newestSource()) {
      try {
        execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
      } catch (err) {
        // tsc still emits on type errors elsewhere in the tree; only a missing main.js is fatal here
        if (!fs.existsSync(DIST_MAIN)) throw err;
      }
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The worked example's inputs (a fresh copy each call). */
export function exampleInputs(): Record<string, RawValue> {
  return JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as Record<string, RawValue>;
}

/**
 * A workbook as an officer hands it over: `jixiao template` (with its sync record) filled with the worked
 * example, changed by `changes` (cell values by input name).
 */
export async function filledWorkbook(changes: Record<string, RawValue> = {}): Promise<Buffer> {
  const dir = tempDir();
  try {
    const r = await jixiao(['template', '-o', 't.xlsx', '--dept', '示例县政务服务中心', '--year', '2024', '--unit', '万元'], dir);
    if (r.code !== 0) throw new Error(r.stderr);
    const book = await XlsxWorkbook.fromBuffer(fs.readFileSync(path.join(dir, 't.xlsx')));
    book.fillInputs(getScheme('dept-2013'), { ...exampleInputs(), ...changes });
    return Buffer.from(await book.toBuffer());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
