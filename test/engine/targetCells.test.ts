/**
 * Target and actual cells as officers type them — operators and their look-alikes, words, units, full-width
 * forms, dates, qualitative texts, list markers — each with what it reads as; the 指标性质 column, 完成情况,
 * the 一级/二级 labels and the placeholders likewise; and a few of them scored through a whole row.
 */
import { Decimal } from '../../src/engine';
import { isPlaceholderName, labelKey, readRating, readSense, readValue } from '../../src/engine/targets/read';
import type { When } from '../../src/engine/targets/read';
import { first, num, withRows } from './targetHelpers';

/** what a cell reads as: op, value and unit; or a time; or text (定性) with how many numbers it holds */
type Expect = { op?: string; value?: string; unit?: string; when?: When; numbers?: number; done?: boolean; notDone?: boolean };

// prettier-ignore
const CELLS: [string, Expect][] = [
  // numbers and units
  ['36', { value: '36', unit: '' }],
  ['36个', { value: '36', unit: '个' }],
  ['１２．５万元', { value: '12.5', unit: '万元' }],
  ['1,200户', { value: '1200', unit: '户' }],
  [' 99.5 % ', { value: '99.5', unit: '%' }],
  ['500㎡', { value: '500', unit: '平方米' }],
  ['30日', { value: '30', unit: '天' }],
  ['-5%', { value: '-5', unit: '%' }],
  ['满足36个窗口企业办事需求', { value: '36', unit: '个' }],
  // operators and their look-alikes
  ['≥95%', { op: '≥', value: '95', unit: '%' }],
  ['＞＝95％', { op: '≥', value: '95', unit: '%' }],
  ['≧95%', { op: '≥', value: '95', unit: '%' }],
  ['>=95%', { op: '≥', value: '95', unit: '%' }],
  ['≥266米', { op: '≥', value: '266', unit: '米' }],
  ['≤30天', { op: '≤', value: '30', unit: '天' }],
  ['≦30日', { op: '≤', value: '30', unit: '天' }],
  ['＜＝2小时', { op: '≤', value: '2', unit: '小时' }],
  ['<=2个小时', { op: '≤', value: '2', unit: '小时' }],
  ['=100%', { op: '=', value: '100', unit: '%' }],
  ['═100%', { op: '=', value: '100', unit: '%' }],
  ['﹦1项', { op: '=', value: '1', unit: '项' }],
  ['＝4期', { op: '=', value: '4', unit: '期' }],
  // words
  ['不低于95%', { op: '≥', value: '95', unit: '%' }],
  ['不少于500人次', { op: '≥', value: '500', unit: '人次' }],
  ['至少3次', { op: '≥', value: '3', unit: '次' }],
  ['95%以上', { op: '≥', value: '95', unit: '%' }],
  ['大于等于90%', { op: '≥', value: '90', unit: '%' }],
  ['不高于5%', { op: '≤', value: '5', unit: '%' }],
  ['不超过150万元', { op: '≤', value: '150', unit: '万元' }],
  ['15个工作日以内', { op: '≤', value: '15', unit: '个工作日' }],
  ['5%以下', { op: '≤', value: '5', unit: '%' }],
  ['控制在120万元以内', { op: '≤', value: '120', unit: '万元' }],
  ['小于等于3起', { op: '≤', value: '3', unit: '起' }],
  ['等于100%', { op: '=', value: '100', unit: '%' }],
  // list markers are no values
  // (达到 says done: it matters only in an actual that has no number)
  ['1、力争满意率达到100%；2、提升政务公开社会满意度。', { value: '100', unit: '%', done: true }],
  ['（1）培训不少于200人', { op: '≥', value: '200', unit: '人' }],
  // times
  ['2019年', { when: { y: 2019 } }],
  ['9月前', { when: { m: 9 } }],
  ['2025年11月底前', { when: { y: 2025, m: 11 } }],
  ['2025年11月前实现一号相应、即问即答', { when: { y: 2025, m: 11 } }],
  ['年底前完成', { when: { m: 12 }, done: true }],
  ['2024-12-31前', { when: { y: 2024, m: 12, d: 31 } }],
  ['2024.10.15', { when: { y: 2024, m: 10, d: 15 } }],
  ['1990.7', { value: '1990.7', unit: '' }],
  ['11月前完成', { when: { m: 11 }, done: true }],
  // no single number: 定性
  ['控制在预算内', { op: '≤', numbers: 0 }],
  ['全年整体评价A类', { numbers: 0 }],
  ['明显提升', { numbers: 0 }],
  ['5G基站覆盖', { numbers: 0 }],
  ['大厅窗口满意度达到100%;行政审批办结率达到100%', { numbers: 2, done: true }],
  // actuals that say done or not
  ['已完成', { numbers: 0, done: true }],
  ['按时完成', { numbers: 0, done: true }],
  ['是', { numbers: 0, done: true }],
  ['未完成', { numbers: 0, notDone: true }],
  ['部分完成', { numbers: 0, notDone: true }],
  ['98％（已完成）', { value: '98', unit: '%', done: true }],
];

describe('target and actual cells as typed', () => {
  test('at least 40 of them', () => expect(CELLS.length).toBeGreaterThanOrEqual(40));

  test.each(CELLS)('%j', (raw, expected) => {
    const r = readValue(raw);
    expect(r.op).toBe(expected.op);
    if (expected.value !== undefined) {
      expect(r.quantity?.value.toString()).toBe(new Decimal(expected.value).toString());
      expect(r.quantity?.unit).toBe(expected.unit);
      expect(r.when).toBeUndefined();
    } else {
      expect(r.quantity).toBeUndefined();
    }
    if (expected.when) expect(r.when).toEqual(expected.when);
    else expect(r.when).toBeUndefined();
    if (expected.numbers !== undefined) expect(r.numbers).toBe(expected.numbers);
    expect(r.done).toBe(expected.done === true);
    expect(r.notDone).toBe(expected.notDone === true);
  });

  test('a number from a cell that holds one reads as itself', () => {
    const r = readValue(0.1 + 0.2);
    expect(r.quantity?.value.toString()).toBe('0.3');
  });
});

describe('the 指标性质 column', () => {
  test.each([
    ['≥', '≥'],
    ['＞＝', '≥'],
    ['≧', '≥'],
    ['正向', '≥'],
    ['正向指标', '≥'],
    ['大于等于', '≥'],
    ['反向', '≤'],
    ['≦', '≤'],
    ['小于等于', '≤'],
    ['反向指标', '≤'],
    ['=', '='],
    ['＝', '='],
    ['等于', '='],
    ['定性', '定性'],
    ['定性指标', '定性'],
  ])('%s reads as %s', (raw, sense) => {
    expect(readSense(raw)).toEqual({ sense });
  });

  test('正向 beside 小于等于: the operator, and the disagreement said; 定量 and blank say nothing; junk is unknown', () => {
    expect(readSense('正向 小于等于')).toEqual({ sense: '≤', conflict: '正向与“≤”' });
    expect(readSense('定量')).toEqual({});
    expect(readSense('')).toEqual({});
    expect(readSense('/')).toEqual({});
    expect(readSense('好')).toEqual({ unknown: true });
  });
});

describe('完成情况, labels and placeholders', () => {
  test.each([
    ['达成', '达成'],
    ['达成年度指标', '达成'],
    ['部分达成', '部分达成'],
    ['部分达成年度指标并具有一定效果', '部分达成'],
    ['未达成', '未达成'],
    ['未达成年度指标且效果较差', '未达成'],
    ['', undefined],
    ['/', undefined],
    ['良好', null],
  ])('完成情况 %j → %j', (raw, rating) => expect(readRating(raw)).toBe(rating));

  test.each([
    ['产出指标(50分)', '产出'],
    ['产出指标（50分）', '产出'],
    ['产出指标 (50分)', '产出'],
    ['经济效 益指标', '经济效益'],
    ['服务对象满意度指标等', '服务对象满意度'],
    ['满意度 指标 (10分)', '满意度'],
    ['服务对象 满意度指 标', '服务对象满意度'],
    ['数量指标：', '数量'],
  ])('label %j → %j', (raw, key) => expect(labelKey(raw)).toBe(key));

  test.each([
    ['……', true],
    ['…', true],
    ['/', true],
    ['指标2', true],
    ['指标2：', true],
    ['指标1:/', true],
    ['', true],
    ['指标名称', false],
    ['其中：线上', false],
  ])('placeholder name %j → %s', (raw, placeholder) => expect(isPlaceholderName(raw)).toBe(placeholder));
});

describe('read and scored as a whole row', () => {
  test.each([
    ['不低于95%', '96%', 10, '≥'],
    ['＞＝95％', '９０％', 9.47, '≥'],
    ['15个工作日以内', '12个工作日', 10, '≤'],
    ['控制在120万元以内', '132万元', 9, '≤'], // 10×(1−12/120)
    ['36个', '36', 10, '≥'],
    ['≥266米', '≥266米', 10, '≥'],
    ['2019年', '2019年12月完成', 10, '≤'],
    ['全年整体评价A类', '全年整体评价A类', 10, '定性'],
    ['1、力争满意率达到100%；2、提升政务公开社会满意度。', '满意度达到100%', 10, '≥'],
  ])('%j against %j → %s (%s)', (target, actual, score, sense) => {
    const e = withRows([{ name: '指标', target, actual, weight: 10, deviation: '说明' }]);
    expect(num(first(e).score)).toBe(score);
    expect(first(e).sense).toBe(sense);
  });
});
