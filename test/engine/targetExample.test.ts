/**
 * The worked example of spec/perf-2020.md (示例县数据局, 政务数据共享平台运维, 2024, 万元) end to end through
 * evaluate: every row score of the spec's table, execution 9.24, total 92.96, 优, exactly one overshoot warning;
 * the JSON of the spec, the column outputs, the named outputs, several forms; rows given in field order (as a
 * workbook gives them) score alike.
 */
import { evaluate, foldedTarget, formsJson, getScheme, inputsFromJson, namedOutputs, statusLine, toJson } from '../../src/engine';
import type { RawValue } from '../../src/engine';
// a copy of ../shared/spec/perf-2020-example.json: the repo's tests run from a clone without the specs beside it
import spec from './fixtures/perf-2020-example.json';
import deptSample from '../../templates/samples/dept-2020-example.json';
import { exampleInputs, num, project, scoreJson } from './targetHelpers';

// the spec's table: id, 一级/二级, sense, score (hand calculation in the comment)
const EXPECTED: [string, string, string, number][] = [
  ['r1', '产出指标/数量指标', '≥', 15], // 42 ≥ 40
  ['r2', '产出指标/数量指标', '≥', 10], // 620 ≥ 500; 124% ≥ 120%: overshoot, deviation given
  ['r3', '产出指标/质量指标', '≥', 9.97], // 99.2/99.5×10 = 9.9698…
  ['r4', '产出指标/时效指标', '≤', 3.75], // 5×(1−(2.5−2)/2)
  ['r5', '产出指标/成本指标', '≤', 10], // 138.6 ≤ 150
  ['r6', '效益指标/社会效益指标', '定性', 7], // 部分达成, typed 7 in [6, 8)
  ['r7', '效益指标/经济效益指标', '≥', 8], // 8/10×10
  ['r8', '效益指标/可持续影响指标', '定性', 10], // 达成, none typed
  ['r9', '满意度指标/服务对象满意度指标', '≥', 10], // 93.5 ≥ 90, 103.9%
];

describe('the worked example', () => {
  const e = scoreJson(exampleInputs());

  test('the sample shipped in templates/samples is the spec’s', () => {
    expect(exampleInputs()).toEqual(spec);
  });

  test.each(EXPECTED)('%s %s %s = %s', (id, levels, sense, score) => {
    const row = e.indicators.find((i) => i.id === id)!;
    expect(`${row.level1}/${row.level2}`).toBe(levels);
    expect(row.sense).toBe(sense);
    expect(num(row.score)).toBe(score);
    expect(row.status).toBe('ok');
  });

  test('execution 138.6/150 = 92.40% → 9.24; rows 83.72; total 92.96, 优; one overshoot warning and nothing else', () => {
    expect(e.execution!.text).toBe('（138.6/150）×100%=92.40%，92.40%×10=9.24分');
    expect(num(e.execution!.score)).toBe(9.24);
    expect(num(e.execution!.rate)).toBe(92.4);
    const rows = EXPECTED.reduce((a, [, , , s]) => a + Math.round(s * 100), 0) / 100;
    expect(rows).toBe(83.72);
    expect(e.total.toString()).toBe('92.96');
    expect(e.grade).toBe('优');
    expect(e.complete).toBe(true);
    expect(e.issues.map((f) => [f.severity, f.code, f.indicator])).toEqual([['warning', 'overshoot', 'r2']]);
    expect(e.totalText).toBe('预算执行率得分9.24分+各项指标得分83.72分=92.96分');
    expect(e.project).toBe('政务数据共享平台运维');
    expect(e.dept).toBe('示例县数据局');
    expect(e.year).toBe(2024);
    expect(statusLine(e)).toBe('评分完整；另有1条提示请核对');
  });

  test('calculation texts as an officer writes them, each saying the sense used', () => {
    expect(e.indicators.map((i) => i.text)).toEqual([
      '完成值42个，达到指标值≥40个，得15分',
      '完成值620条，达到指标值≥500条，得10分；完成值为指标值的124.00%，超过120%，年初指标值可能设定偏低',
      '完成值99.2%，未达到指标值≥99.5%，按完成比例计分：99.2/99.5×10=9.97分',
      '完成值2.5小时，超过指标值≤2小时，按超出比例扣分：5×（1-（2.5-2）/2）=3.75分',
      '完成值138.6万元，未超过指标值≤150万元，得10分',
      '定性指标，完成情况：部分达成（6～8分，不含8分），自评得分7分',
      '完成值8%，未达到指标值≥10%，按完成比例计分：8/10×10=8分',
      '定性指标，完成情况：达成，得10分',
      '完成值93.5%，达到指标值≥90%，得10分',
    ]);
  });

  test('the JSON of the spec: the dept-2013 fields plus project and execution; rows with sense, target and actual', () => {
    const json = toJson(e);
    expect(Object.keys(json)).toEqual(['scheme', 'dept', 'project', 'year', 'total', 'maxTotal', 'grade', 'complete', 'execution', 'indicators', 'issues']);
    expect(json.execution).toEqual({ rate: 92.4, score: 9.24, weight: 10, text: '（138.6/150）×100%=92.40%，92.40%×10=9.24分' });
    expect(json.indicators[5]).toEqual({
      id: 'r6',
      level1: '效益指标',
      level2: '社会效益指标',
      name: '政务服务网办率提升',
      sense: '定性',
      target: '明显提升',
      actual: '有所提升',
      weight: 10,
      score: 7,
      status: 'ok',
      text: '定性指标，完成情况：部分达成（6～8分，不含8分），自评得分7分',
    });
    expect(json.issues).toEqual([
      {
        severity: 'warning',
        code: 'overshoot',
        message: '“共享数据目录”（in_indicators[1].actual）：完成值620条为指标值500条的124.00%，达到120%以上，年初指标值可能设定偏低，请在偏差原因分析中说明',
        inputs: ['in_indicators'],
      },
    ]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  test('several forms: { scheme, forms: [one form object each] }', () => {
    const second = scoreJson({ ...exampleInputs(), in_project_name: '政务外网运维', in_fund_spent: 150 });
    const json = formsJson('project-2020', [e, second]);
    expect(json.scheme).toBe('project-2020');
    expect(json.forms.map((f) => [f.project, f.total, f.grade])).toEqual([
      ['政务数据共享平台运维', 92.96, '优'],
      ['政务外网运维', 93.72, '优'],
    ]);
  });

  test('outputs: score_exec, text_exec, rate_exec, total, grade, status; the rows’ columns row by row', () => {
    const scheme = project();
    expect(scheme.outputNames).toEqual(['score_exec', 'text_exec', 'rate_exec', 'score_total', 'score_grade', 'score_status']);
    expect(scheme.columnOutputs).toEqual(['score_rows', 'text_rows']);
    expect(Object.fromEntries(namedOutputs(scheme, e))).toEqual({
      score_exec: 9.24,
      text_exec: '（138.6/150）×100%=92.40%，92.40%×10=9.24分',
      rate_exec: 92.4,
      score_total: 92.96,
      score_grade: '优',
      score_status: '评分完整；另有1条提示请核对',
    });
    expect(e.table!.table).toBe('in_indicators');
    expect(e.table!.scores.map(num)).toEqual([15, 10, 9.97, 3.75, 10, 7, 8, 10, 10]);
    expect(e.table!.texts[3]).toBe('完成值2.5小时，超过指标值≤2小时，按超出比例扣分：5×（1-（2.5-2）/2）=3.75分');
    expect(e.indicators.map((i) => i.row)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test('rows as a workbook gives them (cells in field order) score exactly as the JSON objects', () => {
    const scheme = project();
    const fields = scheme.table('in_indicators').fields.map((f) => f.name);
    const data = exampleInputs();
    const rows: RawValue[][] = data.in_indicators.map((r) => fields.map((f) => (r as Record<string, RawValue>)[f] ?? null));
    const { values } = inputsFromJson(scheme, { ...data, in_indicators: [] });
    const fromCells = evaluate(scheme, { values: { ...values, in_indicators: rows } });
    expect(toJson(fromCells)).toEqual(toJson(e));
  });

  test('年度指标值 for the national form: 指标性质 folded in where the target does not say it', () => {
    expect(e.indicators.map(foldedTarget)).toEqual(['≥40个', '≥500条', '≥99.5%', '≤2小时', '≤150万元', '明显提升', '≥10%', '持续运行', '≥90%']);
    expect(foldedTarget({ sense: '≥', target: '95%' })).toBe('≥95%');
    expect(foldedTarget({ sense: '≤', target: '不超过30天' })).toBe('不超过30天');
    expect(foldedTarget({ sense: '≤', target: '2025年11月前' })).toBe('2025年11月前');
    expect(foldedTarget({ sense: null, target: '' })).toBe('');
  });

  test('a table field the scheme does not know is reported, not silently dropped', () => {
    const data = exampleInputs() as Record<string, unknown> & { in_indicators: Record<string, unknown>[] };
    data.in_indicators[0].direction = '正向';
    const { findings } = inputsFromJson(project(), data);
    expect(findings.map((f) => [f.code, f.message])).toEqual([
      ['unknown_input', '绩效指标中的“direction”不是它的列（可用：level1、level2、name、sense、target、unit、actual、weight、rating、score、deviation），已忽略'],
    ]);
  });

  test('the dept-2013 JSON is untouched by the target fields', () => {
    const dept = toJson(evaluate(getScheme('dept-2013'), { values: {} }));
    expect(Object.keys(dept)).toEqual(['scheme', 'dept', 'year', 'total', 'maxTotal', 'grade', 'complete', 'indicators', 'issues']);
    expect(Object.keys(dept.indicators[0])).toEqual(['id', 'level1', 'level2', 'name', 'weight', 'score', 'status', 'text']);
  });
});

describe('the dept-2020 sample (the same rows for a whole department, and its 基础数据表)', () => {
  const e = scoreJson(deptSample as Record<string, unknown>, getScheme('dept-2020'));

  test('532/560 = 95.00% → 9.5; rows 83.72; total 93.22, 优; the overshoot warning only', () => {
    expect(e.execution!.text).toBe('（532/560）×100%=95.00%，95.00%×10=9.5分');
    expect(num(e.total)).toBe(93.22);
    expect(e.grade).toBe('优');
    expect(e.project).toBeUndefined();
    expect(e.issues.map((f) => f.code)).toEqual(['overshoot']);
    expect(Object.keys(toJson(e))).toEqual(['scheme', 'dept', 'year', 'total', 'maxTotal', 'grade', 'complete', 'execution', 'indicators', 'issues']);
  });

  test('基础数据表 figures as named outputs with their texts', () => {
    const outputs = namedOutputs(getScheme('dept-2020'), e);
    expect(outputs.get('rate_staff_control')).toBe(105);
    expect(outputs.get('text_staff_control')).toBe('（21/20）×100%=105.00%');
    expect(outputs.get('rate_area_control')).toBeNull();
    expect(outputs.get('text_area_control')).toBe('');
  });
});
