/**
 * The hostile corpus (corpus.ts) through the real, compiled command: `jixiao score`, `score -o`, `export`
 * (--force, so that hostile content is written too) and `template` on every case, each in a fresh copy of the
 * case's files, with the promises of checkRun (harness.ts) and the case's own checks.
 *
 * The size shapes (SIZE_CASES in corpus.ts) pass only once reading is bounded — uncompressed part sizes,
 * cells per defined name, string lengths, time; until then they fail here by running out of time or memory,
 * in a child process, without taking jest down.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureDist } from '../cli/helpers';
import { argsOf, COMMANDS, hostileCases, prepareCorpus, SIZE_CASES } from './corpus';
import type { Command, HostileCase } from './corpus';
import { checkRun, CliWorker, Outcome, runChild, snapshot } from './harness';

/** The hang guard of one command: generous for two shared cores, far below "forever". */
const COMMAND_MS = 30_000;
/** The size shapes read big files: a bounded reader answers well within this. */
const SIZE_COMMAND_MS = 30_000;
/** Heap of a size shape's process: far more than a bounded reader needs, far less than the machine has. */
const SIZE_HEAP_MB = 1536;

const cases = hostileCases();
let root: string;
const worker = new CliWorker();

beforeAll(async () => {
  ensureDist();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-hostile-'));
  // the cases run as an ordinary user must reach their folders
  fs.chmodSync(root, 0o755);
  await prepareCorpus(cases);
}, 600_000);

afterAll(async () => {
  await worker.stop();
  if (root) {
    // a read-only folder of a case cannot be removed before it is writable again
    for (const dir of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      const p = path.join(root, dir);
      if (!fs.lstatSync(p).isSymbolicLink() && fs.statSync(p, { throwIfNoEntry: false })?.isDirectory()) fs.chmodSync(p, 0o755);
    }
    fs.rmSync(root, { recursive: true, force: true });
  }
});

/** A fresh folder with the case's files, for one command. */
function caseFolder(c: HostileCase, command: Command): string {
  const dir = path.join(root, c.id, command.replace(/\W+/g, '-'));
  fs.mkdirSync(dir, { recursive: true });
  c.setup(dir);
  if (c.asUser) {
    fs.chmodSync(path.join(root, c.id), 0o755);
    for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const p = path.join(dir, name);
      const st = fs.lstatSync(p);
      // what setup made read-only stays so; everything else is the user's
      if (st.isDirectory() && (st.mode & 0o200) !== 0) fs.chmodSync(p, 0o777);
      else if (st.isFile() && (st.mode & 0o200) !== 0) fs.chmodSync(p, 0o666);
    }
    fs.chmodSync(dir, 0o777);
  }
  return dir;
}

function runCommand(c: HostileCase, command: Command, dir: string): Promise<Outcome> {
  const args = argsOf(c, command);
  if (c.size) return runChild(args, dir, { timeoutMs: SIZE_COMMAND_MS, heapMb: SIZE_HEAP_MB });
  if (c.asUser) return runChild(args, dir, { timeoutMs: COMMAND_MS, asUser: true });
  return worker.run(args, dir, COMMAND_MS);
}

describe('the hostile corpus', () => {
  test('has at least 100 cases, each id once, the size shapes listed', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.filter((c) => c.size).map((c) => c.id)).toEqual(SIZE_CASES);
  });

  const ordinary = cases.filter((c) => !c.size);
  test.each(ordinary.map((c) => [c.id, c.what, c] as const))('%s (%s): score, score -o, export, template', async (_, __, c) => {
    for (const command of COMMANDS) {
      const dir = caseFolder(c, command);
      const before = snapshot(dir);
      const outcome = await runCommand(c, command, dir);
      checkRun(c, command, outcome, before, snapshot(dir), dir);
    }
  }, COMMANDS.length * COMMAND_MS + 30_000);
});

describe('the size shapes (pass once reading is bounded)', () => {
  const sized = cases.filter((c) => c.size);
  test.each(sized.map((c) => [c.id, c.what, c] as const))('%s (%s): score, score -o, export, template', async (_, __, c) => {
    // the commands of a shape run side by side: a failing shape costs one time bound, not four
    const dirs = COMMANDS.map((command) => caseFolder(c, command));
    const befores = dirs.map((d) => snapshot(d));
    const outcomes = await Promise.all(COMMANDS.map((command, i) => runCommand(c, command, dirs[i])));
    COMMANDS.forEach((command, i) => checkRun(c, command, outcomes[i], befores[i], snapshot(dirs[i]), dirs[i]));
  }, SIZE_COMMAND_MS + 60_000);
});
