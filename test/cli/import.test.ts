/**
 * `jixiao import` and `jixiao score` on hand-made files, run in-process on real files: the workbook written and
 * scored back equal to the hand-made report's rescoring, the blanks listed, --next-year, --scheme, and every way
 * the call can fail (exit 2, one line, nothing written).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { handmadeOf } from '../../src/import';
import { docx, xlsx } from '../import/build';
import * as F from '../import/forms';
import { expectUsageFailure, jixiao, listFiles, tempDir } from './helpers';

let dir: string;
beforeAll(async () => {
  dir = tempDir();
  const p = F.sichuanProject({ slips: true });
  fs.writeFileSync(path.join(dir, '数据局.xlsx'), await xlsx([{ name: '自评表', rows: p.rows, merges: p.merges }]));
  fs.writeFileSync(path.join(dir, '数据局报告.docx'), docx(['示例县数据局2024年度项目支出绩效自评报告', p]));
  const s = F.scoring2013({ total: 80, grade: '良' });
  fs.writeFileSync(path.join(dir, '评分表.xlsx'), await xlsx([{ name: '评分表', ...s }, { name: '报告表', ...F.summary2013('总分80分，自评等级良好') }]));
  fs.writeFileSync(
    path.join(dir, '自评报告.docx'),
    docx([...F.CLJ_REPORT_HEAD, F.CLJ_BASIC_TITLE, F.CLJ_BASIC, F.CLJ_DEPT_TITLE, F.CLJ_DEPT, F.CLJ_PROJECT_TITLE, F.CLJ_PROJECT, ...F.CLJ_REPORT_TAIL]),
  );
  fs.writeFileSync(path.join(dir, '预算执行.xlsx'), await xlsx([{ name: '预算执行', ...F.BUDGET_SHEET }]));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const out = (name: string) => path.join(dir, name);

describe('jixiao import', () => {
  test('a project table: the workbook is written, and `score` of it gives the hand-made report’s rescoring', async () => {
    const r = await jixiao(['import', '数据局.xlsx', '-o', '导入.xlsx'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('已从“数据局.xlsx”导入项目支出绩效自评表（project-2020），写入：导入.xlsx');
    expect(lines).toContain('工作表“政务数据共享平台运维”：取自 自评表!A1:J16');
    expect(lines).toContain('  绩效指标 9 行');
    expect(lines).toContain('  评分：总分 85.96 分，尚未评完（有输入待填写）');
    expect(lines).toContain('  原表有5处需核对');
    expect(lines).toContain('原表的核对结果：jixiao score 数据局.xlsx');

    const scored = await jixiao(['score', '导入.xlsx', '--json'], dir);
    const json = JSON.parse(scored.stdout);
    const report = handmadeOf(fs.readFileSync(out('数据局.xlsx')), '数据局.xlsx').forms[0].evaluation!;
    expect(json.total).toBe(report.total);
    expect(json.indicators.map((i: { id: string; score: number | null }) => [i.id, i.score])).toEqual(report.indicators.map((i) => [i.id, i.score]));
    expect(json.execution).toEqual(report.execution);
    expect(json.total).toBe(85.96);
    // the 定性 row without its 完成情况 is an error of the workbook until the officer chooses one
    expect(scored.code).toBe(1);
  });

  test('a 2013 评分表: the stated inputs filled, the rest listed with field and source cell', async () => {
    const r = await jixiao(['import', '评分表.xlsx', '-o', '2013.xlsx'], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('已从“评分表.xlsx”导入部门整体支出绩效评价指标评分表（dept-2013），写入：2013.xlsx');
    expect(lines.find((l) => l.startsWith('  已填入：'))).toMatch(/^ {2}已填入：年末实际在职人数（评分表!I4）；编制数（评分表!I4）；/);
    expect(lines).toContain('  以下输入文件中没有写明，已留空，请在工作簿中填写：');
    expect(lines).toContain('  - 当年结余（in_surplus_current），用于“资金结余”：评分表!I9 只写了得分 3 分');
    expect(lines).toContain('  - 资金使用合规性：不符合要求的情况数（in_fund_violations），用于“资金使用合规性”：评分表!I12 只写了得分 4 分');
    const scored = JSON.parse((await jixiao(['score', '2013.xlsx', '--json'], dir)).stdout);
    const byId = Object.fromEntries(scored.indicators.map((i: { id: string; score: number | null }) => [i.id, i.score]));
    expect([byId.staff_control, byId.sangong_change, byId.key_work_completion, byId.satisfaction, byId.goal_fit]).toEqual([4, 0, 9, 6.88, null]);
  });

  test('--next-year from the Word report: targets kept, the year one on, the cleared fields listed', async () => {
    const r = await jixiao(['import', '数据局报告.docx', '-o', '2025.xlsx', '--next-year'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  下一年度：年度 2024 → 2025；指标、指标值和分值保留\n');
    expect(r.stdout).toContain('  已清空：实际完成值、自评得分（定性指标）、偏差原因分析及改进措施、年度资金总额：年初预算数');
    const scored = JSON.parse((await jixiao(['score', '2025.xlsx', '--json'], dir)).stdout);
    expect(scored.year).toBe(2025);
    expect(scored.total).toBe(0);
    expect(scored.indicators.filter((i: { target: unknown }) => i.target !== null && i.target !== undefined)).toHaveLength(9);
  });

  test('--scheme picks one kind of form from a file holding several', async () => {
    const r = await jixiao(['import', '自评报告.docx', '-o', '部门.xlsx', '--scheme', 'dept-2020'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  未导入：项目支出绩效自评表“12345“接诉即办”及”一网通办”项目平台建设”（表3!R1C1:R30C9）：不是所选方案的表，未导入\n');
    const scored = JSON.parse((await jixiao(['score', '部门.xlsx', '--json'], dir)).stdout);
    expect([scored.scheme, scored.total]).toEqual(['dept-2020', 59.47]);
  });

  test('--scheme FILE: a region’s override of the scheme the table is; the workbook is of that scheme', async () => {
    const variant = path.join(__dirname, '../../templates/variants/project-2020-capped.json');
    const r = await jixiao(['import', '数据局.xlsx', '-o', '限分.xlsx', '--scheme', variant], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('已从“数据局.xlsx”导入项目支出绩效自评表（执行率限分示例）（project-2020-capped），写入：限分.xlsx');
    const scored = JSON.parse((await jixiao(['score', '限分.xlsx', '--json', '--scheme', variant], dir)).stdout);
    expect(scored.scheme).toBe('project-2020-capped');
    expect(scored.indicators).toHaveLength(9);
  });

  describe('exit 2: one line, nothing written', () => {
    const failing: [string, string[], RegExp][] = [
      ['no file', ['import', '-o', 'x.xlsx'], /^jixiao: import 需要一个手工填写的表格文件（jixiao import FILE -o OUT\.xlsx）/],
      ['no -o', ['import', '数据局.xlsx'], /^jixiao: import 需要 -o OUT\.xlsx（要写入的工作簿）/],
      ['-o not .xlsx', ['import', '数据局.xlsx', '-o', 'x.xls'], /输出文件“x\.xls”应以 \.xlsx 结尾/],
      ['-o the file itself', ['import', '数据局.xlsx', '-o', '数据局.xlsx'], /-o 不能是要导入的文件本身（“数据局\.xlsx”）/],
      ['two files', ['import', '数据局.xlsx', '评分表.xlsx', '-o', 'x.xlsx'], /import 只接受一个文件，多了“评分表\.xlsx”/],
      ['a missing file', ['import', '没有.xlsx', '-o', 'x.xlsx'], /无法读取“没有\.xlsx”：文件或目录不存在/],
      ['an unknown extension', ['import', 'a.txt', '-o', 'x.xlsx'], /无法读取“a\.txt”：不支持 \.txt 文件/],
      ['no standard table', ['import', '预算执行.xlsx', '-o', 'x.xlsx'], /“预算执行\.xlsx”中没有可以导入的标准表（评分表、项目\/部门整体支出绩效自评表、基础数据表或综合评价报告表）：预算执行：/],
      ['several kinds, no --scheme', ['import', '自评报告.docx', '-o', 'x.xlsx'], /中有多种表：部门整体支出绩效自评表（dept-2020）、项目支出绩效自评表（project-2020）；一个工作簿只放一种，请用 --scheme 指定/],
      ['a scheme the file has none of', ['import', '数据局.xlsx', '-o', 'x.xlsx', '--scheme', 'dept-2013'], /中没有部门整体支出绩效评价指标评分表（dept-2013）可以导入：文件中是项目支出绩效自评表/],
      ['an unknown scheme', ['import', '数据局.xlsx', '-o', 'x.xlsx', '--scheme', 'nope'], /未知的评分方案“nope”/],
      ['an unknown option', ['import', '数据局.xlsx', '-o', 'x.xlsx', '--year', '2024'], /import 没有选项“--year”/],
    ];
    test.each(failing)('%s', async (_what, args, pattern) => {
      fs.writeFileSync(out('a.txt'), 'x');
      const before = listFiles(dir);
      const r = await jixiao(args, dir);
      expectUsageFailure(r, pattern);
      expect(listFiles(dir)).toEqual(before);
    });

    test('a damaged .xlsx', async () => {
      fs.writeFileSync(out('坏.xlsx'), 'PK\u0003\u0004 not a zip');
      const r = await jixiao(['import', '坏.xlsx', '-o', 'x.xlsx'], dir);
      expectUsageFailure(r, /^jixiao: 无法读取“坏\.xlsx”：/);
      expect(fs.existsSync(out('x.xlsx'))).toBe(false);
    });
  });

  test('import is in the main help, and has its own', async () => {
    expect((await jixiao(['--help'])).stdout).toContain('jixiao import FILE -o OUT.xlsx [--scheme ID|FILE] [--next-year]');
    const help = await jixiao(['import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法 Usage: jixiao import FILE -o OUT\.xlsx/);
  });
});

describe('jixiao score on a hand-made file', () => {
  test('prints what it read, what it found and the rescoring; warnings only → exit 0', async () => {
    const r = await jixiao(['score', '数据局报告.docx'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('手工填写的表格：数据局报告.docx（不是本工具生成的工作簿，按表中所写核对并重新计算）');
    expect(lines).toContain('项目支出绩效自评表（project-2020）：示例县数据局 · 政务数据共享平台运维 · 2024年度');
    expect(lines).toContain('  读到：9行指标；资金：年初预算数 120，全年预算数 150，全年执行数 138.6；所写总分 92.96；等级 良好');
    expect(lines).toContain('    系统可用率（表1!R9C9） 分值10：9.5 → 9.97  ✗  完成值99.2%，未达到指标值≥99.5%，按完成比例计分：99.2/99.5×10=9.97分');
    expect(lines).toContain('  预算执行率：预算执行率（表1!R4C9） 分值10：9.24 → 9.24  （138.6/150）×100%=92.40%，92.40%×10=9.24分');
    expect(lines).toContain('  重新计算：总分 92.96 分，等级：优（表中写：总分 92.96，等级 良好）');
    expect(lines).toContain('    [警告] claim_mismatch：系统可用率（表1!R9C10）：“99.2/99.5×10=9.5分”计算有误：应为9.97分');
    expect(lines).toContain('    [警告] grade_mismatch：表1!R16C10：等级写作“良好”，而所写总分为92.96分，应为“优”');
    expect(lines).toContain('  结论：需核对（verify）');
  });

  test('--json: kind "handmade", each form with shown and the recomputed total and grade', async () => {
    const r = await jixiao(['score', '数据局.xlsx', '--json'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.kind).toBe('handmade');
    expect(json.file).toBe('数据局.xlsx');
    expect(json.forms).toHaveLength(1);
    const f = json.forms[0];
    expect([f.scheme, f.dept, f.project, f.year, f.total, f.grade, f.shown, f.verdict]).toEqual(['project-2020', '示例县数据局', '政务数据共享平台运维', 2024, 92.96, '优', { total: 92.96, grade: '良好' }, 'verify']);
    expect(f.issues.map((i: { code: string; cells: string[] }) => [i.code, i.cells])).toEqual([
      ['claim_mismatch', ['自评表!J9']],
      ['self_score_mismatch', ['自评表!H4']],
      ['self_score_mismatch', ['自评表!I9']],
      ['total_mismatch', ['自评表!I16']],
      ['grade_mismatch', ['自评表!J16']],
    ]);
    expect(f.rows).toHaveLength(9);
    expect(f.execution).toMatchObject({ typed: 9.24, computed: 9.24 });
    expect(json.unplaced).toEqual([]);
  });

  test('error findings → exit 1 (weights adding up to 70 in a department form)', async () => {
    const r = await jixiao(['score', '自评报告.docx', '--json'], dir);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.forms.map((f: { scheme: string; verdict: string }) => [f.scheme, f.verdict])).toEqual([
      ['dept-2020', 'fix'],
      ['project-2020', 'fix'],
    ]);
  });

  test('a workbook with no standard table and no scheme: exit 2, as before', async () => {
    expectUsageFailure(await jixiao(['score', '预算执行.xlsx'], dir), /^jixiao: 无法读取“预算执行\.xlsx”：不是本工具模板生成的工作簿（找不到任何评分方案的输入名称）\n$/);
  });

  test('a Word file with no standard table: exit 2 with why', async () => {
    fs.writeFileSync(out('报告.docx'), docx([...F.CLJ_REPORT_HEAD, { rows: [['项目', '金额'], ['办公费', 12]] }]));
    expectUsageFailure(await jixiao(['score', '报告.docx'], dir), /^jixiao: 无法读取“报告\.docx”：不是本工具生成的工作簿，也没有找到标准表格（评分表、绩效自评表、基础数据表或综合评价报告表）：表1：/);
  });

  test('-o is refused for a hand-made file, pointing to import', async () => {
    expectUsageFailure(await jixiao(['score', '数据局.xlsx', '-o', 'x.xlsx'], dir), /“数据局\.xlsx”是手工填写的表格，不能直接写入评分结果；请先用 jixiao import 数据局\.xlsx -o 新文件\.xlsx 导入为工作簿/);
    expect(fs.existsSync(out('x.xlsx'))).toBe(false);
  });
});

describe('files only LibreOffice reads', () => {
  /** The .xls LibreOffice saves from `file` (what WPS writes as .et): a profile of its own, in the test's folder. */
  function savedAsXls(file: string): Buffer {
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xls', '--outdir', path.join(dir, 'xls'), out(file)], { stdio: 'pipe', timeout: 120000 });
    return fs.readFileSync(path.join(dir, 'xls', file.replace(/\.\w+$/, '.xls')));
  }

  test('a WPS spreadsheet (.et): import and score go through LibreOffice and give what the .xlsx gives', async () => {
    fs.writeFileSync(out('项目自评表.et'), savedAsXls('数据局.xlsx'));
    const r = await jixiao(['import', '项目自评表.et', '-o', '来自et.xlsx'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  绩效指标 9 行\n');
    const fromEt = JSON.parse((await jixiao(['score', '来自et.xlsx', '--json'], dir)).stdout);
    const fromXlsx = JSON.parse((await jixiao(['score', '导入.xlsx', '--json'], dir)).stdout);
    expect([fromEt.total, fromEt.indicators.map((i: { score: number | null }) => i.score)]).toEqual([fromXlsx.total, fromXlsx.indicators.map((i: { score: number | null }) => i.score)]);
    const checked = JSON.parse((await jixiao(['score', '项目自评表.et', '--json'], dir)).stdout);
    expect([checked.kind, checked.forms[0].total, checked.forms[0].shown]).toEqual(['handmade', 92.96, { total: 92.96, grade: '良好' }]);
  });

  test('without LibreOffice: one line saying what to do, nothing written', async () => {
    fs.writeFileSync(out('旧表.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    const env = { JIXIAO_SOFFICE: out('no-such-soffice') };
    expectUsageFailure(await jixiao(['import', '旧表.xls', '-o', '旧.xlsx'], dir, env), /^jixiao: 未找到 LibreOffice（soffice），无法读取 \.xls\/\.et\/\.ods\/\.doc\/\.wps 文件/);
    expectUsageFailure(await jixiao(['score', '旧表.xls'], dir, env), /^jixiao: 未找到 LibreOffice（soffice）/);
    expect(fs.existsSync(out('旧.xlsx'))).toBe(false);
  });
});
