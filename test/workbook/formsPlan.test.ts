/**
 * The plans of the target-table schemes: the sheet kinds target_form, data_form and forms_summary as data —
 * names (sheet-scoped for a form per sheet), the table band, merges, validation, protection, print setup —
 * and dept-2013 drawn by the same registry.
 */
import { getScheme } from '../../src/engine';
import {
  formSheetName,
  nameLocations,
  outputHomes,
  planTemplate,
  ROW_PROTECTION,
  schemeNames,
  sheetRenderers,
  STYLES,
} from '../../src/workbook/template';
import type { PlanCell, SheetPlan, TemplatePlan } from '../../src/workbook/template';
import { corners } from '../../src/workbook/template/geometry';
import { bottomRow, dept2020, project, topRow } from './formsHelpers';

const cellAt = (sheet: SheetPlan, address: string): PlanCell | undefined => sheet.cells.find((c) => c.address === address);
const sheetNamed = (plan: TemplatePlan, name: string) => plan.sheets.find((s) => s.name === name)!;

test('the registry draws every sheet kind the engine knows', () => {
  expect(Object.keys(sheetRenderers).sort()).toEqual(['data_form', 'forms_summary', 'indicator_table', 'input_form', 'survey_grid', 'target_form']);
  const plan = planTemplate(getScheme('dept-2013'));
  expect(plan.sheets.map((s) => [s.name, s.kind, s.role])).toEqual([
    ['基本情况表', 'input_form', 'summary'],
    ['评分表', 'indicator_table', 'scoring'],
    ['满意度调查', 'survey_grid', 'survey'],
  ]);
  expect(plan.forms).toEqual([{ sheet: null, resultsColumn: 'B' }]);
  expect(plan.names.every((n) => n.scope === undefined)).toBe(true);
});

describe('project-2020: one form per sheet', () => {
  const plan = planTemplate(project, { dept: '示例县数据局', year: 2024, unit: '万元', forms: [{}, {}, {}] });
  const forms = plan.sheets.filter((s) => s.kind === 'target_form');

  test('three project sheets, numbered, then 项目自评汇总; each form its column of the results sheet', () => {
    expect(plan.sheets.map((s) => s.name)).toEqual(['项目支出绩效自评表1', '项目支出绩效自评表2', '项目支出绩效自评表3', '项目自评汇总']);
    expect(forms.map((s) => s.form)).toEqual([0, 1, 2]);
    expect(plan.forms).toEqual([
      { sheet: '项目支出绩效自评表1', resultsColumn: 'B' },
      { sheet: '项目支出绩效自评表2', resultsColumn: 'C' },
      { sheet: '项目支出绩效自评表3', resultsColumn: 'D' },
    ]);
  });

  test('every name of a project is that sheet’s own, once, and all of them are there', () => {
    const { inputs, outputs } = schemeNames(project);
    for (const sheet of forms) {
      const own = plan.names.filter((n) => n.scope === sheet.name).map((n) => n.name);
      expect(own.sort()).toEqual([...inputs, ...outputs].sort());
      for (const n of plan.names.filter((x) => x.scope === sheet.name && x.role === 'input')) expect(n.sheet).toBe(sheet.name);
    }
    expect(plan.names.filter((n) => n.scope === undefined)).toEqual([]);
    // the single-cell outputs of form k live in its column of the results sheet, shown on its own sheet
    const total = plan.names.filter((n) => n.name === 'score_total');
    expect(total.map((n) => [n.scope, n.sheet, n.range.replace(/\d+/, ''), n.shownAt?.sheet])).toEqual([
      ['项目支出绩效自评表1', 'jixiao_out', 'B', '项目支出绩效自评表1'],
      ['项目支出绩效自评表2', 'jixiao_out', 'C', '项目支出绩效自评表2'],
      ['项目支出绩效自评表3', 'jixiao_out', 'D', '项目支出绩效自评表3'],
    ]);
  });

  const sheet = forms[0];
  const at = nameLocations(plan, sheet.name);

  test('the table input and its row outputs span the same rows, which are the unlocked band', () => {
    const table = corners(at.get('in_indicators')!.range);
    const scores = corners(at.get('score_rows')!.range);
    const texts = corners(at.get('text_rows')!.range);
    // field order = the engine's: one column per field
    expect(table.right - table.left + 1).toBe(project.table('in_indicators').fields.length);
    expect([scores.top, scores.bottom, texts.top, texts.bottom]).toEqual([table.top, table.bottom, table.top, table.bottom]);
    expect([scores.left, texts.left]).toEqual([table.right + 1, table.right + 2]);
    expect(sheet.rowBands).toEqual([{ first: table.top, last: table.bottom }]);
    // the row outputs are shown where they are: their name's own cells
    expect(outputHomes(plan, sheet.name).get('score_rows')).toEqual({ sheet: sheet.name, range: at.get('score_rows')!.range });
    // every cell of the band is unlocked (the band's rows can be deleted on the protected sheet)
    const band = sheet.cells.filter((c) => {
      const r = topRow(c.address);
      return r >= table.top && r <= table.bottom;
    });
    expect(band.length).toBe((table.bottom - table.top + 1) * (table.right - table.left + 3));
    expect(band.every((c) => STYLES[c.style].locked === false)).toBe(true);
    expect(sheet.merges.filter((m) => corners(m).bottom >= table.top && corners(m).top <= table.bottom)).toEqual([]);
    expect(sheet.protection).toEqual(ROW_PROTECTION);
    expect(ROW_PROTECTION).toMatchObject({ insertRows: true, deleteRows: true, formatCells: false, selectLockedCells: true });
  });

  test('pre-laid with the standard 一级/二级 rows and spare rows; text columns kept as typed', () => {
    const first = topRow(at.get('in_indicators')!.range);
    const last = bottomRow(at.get('in_indicators')!.range);
    const groups = project.targets!.levels.flatMap((l) => l.groups);
    expect(last - first + 1).toBe(groups.length * 2 + 4);
    expect(cellAt(sheet, `A${first}`)!.value).toBe('产出指标（50分）');
    expect(cellAt(sheet, `B${first}`)!.value).toBe('数量指标');
    expect(cellAt(sheet, `B${first + 1}`)!.value).toBeUndefined();
    expect(cellAt(sheet, `B${first + 2}`)!.value).toBe('质量指标');
    expect(cellAt(sheet, `A${first + 8}`)!.value).toBe('效益指标（30分）');
    expect(cellAt(sheet, `A${first + 16}`)!.value).toBe('满意度指标（10分）');
    expect(cellAt(sheet, `B${first + 16}`)!.value).toBe('服务对象满意度指标');
    // 95% typed into 年度指标值 stays 95%: the text columns are Text-formatted
    expect(STYLES[cellAt(sheet, `E${first}`)!.style].numFmt).toBe('@');
    expect(STYLES[cellAt(sheet, `G${first}`)!.style].numFmt).toBe('@');
    expect(STYLES[cellAt(sheet, `H${first}`)!.style].numFmt).toBeUndefined();
    // headers: the fields' labels in field order, then 得分 and 计算过程
    const header = first - 1;
    expect(['A', 'D', 'F', 'K', 'L', 'M'].map((c) => cellAt(sheet, `${c}${header}`)!.value)).toEqual(['一级指标', '指标性质', '度量单位', '偏差原因分析及改进措施', '得分', '计算过程']);
  });

  test('validation: 指标性质 and 完成情况 dropdowns, numbers for 分值, and the output columns refuse typing', () => {
    const v = (range: string) => sheet.validations.find((x) => x.range === range)!;
    const table = at.get('in_indicators')!.range;
    const [t, b] = [topRow(table), bottomRow(table)];
    expect(v(`D${t}:D${b}`).rule).toEqual({ type: 'list', values: ['≥', '≤', '=', '定性'] });
    expect(v(`D${t}:D${b}`).errorStyle).toBe('warning');
    expect(v(`I${t}:I${b}`).rule).toEqual({ type: 'list', values: ['达成', '部分达成', '未达成'] });
    expect(v(`H${t}:H${b}`).rule).toEqual({ type: 'decimal', min: 0 });
    for (const c of ['L', 'M']) {
      const refuse = v(`${c}${t}:${c}${b}`);
      expect(refuse.rule).toEqual({ type: 'refuse' });
      expect(refuse.errorStyle).toBe('stop');
      expect(refuse.prompt.text).toBe('由加载项自动计算，请勿填写。');
      expect(STYLES[cellAt(sheet, `${c}${t}`)!.style].fill).toBe('E7E6E6');
    }
    expect(v(at.get('in_unit')!.range + ':' + 'M' + topRow(at.get('in_unit')!.range)).rule).toEqual({ type: 'list', values: ['元', '万元'] });
  });

  test('header, funds block with its three sub-lines, goals, total and grade', () => {
    expect(cellAt(sheet, 'A1')).toMatchObject({ style: 'title', value: '项目支出绩效自评表' });
    expect(cellAt(sheet, at.get('in_dept_name')!.range)!.value).toBe('示例县数据局');
    expect(cellAt(sheet, at.get('in_year')!.range)!.value).toBe(2024);
    const fundsRow = topRow(at.get('in_fund_full')!.range);
    expect(cellAt(sheet, `A${fundsRow - 1}`)).toMatchObject({ value: '项目资金（万元）', formula: '"项目资金（"&IF(in_unit="","万元",in_unit)&"）"' });
    expect(cellAt(sheet, `A${fundsRow}`)!.value).toBe('年度资金总额');
    expect([1, 2, 3].map((i) => cellAt(sheet, `A${fundsRow + i}`)!.value)).toEqual(['其中：当年财政拨款', '　　　上年结转资金', '　　　其他资金']);
    expect(cellAt(sheet, `J${fundsRow + 1}`)!.value).toBe('—');
    const homes = outputHomes(plan, sheet.name);
    expect([homes.get('rate_exec'), homes.get('score_exec'), homes.get('text_exec')]).toEqual([
      { sheet: sheet.name, range: `K${fundsRow}` },
      { sheet: sheet.name, range: `L${fundsRow}` },
      { sheet: sheet.name, range: `M${fundsRow}` },
    ]);
    expect(STYLES[cellAt(sheet, `K${fundsRow}`)!.style].numFmt).toBe('0.00"%"');
    const totalRow = homes.get('score_total')!.range;
    expect(topRow(totalRow)).toBe(bottomRow(at.get('in_indicators')!.range) + 1);
    expect(cellAt(sheet, `A${topRow(totalRow)}`)!.value).toBe('总分');
    expect(cellAt(sheet, `H${topRow(totalRow)}`)!.value).toBe(100);
    expect(cellAt(sheet, homes.get('score_grade')!.range)!.formula).toBe('IF(score_grade="","",score_grade)');
    expect(at.get('in_goal_expected')!.sheet).toBe(sheet.name);
  });

  test('A4 landscape, one page wide, the table’s header repeated, 宋体', () => {
    const header = topRow(at.get('in_indicators')!.range) - 1;
    expect(sheet.print).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: `${header}:${header}` });
    expect(sheet.print.area).toBe(`A1:M${topRow(at.get('in_filler')!.range)}`);
    expect(plan.font).toBe('宋体');
  });

  test('项目自评汇总: one row per project, each cell showing that project’s own name, 合计 adding the amounts', () => {
    const summary = sheetNamed(plan, '项目自评汇总');
    expect(['A3', 'B3', 'C3', 'D3', 'E3', 'F3', 'G3'].map((a) => cellAt(summary, a)!.value)).toEqual(['序号', '项目名称', '全年预算数', '全年执行数', '执行率', '总分', '等级']);
    expect(cellAt(summary, 'B5')).toMatchObject({ formula: `IF('项目支出绩效自评表2'!in_project_name="","",'项目支出绩效自评表2'!in_project_name)`, derive: { kind: 'formName', sheet: '项目支出绩效自评表2', name: 'in_project_name' } });
    expect(cellAt(summary, 'F6')!.formula).toBe(`IF('项目支出绩效自评表3'!score_total="","",'项目支出绩效自评表3'!score_total)`);
    expect(cellAt(summary, 'A7')!.value).toBe('合计');
    expect(cellAt(summary, 'C7')!.formula).toBe(`SUM('项目支出绩效自评表1'!in_fund_full,'项目支出绩效自评表2'!in_fund_full,'项目支出绩效自评表3'!in_fund_full)`);
    expect(cellAt(summary, 'F7')!.formula).toBeUndefined();
    expect(summary.cells.every((c) => STYLES[c.style].locked)).toBe(true);
  });

  test('a form laid out for data holds its rows and the spare ones, blank; its sheet named as given, made valid', () => {
    const sized = planTemplate(project, { forms: [{ sheet: '污水/处理:项目', rows: { in_indicators: 40 } }] });
    const name = sized.sheets[0].name;
    expect(name).toBe('污水 处理 项目');
    const range = nameLocations(sized, name).get('in_indicators')!.range;
    expect(bottomRow(range) - topRow(range) + 1).toBe(40 + 4);
    expect(sized.sheets[0].cells.find((c) => c.address === `A${topRow(range)}`)!.value).toBeUndefined();
  });
});

test('sheet names for forms: forbidden characters, 31 characters, different from the others', () => {
  expect(formSheetName('a[b]c*d?e/f\\g:h', [], 'x')).toBe('a b c d e f g h');
  expect(formSheetName('项目', ['项目'], 'x')).toBe('项目(2)');
  expect(formSheetName('项目', ['项目', '项目(2)'], 'x')).toBe('项目(3)');
  expect([...formSheetName('很'.repeat(40), [], 'x')]).toHaveLength(31);
  expect(formSheetName('很'.repeat(40), ['很'.repeat(31)], 'x')).toBe(`${'很'.repeat(28)}(2)`);
  expect(formSheetName("  ''  ", [], '项目1')).toBe('项目1');
  expect(formSheetName('JIXIAO_OUT', [], '项目1')).toBe('项目1');
});

describe('dept-2020: the 自评表 and the 基础数据表, workbook-wide names', () => {
  const plan = planTemplate(dept2020, { unit: '万元' });
  const form = plan.sheets[0];
  const data = plan.sheets[1];
  const at = nameLocations(plan);

  test('the two sheets; every name once, workbook-wide', () => {
    expect(plan.sheets.map((s) => [s.name, s.kind])).toEqual([
      ['部门整体支出绩效自评表', 'target_form'],
      ['部门整体支出绩效评价基础数据表', 'data_form'],
    ]);
    const { inputs, outputs } = schemeNames(dept2020);
    expect(plan.names.map((n) => n.name).sort()).toEqual([...inputs, ...outputs].sort());
  });

  test('年度预算申请 with 按收入性质分 and 按支出性质分 under 全年预算数', () => {
    const full = corners(at.get('in_fund_full')!.range);
    for (const n of ['in_fund_general', 'in_fund_gov_fund', 'in_fund_special', 'in_fund_other', 'in_fund_basic', 'in_fund_project']) {
      expect([n, corners(at.get(n)!.range).left]).toEqual([n, full.left]);
    }
    expect(form.cells.find((c) => c.value === '按收入性质分')).toBeDefined();
    expect(form.cells.find((c) => c.value === '　一般公共预算')).toBeDefined();
    expect(cellAt(form, `A${full.top - 1}`)!.value).toBe('年度预算申请（万元）');
  });

  test('基础数据表: inputs in their blocks, rates computed and explained, subtotals by formula, 项目支出 as rows', () => {
    const staff = corners(at.get('in_staff_quota')!.range);
    expect(cellAt(data, `B${staff.top - 1}`)!.value).toBe('编制数');
    const homes = outputHomes(plan);
    expect(homes.get('rate_staff_control')).toEqual({ sheet: data.name, range: `D${staff.top}` });
    expect(STYLES[cellAt(data, `D${staff.top}`)!.style].numFmt).toBe('0.00"%"');
    expect(homes.get('text_staff_control')!.range).toBe(`B${staff.top + 1}`);
    const car = data.cells.find((c) => c.derive?.kind === 'sum')!;
    expect(car.formula).toBe('IF(COUNT(in_car_buy_prev,in_car_run_prev)=0,"",SUM(in_car_buy_prev,in_car_run_prev))');
    const lines = corners(at.get('in_project_lines')!.range);
    expect([lines.left, lines.right, lines.bottom - lines.top + 1]).toEqual([1, 4, 6]);
    expect(data.rowBands).toEqual([{ first: lines.top, last: lines.bottom }]);
    expect(data.protection).toMatchObject({ insertRows: true, deleteRows: true });
    expect(data.print).toMatchObject({ paperSize: 9, orientation: 'portrait', titleRows: '1:2' });
  });
});

describe('the 报送版 layout (submitted)', () => {
  const plan = planTemplate(project, { submitted: true, forms: [{ sheet: '项目', rows: { in_indicators: 9 } }] });
  const sheet = plan.sheets[0];
  const at = nameLocations(plan, '项目');

  test('the national columns printed, the typed table kept in hidden columns beside them', () => {
    const header = topRow(at.get('in_indicators')!.range) - 1;
    expect(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((c) => cellAt(sheet, `${c}${header}`)!.value)).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
    ]);
    expect(sheet.print.area).toMatch(/^A1:H\d+$/);
    const table = corners(at.get('in_indicators')!.range);
    expect([table.left, table.right, table.bottom - table.top + 1]).toEqual([10, 20, 9]);
    expect(corners(at.get('score_rows')!.range).left).toBe(7);
    expect(sheet.hiddenColumns).toEqual(['I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U']);
    // the unit's own check lines are not on the national form
    expect(sheet.hiddenRows).toEqual([topRow(at.get('in_fund_rate_self')!.range), topRow(at.get('in_total_self')!.range)]);
    expect(sheet.rowBands).toEqual([]);
  });
});
