/**
 * The hostile corpus (test/hostile/corpus.ts) handed to `jixiao check` as one batch: every file is listed — reviewed,
 * unreadable or not ours, each reason one Chinese line — the batch is never aborted, nothing on stderr, and no file
 * of the batch is changed (the .xls and .ods go through LibreOffice: the slow part). The size shapes are left to
 * the hostile suite (they run as child processes there).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { jixiao } from '../cli/helpers';
import { hostileCases, prepareCorpus, SIZE_CASES } from '../hostile/corpus';

const cases = hostileCases().filter((c) => !SIZE_CASES.includes(c.id) && !c.json && !c.asUser);
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-review-hostile-'));
  await prepareCorpus(cases);
  for (const c of cases) {
    fs.mkdirSync(path.join(root, c.id));
    c.setup(path.join(root, c.id));
  }
}, 600_000);

afterAll(() => {
  for (const p of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(root, p);
    if (!fs.lstatSync(full).isSymbolicLink() && fs.statSync(full, { throwIfNoEntry: false })?.isDirectory()) fs.chmodSync(full, 0o755);
  }
  fs.rmSync(root, { recursive: true, force: true });
});

/** Every regular file below root with its hash. */
function hashes(): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(root, p);
    const st = fs.lstatSync(full);
    if (st.isFile()) {
      try {
        out.set(p, createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
      } catch {
        out.set(p, 'unreadable');
      }
    }
  }
  return out;
}

test('every hostile input reviewed or listed with one Chinese line, the batch whole, nothing changed', async () => {
  const before = hashes();
  const inputs = cases.filter((c) => fs.existsSync(path.join(root, c.id, c.input)) && !fs.statSync(path.join(root, c.id, c.input)).isDirectory()).map((c) => path.join(c.id, c.input));
  expect(inputs.length).toBeGreaterThan(20);
  const r = await jixiao(['check', ...inputs, '--json'], root);
  expect(r.stderr).toBe('');
  expect([0, 1]).toContain(r.code);
  const json = JSON.parse(r.stdout) as { files: { file: string; status: string; reason?: string }[] };
  expect(json.files).toHaveLength(new Set(inputs.map((i) => fs.realpathSync(path.join(root, i)))).size);
  for (const f of json.files) {
    expect(['reviewed', 'unreadable', 'not_ours']).toContain(f.status);
    if (f.status !== 'reviewed') {
      expect(f.reason).toMatch(/[\u4e00-\u9fff]/);
      expect(f.reason).not.toMatch(/\n|at .*\(.*:\d+:\d+\)|Error:/);
    }
  }
  expect(hashes()).toEqual(before);
}, 300_000);
