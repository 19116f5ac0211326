/**
 * The scheme model: every scheme's layout as sheets of known kinds (dept-2013's shorthand turned into its three
 * sheets), table inputs beside cell inputs, the target parameters as data — and loadScheme refusing a broken
 * target parameter, table, sheet or output with a message that says what is wrong.
 */
import { allSchemeIds, getScheme, loadScheme, schemeIds, SchemeError, sheetKinds } from '../../src/engine';
import dept2013 from '../../templates/dept-2013.json';
import dept2020 from '../../templates/dept-2020.json';
import project2020 from '../../templates/project-2020.json';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const copy = (data: unknown): Json => JSON.parse(JSON.stringify(data)) as Json;

function rejection(data: unknown): string {
  try {
    loadScheme(data);
  } catch (err) {
    expect(err).toBeInstanceOf(SchemeError);
    return (err as Error).message;
  }
  throw new Error('loadScheme accepted an invalid scheme');
}

describe('the shipped schemes', () => {
  test('three shipped, each with workbooks the workbook layer writes and reads', () => {
    expect(allSchemeIds()).toEqual(['dept-2013', 'project-2020', 'dept-2020']);
    expect(schemeIds()).toEqual(['dept-2013', 'project-2020', 'dept-2020']);
    for (const id of allSchemeIds()) expect(getScheme(id).id).toBe(id);
  });

  test('the sheet kinds registry', () => {
    expect(Object.keys(sheetKinds)).toEqual(['input_form', 'indicator_table', 'survey_grid', 'target_form', 'data_form', 'forms_summary']);
  });

  test('dept-2013’s shorthand layout is read as three sheets; its summary/scoring/survey stay as they were', () => {
    const s = getScheme('dept-2013');
    expect(s.layout.sheets.map((x) => [x.kind, x.sheet])).toEqual([
      ['input_form', '基本情况表'],
      ['indicator_table', '评分表'],
      ['survey_grid', '满意度调查'],
    ]);
    expect(s.layout.summary).toBe(s.layout.sheets[0]);
    expect(s.layout.summary.sections).toEqual(dept2013.layout.summary.sections);
    expect(s.layout.summary.results).toEqual(['score_total', 'score_grade', 'status_text']);
    expect(s.layout.scoring.headers).toEqual(dept2013.layout.scoring.headers);
    expect(s.layout.survey).toMatchObject({ ...dept2013.layout.survey, input: 'in_survey_answers' });
    expect(s.layout.font).toBe('宋体');
    expect(s.formScope).toBe('workbook');
    expect(s.tables).toEqual([]);
    expect(s.outputNames).toHaveLength(21 * 2 + 3);
    expect(s.rateName('staff_control')).toBeUndefined();
  });

  test('project-2020: one target form per sheet (sheet-scoped names) and a summary of the forms', () => {
    const s = getScheme('project-2020');
    expect(s.formScope).toBe('sheet');
    expect(s.identity).toEqual({ dept: 'in_dept_name', year: 'in_year', unit: 'in_unit', project: 'in_project_name' });
    expect(s.layout.sheets.map((x) => [x.kind, x.sheet])).toEqual([
      ['target_form', '项目支出绩效自评表'],
      ['forms_summary', '项目自评汇总'],
    ]);
    expect(s.layout.summary).toBeUndefined();
    expect(s.tables.map((t) => [t.name, t.fields.map((f) => f.name)])).toEqual([
      ['in_indicators', ['level1', 'level2', 'name', 'sense', 'target', 'unit', 'actual', 'weight', 'rating', 'score', 'deviation']],
    ]);
    expect(s.inputs.some((i) => i.name === 'in_indicators')).toBe(false);
    expect(s.targets).toMatchObject({ inverse: 'linear', overshoot: { ratio: 1.2, deduct: 0 }, bands: { achieved: 80, partial: 60 }, cap: [] });
    expect(s.targets!.levels.map((l) => [l.name, l.weight])).toEqual([
      ['产出指标', 50],
      ['效益指标', 30],
      ['满意度指标', 10],
    ]);
    expect(s.targets!.execution).toMatchObject({ id: 'exec', weight: 10, base: 'full' });
    expect(s.outputs.status).toBe('score_status');
    expect(s.columnOutputs).toEqual(['score_rows', 'text_rows']);
  });

  test('dept-2020: a target form of one department and its 基础数据表, figures and sum checks as data', () => {
    const s = getScheme('dept-2020');
    expect(s.formScope).toBe('workbook');
    expect(s.layout.sheets.map((x) => x.kind)).toEqual(['target_form', 'data_form']);
    expect(s.figures.map((f) => f.id)).toEqual(['staff_control', 'area_control', 'invest_control']);
    expect(s.outputNames).toEqual([
      'score_exec', 'text_exec', 'rate_exec',
      'rate_staff_control', 'text_staff_control', 'rate_area_control', 'text_area_control', 'rate_invest_control', 'text_invest_control',
      'score_total', 'score_grade', 'score_status',
    ]);
    expect(s.checks.map((c) => c.kind)).toEqual(['sum', 'sum', 'sum', 'parts_within', 'parts_within', 'parts_within', 'sum', 'sum', 'same_order']);
  });
});

describe('loadScheme refuses broken target parameters', () => {
  test.each<[string, (s: Json) => void, string]>([
    ['a 反向 formula it does not know', (s) => (s.targets.inverse = 'quadratic'), 'targets.inverse'],
    ['an overshoot ratio of 1', (s) => (s.targets.overshoot.ratio = 1), 'targets.overshoot.ratio'],
    ['a negative overshoot deduction', (s) => (s.targets.overshoot.deduct = -2), 'targets.overshoot.deduct'],
    ['a 达成 band above 100%', (s) => (s.targets.bands.achieved = 120), 'targets.bands.achieved'],
    ['bands in the wrong order', (s) => (s.targets.bands = { achieved: 60, partial: 80 }), 'targets.bands: partial 80 must be below achieved 60'],
    ['no bands at all', (s) => delete s.targets.bands, 'targets.bands: Required'],
    ['an execution weight of 0', (s) => (s.targets.execution.weight = 0), 'targets.execution.weight'],
    ['an execution base it does not know', (s) => (s.targets.execution.base = 'planned'), 'targets.execution.base'],
    ['level weights that do not leave 10 for execution', (s) => (s.targets.levels[2].weight = 20), 'execution weight 10, target level weights 100 and group weights 0 add up to 110, not maxTotal 100'],
    ['a cap above the total', (s) => (s.targets.cap = [{ below: 80, max: 120 }]), 'targets.cap: a cap of 120 is above maxTotal 100'],
    ['a cap rate of 0', (s) => (s.targets.cap = [{ below: 0, max: 89 }]), 'targets.cap.0.below'],
    ['a cap rate listed twice', (s) => (s.targets.cap = [{ below: 80, max: 89 }, { below: 80, max: 79 }]), 'targets.cap: the rate 80 is listed twice'],
    ['a 一级 named twice', (s) => s.targets.levels[1].aliases.push('产出'), 'targets.levels: the name 产出 is used twice'],
    ['an unknown field in the target', (s) => (s.targets.rounding = 'down'), 'Unrecognized key(s) in object: \'rounding\''],
    ['a rows table that is not a table', (s) => (s.targets.table = 'in_project_name'), 'targets.table in_project_name is not a table input'],
    ['a table without 年度指标值', (s) => (s.inputs.find((i: Json) => i.name === 'in_indicators').fields = s.inputs.find((i: Json) => i.name === 'in_indicators').fields.filter((f: Json) => f.name !== 'target')), 'target table in_indicators lacks the field target'],
    ['a table field it does not know', (s) => s.inputs.find((i: Json) => i.name === 'in_indicators').fields.push({ name: 'direction', label: '指标方向', kind: 'text' }), 'target table in_indicators has the unknown field direction'],
    ['a 分值 read as text', (s) => (s.inputs.find((i: Json) => i.name === 'in_indicators').fields[7].kind = 'text'), 'target table field weight must be of kind number'],
    ['an execution line on an undeclared input', (s) => (s.targets.execution.total.full = 'in_fund_total'), 'targets.execution total uses undeclared input in_fund_total'],
    ['the typed rate as a number input', (s) => (s.inputs.find((i: Json) => i.name === 'in_fund_rate_self').kind = 'number'), 'targets.execution.self.rate in_fund_rate_self must be a text input'],
    ['no row outputs', (s) => delete s.outputs.rows, 'a scheme with targets needs outputs.rows'],
    ['row outputs clashing with an input', (s) => (s.outputs.rows.score = 'in_phone'), 'output name in_phone clashes with an input'],
  ])('%s', (_, spoil, message) => {
    const s = copy(project2020);
    spoil(s);
    expect(rejection(s)).toContain(message);
  });

  test('every problem at once', () => {
    const s = copy(project2020);
    s.targets.bands = { achieved: 60, partial: 80 };
    s.targets.cap = [{ below: 80, max: 120 }];
    s.targets.table = 'in_nope';
    const msg = rejection(s);
    expect(msg).toContain('partial 80 must be below achieved 60');
    expect(msg).toContain('a cap of 120 is above maxTotal 100');
    expect(msg).toContain('targets.table in_nope is not a table input');
  });
});

describe('loadScheme refuses broken sheets', () => {
  const target = (s: Json) => s.layout.sheets[0];
  test.each<[string, Json, (s: Json) => void, string]>([
    ['an unknown sheet kind', project2020, (s) => (s.layout.sheets[1].kind = 'chart'), 'layout.sheets.1: unknown sheet kind "chart"'],
    ['a sheet param missing', project2020, (s) => delete target(s).funds.headers.rate, 'layout.sheets.0.funds.headers.rate'],
    ['an input placed twice', project2020, (s) => target(s).filler.push('in_phone'), 'input in_phone is placed 2 times in the layout'],
    ['an input placed nowhere', project2020, (s) => (target(s).filler = ['in_filler', 'in_fill_date']), 'input in_phone is placed 0 times in the layout'],
    ['an undeclared input placed', project2020, (s) => target(s).header.push(['in_nope']), 'layout places undeclared input in_nope'],
    ['a summary column of nothing', project2020, (s) => s.layout.sheets[1].columns.push({ header: '备注', name: 'in_note' }), 'forms_summary column “备注” reads in_note, which is neither an input nor an output'],
    ['one form per sheet with nothing repeating', project2020, (s) => (target(s).repeat = false), 'formScope "sheet" needs a sheet with repeat: true'],
    ['a repeating sheet in a workbook form', dept2020, (s) => (target(s).repeat = true), 'sheet 部门整体支出绩效自评表 repeats, but formScope is "workbook"'],
    ['a summary of forms in a one-form workbook', dept2020, (s) => s.layout.sheets.push({ ...copy(project2020).layout.sheets[1], columns: [{ header: '总分', name: 'score_total' }], totals: { label: '合计', names: [] } }), 'a forms_summary needs one form per sheet'],
    ['two sheets of one name', dept2020, (s) => (s.layout.sheets[1].sheet = '部门整体支出绩效自评表'), 'sheet names must differ'],
    ['a sheet name Excel forbids', dept2020, (s) => (s.layout.sheets[1].sheet = '基础数据/2024'), 'sheet name 基础数据/2024 has a character Excel forbids'],
    ['a data line with too few cells', dept2020, (s) => s.layout.sheets[1].blocks[1].lines[0].cells.pop(), '2 cells for 3 columns'],
    ['a figure it does not know', dept2020, (s) => (s.layout.sheets[1].blocks[0].lines[0].cells[2] = { figure: 'nope' }), 'data_form shows undeclared figure nope'],
    ['figures without a rate prefix', dept2020, (s) => delete s.outputs.rate, 'a scheme with figures needs outputs.rate'],
    ['a level label without its name', project2020, (s) => (target(s).table.levelLabel = '一级'), 'levelLabel must hold {name}'],
    ['a printed column of no field', project2020, (s) => target(s).table.submitted.push({ field: 'direction' }), 'target_form.table.submitted: the table has no field direction'],
    ['a survey grid whose questions do not match its input', dept2013, (s) => (s.layout.survey.questions = ['只有一题']), 'survey in_survey_answers: 10 questions but layout has 1'],
  ])('%s', (_, data, spoil, message) => {
    const s = copy(data);
    spoil(s);
    expect(rejection(s)).toContain(message);
  });

  test('a general layout for the dept-2013 family loads as its shorthand does', () => {
    const s = copy(dept2013);
    const shorthand = getScheme('dept-2013');
    s.layout = { font: '宋体', sheets: shorthand.layout.sheets };
    const general = loadScheme(s);
    expect(general.layout.sheets).toEqual(shorthand.layout.sheets);
    expect(general.layout.summary).toEqual(shorthand.layout.summary);
    expect(general.layout.survey.questions).toHaveLength(10);
  });
});
