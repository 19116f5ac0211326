import { z } from 'zod';
import type { Decimal } from '../decimal';
import type { Finding, IndicatorStatus, InputState, SurveyTally } from '../types';

/** Read-only view of the parsed inputs that a rule sees. Required inputs are guaranteed present and valid. */
export interface RuleView {
  state(name: string): InputState;
  num(name: string): Decimal;
  flag(name: string): boolean;
  text(name: string): string | undefined;
  survey(name: string): SurveyTally | undefined;
  /** the input's label, for calculation texts: 编制数 */
  label(name: string): string;
  /** label and place, for findings: 编制数（基本情况表!D8） */
  where(name: string): string;
}

export interface RuleContext {
  weight: Decimal;
  /** the indicator's 三级指标 name */
  name: string;
}

export type RuleFinding = Omit<Finding, 'cells' | 'indicator'>;

export interface RuleOutcome {
  status: IndicatorStatus;
  score: Decimal | null;
  rate?: Decimal;
  text: string;
  findings?: RuleFinding[];
  /** optional inputs the rule turned out to need (status missing) */
  missing?: string[];
}

export interface RuleKind<P> {
  params: z.ZodType<P, z.ZodTypeDef, unknown>;
  /** every input name the parameters mention (checked against the scheme's inputs on load) */
  inputsOf(params: P): string[];
  /** inputs that must be present and valid before the rule can score */
  required(params: P): string[];
  score(params: P, view: RuleView, ctx: RuleContext): RuleOutcome;
}

export function defineRule<P>(kind: RuleKind<P>): RuleKind<P> {
  return kind;
}

const policy = z.enum(['full', 'zero', 'invalid']);
export type ZeroPolicyKind = z.infer<typeof policy>;

/** What a 0 denominator means: one policy, or one for a 0 numerator and one for a positive numerator. */
export const zeroPolicy = z.union([policy, z.object({ numeratorZero: policy, numeratorPositive: policy }).strict()]);
export type ZeroPolicy = z.infer<typeof zeroPolicy>;

export const ratioParams = {
  numerator: z.string(),
  denominator: z.string(),
  zeroDenominator: zeroPolicy,
};

/**
 * What a rule works out from its parameters alone (the scheme's numbers as Decimal, fixed words of its
 * texts), once per parameters object: the scheme's parsed parameters are the same object on every run.
 */
export function perParams<P extends object, C>(build: (params: P) => C): (params: P) => C {
  const cache = new WeakMap<P, C>();
  return (params) => {
    let c = cache.get(params);
    if (c === undefined) {
      c = build(params);
      cache.set(params, c);
    }
    return c;
  };
}
