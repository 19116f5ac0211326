/**
 * Property tests (fast-check) of the target table over random tables as officers might type them — real-looking
 * rows, loose labels, placeholders, junk in every column, rows as objects or as cells: scoring never throws,
 * each row's score is empty or within [0, 分值], the total within [0, 100], the JSON is plain; and raising an
 * actual never lowers a 正向 row.
 */
import fc from 'fast-check';
import { Decimal, evaluate, toJson } from '../../src/engine';
import type { RawValue } from '../../src/engine';
import { fundsOnly, num, project, scoreJson, topUp } from './targetHelpers';

const scheme = project();
const FIELDS = scheme.table('in_indicators').fields.map((f) => f.name);

const JUNK: RawValue[] = ['', ' ', '/', '—', '--', '……', '…', '无', '#DIV/0!', 'abc', '十', '∞', 'NaN', '-', '（', '%', '万元', true, false, 0, -1, NaN, Infinity, 1e21, 0.1 + 0.2];

const level1 = fc.constantFrom<RawValue>('产出指标', '产出指标（50分）', '产出指标 (50分)', '效益指标', '效益指标 (30分)', '满意度 指标 (10分)', '满意度', '', null, '其他');
const level2 = fc.constantFrom<RawValue>('数量指标', '质量指标', '时效指标', '成本指标', '经济效 益指标', '社会效益指标', '生态效益', '可持续影响指标', '服务对象满意度指标等', '', null);
const name = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<RawValue>('接入部门数', '系统可用率', '响应时间', '运维成本', '满意度', '其中：线上培训', '完成时间') },
  { weight: 2, arbitrary: fc.constantFrom<RawValue>('……', '…', '/', '指标2：', '指标1:/', '', null) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const sense = fc.constantFrom<RawValue>('≥', '≤', '=', '定性', '正向', '反向', '＞＝', '≦', '正向 小于等于', '大于等于', '', null, '好');
const unit = fc.constantFrom<RawValue>('', null, '%', '个', '天', '万元', '元', '小时', '人次');
const amount = fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 200000 }).map((n) => n / 100));
const quantity = fc
  .tuple(
    fc.constantFrom('', '', '≥', '≤', '=', '＞＝', '≦', '不低于', '不超过', '至少'),
    amount,
    fc.constantFrom('', '%', '个', '天', '万元', '元', '小时', '以内', '以上', '％'),
  )
  .map(([op, n, u]) => `${op}${n}${u}`);
const text = fc.oneof(
  { weight: 5, arbitrary: quantity },
  { weight: 2, arbitrary: fc.constantFrom<RawValue>('控制在预算内', '全年整体评价A类', '持续运行', '明显提升', '已完成', '完成', '未完成', '是', '2025年11月前', '9月前', '11月前完成', '年底前完成', '2025年12月') },
  { weight: 1, arbitrary: amount },
  { weight: 1, arbitrary: fc.constantFrom(...JUNK) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);
const weight = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom<RawValue>(5, 10, 15, 20, 2.5, '10', '10分', '５') },
  { weight: 1, arbitrary: fc.constantFrom(...JUNK) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }) },
);
const rating = fc.constantFrom<RawValue>('达成', '部分达成', '未达成', '达成年度指标', '部分达成年度指标并具有一定效果', '', null, '良好');
const score = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<RawValue>(null, '', undefined) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 2000 }).map((n) => n / 100) },
  { weight: 1, arbitrary: fc.constantFrom(...JUNK) },
);
const deviation = fc.constantFrom<RawValue>('', null, '部分事项未上线', '/');

const row = fc.record(
  { level1, level2, name, sense, target: text, unit, actual: text, weight, rating, score, deviation },
  { requiredKeys: [] },
);

/** a table as JSON objects or as cells in field order; sometimes ragged, sometimes with a junk row */
const table: fc.Arbitrary<RawValue> = fc.oneof(
  { weight: 8, arbitrary: fc.array(row, { maxLength: 14 }).map((rows) => rows.map((r) => FIELDS.map((f) => (r as Record<string, RawValue>)[f] ?? null))) },
  { weight: 1, arbitrary: fc.array(fc.array(fc.oneof(text, fc.constantFrom(...JUNK)), { maxLength: 13 }), { maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom<RawValue>(null, undefined, [], 'abc', 5, [[]], [null]) },
);

const funds = fc.record({
  in_fund_full: fc.oneof(amount, fc.constantFrom<RawValue>(null, 0, '0', '150万元', 'abc', -3)),
  in_fund_spent: fc.oneof(amount, fc.constantFrom<RawValue>(null, 0, '138.6', '元')),
  in_fund_fiscal_full: fc.oneof(amount, fc.constant(null)),
  in_fund_rate_self: fc.constantFrom<RawValue>(null, '95%', '0.95', 95, 'abc'),
  in_fund_score_self: fc.constantFrom<RawValue>(null, 9, 100, '九'),
  in_total_self: fc.constantFrom<RawValue>(null, 100, 92.96),
});

describe('random tables', () => {
  test('never throw; each row score empty or within [0, 分值]; total within [0, 100]; plain JSON', () => {
    const base = fundsOnly();
    fc.assert(
      fc.property(table, funds, (rows, money) => {
        const values = { ...(base as Record<string, RawValue>), ...money, in_indicators: rows };
        const e = evaluate(scheme, { values });
        // plain checks in the loop (10,000 runs): one expect per property at the end
        const wrong: string[] = [];
        for (const r of e.indicators) {
          if (r.weight.isNaN() || !r.weight.isFinite()) wrong.push(`${r.id} weight ${r.weight}`);
          if (r.score === null) {
            if (r.status !== 'missing' && r.status !== 'invalid') wrong.push(`${r.id} no score but ${r.status}`);
          } else if (r.score.isNeg() || r.score.gt(r.weight) || r.score.decimalPlaces() > 2) wrong.push(`${r.id} score ${r.score} of ${r.weight}`);
          // (a text may quote a cell holding NaN; a computed NaN would show in the score)
          if (/undefined|\[object/.test(r.text)) wrong.push(`${r.id} text ${r.text}`);
        }
        const x = e.execution!;
        if (x.score !== null && (x.score.isNeg() || x.score.gt(10))) wrong.push(`execution ${x.score}`);
        if (e.total.isNeg() || e.total.gt(100) || e.total.decimalPlaces() > 2) wrong.push(`total ${e.total}`);
        if (e.grade !== null && !e.complete) wrong.push('a grade while incomplete');
        for (const f of e.issues) if (/undefined|\[object/.test(f.message)) wrong.push(f.message);
        const json = toJson(e);
        const numbers = [json.total, json.execution!.score, json.execution!.rate, ...json.indicators.flatMap((i) => [i.weight, i.score])];
        if (numbers.some((n) => n !== null && !Number.isFinite(n))) wrong.push('a JSON number that is not finite');
        expect(wrong).toEqual([]);
      }),
      { numRuns: 10000 },
    );
  });

  test('raising an actual never lowers a 正向 row (the shipped scheme: no deduction for overshooting)', () => {
    const positive = fc.tuple(
      fc.integer({ min: 0, max: 100000 }).map((n) => n / 100),
      fc.integer({ min: -1000, max: 200000 }).map((n) => n / 100),
      fc.integer({ min: 1, max: 100000 }).map((n) => n / 100),
      fc.constantFrom('', '%', '个', '万元'),
      fc.constantFrom<RawValue>(5, 10, 15, 2.5, 7),
      fc.constantFrom('≥', '正向', '大于等于', ''),
    );
    fc.assert(
      fc.property(positive, ([t, a, up, u, w, s]) => {
        const at = (actual: number) => {
          const e = scoreJson({ ...fundsOnly(), in_indicators: topUp([{ name: '指标', sense: s, target: `${t}${u}`, actual: `${actual}${u}`, weight: w, deviation: '说明' }]) });
          return num(e.indicators[0].score)!;
        };
        const lower = at(a);
        const higher = at(new Decimal(a).plus(up).toNumber());
        expect(higher).toBeGreaterThanOrEqual(lower);
      }),
      { numRuns: 2000 },
    );
  });
});
