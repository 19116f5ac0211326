/**
 * A 2013-style indicator's score from what its 评价得分 text states, by the scheme's own rule (the engine runs
 * it): the rate rules from the rate the text computes or states (（17/22）×100%=77.27% ≤ 100% → 4), 重点工作实际
 * 完成率 from its two stated parts, the 满意度 from its stated tally. Where the text does not state the inputs,
 * there is no score to compare (checklists, deductions per case, the officer's own benefit scores).
 */
import { Decimal, round2 } from '../../engine/decimal';
import { evaluate, type Scheme } from '../../engine';
import type { RawValue } from '../../engine/types';
import { normalize } from '../../engine/values';
import { findClaims, type ArithmeticClaim, type ClaimOperand } from '../claims';

export interface StatedScore {
  score: Decimal;
  /** how it follows, for messages: （17/22）×100%=77.27% or 所写比率77.27% */
  basis: string;
  /** the scheme's inputs the text states, where its operands map onto them (17 and 22 of （17/22）×100%) */
  inputs: Record<string, number>;
}

type Rule = { kind: string; [k: string]: unknown };

/** The score `indicator`'s rule gives from the inputs its text states; null where the text does not state them. */
export function statedScore(scheme: Scheme, indicator: string, text: string): StatedScore | null {
  const ind = scheme.indicators.find((i) => i.id === indicator);
  if (!ind) return null;
  const rule = ind.rule as Rule;
  const claims = findClaims(text).filter((c) => c.verdict !== 'unchecked' && c.exact !== null);
  let values: Record<string, RawValue> | null = null;
  let inputs: Record<string, number> = {};
  let basis = '';
  switch (rule.kind) {
    case 'cap_deduction':
    case 'shortfall_deduction':
    case 'tiers':
    case 'change_rate': {
      const change = rule.kind === 'change_rate';
      const claim = claims.find((c) => isPercent(c) && /[/÷]/.test(c.expression) && (!change || /[-−－]/.test(c.expression)));
      let rate: Decimal | undefined;
      if (claim) {
        rate = round2(claim.exact!);
        basis = claim.verdict === 'ok' ? claim.text : `${claim.expression}=${claim.expected}`;
        const ops = significant(claim.operands);
        if (!change && ops.length === 2) inputs = { [rule.numerator as string]: num(ops[0]), [rule.denominator as string]: num(ops[1]) };
        if (change && ops.length === 3 && ops[1].value.eq(ops[2].value)) inputs = { [rule.current as string]: num(ops[0]), [rule.previous as string]: num(ops[1]) };
      } else {
        rate = rateInProse(text);
        if (rate) basis = `所写比率${rate.toFixed(2)}%`;
      }
      if (!rate) return null;
      // the rule scores the two-decimal rate: given as a ratio of whole numbers (inputs such as head counts are integers)
      const hundredths = rate.times(100);
      if (!hundredths.isInteger()) return null;
      values = change
        ? { [rule.previous as string]: 10000, [rule.current as string]: hundredths.plus(10000).toNumber() }
        : { [rule.numerator as string]: hundredths.toNumber(), [rule.denominator as string]: 10000 };
      if (hundredths.isNeg() && !change) return null;
      break;
    }
    case 'weighted_completion': {
      const parts = rule.parts as { numerator: string; denominator: string; weight: number }[];
      values = {};
      const used: string[] = [];
      for (const part of parts) {
        // ①（9/10）×6=5.4分: a ratio times the part's weight
        const claim = claims.find((c) => c.operands.length === 3 && c.operands[2].value.eq(part.weight) && /[/÷]/.test(c.expression));
        if (!claim) return null;
        values[part.numerator] = num(claim.operands[0]);
        values[part.denominator] = num(claim.operands[1]);
        used.push(claim.text);
      }
      inputs = values as Record<string, number>;
      basis = used.join('，');
      break;
    }
    case 'survey': {
      const perQuestionnaire = Number(rule.pointsPerQuestionnaire ?? 50);
      for (const c of claims) {
        const ops = c.operands.map((o) => o.value);
        // 430/（10×50）×8, or 问卷总得分/1000×8 for the 20 questionnaires the wording asks for
        if (ops.length === 4 && ops[2].eq(perQuestionnaire) && ops[3].eq(ind.weight)) values = { [rule.points as string]: ops[0].toNumber(), [rule.count as string]: ops[1].toNumber() };
        else if (ops.length === 3 && ops[2].eq(ind.weight) && ops[1].mod(perQuestionnaire).isZero() && ops[1].isPos()) {
          values = { [rule.points as string]: ops[0].toNumber(), [rule.count as string]: ops[1].div(perQuestionnaire).toNumber() };
        }
        if (values) {
          basis = c.text;
          break;
        }
      }
      if (!values) return null;
      inputs = values as Record<string, number>;
      break;
    }
    default:
      return null;
  }
  const e = evaluate(scheme, { values });
  const result = e.indicators.find((i) => i.id === indicator);
  if (!result || result.score === null || (result.status !== 'ok' && result.status !== 'not_applicable')) return null;
  return { score: result.score, basis, inputs };
}

function isPercent(c: ArithmeticClaim): boolean {
  return /[%％]\s*$/.test(c.stated);
}

function num(o: ClaimOperand): number {
  return o.value.toNumber();
}

/** The operands that carry the inputs: a ×100 or ×100% (the percentage's factor) left out. */
function significant(ops: ClaimOperand[]): ClaimOperand[] {
  const last = ops[ops.length - 1];
  return last && last.value.eq(100) && (last.scale === 100 || last.unit === '' || last.unit === '%') && ops.length > 1 ? ops.slice(0, -1) : ops;
}

/**
 * The one rate a text states in words (控制率为77.27%，未超过100%): every percentage, less those that are a bound or a
 * standard (≤100%, 未超过100%, 在80%（含）-90%之间, 以100%为标准); undefined unless exactly one value is left.
 */
export function rateInProse(text: string): Decimal | undefined {
  const t = normalize(text);
  const found = new Set<string>();
  for (const m of t.matchAll(/(-?\d+(?:\.\d+)?)%/g)) {
    const at = m.index!;
    const before = t.slice(Math.max(0, at - 4), at);
    const after = t.slice(at + m[0].length, at + m[0].length + 4);
    if (/[≤≥<>≦≧=＝\-~～至到]$|超过$|超出$|低于$|高于$|不足$|达到$|大于$|小于$|以$|在$|每$|按$|为标准$/.test(before)) continue;
    if (/^(以上|以下|以内|之间|为标准|的标准|[(（]含|[-~～至到]|\d)/.test(after)) continue;
    found.add(new Decimal(m[1]).toString());
  }
  if (found.size !== 1) return undefined;
  return new Decimal([...found][0]);
}
