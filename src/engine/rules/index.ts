import { checklist } from './checklist';
import { capDeduction, changeRate, perItemDeduction, shortfallDeduction } from './deductions';
import { selfScore } from './selfScore';
import { surplus } from './surplus';
import { survey } from './survey';
import { tiers } from './tiers';
import type { RuleKind } from './types';
import { weightedCompletion } from './weighted';

/** The rule kinds a scheme may use, by the `kind` written in its JSON. */
export const ruleKinds: Record<string, RuleKind<never>> = {
  checklist,
  cap_deduction: capDeduction,
  shortfall_deduction: shortfallDeduction,
  change_rate: changeRate,
  tiers,
  per_item_deduction: perItemDeduction,
  surplus,
  weighted_completion: weightedCompletion,
  self_score: selfScore,
  survey,
} as unknown as Record<string, RuleKind<never>>;

export type { RuleKind, RuleOutcome, RuleView, RuleContext } from './types';
