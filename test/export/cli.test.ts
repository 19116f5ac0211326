/**
 * `jixiao export FILE.xlsx [-o OUT.xlsx|DIR] [--force]`: exit codes, the standard name in a folder, refusal
 * with the errors listed, --force marking the file incomplete, nothing written on failure.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { evaluate } from '../../src/engine';
import { SYNC_SHEET } from '../../src/workbook/syncStore';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import {
  EXAMPLE_FILE_NAME,
  exampleValues,
  expectUsageFailure,
  jixiao,
  listFiles,
  namedCell,
  protectionOf,
  reload,
  scheme,
  scoredWorkbook,
  sheetXml,
  tempDir,
} from './helpers';

let filled: Buffer;
let scoredWithSync: Buffer;
let faulty: Buffer;
let dir: string;

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

beforeAll(async () => {
  const book = await XlsxWorkbook.create();
  await book.insertTemplate(scheme, {});
  book.fillInputs(scheme, exampleValues());
  filled = Buffer.from(await book.toBuffer());

  // scored, with the add-in's very hidden sync sheet, as a workbook from Excel would be
  const scored = (await scoredWorkbook()).book;
  const sync = scored.workbook.addWorksheet(SYNC_SHEET, { state: 'veryHidden' });
  sync.getCell('A1').value = 'jixiao:1/1:{"scheme":"dept-2013"}';
  scoredWithSync = Buffer.from(await scored.toBuffer());

  faulty = Buffer.from(await (await scoredWorkbook({ ...exampleValues(), in_staff_quota: 0 })).book.toBuffer());
});

beforeEach(() => {
  dir = tempDir();
  fs.writeFileSync(path.join(dir, '已填写.xlsx'), filled);
  fs.writeFileSync(path.join(dir, '已评分.xlsx'), scoredWithSync);
  fs.writeFileSync(path.join(dir, '有错误.xlsx'), faulty);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const INPUTS = ['已填写.xlsx', '已评分.xlsx', '有错误.xlsx'];

describe('jixiao export', () => {
  it('writes the 报送版 of an unscored workbook to OUT: exit 0, FILE unchanged, no temporary file left', async () => {
    const before = sha(path.join(dir, '已填写.xlsx'));
    const r = await jixiao(['export', '已填写.xlsx', '-o', '报送.xlsx'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^已生成报送版：报送\.xlsx（评价总分 73\.28 分，自我评价结论：中）$/m);
    expect(listFiles(dir)).toEqual([...INPUTS, '报送.xlsx'].sort());
    expect(sha(path.join(dir, '已填写.xlsx'))).toBe(before);

    const bytes = fs.readFileSync(path.join(dir, '报送.xlsx'));
    const wb = await reload(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['基本情况表', '评分表', '满意度调查', 'jixiao_scheme']);
    expect(namedCell(wb, 'score_total').value).toBe(73.28);
    expect(namedCell(wb, 'score_grade').value).toBe('中');
    for (const ws of wb.worksheets) {
      expect(protectionOf(ws).sheet).toBe(true);
      expect(sheetXml(bytes, ws.name)).not.toMatch(/<f[\s>/]/);
    }
    const inputs = await (await XlsxWorkbook.fromBuffer(bytes)).readInputs(scheme);
    expect(evaluate(scheme, inputs).total.toNumber()).toBe(73.28);
  });

  it('drops the add-in’s very hidden sync sheet of a scored workbook', async () => {
    expect((await reload(scoredWithSync)).getWorksheet(SYNC_SHEET)?.state).toBe('veryHidden');
    const r = await jixiao(['export', '已评分.xlsx', '-o', 'out.xlsx'], dir);
    expect(r.code).toBe(0);
    const wb = await reload(fs.readFileSync(path.join(dir, 'out.xlsx')));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['基本情况表', '评分表', '满意度调查', 'jixiao_scheme']);
  });

  it('uses the standard file name inside a folder given as -o, or in the working folder without -o', async () => {
    fs.mkdirSync(path.join(dir, '报送'));
    const a = await jixiao(['export', '已填写.xlsx', '-o', '报送'], dir);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain(`已生成报送版：${path.join('报送', EXAMPLE_FILE_NAME)}`);
    const b = await jixiao(['export', '已填写.xlsx', '-o', `报送${path.sep}`], dir);
    expect(b.code).toBe(0);
    const c = await jixiao(['export', '已填写.xlsx'], dir);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain(`已生成报送版：${EXAMPLE_FILE_NAME}（`);
    expect(listFiles(dir)).toEqual([...INPUTS, EXAMPLE_FILE_NAME, '报送', path.join('报送', EXAMPLE_FILE_NAME)].sort());
  });

  it('replaces an existing OUT whole', async () => {
    fs.writeFileSync(path.join(dir, 'out.xlsx'), 'old');
    expect((await jixiao(['export', '已填写.xlsx', '-o', 'out.xlsx'], dir)).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(listFiles(dir)).toEqual([...INPUTS, 'out.xlsx'].sort());
  });

  it('refuses a workbook with errors: exit 1, the errors listed, nothing written', async () => {
    const r = await jixiao(['export', '有错误.xlsx', '-o', 'out.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^jixiao: 有\d+处错误，未生成报送版；.*--force/);
    expect(r.stderr).toMatch(/^ {2}- 编制数（基本情况表!D12）为0/m);
    expect(listFiles(dir)).toEqual(INPUTS);
  });

  it('--force writes it all the same, marked incomplete: exit 1', async () => {
    const r = await jixiao(['export', '有错误.xlsx', '-o', 'out.xlsx', '--force'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^已生成报送版：out\.xlsx（评价总分 71\.28 分，自我评价结论：未完成）$/m);
    expect(r.stderr).toMatch(/^jixiao: 报送版尚未完成：有\d+处错误/);
    expect(r.stderr).toMatch(/^ {2}- 编制数（基本情况表!D12）为0/m);
    const wb = await reload(fs.readFileSync(path.join(dir, 'out.xlsx')));
    expect(String(namedCell(wb, 'status_text').value)).toMatch(/^本表尚未完成：有\d+处错误/);
    expect(namedCell(wb, 'score_total').value).toBe(71.28);
    expect(namedCell(wb, 'score_grade').value).toBeNull();
  });

  it('--force on a workbook without errors is a plain export: exit 0', async () => {
    const r = await jixiao(['export', '已填写.xlsx', '-o', 'out.xlsx', '--force'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('never overwrites FILE with its 报送版', async () => {
    fs.copyFileSync(path.join(dir, '已填写.xlsx'), path.join(dir, EXAMPLE_FILE_NAME));
    const before = sha(path.join(dir, EXAMPLE_FILE_NAME));
    expectUsageFailure(await jixiao(['export', EXAMPLE_FILE_NAME], dir), /输出文件不能是原文件/);
    expectUsageFailure(await jixiao(['export', '已填写.xlsx', '-o', './已填写.xlsx'], dir), /输出文件不能是原文件/);
    expect(sha(path.join(dir, EXAMPLE_FILE_NAME))).toBe(before);
    expect(listFiles(dir)).toEqual([...INPUTS, EXAMPLE_FILE_NAME].sort());
  });
});

describe('jixiao export: exit 2, one line, nothing written', () => {
  it('for files that are not workbooks of ours', async () => {
    fs.writeFileSync(path.join(dir, 'text.xlsx'), 'not a zip');
    expectUsageFailure(await jixiao(['export', 'text.xlsx', '-o', 'out.xlsx'], dir), /无法读取“text\.xlsx”：不是有效的 \.xlsx 文件/);
    expectUsageFailure(await jixiao(['export', 'missing.xlsx', '-o', 'out.xlsx'], dir), /无法读取“missing\.xlsx”：文件或目录不存在/);
    const other = await XlsxWorkbook.create();
    other.workbook.addWorksheet('Sheet1').getCell('A1').value = 1;
    fs.writeFileSync(path.join(dir, 'other.xlsx'), await other.toBuffer());
    expectUsageFailure(await jixiao(['export', 'other.xlsx', '-o', 'out.xlsx'], dir), /不是本工具模板生成的工作簿/);
    expect(listFiles(dir)).toEqual([...INPUTS, 'other.xlsx', 'text.xlsx'].sort());
  });

  it('for a wrong call', async () => {
    expectUsageFailure(await jixiao(['export'], dir), /export 需要一个工作簿文件/);
    expectUsageFailure(await jixiao(['export', 'a.xlsx', 'b.xlsx'], dir), /export 只接受一个工作簿文件/);
    expectUsageFailure(await jixiao(['export', '已填写.xlsx', '--nope'], dir), /export 没有选项“--nope”/);
    expectUsageFailure(await jixiao(['export', '已填写.xlsx', '-o', 'out.txt'], dir), /应以 \.xlsx 结尾/);
    expectUsageFailure(await jixiao(['export', '已填写.xlsx', '-o', `no-such-folder${path.sep}`], dir), /无法写入.*文件或目录不存在/);
    expectUsageFailure(await jixiao(['export', '已填写.xlsx', '-o', path.join('no', 'such', 'out.xlsx')], dir), /无法写入.*文件或目录不存在/);
    expect(listFiles(dir)).toEqual(INPUTS);
  });
});

describe('help', () => {
  it('jixiao export --help, and export in the main usage', async () => {
    const h = await jixiao(['export', '--help'], dir);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^用法 Usage: jixiao export FILE\.xlsx \[-o OUT\.xlsx\|DIR\] \[--scheme ID\|FILE\] \[--pdf\] \[--force\]/);
    expect(h.stdout).toMatch(/生成报送版/);
    expect(h.stdout).toMatch(/the version to submit/);
    expect((await jixiao(['help', 'export'], dir)).stdout).toBe(h.stdout);
    const main = await jixiao(['--help'], dir);
    expect(main.stdout).toMatch(/jixiao export FILE\.xlsx/);
    expect(main.stdout).toMatch(/^ {2}export {4}生成报送版/m);
  });
});
