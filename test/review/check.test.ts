/**
 * `jixiao check` on a folder of received files: the JSON of spec/cli.md, exit statuses, the readable report, the
 * summary workbook read back with exceljs, a file over the time limit, and the files left as they were.
 */
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { BIN, ensureDist, expectUsageFailure, jixiao, tempDir } from '../cli/helpers';
import * as c from './cases';

let dir: string;
let out: string;
const hashes = new Map<string, string>();
const hashOf = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

beforeAll(async () => {
  out = tempDir();
  dir = path.join(out, '收件');
  fs.mkdirSync(path.join(dir, '二季度'), { recursive: true });
  const ok = await c.scored(c.dept2013, [c.example2013()]);
  const files: Record<string, Uint8Array> = {
    '示例县政务服务中心.xlsx': ok,
    '二季度/示例县档案馆.xlsx': c.typedOver(await c.scored(c.dept2013, [c.example2013({ in_dept_name: '示例县档案馆', in_staff_actual: 19 })]), '基本情况表', 2, 4, 90),
    '坏文件.xlsx': c.corrupt(ok),
    '名单.xlsx': await c.notOurs(),
    '自评报告.docx': c.handmadeDocx('示例县财政局'),
    '项目.xlsx': await c.scored(c.project2020, [c.projectExample()]),
    '~$示例县政务服务中心.xlsx': new Uint8Array([1, 2, 3]),
    '说明.txt': new TextEncoder().encode('不是表格'),
  };
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
  for (const name of Object.keys(files)) hashes.set(name, hashOf(path.join(dir, name)));
});

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('jixiao check DIR --json', () => {
  let json: {
    files: { file: string; status: string; kind?: string; reason?: string; forms: Record<string, unknown>[] }[];
    summary: Record<string, number>;
  };
  let code: number;

  beforeAll(async () => {
    const r = await jixiao(['check', '收件', '--json', '--year', '2024', '-o', '审核汇总.xlsx'], out);
    code = r.code;
    expect(r.stderr).toBe('');
    json = JSON.parse(r.stdout);
  }, 120_000);

  it('lists every form file of the folder, recursively, sorted, lock files and other files left out', () => {
    expect(json.files.map((f) => f.file)).toEqual(['收件/二季度/示例县档案馆.xlsx', '收件/坏文件.xlsx', '收件/名单.xlsx', '收件/示例县政务服务中心.xlsx', '收件/自评报告.docx', '收件/项目.xlsx'].sort((a, b) => a.localeCompare(b)));
  });

  it('gives the fields of the spec for each file and form', () => {
    const byName = new Map(json.files.map((f) => [path.basename(f.file), f]));
    expect(byName.get('示例县政务服务中心.xlsx')).toEqual({
      file: '收件/示例县政务服务中心.xlsx',
      status: 'reviewed',
      kind: 'working',
      forms: [{ scheme: 'dept-2013', dept: '示例县政务服务中心', project: null, year: 2024, total: 73.28, grade: '中', shown: { total: 73.28, grade: '中' }, verdict: 'pass', issues: [] }],
    });
    const typed = byName.get('示例县档案馆.xlsx')!.forms[0];
    expect(typed).toMatchObject({ dept: '示例县档案馆', shown: { total: 90, grade: '中' }, verdict: 'verify' });
    expect(typed.total).toBeCloseTo(75.28, 2);
    expect((typed.issues as { code: string; cells: string[] }[]).map((i) => [i.code, i.cells])).toEqual([['stale_output', ['基本情况表!D2']]]);
    expect(byName.get('坏文件.xlsx')).toEqual({ file: '收件/坏文件.xlsx', status: 'unreadable', reason: '文件已损坏或不完整，不是有效的 .xlsx 文件', forms: [] });
    expect(byName.get('名单.xlsx')).toMatchObject({ status: 'not_ours', forms: [] });
    expect(byName.get('自评报告.docx')).toMatchObject({ status: 'reviewed', kind: 'handmade' });
    expect(byName.get('项目.xlsx')!.forms[0]).toMatchObject({ scheme: 'project-2020', project: '政务数据共享平台运维', total: 92.96, grade: '优' });
    for (const f of json.files) for (const form of f.forms) for (const i of form.issues as Record<string, unknown>[]) expect(Object.keys(i).sort()).toEqual(['cells', 'code', 'message', 'severity']);
  });

  it('summarises the batch, exit 1 when a form needs a look or a file could not be reviewed', () => {
    expect(json.summary).toEqual({ files: 6, forms: 4, pass: 1, fix: 0, verify: 3, unreadable: 1, not_ours: 1 });
    expect(code).toBe(1);
  });

  it('writes 审核汇总.xlsx: 汇总, 问题清单 and 等级分布 with their figures, frozen, filtered, A4 landscape', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, '审核汇总.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题清单', '等级分布']);
    const sum = wb.getWorksheet('汇总')!;
    expect(sum.getRow(1).values).toEqual([undefined, '单位', '项目', '年度', '表种', '文件', '文件中总分', '复核总分', '差异', '等级', '错误数', '警告数', '结论']);
    const rows = sum.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(6);
    const archive = rows.find((r) => r[1] === '示例县档案馆')!;
    expect(archive.slice(3, 13)).toEqual([2024, '部门整体支出绩效评价指标评分表', '收件/二季度/示例县档案馆.xlsx', 90, 75.28, 14.72, '中', 0, 1, '需核实']);
    expect(rows.find((r) => r[5] === '收件/坏文件.xlsx')![12]).toBe('无法读取');
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
      expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(6);
    }
    // the 文件 column as wide as its longest path (two columns per Chinese character)
    expect(sum.getColumn(5).width).toBeGreaterThanOrEqual(29);
    const issues = wb.getWorksheet('问题清单')!;
    const stale = (issues.getSheetValues().slice(2) as unknown[][]).find((r) => r[1] === '收件/二季度/示例县档案馆.xlsx')!;
    expect(stale.slice(2, 5)).toEqual(['示例县档案馆', '基本情况表!D2', '警告']);
    expect(String(stale[5])).toContain('文件中为90，复核应为75.28');
    const grades = wb.getWorksheet('等级分布')!.getSheetValues().slice(1) as unknown[][];
    expect(grades[0].slice(1)).toEqual(['等级', '部门整体支出绩效评价指标评分表', '项目支出绩效自评表', '合计']);
    expect(grades.find((r) => r[1] === '优')!.slice(2)).toEqual([0, 1, 1]);
    expect(grades.find((r) => r[1] === '中')!.slice(2)).toEqual([3, 0, 3]);
    expect(grades.find((r) => r[1] === '合计')!.slice(2)).toEqual([3, 1, 4]);
  });

  it('leaves every reviewed file as it was', () => {
    for (const [name, hash] of hashes) expect(hashOf(path.join(dir, name))).toBe(hash);
  });
});

describe('jixiao check, the other ways', () => {
  it('prints a readable report without --json, exit 0 when every form passes', async () => {
    const r = await jixiao(['check', '收件/示例县政务服务中心.xlsx'], out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('收件/示例县政务服务中心.xlsx：示例县政务服务中心 2024年度  复核 73.28 中，文件中 73.28 中  【通过】');
    expect(r.stdout).toContain('共 1 个文件、1 张表：通过 1');
  }, 60_000);

  it('a file over the per-file time limit is listed, its thread killed, the batch goes on', async () => {
    const r = await jixiao(['check', '收件/示例县政务服务中心.xlsx', '--json'], out, { JIXIAO_CHECK_TIMEOUT_MS: '1' });
    const json = JSON.parse(r.stdout);
    expect(json.files[0]).toEqual({ file: '收件/示例县政务服务中心.xlsx', status: 'unreadable', reason: '读取超时（超过 1 秒），已跳过', forms: [] });
    expect(r.code).toBe(1);
  }, 60_000);

  it('wrong calls: exit 2 with one line', async () => {
    expectUsageFailure(await jixiao(['check'], out), /至少一个文件夹或文件/);
    expectUsageFailure(await jixiao(['check', '收件', '--year', '24'], out), /--year/);
    expectUsageFailure(await jixiao(['check', '没有这个'], out), /不存在/);
    expectUsageFailure(await jixiao(['check', '收件', '-o', '汇总.csv'], out), /\.xlsx/);
  });
});

describe('jixiao check: progress, and files only LibreOffice reads', () => {
  it('shows files done / total, rate and time left on stderr when it is a terminal, and clears the line', async () => {
    let stderr = '';
    let progress = '';
    let stdout = '';
    const { run } = await import('../../src/cli/run');
    const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), progress: (t: string) => void (progress += t), cwd: out };
    const code = await run(['check', '收件/示例县政务服务中心.xlsx', '收件/项目.xlsx'], io);
    expect(code).toBe(1);
    expect(progress).toMatch(/\r审核中 2\/2 {2}[\d.]+ 个\/秒 {2}剩余约 0 秒/);
    expect(progress.endsWith('\r\u001b[K')).toBe(true);
    expect(stderr).toBe('');
    expect(stdout).toContain('共 2 个文件、2 张表');
  }, 60_000);

  it('an .xls saved by LibreOffice (as WPS writes it) is converted and reviewed as a hand-made table', async () => {
    const xlsxFile = path.join(out, 'hm.xlsx');
    fs.writeFileSync(xlsxFile, await c.handmadeXlsx());
    execFileSync('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'xls', '--outdir', path.join(out, 'xls'), xlsxFile], { stdio: 'pipe', timeout: 180_000 });
    const r = await jixiao(['check', 'xls/hm.xls', '--json'], out);
    const json = JSON.parse(r.stdout);
    expect(json.files[0]).toMatchObject({ file: 'xls/hm.xls', status: 'reviewed', kind: 'handmade' });
    expect(json.files[0].forms[0].shown).toEqual({ total: 96, grade: '良好' });
    expect(json.files[0].forms[0].issues.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['claim_mismatch', 'total_mismatch', 'grade_mismatch']));
    // without LibreOffice: listed as unreadable, saying how to go on
    const none = await jixiao(['check', 'xls/hm.xls', '--json'], out, { JIXIAO_SOFFICE: '/nonexistent/soffice' });
    expect(JSON.parse(none.stdout).files[0]).toMatchObject({ status: 'unreadable', reason: expect.stringContaining('未找到 LibreOffice') });
  }, 300_000);
});

describe('node bin/jixiao.js check (the built command, its worker threads compiled)', () => {
  beforeAll(ensureDist, 300_000);

  it('reviews the folder as in-process, quiet on stderr when it is not a terminal', () => {
    const r = spawnSync(process.execPath, [BIN, 'check', '收件', '--json', '--year', '2024'], { cwd: out, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).summary).toEqual({ files: 6, forms: 4, pass: 1, fix: 0, verify: 3, unreadable: 1, not_ours: 1 });
  }, 120_000);
});
