/**
 * The 预算执行率 line of a target table: rate = 全年执行数 / 全年预算数 (or 年初预算数, by the scheme), shown with two
 * decimals, and score = min(rate, 100%) × weight computed from that two-decimal rate.
 */
import { Decimal, ZERO, compare, mulDivRound2, percent, plain, ratePercent } from '../decimal';
import type { ParsedInputs } from '../inputs';
import type { Finding, IndicatorResult } from '../types';
import { normalize } from '../values';
import type { TargetPlan } from './plan';

const HUNDRED = new Decimal(100);
const TOLERANCE = new Decimal('0.005');

type Column = 'initial' | 'full' | 'spent';

/** The execution line's result; its findings are added to `findings`. */
export function scoreExecution(plan: TargetPlan, parsed: ParsedInputs, findings: Omit<Finding, 'cells'>[]): IndicatorResult {
  const x = plan.spec.execution;
  const W = plan.execWeight;
  const result = (score: Decimal | null, status: IndicatorResult['status'], text: string, rate?: Decimal): IndicatorResult => ({
    id: x.id,
    level1: x.total.label,
    level2: '',
    name: x.name,
    weight: W,
    score,
    status,
    text,
    ...(rate ? { rate } : {}),
  });

  const base: Column = x.base;
  const den = amount(plan, parsed, base, findings);
  const num = amount(plan, parsed, 'spent', findings);
  if (den.state === 'invalid' || num.state === 'invalid') return result(null, 'invalid', '资金数有误，请先更正');
  const blank = [den, num].filter((c) => c.state === 'blank');
  if (blank.length) {
    for (const c of blank) {
      findings.push({ severity: 'error', code: 'missing_input', message: `${parsed.where(c.name!)}未填写，无法计算${x.name}`, inputs: [c.name!] });
    }
    return result(null, 'missing', `缺少${blank.map((c) => labelOf(parsed, c.name!)).join('、')}`);
  }
  const d = den.value!;
  const n = num.value!;
  if (d.isZero()) {
    findings.push({ severity: 'error', code: 'zero_denominator', message: `${parsed.where(den.name!)}为0，无法计算${x.name}（分母不能为0）`, inputs: [den.name!] });
    return result(null, 'invalid', `${labelOf(parsed, den.name!)}为0，无法计算${x.name}`);
  }
  const rate = ratePercent(n, d);
  const formula = `（${plain(n)}/${plain(d)}）×100%=${percent(rate)}`;
  let score: Decimal;
  let text: string;
  if (compare(rate, HUNDRED) > 0) {
    score = W;
    text = `${formula}，超过100%，按100%计，得${plain(W)}分`;
    findings.push({
      severity: 'warning',
      code: 'over_budget',
      message: `${x.name}${percent(rate)}超过100%（${labelOf(parsed, num.name!)}大于${labelOf(parsed, den.name!)}），按满分计；请核实`,
      inputs: [num.name!, den.name!],
    });
  } else {
    score = mulDivRound2(rate, W, HUNDRED);
    text = `${formula}，${percent(rate)}×${plain(W)}=${plain(score)}分`;
  }
  const prefix = [den.note, num.note].filter(Boolean).join('；');
  compareSelf(plan, parsed, rate, score, findings);
  return result(score, 'ok', prefix ? `${prefix}；${text}` : text, rate);
}

interface Amount {
  state: 'ok' | 'blank' | 'invalid';
  value?: Decimal;
  /** the input the amount was asked of (the 年度资金总额 column) */
  name?: string;
  /** how it was made up, when its 其中 lines stood in */
  note?: string;
}

/** A column of 年度资金总额; when that is blank or 0, the sum of its 其中 lines that hold amounts (sum_mismatch). */
function amount(plan: TargetPlan, parsed: ParsedInputs, column: Column, findings: Omit<Finding, 'cells'>[]): Amount {
  const x = plan.spec.execution;
  const name = x.total[column]!;
  const own = parsed.get(name);
  if (own?.state === 'invalid') return { state: 'invalid', name };
  const value = own?.state === 'ok' ? (own.value as Decimal) : undefined;
  if (value && !value.isZero()) return { state: 'ok', value, name };
  let sum = ZERO;
  const given: { name: string; label: string }[] = [];
  for (const line of x.lines) {
    const n = line[column];
    if (!n) continue;
    const v = parsed.get(n);
    if (v?.state === 'invalid') return { state: 'invalid', name: n };
    if (v?.state === 'ok' && !(v.value as Decimal).isZero()) {
      sum = sum.plus(v.value as Decimal);
      given.push({ name: n, label: line.label });
    }
  }
  if (!given.length) return value ? { state: 'ok', value, name } : { state: 'blank', name };
  const label = labelOf(parsed, name);
  findings.push({
    severity: 'warning',
    code: 'sum_mismatch',
    message: `${parsed.where(name)}${value ? '为0' : '未填写'}，而其中各项有金额：按${given.map((g) => g.label).join('+')}=${plain(sum)}计算${x.name}`,
    inputs: [...given.map((g) => g.name), name],
  });
  return { state: 'ok', value: sum, name, note: `${label}按其中各项之和${plain(sum)}计` };
}

/** 年度资金总额：全年预算数 → 全年预算数: the texts name the column, the messages the whole label. */
function labelOf(parsed: ParsedInputs, name: string): string {
  return parsed.label(name).replace(/^.*：/, '');
}

/** The unit's own 执行率 and 得分, compared with the computed ones (never used). */
function compareSelf(plan: TargetPlan, parsed: ParsedInputs, rate: Decimal, score: Decimal, findings: Omit<Finding, 'cells'>[]): void {
  const self = plan.spec.execution.self;
  if (self.rate) {
    const v = parsed.get(self.rate);
    if (v?.state === 'ok') {
      const typed = readRate(String(v.value));
      if (typed === undefined) {
        findings.push({ severity: 'error', code: 'invalid_value', message: `${parsed.where(self.rate)}：“${String(v.value)}”不是百分比`, inputs: [self.rate] });
      } else if (compare(typed.minus(rate).abs(), TOLERANCE) > 0) {
        findings.push({
          severity: 'warning',
          code: 'self_score_mismatch',
          message: `${parsed.where(self.rate)}填写为${plain(typed)}%，按执行数/预算数计算为${percent(rate)}`,
          inputs: [self.rate],
        });
      }
    }
  }
  if (self.score) {
    const v = parsed.get(self.score);
    if (v?.state === 'ok' && compare((v.value as Decimal).minus(score).abs(), TOLERANCE) > 0) {
      findings.push({
        severity: 'warning',
        code: 'self_score_mismatch',
        message: `${parsed.where(self.score)}填写为${plain(v.value as Decimal)}分，计算得分为${plain(score)}分`,
        inputs: [self.score],
      });
    }
  }
}

/**
 * A rate as typed: 95%, ９５％, 95 — or 0.95, as a cell formatted as a percentage holds it: a bare number up to 2
 * is read as a fraction (rates of 2% or rates above 200% are not what anyone types here).
 */
export function readRate(text: string): Decimal | undefined {
  const t = normalize(text);
  const m = /^([+-]?\d+(?:\.\d+)?)(%?)$/.exec(t);
  if (!m) return undefined;
  const v = new Decimal(m[1]);
  return m[2] === '%' || compare(v, new Decimal(2)) > 0 ? v : v.times(HUNDRED);
}
