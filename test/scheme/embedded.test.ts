/**
 * The scheme travels with the workbook: a template made from a regional override carries the merged scheme in the
 * very hidden jixiao_scheme sheet, and scores to the same total in a folder where the override file is absent
 * (CLI score and export, another working directory); a copy altered by hand is refused; the 报送版 carries it too;
 * scheme_mismatch names a file made with another scheme, another version or an altered copy.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { deflateSync } from 'fflate';
import { checkSchemeData, resolvedShipped } from '../../src/engine';
import { FormsFile } from '../../src/workbook/forms';
import { readEmbeddedScheme, schemeMismatch, schemeOfWorkbook, XlsxPackage } from '../../src/workbook/package';
import { decodeSchemeCells, encodeSchemeCells, fromBase64, SCHEME_SHEET, toBase64 } from '../../src/workbook/schemeCells';
import { EXAMPLE, jixiao, ROOT, tempDir } from '../cli/helpers';

const REGIONAL = path.join(ROOT, 'test/cli/fixtures/regional/示例县.json');
const regional = () => checkSchemeData(JSON.parse(fs.readFileSync(REGIONAL, 'utf8'))).resolved!;

let made: string; // where the template is made, beside the override file
let away: string; // another machine: no override file, no schemes folder
beforeEach(() => {
  made = tempDir();
  away = tempDir();
  fs.copyFileSync(REGIONAL, path.join(made, '示例县.json'));
  fs.copyFileSync(EXAMPLE, path.join(made, 'inputs.json'));
});
afterEach(() => {
  fs.rmSync(made, { recursive: true, force: true });
  fs.rmSync(away, { recursive: true, force: true });
});

/** template --inputs with the override, copied to the other folder */
async function regionalWorkbook(name = '已填写.xlsx'): Promise<string> {
  const r = await jixiao(['template', '-o', name, '--scheme', '示例县.json', '--inputs', 'inputs.json'], made);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  fs.copyFileSync(path.join(made, name), path.join(away, name));
  return path.join(away, name);
}

const packageOf = (file: string) => XlsxPackage.open(fs.readFileSync(file));

describe('the cells of the scheme sheet', () => {
  test('base64 round trip of every byte value and every padding', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 256]) {
      const bytes = Uint8Array.from({ length: n }, (_, k) => (k * 37 + n) % 256);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(fromBase64(text)!)).toEqual(Array.from(bytes));
    }
    expect(fromBase64('ab*d')).toBeNull();
  });

  test('a scheme in A1 (what it is) and A2 (deflated JSON) reads back to the same text', () => {
    const r = regional();
    const cells = encodeSchemeCells({ id: r.scheme.id, version: r.scheme.version, json: r.json, hash: r.hash });
    expect(cells).toHaveLength(2);
    expect(cells[0]).toBe(`jixiao-scheme:{"format":1,"id":"dept-2013-示例县","version":"2024.1","hash":"${r.hash}","parts":1}`);
    expect(cells[1].length).toBeLessThan(r.json.length / 2); // compressed: 38 KB of JSON in a few KB
    const back = decodeSchemeCells(cells);
    expect('json' in back && back.json).toBe(r.json);
    expect(decodeSchemeCells([cells[0]])).toMatchObject({ problem: '保存评分方案的工作表缺少第1部分（共1部分）' });
    expect(decodeSchemeCells(['x', cells[1]])).toMatchObject({ header: null });
  });

  test('a few kilobytes that would inflate beyond 5 MB are refused, the inflating stopped there', () => {
    const bomb = toBase64(deflateSync(new Uint8Array(6 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(30000);
    const head = `jixiao-scheme:${JSON.stringify({ format: 1, id: 'x', version: '1', hash: '0'.repeat(64), parts: 1 })}`;
    expect(decodeSchemeCells([head, `jixiao:1/1:${bomb}`])).toEqual({
      header: { format: 1, id: 'x', version: '1', hash: '0'.repeat(64), parts: 1 },
      problem: '工作簿中的评分方案过大，不是本工具保存的方案',
    });
  });
});

describe('a template made from a regional override', () => {
  test('carries the merged scheme, very hidden, with id, version and content hash', async () => {
    const file = await regionalWorkbook();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet(SCHEME_SHEET)?.state).toBe('veryHidden');
    const embedded = readEmbeddedScheme(packageOf(file))!;
    const r = regional();
    expect(embedded).toMatchObject({ id: 'dept-2013-示例县', version: '2024.1', hash: r.hash });
    expect(embedded.problem).toBeUndefined();
    expect(embedded.resolved!.scheme).toBe(r.scheme); // the same content is the same scheme
    expect(embedded.resolved!.scheme.indicators.find((i) => i.id === 'spend_progress')!.weight).toBe(6);
  });

  test('scored where the override file is absent: 75.28 良, as score --inputs with the file gives', async () => {
    const withFile = await jixiao(['score', '--inputs', 'inputs.json', '--scheme', '示例县.json', '--json'], made);
    expect(JSON.parse(withFile.stdout)).toMatchObject({ scheme: 'dept-2013-示例县', total: 75.28, grade: '良' });
    await regionalWorkbook();
    expect(fs.readdirSync(away)).toEqual(['已填写.xlsx']);
    const r = await jixiao(['score', '已填写.xlsx', '--json'], away);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ scheme: 'dept-2013-示例县', total: 75.28, maxTotal: 100, grade: '良' });
    const byId = Object.fromEntries(out.indicators.map((i: { id: string; weight: number; score: number }) => [i.id, [i.weight, i.score]]));
    expect(byId.spend_progress).toEqual([6, 4.5]);
    expect(byId.sangong_control).toEqual([2, 0]);
    // the shipped dept-2013 on the same inputs: the spec's 73.28 中 (the carried scheme is what made the difference)
    const shipped = await jixiao(['score', '已填写.xlsx', '--scheme', 'dept-2013', '--json'], away);
    expect(JSON.parse(shipped.stdout)).toMatchObject({ scheme: 'dept-2013', total: 73.28, grade: '中' });
    expect(shipped.stderr).toContain('jixiao: 提示：本文件按评分方案“示例县部门整体支出绩效评价指标评分表”（编号 dept-2013-示例县，版本 2024.1）制作');
  });

  test('score -o keeps the scheme; the blank template scored after filling elsewhere gives the same total', async () => {
    const file = await regionalWorkbook();
    const scored = await jixiao(['score', '已填写.xlsx', '-o', '已评分.xlsx'], away);
    expect(scored.code).toBe(0);
    expect(readEmbeddedScheme(packageOf(path.join(away, '已评分.xlsx')))?.hash).toBe(regional().hash);
    expect(readEmbeddedScheme(packageOf(file))?.hash).toBe(regional().hash);
    const blank = await jixiao(['template', '-o', '模板.xlsx', '--scheme', '示例县.json'], made);
    expect(blank.code).toBe(0);
    expect(readEmbeddedScheme(packageOf(path.join(made, '模板.xlsx')))?.id).toBe('dept-2013-示例县');
  });

  test('export in the other folder: the 报送版 carries the scheme and re-scores to 75.28 there', async () => {
    await regionalWorkbook();
    const r = await jixiao(['export', '已填写.xlsx', '-o', '报送.xlsx'], away);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('评价总分 75.28 分，自我评价结论：良');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(away, '报送.xlsx'));
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['基本情况表', '评分表', '满意度调查']);
    expect(wb.getWorksheet(SCHEME_SHEET)?.state).toBe('veryHidden');
    const again = await jixiao(['score', '报送.xlsx', '--json'], away);
    expect(JSON.parse(again.stdout)).toMatchObject({ scheme: 'dept-2013-示例县', total: 75.28, grade: '良' });
  });

  test('export --scheme: the given scheme scores, and a file made with another is pointed out', async () => {
    await regionalWorkbook();
    const r = await jixiao(['export', '已填写.xlsx', '-o', '报送.xlsx', '--scheme', 'dept-2013'], away);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('评价总分 73.28 分，自我评价结论：中');
    expect(r.stderr).toMatch(/^jixiao: 提示：本文件按评分方案“示例县部门整体支出绩效评价指标评分表”/);
    expect(readEmbeddedScheme(packageOf(path.join(away, '报送.xlsx')))?.id).toBe('dept-2013');
  });

  test('a shipped scheme’s template carries it too, and is scored by the shipped scheme', async () => {
    const r = await jixiao(['template', '-o', 't.xlsx', '--inputs', 'inputs.json'], made);
    expect(r.code).toBe(0);
    const pkg = packageOf(path.join(made, 't.xlsx'));
    expect(readEmbeddedScheme(pkg)).toMatchObject({ id: 'dept-2013', hash: resolvedShipped('dept-2013').hash });
    expect(schemeOfWorkbook(pkg, [resolvedShipped('dept-2013').scheme])).toMatchObject({ from: 'known', scheme: resolvedShipped('dept-2013').scheme });
  });
});

/** The workbook with A2 of the scheme sheet replaced by what `edit` makes of its cells. */
async function altered(file: string, edit: (cells: string[]) => string[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(SCHEME_SHEET)!;
  const cells = [1, 2].map((r) => String(ws.getCell(r, 1).value));
  edit(cells).forEach((text, k) => (ws.getCell(k + 1, 1).value = text));
  await wb.xlsx.writeFile(file);
}

describe('an altered copy of the carried scheme', () => {
  test('a weight changed and re-encoded under the old hash: refused (exit 2), scored only with --scheme', async () => {
    const file = await regionalWorkbook();
    const r = regional();
    await altered(file, ([head]) => {
      const data = JSON.parse(r.json);
      const ind = data.indicators.find((i: { id: string }) => i.id === 'spend_progress');
      ind.weight = 7;
      const forged = encodeSchemeCells({ id: r.scheme.id, version: r.scheme.version, json: JSON.stringify(data), hash: r.hash });
      return [head, forged[1]];
    });
    const embedded = readEmbeddedScheme(packageOf(file))!;
    expect(embedded).toMatchObject({ id: 'dept-2013-示例县', resolved: null, problem: '工作簿中保存的评分方案“dept-2013-示例县”已被改动（内容与其指纹不符），不能用于评分' });
    const score = await jixiao(['score', '已填写.xlsx'], away);
    expect(score.code).toBe(2);
    expect(score.stdout).toBe('');
    expect(score.stderr).toContain('已被改动（内容与其指纹不符），不能用于评分；按名称识别为');
    expect(score.stderr).toContain('请用 --scheme 指定');
    fs.copyFileSync(REGIONAL, path.join(away, '示例县.json'));
    const given = await jixiao(['score', '已填写.xlsx', '--scheme', '示例县.json', '--json'], away);
    expect(given.code).toBe(0);
    expect(JSON.parse(given.stdout)).toMatchObject({ total: 75.28, grade: '良' });
    expect(given.stderr).toContain('无法确认本文件是否按示例县部门整体支出绩效评价指标评分表（编号 dept-2013-示例县，版本 2024.1）制作');
    const finding = schemeMismatch(packageOf(file), regional());
    expect(finding).toMatchObject({ severity: 'warning', code: 'scheme_mismatch' });
  });

  test('damaged text (not base64, a part lost): refused with what is wrong', async () => {
    const file = await regionalWorkbook();
    await altered(file, ([head, data]) => [head, data.replace(/^(jixiao:1\/1:.{10})./, '$1*')]);
    expect(readEmbeddedScheme(packageOf(file))?.problem).toBe('保存评分方案的工作表内容已损坏（不是有效的编码）');
    await altered(file, ([head]) => [head, '']);
    expect(readEmbeddedScheme(packageOf(file))?.problem).toBe('保存评分方案的工作表缺少第1部分（共1部分）');
  });

  test('altered, but of a shipped scheme whose content its header names: scored by the shipped one', async () => {
    const r = await jixiao(['template', '-o', 't.xlsx', '--inputs', 'inputs.json'], made);
    expect(r.code).toBe(0);
    const file = path.join(made, 't.xlsx');
    await altered(file, ([head]) => [head, 'jixiao:1/1:AAAA']);
    const found = schemeOfWorkbook(packageOf(file), [resolvedShipped('dept-2013').scheme]);
    expect(found).toMatchObject({ from: 'known', scheme: resolvedShipped('dept-2013').scheme });
    expect(found.problem).toBeUndefined();
    const score = await jixiao(['score', 't.xlsx', '--json'], made);
    expect(JSON.parse(score.stdout)).toMatchObject({ total: 73.28 });
  });
});

describe('schemeMismatch', () => {
  test('another scheme, another version, the same content', async () => {
    const file = await regionalWorkbook();
    const pkg = packageOf(file);
    expect(schemeMismatch(pkg, regional())).toBeNull();
    const embedded = readEmbeddedScheme(pkg);
    expect(schemeMismatch(embedded, regional())).toBeNull();
    expect(schemeMismatch(pkg, resolvedShipped('dept-2013'))).toEqual({
      severity: 'warning',
      code: 'scheme_mismatch',
      message: '本文件按评分方案“示例县部门整体支出绩效评价指标评分表”（编号 dept-2013-示例县，版本 2024.1）制作，不是所要求的部门整体支出绩效评价指标评分表（编号 dept-2013，版本 1.0.0）',
      inputs: [],
      cells: [],
    });
    const next = checkSchemeData({ ...JSON.parse(fs.readFileSync(REGIONAL, 'utf8')), version: '2025.1' }).resolved!;
    expect(schemeMismatch(pkg, next)?.message).toBe('本文件按评分方案 dept-2013-示例县 的另一版本（2024.1）制作，所要求的是版本 2025.1');
    const sameVersion = checkSchemeData({ ...JSON.parse(fs.readFileSync(REGIONAL, 'utf8')), grades: { 优: 90, 良: 75, 中: 60 } }).resolved!;
    expect(schemeMismatch(pkg, sameVersion)?.message).toMatch(/^本文件所带的评分方案 dept-2013-示例县（版本 2024\.1）与所要求的内容不同（指纹 [0-9a-f]{12}… 与 [0-9a-f]{12}… 不符），可能是改动过的副本$/);
  });

  test('a workbook carrying no scheme: compared by its sync record', async () => {
    const file = await regionalWorkbook();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.removeWorksheet(wb.getWorksheet(SCHEME_SHEET)!.id);
    await wb.xlsx.writeFile(file);
    const pkg = packageOf(file);
    expect(readEmbeddedScheme(pkg)).toBeNull();
    expect(schemeMismatch(pkg, regional())).toBeNull();
    expect(schemeMismatch(pkg, resolvedShipped('dept-2013'))?.message).toBe(
      '本文件按评分方案 dept-2013-示例县（版本 2024.1）制作，不是所要求的部门整体支出绩效评价指标评分表（编号 dept-2013，版本 1.0.0）',
    );
    expect(schemeMismatch(null, regional())).toBeNull();
    // without the scheme it carried, the file is scored by the shipped scheme its names show (what older files do)
    expect(FormsFile.open(fs.readFileSync(file)).detect([resolvedShipped('dept-2013').scheme])?.id).toBe('dept-2013');
  });
});
