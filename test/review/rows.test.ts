/** The 审核 page's table: rows of a batch, sorted and filtered by 结论, 等级, 表种 and 单位, and the grade counts. */
import type { FileReview, ReviewedForm } from '../../src/review';
import { choices, gradeCounts, rowsOf, viewRows } from '../../src/taskpane/review/rows';

const form = (dept: string, grade: string | null, verdict: ReviewedForm['verdict'], total: number | null, scheme = 'dept-2013'): ReviewedForm => ({
  scheme,
  dept,
  project: null,
  year: 2024,
  total,
  grade,
  shown: { total, grade },
  verdict,
  issues: verdict === 'pass' ? [] : [{ severity: verdict === 'fix' ? 'error' : 'warning', code: 'x', message: 'x', cells: [] }],
});

const files: FileReview[] = [
  { file: 'a.xlsx', status: 'reviewed', kind: 'working', forms: [form('甲单位', '中', 'pass', 73.28)] },
  { file: 'b.xlsx', status: 'unreadable', reason: '文件已损坏', forms: [] },
  { file: 'c.xlsx', status: 'reviewed', kind: 'submission', forms: [form('乙单位', '优', 'verify', 92.5)] },
  { file: 'd.xlsx', status: 'reviewed', kind: 'working', forms: [form('丙单位', '差', 'fix', 41), form('丙单位', null, 'verify', null, 'project-2020')] },
];

const rows = rowsOf(files);

test('one row per form and one per file not reviewed, with the words of the bureau', () => {
  expect(rows.map((r) => [r.fileName, r.verdict, r.grade, r.kind, r.unit])).toEqual([
    ['a.xlsx', '通过', '中', '部门整体支出绩效评价指标评分表', '甲单位'],
    ['b.xlsx', '无法读取', null, '', null],
    ['c.xlsx', '需核实', '优', '部门整体支出绩效评价指标评分表（报送版）', '乙单位'],
    ['d.xlsx', '需修改', '差', '部门整体支出绩效评价指标评分表', '丙单位'],
    ['d.xlsx', '需核实', null, '项目支出绩效自评表', '丙单位'],
  ]);
});

test('sorted by 结论 what needs the bureau first, by 等级 best first, by 复核总分 highest first; stable', () => {
  const by = (key: Parameters<typeof viewRows>[2]['key'], descending = false) => viewRows(rows, {}, { key, descending }).map((r) => r.key);
  expect(by('verdict')).toEqual(['3:0', '1', '2:0', '3:1', '0:0']);
  expect(by('grade')).toEqual(['2:0', '0:0', '3:0', '1', '3:1']);
  expect(by('total')).toEqual(['2:0', '0:0', '3:0', '1', '3:1']);
  expect(by('verdict', true)).toEqual(['0:0', '2:0', '3:1', '1', '3:0']);
});

test('filtered by 结论, 等级, 表种 and part of the unit’s name', () => {
  const keys = (filter: Parameters<typeof viewRows>[1]) => viewRows(rows, filter, { key: 'file', descending: false }).map((r) => r.key);
  expect(keys({ verdict: '需核实' })).toEqual(['2:0', '3:1']);
  expect(keys({ grade: '差' })).toEqual(['3:0']);
  expect(keys({ kind: '项目支出绩效自评表' })).toEqual(['3:1']);
  expect(keys({ unit: '丙 单' })).toEqual(['3:0', '3:1']);
  expect(keys({ verdict: '需核实', unit: '乙' })).toEqual(['2:0']);
  expect(choices(rows, (r) => r.verdict)).toEqual(['通过', '无法读取', '需核实', '需修改']);
});

test('grade counts for the chart: forms only, best grade first, then 未评定', () => {
  expect(gradeCounts(rows)).toEqual([
    { grade: '优', count: 1 },
    { grade: '中', count: 1 },
    { grade: '差', count: 1 },
    { grade: null, count: 1 },
  ]);
});
