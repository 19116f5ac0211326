/**
 * `jixiao score --inputs …`: the worked example of spec/dept-2013.md through the CLI, exit statuses,
 * the --json shape of spec/cli.md, and the readable table.
 */
import * as fs from 'fs';
import * as path from 'path';
import { displayWidth } from '../../src/cli/displayWidth';
import example from '../../templates/samples/dept-2013-example.json';
import { EXAMPLE, expectUsageFailure, jixiao, listFiles, SPEC_SCORES, tempDir } from './helpers';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, data: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

describe('the worked example', () => {
  it('scores every indicator as the spec says, total 73.28, grade 中, exit 0', async () => {
    const r = await jixiao(['score', '--inputs', EXAMPLE, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.indicators).toHaveLength(21);
    const scores = Object.fromEntries(json.indicators.map((i: { id: string; score: number }) => [i.id, i.score]));
    expect(scores).toEqual(SPEC_SCORES);
    expect(json.total).toBe(73.28);
    expect(json.maxTotal).toBe(100);
    expect(json.grade).toBe('中');
    expect(json.complete).toBe(true);
    expect(json.scheme).toBe('dept-2013');
    expect(json.dept).toBe('示例县政务服务中心');
    expect(json.year).toBe(2024);
    expect(json.issues.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  });

  it('prints exactly the JSON of spec/cli.md with --json: its keys in its order, 2-space indent, nothing else', async () => {
    const r = await jixiao(['score', '--inputs', EXAMPLE, '--scheme', 'dept-2013', '--json']);
    const json = JSON.parse(r.stdout);
    expect(r.stdout).toBe(JSON.stringify(json, null, 2) + '\n');
    expect(Object.keys(json)).toEqual(['scheme', 'dept', 'year', 'total', 'maxTotal', 'grade', 'complete', 'indicators', 'issues']);
    for (const ind of json.indicators) {
      expect(Object.keys(ind)).toEqual(['id', 'level1', 'level2', 'name', 'weight', 'score', 'status', 'text']);
      expect(ind.status).toBe('ok');
    }
    const staff = json.indicators.find((i: { id: string }) => i.id === 'staff_control');
    expect(staff).toEqual({
      id: 'staff_control',
      level1: '投入',
      level2: '预算配置',
      name: '财政供养人员控制率',
      weight: 4,
      score: 2,
      status: 'ok',
      text: '（21/20）×100%=105.00%，超过100%共5.00个百分点，扣2分，得2分',
    });
  });

  it('resolves --inputs against the working directory', async () => {
    const r = await jixiao(['score', '--inputs', 'dept-2013-example.json', '--json'], path.dirname(EXAMPLE));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).total).toBe(73.28);
  });
});

describe('exit status 1: scored, with error findings', () => {
  it('a 0 编制数 is an error on staff_control; the rest is still scored', async () => {
    const r = await jixiao(['score', '--inputs', writeJson('in.json', { ...example, in_staff_quota: 0 }), '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    const staff = json.indicators.find((i: { id: string }) => i.id === 'staff_control');
    expect(staff.score).toBeNull();
    expect(['invalid', 'missing']).toContain(staff.status);
    expect(json.complete).toBe(false);
    expect(json.grade).toBeNull();
    expect(json.total).toBe(71.28);
    const errors = json.issues.filter((f: { severity: string }) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((f: { inputs: string[] }) => f.inputs.includes('in_staff_quota'))).toBe(true);
  });

  it('an empty object: everything missing, exit 1, table says 未完成', async () => {
    const r = await jixiao(['score', '--inputs', writeJson('empty.json', {})]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/自我评价结论：未完成/);
    expect(r.stdout).toMatch(/错误（\d+）：/);
    expect(r.stdout).toMatch(/缺少输入/);
  });

  it('values of the wrong type are findings, not a crash', async () => {
    const file = writeJson('odd.json', { ...example, in_staff_actual: { n: 21 }, in_late_items: [3], in_goal_fit_1: true });
    const r = await jixiao(['score', '--inputs', file, '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.indicators.find((i: { id: string }) => i.id === 'staff_control').status).toBe('invalid');
    expect(json.indicators.find((i: { id: string }) => i.id === 'goal_fit').score).toBe(3);
  });

  it('an unknown key is a warning (a typo would otherwise be silently ignored)', async () => {
    const r = await jixiao(['score', '--inputs', writeJson('typo.json', { ...example, in_staff_quotaa: 20 }), '--json']);
    expect(r.code).toBe(0);
    const unknown = JSON.parse(r.stdout).issues.find((f: { code: string }) => f.code === 'unknown_input');
    expect(unknown).toMatchObject({ severity: 'warning', inputs: ['in_staff_quotaa'] });
  });

  it('reads a JSON file saved with a byte-order mark (Windows Notepad)', async () => {
    const r = await jixiao(['score', '--inputs', writeJson('bom.json', '\uFEFF' + JSON.stringify(example)), '--json']);
    expect(r.code).toBe(0);
  });
});

describe('exit status 2: the call or the file is wrong, nothing written, one line on stderr', () => {
  it('bad JSON', async () => {
    const r = await jixiao(['score', '--inputs', writeJson('bad.json', '{"in_year": 2024,')], dir);
    expectUsageFailure(r, /无法读取“.*bad\.json”：不是有效的 JSON/);
    expect(listFiles(dir)).toEqual(['bad.json']);
  });

  it.each([
    ['an array', '[1, 2]'],
    ['null', 'null'],
    ['a number', '42'],
  ])('JSON that is %s, not an object', async (_, text) => {
    expectUsageFailure(await jixiao(['score', '--inputs', writeJson('x.json', text)]), /应为一个 JSON 对象/);
  });

  it('binary or an .xlsx given as --inputs: still one line', async () => {
    const xlsx = writeJson('book.xlsx', 'PK\u0003\u0004\n\u0000\u0000binary');
    expectUsageFailure(await jixiao(['score', '--inputs', xlsx]), /这是一个 \.xlsx 文件，不是 JSON/);
    const bin = writeJson('bin.json', '\u0000\n\n{\u0001\r\n');
    expectUsageFailure(await jixiao(['score', '--inputs', bin]), /不是有效的 JSON/);
  });

  it('a JSON file that does not exist', async () => {
    expectUsageFailure(await jixiao(['score', '--inputs', 'nope.json'], dir), /无法读取“nope\.json”：文件或目录不存在/);
  });

  it('an unknown flag', async () => {
    expectUsageFailure(await jixiao(['score', '--inputs', EXAMPLE, '--jsno']), /score 没有选项“--jsno”/);
    expectUsageFailure(await jixiao(['template', '-o', 'x.xlsx', '-x'], dir), /template 没有选项“-x”/);
    expect(listFiles(dir)).toEqual([]);
  });

  it('an unknown command or none', async () => {
    expectUsageFailure(await jixiao(['scores']), /未知的命令“scores”/);
    expectUsageFailure(await jixiao(['--frobnicate']), /未知的选项“--frobnicate”/);
    expectUsageFailure(await jixiao([]), /缺少命令/);
  });

  it('score without a file or --inputs, or with both', async () => {
    expectUsageFailure(await jixiao(['score']), /score 需要一个工作簿文件/);
    expectUsageFailure(await jixiao(['score', 'a.xlsx', '--inputs', EXAMPLE]), /只能用其一/);
    expectUsageFailure(await jixiao(['score', 'a.xlsx', 'b.xlsx']), /只接受一个工作簿文件/);
    expectUsageFailure(await jixiao(['score', '--inputs']), /选项 --inputs 缺少取值/);
  });

  it('-o with --inputs (there is no workbook to write into)', async () => {
    expectUsageFailure(await jixiao(['score', '--inputs', EXAMPLE, '-o', 'out.xlsx'], dir), /-o 只用于工作簿文件/);
    expect(listFiles(dir)).toEqual([]);
  });

  it('an unknown scheme', async () => {
    expectUsageFailure(await jixiao(['score', '--inputs', EXAMPLE, '--scheme', 'dept-2099']), /未知的评分方案“dept-2099”/);
  });

  it('template without -o, or with a bad --year / --unit / file name', async () => {
    expectUsageFailure(await jixiao(['template'], dir), /template 需要 -o FILE\.xlsx/);
    expectUsageFailure(await jixiao(['template', '-o'], dir), /选项 -o 缺少取值/);
    expectUsageFailure(await jixiao(['template', '-o', 't.xlsx', '--year', '24'], dir), /--year 应为 2000–2100 之间的四位年份，不是“24”/);
    expectUsageFailure(await jixiao(['template', '-o', 't.xlsx', '--year', '2024.5'], dir), /--year/);
    expectUsageFailure(await jixiao(['template', '-o', 't.xlsx', '--year', '1999'], dir), /--year/);
    expectUsageFailure(await jixiao(['template', '-o', 't.xlsx', '--unit', '千元'], dir), /--unit 应为“元”或“万元”/);
    expectUsageFailure(await jixiao(['template', '-o', 't.xls'], dir), /应以 \.xlsx 结尾/);
    expectUsageFailure(await jixiao(['template', '-o', 't.xlsx', 'extra'], dir), /template 不接受参数“extra”/);
    expect(listFiles(dir)).toEqual([]);
  });
});

describe('help and version', () => {
  it('jixiao --help: usage in Chinese and English, exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = await jixiao(args);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/用法 Usage:/);
      expect(r.stdout).toMatch(/jixiao template -o FILE\.xlsx \[--scheme dept-2013\] \[--projects N\] \[--dept NAME\] \[--year YYYY\]/);
      expect(r.stdout).toMatch(/jixiao score --inputs INPUTS\.json \[--scheme dept-2013\] \[--json\]/);
      expect(r.stdout).toMatch(/退出状态 Exit status/);
    }
  });

  it('jixiao COMMAND --help wins over anything else on the line', async () => {
    const t = await jixiao(['template', '--help']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^用法 Usage:\n {2}jixiao template -o FILE\.xlsx/);
    expect(t.stdout).toMatch(/生成空白模板/);
    expect(t.stdout).toMatch(/Writes a blank workbook/);
    const s = await jixiao(['score', 'x.xlsx', '--bogus', '-h']);
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/--inputs INPUTS\.json/);
    expect((await jixiao(['help', 'score'])).stdout).toBe(s.stdout);
  });

  it('jixiao --version prints the package version', async () => {
    const r = await jixiao(['--version']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });
});

describe('the readable table', () => {
  it('has the header, a row per indicator, the total, the grade and the findings', async () => {
    const r = await jixiao(['score', '--inputs', EXAMPLE]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/dept-2013/);
    expect(lines[0]).toMatch(/单位：示例县政务服务中心/);
    expect(lines[0]).toMatch(/年度：2024/);
    expect(r.stdout).toMatch(/^一级\/二级 +三级指标 +分值 +得分 +状态 +评价得分/m);
    expect(r.stdout).toMatch(/^合计：73\.28\/100$/m);
    expect(r.stdout).toMatch(/^自我评价结论：中$/m);
    expect(r.stdout).toMatch(/^过程\/预算执行 +"三公经费"控制率 +4 +0 +正常 +（13\/12）×100%=108\.33%/m);
  });

  it('aligns the columns by display width: every row’s text starts at the same column', async () => {
    const json = JSON.parse((await jixiao(['score', '--inputs', EXAMPLE, '--json'])).stdout);
    const table = (await jixiao(['score', '--inputs', EXAMPLE])).stdout.split('\n');
    const starts = json.indicators.map((ind: { text: string; name: string }) => {
      const line = table.find((l) => l.includes(ind.name) && l.endsWith(ind.text));
      expect(line).toBeDefined();
      return displayWidth(line!.slice(0, line!.length - ind.text.length));
    });
    const header = table.find((l) => l.startsWith('一级/二级'))!;
    starts.push(displayWidth(header.slice(0, header.indexOf('评价得分'))));
    expect(new Set(starts).size).toBe(1);
    // the status column lines up too
    const statusAt = table
      .filter((l) => / 正常 /.test(l))
      .map((l) => displayWidth(l.slice(0, l.indexOf(' 正常 '))));
    expect(new Set(statusAt).size).toBe(1);
  });

  it('groups the findings by severity', async () => {
    const file = writeJson('w.json', { ...example, in_staff_quota: 0, in_spend_basic: 400 });
    const r = await jixiao(['score', '--inputs', file]);
    expect(r.code).toBe(1);
    const errorsAt = r.stdout.indexOf('错误（');
    const warningsAt = r.stdout.indexOf('警告（');
    expect(errorsAt).toBeGreaterThan(r.stdout.indexOf('自我评价结论：未完成'));
    expect(warningsAt).toBeGreaterThan(errorsAt);
    expect(r.stdout).toMatch(/警告（\d+）：\n {2}- .*不符/);
  });
});

describe('displayWidth', () => {
  it('counts CJK, full-width forms and CJK punctuation as 2, the rest as 1', () => {
    expect(displayWidth('abc 1.5%')).toBe(8);
    expect(displayWidth('财政供养人员控制率')).toBe(18);
    expect(displayWidth('（）：，、。“”')).toBe(16);
    expect(displayWidth('ＡＢ１')).toBe(6);
    expect(displayWidth('①×')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('𠀀')).toBe(2);
  });
});
