/**
 * Runs the compiled command (dist/) on the hostile corpus with a time bound the harness enforces: a worker
 * thread for the ordinary cases (terminated when it does not answer in time, even from a synchronous loop, and
 * with a heap limit of its own), a child process (`node bin/jixiao.js`) for the size shapes and the cases run
 * as an ordinary user, so that an out-of-memory is a failed case and never takes jest down.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { unzipSync } from 'fflate';
import { BIN, DIST_MAIN } from '../cli/helpers';
import type { CaseRun, Command, HostileCase } from './corpus';

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  /** why there is no exit status: no answer in time, out of memory, killed by a signal, a crash */
  failure?: string;
}

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { run } = require(workerData.run);
parentPort.on('message', async ({ args, cwd }) => {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: { ...process.env } };
  try {
    const code = await run(args, io);
    parentPort.postMessage({ code, stdout, stderr });
  } catch (err) {
    parentPort.postMessage({ code: null, stdout, stderr, failure: 'run() threw: ' + ((err && err.stack) || err) });
  }
});
`;

/** The command's run() from dist/, in a worker thread that is replaced after a hang or a crash. */
export class CliWorker {
  private worker?: Worker;

  constructor(private readonly heapMb = 2048) {}

  private start(): Worker {
    this.worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { run: path.join(path.dirname(DIST_MAIN), 'run.js') },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
      stdout: true,
      stderr: true,
    });
    return this.worker;
  }

  run(args: string[], cwd: string, timeoutMs: number): Promise<Outcome> {
    const worker = this.worker ?? this.start();
    return new Promise((resolve) => {
      const done = (outcome: Outcome, dead: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (dead) {
          void worker.terminate();
          if (this.worker === worker) this.worker = undefined;
        }
        resolve(outcome);
      };
      const onMessage = (m: Outcome) => done(m, false);
      const onError = (err: Error) => done({ code: null, stdout: '', stderr: '', failure: `crashed: ${err.message}` }, true);
      const onExit = (code: number) => done({ code: null, stdout: '', stderr: '', failure: `the worker exited (${code})` }, true);
      const timer = setTimeout(() => done({ code: null, stdout: '', stderr: '', failure: `no answer within ${timeoutMs / 1000} s` }, true), timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ args, cwd });
    });
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

/** Keeps at most this much of a child's output (a runaway print must not fill the test's memory). */
const OUTPUT_CAP = 1 << 20;

/** `node bin/jixiao.js …` in a child process, killed when it does not end in time. */
export function runChild(
  args: string[],
  cwd: string,
  options: { timeoutMs: number; heapMb?: number; asUser?: boolean },
): Promise<Outcome> {
  const user = options.asUser && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const flags = options.heapMb ? [`--max-old-space-size=${options.heapMb}`] : [];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...flags, BIN, ...args], { cwd, ...user, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outSize = 0;
    let errSize = 0;
    child.stdout.on('data', (b: Buffer) => {
      if ((outSize += b.length) <= OUTPUT_CAP) out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if ((errSize += b.length) <= OUTPUT_CAP) err.push(b);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, stdout: '', stderr: '', failure: `could not run: ${e.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (timedOut) resolve({ code: null, stdout, stderr, failure: `no answer within ${options.timeoutMs / 1000} s` });
      else if (signal) resolve({ code: null, stdout, stderr, failure: `killed by ${signal}${/heap out of memory/i.test(stderr) ? ' (out of memory)' : ''}` });
      else resolve({ code, stdout, stderr });
    });
  });
}

export type Snapshot = CaseRun['files'];

/** Every entry below dir (links not followed), with the bytes of regular files. */
export function snapshot(dir: string): Snapshot {
  const files: Snapshot = new Map();
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(dir, rel));
    } catch {
      return; // a folder we may not list (a read-only case) has nothing we wrote
    }
    for (const name of names) {
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(path.join(dir, r));
      if (st.isSymbolicLink()) files.set(r, 'link');
      else if (st.isDirectory()) {
        files.set(r, 'dir');
        walk(r);
      } else if (st.isFile()) files.set(r, fs.readFileSync(path.join(dir, r)));
      else files.set(r, 'other');
    }
  };
  walk('');
  return files;
}

/** What a terminal would act on: C0 but the line feed, DEL, C1, bidi controls, line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** A JavaScript stack frame. */
const STACK = /^\s+at\s.+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;
/** Temporary files: ours and any other. */
const TEMP = /(^|\/)[^/]*\.tmp$/;
const OUR_TEMP = /(^|\/)\.jixiao-\d+-[0-9a-f]{8}\.tmp$/;

/** Words of English error messages (Node's, V8's, exceljs's, the system's). */
const ENGLISH_ERROR = /\b(Unexpected|[Ii]nvalid|[Cc]annot|can't|[Ff]ailed|denied|[Pp]ermission|no such|directory|undefined|is not|not a|JSON at|Error|E[A-Z]{4,}|at position)\b/;

/** The file a command writes into (relative), if any. */
function outputOf(c: HostileCase, command: Command): string | undefined {
  if (command === 'score') return undefined;
  if (command === 'export') return c.exportOut ?? '报送/';
  return c.out ?? 'out.xlsx';
}

/** A whole workbook: a zip whose every part inflates, holding the content types and the workbook part. */
function isWholeWorkbook(bytes: Buffer): boolean {
  try {
    const parts = unzipSync(bytes);
    return !!parts['[Content_Types].xml'] && !!parts['xl/workbook.xml'];
  } catch {
    return false;
  }
}

/**
 * The promises every command keeps on every case: an exit status of 0, 1 or 2 in time; for 2 nothing on
 * stdout and exactly one Chinese line on stderr starting "jixiao: "; no stack trace and no internal error; no
 * raw control character printed; no temporary file left; with 2 nothing written or changed; otherwise every
 * file written a whole workbook; the input file changed only when it is the output.
 */
export function checkRun(c: HostileCase, command: Command, outcome: Outcome, before: Snapshot, after: Snapshot, dir: string): void {
  const said = `${c.id} / ${command}`;
  expect({ case: said, failure: outcome.failure }).toEqual({ case: said, failure: undefined });
  const { code, stdout, stderr } = outcome;
  expect({ case: said, code: [0, 1, 2].includes(code as number) }).toEqual({ case: said, code: true });
  const wanted = c.codes?.[command];
  if (wanted) expect({ case: said, code }).toEqual({ case: said, code: wanted.includes(code as number) ? code : wanted });

  expect(stdout + stderr).not.toMatch(STACK);
  expect(stderr).not.toContain('内部错误');
  expect(stdout).not.toMatch(RAW_CONTROL);
  expect(stderr).not.toMatch(RAW_CONTROL);
  if (code === 2) {
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^jixiao: [^\n]*[\u4e00-\u9fff][^\n]*\n$/);
    // Chinese, not a system's or a parser's English message passed through
    expect(stderr).not.toMatch(ENGLISH_ERROR);
  }

  for (const name of after.keys()) {
    if (TEMP.test(name)) expect({ case: said, left: name, before: before.has(name) }).toEqual({ case: said, left: name, before: true });
  }
  for (const [name, was] of before) {
    const now = after.get(name);
    if (now === undefined) {
      // only a stale temporary file of ours may go
      expect({ case: said, removed: name }).toEqual({ case: said, removed: OUR_TEMP.test(name) ? name : '(only our stale temporary files)' });
      continue;
    }
    const changed = Buffer.isBuffer(was) && Buffer.isBuffer(now) ? !was.equals(now) : was !== now;
    if (!changed) continue;
    if (code === 2) expect({ case: said, changed: name }).toEqual({ case: said, changed: '(nothing, with exit status 2)' });
    if (name === c.input) expect({ case: said, changed: name }).toEqual({ case: said, changed: outputOf(c, command) === c.input ? name : '(the input is never changed)' });
    if (Buffer.isBuffer(now)) expect({ case: said, whole: name, ok: isWholeWorkbook(now) }).toEqual({ case: said, whole: name, ok: true });
  }
  for (const [name, now] of after) {
    if (before.has(name)) continue;
    if (code === 2) expect({ case: said, created: name }).toEqual({ case: said, created: '(nothing, with exit status 2)' });
    if (Buffer.isBuffer(now)) expect({ case: said, whole: name, ok: isWholeWorkbook(now) }).toEqual({ case: said, whole: name, ok: true });
  }

  // a command that writes and did not fail wrote its file: whole (checked above), and there
  if (code !== 2 && command !== 'score') {
    const wrote = [...after].filter(([name, now]) => Buffer.isBuffer(now) && !(Buffer.isBuffer(before.get(name)) && (before.get(name) as Buffer).equals(now)));
    expect({ case: said, wrote: wrote.length > 0 }).toEqual({ case: said, wrote: true });
  }

  c.check?.[command]?.({ dir, code, stdout, stderr, files: after });
}
