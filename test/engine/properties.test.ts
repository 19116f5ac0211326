/**
 * Property tests (fast-check) over every input of the scheme: realistic values, numeric strings typed the
 * officer's way, junk, blanks, booleans, yes/no words and survey grids.
 */
import fc from 'fast-check';
import { Decimal, evaluate, getScheme, gradeOf, toJson } from '../../src/engine';
import type { Evaluation, RawValue, SchemeInput } from '../../src/engine';
import { evalWith, exampleValues } from './helpers';

const scheme = getScheme();
const inputNames = new Set(scheme.inputs.map((i) => i.name));

const FULL_WIDTH = (s: string) => s.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const JUNK: RawValue[] = [
  '', '  ', '\u3000', '--', '—', '/', 'abc', '十七', '#DIV/0!', '#N/A', '#VALUE!', '95%', '(30)', '（30）', '4,36,0097',
  '12,5', '1e3', '无', '没有', '可能', '好', '2', '−5', '-0', '.', '+', '()', '万元', '元', '人', '0.0.1', '１２．５', '∞',
  'NaN', 'Infinity', 'undefined', 'null', '是', '否', '√', '×', 'TRUE', 'false', 'Y', 'n',
];

/** a number typed as text: "17", "17人", "１７", "4,360,097.54", "436.01万元", " 17 " */
const numericString = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 10000000 }).map((n) => n / 100)),
    fc.constantFrom('', '', '人', '件', '项', '份', '分', '元', '万元', '万', '年', '%'),
    fc.constantFrom('plain', 'grouped', 'full', 'padded', 'negative', 'accounting'),
  )
  .map(([n, suffix, style]) => {
    let s = String(n);
    if (style === 'grouped') s = n.toLocaleString('en-US', { maximumFractionDigits: 2 });
    if (style === 'full') s = FULL_WIDTH(s);
    if (style === 'padded') s = ` ${s} `;
    if (style === 'negative') s = `-${s}`;
    if (style === 'accounting') s = `(${s})`;
    return s + suffix;
  });

const oddNumber = fc.oneof(
  fc.double({ noNaN: false }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0.1 + 0.2, 1e21, -1, 1e-7, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.integer({ min: -1000, max: 1000 }),
);

/** anything at all a cell or a JSON value may hold */
const messy: fc.Arbitrary<RawValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...JUNK) },
  { weight: 3, arbitrary: numericString },
  { weight: 3, arbitrary: oddNumber },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }) },
  { weight: 1, arbitrary: fc.constant(new Date(NaN)) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { maxLength: 3 }) },
);

const ANSWERS: RawValue[] = [5, 4, 3, 0, '非常满意', '满意', '一般', '不满意', '5', '□满意', '５'];
const answer = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...ANSWERS) },
  { weight: 1, arbitrary: fc.constantFrom<RawValue>('', null, undefined, '2', 2, '好', true, 3.5, NaN, new Date(0), []) },
);
const surveyRow = fc.oneof(
  { weight: 20, arbitrary: fc.array(answer, { minLength: 10, maxLength: 10 }) },
  { weight: 1, arbitrary: fc.array(answer, { maxLength: 12 }) },
  { weight: 1, arbitrary: messy },
);
const validRow = fc.array(fc.constantFrom(...ANSWERS), { minLength: 10, maxLength: 10 });
const surveyGrid: fc.Arbitrary<RawValue> = fc.oneof(
  { weight: 10, arbitrary: fc.array(validRow, { minLength: 1, maxLength: 20 }) },
  { weight: 3, arbitrary: fc.array(surveyRow, { maxLength: 35 }) },
  { weight: 1, arbitrary: fc.constantFrom<RawValue>(null, undefined, [], [[]]) },
  { weight: 1, arbitrary: messy },
);

const amount = fc.oneof(fc.integer({ min: 1, max: 200000 }).map((n) => n / 100), fc.constant(0));
/** a well-formed value for an input (so that many generated forms score completely) */
function valid(input: SchemeInput): fc.Arbitrary<RawValue> {
  switch (input.kind) {
    case 'text':
      return fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constant('示例单位'));
    case 'date':
      return fc.constantFrom('2025-03-15', '2025年3月1日', 45000);
    case 'unit':
      return fc.constantFrom('元', '万元');
    case 'yesno':
      return fc.constantFrom<RawValue>('是', '否', '√', '×', 'Y', 'N', true, false, 1, 0, 'TRUE', 'false');
    case 'survey':
      return surveyGrid;
    case 'year':
      return fc.integer({ min: 2000, max: 2100 });
    case 'integer':
      // from 1: a 0 (a 0 denominator) comes often enough from the messy values
      return fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }).map((n) => `${n}人`));
    case 'number':
      return input.max !== undefined
        ? fc.integer({ min: 0, max: input.max * 4 }).map((n) => n / 4)
        : fc.oneof(fc.integer({ min: 1, max: 150 }), amount);
    case 'amount':
      return input.negativeAsMagnitude ? fc.oneof(amount, amount.map((n) => -n), amount.map((n) => `(${n})`)) : fc.oneof(amount, amount.map(String));
  }
}

/** every input with a valid value, then a few replaced with messy ones or removed */
const form: fc.Arbitrary<Record<string, RawValue>> = fc
  .tuple(
    fc.record(Object.fromEntries(scheme.inputs.map((i) => [i.name, valid(i)]))) as fc.Arbitrary<Record<string, RawValue>>,
    fc.oneof(
      { weight: 1, arbitrary: fc.constant([] as [string, RawValue][]) },
      { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom(...scheme.inputs.map((i) => i.name)), messy), { minLength: 1, maxLength: 6 }) },
    ),
  )
  .map(([values, mess]) => {
    const out = { ...values };
    for (const [name, v] of mess) {
      if (v === undefined) delete out[name];
      else out[name] = v;
    }
    return out;
  });

/** every number anywhere in a JSON-able value is finite */
function finiteEverywhere(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(finiteEverywhere);
  if (v && typeof v === 'object') return Object.values(v).every(finiteEverywhere);
  return true;
}

/** what was typed as text anywhere in the form: free text (评分依据) is echoed verbatim and may say anything */
function typedText(values: Record<string, RawValue>): string {
  return JSON.stringify(values);
}

/** plain checks (10,000 runs × ~200 checks: jest's expect would dominate the run time) */
function ok(cond: boolean, what: string, detail?: unknown): void {
  if (!cond) throw new Error(`${what}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
}

function checkInvariants(e: Evaluation, typed = ''): void {
  let sum = new Decimal(0);
  for (const i of e.indicators) {
    if (i.score === null) {
      ok(i.status === 'missing' || i.status === 'invalid', `${i.id}: no score but status ${i.status}`);
    } else {
      ok(i.status === 'ok' || i.status === 'not_applicable', `${i.id}: a score but status ${i.status}`);
      ok(i.score.isFinite() && i.score.gte(0) && i.score.lte(i.weight), `${i.id}: score ${i.score} outside [0, ${i.weight}]`);
      ok(i.score.decimalPlaces() <= 2, `${i.id}: score ${i.score} has more than two decimals`);
      sum = sum.plus(i.score);
    }
    ok(i.text.length > 0, `${i.id}: empty text`);
    for (const bad of i.text.match(/NaN|undefined|Infinity|\[object/g) ?? []) ok(typed.includes(bad), `${i.id}: text says ${bad}`, i.text);
  }
  ok(e.total.eq(sum), `total ${e.total} ≠ Σ scores ${sum}`);
  ok(e.total.lte(e.maxTotal) && e.total.lte(100), `total ${e.total} above 100`);
  const complete = e.indicators.every((i) => i.status === 'ok' || i.status === 'not_applicable');
  ok(e.complete === complete, 'complete flag wrong');
  ok((e.grade === null) === !e.complete, `grade ${e.grade} with complete ${e.complete}`);
  if (e.complete) ok(e.grade === gradeOf(scheme, e.total), `grade ${e.grade} for ${e.total}`);
  for (const f of e.issues) {
    ok(['error', 'warning', 'info'].includes(f.severity), `severity ${f.severity}`);
    ok(/^[a-z_]+$/.test(f.code), `code ${f.code}`);
    ok(f.message.length > 0, 'empty message');
    // (what the officer typed is echoed in “quotes” and may say anything)
    ok(!/undefined|\[object/.test(f.message.replace(/“[^”]*”/g, '')), 'message', f.message);
    for (const n of f.inputs) ok(inputNames.has(n), `finding names undeclared input ${n}`);
  }
  const json = toJson(e);
  ok(finiteEverywhere(json), 'a non-finite number in toJson', json);
  const text = JSON.stringify(json);
  ok(JSON.stringify(JSON.parse(text)) === text, 'toJson does not round-trip');
  ok(json.total === e.total.toNumber(), 'json total');
}

describe('evaluate over arbitrary forms', () => {
  test('never throws; scores within [0, weight]; total = Σ scores ≤ 100; grade iff complete; no NaN', () => {
    let completes = 0;
    const graded = new Set<string>();
    fc.assert(
      fc.property(form, (values) => {
        const e = evaluate(scheme, { values });
        checkInvariants(e, typedText(values));
        if (e.complete) {
          completes++;
          graded.add(e.grade!);
        }
      }),
      { numRuns: 10000 },
    );
    // the generator is realistic enough to reach complete, graded forms often
    expect(completes).toBeGreaterThan(1000);
    expect(graded.size).toBeGreaterThanOrEqual(2);
  });

  test('any single input of the worked example replaced by anything: still sane', () => {
    fc.assert(
      fc.property(fc.constantFrom(...scheme.inputs.map((i) => i.name)), fc.oneof(messy, surveyGrid), (name, raw) => {
        checkInvariants(evalWith({ [name]: raw }), typedText({ [name]: raw }));
      }),
      { numRuns: 1000 },
    );
  });

  test('empty and absurd sources', () => {
    for (const values of [{}, { in_survey_answers: [[[[]]]] }, Object.fromEntries(scheme.inputs.map((i) => [i.name, null]))]) {
      const e = evaluate(scheme, { values: values as Record<string, RawValue> });
      checkInvariants(e);
      expect(e.complete).toBe(false);
    }
  });
});

describe('monotonicity', () => {
  test('for the same quota, more staff never raises staff_control', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (quota, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const sLo = evalWith({ in_staff_quota: quota, in_staff_actual: lo }).indicators[2];
        const sHi = evalWith({ in_staff_quota: quota, in_staff_actual: hi }).indicators[2];
        expect(sLo.id).toBe('staff_control');
        expect(sHi.score!.lte(sLo.score!)).toBe(true);
        if (hi <= quota) expect(sHi.score!.toNumber()).toBe(4);
      }),
      { numRuns: 1000 },
    );
  });

  test('more late items never raise spend_progress', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const s = (n: number) => evalWith({ in_late_items: n }).indicators.find((i) => i.id === 'spend_progress')!.score!;
        const [sLo, sHi] = [s(lo), s(hi)];
        expect(sHi.lte(sLo)).toBe(true);
        expect(sHi.toNumber()).toBe(Math.max(0, 4 - 0.5 * hi));
      }),
      { numRuns: 500 },
    );
  });

  test('a larger adjustment (either sign) never raises budget_adjust; more key spend never lowers key_spend_ratio', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 100000 }), fc.boolean(), (a, b, neg) => {
        const [lo, hi] = a <= b ? [a / 100, b / 100] : [b / 100, a / 100];
        const adj = (n: number) => evalWith({ in_budget_adjust: neg ? -n : n, in_budget_initial: 500 }).indicators.find((i) => i.id === 'budget_adjust')!.score!;
        expect(adj(hi).lte(adj(lo))).toBe(true);
        const key = (n: number) => evalWith({ in_key_project_spend: n, in_project_spend_total: 500 }).indicators.find((i) => i.id === 'key_spend_ratio')!.score!;
        expect(key(hi).gte(key(lo))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('a better answer on any questionnaire never lowers satisfaction', () => {
    const pts = [0, 3, 4, 5];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...pts), { minLength: 10, maxLength: 10 }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.nat(9),
        (grid, r, c) => {
          const row = r % grid.length;
          const better = grid.map((x) => [...x]);
          better[row][c] = pts[Math.min(3, pts.indexOf(grid[row][c]) + 1)];
          const s = (g: number[][]) => evalWith({ in_survey_answers: g }).indicators.find((i) => i.id === 'satisfaction')!.score!;
          expect(s(better).gte(s(grid))).toBe(true);
          // and it is the formula: Σ / (n × 50) × 8, half up
          const total = grid.flat().reduce((a, b) => a + b, 0);
          expect(s(grid).eq(new Decimal(total).div(grid.length * 50).times(8).toDecimalPlaces(2, Decimal.ROUND_HALF_UP))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('exampleValues is not mutated by evaluation', () => {
  test('the sample stays as shipped', () => {
    const before = JSON.stringify(exampleValues());
    evaluate(scheme, { values: exampleValues() });
    expect(JSON.stringify(exampleValues())).toBe(before);
  });
});
