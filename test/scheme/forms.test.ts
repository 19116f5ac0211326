/**
 * A scheme of one form per project sheet (project-2020) carried by its workbook: the variant with the ratio 反向
 * formula, the 2-point overshoot deduction and the execution-rate cap, two projects made by `template --inputs`,
 * scored and exported in a folder without the variant file — the totals its rules give (hand-computed in
 * test/engine/overridesScoring.test.ts: 91.21 优, and spent 105 of 150: 88.97 capped at 80, 良).
 */
import * as fs from 'fs';
import * as path from 'path';
import { readEmbeddedScheme, XlsxPackage } from '../../src/workbook/package';
import { jixiao, ROOT, tempDir } from '../cli/helpers';

const VARIANT = path.join(ROOT, 'templates/variants/project-2020-capped.json');
const EXAMPLE = path.join(ROOT, 'templates/samples/project-2020-example.json');

let made: string;
let away: string;
beforeAll(async () => {
  made = tempDir();
  away = tempDir();
  fs.copyFileSync(VARIANT, path.join(made, 'capped.json'));
  const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
  const second = { ...example, in_project_name: '政务外网运维', in_fund_spent: 105 };
  fs.writeFileSync(path.join(made, 'inputs.json'), JSON.stringify({ forms: [example, second] }));
  const r = await jixiao(['template', '-o', '项目.xlsx', '--scheme', 'capped.json', '--inputs', 'inputs.json'], made);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  fs.copyFileSync(path.join(made, '项目.xlsx'), path.join(away, '项目.xlsx'));
});
afterAll(() => {
  fs.rmSync(made, { recursive: true, force: true });
  fs.rmSync(away, { recursive: true, force: true });
});

test('scored without the variant file: 91.21 优 and 80.00 良 (capped), as the variant gives', async () => {
  expect(readEmbeddedScheme(XlsxPackage.open(fs.readFileSync(path.join(away, '项目.xlsx'))))?.id).toBe('project-2020-capped');
  const r = await jixiao(['score', '项目.xlsx', '--json'], away);
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout);
  expect(out.scheme).toBe('project-2020-capped');
  expect(out.forms.map((f: { total: number; grade: string }) => [f.total, f.grade])).toEqual([
    [91.21, '优'],
    [80, '良'],
  ]);
  // the shipped project-2020 on the same file: linear 反向, no deduction, no cap
  const shipped = await jixiao(['score', '项目.xlsx', '--scheme', 'project-2020', '--json'], away);
  expect(JSON.parse(shipped.stdout).forms.map((f: { total: number }) => f.total)).toEqual([expect.any(Number), 90.72]);
  expect(shipped.stderr).toContain('本文件按评分方案“项目支出绩效自评表（执行率限分示例）”（编号 project-2020-capped，版本 2024.1）制作');
});

test('exported without the variant file: the 报送版 carries it and re-scores the same', async () => {
  const r = await jixiao(['export', '项目.xlsx', '-o', '报送.xlsx'], away);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('总分 91.21 分，等级：优');
  expect(r.stdout).toContain('总分 80 分，等级：良');
  const again = await jixiao(['score', '报送.xlsx', '--json'], away);
  expect(JSON.parse(again.stdout).forms.map((f: { total: number; grade: string }) => [f.total, f.grade])).toEqual([
    [91.21, '优'],
    [80, '良'],
  ]);
});
