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

export function dec(value: number | string | Decimal): Decimal {
  return new Decimal(value);
}

/** Two decimals, half up: the precision of every rate and score on the forms. */
export function round2(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function clamp(value: Decimal, min: Decimal, max: Decimal): Decimal {
  return Decimal.max(min, Decimal.min(max, value));
}

/** A number as officers write it: no trailing zeros, no exponent (4, 2.4, 6.88, 4360097.54). */
export function plain(value: Decimal): string {
  return value.toString();
}

/** Exactly two decimals, padded: 105.00, 77.27, -12.00. */
export function fixed2(value: Decimal): string {
  const [whole, frac = ''] = round2(value).toString().split('.');
  return `${whole}.${frac.padEnd(2, '0')}`;
}

/** A two-decimal rate with its percent sign: 77.27%. */
export function percent(rate: Decimal): string {
  return `${fixed2(rate)}%`;
}

/** rate% = numerator / denominator × 100, rounded to two decimals; denominator must not be 0. */
export function ratePercent(numerator: Decimal, denominator: Decimal): Decimal {
  return round2(numerator.div(denominator).times(100));
}
