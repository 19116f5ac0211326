/**
 * The engine's fast paths give exactly what the general paths give: a value typed plainly (17, 是, 满意,
 * 2025-03-15) reads as the same value typed in a way that needs normalising (full-width, with spaces, ☐满意);
 * the copy-free comparisons equal decimal.js's own; rounding and two-decimal text equal the long way; a
 * questionnaire grid tallies the same through either path, also on scales the fast path does not take.
 */
import fc from 'fast-check';
import { Decimal, evaluate, getScheme, loadScheme } from '../../src/engine';
import type { RawValue } from '../../src/engine';
import { clamp, compare, fixed2, larger, round2, smaller, whole } from '../../src/engine/decimal';
import { parseDate, parseNumber, parseSurveyAnswer, parseYesNo } from '../../src/engine/values';
import shipped from '../../templates/dept-2013.json';
import { exampleValues } from './helpers';

/** sign, exponent and digits: two Decimals alike in every part */
const parts = (d: Decimal) => ({ s: d.s, e: d.e, d: d.d ? [...d.d] : null, text: d.toString() });
const FULL_WIDTH = (s: string) => s.replace(/[0-9.+-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const SPECIAL = ['0', '-0', '0.005', '-0.005', '1.005', '99.995', '-12.3', '1e-50', '1e45', '-1.5e45', '123.456', 'NaN', 'Infinity', '-Infinity'];
const decimals = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => String(n / 1000)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => new Decimal(x).toString()),
);

describe('copy-free comparisons are decimal.js’s own', () => {
  test('compare, smaller, larger and clamp equal cmp, Decimal.min, Decimal.max', () => {
    fc.assert(
      fc.property(decimals, decimals, (a, b) => {
        const x = new Decimal(a);
        const y = new Decimal(b);
        expect(Object.is(compare(x, y), x.cmp(y))).toBe(true);
        expect(parts(smaller(x, y))).toEqual(parts(Decimal.min(x, y)));
        expect(parts(larger(x, y))).toEqual(parts(Decimal.max(x, y)));
        expect(parts(clamp(x, new Decimal(0), y))).toEqual(parts(Decimal.max(new Decimal(0), Decimal.min(y, x))));
      }),
      { numRuns: 3000 },
    );
  });

  test('0 and -0: min keeps -0, max gives 0', () => {
    expect(smaller(new Decimal(0), new Decimal(-0)).isNeg()).toBe(true);
    expect(larger(new Decimal(-0), new Decimal(0)).isNeg()).toBe(false);
    expect(clamp(new Decimal(-0), new Decimal(0), new Decimal(5)).isNeg()).toBe(false);
  });
});

describe('rounding and two-decimal text', () => {
  /** fixed2 as first written: split the rounded value's text and pad the decimals */
  const fixed2Before = (d: Decimal) => {
    const [w, frac = ''] = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString().split('.');
    return `${w}.${frac.padEnd(2, '0')}`;
  };

  test('round2 is toDecimalPlaces(2, half up), part for part; fixed2 is the padded text', () => {
    fc.assert(
      fc.property(decimals, (a) => {
        const x = new Decimal(a);
        expect(parts(round2(x))).toEqual(parts(x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)));
        expect(fixed2(x)).toBe(fixed2Before(x));
      }),
      { numRuns: 3000 },
    );
    expect(fixed2(new Decimal('1.5e45'))).toBe(fixed2Before(new Decimal('1.5e45')));
    expect(fixed2(new Decimal('-0.001'))).toBe('0.00');
  });
});

describe('numbers', () => {
  test('a number cell reads as Decimal(n) to 15 significant digits (-0 as 0)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(-0, 0.1 + 0.2, 1e15, 1e15 - 1, 2 ** 53, 1e21, 1234567890123.45)), (n) => {
        const p = parseNumber(n, { kind: 'number' });
        expect(p.kind).toBe('ok');
        if (p.kind === 'ok') expect(parts(p.value)).toEqual(parts(new Decimal(Object.is(n, -0) ? 0 : n).toSignificantDigits(15)));
      }),
      { numRuns: 3000 },
    );
  });

  test('whole numbers are shared Decimals, -0 keeps its sign', () => {
    expect(whole(17)).toBe(whole(17));
    expect(parts(whole(17))).toEqual(parts(new Decimal(17)));
    expect(whole(-0).isNeg()).toBe(true);
    expect(parts(whole(123456))).toEqual(parts(new Decimal(123456)));
  });

  test('a plain ASCII number reads as the same number typed full-width (which is normalised first)', () => {
    const ascii = fc.tuple(fc.constantFrom('', '-', '+'), fc.nat(1e9), fc.constantFrom('', '.', '.5', '.05', '.125')).map(([s, n, f]) => `${s}${n}${f}`);
    fc.assert(
      fc.property(ascii, fc.constantFrom('amount', 'integer', 'number', 'year') as fc.Arbitrary<'amount'>, (text, kind) => {
        expect(parseNumber(text, { kind })).toEqual(parseNumber(FULL_WIDTH(text), { kind }));
      }),
    );
    expect(parseNumber('+.5', { kind: 'number' })).toEqual(parseNumber('＋．５', { kind: 'number' }));
  });
});

describe('words and dates as written', () => {
  test('是/否 words as written read as with spaces around them', () => {
    for (const word of ['是', '否', '√', '×', '✓', '✗', 'Y', 'N', 'YES', 'NO', 'TRUE', 'FALSE', 'T', 'F', '1', '0', '有', '无', '对', '错', '不是']) {
      expect(parseYesNo(word)).toEqual(parseYesNo(` ${word}\u3000`));
    }
  });

  test('2025-03-15 reads as the same day typed with a space before it; impossible days and years before 100 as before', () => {
    const day = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }));
    fc.assert(
      fc.property(day, ([y, m, d]) => {
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const fast = parseDate(text);
        const full = parseDate(` ${text}`);
        expect(fast.kind).toBe(full.kind);
        if (fast.kind === 'ok' && full.kind === 'ok') expect(fast.value).toBe(full.value);
      }),
      { numRuns: 2000 },
    );
    expect(parseDate('0050-01-01')).toEqual({ kind: 'ok', value: '1950-01-01' });
    expect(parseDate('2024-02-29')).toEqual({ kind: 'ok', value: '2024-02-29' });
    expect(parseDate('2023-02-29').kind).toBe('bad');
  });
});

describe('questionnaire grid', () => {
  const ANSWERS: RawValue[] = ['非常满意', '满意', '一般', '不满意', 5, 4, 3, 0, '5', '4'];
  /** the same answer, but in a form only the full reading takes: a ticked box before it */
  const boxed = (a: RawValue) => (typeof a === 'string' ? `☑${a}` : `☑${a}分`);
  const grid = fc.array(fc.array(fc.constantFrom(...ANSWERS), { minLength: 10, maxLength: 10 }), { minLength: 1, maxLength: 12 });

  test('answers as written tally as the same answers boxed (read in full)', () => {
    fc.assert(
      fc.property(grid, fc.array(fc.nat(11)), (rows, boxRows) => {
        const mixed = rows.map((r, i) => (boxRows.includes(i) ? r.map(boxed) : r));
        const fast = evaluate(getScheme(), { values: { ...exampleValues(), in_survey_answers: rows } });
        const slow = evaluate(getScheme(), { values: { ...exampleValues(), in_survey_answers: rows.map((r) => r.map(boxed)) } });
        const half = evaluate(getScheme(), { values: { ...exampleValues(), in_survey_answers: mixed } });
        for (const e of [slow, half]) {
          expect(e.inputs.in_survey_answers.value).toEqual(fast.inputs.in_survey_answers.value);
          expect(e.indicators).toEqual(fast.indicators);
          expect(e.issues).toEqual(fast.issues);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('a scale with points that are not whole numbers (or a label that is another answer’s points) tallies in full', () => {
    const s = JSON.parse(JSON.stringify(shipped));
    const survey = s.inputs.find((i: { kind: string }) => i.kind === 'survey');
    survey.answers = [
      { label: '非常满意', points: 5 },
      { label: '满意', points: 4.5 },
      { label: '一般', points: 3 },
      { label: '5', points: 2 },
      { label: '不满意', points: 0 },
    ];
    const scheme = loadScheme(s);
    const rows = [Array(10).fill('满意'), Array(10).fill('5'), [5, 5, 5, 5, 5, 4.5, 4.5, '一般', '不满意', '满意']];
    const tally = evaluate(scheme, { values: { ...exampleValues(), in_survey_answers: rows } }).inputs.in_survey_answers.value as {
      count: number;
      points: Decimal;
    };
    expect(tally.count).toBe(3);
    // 10 × 4.5 + 10 × 5 (“5” is the first answer with 5 points) + 5 × 5 + 2 × 4.5 + 3 + 0 + 4.5
    expect(tally.points.toString()).toBe('136.5');
    expect(parseSurveyAnswer('5', { answers: survey.answers })).toEqual({ kind: 'ok', value: new Decimal(5) });
  });
});

describe('checklist points that are not whole numbers', () => {
  test('add up as decimals', () => {
    const s = JSON.parse(JSON.stringify(shipped));
    const goalFit = s.indicators.find((i: { id: string }) => i.id === 'goal_fit');
    goalFit.rule.items = goalFit.rule.items.map((item: object, k: number) => ({ ...item, points: [0.5, 1.25, 1.25][k] }));
    const e = evaluate(loadScheme(s), { values: { ...exampleValues(), in_goal_fit_2: '否' } });
    const r = e.indicators.find((i) => i.id === 'goal_fit')!;
    expect(r.score?.toString()).toBe('1.75');
    expect(r.text).toBe('①是，计0.5分；②否，不得分；③是，计1.25分；得1.75分');
  });
});
