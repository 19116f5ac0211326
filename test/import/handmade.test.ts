/**
 * The corpus of hand-made forms: the published 城陵矶新港区 2024 tables (a Word report holding the 基础数据表, the
 * 部门整体支出绩效自评表 and a 项目支出绩效自评表, and the same tables typed into a workbook), a 2013-style 评分表
 * with its 综合评价报告表, and the spec's worked project in a Sichuan-style table — each with the claims,
 * mismatches and rescoring it must give, and nothing else.
 */
import { evaluate, getScheme, inputsFromJson } from '../../src/engine';
import { handmadeOf, type HandmadeForm, type HandmadeReport, type TargetTable } from '../../src/import';
import { _, docx, xlsx, type SheetSpec, type TableSpec } from './build';
import * as F from './forms';

const issues = (f: HandmadeForm) => f.issues.map((i) => [i.severity, i.code, i.message, i.cells]);
const summary = (r: HandmadeReport) =>
  r.forms.map((f) => ({ scheme: f.scheme, total: f.total, grade: f.grade, shown: f.shown, verdict: f.verdict, tables: f.tables.map((t) => `${t.kind} ${t.range}`) }));

/** A table placed on a sheet below its title row (merged across), at `at`. */
function sheet(name: string, title: string | null, t: TableSpec, at = 'A1'): SheetSpec {
  const shift = title ? 1 : 0;
  const width = Math.max(...t.rows.map((r) => r.length));
  const last = String.fromCharCode(64 + width);
  return {
    name,
    at,
    rows: [...(title ? [[title]] : []), ...t.rows],
    merges: [...(title ? [`A1:${last}1`] : []), ...(t.merges ?? []).map((m) => m.replace(/\d+/g, (d) => String(Number(d) + shift)))],
  };
}

describe('城陵矶新港区 2024: the Word report with its three tables', () => {
  let report: HandmadeReport;
  beforeAll(() => {
    const bytes = docx([...F.CLJ_REPORT_HEAD, F.CLJ_BASIC_TITLE, F.CLJ_BASIC, F.CLJ_DEPT_TITLE, F.CLJ_DEPT, F.CLJ_PROJECT_TITLE, F.CLJ_PROJECT, ...F.CLJ_REPORT_TAIL]);
    report = handmadeOf(bytes, '政务中心2024年度整体支出绩效自评报告.docx');
  });

  test('two forms: the department’s target table with its 基础数据表, and the project’s; nothing unplaced', () => {
    expect(report.kind).toBe('handmade');
    expect(report.unplaced).toEqual([]);
    expect(summary(report)).toEqual([
      { scheme: 'dept-2020', total: 79.47, grade: '中', shown: { total: 100, grade: null }, verdict: 'fix', tables: ['target 表2!R1C1:R32C9', 'basic-data 表1!R1C1:R24C7'] },
      { scheme: 'project-2020', total: 85, grade: '良', shown: { total: 100, grade: null }, verdict: 'fix', tables: ['target 表3!R1C1:R30C9'] },
    ]);
  });

  test('部门整体: 95% and 9 for 89.8/94.8 = 94.73% → 9.47, weights adding up to 70, a 总分 of 100 over scores adding up to 79', () => {
    // by hand: 9.47 + (10+10+5+5+10+10+5+5+10) = 79.47, of which r5, r7, r8 only as written (no rating, no 年度指标值)
    expect(issues(report.forms[0])).toEqual([
      ['error', 'weight_total', '绩效指标各行分值合计70分，应为90分（总分100分减去预算执行率10分）', ['表2!R12C7', '表2!R14C7', '表2!R17C7', '表2!R20C7', '表2!R22C7', '表2!R24C7', '表2!R26C7', '表2!R28C7', '表2!R30C7']],
      ['warning', 'self_score_mismatch', '执行率（单位填写）（表2!R3C8）填写为95%，按执行数/预算数计算为94.73%', ['表2!R3C8']],
      ['warning', 'self_score_mismatch', '执行率得分（单位填写）（表2!R3C7）填写为9分，计算得分为9.47分', ['表2!R3C7']],
      ['warning', 'level_weight', '产出指标各行分值合计20分，应为50分（确需调整的应说明理由）', ['表2!R14C7', '表2!R17C7', '表2!R20C7']],
      ['warning', 'total_mismatch', '总分（表2!R32C8）写作100分，而各项得分合计为79分，按规则计算为79.47分', ['表2!R32C8']],
    ]);
    const f = report.forms[0];
    expect(f.execution).toEqual({ id: 'exec', name: '预算执行率', cell: '表2!R3C7', weight: 10, typed: 9, computed: 9.47, text: '（89.8/94.8）×100%=94.73%，94.73%×10=9.47分' });
    expect(f.rows.map((r) => [r.id, r.cell, r.weight, r.typed, r.computed])).toEqual([
      ['r1', '表2!R12C8', 10, 10, 10],
      ['r2', '表2!R14C8', 10, 10, 10],
      ['r3', '表2!R17C8', 5, 5, 5],
      ['r4', '表2!R20C8', 5, 5, 5],
      ['r5', '表2!R22C8', 10, 10, null],
      ['r6', '表2!R24C8', 10, 10, 10],
      ['r7', '表2!R26C8', 5, 5, null],
      ['r8', '表2!R28C8', 5, 5, null],
      ['r9', '表2!R30C8', 10, 10, 10],
    ]);
  });

  test('部门整体: what the file states — funds, the 按收入/支出性质分 parts, the goals and the 基础数据表 as the engine’s inputs', () => {
    const f = report.forms[0];
    const target = f.tables[0] as TargetTable;
    expect(target.title).toBe('2024年度部门整体支出绩效自评表');
    expect(target.funds).toEqual({
      initial: { cell: '表2!R3C4', text: '94.8' },
      full: { cell: '表2!R3C5', text: '94.8' },
      spent: { cell: '表2!R3C6', text: '89.8' },
      weight: { cell: '表2!R3C7', text: '9' },
      rate: { cell: '表2!R3C8', text: '95%' },
    });
    expect(target.total).toEqual({ cell: '表2!R32C8', text: '100', value: 100 });
    const { in_indicators: rows, in_goal_actual: actual, ...scalars } = f.inputs;
    expect(scalars).toEqual({
      in_year: 2024,
      in_unit: '万元',
      in_fund_initial: '94.8',
      in_fund_full: '94.8',
      in_fund_spent: '89.8',
      in_fund_rate_self: '95%',
      in_fund_score_self: '9',
      in_fund_general: '94.8',
      in_fund_basic: '14.6',
      in_fund_project: '80.2',
      in_goal_expected: F.CLJ_DEPT.rows[9][1],
      in_staff_quota: '2',
      in_staff_actual: '2',
      in_sangong_prev: '0',
      in_sangong_budget: '0',
      in_sangong_actual: '0',
      in_car_buy_prev: '0',
      in_car_buy_budget: '0',
      in_car_buy_actual: '0',
      in_car_run_prev: '0',
      in_car_run_budget: '0',
      in_car_run_actual: '0',
      in_abroad_prev: '0',
      in_abroad_budget: '0',
      in_abroad_actual: '0',
      in_reception_prev: '0',
      in_reception_budget: '0',
      in_reception_actual: '0',
      in_project_lines: [
        { name: '1、业务工作经费', prev: '348.65', budget: '94.8', actual: '94.8' },
        { name: '2、运行维护经费', prev: null, budget: null, actual: null },
        { name: '……', prev: null, budget: null, actual: null },
        { name: '3、市级专项资金(一个专项一行)', prev: null, budget: null, actual: null },
        { name: '……', prev: null, budget: null, actual: null },
      ],
      in_public_prev: '12',
      in_public_budget: '12',
      in_public_actual: '12',
      in_office_prev: '2',
      in_office_budget: '2',
      in_office_actual: '2',
      in_utility_travel_prev: '1.57',
      in_utility_travel_budget: '1.5',
      in_utility_travel_actual: '1.5',
      in_procurement: '--',
      in_basic_adjust: '一 -',
    });
    // (its paragraphs joined by line breaks)
    expect(actual).toBe(String(F.CLJ_DEPT.rows[9][5]).replace(/\n\n/g, '\n'));
    expect((rows as unknown[]).length).toBe(20);
    expect(f.cells.in_fund_general).toBe('表2!R5C2');
    expect(f.cells.in_staff_quota).toBe('表1!R2C2');
    expect(f.cells.in_utility_travel_prev).toBe('表1!R18C2');
  });

  test('项目: 得分 100 in the execution line worth 10, weights adding up to 75 under a 总分 of 100', () => {
    expect(issues(report.forms[1])).toEqual([
      ['error', 'weight_total', '绩效指标各行分值合计75分，应为90分（总分100分减去预算执行率10分）', ['表3!R11C7', '表3!R12C7', '表3!R14C7', '表3!R16C7', '表3!R18C7', '表3!R20C7', '表3!R22C7', '表3!R24C7', '表3!R26C7', '表3!R28C7']],
      ['warning', 'self_score_mismatch', '执行率得分（单位填写）（表3!R4C9）填写为100分，计算得分为10分', ['表3!R4C9']],
      ['warning', 'level_weight', '产出指标各行分值合计40分，应为50分（确需调整的应说明理由）', ['表3!R11C7', '表3!R12C7', '表3!R14C7', '表3!R16C7', '表3!R18C7']],
      ['warning', 'level_weight', '满意度指标各行分值合计5分，应为10分（确需调整的应说明理由）', ['表3!R28C7']],
      ['warning', 'self_score_mismatch', '总分（表3!R30C8）填写为100分，计算总分为85分', ['表3!R30C8']],
    ]);
    const f = report.forms[1];
    expect([f.project, f.year, f.dept]).toEqual(['12345“接诉即办”及”一网通办”项目平台建设', 2024, null]);
    expect(f.evaluation!.indicators.map((i) => [i.id, i.sense, i.score])).toEqual([
      ['r1', '≥', 10],
      ['r2', '定性', 10],
      ['r3', '定性', 10],
      ['r4', '≤', 5],
      ['r5', '定性', 5],
      ['r6', '定性', 10],
      ['r7', '定性', 10],
      ['r8', '定性', 5],
      ['r9', '定性', 5],
      ['r10', '≥', 5],
    ]);
  });

  test('the same tables typed into a workbook, anywhere on their sheets, give the same findings in sheet cells', async () => {
    const bytes = await xlsx([
      sheet('基础数据表', '部门整体支出绩效评价基础数据表', F.CLJ_BASIC),
      sheet('部门整体自评表', F.CLJ_DEPT_TITLE, F.CLJ_DEPT),
      sheet('项目自评表', F.CLJ_PROJECT_TITLE, F.CLJ_PROJECT),
    ]);
    const fromSheets = handmadeOf(bytes, '自评表.xlsx');
    const names = ['基础数据表', '部门整体自评表', '项目自评表'];
    // 表N!RrCc of the Word tables is row r + 1 (the title row above) and column c of sheet N
    const moved = (text: string) =>
      text.replace(/表(\d)!R(\d+)C(\d+)/g, (_m, n: string, r: string, c: string) => `${names[Number(n) - 1]}!${String.fromCharCode(64 + Number(c))}${Number(r) + 1}`);
    expect(fromSheets.forms.map((f) => f.issues.map((i) => [i.code, i.message, i.cells]))).toEqual(
      report.forms.map((f) => f.issues.map((i) => [i.code, moved(i.message), i.cells!.map(moved)])),
    );
    expect(fromSheets.forms.map((f) => [f.total, f.grade, f.shown])).toEqual(report.forms.map((f) => [f.total, f.grade, f.shown]));
    // numbers typed in cells reach the engine as numbers
    expect(fromSheets.forms[0].inputs.in_fund_spent).toBe(89.8);
  });
});

describe('a 2013-style 评分表 with its 综合评价报告表', () => {
  test('header over two rows, a blank spacer column, title rows above: a wrong rate claim, a score against its rule, a grade', async () => {
    const t = F.scoring2013({ twoRowHeader: true, spacer: true, total: 72.88 });
    const bytes = await xlsx([
      { name: '评分表', at: 'B3', rows: [['部门整体支出绩效评价指标评分表'], ['单位：示例县政务服务中心'], ...t.rows], merges: t.merges!.map((m) => m.replace(/\d+/g, (d) => String(Number(d) + 2))) },
      { name: '综合评价报告表', ...F.summary2013('经自评，我单位2024年度部门整体支出绩效自评得分72.88分，等级为“良好”。') },
    ]);
    const r = handmadeOf(bytes, '评分表.xlsx');
    expect(summary(r)).toEqual([
      { scheme: 'dept-2013', total: 73.88, grade: '中', shown: { total: 72.88, grade: '良好' }, verdict: 'verify', tables: ['scoring-2013 评分表!B5:K28', 'summary 综合评价报告表!A1:D7'] },
    ]);
    // by hand: (29/23)×100% = 126.0869…% → 126.09%; 17/22 = 77.27% ≤ 100% → 4, not 3; the scores written add up to
    // 72.88, by the rules 73.88; 72.88 is 中
    expect(issues(r.forms[0])).toEqual([
      ['warning', 'claim_mismatch', '"三公经费"控制率（评分表!K15）：“（29/23）×100%=126.08%”计算有误：应为126.09%', ['评分表!K15']],
      ['warning', 'self_score_mismatch', '“财政供养人员控制率”（评分表!K9）：填写的得分为3分，按（17/22）×100%=77.27%计算应得4分', ['评分表!K9']],
      ['warning', 'self_score_mismatch', '合计（评分表!K28）填写为72.88分，计算合计为73.88分', ['评分表!K28']],
      ['warning', 'grade_mismatch', '综合评价报告表!C6：等级写作“良好”，而所写总分为72.88分，应为“中”', ['综合评价报告表!C6']],
    ]);
    const f = r.forms[0];
    expect(f.dept).toBe('示例县政务服务中心');
    expect(f.tables[0].title).toBe('部门整体支出绩效评价指标评分表');
    // the inputs the calculation texts state, each with the cell of its text
    expect(f.inputs).toEqual({
      in_staff_actual: 17,
      in_staff_quota: 22,
      in_sangong_actual: 29,
      in_sangong_prev: 25,
      in_key_project_spend: 85.6,
      in_project_spend_total: 100,
      in_budget_adjust: 30,
      in_budget_initial: 500,
      in_sangong_budget: 23,
      in_fixed_assets_in_use: 950,
      in_fixed_assets_total: 1000,
      in_key_work_done: 9,
      in_key_work_planned: 10,
      in_assess_score: 90,
      in_assess_full: 100,
      in_quality_ok: 18,
      in_quality_planned: 20,
      in_survey_points: 430,
      in_survey_count: 10,
      in_dept_name: '示例县政务服务中心',
    });
    expect([f.cells.in_staff_quota, f.cells.in_survey_count, f.cells.in_dept_name]).toEqual(['评分表!K9', '评分表!K27', '综合评价报告表!B1']);
    expect(f.rows.filter((row) => row.computed !== null).map((row) => [row.id, row.typed, row.computed])).toEqual([
      ['staff_control', 3, 4],
      ['sangong_change', 0, 0],
      ['key_spend_ratio', 3, 3],
      ['budget_adjust', 3, 3],
      ['sangong_control', 0, 0],
      ['fixed_asset_use', 2, 2],
      ['key_work_completion', 9, 9],
      ['key_work_quality', 1, 1],
      ['satisfaction', 6.88, 6.88],
    ]);
  });

  test('in a Word report: a 合计 of 96 over scores adding up to 72.88, concluded 良好 (96 is 优), a weight slip', () => {
    const t = F.scoring2013({ total: 96, grade: '良好', weights: { 固定资产利用率: 4 } });
    const bytes = docx([
      '示例县政务服务中心2024年度部门整体支出绩效自评报告',
      '一、部门基本情况（略）',
      '部门整体支出绩效评价指标评分表',
      t,
      '部门整体支出绩效综合评价报告表',
      F.summary2013('自评得分96分，评价等级为良好。'),
      '填报人：李四',
    ]);
    const r = handmadeOf(bytes, '自评报告.docx');
    expect(summary(r)).toEqual([
      { scheme: 'dept-2013', total: 73.88, grade: '中', shown: { total: 96, grade: '良好' }, verdict: 'fix', tables: ['scoring-2013 表1!R1C1:R24C9', 'summary 表2!R1C1:R7C4'] },
    ]);
    expect(issues(r.forms[0])).toEqual([
      ['warning', 'claim_mismatch', '"三公经费"控制率（表1!R10C9）：“（29/23）×100%=126.08%”计算有误：应为126.09%', ['表1!R10C9']],
      ['warning', 'self_score_mismatch', '“财政供养人员控制率”（表1!R4C9）：填写的得分为3分，按（17/22）×100%=77.27%计算应得4分', ['表1!R4C9']],
      ['error', 'weight_total', '评分表各三级指标分值合计101分，应为100分', t.rows.slice(1, 22).map((_row, k) => `表1!R${k + 2}C6`)],
      ['warning', 'level_weight', '二级指标“资产管理”（表1!R14C4）分值12分，其下三级指标分值合计13分', ['表1!R14C4']],
      ['warning', 'total_mismatch', '合计（表1!R23C9）写作96分，而各项得分合计为72.88分，按规则计算为73.88分', ['表1!R23C9']],
      ['warning', 'grade_mismatch', '表1!R24C2：等级写作“良好”，而所写合计为96分，应为“优”', ['表1!R24C2']],
      ['warning', 'grade_mismatch', '表2!R6C3：等级写作“良好”，而所写总分为96分，应为“优”', ['表2!R6C3']],
    ]);
  });

  test('a conclusion that states another total than the 评分表 is total_mismatch; a right one says nothing', () => {
    const t = F.scoring2013({ total: 72.88 });
    const wrong = handmadeOf(docx([t, F.summary2013('自评得分78.88分，等级为“中”。')]), 'a.docx');
    expect(issues(wrong.forms[0]).filter((i) => i[1] === 'total_mismatch')).toEqual([
      ['warning', 'total_mismatch', '表2!R6C3：自我评价结论写总分78.88分，评分表合计（表1!R23C9）为72.88分', ['表2!R6C3', '表1!R23C9']],
    ]);
    const right = handmadeOf(docx([t, F.summary2013('自评得分72.88分，等级为“中”。')]), 'a.docx');
    expect(issues(right.forms[0]).map((i) => i[1])).toEqual(['claim_mismatch', 'self_score_mismatch', 'self_score_mismatch']);
  });

  test('a 综合评价报告表 alone: its grade against its total', () => {
    const r = handmadeOf(docx(['2024年度部门整体支出绩效综合评价报告表', F.summary2013('经综合评价，自评得分96分，评价等级为良好。')]), 'a.docx');
    expect(summary(r)).toEqual([{ scheme: 'dept-2013', total: null, grade: null, shown: { total: 96, grade: '良好' }, verdict: 'verify', tables: ['summary 表1!R1C1:R7C4'] }]);
    expect(issues(r.forms[0])).toEqual([['warning', 'grade_mismatch', '表1!R6C3：等级写作“良好”，而所写总分为96分，应为“优”', ['表1!R6C3']]]);
    expect(r.forms[0].year).toBe(2024);
  });
});

describe('the worked project as a Sichuan-style hand-made table', () => {
  test('right in every figure: rescored to 92.96 优 and nothing reported', async () => {
    const t = F.sichuanProject();
    const r = handmadeOf(await xlsx([{ name: '项目自评', at: 'C3', rows: t.rows, merges: t.merges }]), 'a.xlsx');
    expect(summary(r)).toEqual([{ scheme: 'project-2020', total: 92.96, grade: '优', shown: { total: 92.96, grade: '优' }, verdict: 'pass', tables: ['target 项目自评!C3:L18'] }]);
    expect(r.forms[0].issues).toEqual([]);
    // the rows as the engine scored them, with 指标性质 and 度量单位 from their own columns
    expect(r.forms[0].evaluation!.indicators.map((i) => [i.id, i.sense, i.target, i.actual, i.score])).toEqual([
      ['r1', '≥', '40个', '42个', 15],
      ['r2', '≥', '500条', '620条', 10],
      ['r3', '≥', '99.5%', '99.2%', 9.97],
      ['r4', '≤', '2小时', '2.5小时', 3.75],
      ['r5', '≤', '150万元', '138.6万元', 10],
      ['r6', '定性', '明显提升', '有所提升', null],
      ['r7', '≥', '10%', '8%', 8],
      ['r8', '定性', '持续运行', '持续运行', 10],
      ['r9', '≥', '90%', '93.5%', 10],
    ]);
  });

  test('rescoring what the file states through `score --inputs` gives the same rows and execution line', async () => {
    const t = F.sichuanProject();
    const r = handmadeOf(await xlsx([{ name: '项目自评', rows: t.rows, merges: t.merges }]), 'a.xlsx');
    const f = r.forms[0];
    const scheme = getScheme(f.scheme);
    const e = evaluate(scheme, { values: inputsFromJson(scheme, f.inputs).values });
    expect(e.execution!.score!.toNumber()).toBe(9.24);
    expect(e.indicators.map((i) => (i.score === null ? null : i.score.toNumber()))).toEqual(f.rows.map((row) => row.computed));
    // r6 (定性, no 完成情况 column) is scored by its rating once the import asks for one: as written, 7 → 92.96
    expect(f.total).toBe(92.96);
  });

  test('with slips: a claim and a typed score for 99.2/99.5×10, 执行率 92%, a 总分 over scores that do not add up, 良好', async () => {
    const t = F.sichuanProject({ slips: true });
    const r = handmadeOf(await xlsx([{ name: '项目自评', at: 'C3', rows: t.rows, merges: t.merges }]), 'a.xlsx');
    expect(summary(r)[0]).toMatchObject({ total: 92.96, grade: '优', shown: { total: 92.96, grade: '良好' }, verdict: 'verify' });
    expect(issues(r.forms[0])).toEqual([
      ['warning', 'claim_mismatch', '系统可用率（项目自评!L11）：“99.2/99.5×10=9.5分”计算有误：应为9.97分', ['项目自评!L11']],
      ['warning', 'self_score_mismatch', '执行率（单位填写）（项目自评!J6）填写为92%，按执行数/预算数计算为92.40%', ['项目自评!J6']],
      ['warning', 'self_score_mismatch', '“系统可用率”（项目自评!K11）：填写的得分为9.5分，计算得分为9.97分', ['项目自评!K11']],
      ['warning', 'total_mismatch', '总分（项目自评!K18）写作92.96分，而各项得分合计为92.49分', ['项目自评!K18']],
      ['warning', 'grade_mismatch', '项目自评!L18：等级写作“良好”，而所写总分为92.96分，应为“优”', ['项目自评!L18']],
    ]);
  });

  test('a 执行率 shown as 92% by its cell’s format but stored as 0.924 is no slip', async () => {
    const t = F.sichuanProject();
    t.rows[3][7] = { v: 0.924, fmt: '0%' };
    const r = handmadeOf(await xlsx([{ name: '项目自评', rows: t.rows, merges: t.merges }]), 'a.xlsx');
    expect((r.forms[0].tables[0] as TargetTable).funds.rate).toEqual({ cell: '项目自评!H4', text: '92%' });
    expect(r.forms[0].issues).toEqual([]);
  });
});

describe('tables that are not standard forms', () => {
  test('a budget sheet with 预算数, 执行数 and 执行率 columns is unplaced, its claims not checked', async () => {
    const r = handmadeOf(await xlsx([{ name: '预算执行', ...F.BUDGET_SHEET }]), 'a.xlsx');
    expect(r.forms).toEqual([]);
    expect(r.unplaced).toEqual([{ grid: '预算执行', range: '预算执行!A1:E7', reason: '未找到标准表格（评分表、绩效自评表、基础数据表、综合评价报告表）的表头，未识别' }]);
  });

  test('a table with some of the headers is unplaced, saying which it has and what is missing', () => {
    const r = handmadeOf(
      docx([
        '附表',
        { rows: [['一级指标', '二级指标', '三级指标', '分值', '得分'], ['产出指标', '数量指标', '接入部门数', 15, 15]] },
        '填报人：张三',
        { rows: [['单位负责人签字', _, '财务负责人签字', _]] },
      ]),
      'a.docx',
    );
    expect(r.forms).toEqual([]);
    expect(r.unplaced).toEqual([
      {
        grid: '表1',
        range: '表1!R1C1:R2C5',
        reason:
          '有“一级指标”“二级指标”“三级指标”“分值”“得分”等表头，但缺少可以确定表格种类的列（绩效自评表需“三级指标”“年度指标值”“实际完成值”“分值”，评分表需“三级指标”“分值”“评价标准”“评价得分”），未识别',
      },
      { grid: '表2', range: '表2!R1C1:R1C4', reason: '未找到标准表格（评分表、绩效自评表、基础数据表、综合评价报告表）的表头，未识别' },
    ]);
  });
});

describe('what is not a slip is not reported', () => {
  const target = (rows: TableSpec['rows'], funds: (string | number | null)[] = [_, '年度资金总额', 100, 100, 100, 10, '100%', 10]): TableSpec => ({
    rows: [
      ['项目资金（万元）', _, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', _],
      funds,
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施', '完成情况'],
      ...rows,
    ],
  });

  test('weights per 一级 set by a region (60/20/10) that add up to 90; 执行数 above 预算数; a target overshot; a qualitative row scored by the unit', () => {
    const t = target(
      [
        ['产出指标', '数量指标', '培训人次', '≥100人次', '160人次', 60, 60, '年初计划偏保守', _],
        ['效益指标', '社会效益指标', '群众知晓率', '明显提高', '有所提高', 20, 15, '宣传覆盖不足', _],
        ['满意度指标', '服务对象满意度指标', '满意度', '≥90%', '95%', 10, 10, _, _],
        ['总分', _, _, _, _, 100, 95, _, _],
      ],
      [_, '年度资金总额', 100, 100, 104, 10, '104%', 10],
    );
    const r = handmadeOf(docx([t]), 'a.docx');
    expect(summary(r)).toEqual([{ scheme: 'project-2020', total: 95, grade: '优', shown: { total: 95, grade: null }, verdict: 'pass', tables: ['target 表1!R1C1:R7C9'] }]);
    expect(r.forms[0].issues).toEqual([]);
  });

  test('with a 完成情况 column, a score outside its rating’s band is reported', () => {
    const t = target([
      ['产出指标', '数量指标', '培训人次', '≥100人次', '100人次', 50, 50, _, _],
      ['效益指标', '社会效益指标', '群众知晓率', '明显提高', '有所提高', 30, 15, '宣传覆盖不足', '部分达成'],
      ['满意度指标', '服务对象满意度指标', '满意度', '≥90%', '95%', 10, 10, _, _],
      ['总分', _, _, _, _, 100, 85, _, _],
    ]);
    const r = handmadeOf(docx([t]), 'a.docx');
    expect(issues(r.forms[0])).toEqual([['error', 'out_of_band', '“群众知晓率”（表1!R5C7）：完成情况为“部分达成”，得分应在18～24分，不含24分之间，填写的是15分', ['表1!R5C7']]]);
  });

  test('a 2013 row whose 分值 is another region’s is not judged by this scheme’s rule; its claims still are', () => {
    const t: TableSpec = {
      rows: [
        ['一级指标', '二级指标', '三级指标', '分值', '评价标准', '评价得分'],
        ['投入', '预算配置', '财政供养人员控制率', 5, '≦100%得5分', '（17/22）×100%=77.28%，得5分'],
      ],
    };
    const r = handmadeOf(docx([t]), 'a.docx');
    expect(issues(r.forms[0])).toEqual([['warning', 'claim_mismatch', '财政供养人员控制率（表1!R2C6）：“（17/22）×100%=77.28%”计算有误：应为77.27%', ['表1!R2C6']]]);
  });
});

describe('regional layouts', () => {
  test('the 预算执行率 written as a row of the indicator table (no funds block): its score against its rate, its 分值 not counted in the rows', () => {
    const t: TableSpec = {
      rows: [
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
        ['预算执行率', _, _, '100%', '94.73%', 10, 9, _],
        ['产出指标', '数量指标', '培训人次', '≥100人次', '100人次', 50, 50, _],
        ['效益指标', '社会效益指标', '群众知晓率', '明显提高', '明显提高', 30, 30, _],
        ['满意度指标', '服务对象满意度指标', '满意度', '≥90%', '95%', 10, 10, _],
        ['合计', _, _, _, _, 100, 99, _],
      ],
    };
    const r = handmadeOf(docx([t]), 'a.docx');
    // 9 + 50 + 30 + 10 = 99 as written; by the rate written, 94.73% × 10 = 9.47 and the total 99.47
    expect(summary(r)).toEqual([{ scheme: 'project-2020', total: 99.47, grade: '优', shown: { total: 99, grade: null }, verdict: 'verify', tables: ['target 表1!R1C1:R6C8'] }]);
    expect(r.forms[0].execution).toMatchObject({ typed: 9, computed: 9.47, cell: '表1!R2C7', text: '按所写执行率94.73%：94.73%×10=9.47分' });
    expect(issues(r.forms[0])).toEqual([
      ['warning', 'self_score_mismatch', '执行率得分（表1!R2C7）填写为9分，按所写执行率94.73%计算为9.47分', ['表1!R2C7']],
      ['warning', 'self_score_mismatch', '总分（表1!R6C7）填写为99分，计算总分为99.47分', ['表1!R6C7']],
    ]);
    expect(r.forms[0].rows.map((row) => row.name)).toEqual(['培训人次', '群众知晓率', '满意度']);
  });
});
