/**
 * Ctrl+C (SIGINT) or a `kill` (SIGTERM) while the real command writes its output: the output ends whole or
 * not at all, and no temporary file stays behind. A preloaded fixture sends the signal from inside the write
 * (half the bytes written), the moment that used to leave a `.…tmp` file every time.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { unzipSync } from 'fflate';
import * as path from 'path';
import { BIN, DIST_MAIN, ensureDist, filledWorkbook, listFiles, ROOT, tempDir } from './helpers';

const PRELOAD = path.join(__dirname, 'fixtures/signal-during-write.js');
let filled: Buffer;
let dir: string;

beforeAll(async () => {
  ensureDist();
  filled = await filledWorkbook();
});
beforeEach(() => {
  dir = tempDir();
  fs.writeFileSync(path.join(dir, '已填写.xlsx'), filled);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function interrupted(signal: NodeJS.Signals, args: string[]) {
  return spawnSync(process.execPath, ['-r', PRELOAD, BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, JIXIAO_TEST_SIGNAL: signal },
  });
}

/** A whole workbook: a zip whose every part inflates, with the workbook part in it. */
function expectWholeWorkbook(file: string): void {
  const parts = unzipSync(fs.readFileSync(file));
  expect(Object.keys(parts)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml']));
}

describe.each(['SIGINT', 'SIGTERM'] as NodeJS.Signals[])('%s in the middle of writing the output', (signal) => {
  it.each([
    ['score -o', ['score', '已填写.xlsx', '-o', '已评分.xlsx'], '已评分.xlsx'],
    ['export', ['export', '已填写.xlsx', '-o', '报送.xlsx'], '报送.xlsx'],
    ['template', ['template', '-o', '模板.xlsx'], '模板.xlsx'],
  ])('%s: the process ends by the signal, the output is whole, no temporary file is left', (_, args, out) => {
    const r = interrupted(signal, args as string[]);
    expect(r.error).toBeUndefined();
    expect(r.signal).toBe(signal);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const files = listFiles(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // the write had begun: it is finished before the signal is acted on, never left half done
    expect(files).toEqual(['已填写.xlsx', out].sort());
    expectWholeWorkbook(path.join(dir, out));
  });
});

describe('paths registered for removal on an interrupt', () => {
  it('are removed before the process ends by the signal (the PDF conversion folder, a PDF without its .xlsx)', () => {
    const folder = path.join(dir, 'jixiao-pdf-x');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'submission.xlsx'), 'x');
    fs.writeFileSync(path.join(dir, '报送.pdf'), '%PDF-');
    const script = `
      const { removeOnInterrupt } = require(${JSON.stringify(path.join(path.dirname(DIST_MAIN), 'interrupt.js'))});
      removeOnInterrupt(${JSON.stringify(folder)});
      removeOnInterrupt(${JSON.stringify(path.join(dir, '报送.pdf'))});
      const keep = removeOnInterrupt(${JSON.stringify(path.join(dir, '已填写.xlsx'))});
      keep();
      process.kill(process.pid, 'SIGTERM');
      setTimeout(() => process.stdout.write('still running'), 5000);
    `;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.signal).toBe('SIGTERM');
    expect(r.stdout).toBe('');
    expect(listFiles(dir)).toEqual(['已填写.xlsx']);
  });
});
