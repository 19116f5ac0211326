/**
 * The real binary: `node bin/jixiao.js` runs the compiled dist/ (what `npx jixiao` runs after npm ci).
 * dist is rebuilt first when any compiled source is newer than it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BIN, ensureDist, EXAMPLE, ROOT, SPEC_SCORES, tempDir } from './helpers';

beforeAll(ensureDist);

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
