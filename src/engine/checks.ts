import { Decimal, plain } from './decimal';
import type { ParsedInputs } from './inputs';
import type { Scheme, SchemeCheck } from './scheme';
import type { Finding } from './types';

const TOLERANCE = new Decimal('0.01');

/** Cross-field checks of the scheme: parts that should add up to their total, amounts that should be of one order. */
export function crossChecks(scheme: Scheme, parsed: ParsedInputs): Omit<Finding, 'cells'>[] {
  const out: Omit<Finding, 'cells'>[] = [];
  const num = (name: string): Decimal | undefined => {
    const v = parsed.values[name];
    return v?.state === 'ok' && v.value instanceof Decimal ? v.value : undefined;
  };
  const label = (name: string) => scheme.input(name).label.replace(/^(其中|按经济分类)：/, '');
  for (const check of scheme.checks) {
    const f = check.kind === 'sum' ? sumCheck(check, num, label, parsed) : orderCheck(check, num, parsed, scheme);
    if (f) out.push(f);
  }
  return out;
}

function sumCheck(
  check: Extract<SchemeCheck, { kind: 'sum' }>,
  num: (n: string) => Decimal | undefined,
  label: (n: string) => string,
  parsed: ParsedInputs,
): Omit<Finding, 'cells'> | undefined {
  const total = num(check.total);
  // only when the total and at least one part are given and none is wrong: blank parts then count as 0
  if (!total || check.parts.some((p) => parsed.values[p]?.state === 'invalid')) return undefined;
  const given = check.parts.filter((p) => num(p) !== undefined);
  if (given.length === 0) return undefined;
  const sum = given.reduce((acc, p) => acc.plus(num(p)!), new Decimal(0));
  const diff = sum.minus(total);
  if (diff.abs().lte(TOLERANCE)) return undefined;
  return {
    severity: 'warning',
    code: 'sum_mismatch',
    message:
      `${check.label}合计与${parsed.where(check.total)}不符：` +
      `${given.map(label).join('+')}=${plain(sum)}，${label(check.total)}=${plain(total)}，相差${plain(diff.abs())}`,
    inputs: [...check.parts, check.total],
  };
}

function orderCheck(
  check: Extract<SchemeCheck, { kind: 'same_order' }>,
  num: (n: string) => Decimal | undefined,
  parsed: ParsedInputs,
  scheme: Scheme,
): Omit<Finding, 'cells'> | undefined {
  const present = check.inputs.map((n) => ({ n, v: num(n) })).filter((x): x is { n: string; v: Decimal } => !!x.v && x.v.gt(0));
  if (present.length < 2) return undefined;
  const lo = present.reduce((a, b) => (b.v.lt(a.v) ? b : a));
  const hi = present.reduce((a, b) => (b.v.gt(a.v) ? b : a));
  const ratio = hi.v.div(lo.v);
  if (ratio.lt(check.factor)) return undefined;
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
