/**
 * `jixiao template` and `jixiao score FILE.xlsx`: template → fill by name → score into OUT, read back with
 * plain exceljs; FILE untouched; exit 2 and nothing written for files that are not our workbooks.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { getScheme, RawValue } from '../../src/engine';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import example from '../../templates/samples/dept-2013-example.json';
import { expectUsageFailure, jixiao, listFiles, SPEC_SCORES, tempDir } from './helpers';

const scheme = getScheme('dept-2013');
let dir: string;
let filledBytes: Buffer;

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The value of the first cell a workbook-scoped defined name points at, as plain exceljs sees it. */
function named(book: ExcelJS.Workbook, name: string): unknown {
  const ranges = (book.definedNames as unknown as { getRanges(n: string): { ranges: string[] } }).getRanges(name).ranges;
  expect(ranges.length).toBeGreaterThan(0);
  const ref = ranges[0];
  const bang = ref.lastIndexOf('!');
  const sheet = ref.slice(0, bang).replace(/^'|'$/g, '').replace(/''/g, "'");
  const address = ref.slice(bang + 1).replace(/\$/g, '').split(':')[0];
  const value = book.getWorksheet(sheet)!.getCell(address).value;
  if (value && typeof value === 'object' && 'result' in value) return (value as { result: unknown }).result;
  if (value && typeof value === 'object' && 'richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  return value;
}

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

beforeAll(async () => {
  const root = tempDir();
  const r = await jixiao(['template', '-o', 'template.xlsx', '--dept', '示例县政务服务中心', '--year', '2024', '--unit', '万元'], root);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  const book = await XlsxWorkbook.fromBuffer(fs.readFileSync(path.join(root, 'template.xlsx')));
  await book.fillInputs(scheme, example as unknown as Record<string, RawValue>);
  filledBytes = Buffer.from(await book.toBuffer());
  fs.rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  dir = tempDir();
  fs.writeFileSync(path.join(dir, '已填写.xlsx'), filledBytes);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('jixiao template', () => {
  it('writes a workbook with the scheme’s sheets and a defined name for every input, prefilled from the flags', async () => {
    const r = await jixiao(['template', '-o', '空白.xlsx', '--dept', '某县财政局', '--year', '2025', '--unit', '元'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已生成模板：空白\.xlsx/);
    expect(listFiles(dir)).toEqual(['已填写.xlsx', '空白.xlsx']);
    const book = await readBook(path.join(dir, '空白.xlsx'));
    expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['基本情况表', '评分表', '满意度调查']));
    for (const input of scheme.inputs) named(book, input.name);
    for (const ind of scheme.indicators) named(book, scheme.scoreName(ind.id));
    expect(named(book, 'in_dept_name')).toBe('某县财政局');
    expect(Number(named(book, 'in_year'))).toBe(2025);
    expect(named(book, 'in_unit')).toBe('元');
  });

  it('a blank template scores with missing inputs: exit 1', async () => {
    await jixiao(['template', '-o', 'blank.xlsx'], dir);
    const r = await jixiao(['score', 'blank.xlsx', '--json'], dir);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.complete).toBe(false);
    expect(json.grade).toBeNull();
    expect(json.issues.some((f: { code: string }) => f.code === 'missing_input')).toBe(true);
  });
});

describe('jixiao score FILE.xlsx', () => {
  it('scores the filled example into OUT: the 21 scores, total and grade read back with exceljs; FILE unchanged', async () => {
    const before = sha(path.join(dir, '已填写.xlsx'));
    const r = await jixiao(['score', '已填写.xlsx', '-o', '已评分.xlsx', '--json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.total).toBe(73.28);
    expect(json.grade).toBe('中');
    expect(Object.fromEntries(json.indicators.map((i: { id: string; score: number }) => [i.id, i.score]))).toEqual(SPEC_SCORES);

    expect(sha(path.join(dir, '已填写.xlsx'))).toBe(before);
    expect(listFiles(dir)).toEqual(['已填写.xlsx', '已评分.xlsx']);

    const out = await readBook(path.join(dir, '已评分.xlsx'));
    const scores = Object.fromEntries(scheme.indicators.map((ind) => [ind.id, Number(named(out, scheme.scoreName(ind.id)))]));
    expect(scores).toEqual(SPEC_SCORES);
    expect(Number(named(out, 'score_total'))).toBe(73.28);
    expect(named(out, 'score_grade')).toBe('中');
    expect(String(named(out, scheme.textName('staff_control')))).toContain('（21/20）×100%=105.00%');
    // the inputs are carried over as they were
    expect(Number(named(out, 'in_staff_quota'))).toBe(20);
  });

  it('without -o only prints: the table, nothing written', async () => {
    const r = await jixiao(['score', '已填写.xlsx'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^合计：73\.28\/100$/m);
    expect(r.stdout).toMatch(/^自我评价结论：中$/m);
    expect(listFiles(dir)).toEqual(['已填写.xlsx']);
  });

  it('writes into FILE itself when OUT is FILE', async () => {
    const r = await jixiao(['score', '已填写.xlsx', '-o', './已填写.xlsx'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已写入：\.\/已填写\.xlsx/);
    expect(listFiles(dir)).toEqual(['已填写.xlsx']);
    expect(Number(named(await readBook(path.join(dir, '已填写.xlsx')), 'score_total'))).toBe(73.28);
  });

  it('an error finding in the workbook: exit 1, OUT still written', async () => {
    const book = await XlsxWorkbook.fromBuffer(filledBytes);
    await book.fillInputs(scheme, { in_staff_quota: 0 });
    fs.writeFileSync(path.join(dir, 'zero.xlsx'), Buffer.from(await book.toBuffer()));
    const r = await jixiao(['score', 'zero.xlsx', '-o', 'zero-scored.xlsx', '--json'], dir);
    expect(r.code).toBe(1);
    const staff = JSON.parse(r.stdout).indicators.find((i: { id: string }) => i.id === 'staff_control');
    expect(staff.score).toBeNull();
    const out = await readBook(path.join(dir, 'zero-scored.xlsx'));
    expect(named(out, scheme.scoreName('staff_control')) ?? null).toBeNull();
    expect(named(out, 'score_grade') ?? null).toBeNull();
  });
});

describe('exit 2: not a workbook of a known scheme, nothing written', () => {
  it('a text file renamed .xlsx', async () => {
    fs.writeFileSync(path.join(dir, 'x.xlsx'), '部门,得分\n财政局,80\n');
    const r = await jixiao(['score', 'x.xlsx', '-o', 'out.xlsx'], dir);
    expectUsageFailure(r, /^jixiao: 无法读取“x\.xlsx”：不是有效的 \.xlsx 文件\n$/);
    expect(listFiles(dir)).toEqual(['x.xlsx', '已填写.xlsx']);
  });

  it('a zip that is not a workbook (a .docx renamed, an empty archive)', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', '<w:document/>');
    fs.writeFileSync(path.join(dir, 'doc.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
    expectUsageFailure(await jixiao(['score', 'doc.xlsx', '-o', 'out.xlsx'], dir), /^jixiao: 无法读取“doc\.xlsx”：不是有效的 \.xlsx 文件\n$/);
    fs.writeFileSync(path.join(dir, 'empty.xlsx'), await new JSZip().generateAsync({ type: 'nodebuffer' }));
    expectUsageFailure(await jixiao(['score', 'empty.xlsx', '-o', 'out.xlsx'], dir), /无法读取“empty\.xlsx”：不是有效的 \.xlsx 文件/);
    expect(listFiles(dir)).toEqual(['doc.xlsx', 'empty.xlsx', '已填写.xlsx']);
  });

  it('a legacy .xls (or password-protected) file', async () => {
    fs.writeFileSync(path.join(dir, 'old.xlsx'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expectUsageFailure(await jixiao(['score', 'old.xlsx'], dir), /^jixiao: 无法读取“old\.xlsx”：文件已加密或为旧版 \.xls，请在 Excel\/WPS 中另存为 \.xlsx\n$/);
  });

  it('an ordinary xlsx without our names', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sheet1');
    sheet.getCell('A1').value = '编制数';
    sheet.getCell('B1').value = 20;
    book.definedNames.add("'Sheet1'!$B$1", 'staff');
    fs.writeFileSync(path.join(dir, 'other.xlsx'), Buffer.from(await book.xlsx.writeBuffer()));
    const r = await jixiao(['score', 'other.xlsx', '-o', 'out.xlsx', '--json'], dir);
    expectUsageFailure(r, /^jixiao: 无法读取“other\.xlsx”：不是本工具模板生成的工作簿（找不到任何评分方案的输入名称）\n$/);
    expect(listFiles(dir)).toEqual(['other.xlsx', '已填写.xlsx']);
  });

  it('a file that does not exist, or a folder', async () => {
    expectUsageFailure(await jixiao(['score', 'missing.xlsx'], dir), /无法读取“missing\.xlsx”：文件或目录不存在/);
    fs.mkdirSync(path.join(dir, 'folder.xlsx'));
    expectUsageFailure(await jixiao(['score', 'folder.xlsx'], dir), /无法读取“folder\.xlsx”：这是一个文件夹/);
  });

  it('OUT cannot be written: one line, no partial file, no temporary file, FILE unchanged', async () => {
    const before = sha(path.join(dir, '已填写.xlsx'));
    expectUsageFailure(await jixiao(['score', '已填写.xlsx', '-o', 'no/such/dir/out.xlsx'], dir), /无法写入“no\/such\/dir\/out\.xlsx”：文件或目录不存在/);
    fs.mkdirSync(path.join(dir, 'taken.xlsx'));
    expectUsageFailure(await jixiao(['score', '已填写.xlsx', '-o', 'taken.xlsx'], dir), /无法写入“taken\.xlsx”/);
    expect(listFiles(dir)).toEqual(['taken.xlsx', '已填写.xlsx']);
    expect(sha(path.join(dir, '已填写.xlsx'))).toBe(before);
  });

  it('OUT must be .xlsx', async () => {
    expectUsageFailure(await jixiao(['score', '已填写.xlsx', '-o', 'out.csv'], dir), /应以 \.xlsx 结尾/);
    expect(listFiles(dir)).toEqual(['已填写.xlsx']);
  });
});
