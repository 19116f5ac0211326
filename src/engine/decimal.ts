import DecimalBase from 'decimal.js';

/** Decimal configured once for the whole engine: rounding half up (away from zero on .5), as the forms do. */
export const Decimal = DecimalBase.clone({
  precision: 40,
  rounding: DecimalBase.ROUND_HALF_UP,
  // never print in exponent notation: amounts and rates are always written out in full
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const HUNDRED = new Decimal(100);

/**
 * The whole numbers 0 – 9999 as Decimal, each made on first use and then shared: a Decimal never changes, so one
 * object serves every count of 17 or amount of 500 read, and reading counts and round amounts is much of
 * reading a form (making a Decimal costs more than most arithmetic on it).
 */
const WHOLE: (Decimal | undefined)[] = new Array(10000);

/** new Decimal(n) for a whole number n; from 0 to 9999 (not -0) a shared one. */
export function whole(n: number): Decimal {
  if (n >= 0 && n < 10000 && !Object.is(n, -0)) {
    let d = WHOLE[n];
    if (d === undefined) {
      d = new Decimal(n);
      WHOLE[n] = d;
    }
    return d;
  }
  return new Decimal(n);
}

export function dec(value: number | string | Decimal): Decimal {
  return new Decimal(value);
}

/** Two decimals, half up: the precision of every rate and score on the forms. */
export function round2(value: Decimal): Decimal {
  // a value of at most two decimals rounds to itself
  return atMostTwoDecimals(value) ? value : value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * value.decimalPlaces() <= 2, read off the digits: d holds them in words of 7 (base 1e7), the first word ends at
 * the units digit when e % 7 is 6, and so on. No word after the units means no decimals; one word after it has at
 * most two decimals when its last five digits are 0. Anything else (NaN, ±Infinity, longer fractions) is false,
 * which is always safe: round2 then rounds the long way.
 */
function atMostTwoDecimals(value: Decimal): boolean {
  const d = value.d;
  if (!d) return false;
  const after = d.length - 1 - Math.floor(value.e / 7);
  if (after <= 0) return true;
  const last = d[d.length - 1];
  return after === 1 && last !== 0 && last % 100000 === 0;
}

export function clamp(value: Decimal, min: Decimal, max: Decimal): Decimal {
  return larger(min, smaller(max, value));
}

/**
 * a.cmp(b) (-1, 0, 1, or NaN if either is NaN) without the copy of b that Decimal's comparison makes first:
 * the same steps as decimal.js's comparedTo, on the sign s, exponent e and base-1e7 digits d of finite values.
 */
export function compare(a: Decimal, b: Decimal): number {
  const ad = a.d;
  const bd = b.d;
  // NaN or ±Infinity: the library's own comparison
  if (!ad || !bd) return a.cmp(b);
  const as = a.s;
  // either zero (0 and -0 are equal)
  if (!ad[0] || !bd[0]) return ad[0] ? as : bd[0] ? -b.s : 0;
  if (as !== b.s) return as;
  const up = as < 0 ? -1 : 1;
  if (a.e !== b.e) return a.e > b.e ? up : -up;
  const n = ad.length < bd.length ? ad.length : bd.length;
  for (let i = 0; i < n; i++) if (ad[i] !== bd[i]) return ad[i] > bd[i] ? up : -up;
  return ad.length === bd.length ? 0 : ad.length > bd.length ? up : -up;
}

/** Decimal.min(a, b), without copies: b when b is NaN, b on a tie unless a is -0 (so min(0, -0) is -0). */
export function smaller(a: Decimal, b: Decimal): Decimal {
  if (!b.s) return b;
  const k = compare(a, b);
  return k === 1 || (k === 0 && a.s === 1) ? b : a;
}

/** Decimal.max(a, b), without copies: b when b is NaN, b on a tie when a is -0 (so max(-0, 0) is 0). */
export function larger(a: Decimal, b: Decimal): Decimal {
  if (!b.s) return b;
  const k = compare(a, b);
  return k === -1 || (k === 0 && a.s === -1) ? b : a;
}

/** A number as officers write it: no trailing zeros, no exponent (4, 2.4, 6.88, 4360097.54). */
export function plain(value: Decimal): string {
  return value.toString();
}

/** Exactly two decimals, padded: 105.00, 77.27, -12.00. */
export function fixed2(value: Decimal): string {
  const text = round2(value).toString();
  const dot = text.indexOf('.');
  if (dot < 0) return `${text}.00`;
  // one decimal is padded to two; two (or an exponent form, which only huge values take) stay as they are
  return text.length - dot === 2 ? `${text}0` : text;
}

/** A two-decimal rate with its percent sign: 77.27%. */
export function percent(rate: Decimal): string {
  return `${fixed2(rate)}%`;
}

/** rate% = numerator / denominator × 100, rounded to two decimals; denominator must not be 0. */
export function ratePercent(numerator: Decimal, denominator: Decimal): Decimal {
  return round2(numerator.div(denominator).times(100));
}

/**
 * x in hundredths as a JS integer, when x has at most two decimals and is below 10^7 in size (read off its
 * base-1e7 digits: the units word, then one fraction word ending in five zeros); undefined otherwise.
 */
function hundredthsOf(x: Decimal): number | undefined {
  const d = x.d;
  if (!d) return undefined;
  const w = Math.floor(x.e / 7);
  let units: number;
  let fraction: number;
  if (w === 0 && d.length <= 2) {
    units = d[0];
    fraction = d.length === 2 ? d[1] : 0;
  } else if (w === -1 && d.length === 1) {
    units = 0;
    fraction = d[0];
  } else return undefined;
  if (fraction % 100000 !== 0) return undefined;
  return x.s * (units * 100 + fraction / 100000);
}

/**
 * A running sum of scores and weights: exact, and for values of at most two decimals (every rounded score, the
 * usual weights) kept as an integer count of hundredths rather than a new Decimal per addition.
 */
export class Sum {
  private hundredths = 0;
  private rest: Decimal = ZERO;

  add(x: Decimal): void {
    const h = hundredthsOf(x);
    if (h !== undefined && Number.isSafeInteger(this.hundredths + h)) this.hundredths += h;
    else this.rest = this.rest.plus(x);
  }

  value(): Decimal {
    const fast = this.hundredths === 0 ? ZERO : fromHundredths(this.hundredths);
    return this.rest.isZero() ? fast : this.rest.plus(fast);
  }
}

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * An integer count of hundredths as a Decimal: 997 → 9.97, -5 → -0.05. Remembered (bounded): the same scores and
 * sums come back on every recompute, and reading a decimal text costs more than a look-up.
 */
const byHundredths = new Map<number, Decimal>();

function fromHundredths(h: number): Decimal {
  if (h % 100 === 0) return whole(h / 100);
  let d = byHundredths.get(h);
  if (d === undefined) {
    const sign = h < 0 ? '-' : '';
    const m = Math.abs(h);
    const cents = m % 100;
    d = new Decimal(`${sign}${(m - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`);
    if (byHundredths.size >= 10000) byHundredths.clear();
    byHundredths.set(h, d);
  }
  return d;
}

/**
 * round2(a × b / c), the quotient exact and rounded once, half up (away from zero): a row's W × A / T. When the
 * three have at most two decimals and the product fits a JS integer, in integer hundredths (a division of
 * decimal.js at 40 digits costs far more); otherwise the long way. c must not be 0.
 */
export function mulDivRound2(a: Decimal, b: Decimal, c: Decimal): Decimal {
  const ah = hundredthsOf(a);
  const bh = hundredthsOf(b);
  const ch = hundredthsOf(c);
  if (ah !== undefined && bh !== undefined && ch !== undefined && ch !== 0 && Math.abs(ah) * Math.abs(bh) <= SAFE) {
    // a × b / c in hundredths = (ah/100 × bh/100) / (ch/100) × 100 = ah × bh / ch
    const n = Math.abs(ah * bh);
    const d = Math.abs(ch);
    let q = Math.floor(n / d);
    let r = n - q * d;
    // the float quotient may be one off: put it right with the exact remainder
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
    if (2 * r >= d) q += 1;
    const negative = (ah < 0) !== (bh < 0) !== (ch < 0);
    return fromHundredths(negative && q !== 0 ? -q : q);
  }
  return round2(a.times(b).div(c));
}
