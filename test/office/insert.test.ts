import { schemeNames } from '../../src/workbook/template';
import { OfficeWorkbook } from '../../src/workbook/office';
import { ALL, mockExcel, newSession, scheme } from './helpers';
import { cellsOf } from './mockExcel';

describe('insert templates through the Excel API', () => {
  it('adds the three sheets with every name, validation, unlocked input, protection and print setup', async () => {
    const { mock, sync } = mockExcel();
    mock.addSheet('Sheet1');
    const steps: [string, number][] = [];
    const session = newSession();
    const report = await session.insertTemplate(scheme, { sheets: [...ALL], dept: '示例县政务服务中心', year: 2024, unit: '万元' }, (s, f) => steps.push([s, f]));

    expect(report).toEqual({ sheets: { summary: '基本情况表', scoring: '评分表', survey: '满意度调查' }, resumed: false });
    const { inputs, outputs } = schemeNames(scheme);
    for (const n of [...inputs, ...outputs]) expect(mock.names.has(n)).toBe(true);
    expect(mock.names.get('in_staff_quota')!.sheet.name).toBe('基本情况表');
    expect(mock.names.get('score_staff_control')!.sheet.name).toBe('评分表');
    expect(mock.names.get('in_survey_answers')!.sheet.name).toBe('满意度调查');

    for (const name of ['基本情况表', '评分表', '满意度调查']) {
      const s = mock.sheet(name);
      expect(s.protection.protected).toBe(true);
      expect(s.protection.options).toMatchObject({ allowFormatCells: false, allowFormatRows: true, allowInsertRows: false, selectionMode: 'Normal' });
      expect(s.page).toMatchObject({ paperSize: 'A4', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, centerHorizontally: true });
      expect(s.page.printArea).toMatch(/^A1:[A-Z]+\d+$/);
      expect(s.page.titleRows).toMatch(/^\$\d+:\$\d+$/);
      expect(s.page.centerFooter).toBe('第 &P 页，共 &N 页');
    }
    expect(mock.sheet('评分表').page.orientation).toBe('Landscape');
    expect(mock.sheet('基本情况表').page.orientation).toBe('Portrait');

    // every input unlocked, every output locked; every input validated
    for (const input of scheme.inputs) {
      const n = mock.names.get(input.name)!;
      for (const c of cellsOf(n.address)) expect(n.sheet.cells.get(c)?.locked).toBe(false);
      expect(n.sheet.validations.some((v) => cellsOf(v.address).includes(cellsOf(n.address)[0]))).toBe(true);
    }
    for (const name of outputs) {
      const n = mock.names.get(name)!;
      expect(n.sheet.cells.get(cellsOf(n.address)[0])?.locked ?? true).toBe(true);
    }
    const summary = mock.sheet('基本情况表');
    const yesno = summary.validations.find((v) => v.address === mock.names.get('in_goal_fit_1')!.address)!;
    expect(yesno.rule).toEqual({ list: { inCellDropDown: true, source: '是,否' } });
    expect(yesno.errorAlert).toMatchObject({ showAlert: true, style: 'Warning' });
    const year = summary.validations.find((v) => v.address === mock.names.get('in_year')!.address)!;
    expect(year.rule).toEqual({ wholeNumber: { formula1: 2000, formula2: 2100, operator: 'Between' } });

    // prefilled values and formulas; styles through the API
    expect(mock.valueOf('in_dept_name')).toBe('示例县政务服务中心');
    expect(mock.valueOf('in_unit')).toBe('万元');
    expect([...mock.sheet('评分表').cells.values()].some((c) => c.formula === 'score_total')).toBe(true);
    expect(summary.formats.get('A1:F1 font.size')).toBe(16);
    expect(summary.merges).toContain('A1:F1');
    expect(summary.freeze).toBe('rows:4');

    // one batch per sheet, one to look first, one to check the names, then the first recompute (≤ 2)
    expect(steps.map((s) => s[1])).toEqual([0, 0, 0.25, 0.5, 0.75, 1]);
    expect(steps[1][0]).toContain('基本情况表');
    expect(sync.mock.calls.length).toBeLessThanOrEqual(1 + 3 + 1 + 2);
    // the first recompute filled the outputs and stored the sync record in a very hidden sheet
    expect(mock.sheet('jixiao_sync').visibility).toBe('VeryHidden');
    expect(String(mock.sheet('jixiao_sync').cells.get('A1')?.value)).toMatch(/^jixiao:1\/1:\{/);
    expect(mock.active).toBe('基本情况表');
  });

  it('never overwrites a sheet of the officer: inserts 基本情况表(2) next to it', async () => {
    const { mock } = mockExcel();
    mock.addSheet('基本情况表').cells.set('A1', { value: '单位自己的表', locked: true });
    const report = await newSession().insertTemplate(scheme, { sheets: ['summary', 'scoring'] }, () => undefined);
    expect(report.sheets).toEqual({ summary: '基本情况表(2)', scoring: '评分表' });
    expect(mock.sheet('基本情况表').cells.get('A1')?.value).toBe('单位自己的表');
    expect(mock.names.get('in_staff_quota')!.sheet.name).toBe('基本情况表(2)');
    expect(mock.names.has('in_survey_answers')).toBe(false);
  });

  it('resumes on sheets that already hold our names, even renamed, and adds only the missing ones', async () => {
    const { mock } = mockExcel();
    await newSession().insertTemplate(scheme, { sheets: ['summary'] }, () => undefined);
    mock.sheet('基本情况表').name = '2024年基本情况';
    mock.setQuiet('in_staff_quota', 20);
    const report = await newSession().insertTemplate(scheme, { sheets: [...ALL] }, () => undefined);
    expect(report).toEqual({ sheets: { summary: '2024年基本情况', scoring: '评分表', survey: '满意度调查' }, resumed: true });
    expect(mock.valueOf('in_staff_quota')).toBe(20);
    expect(mock.sheets.filter((s) => s.name.startsWith('基本情况表'))).toHaveLength(0);
  });

  it('replaces names left broken by a deleted sheet', async () => {
    const { mock } = mockExcel();
    await newSession().insertTemplate(scheme, { sheets: [...ALL] }, () => undefined);
    mock.sheets.splice(mock.sheets.indexOf(mock.sheet('评分表')), 1); // names now =#REF!
    await new OfficeWorkbook().insertTemplate(scheme, {});
    expect(mock.names.get('score_total')!.sheet.name).toBe('基本情况表');
    expect(mock.names.get('score_staff_control')!.sheet.name).toBe('评分表');
    expect(mock.sheets.includes(mock.names.get('text_goal_fit')!.sheet)).toBe(true);
  });

  it('removes a half-built sheet when its batch fails, and says which', async () => {
    const { mock } = mockExcel();
    const original = mock.context.sync;
    let n = 0;
    mock.context.sync = async () => {
      n++;
      if (n === 3) {
        await original();
        throw new Error('GeneralException');
      }
      return original();
    };
    await expect(newSession().insertTemplate(scheme, { sheets: [...ALL] }, () => undefined)).rejects.toThrow('插入“评分表”失败：GeneralException');
    expect(mock.sheets.map((s) => s.name)).toEqual(['基本情况表']);
  });
});
