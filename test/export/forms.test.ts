/**
 * The 报送版 of the target-table forms, read back: the national printed layout (指标性质 and 度量单位 folded
 * into 年度指标值, 一级/二级 merged), values only, every cell locked, no helper sheets, print setup, and the
 * names kept — a project's its sheet's own — so that the file scores again to the same result.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { RawValue } from '../../src/engine';
import { FormsFile } from '../../src/workbook/forms';
import { filledTemplateFile } from '../../src/workbook/forms/template';
import { dept2020, deptExample, project, projectExample } from '../workbook/formsHelpers';
import { jixiao, protectionOf, reload, sheetXml, tempDir, zipEntry } from './helpers';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function workbook(name: string, forms: Record<string, RawValue>[], scheme = project): Promise<void> {
  fs.writeFileSync(path.join(dir, name), (await filledTemplateFile(scheme, forms)).bytes);
}

const threeProjects = () => [
  projectExample(),
  projectExample({ in_project_name: '政务外网运维', in_fund_spent: 120 }),
  projectExample({ in_project_name: '新建机房', in_fund_full: 200, in_fund_spent: 150 }),
];

describe('a workbook of three projects', () => {
  const file = '示例县数据局2024年度项目支出绩效自评表.xlsx';
  let bytes: Uint8Array;
  beforeAll(async () => {
    await workbook('three.xlsx', threeProjects());
    fs.mkdirSync(path.join(dir, 'out'));
    const r = await jixiao(['export', 'three.xlsx', '-o', 'out/'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已生成报送版：${path.join('out', file)}（3个项目）`);
    bytes = fs.readFileSync(path.join(dir, 'out', file));
  });

  test('named after the unit, the project sheets and 项目自评汇总 only, nothing but values', async () => {
    const wb = await reload(bytes);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['政务数据共享平台运维', 'visible'],
      ['政务外网运维', 'visible'],
      ['新建机房', 'visible'],
      ['项目自评汇总', 'visible'],
      ['jixiao_scheme', 'veryHidden'], // the scheme it was made with, for the re-scoring
    ]);
    for (const ws of wb.worksheets) {
      const xml = sheetXml(bytes, ws.name);
      expect([ws.name, /<f[ >]/.test(xml), /<dataValidations/.test(xml)]).toEqual([ws.name, false, false]);
      expect(protectionOf(ws).sheet).toBe(true);
      ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => expect([ws.name, cell.address, cell.protection?.locked]).not.toEqual([ws.name, cell.address, false])));
      // no row left unlocked either (the template's table rows)
      expect(/<row [^>]*customFormat="1"/.test(xml)).toBe(false);
    }
    expect(wb.getWorksheet('项目自评汇总')!.getCell('F6').value).toBe(91.22);
    expect(wb.getWorksheet('项目自评汇总')!.getCell('C7').value).toBe(500);
  });

  test('the national columns, 年度指标值 with its operator and unit, the levels merged, the typed table hidden', async () => {
    const wb = await reload(bytes);
    const ws = wb.getWorksheet('政务数据共享平台运维')!;
    const header = ws.getRow(14).values as unknown[];
    expect(header.slice(1, 9)).toEqual(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    const col = (c: string) => Array.from({ length: 9 }, (_, i) => ws.getCell(`${c}${15 + i}`).value);
    expect(col('D')).toEqual(['≥40个', '≥500条', '≥99.5%', '≤2小时', '≤150万元', '明显提升', '≥10%', '持续运行', '≥90%']);
    expect(col('E')).toEqual(['42个', '620条', '99.2%', '2.5小时', '138.6万元', '有所提升', '8%', '持续运行', '93.5%']);
    expect(col('G')).toEqual([15, 10, 9.97, 3.75, 10, 7, 8, 10, 10]);
    const merges = (ws as unknown as { _merges: Record<string, { range: string }> })._merges;
    const ranges = Object.values(merges).map((m) => m.range);
    expect(ranges).toEqual(expect.arrayContaining(['A15:A19', 'B15:B16', 'A20:A22']));
    // a level of one row is no merge
    expect(ranges.some((r) => r.startsWith('A23'))).toBe(false);
    expect(ws.getCell('A15').value).toBe('产出指标');
    expect(ws.getCell('A20').value).toBe('效益指标');
    expect(ws.getCell('B15').value).toBe('数量指标');
    // the funds line with its computed rate and score, printed
    expect([ws.getCell('G6').value, ws.getCell('H6').value]).toEqual([92.4, 9.24]);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printArea: 'A1:H28' });
    for (const c of ['I', 'J', 'U']) expect([c, ws.getColumn(c).hidden]).toEqual([c, true]);
    expect(ws.getColumn('H').hidden).toBe(false);
    // the typed table, where in_indicators points for re-scoring
    expect([ws.getCell('J15').value, ws.getCell('M15').value, ws.getCell('N15').value]).toEqual(['产出指标', '≥', '40个']);
  });

  test('the names are kept, each project’s its sheet’s own, and the file scores again to the same', async () => {
    const xml = zipEntry(bytes, 'xl/workbook.xml');
    const table = [...xml.matchAll(/<definedName name="in_indicators" localSheetId="(\d)">([^<]+)</g)].map((m) => [Number(m[1]), m[2].replace(/&apos;/g, "'")]);
    expect(table).toEqual([
      [0, "'政务数据共享平台运维'!$J$15:$T$23"],
      [1, "'政务外网运维'!$J$15:$T$23"],
      [2, "'新建机房'!$J$15:$T$23"],
    ]);
    expect(/<definedName name="score_total" localSheetId="1">'?政务外网运维'?!\$G\$24</.test(xml.replace(/&apos;/g, "'"))).toBe(true);
    const again = await jixiao(['score', path.join('out', '示例县数据局2024年度项目支出绩效自评表.xlsx'), '--json'], dir);
    const forms = (JSON.parse(again.stdout) as { forms: { project: string; total: number; grade: string }[] }).forms;
    expect(forms.map((f) => [f.project, f.total, f.grade])).toEqual([
      ['政务数据共享平台运维', 92.96, '优'],
      ['政务外网运维', 91.72, '优'],
      ['新建机房', 91.22, '优'],
    ]);
    // the export is a sync: its record is in the document's description
    expect(FormsFile.open(bytes).readSyncRecord()!.values['新建机房!in_fund_full']).toBe('200');
  });
});

test('one project: named after the project', async () => {
  await workbook('one.xlsx', [projectExample()]);
  fs.mkdirSync(path.join(dir, 'one'));
  const r = await jixiao(['export', 'one.xlsx', '-o', 'one/'], dir);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('政务数据共享平台运维2024年度项目支出绩效自评表.xlsx（总分 92.96 分，等级：优）');
});

test('errors block the export; --force exports it marked incomplete on the project that has them', async () => {
  const rows = projectExample().in_indicators as RawValue[][];
  const broken = rows.map((r, i) => (i === 0 ? r.map((v, f) => (f === 7 ? null : v)) : r));
  await workbook('broken.xlsx', [projectExample(), projectExample({ in_project_name: '政务外网运维' , in_indicators: broken })]);
  fs.mkdirSync(path.join(dir, 'b'));
  const blocked = await jixiao(['export', 'broken.xlsx', '-o', 'b/'], dir);
  expect(blocked.code).toBe(1);
  expect(blocked.stderr).toContain('【政务外网运维】');
  expect(fs.readdirSync(path.join(dir, 'b'))).toEqual([]);
  const forced = await jixiao(['export', 'broken.xlsx', '-o', 'b.xlsx', '--force'], dir);
  expect(forced.code).toBe(1);
  const wb = await reload(fs.readFileSync(path.join(dir, 'b.xlsx')));
  const status = (name: string) => {
    const ws = wb.getWorksheet(name)!;
    let found: { text: string; color?: string } | undefined;
    ws.eachRow((row) => row.eachCell((cell) => {
      if (cell.master !== cell) return;
      if (typeof cell.value === 'string' && /^(本表尚未完成|评分完整)/.test(cell.value)) found = { text: cell.value, color: cell.font?.color?.argb };
    }));
    return found;
  };
  expect(status('政务外网运维')).toMatchObject({ color: 'FFC00000' });
  expect(status('政务外网运维')!.text).toMatch(/^本表尚未完成：有\d+处错误/);
  expect(status('政务数据共享平台运维')!.text).toMatch(/^评分完整/);
  expect(wb.getWorksheet('政务数据共享平台运维')!.headerFooter.oddHeader).toMatch(/本表尚未完成/);
});

test('dept-2020: the 自评表 and the 基础数据表, named after the department, scores again to the same', async () => {
  await workbook('d20.xlsx', [deptExample()], dept2020);
  const before = JSON.parse((await jixiao(['score', 'd20.xlsx', '--json'], dir)).stdout);
  fs.mkdirSync(path.join(dir, 'd20'));
  const r = await jixiao(['export', 'd20.xlsx', '-o', 'd20/'], dir);
  expect(r.code).toBe(0);
  const name = fs.readdirSync(path.join(dir, 'd20'))[0];
  expect(name).toBe(`${before.dept}2024年度部门整体支出绩效自评表.xlsx`);
  const bytes = fs.readFileSync(path.join(dir, 'd20', name));
  const wb = await reload(bytes);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['部门整体支出绩效自评表', '部门整体支出绩效评价基础数据表', 'jixiao_scheme']);
  const data = wb.getWorksheet('部门整体支出绩效评价基础数据表')!;
  expect(data.getCell('B2').value).toBe('万元');
  expect(data.getCell('D4').value).toBe(105);
  const after = JSON.parse((await jixiao(['score', path.join('d20', name), '--json'], dir)).stdout);
  expect([after.total, after.grade, after.indicators.length]).toEqual([before.total, before.grade, before.indicators.length]);
});

test('--pdf: the 报送版 of two projects printed on A4 landscape through LibreOffice', async () => {
  await workbook('pdf.xlsx', threeProjects().slice(0, 2));
  const r = await jixiao(['export', 'pdf.xlsx', '-o', '报送.xlsx', '--pdf'], dir);
  expect(r.code).toBe(0);
  const pdf = fs.readFileSync(path.join(dir, '报送.pdf')).toString('latin1');
  const sizes = pdf
    .split(/\/Type\s*\/Page(?![s\w])/)
    .slice(1)
    .map((p) => /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(p)!)
    .map((m) => [Math.round(Number(m[3]) - Number(m[1])), Math.round(Number(m[4]) - Number(m[2]))]);
  // every page A4 landscape (fit to width, as many pages down as the rows need); at least one per sheet
  expect(sizes.length).toBeGreaterThanOrEqual(3);
  for (const size of sizes) expect(size).toEqual([842, 595]);
});
