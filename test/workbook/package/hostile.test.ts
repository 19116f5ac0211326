/**
 * Hostile and foreign files: the command answers each with exit 2 and one Chinese line (or, for files that are
 * merely large, scores them), within a small heap; the standalone page refuses the same files with the same
 * line and keeps the workbook it had.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { jixiao, tempDir } from '../../cli/helpers';
import { fileOf, MemoryStorage, newSession } from '../../standalone/helpers';
import { exampleFile, scheme } from './helpers';
import { hostileCorpus, type Hostile } from './hostile';

let dir: string;
let corpus: Hostile[];

beforeAll(async () => {
  dir = tempDir();
  corpus = await hostileCorpus();
  for (const h of corpus) fs.writeFileSync(path.join(dir, h.name), h.bytes);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the corpus: every shape the brief names, and then some', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(23);
  expect(corpus.find((h) => h.name === 'big-picture.xlsx')!.bytes.length).toBeGreaterThan(20_000_000);
});

test('jixiao score FILE -o OUT: exit 2 and one line for each refused file, nothing written; large files scored', async () => {
  for (const h of corpus) {
    const r = await jixiao(['score', h.name, '-o', `${h.name}.out.xlsx`], dir);
    const written = fs.existsSync(path.join(dir, `${h.name}.out.xlsx`));
    if (h.expect === 'reads') {
      expect([h.name, r.code === 0 || r.code === 1, r.stderr]).toEqual([h.name, true, '']);
      expect([h.name, written]).toEqual([h.name, true]);
      continue;
    }
    const line = r.stderr.replace(/^jixiao: 无法读取“[^”]*”：/, '').replace(/\n$/, '');
    expect([h.name, r.code, r.stdout, r.stderr.split('\n').length, line]).toEqual([h.name, 2, '', 2, expect.stringMatching(h.expect)]);
    expect([h.name, written]).toEqual([h.name, false]);
  }
  // nothing but the inputs and the outputs of the files that were read
  const left = fs.readdirSync(dir).filter((f) => !corpus.some((h) => h.name === f));
  expect(left.sort()).toEqual(corpus.filter((h) => h.expect === 'reads').map((h) => `${h.name}.out.xlsx`).sort());
});

test('a large picture is copied into OUT as it was; names over whole sheets read only what exists', async () => {
  const { unzipSync } = await import('fflate');
  const picture = (bytes: Uint8Array) => unzipSync(bytes, { filter: (f) => f.name === 'xl/media/image9.png' })['xl/media/image9.png'];
  const out = new Uint8Array(fs.readFileSync(path.join(dir, 'big-picture.xlsx.out.xlsx')));
  expect(Buffer.compare(Buffer.from(picture(out)), Buffer.from(picture(corpus.find((h) => h.name === 'big-picture.xlsx')!.bytes)))).toBe(0);

  const r = await jixiao(['score', 'whole-sheet-name.xlsx', '--json'], dir);
  const json = JSON.parse(r.stdout);
  // the staff quota reads the sheet's first cell (its title), the answer grid the rows the sheet has: reported, not crashed
  const quota = json.issues.find((f: { inputs: string[] }) => f.inputs.includes('in_staff_quota'));
  expect(quota.message).toMatch(/^编制数（满意度调查!A1）：“.+”不是有效的数字$/);
  expect(r.code).toBe(1);

  // a name over the whole sheet that holds the outputs: read, but never written over
  const { editParts } = await import('./helpers');
  const over = editParts(await exampleFile(), {
    'xl/workbook.xml': (x) => x.replace(/(<definedName name="in_staff_quota">)[^<]*/, (_, t: string) => `${t}jixiao_out!$A$1:$XFD$1048576`),
  });
  fs.writeFileSync(path.join(dir, 'over-outputs.xlsx'), over);
  const w = await jixiao(['score', 'over-outputs.xlsx', '-o', 'over-outputs.out.xlsx'], dir);
  expect([w.code, w.stderr]).toEqual([2, 'jixiao: 无法写入“over-outputs.out.xlsx”：输出名称 score_goal_fit 指向输入单元格 jixiao_out!B2，为保护已填写的数据，未写入任何结果\n']);
  expect(fs.existsSync(path.join(dir, 'over-outputs.out.xlsx'))).toBe(false);
  fs.rmSync(path.join(dir, 'over-outputs.xlsx'));
});

test('in a 256 MB heap the command answers the whole corpus, one JSON line a file', () => {
  const tsx = require.resolve('tsx', { paths: [path.resolve(__dirname, '../../..')] });
  const files = corpus.map((h) => h.name);
  const child = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', `file://${tsx}`, path.join(__dirname, 'cliHarness.ts'), dir, ...files], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 240_000,
  });
  expect(child.signal).toBeNull();
  expect(child.status).toBe(0);
  const lines = child.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; code: number; stderr: string });
  expect(lines.map((l) => l.file)).toEqual(files);
  for (const l of lines) {
    const h = corpus.find((c) => c.name === l.file)!;
    if (h.expect === 'reads') expect([l.file, l.code < 2]).toEqual([l.file, true]);
    else expect([l.file, l.code, l.stderr.replace(/^jixiao: 无法读取“[^”]*”：/, '').replace(/\n$/, '')]).toEqual([l.file, 2, expect.stringMatching(h.expect)]);
  }
});

test('the standalone page refuses each with the command’s line, and keeps the workbook it had', async () => {
  const session = newSession(new MemoryStorage());
  await session.open(fileOf(await exampleFile(), '示例.xlsx'));
  for (const h of corpus) {
    if (h.expect === 'reads') {
      expect([h.name, await session.open(fileOf(h.bytes, h.name))]).toEqual([h.name, scheme]);
      continue;
    }
    let message = '';
    await session.open(fileOf(h.bytes, h.name)).catch((e: Error) => (message = e.message));
    expect([h.name, message]).toEqual([h.name, expect.stringMatching(new RegExp(`^无法读取“${h.name.replace(/\./g, '\\.')}”：`))]);
    expect([h.name, message.replace(/^无法读取“[^”]*”：/, '')]).toEqual([h.name, expect.stringMatching(h.expect)]);
    expect(session.getSnapshot()).toMatchObject({ status: 'ready', scheme });
  }
});
