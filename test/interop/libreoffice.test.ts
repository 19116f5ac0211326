/**
 * Interop with LibreOffice Calc (headless): the template and a scored file open, convert to PDF with A4
 * pages (评分表 in landscape), a re-save as .xlsx by LibreOffice keeps every defined name and input value, and
 * LibreOffice shows the scores that live on the hidden results sheet in the visible cells.
 * Needs `soffice` (Debian: libreoffice-calc-nogui), which .ci/run installs.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { evaluate, getScheme, RawValue } from '../../src/engine';
import { canonical } from '../../src/workbook/sync';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import example from '../../templates/samples/dept-2013-example.json';

const scheme = getScheme('dept-2013');
let dir: string;

function soffice(args: string[]): void {
  // a profile of its own, so parallel runs (and an officer's open LibreOffice) do not collide
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', ...args], { cwd: dir, stdio: 'pipe', timeout: 120000 });
}

/** Page sizes of a PDF in points, read from its /MediaBox entries (one per page). */
function pageSizes(pdf: Buffer): { w: number; h: number }[] {
  const text = pdf.toString('latin1');
  const pages = text.split('/Type/Page').slice(1).filter((p) => !p.startsWith('s'));
  return pages.map((p) => {
    const m = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(p);
    if (!m) throw new Error('page without MediaBox');
    return { w: Number(m[3]) - Number(m[1]), h: Number(m[4]) - Number(m[2]) };
  });
}

const isA4 = (s: { w: number; h: number }) =>
  (Math.abs(s.w - 595.3) < 1 && Math.abs(s.h - 841.9) < 1) || (Math.abs(s.w - 841.9) < 1 && Math.abs(s.h - 595.3) < 1);

async function scoredExample(): Promise<Buffer> {
  const book = await XlsxWorkbook.create();
  await book.insertTemplate(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '万元' });
  book.fillInputs(scheme, example as Record<string, RawValue>);
  const inputs = await book.readInputs(scheme);
  await book.writeOutputs(scheme, evaluate(scheme, inputs));
  return Buffer.from(await book.toBuffer());
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-lo-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('soffice is installed (CI installs libreoffice-calc-nogui)', () => {
  expect(() => execFileSync('soffice', ['--version'], { stdio: 'pipe' })).not.toThrow();
});

test('the blank template and a scored file convert to PDF on A4, 评分表 in landscape', async () => {
  const blank = await XlsxWorkbook.create();
  await blank.insertTemplate(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '万元' });
  fs.writeFileSync(path.join(dir, 'template.xlsx'), Buffer.from(await blank.toBuffer()));
  fs.writeFileSync(path.join(dir, 'scored.xlsx'), await scoredExample());
  soffice(['--convert-to', 'pdf', '--outdir', dir, 'template.xlsx', 'scored.xlsx']);
  for (const name of ['template.pdf', 'scored.pdf']) {
    const sizes = pageSizes(fs.readFileSync(path.join(dir, name)));
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(sizes.every(isA4)).toBe(true);
    expect(sizes.some((s) => s.w > s.h)).toBe(true); // 评分表
    expect(sizes.some((s) => s.h > s.w)).toBe(true); // 基本情况表, 满意度调查
  }
});

test('a re-save as .xlsx by LibreOffice keeps every defined name and input value, and still scores 73.28', async () => {
  const original = await scoredExample();
  fs.writeFileSync(path.join(dir, 'roundtrip.xlsx'), original);
  fs.mkdirSync(path.join(dir, 'lo'), { recursive: true });
  soffice(['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(dir, 'lo'), 'roundtrip.xlsx']);
  const resaved = fs.readFileSync(path.join(dir, 'lo', 'roundtrip.xlsx'));

  const names = async (buf: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    return new Set(wb.definedNames.model.map((n: { name: string }) => n.name));
  };
  const before = await names(original);
  const after = await names(resaved);
  const ours = [
    ...scheme.inputs.map((i) => i.name),
    ...scheme.indicators.flatMap((i) => [scheme.scoreName(i.id), scheme.textName(i.id)]),
    scheme.outputs.total,
    scheme.outputs.grade,
  ];
  for (const n of ours) {
    expect(before.has(n)).toBe(true);
    expect(after.has(n)).toBe(true);
  }

  const a = await (await XlsxWorkbook.fromBuffer(original)).readInputs(scheme);
  const b = await (await XlsxWorkbook.fromBuffer(resaved)).readInputs(scheme);
  expect(b.problems).toEqual([]);
  for (const input of scheme.inputs) {
    expect([input.name, canonical(b.values[input.name])]).toEqual([input.name, canonical(a.values[input.name])]);
  }
  const e = evaluate(scheme, b);
  expect(e.total.toNumber()).toBe(73.28);
  expect(e.grade).toBe('中');
});

test('LibreOffice shows the scores in the locked cells of 评分表 and 基本情况表, read through the hidden results sheet', async () => {
  fs.writeFileSync(path.join(dir, 'shown.xlsx'), await scoredExample());
  fs.mkdirSync(path.join(dir, 'shown'), { recursive: true });
  soffice(['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(dir, 'shown'), 'shown.xlsx']);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(path.join(dir, 'shown', 'shown.xlsx')) as unknown as ExcelJS.Buffer);
  // what LibreOffice computed and stored for the formulas that show the outputs
  const shown = (sheet: string, address: string) => {
    const v = wb.getWorksheet(sheet)!.getCell(address).value as { formula?: string; result?: unknown } | null;
    return v && typeof v === 'object' && 'formula' in v ? { formula: v.formula, result: v.result } : v;
  };
  expect(shown('评分表', 'I6')).toEqual({ formula: 'IF(score_staff_control="","",score_staff_control)', result: 2 });
  expect(shown('评分表', 'H6')).toEqual({
    formula: 'IF(text_staff_control="","",text_staff_control)',
    result: '（21/20）×100%=105.00%，超过100%共5.00个百分点，扣2分，得2分',
  });
  expect(shown('评分表', 'I25')).toEqual({ formula: 'score_total', result: 73.28 });
  expect(shown('基本情况表', 'D2')).toEqual({ formula: 'IF(score_total="","",score_total)', result: 73.28 });
  expect(shown('基本情况表', 'D3')).toEqual({ formula: 'IF(score_grade="","",score_grade)', result: '中' });
  // the outputs stay on the results sheet, which LibreOffice keeps out of sight (it saves very hidden as hidden)
  const ref = wb.definedNames.model.find((n: { name: string }) => n.name === 'score_staff_control')!.ranges[0];
  expect(ref).toMatch(/^'?jixiao_out'?!\$B\$6$/);
  expect(['hidden', 'veryHidden']).toContain(wb.getWorksheet('jixiao_out')!.state);
  expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['基本情况表', '评分表', '满意度调查']);
});
