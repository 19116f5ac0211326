/**
 * The template rendered by exceljs, written to .xlsx bytes and read back with a fresh exceljs workbook:
 * names, validation, locking, protection, print setup, fonts and merges as Excel will see them.
 */
import ExcelJS from 'exceljs';
import { loadScheme } from '../../src/engine';
import { nameLocations, planTemplate } from '../../src/workbook/template';
import { XlsxWorkbook, buildTemplateWorkbook } from '../../src/workbook/xlsx';
import dept2013 from '../../templates/dept-2013.json';
import { dataValidationsOf, nameRef, namedCell, protectionOf, reload, scheme, zipEntry } from './helpers';

let bytes: Uint8Array;
let wb: ExcelJS.Workbook;
const plan = planTemplate(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '万元' });
const sheet = (name: string) => wb.getWorksheet(name)!;
const VISIBLE = ['基本情况表', '评分表', '满意度调查'];
const visible = () => wb.worksheets.filter((w) => w.name !== 'jixiao_out' && w.name !== 'jixiao_scheme');

beforeAll(async () => {
  const book = await XlsxWorkbook.create();
  await book.insertTemplate(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '万元' });
  bytes = await book.toBuffer();
  wb = await reload(bytes);
});

describe('defined names', () => {
  it('every input and output name resolves to its sheet and cell', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([...VISIBLE, 'jixiao_out', 'jixiao_scheme']);
    for (const [name, where] of nameLocations(plan)) {
      expect([name, nameRef(wb, name)]).toEqual([name, { sheet: where.sheet, address: where.range.split(':')[0], range: where.range }]);
    }
    expect(nameRef(wb, 'in_survey_answers').range).toBe('C4:L33');
    expect(namedCell(wb, 'in_dept_name').value).toBe('示例县政务服务中心');
    expect(namedCell(wb, 'in_year').value).toBe(2024);
    expect(namedCell(wb, 'in_unit').value).toBe('万元');
  });

  it('are workbook-scoped and written as Excel writes them, sheet names quoted and references absolute', () => {
    const xml = zipEntry(bytes, 'xl/workbook.xml');
    const ours = [...xml.matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)].filter((m) => !m[1].includes('_xlnm.'));
    expect(ours).toHaveLength(plan.names.length);
    for (const m of ours) expect(m[1]).not.toContain('localSheetId');
    expect(xml).toContain('<definedName name="in_staff_quota">&apos;基本情况表&apos;!$D$12</definedName>');
    expect(xml).toContain('<definedName name="in_survey_answers">&apos;满意度调查&apos;!$C$4:$L$33</definedName>');
    expect(xml).toContain('<definedName name="score_total">&apos;jixiao_out&apos;!$B$44</definedName>');
    expect(xml).toContain('<definedName name="_xlnm.Print_Area" localSheetId="1">&apos;评分表&apos;!$A$1:$H$25</definedName>');
    expect(xml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;评分表&apos;!$1:$3</definedName>');
    expect(xml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  // not an apostrophe: exceljs writes print areas of such a sheet unescaped and cannot read its own file back
  it('survive sheet names that need quoting (spaces, brackets, a dash)', async () => {
    const data = JSON.parse(JSON.stringify(dept2013));
    data.layout.summary.sheet = '基本 情况(2024)-甲';
    data.layout.scoring.sheet = '评分 表';
    const renamed = loadScheme(data);
    const book = await XlsxWorkbook.create();
    await book.insertTemplate(renamed, {});
    const back = await XlsxWorkbook.fromBuffer(await book.toBuffer());
    const read = await back.readInputs(renamed);
    expect(read.problems).toEqual([]);
    expect(read.cells!.in_staff_quota).toEqual({ sheet: '基本 情况(2024)-甲', address: 'D12' });
    expect(read.values.in_unit).toBe('万元');
  });
});

describe('validation, locking, protection', () => {
  it('has a yes/no list, whole-number and survey-answer validations on the input cells, as warnings', () => {
    const yesno = namedCell(wb, 'in_goal_fit_1').dataValidation;
    expect(yesno).toMatchObject({ type: 'list', formulae: ['"是,否"'], errorStyle: 'warning', showErrorMessage: true, allowBlank: true });
    expect(yesno.promptTitle).toBe('绩效目标合理性①');
    expect(namedCell(wb, 'in_staff_quota').dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], errorStyle: 'warning' });
    expect(namedCell(wb, 'in_year').dataValidation).toMatchObject({ type: 'whole', operator: 'between', formulae: [2000, 2100] });
    expect(namedCell(wb, 'in_unit').dataValidation).toMatchObject({ type: 'list', formulae: ['"元,万元"'] });
    expect(namedCell(wb, 'in_benefit_social').dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 4] });
    const survey = sheet('满意度调查');
    for (const a of ['C4', 'L4', 'C33', 'L33', 'G17']) {
      expect(survey.getCell(a).dataValidation).toMatchObject({ type: 'list', formulae: ['"非常满意,满意,一般,不满意,5,4,3,0"'], errorStyle: 'warning' });
    }
    expect(survey.getCell('M4').dataValidation).toBeUndefined();
  });

  it('writes each validation once, as non-overlapping ranges (the survey grid as C4:L33)', () => {
    const xml = zipEntry(bytes, 'xl/worksheets/sheet3.xml');
    expect([...xml.matchAll(/sqref="([^"]+)"/g)].map((m) => m[1])).toEqual(['C4:L33']);
    const summaryRefs = Object.keys(dataValidationsOf(sheet('基本情况表')));
    expect(new Set(summaryRefs).size).toBe(summaryRefs.length);
  });

  it('unlocks the input cells and locks everything else', () => {
    for (const n of plan.names) {
      const cell = namedCell(wb, n.name);
      // exceljs reads the default (locked) back as no protection at all
      expect([n.name, cell.protection?.locked ?? true]).toEqual([n.name, n.role !== 'input']);
    }
    expect(sheet('满意度调查').getCell('L33').protection?.locked).toBe(false);
    expect(sheet('基本情况表').getCell('F8').protection?.locked).toBe(false); // the merged wide name cell
    expect(sheet('基本情况表').getCell('A12').protection?.locked).not.toBe(false);
    expect(sheet('评分表').getCell('F21').protection?.locked).not.toBe(false);
  });

  it('protects every visible sheet without a password, letting officers select cells and resize rows and columns', () => {
    expect(visible().map((w) => w.name)).toEqual(VISIBLE);
    for (const ws of visible()) {
      expect(protectionOf(ws)).toMatchObject({ sheet: true, formatColumns: true, formatRows: true });
      expect(protectionOf(ws).selectLockedCells).not.toBe(false);
      expect(protectionOf(ws).selectUnlockedCells).not.toBe(false);
      expect(protectionOf(ws).formatCells).toBeUndefined();
      expect(protectionOf(ws).hashValue).toBeUndefined();
      expect(protectionOf(ws).algorithmName).toBeUndefined();
    }
  });
});

describe('the results sheet', () => {
  it('is very hidden and unprotected, so that outputs are written without unprotecting anything', () => {
    const ws = sheet('jixiao_out');
    expect(ws.state).toBe('veryHidden');
    expect(protectionOf(ws).sheet).toBeUndefined();
    expect(zipEntry(bytes, 'xl/worksheets/sheet4.xml')).not.toMatch(/<sheetProtection/);
    expect(zipEntry(bytes, 'xl/workbook.xml')).toMatch(/<sheet sheetId="4" name="jixiao_out" state="veryHidden"/);
    expect(ws.getCell('A44').value).toBe('score_total');
    expect(namedCell(wb, 'status_text').value).toBe('尚未评分');
  });

  it('is what the locked visible cells show, through formulas whose cached results viewers display', () => {
    expect(sheet('基本情况表').getCell('D2').value).toEqual({ formula: 'IF(score_total="","",score_total)' });
    expect(sheet('基本情况表').getCell('D4').value).toEqual({ formula: 'IF(status_text="","",status_text)', result: '尚未评分' });
    expect(sheet('评分表').getCell('H4').value).toEqual({ formula: 'IF(text_goal_fit="","",text_goal_fit)' });
    expect(sheet('评分表').getCell('I4').value).toEqual({ formula: 'IF(score_goal_fit="","",score_goal_fit)' });
    expect(sheet('评分表').getCell('I4').protection?.locked).not.toBe(false);
  });
});

describe('print setup, fonts, merges', () => {
  it('prints on A4, one page wide, centred, 评分表 in landscape with its header rows repeated and A–H only', () => {
    const expected: Record<string, { orientation: string; printArea: string; printTitlesRow: string }> = {
      基本情况表: { orientation: 'portrait', printArea: plan.sheets[0].print.area, printTitlesRow: '1:1' },
      评分表: { orientation: 'landscape', printArea: 'A1:H25', printTitlesRow: '1:3' },
      满意度调查: { orientation: 'portrait', printArea: 'A1:M36', printTitlesRow: '1:3' },
    };
    for (const ws of visible()) {
      expect([ws.name, ws.pageSetup]).toEqual([
        ws.name,
        expect.objectContaining({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, ...expected[ws.name] }),
      ]);
      expect(ws.pageSetup.margins).toMatchObject({ left: 0.5, right: 0.5, top: 0.6, bottom: 0.6 });
      expect(ws.headerFooter.oddFooter).toContain('&P');
    }
  });

  it('uses 宋体 in every cell it writes, 16-point bold titles and 10-point body text', () => {
    for (const s of plan.sheets) {
      const ws = sheet(s.name);
      for (const c of s.cells) expect([s.name, c.address, ws.getCell(c.address).font?.name]).toEqual([s.name, c.address, '宋体']);
      expect(ws.getCell('A1').font).toMatchObject({ name: '宋体', size: 16, bold: true });
    }
    expect(sheet('评分表').getCell('F4').font).toMatchObject({ size: 10 });
    expect(sheet('评分表').getCell('F4').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(sheet('评分表').getColumn('F').width).toBe(42);
    expect(namedCell(wb, 'in_staff_quota').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } });
    expect(namedCell(wb, 'score_total').fill).toMatchObject({ fgColor: { argb: 'FFE7E6E6' } });
  });

  it('merges 一级 and 二级 over their indicators and the criteria of the three 效益 rows, with borders all round', () => {
    const merges = (sheet('评分表').model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['A4:A8', 'A9:A18', 'A19:A20', 'A21:A24', 'B9:B12', 'B13:B15', 'B16:B18', 'F21:F23']));
    const scoring = sheet('评分表');
    expect(scoring.getCell('A6').isMerged).toBe(true);
    expect(scoring.getCell('A6').master.address).toBe('A4');
    expect(scoring.getCell('F23').master.address).toBe('F21');
    expect(scoring.getCell('F23').border).toMatchObject({ bottom: { style: 'thin' }, right: { style: 'thin' } });
    expect(scoring.getCell('F21').value).toBe(scheme.indicators.find((i) => i.id === 'benefit_social')!.criteria);
  });

  it('freezes the header rows and caches the prefilled values of the formulas that show them', () => {
    expect(sheet('评分表').views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet('评分表').getCell('D2').value).toEqual({ formula: 'IF(in_dept_name="","",in_dept_name)', result: '示例县政务服务中心' });
    expect(sheet('基本情况表').getCell('E14').value).toEqual({ formula: 'IF(in_unit="","",in_unit)', result: '万元' });
  });
});

describe('building', () => {
  it('buildTemplateWorkbook gives a plain exceljs workbook with the three sheets', async () => {
    const book = await buildTemplateWorkbook(scheme, { unit: '元' });
    expect(book.worksheets.map((w) => w.name)).toEqual([...VISIBLE, 'jixiao_out']);
    const back = await reload(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(namedCell(back, 'in_unit').value).toBe('元');
    expect(zipEntry(new Uint8Array(await book.xlsx.writeBuffer()), 'xl/worksheets/sheet3.xml')).toContain('sqref="C4:L33"');
  });

  it('refuses to insert the template twice into one workbook', async () => {
    const book = await XlsxWorkbook.fromBuffer(bytes);
    await expect(book.insertTemplate(scheme, {})).rejects.toThrow('已有名为“基本情况表”的工作表');
    const other = await XlsxWorkbook.create();
    other.workbook.addWorksheet('JIXIAO_OUT');
    await expect(other.insertTemplate(scheme, {})).rejects.toThrow('已有名为“jixiao_out”的工作表');
  });

  it('inserts next to an officer’s own sheets, leaving them alone', async () => {
    const book = await XlsxWorkbook.create();
    book.workbook.addWorksheet('封面').getCell('A1').value = '2024年度部门整体支出绩效自评';
    await book.insertTemplate(scheme, {});
    const back = await reload(await book.toBuffer());
    expect(back.worksheets.map((w) => w.name)).toEqual(['封面', ...VISIBLE, 'jixiao_out', 'jixiao_scheme']);
    expect(back.getWorksheet('封面')!.getCell('A1').value).toBe('2024年度部门整体支出绩效自评');
    expect(nameRef(back, 'score_total')).toMatchObject({ sheet: 'jixiao_out', address: 'B44' });
    expect(zipEntry(await book.toBuffer(), 'xl/workbook.xml')).toContain('<definedName name="_xlnm.Print_Area" localSheetId="2">&apos;评分表&apos;!$A$1:$H$25</definedName>');
  });
});
