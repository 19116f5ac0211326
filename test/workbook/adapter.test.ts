/**
 * The exceljs adapter end to end: template → fill by name → readInputs → evaluate → writeOutputs → bytes,
 * read back with a fresh exceljs workbook; and what it does with deleted names and messy cell values.
 */
import ExcelJS from 'exceljs';
import { evaluate, getScheme } from '../../src/engine';
import type { RawValue } from '../../src/engine';
import { XlsxWorkbook, detectScheme } from '../../src/workbook/xlsx';
import { exampleValues, namedCell, protectionOf, reload, scheme, shownValue, zipEntry } from './helpers';

const SPEC_TEXT = '（21/20）×100%=105.00%，超过100%共5.00个百分点，扣2分，得2分';

async function template(): Promise<XlsxWorkbook> {
  const book = await XlsxWorkbook.create();
  await book.insertTemplate(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '万元' });
  return XlsxWorkbook.fromBuffer(await book.toBuffer());
}

/** Fills, reads, scores and writes back; returns the bytes and what was read. */
async function scoreWith(values: Record<string, RawValue>, book?: XlsxWorkbook) {
  const b = book ?? (await template());
  b.fillInputs(scheme, values);
  const inputs = await b.readInputs(scheme);
  const evaluation = evaluate(scheme, inputs);
  await b.writeOutputs(scheme, evaluation);
  const bytes = await b.toBuffer();
  return { inputs, evaluation, bytes, wb: await reload(bytes) };
}

describe('the worked example', () => {
  let run: Awaited<ReturnType<typeof scoreWith>>;
  beforeAll(async () => {
    run = await scoreWith(exampleValues());
  });

  it('reads every input through its name, with the cell it lives in', () => {
    expect(run.inputs.problems).toEqual([]);
    expect(run.inputs.values.in_staff_quota).toBe(20);
    expect(run.inputs.values.in_goal_clear_3).toBe('否');
    expect(run.inputs.cells!.in_staff_quota).toEqual({ sheet: '基本情况表', address: 'D12' });
    expect(run.inputs.cells!.in_survey_answers).toEqual({ sheet: '满意度调查', address: 'C4' });
    const grid = run.inputs.values.in_survey_answers as RawValue[][];
    expect(grid).toHaveLength(30);
    expect(grid[0]).toEqual(Array(10).fill('非常满意'));
    expect(grid[29]).toEqual(Array(10).fill(null));
  });

  it('scores as the spec says, and the written workbook holds the scores, texts, total and grade', () => {
    expect(run.evaluation.total.toNumber()).toBe(73.28);
    expect(namedCell(run.wb, 'score_staff_control').value).toBe(2);
    expect(namedCell(run.wb, 'text_staff_control').value).toBe(SPEC_TEXT);
    expect(namedCell(run.wb, 'score_total').value).toBe(73.28);
    expect(namedCell(run.wb, 'score_grade').value).toBe('中');
    expect(namedCell(run.wb, 'score_satisfaction').value).toBe(6.88);
    expect(namedCell(run.wb, 'status_text').value).toMatch(/^评分完整/);
    for (const ind of scheme.indicators) {
      expect(typeof namedCell(run.wb, scheme.scoreName(ind.id)).value).toBe('number');
      expect(String(namedCell(run.wb, scheme.textName(ind.id)).value)).toMatch(/得分?[\d.]+分/);
    }
  });

  it('leaves every input cell holding what was filled', () => {
    const filled = exampleValues();
    for (const input of scheme.inputs) {
      if (input.kind === 'survey') continue;
      expect([input.name, namedCell(run.wb, input.name).value ?? null]).toEqual([input.name, filled[input.name] ?? null]);
    }
    const survey = run.wb.getWorksheet('满意度调查')!;
    const rows = filled.in_survey_answers as string[][];
    for (let r = 0; r < 30; r++) {
      for (let c = 0; c < 10; c++) expect(survey.getCell(4 + r, 3 + c).value ?? null).toBe(rows[r]?.[c] ?? null);
    }
  });

  it('caches current results in the formulas that show outputs, inputs and survey totals (LibreOffice shows them)', () => {
    const scoring = run.wb.getWorksheet('评分表')!;
    expect(scoring.getCell('H25').value).toEqual({ formula: 'score_total', result: 73.28 });
    expect(scoring.getCell('I25').value).toEqual({ formula: 'score_total', result: 73.28 });
    expect(shownValue(scoring.getCell('D2'))).toBe('示例县政务服务中心');
    expect(shownValue(scoring.getCell('H2'))).toBe(2024);
    expect(shownValue(run.wb.getWorksheet('基本情况表')!.getCell('E14'))).toBe('万元');
    const survey = run.wb.getWorksheet('满意度调查')!;
    // a blank row caches "" (t="str" with an empty <v>), which exceljs reads back as no result
    expect([4, 6, 7, 13, 14].map((r) => shownValue(survey.getCell(`M${r}`)) ?? '')).toEqual([50, 50, 40, 40, '']);
    expect(shownValue(survey.getCell('M34'))).toBe(430);
    expect(shownValue(survey.getCell('M35'))).toBe(10);
    expect(shownValue(survey.getCell('M36'))).toBe(6.88);
  });

  it('asks Excel to recalculate everything on open', () => {
    expect(zipEntry(run.bytes, 'xl/workbook.xml')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it('keeps the template: names, validation, protection and print setup survive fill and score', () => {
    expect(namedCell(run.wb, 'in_goal_fit_1').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(run.wb.getWorksheet('评分表')!.pageSetup).toMatchObject({ orientation: 'landscape', printArea: 'A1:H25', printTitlesRow: '1:3' });
    expect(run.wb.worksheets.filter((w) => w.state === 'visible').every((w) => protectionOf(w).sheet)).toBe(true);
    const xml = zipEntry(run.bytes, 'xl/workbook.xml');
    expect(xml).toContain('&apos;评分表&apos;!$A$1:$H$25'); // still absolute after a read and a write
    expect([...zipEntry(run.bytes, 'xl/worksheets/sheet3.xml').matchAll(/sqref="([^"]+)"/g)].map((m) => m[1])).toEqual(['C4:L33']);
    const quota = namedCell(run.wb, 'in_staff_quota');
    expect(quota.protection?.locked).toBe(false);
    expect(quota.fill).toMatchObject({ fgColor: { argb: 'FFFFF2CC' } });
    expect(quota.font).toMatchObject({ name: '宋体' });
    expect(namedCell(run.wb, 'text_staff_control').alignment).toMatchObject({ wrapText: true });
  });

  it('fillInputs alone already refreshes what the formulas show and asks for a recalculation', async () => {
    const book = await template();
    book.fillInputs(scheme, { in_unit: '元', in_dept_name: '某县财政局' });
    const bytes = await book.toBuffer();
    const wb = await reload(bytes);
    expect(shownValue(wb.getWorksheet('基本情况表')!.getCell('E14'))).toBe('元');
    expect(shownValue(wb.getWorksheet('评分表')!.getCell('D2'))).toBe('某县财政局');
    expect(zipEntry(bytes, 'xl/workbook.xml')).toMatch(/fullCalcOnLoad="1"/);
  });
});

describe('values as officers type them', () => {
  it('reads “17人”, “２０” and “4,360,097.54” from cells and scores them', async () => {
    const { inputs, evaluation } = await scoreWith({
      ...exampleValues(),
      in_unit: '元',
      in_staff_quota: '２０',
      in_staff_actual: '17人',
      in_budget_initial: '4,360,097.54',
      in_budget_adjust: 0,
    });
    expect(inputs.values).toMatchObject({ in_staff_quota: '２０', in_staff_actual: '17人', in_budget_initial: '4,360,097.54' });
    const staff = evaluation.indicators.find((i) => i.id === 'staff_control')!;
    expect(staff.score!.toNumber()).toBe(4);
    expect(staff.text).toContain('（17/20）×100%=85.00%');
    expect(evaluation.indicators.find((i) => i.id === 'budget_adjust')!.score!.toNumber()).toBe(4);
    expect(evaluation.issues.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('turns rich text, formula results, error values, hyperlinks and dates into what the engine reads', async () => {
    const book = await template();
    book.fillInputs(scheme, exampleValues());
    const cell = (name: string) => namedCell(book.workbook, name);
    cell('in_dept_name').value = { richText: [{ text: '示例县' }, { text: '政务服务中心', font: { bold: true } }] };
    cell('in_staff_quota').value = { formula: '10+10', result: 20 };
    cell('in_staff_actual').value = { formula: '1/0', result: { error: '#DIV/0!' } };
    cell('in_dept_head').value = { text: '张明', hyperlink: 'mailto:zhang@example.cn' };
    cell('in_fill_date').value = new Date(Date.UTC(2025, 2, 15));
    cell('in_late_items').value = { error: '#N/A' };
    const back = await XlsxWorkbook.fromBuffer(await book.toBuffer());
    const { values } = await back.readInputs(scheme);
    expect(values.in_dept_name).toBe('示例县政务服务中心');
    expect(values.in_staff_quota).toBe(20);
    expect(values.in_staff_actual).toBe('#DIV/0!');
    expect(values.in_dept_head).toBe('张明');
    expect(values.in_fill_date).toEqual(new Date(Date.UTC(2025, 2, 15)));
    expect(values.in_late_items).toBe('#N/A');
    const e = evaluate(scheme, await back.readInputs(scheme));
    expect(e.indicators.find((i) => i.id === 'staff_control')!.status).toBe('invalid');
    expect(e.issues.find((f) => f.inputs.includes('in_staff_actual'))!.message).toContain('#DIV/0!');
    expect(e.issues.find((f) => f.inputs.includes('in_staff_actual'))!.message).toContain('基本情况表!D13');
  });

  it('tallies an incomplete questionnaire as 未答完 and leaves it out of the totals', async () => {
    const values = exampleValues();
    const rows = values.in_survey_answers as RawValue[][];
    rows[1][2] = 5;
    rows[2][3] = '4';
    rows.push(['满意', '满意']);
    const { wb, evaluation } = await scoreWith(values);
    const survey = wb.getWorksheet('满意度调查')!;
    expect([4, 5, 6, 14].map((r) => shownValue(survey.getCell(`M${r}`)))).toEqual([50, 50, 49, '未答完']);
    expect(shownValue(survey.getCell('M34'))).toBe(429);
    expect(shownValue(survey.getCell('M35'))).toBe(10);
    expect(evaluation.indicators.find((i) => i.id === 'satisfaction')!.score!.toNumber()).toBe(6.86);
  });

  it('writes an empty score and grade while an indicator cannot be scored', async () => {
    const { wb } = await scoreWith({ ...exampleValues(), in_staff_quota: 0 });
    expect(namedCell(wb, 'score_staff_control').value ?? null).toBeNull();
    expect(namedCell(wb, 'score_grade').value ?? null).toBeNull();
    expect(String(namedCell(wb, 'status_text').value)).toMatch(/^评分未完成/);
    expect(namedCell(wb, 'in_staff_quota').value).toBe(0);
  });
});

describe('names that are gone or moved', () => {
  it('reports a deleted name as missing_name, without throwing, and scores the rest', async () => {
    const book = await template();
    book.fillInputs(scheme, exampleValues());
    book.workbook.definedNames.remove("'基本情况表'!$D$12", 'in_staff_quota');
    const back = await XlsxWorkbook.fromBuffer(await book.toBuffer());
    const inputs = await back.readInputs(scheme);
    expect(inputs.problems).toEqual([
      {
        severity: 'error',
        code: 'missing_name',
        message: expect.stringMatching(/^找不到“编制数”的单元格：名称 in_staff_quota 已被删除/),
        inputs: ['in_staff_quota'],
        cells: [],
      },
    ]);
    expect(inputs.values).not.toHaveProperty('in_staff_quota');
    const e = evaluate(scheme, inputs);
    expect(e.indicators.find((i) => i.id === 'staff_control')!.status).toBe('missing');
    expect(e.indicators.find((i) => i.id === 'goal_fit')!.score!.toNumber()).toBe(3);
    await back.writeOutputs(scheme, e);
    expect(namedCell(await reload(await back.toBuffer()), 'score_goal_fit').value).toBe(3);
  });

  it('a workbook without the survey grid (满意度调查 left out) scores satisfaction from the summary tallies', async () => {
    const book = await template();
    book.fillInputs(scheme, { ...exampleValues(), in_survey_answers: null, in_survey_points: 430, in_survey_count: 10 });
    const names = book.workbook.definedNames.model as { name: string; ranges: string[] }[];
    book.workbook.definedNames.model = names.filter((n) => n.name !== 'in_survey_answers');
    const inputs = await (await XlsxWorkbook.fromBuffer(await book.toBuffer())).readInputs(scheme);
    expect(inputs.problems).toEqual([
      {
        severity: 'info',
        code: 'missing_name',
        message: '工作簿中没有“满意度调查答卷”（名称 in_survey_answers），按基本情况表中填写的问卷总得分和份数计算',
        inputs: ['in_survey_answers'],
        cells: [],
      },
    ]);
    const e = evaluate(scheme, inputs);
    expect(e.indicators.find((i) => i.id === 'satisfaction')!.score!.toNumber()).toBe(6.88);
    expect(e.total.toNumber()).toBe(73.28);
  });

  it('reports a name whose sheet is gone (deleted, or #REF!) as missing_name naming the sheet', async () => {
    const book = await template();
    const model = book.workbook.definedNames.model.filter((n) => n.name !== 'in_staff_quota' && n.name !== 'in_year');
    book.workbook.definedNames.model = [
      ...model,
      { name: 'in_staff_quota', ranges: ["'旧基本情况表'!$D$12"] },
      { name: 'in_year', ranges: ['#REF!$D$10'] },
    ];
    const back = await XlsxWorkbook.fromBuffer(await book.toBuffer());
    const { problems } = await back.readInputs(scheme);
    expect(problems.map((p) => [p.code, p.inputs[0], p.message])).toEqual([
      ['missing_name', 'in_year', '找不到“评价年度”的单元格：名称 in_year 指向的工作表已被删除'],
      ['missing_name', 'in_staff_quota', '找不到“编制数”的单元格：名称 in_staff_quota 指向不存在的工作表“旧基本情况表”'],
    ]);
  });

  it('follows a name to wherever Excel moved it (a renamed sheet, rows inserted above)', async () => {
    const book = await template();
    book.fillInputs(scheme, exampleValues());
    const ws = book.workbook.getWorksheet('基本情况表')!;
    ws.name = '基本情况表（2024）';
    ws.getCell('D40').value = 25;
    // what Excel does to the names when a sheet is renamed and a cell moves
    book.workbook.definedNames.model = book.workbook.definedNames.model.map((n) => ({
      name: n.name,
      ranges:
        n.name === 'in_staff_quota' ? ["'基本情况表（2024）'!$D$40"] : n.ranges.map((r) => r.replace("'基本情况表'", "'基本情况表（2024）'")),
    }));
    const back = await XlsxWorkbook.fromBuffer(await book.toBuffer());
    const inputs = await back.readInputs(scheme);
    expect(inputs.problems).toEqual([]);
    expect(inputs.values.in_staff_quota).toBe(25);
    expect(inputs.cells!.in_staff_quota).toEqual({ sheet: '基本情况表（2024）', address: 'D40' });
    const e = evaluate(scheme, inputs);
    await back.writeOutputs(scheme, e);
    const wb = await reload(await back.toBuffer());
    expect(namedCell(wb, 'score_total').value).toBe(e.total.toNumber());
    expect(shownValue(wb.getWorksheet('基本情况表（2024）')!.getCell('D2'))).toBe(e.total.toNumber());
  });

  it('refuses to write an output into an input cell (a name redefined by hand), writing nothing', async () => {
    const book = await template();
    book.fillInputs(scheme, exampleValues());
    for (const r of book.workbook.definedNames.getRanges('score_total').ranges) book.workbook.definedNames.remove(r, 'score_total');
    book.workbook.definedNames.add("'基本情况表'!$D$12", 'score_total');
    const e = evaluate(scheme, await book.readInputs(scheme));
    await expect(book.writeOutputs(scheme, e)).rejects.toThrow(/输出名称 score_total 指向输入单元格 基本情况表!D12/);
    expect(namedCell(book.workbook, 'in_staff_quota').value).toBe(20);
    expect(namedCell(book.workbook, 'score_goal_fit').value ?? null).toBeNull();
  });

  it('fillInputs throws for a name the scheme does not have, or too many questionnaires', async () => {
    const book = await template();
    expect(() => book.fillInputs(scheme, { in_nonsense: 1 })).toThrow('没有输入 in_nonsense');
    expect(() => book.fillInputs(scheme, { in_survey_answers: Array(31).fill(Array(10).fill(5)) })).toThrow('最多30份问卷');
  });
});

describe('detectScheme', () => {
  it('finds the scheme of a template, through the adapter or a plain exceljs workbook', async () => {
    const book = await template();
    expect(detectScheme(book, [getScheme()])?.id).toBe('dept-2013');
    expect(detectScheme(book.workbook, [getScheme()])?.id).toBe('dept-2013');
  });

  it('gives null for a workbook without our names, or with only a few of them', async () => {
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').getCell('B1').value = 20;
    other.definedNames.add("'Sheet1'!$B$1", 'staff');
    expect(detectScheme(await reload(new Uint8Array(await other.xlsx.writeBuffer())), [getScheme()])).toBeNull();
    other.definedNames.add("'Sheet1'!$B$2", 'in_staff_quota');
    expect(detectScheme(other, [getScheme()])).toBeNull();
    expect(detectScheme(new ExcelJS.Workbook(), [getScheme()])).toBeNull();
  });
});
