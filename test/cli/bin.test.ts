/**
 * The real binary: `node bin/jixiao.js` runs the compiled dist/ (what `npx jixiao` runs after npm ci).
 * dist is rebuilt first when any compiled source is newer than it.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE, ROOT, SPEC_SCORES, tempDir } from './helpers';

const BIN = path.join(ROOT, 'bin/jixiao.js');
const MAIN = path.join(ROOT, 'dist/src/cli/main.js');

function newestSource(): number {
  let newest = 0;
  for (const top of ['src/cli', 'src/engine', 'src/workbook', 'templates']) {
    for (const f of fs.readdirSync(path.join(ROOT, top), { recursive: true, encoding: 'utf8' })) {
      if (/\.(ts|json)$/.test(f)) newest = Math.max(newest, fs.statSync(path.join(ROOT, top, f)).mtimeMs);
    }
  }
  return newest;
}

beforeAll(() => {
  if (!fs.existsSync(MAIN) || fs.statSync(MAIN).mtimeMs < newestSource()) {
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
    } catch (err) {
      // tsc still emits on type errors elsewhere in the tree; only a missing main.js is fatal here
      if (!fs.existsSync(MAIN)) throw err;
    }
  }
});

const node = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });

describe('node bin/jixiao.js', () => {
  it('scores the worked example: exit 0, the JSON on stdout', () => {
    const r = node(['score', '--inputs', EXAMPLE, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.total).toBe(73.28);
    expect(Object.fromEntries(json.indicators.map((i: { id: string; score: number }) => [i.id, i.score]))).toEqual(SPEC_SCORES);
  });

  it('writes a template and scores it; exit 2 with one line for a wrong call', () => {
    const dir = tempDir();
    try {
      const t = node(['template', '-o', 't.xlsx', '--year', '2024'], dir);
      expect(t.status).toBe(0);
      expect(fs.statSync(path.join(dir, 't.xlsx')).size).toBeGreaterThan(1000);
      const s = node(['score', 't.xlsx'], dir);
      expect(s.status).toBe(1);
      expect(s.stdout).toMatch(/自我评价结论：未完成/);
      const bad = node(['score', '--nope'], dir);
      expect(bad.status).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toBe('jixiao: score 没有选项“--nope”；用 jixiao score --help 查看用法\n');
      expect(node(['--help']).stdout).toMatch(/用法 Usage:/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
