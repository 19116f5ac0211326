/**
 * `jixiao scheme list|new|check|diff` and `--scheme FILE`: a regional override written by someone else (the
 * issue's format: re-weighted indicators, other grade bands) is accepted by `scheme check` and scores the worked
 * example to the totals its rules give; a broken one is refused naming every problem, its line and its fix.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { checkSchemeData, getScheme, schemeIds } from '../../src/engine';
import type { RawValue } from '../../src/engine';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { BIN, ensureDist, EXAMPLE, exampleInputs, expectUsageFailure, jixiao, listFiles, ROOT, tempDir } from './helpers';

const FIXTURES = path.join(__dirname, 'fixtures/regional');
const REGIONAL = path.join(FIXTURES, '示例县.json');
const BROKEN = path.join(FIXTURES, '有误.json');

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const put = (rel: string, content: string | object) => {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
};

describe('the done check: a regional override in the issue’s format', () => {
  test('scheme check accepts it (exit 0), with its id, base and content hash', async () => {
    const r = await jixiao(['scheme', 'check', REGIONAL]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const hash = checkSchemeData(JSON.parse(fs.readFileSync(REGIONAL, 'utf8'))).resolved!.hash;
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      `${REGIONAL}：检查通过`,
      '  示例县部门整体支出绩效评价指标评分表（编号 dept-2013-示例县，版本 2024.1）',
      '  覆盖文件，基于内置方案 dept-2013（版本 1.0.0）；满分100分',
      `  内容指纹（SHA-256）：${hash}`,
    ]);
    // the 评价标准 of sangong_control still says 计4分: a hint, not a refusal
    expect(r.stdout).toContain('提示（1）：\n  1. 第7行 weights.sangong_control：');
  });

  test('score --inputs --scheme FILE: 73.28 − 2.5 (支出进度 of 4) + 4.5 (of 6) = 75.28, 良 (75 ≤ 75.28 < 85)', async () => {
    fs.copyFileSync(REGIONAL, path.join(dir, '示例县.json'));
    fs.copyFileSync(EXAMPLE, path.join(dir, 'inputs.json'));
    const r = await jixiao(['score', '--inputs', 'inputs.json', '--scheme', '示例县.json', '--json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ scheme: 'dept-2013-示例县', total: 75.28, maxTotal: 100, grade: '良', complete: true });
    const byId = Object.fromEntries(out.indicators.map((i: { id: string; weight: number; score: number }) => [i.id, [i.weight, i.score]]));
    expect(byId.spend_progress).toEqual([6, 4.5]);
    expect(byId.sangong_control).toEqual([2, 0]);
    const table = await jixiao(['score', '--inputs', 'inputs.json', '--scheme', '示例县.json'], dir);
    expect(table.stdout).toMatch(/^示例县部门整体支出绩效评价指标评分表（dept-2013-示例县）/);
    expect(table.stdout).toContain('合计：75.28/100\n自我评价结论：良');
  });

  test('--scheme ID finds it in the schemes folder of the working directory', async () => {
    fs.mkdirSync(path.join(dir, 'schemes'));
    fs.copyFileSync(REGIONAL, path.join(dir, 'schemes/示例县.json'));
    const r = await jixiao(['score', '--inputs', EXAMPLE, '--scheme', 'dept-2013-示例县', '--json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ scheme: 'dept-2013-示例县', total: 75.28, grade: '良' });
    expectUsageFailure(await jixiao(['score', '--inputs', EXAMPLE, '--scheme', 'dept-2013-别县'], dir), /未知的评分方案“dept-2013-别县”（内置：dept-2013、project-2020、dept-2020；schemes 文件夹中：dept-2013-示例县）/);
  });

  test('template --scheme FILE prints the regional weights; that workbook scored with --scheme FILE gives 75.28 良', async () => {
    const t = await jixiao(['template', '-o', '模板.xlsx', '--scheme', REGIONAL, '--dept', '示例县政务服务中心', '--year', '2024'], dir);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('（示例县部门整体支出绩效评价指标评分表，dept-2013-示例县）');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, '模板.xlsx'));
    const sheet = book.getWorksheet('评分表')!;
    const row = 4 + getScheme('dept-2013').indicators.findIndex((i) => i.id === 'sangong_control');
    expect([sheet.getCell(`D${row}`).value, sheet.getCell(`E${row}`).value]).toEqual(['"三公经费"控制率', 2]);
    expect([sheet.getCell(`D${row - 2}`).value, sheet.getCell(`E${row - 2}`).value]).toEqual(['支出进度', 6]);

    const filled = await XlsxWorkbook.fromBuffer(fs.readFileSync(path.join(dir, '模板.xlsx')));
    filled.fillInputs(getScheme('dept-2013'), exampleInputs() as Record<string, RawValue>);
    fs.writeFileSync(path.join(dir, '已填写.xlsx'), Buffer.from(await filled.toBuffer()));
    const r = await jixiao(['score', '已填写.xlsx', '--scheme', REGIONAL, '--json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ scheme: 'dept-2013-示例县', total: 75.28, grade: '良' });
  });
});

describe('a broken override is refused naming what is wrong', () => {
  test('scheme check: exit 1, every problem numbered with its line, place and fix', async () => {
    const r = await jixiao(['scheme', 'check', BROKEN]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      `${BROKEN}：有5处问题，不能使用：`,
      '  1. 第5行 weights.spend_progres：不认识的指标编号“spend_progres”。改法：是否想写“spend_progress”？可用的指标编号：goal_fit、goal_clarity、staff_control、sangong_change、key_spend_ratio、budget_adjust、spend_progress、surplus、sangong_control、budget_rules、fund_compliance、disclosure、asset_rules、asset_safety、fixed_asset_use、key_work_completion、key_work_quality、benefit_economic、benefit_social、benefit_ecological、satisfaction',
      '  2. 第14行 params.staff_control.perPonit：不认识的参数（cap_deduction）“perPonit”。改法：是否想写“perPoint”？可用的参数（cap_deduction）：zeroDenominator、cap、perPoint',
      '  3. 第6行 grades.良：等级应从高到低排列，良的下限88分不低于上一等级优的85分。改法：按从高到低的顺序排列各等级，下限逐级降低',
      '  4. 第10行 params.key_spend_ratio.tiers[0].score：“重点支出安排率”（key_spend_ratio）的档次“达到90%及以上”得5分，高于该指标的分值4分。改法：把该档得分改为不超过4分，或提高分值',
      '  5. 第5行 weights：各指标分值合计99分，应为满分100分（少1分）。改法：调整分值，使合计为100分（本文件改动的分值：sangong_control 4→3）',
      '',
    ]);
  });

  test('scheme check --json: the same problems with path, line, message and fix', async () => {
    const r = await jixiao(['scheme', 'check', BROKEN, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ file: BROKEN, kind: 'override', valid: false, id: null, hash: null });
    expect(out.problems.map((p: { path: string; line: number }) => [p.path, p.line])).toEqual([
      ['weights.spend_progres', 5],
      ['params.staff_control.perPonit', 14],
      ['grades.良', 6],
      ['params.key_spend_ratio.tiers[0].score', 10],
      ['weights', 5],
    ]);
    expect(out.problems[0]).toMatchObject({ severity: 'error', message: '不认识的指标编号“spend_progres”' });
  });

  test('--scheme BROKEN: exit 2, one line naming every problem, nothing scored', async () => {
    const r = await jixiao(['score', '--inputs', EXAMPLE, '--scheme', BROKEN]);
    expectUsageFailure(r, /^jixiao: 评分方案文件“.*有误\.json”有5处问题，不能使用：①第5行 weights\.spend_progres：不认识的指标编号“spend_progres”。.*；②第14行 params\.staff_control\.perPonit：.*⑤第5行 weights：各指标分值合计99分.*（用 jixiao scheme check .*有误\.json 查看）\n$/);
    expectUsageFailure(await jixiao(['template', '-o', 'x.xlsx', '--scheme', BROKEN], dir), /有5处问题，不能使用/);
    expect(listFiles(dir)).toEqual([]);
  });

  test('a file that is not JSON: exit 1 with the line and column; an absent file: exit 2', async () => {
    put('坏.json', '{\n  "extends": "dept-2013",\n  "id": "x"\n  "version": "1"\n}\n');
    const r = await jixiao(['scheme', 'check', '坏.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('坏.json：有1处问题，不能使用：\n  1. 第4行 文件顶层：不是有效的 JSON：第4行第3列：值之后应为逗号或 }。改法：改正该处（常见的是多了或少了逗号、用了中文引号或单引号）；可在支持 JSON 的编辑器中打开查看\n');
    expectUsageFailure(await jixiao(['scheme', 'check', '没有.json'], dir), /无法读取“没有\.json”：文件或目录不存在/);
    expectUsageFailure(await jixiao(['score', '--inputs', EXAMPLE, '--scheme', '坏.json'], dir), /有1处问题，不能使用：①第4行 文件顶层：不是有效的 JSON/);
  });

  test('a file nested far too deep for a scheme: exit 1, not a crash', async () => {
    put('深.json', `{"extends":"dept-2013","id":"x","version":"1","weights":${'['.repeat(500000)}${']'.repeat(500000)}}`);
    const r = await jixiao(['scheme', 'check', '深.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^深\.json：有1处问题，不能使用：\n {2}1\. 文件顶层：结构嵌套(超过64层|过深)，不是评分方案文件/);
  });

  test('several files: each checked, exit 1 when any has a problem', async () => {
    const r = await jixiao(['scheme', 'check', REGIONAL, BROKEN, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).map((c: { valid: boolean }) => c.valid)).toEqual([true, false]);
  });
});

describe('jixiao scheme new', () => {
  test('an override to edit: every weight, grade and parameter, $schema pointing at the shipped schema; it checks clean', async () => {
    const r = await jixiao(['scheme', 'new', '--from', 'dept-2013', '-o', '示例县.json'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('已生成覆盖文件：示例县.json（基于 dept-2013，编号 dept-2013-示例县）\n修改其中与本地区不同的分值、等级和参数（不变的可以删去），然后检查：jixiao scheme check 示例县.json\n');
    expect(listFiles(dir)).toEqual(['示例县.json']);
    const data = JSON.parse(fs.readFileSync(path.join(dir, '示例县.json'), 'utf8'));
    expect(data).toMatchObject({ extends: 'dept-2013', id: 'dept-2013-示例县', version: '1', title: '部门整体支出绩效评价指标评分表' });
    expect(path.resolve(dir, data.$schema)).toBe(path.join(ROOT, 'templates/scheme.schema.json'));
    expect(data.weights.sangong_control).toBe(4);
    expect(data.params.staff_control).toEqual({ zeroDenominator: 'invalid', cap: 100, perPoint: 0.4 });
    expect((await jixiao(['scheme', 'check', '示例县.json'], dir)).code).toBe(0);

    // edited as the region did, it scores as that region's file does
    data.weights.sangong_control = 2;
    data.weights.spend_progress = 6;
    data.grades = { 优: 85, 良: 75, 中: 60 };
    put('示例县.json', data);
    const s = await jixiao(['score', '--inputs', EXAMPLE, '--scheme', '示例县.json', '--json'], dir);
    expect(JSON.parse(s.stdout)).toMatchObject({ total: 75.28, grade: '良' });
  });

  test('an existing file is kept unless --force; --id, --version, --minimal; refusals', async () => {
    put('a.json', '{}');
    expectUsageFailure(await jixiao(['scheme', 'new', '--from', 'dept-2013', '-o', 'a.json'], dir), /“a\.json”已存在；要覆盖它请加 --force/);
    expect(fs.readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('{}');
    const r = await jixiao(['scheme', 'new', '--from', 'project-2020', '-o', 'a.json', '--force', '--id', 'project-2020-某县', '--version', '2025.1', '--minimal'], dir);
    expect(r.code).toBe(0);
    const data = JSON.parse(fs.readFileSync(path.join(dir, 'a.json'), 'utf8'));
    expect(Object.keys(data)).toEqual(['$schema', 'extends', 'id', 'version', 'title']);
    expect(data).toMatchObject({ extends: 'project-2020', id: 'project-2020-某县', version: '2025.1' });
    expect(listFiles(dir)).toEqual(['a.json']);
    expectUsageFailure(await jixiao(['scheme', 'new', '--from', 'dept-2099', '-o', 'b.json'], dir), /--from 应为内置评分方案的编号（dept-2013、project-2020、dept-2020），不是“dept-2099”/);
    expectUsageFailure(await jixiao(['scheme', 'new', '--from', 'dept-2013', '-o', 'b.xlsx'], dir), /应以 \.json 结尾/);
    expectUsageFailure(await jixiao(['scheme', 'new', '--from', 'dept-2013', '-o', 'b.json', '--id', 'dept-2020'], dir), /是内置方案的编号/);
    expectUsageFailure(await jixiao(['scheme', 'new', '--from', 'dept-2013', '-o', 'b.json', '--id', 'a b'], dir), /方案编号“a b”不可用/);
    expectUsageFailure(await jixiao(['scheme', 'new', '-o', 'b.json'], dir), /scheme new 需要 --from ID/);
    expect(listFiles(dir)).toEqual(['a.json']);
  });
});

describe('jixiao scheme list', () => {
  test('shipped schemes, and the schemes folder: valid, invalid and duplicate ids shown as such (exit 1)', async () => {
    fs.mkdirSync(path.join(dir, 'schemes'));
    fs.copyFileSync(REGIONAL, path.join(dir, 'schemes/示例县.json'));
    fs.copyFileSync(BROKEN, path.join(dir, 'schemes/有误.json'));
    fs.copyFileSync(path.join(ROOT, 'templates/scheme.schema.json'), path.join(dir, 'schemes/scheme.schema.json'));
    put('schemes/说明.txt', '不是方案');
    const r = await jixiao(['scheme', 'list'], dir);
    // whether a shipped scheme makes templates yet is the workbook layer's list
    const use = (id: string) => (schemeIds().includes(id) ? '可生成模板' : '可用 --inputs 评分');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      '内置评分方案：',
      `  dept-2013     1.0.0  部门整体支出绩效评价指标评分表  ${use('dept-2013')}`,
      `  project-2020  1.0.0  项目支出绩效自评表              ${use('project-2020')}`,
      `  dept-2020     1.0.0  部门整体支出绩效自评表          ${use('dept-2020')}`,
      '',
      `本地评分方案（schemes${path.sep}）：`,
      `  （无效）                  5处问题                                               ${path.join('schemes', '有误.json')}`,
      `  dept-2013-示例县  2024.1  示例县部门整体支出绩效评价指标评分表  基于 dept-2013  ${path.join('schemes', '示例县.json')}`,
      '',
      '无效的方案文件用 jixiao scheme check 文件 查看问题所在。',
      '',
    ]);
    const j = await jixiao(['scheme', 'list', '--json'], dir);
    const out = JSON.parse(j.stdout);
    expect(out.shipped.map((s: { id: string; templates: boolean }) => [s.id, s.templates])).toEqual(
      ['dept-2013', 'project-2020', 'dept-2020'].map((id) => [id, schemeIds().includes(id)]),
    );
    expect(out.found.map((f: { file: string; valid: boolean; id: string | null }) => [path.basename(f.file), f.valid, f.id])).toEqual([
      ['有误.json', false, null],
      ['示例县.json', true, 'dept-2013-示例县'],
    ]);

    fs.rmSync(path.join(dir, 'schemes/有误.json'));
    fs.copyFileSync(REGIONAL, path.join(dir, 'schemes/示例县-副本.json'));
    const dup = await jixiao(['scheme', 'list', '--json'], dir);
    expect(dup.code).toBe(1);
    expect(JSON.parse(dup.stdout).found.map((f: { duplicate: string | null }) => f.duplicate)).toEqual([
      `编号“dept-2013-示例县”与 ${path.join('schemes', '示例县.json')} 相同`,
      `编号“dept-2013-示例县”与 ${path.join('schemes', '示例县-副本.json')} 相同`,
    ]);
  });

  test('--dir; no schemes folder is not an error', async () => {
    const none = await jixiao(['scheme', 'list'], dir);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain(`（没有这个文件夹；把方案文件放进 schemes${path.sep}，或用 --dir 指定文件夹）`);
    const r = await jixiao(['scheme', 'list', '--dir', path.join(ROOT, 'templates/variants'), '--json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).found.map((f: { id: string }) => f.id)).toEqual(['dept-2013-grades-80', 'dept-2013-reweighted', 'project-2020-capped']);
    expectUsageFailure(await jixiao(['scheme', 'list', '--dir', '没有'], dir), /文件夹“没有”不存在/);
  });
});

describe('jixiao scheme diff', () => {
  test('the change note from the shipped scheme to the region’s file', async () => {
    const r = await jixiao(['scheme', 'diff', 'dept-2013', REGIONAL]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '评分方案变更说明',
        '原方案：部门整体支出绩效评价指标评分表（dept-2013，版本 1.0.0）',
        '新方案：示例县部门整体支出绩效评价指标评分表（dept-2013-示例县，版本 2024.1）',
        '',
        '一、方案信息（2处）',
        '  1. 版本：“1.0.0” → “2024.1”',
        '  2. 标题：“部门整体支出绩效评价指标评分表” → “示例县部门整体支出绩效评价指标评分表”',
        '',
        '二、分值（2处）',
        '  1. 过程/预算执行/支出进度（spend_progress）：4分 → 6分',
        '  2. 过程/预算执行/"三公经费"控制率（sangong_control）：4分 → 2分',
        '',
        '三、评价等级（3处）',
        '  1. 优，分数区间：90分（含）以上 → 85分（含）以上',
        '  2. 良，分数区间：80分（含）至90分 → 75分（含）至85分',
        '  3. 中，分数区间：60分（含）至80分 → 60分（含）至75分',
        '',
      ].join('\n'),
    );
  });

  test('--json between two files; a broken side is refused', async () => {
    const r = await jixiao(['scheme', 'diff', REGIONAL, path.join(ROOT, 'templates/variants/dept-2013-grades-80.json'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.from).toMatchObject({ id: 'dept-2013-示例县', extends: { id: 'dept-2013', version: '1.0.0' } });
    expect(out.to.id).toBe('dept-2013-grades-80');
    expect(out.changes.filter((c: { section: string }) => c.section !== 'meta').map((c: { path: string; from: unknown; to: unknown }) => [c.path, c.from, c.to])).toEqual([
      ['weights.spend_progress', 6, 4],
      ['weights.sangong_control', 2, 4],
      ['grades.优', '85分（含）以上', '80分（含）以上'],
      ['grades.良', '75分（含）至85分', '70分（含）至80分'],
      ['grades.中', '60分（含）至75分', '60分（含）至70分'],
    ]);
    expectUsageFailure(await jixiao(['scheme', 'diff', 'dept-2013', BROKEN]), /有5处问题，不能使用/);
    expectUsageFailure(await jixiao(['scheme', 'diff', 'dept-2013']), /scheme diff 需要两个方案/);
  });
});

describe('usage', () => {
  test('help, a missing or unknown subcommand', async () => {
    const help = await jixiao(['scheme', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法 Usage:\n {2}jixiao scheme list \[--dir DIR\] \[--json\]/);
    expect((await jixiao(['--help'])).stdout).toContain('jixiao scheme list|new|check|diff|catalog …');
    expect((await jixiao(['score', '--help'])).stdout).toContain('--scheme ID|FILE');
    expectUsageFailure(await jixiao(['scheme']), /scheme 需要子命令（list、new、check、diff、catalog）/);
    expectUsageFailure(await jixiao(['scheme', 'show']), /scheme 没有子命令“show”/);
    expectUsageFailure(await jixiao(['scheme', 'check', '--bad']), /scheme check 没有选项“--bad”/);
  });

  test('the compiled command: scheme check and score --scheme FILE', () => {
    ensureDist();
    const out = execFileSync(process.execPath, [BIN, 'score', '--inputs', EXAMPLE, '--scheme', REGIONAL, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ scheme: 'dept-2013-示例县', total: 75.28, grade: '良' });
    try {
      execFileSync(process.execPath, [BIN, 'scheme', 'check', BROKEN], { encoding: 'utf8' });
      throw new Error('exit 0');
    } catch (err) {
      const e = err as { status: number; stdout: string };
      expect(e.status).toBe(1);
      expect(e.stdout).toContain('有5处问题，不能使用');
    }
  });
});
