/**
 * Distribution: `jixiao scheme catalog DIR` writes schemes/index.json, and the page reads the folder through it over
 * HTTP (a real static server), checking each file with the same code as `jixiao scheme check`: a broken file is
 * listed as invalid with its reason, a name leaving the folder is refused, no catalog is no folder schemes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkSchemeData } from '../../src/engine';
import { browserFetchText, folderEntries, mergeEntries, shippedEntries } from '../../src/taskpane/schemeCatalog';
import { jixiao, ROOT, tempDir } from '../cli/helpers';
import { serveDirectory, type StaticServer } from '../e2e/server';

const FIXTURES = path.join(ROOT, 'test/cli/fixtures/regional');

let root: string;
let server: StaticServer;
beforeEach(async () => {
  root = tempDir();
  fs.mkdirSync(path.join(root, 'schemes'));
  fs.copyFileSync(path.join(FIXTURES, '示例县.json'), path.join(root, 'schemes', '示例县.json'));
  fs.copyFileSync(path.join(FIXTURES, '有误.json'), path.join(root, 'schemes', '有误.json'));
  fs.copyFileSync(path.join(ROOT, 'templates/variants/dept-2013-grades-80.json'), path.join(root, 'schemes', 'grades-80.json'));
  server = await serveDirectory(root);
});
afterEach(async () => {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const folder = () => `${server.origin}/schemes/`;
const regionalHash = () => checkSchemeData(JSON.parse(fs.readFileSync(path.join(FIXTURES, '示例县.json'), 'utf8'))).resolved!.hash;

test('scheme catalog DIR: index.json lists every file, the invalid one with its reason; exit 1', async () => {
  const r = await jixiao(['scheme', 'catalog', 'schemes'], root);
  expect(r.code).toBe(1);
  expect(r.stdout.split('\n')[0]).toBe(`已写出方案目录：${path.join('schemes', 'index.json')}（3个方案文件，其中1个无效）`);
  expect(r.stdout).toContain('  示例县.json：示例县部门整体支出绩效评价指标评分表（编号 dept-2013-示例县，版本 2024.1）');
  const index = JSON.parse(fs.readFileSync(path.join(root, 'schemes', 'index.json'), 'utf8'));
  expect(index.format).toBe(1);
  expect(index.schemes.map((e: { file: string; valid: boolean }) => [e.file, e.valid])).toEqual([
    ['grades-80.json', true],
    ['有误.json', false],
    ['示例县.json', true],
  ]);
  expect(index.schemes[2]).toEqual({ file: '示例县.json', valid: true, id: 'dept-2013-示例县', version: '2024.1', title: '示例县部门整体支出绩效评价指标评分表', hash: regionalHash() });
  expect(index.schemes[1].problem).toContain('weights.spend_progres');
  // written again, the catalog is not taken for a scheme file
  const again = await jixiao(['scheme', 'catalog', 'schemes', '--json'], root);
  expect(JSON.parse(again.stdout).schemes).toHaveLength(3);
  const list = await jixiao(['scheme', 'list', '--json'], root);
  expect(JSON.parse(list.stdout).found).toHaveLength(3);
});

test('the page reads the folder through the catalog: valid, invalid with its reason, names leaving the folder refused', async () => {
  await jixiao(['scheme', 'catalog', 'schemes'], root);
  const catalog = JSON.parse(fs.readFileSync(path.join(root, 'schemes', 'index.json'), 'utf8'));
  catalog.schemes.push({ file: '../secret.json' }, { file: '不存在.json' });
  fs.writeFileSync(path.join(root, 'schemes', 'index.json'), JSON.stringify(catalog));
  const got = await folderEntries(folder(), browserFetchText()!);
  expect(got.problem).toBeUndefined();
  expect(got.entries.map((e) => [e.file, e.id, !!e.scheme])).toEqual([
    ['grades-80.json', 'dept-2013-grades-80', true],
    ['有误.json', '', false],
    ['示例县.json', 'dept-2013-示例县', true],
    ['不存在.json', '', false],
    ['../secret.json', '', false],
  ]);
  const [, broken, regional, missing, outside] = got.entries;
  expect(regional).toMatchObject({ source: 'folder', title: '示例县部门整体支出绩效评价指标评分表', version: '2024.1', hash: regionalHash() });
  expect(regional.scheme!.indicators.find((i) => i.id === 'spend_progress')!.weight).toBe(6);
  expect(broken.problem).toMatch(/^有\d+处问题：/);
  expect(broken.problem).toContain('weights.spend_progres');
  expect(missing.problem).toBe('无法读取（服务器返回 404）');
  expect(outside.problem).toBe('文件名不可用：应为同一文件夹中以 .json 结尾的文件名');
  // the page asked for nothing outside the folder
  expect(server.requests.map((r) => r.url).filter((u) => !u.startsWith('/schemes/'))).toEqual([]);
});

test('a hand-written catalog (a list of names); no catalog; a broken catalog', async () => {
  fs.writeFileSync(path.join(root, 'schemes', 'index.json'), JSON.stringify(['示例县.json']));
  expect((await folderEntries(folder(), browserFetchText()!)).entries.map((e) => e.id)).toEqual(['dept-2013-示例县']);
  fs.rmSync(path.join(root, 'schemes', 'index.json'));
  expect(await folderEntries(folder(), browserFetchText()!)).toEqual({ entries: [] });
  fs.writeFileSync(path.join(root, 'schemes', 'index.json'), '{ "schemes": ');
  expect(await folderEntries(folder(), browserFetchText()!)).toEqual({
    entries: [],
    problem: '评分方案文件夹的目录 index.json 不是有效的 JSON；请用 jixiao scheme catalog 重新生成',
  });
  fs.writeFileSync(path.join(root, 'schemes', 'index.json'), '{ "a": 1 }');
  expect((await folderEntries(folder(), browserFetchText()!)).problem).toMatch(/^方案目录 index\.json 应为文件名的列表/);
});

test('one id once: the same content is listed once, another content under a taken id is invalid', async () => {
  const got = await folderEntries(folder(), async (url) => {
    const name = decodeURIComponent(url.slice(folder().length));
    if (name === 'index.json') return { ok: true, status: 200, text: JSON.stringify(['示例县.json', '示例县.json']) };
    return { ok: true, status: 200, text: fs.readFileSync(path.join(root, 'schemes', name), 'utf8') };
  });
  expect(got.entries).toHaveLength(1); // listed twice in the catalog, fetched once
  const text = fs.readFileSync(path.join(FIXTURES, '示例县.json'), 'utf8');
  const other = JSON.stringify({ ...JSON.parse(text), grades: { 优: 90, 良: 75, 中: 60 } });
  const { entryOfText } = await import('../../src/taskpane/schemeCatalog');
  const merged = mergeEntries(shippedEntries(), got.entries, [entryOfText(text, 'file', '副本.json'), entryOfText(other, 'file', '改过.json')]);
  expect(merged.map((e) => [e.source, e.id, !!e.scheme])).toEqual([
    ['shipped', 'dept-2013', true],
    ['shipped', 'project-2020', true],
    ['shipped', 'dept-2020', true],
    ['folder', 'dept-2013-示例县', true],
    ['file', 'dept-2013-示例县', false],
  ]);
  expect(merged[4].problem).toBe('编号“dept-2013-示例县”已被“示例县.json”使用，内容不同；请换一个编号');
});
