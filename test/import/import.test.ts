/**
 * Import round trips: hand-made tables built in the shapes real ones take (title rows, merged cells, a header over
 * two rows, a spacer column, Word tables) made into workbooks, which are then read back and scored as `jixiao
 * score` does — the rescoring equals the hand-made report's, every row and every fund is there; a 2013 评分表 gives
 * the inputs its calculation texts state and lists the rest; --next-year keeps the targets and clears the year's
 * outcome.
 */
import { getScheme, toJson, type EvaluationJson, type RawValue } from '../../src/engine';
import { handmadeOf, type HandmadeForm } from '../../src/import';
import { ImportError, importLines, importWorkbook, type ImportReport } from '../../src/import/workbook';
import { FormsFile, type ScoredForm } from '../../src/workbook/forms';
import { _, docx, xlsx, type SheetSpec, type TableSpec } from './build';
import * as F from './forms';

/** A table placed on a sheet below its title row (merged across). */
function sheet(name: string, title: string | null, t: TableSpec): SheetSpec {
  const shift = title ? 1 : 0;
  const width = Math.max(...t.rows.map((r) => r.length));
  const last = String.fromCharCode(64 + width);
  return {
    name,
    rows: [...(title ? [[title]] : []), ...t.rows],
    merges: [...(title ? [`A1:${last}1`] : []), ...(t.merges ?? []).map((m) => m.replace(/\d+/g, (d) => String(Number(d) + shift)))],
  };
}

/** The workbook's forms as `jixiao score` reads and scores them. */
function scored(bytes: Uint8Array, scheme: string): ScoredForm[] {
  return FormsFile.open(bytes).score(getScheme(scheme));
}

/** What the rescoring says of each row and of the whole: the part an import must keep. */
const outcome = (e: EvaluationJson) => ({
  total: e.total,
  grade: e.grade,
  complete: e.complete,
  execution: e.execution,
  indicators: e.indicators.map((i) => ({ ...i })),
});

/** The rows of the target table that hold something (the template leaves a few blank rows to add to). */
const rowsOf = (values: Record<string, RawValue>) => (values.in_indicators as RawValue[][]).filter((r) => r.some((c) => c !== null && c !== ''));

describe('a Sichuan-style project table with slips (title row, merged cells), typed into a workbook', () => {
  const spec = F.sichuanProject({ slips: true });
  let bytes: Uint8Array;
  let form: HandmadeForm;
  let made: { bytes: Uint8Array; report: ImportReport };
  beforeAll(async () => {
    bytes = await xlsx([{ name: '自评表', rows: spec.rows, merges: spec.merges }]);
    form = handmadeOf(bytes, '数据局.xlsx').forms[0];
    made = await importWorkbook(bytes, '数据局.xlsx');
  });

  test('one project sheet named after the project, of scheme project-2020', () => {
    expect(made.report.scheme.id).toBe('project-2020');
    const forms = scored(made.bytes, 'project-2020');
    expect(forms.map((f) => f.sheet)).toEqual(['政务数据共享平台运维']);
    expect(made.report.forms.map((f) => [f.sheet, f.project, f.dept, f.year, f.rows, f.from])).toEqual([
      ['政务数据共享平台运维', '政务数据共享平台运维', '示例县数据局', 2024, 9, '自评表!A1:J16'],
    ]);
  });

  test('score of the workbook equals the rescoring of the hand-made report: every row, the execution line, the total', () => {
    const e = toJson(scored(made.bytes, 'project-2020')[0].evaluation);
    expect(outcome(e)).toEqual(outcome(form.evaluation!));
    // by hand: 9.24 + 15 + 10 + 9.97 + 3.75 + 10 + 8 + 10 + 10 = 85.96 (the 定性 row r6 waits for its 完成情况)
    expect(e.total).toBe(85.96);
    expect(e.indicators.map((i) => i.score)).toEqual([15, 10, 9.97, 3.75, 10, null, 8, 10, 10]);
    expect(made.report.forms[0].total).toBe(85.96);
    expect(made.report.forms[0].unscored).toEqual([{ name: '政务服务网办率提升', text: '定性指标，请选择完成情况（达成、部分达成或未达成）' }]);
  });

  test('every row and every fund is in the workbook as the file states them, the 总分 the unit wrote too', () => {
    const v = scored(made.bytes, 'project-2020')[0].values;
    expect([v.in_fund_initial, v.in_fund_full, v.in_fund_spent, v.in_fund_rate_self, v.in_fund_score_self, v.in_total_self]).toEqual([120, 150, 138.6, '92%', 9.24, 92.96]);
    expect([v.in_dept_name, v.in_project_name, v.in_year, v.in_unit]).toEqual(['示例县数据局', '政务数据共享平台运维', 2024, '万元']);
    const rows = rowsOf(v);
    expect(rows).toHaveLength(9);
    // level1, level2, name, sense, target, unit, actual, weight, rating, score, deviation
    expect(rows[2]).toEqual(['产出指标', '质量指标', '系统可用率', '≥', 99.5, '%', 99.2, 10, null, 9.5, '机房停电一次，99.2/99.5×10=9.5分']);
    expect(rows.map((r) => r[2])).toEqual(['接入部门数', '共享数据目录', '系统可用率', '故障响应时间', '运维成本', '政务服务网办率提升', '企业办事成本降低', '平台持续稳定运行', '服务对象满意度']);
    expect(rows.map((r) => r[7])).toEqual([15, 10, 10, 5, 10, 10, 10, 10, 10]);
  });

  test('the report says where each input came from', () => {
    const filled = Object.fromEntries(made.report.forms[0].filled.map((f) => [f.name, f.cell]));
    expect(filled).toMatchObject({ in_fund_initial: '自评表!D4', in_fund_spent: '自评表!F4', in_project_name: '自评表!B2', in_total_self: '自评表!I16' });
    const lines = importLines(made.report, 'out.xlsx');
    expect(lines[0]).toBe('已从“数据局.xlsx”导入项目支出绩效自评表（project-2020），写入：out.xlsx');
    expect(lines).toContain('  绩效指标 9 行');
    expect(lines).toContain('  待补充：“政务服务网办率提升”：定性指标，请选择完成情况（达成、部分达成或未达成）');
    expect(lines).toContain('  评分：总分 85.96 分，尚未评完（有输入待填写）');
  });
});

describe('the same project in a Word report', () => {
  test('the Word table gives the same workbook contents and the same rescoring', async () => {
    const spec = F.sichuanProject();
    const bytes = docx(['示例县数据局2024年度项目支出绩效自评报告', '一、项目基本情况', spec, '二、存在的问题']);
    const form = handmadeOf(bytes, '报告.docx').forms[0];
    const made = await importWorkbook(bytes, '报告.docx');
    const forms = scored(made.bytes, 'project-2020');
    expect(forms).toHaveLength(1);
    expect(outcome(toJson(forms[0].evaluation))).toEqual(outcome(form.evaluation!));
    expect(rowsOf(forms[0].values)).toHaveLength(9);
    expect(rowsOf(forms[0].values)[2].slice(0, 10)).toEqual(['产出指标', '质量指标', '系统可用率', '≥', 99.5, '%', 99.2, 10, null, 9.97]);
    expect(made.report.forms[0].filled.find((f) => f.name === 'in_fund_spent')?.cell).toBe('表1!R4C6');
  });
});

describe('城陵矶新港区 2024: a Word report holding a department form, its 基础数据表 and a project form', () => {
  const report = () => docx([...F.CLJ_REPORT_HEAD, F.CLJ_BASIC_TITLE, F.CLJ_BASIC, F.CLJ_DEPT_TITLE, F.CLJ_DEPT, F.CLJ_PROJECT_TITLE, F.CLJ_PROJECT, ...F.CLJ_REPORT_TAIL]);

  test('without a scheme it cannot be placed in one workbook: the message names both kinds', async () => {
    await expect(importWorkbook(report(), '自评报告.docx')).rejects.toThrow(
      new ImportError('“自评报告.docx”中有多种表：部门整体支出绩效自评表（dept-2020）、项目支出绩效自评表（project-2020）；一个工作簿只放一种，请用 --scheme 指定要导入哪一种'),
    );
  });

  test('dept-2020: the target table and the 基础数据表 in one workbook, rescored as the report', async () => {
    const bytes = report();
    const form = handmadeOf(bytes, '自评报告.docx').forms.find((f) => f.scheme === 'dept-2020')!;
    const made = await importWorkbook(bytes, '自评报告.docx', { scheme: getScheme('dept-2020') });
    expect(made.report.skipped).toEqual(['项目支出绩效自评表“12345“接诉即办”及”一网通办”项目平台建设”（表3!R1C1:R30C9）：不是所选方案的表，未导入']);
    const [f] = scored(made.bytes, 'dept-2020');
    expect(outcome(toJson(f.evaluation))).toEqual(outcome(form.evaluation!));
    // 9.47 + the rows the engine scores; r5, r7 and r8 (no 完成情况, no 年度指标值) wait in the workbook as in the report
    expect(toJson(f.evaluation).total).toBe(59.47);
    // the funds, the 基础数据表 and every row with a 三级指标
    expect([f.values.in_fund_initial, f.values.in_fund_full, f.values.in_fund_spent, f.values.in_fund_rate_self, f.values.in_fund_score_self]).toEqual([94.8, 94.8, 89.8, '95%', 9]);
    expect([f.values.in_staff_quota, f.values.in_staff_actual, f.values.in_public_actual, f.values.in_office_prev]).toEqual([2, 2, 12, 2]);
    expect(rowsOf(f.values).length).toBe((form.inputs.in_indicators as unknown[]).length);
    expect(f.values.in_goal_expected).toBe(form.inputs.in_goal_expected);
  });

  test('project-2020 chosen: the project sheet only', async () => {
    const made = await importWorkbook(report(), '自评报告.docx', { scheme: getScheme('project-2020') });
    const forms = scored(made.bytes, 'project-2020');
    expect(forms).toHaveLength(1);
    expect(forms[0].values.in_project_name).toBe('12345“接诉即办”及”一网通办”项目平台建设');
    expect(toJson(forms[0].evaluation).total).toBe(85);
  });

  test('a scheme the file holds none of: the message says what the file holds', async () => {
    await expect(importWorkbook(report(), '自评报告.docx', { scheme: getScheme('dept-2013') })).rejects.toThrow(
      '“自评报告.docx”中没有部门整体支出绩效评价指标评分表（dept-2013）可以导入：文件中是部门整体支出绩效自评表、项目支出绩效自评表',
    );
  });
});

describe('several projects in one workbook', () => {
  test('each project becomes its own sheet, each rescored as the report', async () => {
    const a = F.sichuanProject({ slips: true });
    const b = F.sichuanProject();
    const second: TableSpec = { rows: b.rows.map((r) => r.map((c) => (c === '政务数据共享平台运维' ? '电子证照库建设' : c))), merges: b.merges };
    const bytes = await xlsx([
      { name: '项目一', rows: a.rows, merges: a.merges },
      { name: '项目二', rows: second.rows, merges: second.merges },
    ]);
    const report = handmadeOf(bytes, '两个项目.xlsx');
    const made = await importWorkbook(bytes, '两个项目.xlsx');
    const forms = scored(made.bytes, 'project-2020');
    expect(forms.map((f) => f.sheet)).toEqual(['政务数据共享平台运维', '电子证照库建设']);
    expect(forms.map((f) => outcome(toJson(f.evaluation)))).toEqual(report.forms.map((f) => outcome(f.evaluation!)));
    expect(forms.map((f) => toJson(f.evaluation).total)).toEqual([85.96, 85.96]);
  });
});

describe('a 2013-style 评分表 (header over two rows, a spacer column) with its 综合评价报告表', () => {
  let made: { bytes: Uint8Array; report: ImportReport };
  let form: HandmadeForm;
  beforeAll(async () => {
    const s = F.scoring2013({ twoRowHeader: true, spacer: true, total: 80, grade: '良' });
    const bytes = await xlsx([sheet('评分表', '部门整体支出绩效评价指标评分表', s), sheet('报告表', '部门整体支出绩效综合评价报告表', F.summary2013('经自评，总分80分，等级为良。'))]);
    form = handmadeOf(bytes, '评分表.xlsx').forms[0];
    made = await importWorkbook(bytes, '评分表.xlsx');
  });

  test('the inputs the calculation texts state are filled: 17 and 22 from （17/22）×100%, and the rest of them', () => {
    const [f] = scored(made.bytes, 'dept-2013');
    const v = f.values;
    expect([v.in_staff_actual, v.in_staff_quota]).toEqual([17, 22]);
    expect([v.in_sangong_actual, v.in_sangong_prev, v.in_sangong_budget]).toEqual([29, 25, 23]);
    expect([v.in_key_project_spend, v.in_project_spend_total, v.in_budget_adjust, v.in_budget_initial]).toEqual([85.6, 100, 30, 500]);
    expect([v.in_fixed_assets_in_use, v.in_fixed_assets_total, v.in_quality_ok, v.in_quality_planned]).toEqual([950, 1000, 18, 20]);
    expect([v.in_key_work_done, v.in_key_work_planned, v.in_assess_score, v.in_assess_full]).toEqual([9, 10, 90, 100]);
    expect([v.in_survey_points, v.in_survey_count]).toEqual([430, 10]);
    expect(v.in_dept_name).toBe('示例县政务服务中心');
    // the 综合评价报告表's texts beside the scheme's labels
    expect([v.in_dept_head, v.in_spend_analysis, v.in_goal_analysis, v.in_problems]).toEqual([
      '张三',
      '年度支出总额500万元，其中基本支出（300万元）+项目支出（200万元）=500万元',
      '重点工作计划10件，完成9件，完成率=9/10=90%',
      '部分项目支出进度偏慢',
    ]);
    expect(made.report.forms[0].filled.find((x) => x.name === 'in_problems')?.cell).toBe('报告表!B8');
    // the 效益 rows state their own score: that is the scheme's input, with the text as its basis
    expect([v.in_benefit_economic, v.in_benefit_social, v.in_benefit_ecological]).toEqual([3, 3.5, 4]);
    expect(v.in_benefit_social_note).toBe('群众办事便利度提升，得3.5分');
    // nothing the file does not state
    expect([v.in_goal_fit_1, v.in_late_items, v.in_surplus_current, v.in_fund_violations]).toEqual([null, null, null, null]);
  });

  test('the indicators scored from stated inputs score as the report recomputed them', () => {
    const e = toJson(scored(made.bytes, 'dept-2013')[0].evaluation);
    const byId = new Map(e.indicators.map((i) => [i.id, i.score]));
    const recomputed = form.rows.filter((r) => r.computed !== null);
    expect(recomputed.map((r) => r.id)).toEqual(expect.arrayContaining(['staff_control', 'sangong_change', 'key_spend_ratio', 'budget_adjust', 'sangong_control', 'fixed_asset_use', 'key_work_completion', 'key_work_quality', 'satisfaction']));
    for (const r of recomputed) expect([r.id, byId.get(r.id)]).toEqual([r.id, r.computed]);
    // 77.27% ≤ 100% → 4 (the file typed 3); 126.09% → 0; 430/(10×50)×8 = 6.88
    expect([byId.get('staff_control'), byId.get('sangong_control'), byId.get('satisfaction'), byId.get('benefit_social')]).toEqual([4, 0, 6.88, 3.5]);
    expect(e.complete).toBe(false);
    expect(byId.get('goal_fit')).toBeNull();
  });

  test('the rest is left blank and listed, naming the field and the cell of its row in the file', () => {
    const f = made.report.forms[0];
    const blank = Object.fromEntries(f.blank.map((b) => [b.name, [b.indicator, b.cell, b.typed]]));
    expect(blank.in_goal_fit_1).toEqual(['绩效目标合理性', '评分表!J4', 3]);
    expect(blank.in_late_items).toEqual(['支出进度', '评分表!J10', 2.5]);
    expect(blank.in_surplus_current).toEqual(['资金结余', '评分表!J11', 3]);
    expect(blank.in_asset_violations).toEqual(['资产管理安全性', '评分表!J17', 5]);
    expect(blank.in_staff_actual).toBeUndefined();
    expect(blank.in_survey_answers).toBeUndefined();
    expect(blank.in_assets_total).toEqual([null, null, null]);
    const lines = importLines(made.report);
    expect(lines).toContain('  以下输入文件中没有写明，已留空，请在工作簿中填写：');
    expect(lines).toContain('  - 未按进度支出的资金项数（in_late_items），用于“支出进度”：评分表!J10 只写了得分 2.5 分');
    expect(lines).toContain('  - 绩效目标合理性①：符合国家法律法规、国民经济和社会发展总体规划（in_goal_fit_1），用于“绩效目标合理性”：评分表!J4 只写了得分 3 分');
    expect(lines.find((l) => l.startsWith('  文件中没有、未填写：'))).toMatch(/^ {2}文件中没有、未填写：评价年度、金额单位、年末资产总额、/);
    expect(lines.find((l) => l.startsWith('  已填入：'))).toContain('年末实际在职人数（评分表!J6）；编制数（评分表!J6）');
  });
});

describe('--next-year: next year’s target table from this year’s', () => {
  let made: { bytes: Uint8Array; report: ImportReport };
  beforeAll(async () => {
    const spec = F.sichuanProject({ slips: true });
    made = await importWorkbook(await xlsx([{ name: '自评表', rows: spec.rows, merges: spec.merges }]), '2024.xlsx', { nextYear: true });
  });

  test('targets, units, weights and names kept; actuals, scores, deviations, funds and the 总分 cleared; the year one on', () => {
    const [f] = scored(made.bytes, 'project-2020');
    const rows = rowsOf(f.values);
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual(['产出指标', '数量指标', '接入部门数', '≥', 40, '个', null, 15, null, null, null]);
    expect(rows[5]).toEqual(['效益指标', '社会效益指标', '政务服务网办率提升', '定性', '明显提升', null, null, 10, null, null, null]);
    expect(rows.every((r) => r[6] === null && r[9] === null && r[10] === null)).toBe(true);
    expect([f.values.in_year, f.values.in_dept_name, f.values.in_project_name, f.values.in_unit]).toEqual([2025, '示例县数据局', '政务数据共享平台运维', '万元']);
    expect([f.values.in_fund_initial, f.values.in_fund_full, f.values.in_fund_spent, f.values.in_fund_rate_self, f.values.in_fund_score_self, f.values.in_total_self]).toEqual([null, null, null, null, null, null]);
    expect(f.sheet).toBe('政务数据共享平台运维');
  });

  test('the report says what was cleared', () => {
    const f = made.report.forms[0];
    expect([f.sourceYear, f.year]).toEqual([2024, 2025]);
    expect(f.cleared).toEqual(['实际完成值', '自评得分（定性指标）', '偏差原因分析及改进措施', '年度资金总额：年初预算数', '年度资金总额：全年预算数', '年度资金总额：全年执行数', '执行率（单位填写）', '执行率得分（单位填写）', '总分（单位填写）']);
    expect(importLines(made.report)).toContain('  下一年度：年度 2024 → 2025；指标、指标值和分值保留');
  });

  test('a department’s 本年决算数 become next year’s 上年决算数', async () => {
    const bytes = docx([F.CLJ_BASIC_TITLE, F.CLJ_BASIC, F.CLJ_DEPT_TITLE, F.CLJ_DEPT]);
    const next = await importWorkbook(bytes, '部门.docx', { nextYear: true });
    const [f] = scored(next.bytes, 'dept-2020');
    expect([f.values.in_year, f.values.in_staff_quota, f.values.in_staff_actual]).toEqual([2025, 2, null]);
    expect([f.values.in_public_prev, f.values.in_public_budget, f.values.in_public_actual]).toEqual([12, null, null]);
    expect([f.values.in_utility_travel_prev, f.values.in_office_prev]).toEqual([1.5, 2]);
    expect(rowsOf(f.values).every((r) => r[6] === null && r[9] === null)).toBe(true);
  });
});

describe('what cannot be imported', () => {
  test('a sheet holding no standard table: nothing placed, the reason given', async () => {
    const bytes = await xlsx([{ name: '预算执行', ...F.BUDGET_SHEET }]);
    const err = await importWorkbook(bytes, '预算执行.xlsx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/^“预算执行\.xlsx”中没有可以导入的标准表（评分表、项目\/部门整体支出绩效自评表、基础数据表或综合评价报告表）：预算执行：/);
  });

  test('a file the browser cannot read directly (.xls) is refused with what to do', async () => {
    await expect(importWorkbook(new Uint8Array([0xd0, 0xcf]), '旧表.xls')).rejects.toThrow(/只能直接读取 \.xlsx 和 \.docx 文件/);
  });

  test('two 2013 评分表 in one file cannot go into one workbook', async () => {
    const s = F.scoring2013({ total: 73.88 });
    const bytes = await xlsx([sheet('评分表一', null, s), sheet('评分表二', null, s)]);
    await expect(importWorkbook(bytes, '两张.xlsx')).rejects.toThrow(/中有2张部门整体支出绩效评价指标评分表（评分表一!A1:I23、评分表二!A1:I23），而一个工作簿只放一张/);
  });
});

test('a blank cell stays blank: `_` cells of the hand-made table are not written as zeros', async () => {
  const spec = F.sichuanProject();
  const bytes = await xlsx([{ name: '自评表', rows: spec.rows, merges: spec.merges }]);
  const [f] = scored((await importWorkbook(bytes, 'a.xlsx')).bytes, 'project-2020');
  expect(rowsOf(f.values)[0][10]).toBeNull();
  expect(f.values.in_impl_unit ?? null).toBeNull();
  expect(_).toBeNull();
});
