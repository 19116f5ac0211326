/**
 * Each review code from a constructed case, the kinds of file, and the property that reviewing never changes a
 * file (hashes before and after).
 */
import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import dept2013Data from '../../templates/dept-2013.json';
import { checkSchemeData } from '../../src/engine';
import { reviewBatch, reviewFile, type FileResult } from '../../src/review';
import * as c from './cases';

const codes = (r: FileResult, form = 0) => r.review.forms[form].issues.map((i) => i.code);
const issue = (r: FileResult, code: string, form = 0) => r.review.forms[form].issues.find((i) => i.code === code)!;

let scored2013: Uint8Array;
beforeAll(async () => {
  scored2013 = await c.scored(c.dept2013, [c.example2013()]);
});

describe('a working file', () => {
  it('passes when scored and unchanged: recomputation, shown total and grade of the worked example', () => {
    const r = reviewFile(scored2013, '收件/示例县政务服务中心.xlsx');
    expect(r.review).toEqual({
      file: '收件/示例县政务服务中心.xlsx',
      status: 'reviewed',
      kind: 'working',
      forms: [{ scheme: 'dept-2013', dept: '示例县政务服务中心', project: null, year: 2024, total: 73.28, grade: '中', shown: { total: 73.28, grade: '中' }, verdict: 'pass', issues: [] }],
    });
  });

  it('stale_output: a total typed over by hand, naming the cell and both figures', () => {
    const r = reviewFile(c.typedOver(scored2013, '基本情况表', 2, 4, 80), 'x.xlsx');
    const f = r.review.forms[0];
    expect(f.shown.total).toBe(80);
    expect(f.total).toBe(73.28);
    expect(f.verdict).toBe('verify');
    const stale = issue(r, 'stale_output');
    expect(stale.severity).toBe('warning');
    expect(stale.cells).toEqual(['基本情况表!D2']);
    expect(stale.message).toContain('文件中为80，复核应为73.28');
    expect(stale.message).toContain('手工填写');
  });

  it('stale_output: an indicator score typed over on 评分表', () => {
    // 评分表!I6 shows score_staff_control (2)
    const r = reviewFile(c.typedOver(scored2013, '评分表', 6, 9, 4), 'x.xlsx');
    expect(codes(r)).toEqual(['stale_output']);
    expect(issue(r, 'stale_output').cells).toEqual(['评分表!I6']);
    expect(issue(r, 'stale_output').message).toContain('文件中为4，复核应为2');
  });

  it('stale_output and unsynced: inputs edited offline after scoring', () => {
    // 21 staff against a quota of 20 scored 2; 25 against 20 is 125.00%, 25 points over: 0
    const r = reviewFile(c.editedOffline(scored2013, c.dept2013, '', { in_staff_actual: 25 }), 'x.xlsx');
    const f = r.review.forms[0];
    expect(f.total).toBe(71.28);
    expect(f.shown.total).toBe(73.28);
    expect(codes(r).filter((k) => k === 'stale_output')).toHaveLength(2);
    expect(r.review.forms[0].issues.map((i) => i.cells[0])).toEqual(expect.arrayContaining(['评分表!I6', '基本情况表!D2']));
    const unsynced = issue(r, 'unsynced');
    expect(unsynced.severity).toBe('info');
    expect(unsynced.message).toMatch(/修改了 1 项输入/);
    expect(f.verdict).toBe('verify');
  });

  it('year_mismatch: a file of another year than --year, at the year cell', () => {
    const r = reviewFile(scored2013, 'x.xlsx', { year: 2025 });
    expect(codes(r)).toEqual(['year_mismatch']);
    expect(issue(r, 'year_mismatch').message).toBe('评价年度为 2024，审核的是 2025 年度');
    expect(issue(r, 'year_mismatch').cells).toHaveLength(1);
    expect(reviewFile(scored2013, 'x.xlsx', { year: 2024 }).review.forms[0].issues).toEqual([]);
  });

  it('scheme_mismatch: made with another scheme, another version or a region\'s own scheme, than --scheme', () => {
    const resolved = (data: object) => checkSchemeData(data, { allowShippedId: true }).resolved!.scheme;
    const project = c.project2020;
    const other = issue(reviewFile(scored2013, 'x.xlsx', { scheme: project }), 'scheme_mismatch');
    expect(other.message).toMatch(/^本文件按评分方案“.+”（编号 dept-2013，版本 1\.0\.0）制作，不是所要求的.+（编号 project-2020，版本 /);
    // the same scheme in a later version (a region's revision): the file carries 1.0.0
    const newer = resolved({ ...dept2013Data, version: '2.0.0' });
    const r = reviewFile(scored2013, 'x.xlsx', { scheme: newer });
    expect(codes(r)).toEqual(['scheme_mismatch']);
    expect(issue(r, 'scheme_mismatch').message).toBe('本文件按评分方案 dept-2013 的另一版本（1.0.0）制作，所要求的是版本 2.0.0');
    // a region's own scheme (its own id, the shipped names): the file made with the shipped one is flagged
    const regional = resolved({ extends: 'dept-2013', id: 'dept-2013-示例县', version: '2024.1', grades: { 优: 85, 良: 75, 中: 60 } });
    const own = reviewFile(scored2013, 'x.xlsx', { scheme: regional });
    expect(own.review.forms[0].scheme).toBe('dept-2013-示例县');
    expect(issue(own, 'scheme_mismatch').message).toMatch(/（编号 dept-2013，版本 1\.0\.0）制作，不是所要求的.+（编号 dept-2013-示例县，版本 2024\.1）$/);
    expect(reviewFile(scored2013, 'x.xlsx', { scheme: c.dept2013 }).review.forms[0].issues).toEqual([]);
  });

  it('a region\'s workbook is rescored by the scheme it carries, where the reviewer has no copy of it', async () => {
    // the issue's example override: re-weighted indicators, grade bands 85/75/60 (the worked example: 75.28 良)
    const file = path.join(c.ROOT, 'test/cli/fixtures/regional/示例县.json');
    const regional = checkSchemeData(JSON.parse(fs.readFileSync(file, 'utf8'))).resolved!.scheme;
    const bytes = await c.scored(regional, [c.example2013()]);
    const form = reviewFile(bytes, 'r.xlsx').review.forms[0];
    expect([form.scheme, form.total, form.grade, form.verdict]).toEqual(['dept-2013-示例县', 75.28, '良', 'pass']);
  });

  it('a project-2020 workbook: every project reviewed, the project named', async () => {
    const bytes = await c.scored(c.project2020, [c.projectExample(), c.projectExample({ in_project_name: '第二个项目' })]);
    const r = reviewFile(bytes, 'p.xlsx');
    expect(r.review.kind).toBe('working');
    expect(r.review.forms.map((f) => f.project)).toEqual(['政务数据共享平台运维', '第二个项目']);
    for (const f of r.review.forms) {
      expect(f.total).toBe(92.96);
      expect(f.shown).toEqual({ total: 92.96, grade: '优' });
      expect(f.issues.map((i) => i.code)).not.toContain('stale_output');
    }
  });
});

describe('the kinds of file', () => {
  it('a 报送版 is kind submission and re-scores to what it shows', async () => {
    const r = reviewFile(await c.submission2013(c.example2013()), '报送.xlsx');
    expect(r.review.kind).toBe('submission');
    expect(r.review.forms[0]).toMatchObject({ total: 73.28, grade: '中', shown: { total: 73.28, grade: '中' }, verdict: 'pass' });
  });

  it('a project 报送版', async () => {
    const r = reviewFile(await c.submissionProject(c.projectExample()), '报送.xlsx');
    expect(r.review.kind).toBe('submission');
    expect(r.review.forms[0]).toMatchObject({ project: '政务数据共享平台运维', total: 92.96, shown: { total: 92.96, grade: '优' } });
    expect(codes(r)).not.toContain('stale_output');
  });

  it('hand-made tables (.xlsx and .docx) are kind handmade, with what they show and what they should', async () => {
    for (const r of [reviewFile(await c.handmadeXlsx(), '手工.xlsx'), reviewFile(c.handmadeDocx(), '报告.docx')]) {
      expect(r.review.kind).toBe('handmade');
      const f = r.review.forms[0];
      expect(f.scheme).toBe('dept-2013');
      expect(f.shown).toEqual({ total: 96, grade: '良好' });
      expect(f.total).not.toBe(96);
      expect(codes(r)).toEqual(expect.arrayContaining(['claim_mismatch', 'total_mismatch', 'grade_mismatch']));
      expect(f.verdict).toBe('verify');
    }
  });

  it('not ours, corrupt, encrypted, and files that need LibreOffice: listed with the reason', async () => {
    expect(reviewFile(await c.notOurs(), '名单.xlsx').review).toEqual({
      file: '名单.xlsx',
      status: 'not_ours',
      reason: '工作簿中没有本工具的评分方案，也没有可识别的标准表格',
      forms: [],
    });
    expect(reviewFile(c.corrupt(scored2013), '坏文件.xlsx').review).toEqual({ file: '坏文件.xlsx', status: 'unreadable', reason: '文件已损坏或不完整，不是有效的 .xlsx 文件', forms: [] });
    expect(reviewFile(c.encryptedFile(), '加密.xlsx').review.reason).toBe('文件已加密或为旧版 .xls，请在 Excel/WPS 中另存为 .xlsx');
    expect(reviewFile(new TextEncoder().encode('hello'), 'a.xlsx').review.reason).toBe('不是有效的 .xlsx 文件');
    expect(reviewFile(c.encryptedFile(), '旧表.xls').review).toMatchObject({ status: 'unreadable', reason: expect.stringContaining('LibreOffice') });
  });

  it('over the size limit', () => {
    const r = reviewFile(scored2013, 'big.xlsx', { limits: { maxFileBytes: 1000 } });
    expect(r.review.status).toBe('unreadable');
    expect(r.review.reason).toMatch(/^文件过大/);
  });
});

describe('across the batch', () => {
  it('duplicate_form: the same unit in two files, each naming the other', () => {
    const batch = reviewBatch([reviewFile(scored2013, 'a.xlsx'), reviewFile(scored2013, 'b/a.xlsx')]);
    const [a, b] = batch.files;
    const dup = a.forms[0].issues.find((i) => i.code === 'duplicate_form')!;
    expect(dup.message).toBe('示例县政务服务中心的表在另外 1 个文件中也有：“b/a.xlsx”');
    expect(b.forms[0].issues.find((i) => i.code === 'duplicate_form')!.message).toContain('“a.xlsx”');
    // the same unit's identical inputs are one duplicate, not two units' identical inputs
    expect(a.forms[0].issues.map((i) => i.code)).toEqual(['duplicate_form']);
    expect(batch.summary).toEqual({ files: 2, forms: 2, pass: 0, fix: 0, verify: 2, unreadable: 0, not_ours: 0 });
  });

  it('same_inputs: two units filing identical inputs', async () => {
    const other = await c.scored(c.dept2013, [c.example2013({ in_dept_name: '示例县档案馆' })]);
    const batch = reviewBatch([reviewFile(scored2013, 'a.xlsx'), reviewFile(other, 'b.xlsx')]);
    expect(batch.files[0].forms[0].issues).toEqual([{ severity: 'warning', code: 'same_inputs', message: '填报数据与其他单位完全相同：示例县档案馆（b.xlsx）', cells: [] }]);
    expect(batch.files[1].forms[0].issues[0].message).toBe('填报数据与其他单位完全相同：示例县政务服务中心（a.xlsx）');
    // different inputs: nothing
    const differing = await c.scored(c.dept2013, [c.example2013({ in_dept_name: '示例县档案馆', in_staff_actual: 19 })]);
    expect(reviewBatch([reviewFile(scored2013, 'a.xlsx'), reviewFile(differing, 'b.xlsx')]).summary.pass).toBe(2);
  });
});

describe('property: reviewing never changes a file', () => {
  it('every kind of file hashes the same before and after its review', async () => {
    const files: [string, Uint8Array][] = [
      ['a.xlsx', scored2013],
      ['typed.xlsx', c.typedOver(scored2013, '基本情况表', 2, 4, 80)],
      ['edited.xlsx', c.editedOffline(scored2013, c.dept2013, '', { in_staff_actual: 25 })],
      ['sub.xlsx', await c.submission2013(c.example2013())],
      ['hm.xlsx', await c.handmadeXlsx()],
      ['hm.docx', c.handmadeDocx()],
      ['bad.xlsx', c.corrupt(scored2013)],
    ];
    const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const before = files.map(([, b]) => hash(b));
    reviewBatch(files.map(([name, b]) => reviewFile(b, name, { year: 2024 })));
    expect(files.map(([, b]) => hash(b))).toEqual(before);
  });
});
