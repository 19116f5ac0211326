import { schemeNames } from '../../src/workbook/template';
import { OfficeWorkbook } from '../../src/workbook/office';
import { ALL, mockExcel, newSession, scheme } from './helpers';
import { cellsOf, officeError } from './mockExcel';

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
    expect(mock.names.get('in_survey_answers')!.sheet.name).toBe('满意度调查');
    // the outputs live on the very hidden, unprotected results sheet; the locked visible cells show them
    expect(mock.names.get('score_staff_control')).toMatchObject({ address: 'B6' });
    expect(mock.names.get('score_staff_control')!.sheet.name).toBe('jixiao_out');
    expect(mock.names.get('score_total')).toMatchObject({ address: 'B44' });
    const results = mock.sheet('jixiao_out');
    expect(results.visibility).toBe('VeryHidden');
    expect(results.protection.protected).toBe(false);
    expect(results.cells.get('A44')?.value).toBe('score_total');
    expect(results.cells.get('B46')?.value).toBe('尚未评分');
    expect(mock.cell('评分表', 'I6')).toMatchObject({ formula: 'IF(score_staff_control="","",score_staff_control)', locked: true });
    expect(mock.cell('评分表', 'H6').formula).toBe('IF(text_staff_control="","",text_staff_control)');
    expect(mock.cell('基本情况表', 'D2').formula).toBe('IF(score_total="","",score_total)');
    expect(mock.cell('基本情况表', 'D4').formula).toBe('IF(status_text="","",status_text)');
    // the sync sheet comes with it, so that no recompute has to add (and hide) a sheet
    expect(mock.sheet('jixiao_sync').visibility).toBe('VeryHidden');
    expect(mock.sheets.map((x) => x.name)).toEqual(['Sheet1', 'jixiao_out', 'jixiao_sync', 'jixiao_scheme', '基本情况表', '评分表', '满意度调查']);

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
    for (const name of outputs) expect(mock.names.get(name)!.sheet.name).toBe('jixiao_out');
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

    // two looks first (sheets and names; the cells that tell our sheets), the results sheet, one batch per
    // sheet, one to check the names
    expect(steps.map((s) => s[1])).toEqual([0, 0, 0.25, 0.5, 0.75, 1]);
    expect(steps[1][0]).toContain('基本情况表');
    expect(sync.mock.calls.length).toBe(2 + 1 + 3 + 1);
    expect(mock.active).toBe('基本情况表');
    // the outputs and the sync record come with the pane's recompute('insert'), not with the insert
    expect(mock.writes.filter((w) => w.sheet === 'jixiao_out' && w.sync > 3)).toEqual([]);
    expect(mock.sheet('jixiao_sync').cells.get('A1')?.value ?? '').toBe('');
    await session.recompute('insert');
    expect(String(mock.sheet('jixiao_sync').cells.get('A1')?.value)).toMatch(/^jixiao:1\/1:\{/);
    expect(mock.valueOf('status_text')).toMatch(/^评分未完成/);
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
    mock.sheets.splice(mock.sheets.indexOf(mock.sheet('满意度调查')), 1); // in_survey_answers now =#REF!
    mock.sheets.splice(mock.sheets.indexOf(mock.sheet('评分表')), 1);
    await new OfficeWorkbook().insertTemplate(scheme, {});
    expect(mock.names.get('in_survey_answers')!.sheet.name).toBe('满意度调查');
    expect(mock.sheets.includes(mock.names.get('in_survey_answers')!.sheet)).toBe(true);
    expect(mock.sheets.map((x) => x.name).filter((x) => x === '评分表')).toHaveLength(1);
    expect(mock.names.get('score_staff_control')!.sheet.name).toBe('jixiao_out');
  });

  it('finds its own 评分表 by the formulas showing the scores, even renamed, and adds no second one', async () => {
    const { mock } = mockExcel();
    await newSession().insertTemplate(scheme, { sheets: ['summary', 'scoring'] }, () => undefined);
    mock.sheet('评分表').name = '2024评分';
    mock.addSheet('评分表'); // the officer's own sheet of that name
    const report = await newSession().insertTemplate(scheme, { sheets: [...ALL] }, () => undefined);
    expect(report).toEqual({ sheets: { summary: '基本情况表', scoring: '2024评分', survey: '满意度调查' }, resumed: true });
    expect(mock.sheets.filter((x) => x.name.startsWith('评分表'))).toHaveLength(1);
    expect(mock.sheets.filter((x) => x.name === 'jixiao_out')).toHaveLength(1);
  });

  it('says in Chinese that a workbook whose structure is protected takes no sheet, and adds none', async () => {
    const { mock } = mockExcel();
    mock.addSheet('Sheet1');
    mock.structureProtected = true;
    const err = await newSession().insertTemplate(scheme, { sheets: [...ALL] }, () => undefined).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'structure_protected' });
    expect((err as Error).message).toBe('工作簿结构受保护，无法添加工作表：请在“审阅”选项卡中点击“保护工作簿”撤销保护后重试。');
    expect(mock.sheets.map((x) => x.name)).toEqual(['Sheet1']);
  });

  it('removes a half-built sheet when its batch fails, and says which', async () => {
    const { mock } = mockExcel();
    mock.addSheet('Sheet1');
    const original = mock.context.sync;
    let n = 0;
    mock.context.sync = async () => {
      n++;
      // the two looks, the results sheet, 基本情况表, then 评分表 fails
      if (n === 5) {
        await original();
        throw officeError('GeneralException', 'An internal error has occurred.');
      }
      return original();
    };
    await expect(newSession().insertTemplate(scheme, { sheets: [...ALL] }, () => undefined)).rejects.toThrow(
      '插入“评分表”失败：Excel 暂时无法完成操作，请稍后重试',
    );
    expect(mock.sheets.map((s) => s.name)).toEqual(['Sheet1', 'jixiao_out', 'jixiao_sync', 'jixiao_scheme', '基本情况表']);
  });
});
