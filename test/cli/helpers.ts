import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/run';

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
