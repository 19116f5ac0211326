import { Decimal } from '../../engine/decimal';

/**
 * Exact fractions n/d of whole Decimals (d > 0, lowest terms). A claim such as （1/3）×0.375=0.13 is decided on
 * the exact value 0.125, never on a 40-digit approximation of it that would round the other way.
 */
export interface Rational {
  readonly n: Decimal;
  readonly d: Decimal;
}

/** A value too long to compute exactly at the engine's precision: the claim is then left unchecked. */
export class TooLong extends Error {}
export class DivisionByZero extends Error {}

/** digits a numerator or denominator may have: products of two such stay within the 40 digits of precision */
const MAX_DIGITS = 19;

const ONE = new Decimal(1);
const TEN = new Decimal(10);

export function pow10(k: number): Decimal {
  return TEN.pow(k);
}

function gcd(a: Decimal, b: Decimal): Decimal {
  let x = a.abs();
  let y = b.abs();
  while (!y.isZero()) [x, y] = [y, x.mod(y)];
  return x;
}

function make(n: Decimal, d: Decimal): Rational {
  if (d.isZero()) throw new DivisionByZero();
  if (d.isNeg()) {
    n = n.negated();
    d = d.negated();
  }
  if (n.isZero()) return { n: new Decimal(0), d: ONE };
  const g = gcd(n, d);
  if (!g.eq(1)) {
    n = n.divToInt(g);
    d = d.divToInt(g);
  }
  if (n.e >= MAX_DIGITS || d.e >= MAX_DIGITS) throw new TooLong();
  return { n, d };
}

/** A number as written, digits and at most one point: "18007.07" → 1800707/100. */
export function fromDigits(text: string): Rational {
  const v = new Decimal(text);
  const places = v.decimalPlaces();
  const scale = pow10(places);
  return make(v.times(scale), scale);
}

/** n/d in lowest terms; n and d whole. */
export function ratio(n: Decimal, d: Decimal): Rational {
  return make(n, d);
}

export function whole(k: number): Rational {
  return make(new Decimal(k), ONE);
}

export const add = (a: Rational, b: Rational): Rational => make(a.n.times(b.d).plus(b.n.times(a.d)), a.d.times(b.d));
export const sub = (a: Rational, b: Rational): Rational => make(a.n.times(b.d).minus(b.n.times(a.d)), a.d.times(b.d));
export const mul = (a: Rational, b: Rational): Rational => make(a.n.times(b.n), a.d.times(b.d));
export const div = (a: Rational, b: Rational): Rational => make(a.n.times(b.d), a.d.times(b.n));
export const neg = (a: Rational): Rational => ({ n: a.n.negated(), d: a.d });
export const sign = (a: Rational): number => (a.n.isZero() ? 0 : a.n.isNeg() ? -1 : 1);

export function cmp(a: Rational, b: Rational): number {
  return a.n.times(b.d).cmp(b.n.times(a.d));
}

export const min = (a: Rational, b: Rational): Rational => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational): Rational => (cmp(a, b) >= 0 ? a : b);

/** The value as a Decimal: exact when it terminates, else to the engine's 40 significant digits. */
export function toDecimal(a: Rational): Decimal {
  return a.n.div(a.d);
}

/** Rounded half up (away from zero on .5) to `places` decimals, decided exactly. */
export function roundHalfUp(a: Rational, places: number): Decimal {
  const scale = pow10(places);
  const m = a.n.abs().times(scale);
  let q = m.divToInt(a.d);
  const r = m.minus(q.times(a.d));
  if (r.times(2).cmp(a.d) >= 0) q = q.plus(1);
  const v = q.div(scale);
  return a.n.isNeg() && !v.isZero() ? v.negated() : v;
}
