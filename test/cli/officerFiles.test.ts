/**
 * What the command writes respects the officer's file and Excel's limits: texts within a cell's 32,767
 * characters and rows within 409 pt; −0 is 0; long names budgeted in bytes and refused in Chinese; an
 * existing output keeps its permissions and its symbolic link; an .xlsm's macros are said not to be kept;
 * the 报送版 carries the sync record the review compares the file with.
 */
import { unzipSync } from 'fflate';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { getScheme } from '../../src/engine';
import { CELL_TEXT_MAX } from '../../src/workbook/outputs';
import { decodeSyncRecord } from '../../src/workbook/syncStore';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { namedCell, reload, shownValue } from '../workbook/helpers';
import { withMacros } from '../hostile/package';
import { BIN, ensureDist, exampleInputs, expectUsageFailure, filledWorkbook, jixiao, listFiles, tempDir } from './helpers';

const scheme = getScheme('dept-2013');
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const modeOf = (file: string) => fs.statSync(file).mode & 0o7777;
let dir: string;
let filled: Buffer;

beforeAll(async () => {
  filled = await filledWorkbook();
});
beforeEach(() => {
  dir = tempDir();
  fs.writeFileSync(path.join(dir, '已填写.xlsx'), filled);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every text of a workbook's cells (shared strings and inline strings), as its XML holds them. */
async function longestCellText(file: string): Promise<number> {
  const book = await reload(fs.readFileSync(file));
  let longest = 0;
  for (const ws of book.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = shownValue(cell);
        if (typeof v === 'string') longest = Math.max(longest, v.length);
      }),
    );
  }
  return longest;
}

async function tallestRow(file: string): Promise<number> {
  const book = await reload(fs.readFileSync(file));
  let tallest = 0;
  for (const ws of book.worksheets) ws.eachRow({ includeEmpty: true }, (row) => void (tallest = Math.max(tallest, row.height ?? 0)));
  return tallest;
}

describe('Excel’s limits: 32,767 characters per cell, 409 pt per row', () => {
  it('a 32,760-character 评分依据: the 评价得分 text is cut to fit, with a note, and its row is at most 409 pt', async () => {
    const basis = '依'.repeat(32760);
    fs.writeFileSync(path.join(dir, 'long.xlsx'), await filledWorkbook({ in_benefit_economic_note: basis }));
    const r = await jixiao(['score', 'long.xlsx', '-o', 'scored.xlsx', '--json'], dir);
    expect(r.code).toBe(0);
    // the engine's text is whole (the JSON and the table show it all)…
    const text = JSON.parse(r.stdout).indicators.find((i: { id: string }) => i.id === 'benefit_economic').text;
    expect(text.length).toBe(32772);
    // …the cell holds what a cell can
    const book = await reload(fs.readFileSync(path.join(dir, 'scored.xlsx')));
    const cell = String(shownValue(namedCell(book, scheme.textName('benefit_economic'))));
    expect(cell.length).toBe(CELL_TEXT_MAX);
    expect(cell.startsWith('自评得分3分。评分依据：依依依')).toBe(true);
    expect(cell.endsWith('……（内容过长，超出单元格上限的部分未写入）')).toBe(true);
    expect(await longestCellText(path.join(dir, 'scored.xlsx'))).toBeLessThanOrEqual(CELL_TEXT_MAX);
    expect(await tallestRow(path.join(dir, 'scored.xlsx'))).toBe(409);
  });

  it('the 报送版 too: the long text and an incomplete notice quoting a wrong value as long as a cell holds', async () => {
    fs.writeFileSync(
      path.join(dir, 'long.xlsx'),
      await filledWorkbook({ in_benefit_economic_note: '依'.repeat(32760), in_staff_quota: '九'.repeat(CELL_TEXT_MAX) }),
    );
    const r = await jixiao(['export', 'long.xlsx', '-o', 'out.xlsx', '--force'], dir);
    expect(r.code).toBe(1);
    const book = await reload(fs.readFileSync(path.join(dir, 'out.xlsx')));
    const notice = String(shownValue(namedCell(book, scheme.outputs.status)));
    expect(notice.length).toBe(CELL_TEXT_MAX);
    expect(notice).toMatch(/^本表尚未完成：有1处错误/);
    expect(String(shownValue(namedCell(book, scheme.textName('benefit_economic')))).length).toBe(CELL_TEXT_MAX);
    expect(await tallestRow(path.join(dir, 'out.xlsx'))).toBe(409);
  });

  it('template --dept longer than a cell holds is refused, nothing written', async () => {
    expectUsageFailure(await jixiao(['template', '-o', 't.xlsx', '--dept', 'x'.repeat(CELL_TEXT_MAX + 1)], dir), /^jixiao: --dept 过长（32768 个字符，一个单元格最多 32767 个）\n$/);
    expect(listFiles(dir)).toEqual(['已填写.xlsx']);
  });
});

describe('−0 is 0', () => {
  it.each([
    ['-0 (a JSON number)', '-0'],
    ['"-0.00"', '"-0.00"'],
    ['"−0" (typographic minus)', '"−0"'],
  ])('a self-score of %s scores 0, in range', async (_, json) => {
    const inputs = JSON.stringify({ ...exampleInputs(), in_benefit_economic: 0 }).replace('"in_benefit_economic":0', `"in_benefit_economic":${json}`);
    fs.writeFileSync(path.join(dir, 'in.json'), inputs);
    const r = await jixiao(['score', '--inputs', 'in.json', '--json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ind = JSON.parse(r.stdout).indicators.find((i: { id: string }) => i.id === 'benefit_economic');
    expect([ind.status, ind.score, ind.text.slice(0, 6)]).toEqual(['ok', 0, '自评得分0分']);
    expect(Object.is(ind.score, -0)).toBe(false);
  });
});

describe('long names', () => {
  it('a 75-character 部门名称: export into a folder writes a name within 255 bytes', async () => {
    const dept = '某'.repeat(68) + '县政务服务中心';
    expect([...dept]).toHaveLength(75);
    fs.writeFileSync(path.join(dir, 'long-name.xlsx'), await filledWorkbook({ in_dept_name: dept }));
    fs.mkdirSync(path.join(dir, '报送'));
    const r = await jixiao(['export', 'long-name.xlsx', '-o', '报送/'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [written] = fs.readdirSync(path.join(dir, '报送'));
    expect(bytes(written)).toBeLessThanOrEqual(255);
    expect(written).toBe(`${'某'.repeat(68)}县2024年度部门整体支出绩效自评表.xlsx`);
    expect(r.stdout).toContain(`已生成报送版：${path.join('报送', written)}`);
  });

  it('an 80-character -o name is written; one longer than the file system allows is refused in Chinese', async () => {
    const ok = `${'评'.repeat(80)}.xlsx`;
    const r = await jixiao(['score', '已填写.xlsx', '-o', ok], dir);
    expect(r.code).toBe(0);
    expect(listFiles(dir)).toEqual(['已填写.xlsx', ok].sort());
    const tooLong = `${'评'.repeat(90)}.xlsx`;
    for (const args of [['score', '已填写.xlsx', '-o', tooLong], ['export', '已填写.xlsx', '-o', tooLong], ['template', '-o', tooLong]]) {
      expectUsageFailure(await jixiao(args, dir), /^jixiao: 无法写入“评+\.xlsx”：文件名过长（一个文件名最多 255 字节，约 80 个汉字），请用较短的文件名\n$/);
    }
    expect(listFiles(dir)).toEqual(['已填写.xlsx', ok].sort());
  });
});

describe('replacing an existing output', () => {
  it('keeps its permissions (0600 stays 0600) for score -o, export and template', async () => {
    for (const [args, out] of [
      [['score', '已填写.xlsx', '-o', 'a.xlsx'], 'a.xlsx'],
      [['export', '已填写.xlsx', '-o', 'b.xlsx'], 'b.xlsx'],
      [['template', '-o', 'c.xlsx'], 'c.xlsx'],
    ] as [string[], string][]) {
      fs.writeFileSync(path.join(dir, out), 'old');
      fs.chmodSync(path.join(dir, out), 0o600);
      expect((await jixiao(args, dir)).code).toBe(0);
      expect(modeOf(path.join(dir, out))).toBe(0o600);
      expect(fs.readFileSync(path.join(dir, out)).subarray(0, 2).toString()).toBe('PK');
    }
  });

  it('writes through a symbolic link to its target, the link kept', async () => {
    fs.mkdirSync(path.join(dir, '共享'));
    fs.writeFileSync(path.join(dir, '共享', '结果.xlsx'), 'old');
    fs.symlinkSync(path.join('共享', '结果.xlsx'), path.join(dir, '结果.xlsx'));
    const r = await jixiao(['score', '已填写.xlsx', '-o', '结果.xlsx'], dir);
    expect(r.code).toBe(0);
    expect(fs.lstatSync(path.join(dir, '结果.xlsx')).isSymbolicLink()).toBe(true);
    const book = await XlsxWorkbook.fromBuffer(fs.readFileSync(path.join(dir, '共享', '结果.xlsx')));
    expect(shownValue(namedCell(book.workbook, 'score_total'))).toBe(73.28);
    expect(listFiles(dir)).toEqual(['共享', path.join('共享', '结果.xlsx'), '已填写.xlsx', '结果.xlsx']);
  });

  // root may write anything: the read-only cases run the real command as an ordinary user
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  it('a read-only output file or folder: refused in one Chinese line, nothing changed', () => {
    ensureDist();
    fs.chmodSync(dir, 0o777);
    fs.chmodSync(path.join(dir, '已填写.xlsx'), 0o644);
    fs.writeFileSync(path.join(dir, 'readonly.xlsx'), 'keep');
    fs.chmodSync(path.join(dir, 'readonly.xlsx'), 0o444);
    fs.mkdirSync(path.join(dir, 'locked'), 0o555);
    fs.chmodSync(path.join(dir, 'locked'), 0o555);
    const node = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', ...asUser });
    for (const [args, shown] of [
      [['score', '已填写.xlsx', '-o', 'readonly.xlsx'], 'readonly.xlsx'],
      [['template', '-o', 'readonly.xlsx'], 'readonly.xlsx'],
      [['score', '已填写.xlsx', '-o', 'locked/out.xlsx'], 'locked/out.xlsx'],
      [['export', '已填写.xlsx', '-o', 'locked/'], path.join('locked', '示例县政务服务中心2024年度部门整体支出绩效自评表.xlsx')],
    ] as [string[], string][]) {
      const r = node(args);
      expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `jixiao: 无法写入“${shown}”：没有访问权限\n`]);
    }
    expect(fs.readFileSync(path.join(dir, 'readonly.xlsx'), 'utf8')).toBe('keep');
    expect(listFiles(dir)).toEqual(['locked', 'readonly.xlsx', '已填写.xlsx']);
  });
});

describe('decided and documented', () => {
  it('an .xlsm: scored into an .xlsm keeping its macros, refused under an .xlsx name, exported as .xlsx with a word', async () => {
    fs.writeFileSync(path.join(dir, '宏.xlsm'), withMacros(filled));
    const scored = await jixiao(['score', '宏.xlsm', '-o', '已评分.xlsm'], dir);
    expect(scored.code).toBe(0);
    expect(scored.stdout).not.toContain('宏');
    expect(zipEntryNames(fs.readFileSync(path.join(dir, '已评分.xlsm')))).toContain('xl/vbaProject.bin');
    const json = await jixiao(['score', '宏.xlsm', '-o', '已评分.xlsm', '--json'], dir);
    expect(JSON.parse(json.stdout).total).toBe(73.28);
    expect(json.stderr).toBe('');
    const refused = await jixiao(['score', '宏.xlsm', '-o', '已评分.xlsx'], dir);
    expect([refused.code, refused.stderr]).toEqual([2, 'jixiao: “宏.xlsm”含有宏，输出文件应以 .xlsm 结尾（宏将原样保留）\n']);
    const exported = await jixiao(['export', '宏.xlsm', '-o', '报送.xlsx'], dir);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('提示：原文件含有宏（VBA 代码）；“报送.xlsx”是 .xlsx 格式，不能保存宏');
    // without macros nothing is said
    expect((await jixiao(['export', '已填写.xlsx', '-o', '报送2.xlsx'], dir)).stdout).not.toContain('宏');
  });

  it('a right-to-left override in the 部门名称 does not reach the export file name', async () => {
    fs.writeFileSync(path.join(dir, 'rlo.xlsx'), await filledWorkbook({ in_dept_name: '某局\u202excod.exe' }));
    const r = await jixiao(['export', 'rlo.xlsx'], dir);
    expect(r.code).toBe(0);
    expect(listFiles(dir)).toContain('某局xcod.exe2024年度部门整体支出绩效自评表.xlsx');
  });

  it('the 报送版 carries the sync record: every input as exported, so that a later edit can be found and named', async () => {
    expect((await jixiao(['export', '已填写.xlsx', '-o', '报送.xlsx'], dir)).code).toBe(0);
    const book = await XlsxWorkbook.fromBuffer(fs.readFileSync(path.join(dir, '报送.xlsx')));
    const record = decodeSyncRecord((book.workbook.description ?? '').split('\n'));
    expect(record).not.toBeNull();
    expect(record!.scheme).toBe('dept-2013');
    expect(Object.keys(record!.values).sort()).toEqual(scheme.inputs.map((i) => i.name).sort());
    expect(record!.values.in_staff_quota).toBe('20');
    expect(record!.values.in_dept_name).toBe('示例县政务服务中心');
    expect(bytes(book.workbook.description!)).toBeLessThan(8000);
  });
});

/** The part names of a zip package. */
function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  unzipSync(bytes, { filter: (entry) => (names.push(entry.name), false) });
  return names;
}
