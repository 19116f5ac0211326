/**
 * Nothing from a file reaches the terminal raw: escape sequences in cell text (ESC ]0;…BEL sets the window
 * title, ESC [2J clears the screen, U+009B is CSI on its own), carriage returns and bidi overrides are shown as
 * visible escapes in the table, the findings and the one-line errors; Chinese text and the table's alignment
 * stay; --json stays valid JSON and parses to the very strings of the file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { displayWidth } from '../../src/cli/displayWidth';
import { forTerminal, jsonForTerminal, terminalLine } from '../../src/cli/terminal';
import { exampleInputs, filledWorkbook, jixiao, tempDir } from './helpers';

/** What a terminal would act on: C0 but the line feed, DEL, C1, bidi controls, line/paragraph separators. */
// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const TITLE = '\u001b]0;已被篡改\u0007';
const CLEAR = '\u001b[2J\u001b[H';
const DEPT = `${TITLE}示例县\u202e心中务服\u009b31m`;
const BASIS = `依据${CLEAR}清屏\r覆盖\n第二行\t制表\u2028分隔`;

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('forTerminal', () => {
  it('shows every control character as a visible escape and keeps Chinese text and line breaks', () => {
    expect(forTerminal(`${TITLE}标题`)).toBe('\\x1B]0;已被篡改\\x07标题');
    expect(forTerminal('清屏\u001b[2J\n下一行')).toBe('清屏\\x1B[2J\n下一行');
    expect(forTerminal('a\rb\u0000c\u007fd\u0085e\u009bf')).toBe('a\\x0Db\\x00c\\x7Fd\\x85e\\x9Bf');
    expect(forTerminal('某局\u202excod.xlsx\u2066\u2069\u200f\u061c')).toBe('某局\\u202Excod.xlsx\\u2066\\u2069\\u200F\\u061C');
    expect(forTerminal('制\t表')).toBe('制 表');
    const plain = '部门整体支出绩效（dept-2013）：“十七”不是有效的数字 ①②③ ＡＢＣ 😀\n';
    expect(forTerminal(plain)).toBe(plain);
    expect(terminalLine('第一行\r\n第二行\n第三行')).toBe('第一行 第二行 第三行');
  });

  it('JSON keeps its escapes and gains \\u escapes for what JSON.stringify leaves raw', () => {
    const value = { text: `${TITLE}${CLEAR}\u009b\u202e\u2028\u007f中文` };
    const json = jsonForTerminal(JSON.stringify(value));
    expect(json).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json)).toEqual(value);
    expect(forTerminal(json)).toBe(json);
  });
});

describe('jixiao prints no raw control character', () => {
  async function inputsFile(): Promise<string> {
    const file = path.join(dir, 'inputs.json');
    fs.writeFileSync(file, JSON.stringify({ ...exampleInputs(), in_dept_name: DEPT, in_benefit_economic_note: BASIS, in_staff_quota: `${CLEAR}17人` }));
    return file;
  }

  it('the readable table: escapes shown, columns still aligned by display width', async () => {
    const r = await jixiao(['score', '--inputs', await inputsFile()], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('单位：\\x1B]0;已被篡改\\x07示例县\\u202E心中务服\\x9B31m');
    expect(r.stdout).toContain('依据\\x1B[2J\\x1B[H清屏 覆盖 第二行 制表\\u2028分隔');
    expect(r.stdout).toContain('编制数（in_staff_quota）：“\\x1B[2J\\x1B[H17人”不是有效的数字');

    // the calculation text starts at the same column on every row and under its heading
    const json = JSON.parse((await jixiao(['score', '--inputs', path.join(dir, 'inputs.json'), '--json'], dir)).stdout);
    const lines = r.stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('一级/二级'));
    const starts = [displayWidth(lines[header].slice(0, lines[header].indexOf('评价得分')))];
    json.indicators.forEach((ind: { text: string }, i: number) => {
      const line = lines[header + 2 + i];
      const text = terminalLine(ind.text);
      expect(line.endsWith(text)).toBe(true);
      starts.push(displayWidth(line.slice(0, line.length - text.length)));
    });
    expect(new Set(starts).size).toBe(1);
  });

  it('--json: valid JSON without raw controls that parses to the very strings typed', async () => {
    const r = await jixiao(['score', '--inputs', await inputsFile(), '--json'], dir);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const json = JSON.parse(r.stdout);
    expect(json.dept).toBe(DEPT);
    expect(json.indicators.find((i: { id: string }) => i.id === 'benefit_economic').text).toContain(BASIS.trim());
  });

  it('a workbook with controls in its cells: table, export findings (stderr) and the file name', async () => {
    fs.writeFileSync(path.join(dir, 'esc.xlsx'), await filledWorkbook({ in_dept_name: DEPT, in_benefit_economic_note: BASIS, in_staff_quota: `${CLEAR}17` }));
    const score = await jixiao(['score', 'esc.xlsx'], dir);
    expect(score.code).toBe(1);
    // the reader drops C0 controls (XML cannot hold them); C1 and bidi controls arrive, and are shown
    expect(score.stdout).toContain('单位：]0;已被篡改示例县\\u202E心中务服\\x9B31m');
    expect(score.stdout).toContain('制表\\u2028分隔');
    const exported = await jixiao(['export', 'esc.xlsx'], dir);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toMatch(/^jixiao: 有1处错误，未生成报送版/);
    expect(exported.stderr).toContain('编制数（基本情况表!D12）：“[2J[H17”不是有效的数字');
    const forced = await jixiao(['export', 'esc.xlsx', '--force'], dir);
    expect(forced.stdout).toMatch(/^已生成报送版：\]0;已被篡改示例县心中务服 31m2024年度部门整体支出绩效自评表\.xlsx/);
    for (const r of [score, exported, forced]) {
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      expect(r.stderr).not.toMatch(RAW_CONTROL);
    }
  });

  it('a one-line error quoting a file name with escapes in it', async () => {
    const r = await jixiao(['score', `${CLEAR}\u202e.xlsx`], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('jixiao: 无法读取“\\x1B[2J\\x1B[H\\u202E.xlsx”：文件或目录不存在\n');
  });
});
