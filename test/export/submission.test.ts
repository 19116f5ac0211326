/**
 * buildSubmission: the 报送版 of the worked example read back with a fresh exceljs workbook and as raw XML —
 * values only, everything locked and protected, print setup and names as the template's, re-scores the same;
 * text that looks like a formula stays text; errors block unless allowed, and then the file says so.
 */
import ExcelJS from 'exceljs';
import { evaluate } from '../../src/engine';
import type { RawValue } from '../../src/engine';
import { canonical } from '../../src/workbook/sync';
import { SYNC_SHEET } from '../../src/workbook/syncStore';
import { planTemplate } from '../../src/workbook/template';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { buildSubmission, checkBeforeExport, type Submission } from '../../src/workbook/export';
import {
  cellXml,
  dataValidationsOf,
  EXAMPLE_FILE_NAME,
  exampleValues,
  namedCell,
  protectionOf,
  reload,
  scheme,
  scoredWorkbook,
  sharedStrings,
  sheetXml,
  zipEntry,
} from './helpers';

const SHEETS = ['基本情况表', '评分表', '满意度调查'];

async function exported(values: Record<string, RawValue> = exampleValues(), allowErrors = false): Promise<Submission> {
  const { source } = await scoredWorkbook(values);
  const result = await buildSubmission(scheme, source, { allowErrors });
  if (result.kind !== 'submission') throw new Error(`blocked: ${result.blocking.map((f) => f.message).join('; ')}`);
  return result;
}

describe('the 报送版 of the worked example', () => {
  let sub: Submission;
  let wb: ExcelJS.Workbook;
  let template: ExcelJS.Workbook;
  beforeAll(async () => {
    sub = await exported();
    wb = await reload(sub.bytes);
    const blank = await XlsxWorkbook.create();
    await blank.insertTemplate(scheme, {});
    template = await reload(await blank.toBuffer());
  });

  it('is named after the unit and year, complete, and holds just the three sheets', () => {
    expect(sub.fileName).toBe(EXAMPLE_FILE_NAME);
    expect(sub.incomplete).toBe(false);
    expect(sub.errors).toEqual([]);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...SHEETS, 'jixiao_scheme']); // and the scheme it was made with
    expect(wb.worksheets.some((w) => w.name === SYNC_SHEET)).toBe(false);
    expect(wb.worksheets.map((w) => w.state)).toEqual(['visible', 'visible', 'visible', 'veryHidden']);
    expect(zipEntry(sub.bytes, '[Content_Types].xml')).not.toMatch(/webextension|vbaProject|calcChain/i);
  });

  it('has no formula anywhere: not in any cell exceljs reads, not in the XML', () => {
    for (const ws of wb.worksheets) {
      ws.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          expect([ws.name, cell.address, cell.type]).not.toEqual([ws.name, cell.address, ExcelJS.ValueType.Formula]);
        }),
      );
      expect(sheetXml(sub.bytes, ws.name)).not.toMatch(/<f[\s>/]/);
    }
    // the former formula cells hold their values
    expect(wb.getWorksheet('评分表')!.getCell('D2').value).toBe('示例县政务服务中心');
    expect(wb.getWorksheet('评分表')!.getCell('H2').value).toBe(2024);
    expect(wb.getWorksheet('评分表')!.getCell('I25').value).toBe(73.28);
    expect(wb.getWorksheet('基本情况表')!.getCell('E12').value).toBe('人');
    expect(wb.getWorksheet('满意度调查')!.getCell('M4').value).toBe(50);
    expect(wb.getWorksheet('满意度调查')!.getCell('M5').value).toBe(50);
    expect(wb.getWorksheet('满意度调查')!.getCell('M14').value).toBeNull();
  });

  it('holds the scores, total, grade and status', () => {
    // a score of 0 is printed as 0, not left blank (三公经费控制率 108.33% → 得0分)
    expect(namedCell(wb, 'score_sangong_control').value).toBe(0);
    expect(wb.getWorksheet('评分表')!.getCell('I12').value).toBe(0);
    expect(namedCell(wb, 'score_total').value).toBe(73.28);
    expect(namedCell(wb, 'score_grade').value).toBe('中');
    expect(namedCell(wb, 'score_staff_control').value).toBe(2);
    expect(namedCell(wb, 'text_staff_control').value).toBe('（21/20）×100%=105.00%，超过100%共5.00个百分点，扣2分，得2分');
    expect(String(namedCell(wb, 'status_text').value)).toMatch(/^评分完整/);
  });

  it('locks every cell and protects every sheet without a password; no data validation is left', () => {
    for (const ws of wb.worksheets) {
      ws.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          // exceljs reads the default (locked) back as no protection at all
          expect([ws.name, cell.address, cell.protection?.locked ?? true]).toEqual([ws.name, cell.address, true]);
        }),
      );
      const p = protectionOf(ws);
      expect(p.sheet).toBe(true);
      expect(p.hashValue).toBeUndefined();
      expect(p.algorithmName).toBeUndefined();
      expect(Object.keys(dataValidationsOf(ws))).toEqual([]);
      const xml = sheetXml(sub.bytes, ws.name);
      expect(xml).toMatch(/<sheetProtection sheet="1"/);
      expect(xml).not.toMatch(/password|hashValue|<dataValidation/);
    }
    expect(zipEntry(sub.bytes, 'xl/styles.xml')).not.toMatch(/locked="0"/);
    // the input cells too
    expect(namedCell(wb, 'in_staff_quota').protection?.locked ?? true).toBe(true);
  });

  it('keeps the template’s print setup: A4, 评分表 landscape, fit to width, print area, title rows, footer', () => {
    const keys = ['paperSize', 'orientation', 'fitToPage', 'fitToWidth', 'fitToHeight', 'printArea', 'printTitlesRow', 'margins', 'horizontalCentered'] as const;
    for (const name of SHEETS) {
      const a = wb.getWorksheet(name)!;
      const t = template.getWorksheet(name)!;
      for (const k of keys) expect([name, k, a.pageSetup[k]]).toEqual([name, k, t.pageSetup[k]]);
      expect(a.headerFooter.oddFooter).toBe(t.headerFooter.oddFooter);
      expect(a.headerFooter.oddHeader ?? '').not.toMatch(/尚未完成/);
      expect(a.pageSetup.paperSize).toBe(9);
      expect(a.pageSetup.fitToWidth).toBe(1);
      expect(a.pageSetup.printTitlesRow).toBeTruthy();
    }
    expect(wb.getWorksheet('评分表')!.pageSetup).toMatchObject({ orientation: 'landscape', printArea: 'A1:H25', printTitlesRow: '1:3' });
    expect(wb.getWorksheet('基本情况表')!.pageSetup.orientation).toBe('portrait');
    expect(wb.getWorksheet('满意度调查')!.pageSetup.orientation).toBe('portrait');
  });

  it('keeps every defined name: inputs where the template has them, outputs on the visible cells that show them', () => {
    const names = new Map(wb.definedNames.model.map((n) => [n.name, n.ranges]));
    const plan = planTemplate(scheme, {});
    expect([...names.keys()].sort()).toEqual(plan.names.map((n) => n.name).sort());
    for (const n of plan.names) {
      const at = n.shownAt ?? n;
      const abs = at.range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
      expect([n.name, names.get(n.name)]).toEqual([n.name, [`'${at.sheet}'!${abs}`]]);
    }
    expect(names.get('score_total')).toEqual(["'基本情况表'!$D$2"]);
    expect(names.get('text_goal_fit')).toEqual(["'评分表'!$H$4"]);
    expect(zipEntry(sub.bytes, 'xl/workbook.xml')).not.toMatch(/jixiao_out/);
  });

  it('re-opens and re-scores to the same inputs, total 73.28 and grade 中', async () => {
    const again = await XlsxWorkbook.fromBuffer(sub.bytes);
    const inputs = await again.readInputs(scheme);
    expect(inputs.problems).toEqual([]);
    const values = exampleValues();
    for (const input of scheme.inputs) {
      expect([input.name, canonical(inputs.values[input.name])]).toEqual([input.name, canonical(values[input.name])]);
    }
    const e = evaluate(scheme, inputs);
    expect(e.total.toNumber()).toBe(73.28);
    expect(e.grade).toBe('中');
    expect(e.issues.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('text that looks like a formula', () => {
  const TEXTS: Record<string, string> = {
    in_problems: '=SUM(A1)',
    in_phone: '+86 123',
    in_spend_analysis: '-负数说明',
    in_filler: '@foo',
    in_improvements: '=HYPERLINK("http://example.com","点击")',
    in_dept_head: "=cmd|' /C calc'!A0",
  };

  it('stays a string cell with exactly that text, and no <f> in the XML', async () => {
    const sub = await exported({ ...exampleValues(), ...TEXTS });
    const wb = await reload(sub.bytes);
    const strings = sharedStrings(sub.bytes);
    for (const [name, text] of Object.entries(TEXTS)) {
      const cell = namedCell(wb, name);
      expect([name, cell.type, cell.value]).toEqual([name, ExcelJS.ValueType.String, text]);
      const xml = cellXml(sheetXml(sub.bytes, cell.worksheet.name), cell.address);
      expect(xml).not.toMatch(/<f[\s>/]/);
      const shared = /t="s"[^>]*><v>(\d+)<\/v>/.exec(xml);
      const inline = /t="inlineStr"[^>]*><is><t[^>]*>(.*?)<\/t>/.exec(xml);
      expect([name, shared ? strings[Number(shared[1])] : inline?.[1]]).toEqual([name, text]);
    }
    // and read back as the same inputs
    const inputs = await (await XlsxWorkbook.fromBuffer(sub.bytes)).readInputs(scheme);
    for (const [name, text] of Object.entries(TEXTS)) expect(inputs.values[name]).toBe(text);
  });
});

describe('other values as typed', () => {
  it('a date, a boolean and a number typed as text come back as they were', async () => {
    const date = new Date(Date.UTC(2025, 2, 15));
    const sub = await exported({ ...exampleValues(), in_fill_date: date, in_goal_fit_1: true, in_staff_actual: '21人' });
    const inputs = await (await XlsxWorkbook.fromBuffer(sub.bytes)).readInputs(scheme);
    expect(inputs.values.in_fill_date).toEqual(date);
    expect(inputs.values.in_goal_fit_1).toBe(true);
    expect(inputs.values.in_staff_actual).toBe('21人');
    expect(evaluate(scheme, inputs).total.toNumber()).toBe(73.28);
  });

  it('refuses an evaluation of another scheme', async () => {
    const { source } = await scoredWorkbook();
    await expect(buildSubmission(scheme, { ...source, evaluation: { ...source.evaluation, scheme: 'other' } }, { allowErrors: true })).rejects.toThrow(/评分方案 other/);
  });
});

describe('errors block the export', () => {
  it('checkBeforeExport lists the error findings only (warnings do not block)', async () => {
    expect(checkBeforeExport((await scoredWorkbook()).evaluation)).toEqual([]);
    const warned = await scoredWorkbook({ ...exampleValues(), in_spend_basic: 400 });
    expect(warned.evaluation.issues.some((f) => f.severity === 'warning')).toBe(true);
    expect(checkBeforeExport(warned.evaluation)).toEqual([]);
    const bad = await scoredWorkbook({ ...exampleValues(), in_staff_quota: 0 });
    const blocking = checkBeforeExport(bad.evaluation);
    expect(blocking.length).toBeGreaterThan(0);
    expect(blocking.every((f) => f.severity === 'error')).toBe(true);
    expect(blocking.some((f) => f.inputs.includes('in_staff_quota'))).toBe(true);
  });

  it('without allowErrors: the blocking findings, no file', async () => {
    const { source } = await scoredWorkbook({ ...exampleValues(), in_staff_quota: 0 });
    const result = await buildSubmission(scheme, source, { allowErrors: false });
    expect(result.kind).toBe('blocked');
    if (result.kind !== 'blocked') return;
    expect(result.blocking).toEqual(checkBeforeExport(source.evaluation));
    expect(result.blocking[0].message).toMatch(/编制数（基本情况表!D12）/);
    expect('bytes' in result).toBe(false);
  });

  it('with allowErrors: exported, and its 基本情况表 and page headers say it is incomplete; total and grade as computed', async () => {
    const { source } = await scoredWorkbook({ ...exampleValues(), in_staff_quota: 0 });
    const result = await buildSubmission(scheme, source, { allowErrors: true });
    expect(result.kind).toBe('submission');
    if (result.kind !== 'submission') return;
    expect(result.incomplete).toBe(true);
    expect(result.errors).toEqual(checkBeforeExport(source.evaluation));
    expect(result.fileName).toBe(EXAMPLE_FILE_NAME);
    const wb = await reload(result.bytes);
    const status = namedCell(wb, 'status_text');
    expect(status.worksheet.name).toBe('基本情况表');
    expect(status.row).toBeLessThanOrEqual(5);
    const n = result.errors.length;
    expect(String(status.value)).toMatch(new RegExp(`^本表尚未完成：有${n}处错误`));
    expect(String(status.value)).toContain('编制数（基本情况表!D12）');
    expect(status.font.bold).toBe(true);
    expect(status.font.color?.argb).toBe('FFC00000');
    expect(namedCell(wb, 'score_total').value).toBe(71.28);
    expect(source.evaluation.total.toNumber()).toBe(71.28);
    expect(namedCell(wb, 'score_grade').value).toBeNull();
    expect(namedCell(wb, 'score_staff_control').value).toBeNull();
    for (const ws of wb.worksheets) expect(ws.headerFooter.oddHeader).toMatch(/本表尚未完成（有\d+处错误）/);
    // re-scores to the same result
    const again = evaluate(scheme, await (await XlsxWorkbook.fromBuffer(result.bytes)).readInputs(scheme));
    expect(again.total.toNumber()).toBe(71.28);
    expect(checkBeforeExport(again)).toEqual(result.errors);
    // still values only and locked
    for (const ws of wb.worksheets) {
      expect(sheetXml(result.bytes, ws.name)).not.toMatch(/<f[\s>/]/);
      expect(protectionOf(ws).sheet).toBe(true);
    }
  });

  it('a blank template with allowErrors: every input blank (no prefilled unit), generic file name', async () => {
    const book = await XlsxWorkbook.create();
    await book.insertTemplate(scheme, {});
    book.fillInputs(scheme, { in_unit: null });
    const inputs = await book.readInputs(scheme);
    const evaluation = evaluate(scheme, inputs);
    const result = await buildSubmission(scheme, { values: inputs.values, evaluation }, { allowErrors: true });
    if (result.kind !== 'submission') throw new Error('blocked');
    expect(result.fileName).toBe('部门整体支出绩效自评表.xlsx');
    const wb = await reload(result.bytes);
    expect(namedCell(wb, 'in_unit').value).toBeNull();
    expect(String(namedCell(wb, 'status_text').value)).toMatch(/^本表尚未完成：有\d+处错误，\d+项指标无法评分/);
  });
});

describe('exceljs stays out of the pane’s initial bundle', () => {
  it('the module loads and checks without exceljs; only building loads it', async () => {
    await jest.isolateModulesAsync(async () => {
      jest.doMock('exceljs', () => {
        throw new Error('exceljs loaded');
      });
      const mod = await import('../../src/workbook/export');
      const { evaluation, values } = { evaluation: evaluate(scheme, { values: exampleValues() }), values: exampleValues() };
      expect(mod.checkBeforeExport(evaluation)).toEqual([]);
      expect(mod.submissionFileName('某局', 2024)).toBe('某局2024年度部门整体支出绩效自评表.xlsx');
      await expect(mod.buildSubmission(scheme, { values, evaluation }, { allowErrors: false })).rejects.toThrow(/exceljs loaded/);
    });
  });
});
