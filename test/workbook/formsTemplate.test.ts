/**
 * The template files of the target-table schemes, read back as other programs read them: sheet-scoped names in
 * xl/workbook.xml (localSheetId), the table band's rows unlocked whole, the stop validation of the output
 * columns, protection allowing rows to be inserted and deleted, print setup, 宋体; and the forms read back
 * through the package layer, a percentage cell as the officer sees it.
 */
import ExcelJS from 'exceljs';
import { plain } from '../../src/engine';
import { FormsFile } from '../../src/workbook/forms';
import { buildTemplateFile, filledTemplateFile } from '../../src/workbook/forms/template';
import { sheetXml } from '../export/helpers';
import { bottomRow, dept2020, deptExample, project, projectExample, topRow } from './formsHelpers';
import { dataValidationsOf, protectionOf, reload, zipEntry } from './helpers';

let three: Uint8Array;
beforeAll(async () => {
  three = await buildTemplateFile(project, { dept: '示例县数据局', year: 2024, unit: '万元', forms: [{}, {}, {}] });
});

/** Each definedName of workbook.xml: name, localSheetId (or null) and formula. */
function definedNames(bytes: Uint8Array): { name: string; local: number | null; formula: string }[] {
  const xml = zipEntry(bytes, 'xl/workbook.xml');
  return [...xml.matchAll(/<definedName\s+([^>]*)>([^<]*)<\/definedName>/g)].map((m) => {
    const local = /localSheetId="(\d+)"/.exec(m[1]);
    return { name: /name="([^"]+)"/.exec(m[1])![1], local: local ? Number(local[1]) : null, formula: m[2].replace(/&apos;/g, "'") };
  });
}

test('each project sheet holds its own names (localSheetId), pointing at its own cells and its results column', () => {
  const names = definedNames(three);
  const sheets = [...zipEntry(three, 'xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
  expect(sheets).toEqual(['项目支出绩效自评表1', '项目支出绩效自评表2', '项目支出绩效自评表3', '项目自评汇总', 'jixiao_out', 'jixiao_scheme', 'jixiao_sync']);
  const table = names.filter((n) => n.name === 'in_indicators');
  expect(table.map((n) => n.local)).toEqual([0, 1, 2]);
  expect(table.map((n) => n.formula)).toEqual([0, 1, 2].map((k) => `'项目支出绩效自评表${k + 1}'!$A$16:$K$37`));
  expect(names.filter((n) => n.name === 'score_total').map((n) => [n.local, n.formula])).toEqual([
    [0, "'jixiao_out'!$B$5"],
    [1, "'jixiao_out'!$C$5"],
    [2, "'jixiao_out'!$D$5"],
  ]);
  // nothing of a project is workbook-wide: only the print areas and titles are sheet names of Excel's own
  expect(names.filter((n) => n.local === null)).toEqual([]);
  expect(names.filter((n) => !n.name.startsWith('_xlnm.')).length).toBe(3 * (project.inputs.length + project.tables.length + project.outputNames.length + 2));
});

test('exceljs reads the sheets: protection that allows rows in and out, fonts, print setup, validation', async () => {
  const wb = await reload(three);
  const ws = wb.getWorksheet('项目支出绩效自评表2')!;
  const p = protectionOf(ws);
  expect(p.sheet).toBe(true);
  expect(p.hashValue).toBeUndefined();
  // in OOXML an attribute "0" lifts that protection: rows may be inserted and deleted, cells not formatted
  expect(/<sheetProtection [^>]*>/.exec(sheetXml(three, '项目支出绩效自评表2'))![0]).toBe('<sheetProtection sheet="1" formatColumns="0" formatRows="0" insertRows="0" deleteRows="0"/>');
  expect(/<sheetProtection [^>]*>/.exec(sheetXml(three, '项目自评汇总'))![0]).toBe('<sheetProtection sheet="1" formatColumns="0" formatRows="0"/>');
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printArea: 'A1:M42', printTitlesRow: '15:15' });
  expect(ws.getCell('A1').font).toMatchObject({ name: '宋体', bold: true });
  expect(ws.getCell('C5').value).toBe('示例县数据局');
  for (const a of ['L16', 'L37', 'M20']) {
    expect(ws.getCell(a).dataValidation).toMatchObject({ type: 'textLength', operator: 'lessThanOrEqual', formulae: [0], errorStyle: 'stop', showErrorMessage: true });
  }
  expect(ws.getCell('L38').dataValidation).toBeUndefined();
  expect(ws.getCell('D30').dataValidation).toMatchObject({ type: 'list', formulae: ['"≥,≤,=,定性"'], errorStyle: 'warning' });
  expect(ws.getCell('I16').dataValidation).toMatchObject({ type: 'list', formulae: ['"达成,部分达成,未达成"'] });
  expect(Object.keys(dataValidationsOf(ws)).length).toBeGreaterThan(0);
  expect(ws.getCell('E20').numFmt).toBe('@');
  expect(ws.getCell('E20').protection).toMatchObject({ locked: false });
  expect(ws.getCell('L20').protection).toMatchObject({ locked: false });
  expect(ws.getCell('A38').protection?.locked).not.toBe(false);
  const out = wb.getWorksheet('jixiao_out')!;
  expect(out.state).toBe('veryHidden');
  expect(['B1', 'C1', 'D1'].map((a) => out.getCell(a).value)).toEqual(['项目支出绩效自评表1', '项目支出绩效自评表2', '项目支出绩效自评表3']);
});

test('the band’s rows are unlocked as rows (the format cells not yet written take), and only they', () => {
  const xml = sheetXml(three, '项目支出绩效自评表1');
  const styles = zipEntry(three, 'xl/styles.xml');
  const xfs = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  const unlocked = (s: string | undefined) => s !== undefined && /<protection locked="0"\/>/.test(xfs[Number(s)]);
  const rows = [...xml.matchAll(/<row ([^>]*)>/g)].map((m) => ({ r: Number(/r="(\d+)"/.exec(m[1])![1]), s: /\ss="(\d+)"/.exec(m[1])?.[1], custom: /customFormat="1"/.test(m[1]) }));
  const band = rows.filter((r) => r.r >= 16 && r.r <= 37);
  expect(band).toHaveLength(22);
  expect(band.every((r) => r.custom && unlocked(r.s))).toBe(true);
  expect(rows.filter((r) => r.r < 16 || r.r > 37).some((r) => unlocked(r.s))).toBe(false);
});

test('the blank template is its first sync, one record for all its forms', () => {
  const file = FormsFile.open(three);
  const record = file.readSyncRecord()!;
  expect(record.scheme).toBe('project-2020');
  expect(Object.keys(record.values)).toContain('项目支出绩效自评表3!in_indicators');
  expect(record.values['项目支出绩效自评表2!in_dept_name']).toBe('示例县数据局');
  const forms = file.forms(project);
  expect(forms.map((f) => [f.sheet, f.problems.length, (f.values.in_indicators as unknown[]).length])).toEqual([
    ['项目支出绩效自评表1', 0, 22],
    ['项目支出绩效自评表2', 0, 22],
    ['项目支出绩效自评表3', 0, 22],
  ]);
});

test('a rate typed into a cell shown as a percentage reaches the engine as shown', async () => {
  const { bytes } = await filledTemplateFile(project, [projectExample()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet('政务数据共享平台运维')!;
  // r3's 实际完成值 typed as 99.2% in a cell Excel formatted as a percentage: it holds 0.992
  const actual = sheet.getCell('G18');
  expect(actual.value).toBe('99.2%');
  actual.value = 0.992;
  actual.numFmt = '0.0%';
  // a 年度指标值 of 0.9473 shown as 95% is what the officer wrote: 95%
  sheet.getCell('E18').value = 0.995;
  sheet.getCell('E18').numFmt = '0.0%';
  const book = await wb.xlsx.writeBuffer();
  // (exceljs drops the sheet-scoped names it cannot keep: read the cells as the package layer does, by position)
  const { XlsxPackage } = await import('../../src/workbook/package');
  const pkg = XlsxPackage.open(new Uint8Array(book));
  const s = pkg.sheet('政务数据共享平台运维')!;
  expect(pkg.readArea(s, { top: 18, left: 5, bottom: 18, right: 7 }, true)[0]).toEqual(['99.5%', null, '99.2%']);
  expect(pkg.readArea(s, { top: 18, left: 5, bottom: 18, right: 7 })[0]).toEqual([0.995, null, 0.992]);
});

describe('filled from data', () => {
  test('the worked example: its project’s sheet, its nine rows and the spare ones, scored 92.96 优', async () => {
    const { bytes, scored } = await filledTemplateFile(project, [projectExample()], { year: 2024 });
    expect(scored.map((f) => [f.sheet, plain(f.evaluation.total), f.evaluation.grade])).toEqual([['政务数据共享平台运维', '92.96', '优']]);
    const again = FormsFile.open(bytes).score(project);
    expect(again[0].cells?.in_indicators).toEqual({ sheet: '政务数据共享平台运维', address: 'A16' });
    expect((again[0].values.in_indicators as unknown[]).length).toBe(9 + 4);
    expect(again[0].evaluation.indicators.map((i) => i.score?.toNumber())).toEqual([15, 10, 9.97, 3.75, 10, 7, 8, 10, 10]);
    // the row outputs are in the rows they belong to
    const pkg = FormsFile.open(bytes).pkg;
    const texts = pkg.name('text_rows', '政务数据共享平台运维')!;
    expect([topRow(`A${texts.top}`), bottomRow(`A${texts.bottom}`)]).toEqual([16, 28]);
    const written = pkg.readArea(pkg.sheet('政务数据共享平台运维')!, texts).map((r) => r[0]);
    expect(written[2]).toBe('完成值99.2%，未达到指标值≥99.5%，按完成比例计分：99.2/99.5×10=9.97分');
    expect(written.slice(9)).toEqual([null, null, null, null]);
  });

  test('more rows than the layout pre-lays: the table grows', async () => {
    const rows = projectExample().in_indicators as unknown[];
    const many = [...rows, ...Array.from({ length: 40 }, (_, i) => ({ level1: '产出指标', level2: '数量指标', name: `其中：明细${i + 1}` }))];
    const { scored } = await filledTemplateFile(project, [projectExample({ in_indicators: many })]);
    expect(plain(scored[0].evaluation.total)).toBe('92.96');
    expect((scored[0].values.in_indicators as unknown[]).length).toBe(49 + 4);
    expect(scored[0].evaluation.table!.texts[20]).toBe('其中项，不单独计分');
  });

  test('dept-2020: both sheets filled, its 项目支出 lines too, scored as the JSON is', async () => {
    const { scoreInputs } = await import('../../src/cli/score');
    const values = deptExample();
    const { scored } = await filledTemplateFile(dept2020, [values]);
    const direct = scoreInputs(dept2020, values).evaluation;
    expect(scored).toHaveLength(1);
    expect(scored[0].sheet).toBeNull();
    const e = scored[0].evaluation;
    expect([plain(e.total), e.grade]).toEqual([plain(direct.total), direct.grade]);
    expect(e.figures!.map((f) => f.rate?.toNumber())).toEqual(direct.figures!.map((f) => f.rate?.toNumber()));
    expect(e.issues.map((i) => i.code)).toEqual(direct.issues.map((i) => i.code));
  });
});
