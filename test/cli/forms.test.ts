/**
 * The command on the target-table forms: `jixiao template --scheme … [--projects N] [--inputs X.json]` and
 * `jixiao score FILE [--json] [-o]` on workbooks of one form or several — the worked examples through a filled
 * workbook, the published 城陵矶 tables read from a workbook exactly as from JSON, several projects as `forms`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { getScheme } from '../../src/engine';
import type { RawValue } from '../../src/engine';
import { scoreInputs } from '../../src/cli/score';
import { FormsFile } from '../../src/workbook/forms';
import { projectExample } from '../workbook/formsHelpers';
import { expectUsageFailure, jixiao, ROOT, tempDir } from './helpers';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown> & { forms?: Record<string, unknown>[] };

/** What a form object says that does not depend on where its inputs were: everything but the findings' places. */
function essence(form: Record<string, unknown>) {
  const { issues, ...rest } = form as { issues: { severity: string; code: string; inputs: string[] }[] };
  return { ...rest, issues: issues.map((i) => [i.severity, i.code, i.inputs]) };
}

test('the project-2020 worked example through template --inputs, then score --json: 92.96 优, one form object', async () => {
  const made = await jixiao(['template', '--scheme', 'project-2020', '--inputs', path.join(ROOT, 'templates/samples/project-2020-example.json'), '-o', 'p.xlsx'], dir);
  expect(made.code).toBe(0);
  expect(made.stdout).toContain('工作表“政务数据共享平台运维”：总分 92.96 分，等级：优');
  const r = await jixiao(['score', 'p.xlsx', '--json'], dir);
  expect(r.code).toBe(0);
  const form = json(r.stdout);
  expect(form.forms).toBeUndefined();
  expect(form).toMatchObject({ scheme: 'project-2020', project: '政务数据共享平台运维', dept: '示例县数据局', year: 2024, total: 92.96, grade: '优', complete: true });
  expect(form.execution).toEqual({ rate: 92.4, score: 9.24, weight: 10, text: '（138.6/150）×100%=92.40%，92.40%×10=9.24分' });
  expect((form.issues as { code: string }[]).map((i) => i.code)).toEqual(['overshoot']);
  // the workbook says what the JSON says
  const direct = await jixiao(['score', '--inputs', path.join(ROOT, 'templates/samples/project-2020-example.json'), '--scheme', 'project-2020', '--json'], dir);
  expect(essence(form)).toEqual(essence(json(direct.stdout)));
});

test('dept-2013 through template --inputs, then score --json: 73.28 中', async () => {
  const made = await jixiao(['template', '--inputs', path.join(ROOT, 'templates/samples/dept-2013-example.json'), '-o', 'd13.xlsx'], dir);
  expect(made.code).toBe(0);
  const r = await jixiao(['score', 'd13.xlsx', '--json'], dir);
  expect(json(r.stdout)).toMatchObject({ scheme: 'dept-2013', total: 73.28, grade: '中' });
});

describe.each([
  ['project-2020', 'chenglingji-2024-project.json'],
  ['dept-2020', 'chenglingji-2024-dept.json'],
])('%s: the published 城陵矶 table (%s) read from a workbook as from JSON', (scheme, fixture) => {
  test('template --inputs, score --json: the same form as score --inputs', async () => {
    const file = path.join(ROOT, 'test/engine/fixtures', fixture);
    const made = await jixiao(['template', '--scheme', scheme, '--inputs', file, '-o', `${scheme}.xlsx`], dir);
    expect(made.code).toBe(0);
    const fromWorkbook = await jixiao(['score', `${scheme}.xlsx`, '--json'], dir);
    const fromJson = await jixiao(['score', '--inputs', file, '--scheme', scheme, '--json'], dir);
    expect(fromWorkbook.code).toBe(fromJson.code);
    const a = json(fromWorkbook.stdout);
    expect(essence(a)).toEqual(essence(json(fromJson.stdout)));
    // its findings name the cells of the workbook
    const messages = (a.issues as { message: string }[]).map((i) => i.message);
    expect(messages.some((m) => /（[^（）]*![A-Z]+\d+）/.test(m))).toBe(true);
  });
});

test('three projects: --projects 3, each sheet filled, scored as `{ scheme, forms }`, -o writes each', async () => {
  const made = await jixiao(['template', '--scheme', 'project-2020', '--projects', '3', '--dept', '示例县数据局', '--year', '2024', '-o', 'three.xlsx'], dir);
  expect(made.code).toBe(0);
  expect(made.stdout).toContain('3个项目');
  const project = getScheme('project-2020');
  const values: Record<string, RawValue>[] = [
    projectExample(),
    projectExample({ in_project_name: '政务外网运维', in_fund_spent: 120 }),
    projectExample({ in_project_name: '新建机房', in_fund_full: 200, in_fund_spent: 150, in_total_self: 95 }),
  ];
  const blank = FormsFile.open(fs.readFileSync(path.join(dir, 'three.xlsx')));
  const sheets = blank.forms(project).map((f) => f.sheet!);
  expect(sheets).toEqual(['项目支出绩效自评表1', '项目支出绩效自评表2', '项目支出绩效自评表3']);
  fs.writeFileSync(path.join(dir, 'three-filled.xlsx'), blank.fill(project, new Map(sheets.map((s, k) => [s, values[k]]))));

  const r = await jixiao(['score', 'three-filled.xlsx', '--json'], dir);
  expect(r.code).toBe(0);
  const out = json(r.stdout);
  expect(out.scheme).toBe('project-2020');
  expect(out.forms!.map((f) => [f.project, f.total, f.grade])).toEqual([
    ['政务数据共享平台运维', 92.96, '优'],
    ['政务外网运维', 91.72, '优'],
    ['新建机房', 91.22, '优'],
  ]);
  // each as its JSON alone
  out.forms!.forEach((f, k) => expect(f.total).toBe(scoreInputs(project, values[k] as Record<string, unknown>).evaluation.total.toNumber()));
  expect((out.forms![2].issues as { code: string }[]).map((i) => i.code)).toContain('self_score_mismatch');

  const table = await jixiao(['score', 'three-filled.xlsx', '-o', 'three-scored.xlsx'], dir);
  expect(table.stdout).toContain('【2/3】工作表“项目支出绩效自评表2”');
  expect(table.stdout).toContain('项目：新建机房');
  const scored = FormsFile.open(fs.readFileSync(path.join(dir, 'three-scored.xlsx')));
  for (const [k, sheet] of sheets.entries()) {
    const total = scored.pkg.name('score_total', sheet)!;
    expect(scored.pkg.readCell(scored.pkg.sheet(total.sheet)!, total.top, total.left)).toBe(out.forms![k].total);
  }
  const texts = scored.pkg.name('text_rows', sheets[1])!;
  expect(scored.pkg.readCell(scored.pkg.sheet(sheets[1])!, texts.top, texts.left)).toBe('完成值42个，达到指标值≥40个，得15分');
  // the record of this sync names each project's inputs by its sheet
  expect(scored.readSyncRecord()!.values[`${sheets[2]}!in_fund_full`]).toBe('200');
});

test('template --inputs with { "forms": [...] }: one sheet per project, named after it', async () => {
  const data = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates/samples/project-2020-example.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'two.json'), JSON.stringify({ forms: [data, { ...data, in_project_name: '政务外网运维', in_fund_spent: 120 }] }));
  const r = await jixiao(['template', '--scheme', 'project-2020', '--inputs', 'two.json', '-o', 'two.xlsx'], dir);
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n').filter((l) => l.startsWith('工作表'))).toEqual(['工作表“政务数据共享平台运维”：总分 92.96 分，等级：优', '工作表“政务外网运维”：总分 91.72 分，等级：优']);
  const s = await jixiao(['score', 'two.xlsx', '--json'], dir);
  expect(json(s.stdout).forms!.map((f) => f.project)).toEqual(['政务数据共享平台运维', '政务外网运维']);
});

test('wrong calls are one line and exit 2', async () => {
  expectUsageFailure(await jixiao(['template', '--projects', '2', '-o', 'x.xlsx'], dir), /--projects 只用于每个项目一张表的评分方案/);
  expectUsageFailure(await jixiao(['template', '--scheme', 'project-2020', '--projects', '0', '-o', 'x.xlsx'], dir), /--projects 应为 1–50 之间的整数/);
  fs.writeFileSync(path.join(dir, 'forms.json'), JSON.stringify({ forms: [{}, {}] }));
  expectUsageFailure(await jixiao(['template', '--scheme', 'dept-2020', '--inputs', 'forms.json', '-o', 'x.xlsx'], dir), /"forms" 只用于每个项目一张表的评分方案/);
  expectUsageFailure(await jixiao(['template', '--scheme', 'project-2020', '--projects', '3', '--inputs', 'forms.json', '-o', 'x.xlsx'], dir), /--projects 3 与 --inputs 中的 2 个项目不一致/);
  expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
});
