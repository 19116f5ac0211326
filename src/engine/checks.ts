import { Decimal, ZERO, compare, plain } from './decimal';
import type { ParsedInputs } from './inputs';
import type { Scheme, SchemeCheck } from './scheme';
import type { Finding } from './types';

const TOLERANCE = new Decimal('0.01');
const MINUS_TOLERANCE = TOLERANCE.negated();

/** The factor of each same_order check as Decimal, and its decimal exponent (the factor is at least 10^e). */
const factors = new WeakMap<object, { factor: Decimal; e: number }>();

function factorOf(check: { factor: number }): { factor: Decimal; e: number } {
  let f = factors.get(check);
  if (!f) {
    const factor = new Decimal(check.factor);
    f = { factor, e: factor.e };
    factors.set(check, f);
  }
  return f;
}

/** Cross-field checks of the scheme: parts that should add up to their total, amounts that should be of one order. */
export function crossChecks(scheme: Scheme, parsed: ParsedInputs): Omit<Finding, 'cells'>[] {
  const out: Omit<Finding, 'cells'>[] = [];
  const num = (name: string): Decimal | undefined => {
    const v = parsed.get(name);
    return v?.state === 'ok' && v.value instanceof Decimal ? v.value : undefined;
  };
  const label = (name: string) => scheme.input(name).label.replace(/^(其中|按经济分类)：/, '');
  for (const check of scheme.checks) {
    const f =
      check.kind === 'sum'
        ? sumCheck(check, num, label, parsed)
        : check.kind === 'parts_within'
          ? withinCheck(check, num, label, parsed)
          : orderCheck(check, num, parsed, scheme);
    if (f) out.push(f);
  }
  return out;
}

/** The given parts and their sum, or undefined when a part is wrong or none is given (blank parts count as 0). */
function partsOf(parts: string[], num: (n: string) => Decimal | undefined, parsed: ParsedInputs): { given: string[]; sum: Decimal } | undefined {
  let sum = ZERO;
  const given: string[] = [];
  for (const p of parts) {
    if (parsed.get(p)?.state === 'invalid') return undefined;
    const v = num(p);
    if (v !== undefined) {
      given.push(p);
      sum = sum.plus(v);
    }
  }
  return given.length ? { given, sum } : undefined;
}

/** 其中 lines that must not add up to more than their total (公用经费 and its 办公经费, 水电差旅费 …). */
function withinCheck(
  check: Extract<SchemeCheck, { kind: 'parts_within' }>,
  num: (n: string) => Decimal | undefined,
  label: (n: string) => string,
  parsed: ParsedInputs,
): Omit<Finding, 'cells'> | undefined {
  const total = num(check.total);
  if (!total) return undefined;
  const parts = partsOf(check.parts, num, parsed);
  if (!parts) return undefined;
  const over = parts.sum.minus(total);
  if (compare(over, TOLERANCE) <= 0) return undefined;
  return {
    severity: 'warning',
    code: 'sum_mismatch',
    message:
      `${check.label}超过${parsed.where(check.total)}：` +
      `${parts.given.map(label).join('+')}=${plain(parts.sum)}，${label(check.total)}=${plain(total)}，超出${plain(over)}`,
    inputs: [...check.parts, check.total],
  };
}

function sumCheck(
  check: Extract<SchemeCheck, { kind: 'sum' }>,
  num: (n: string) => Decimal | undefined,
  label: (n: string) => string,
  parsed: ParsedInputs,
): Omit<Finding, 'cells'> | undefined {
  const total = num(check.total);
  // only when the total and at least one part are given and none is wrong: blank parts then count as 0
  if (!total || (check.ignoreZeroTotal && total.isZero())) return undefined;
  let given = 0;
  let sum = ZERO;
  for (const p of check.parts) {
    if (parsed.get(p)?.state === 'invalid') return undefined;
    const v = num(p);
    if (v !== undefined) {
      given++;
      sum = sum.plus(v);
    }
  }
  if (given === 0) return undefined;
  const diff = sum.minus(total);
  if (compare(diff, TOLERANCE) <= 0 && compare(diff, MINUS_TOLERANCE) >= 0) return undefined;
  return {
    severity: 'warning',
    code: 'sum_mismatch',
    message:
      `${check.label}合计与${parsed.where(check.total)}不符：` +
      `${check.parts.filter((p) => num(p) !== undefined).map(label).join('+')}=${plain(sum)}，${label(check.total)}=${plain(total)}，相差${plain(diff.abs())}`,
    inputs: [...check.parts, check.total],
  };
}

function orderCheck(
  check: Extract<SchemeCheck, { kind: 'same_order' }>,
  num: (n: string) => Decimal | undefined,
  parsed: ParsedInputs,
  scheme: Scheme,
): Omit<Finding, 'cells'> | undefined {
  // the smallest and the largest of the amounts above 0 (the first of equals)
  let lo: { n: string; v: Decimal } | undefined;
  let hi: { n: string; v: Decimal } | undefined;
  let present = 0;
  for (const n of check.inputs) {
    const v = num(n);
    if (!v || v.isZero() || v.isNeg()) continue;
    present++;
    if (!lo || compare(v, lo.v) < 0) lo = { n, v };
    if (!hi || compare(v, hi.v) > 0) hi = { n, v };
  }
  if (present < 2 || !lo || !hi) return undefined;
  const { factor, e } = factorOf(check);
  // hi/lo < 10^(hi.e - lo.e + 1), and that is at most factor/10 here: far below the factor, whatever the
  // rounding of the division, so it need not be worked out
  if (hi.v.e - lo.v.e + 2 <= e) return undefined;
  const ratio = hi.v.div(lo.v);
  if (compare(ratio, factor) < 0) return undefined;
  const unitValue = parsed.values[scheme.identity.unit];
  const unit = unitValue?.state === 'ok' ? `（本表金额单位：${String(unitValue.value)}）` : '';
  return {
    severity: 'warning',
    code: 'unit_mismatch',
    message:
      `${check.label}数量级相差过大：${parsed.where(lo.n)}=${plain(lo.v)}，${parsed.where(hi.n)}=${plain(hi.v)}，` +
      `相差约${plain(ratio.toDecimalPlaces(0))}倍，可能混用了元和万元${unit}`,
    inputs: [lo.n, hi.n],
  };
}
