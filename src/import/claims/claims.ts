import { Decimal } from '../../engine/decimal';
import { type Chain, type Part, findChains, partFrom, partTo } from './chains';
import { type Node, type Resolve, Unresolved, evaluate, interval, operands, overlaps, references, statedNumber, timesHundred } from './expression';
import { DivisionByZero, type Rational, TooLong, cmp, mul, neg, pow10, ratio, roundHalfUp, sub, toDecimal, whole } from './rational';
import { referenceResolver } from './references';
import { type NumToken, type Token, tokenize } from './tokens';

export type ClaimVerdict = 'ok' | 'mismatch' | 'unchecked';

/** A number of the left side, as written: 17 and 22 of （17/22）×100%. */
export interface ClaimOperand {
  /** as written: "89.8万元", "77.27%" */
  text: string;
  /** the digits' value as written: 89.8, 77.27 */
  value: Decimal;
  /** 100 for %, 1000 for ‰, else 1 */
  scale: 1 | 100 | 1000;
  /** what follows the digits (half-width): "万元", "%", "人", "" */
  unit: string;
  /** the words right before it, when they name it: 执行数 of 执行数89.8 */
  label?: string;
  start: number;
  end: number;
}

/** One "=" of a calculation text, judged. */
export interface ArithmeticClaim {
  /** where the claim stands in the text: [start, end) */
  start: number;
  end: number;
  /** the claim as written (line breaks dropped): （29/23）×100%=126.08% */
  text: string;
  /** the left side as written: （29/23）×100% */
  expression: string;
  /** the right side as written: 126.08% */
  stated: string;
  /** the stated value in the scale it is written in (126.08 for 126.08%); null when the right side is a calculation */
  statedValue: Decimal | null;
  /**
   * the left side's exact value in that scale (126.0869565…, 40 significant digits when it does not end); its
   * plain value when the right side is a calculation
   */
  exact: Decimal | null;
  /** the exact value rounded half up to `decimals`, as it should be written: 126.09% */
  expected: string | null;
  /** the decimals compared: those shown, and at least two (rates and scores are two-decimal) unless written with ≈ */
  decimals: number | null;
  verdict: ClaimVerdict;
  /** why a claim is unchecked (Chinese) */
  reason?: string;
  /** for a mismatch: “（29/23）×100%=126.08%”计算有误：应为126.09% */
  message?: string;
  operands: ClaimOperand[];
}

/**
 * Every arithmetic claim ("=" or "≈" between a calculation and a value, or between two calculations) in a free
 * text, each recomputed exactly and judged. Prose, dates (2024年1-12月), lists (1、2、3), ranges (80-90分) and
 * anything not plainly arithmetic are not claims; a claim that cannot be read in full is "unchecked", never a
 * mismatch. Never throws.
 */
export function findClaims(text: string): ArithmeticClaim[] {
  try {
    const toks = tokenize(text);
    const chains = findChains(toks);
    const judge = new Judge(text, toks, referenceResolver(text, toks, chains));
    return chains.flatMap((c) => judge.chain(c));
  } catch {
    // defensive: a text the reader cannot take apart holds no claim it can speak of
    return [];
  }
}

const HUNDRED = whole(100);

interface Reading {
  /** multiplies the left side's value into the scale the stated value is written in */
  factor: Rational;
  preferred: boolean;
  /** right only if a percent sign were added or dropped (17/22=77.27): no verdict either way */
  signSlip?: boolean;
}

class Judge {
  constructor(
    private readonly text: string,
    private readonly toks: readonly Token[],
    private readonly resolveAt: (claimFrom: number) => Resolve,
  ) {}

  chain(chain: Chain): ArithmeticClaim[] {
    const out: ArithmeticClaim[] = [];
    for (let i = 1; i < chain.parts.length; i++) {
      const eq = this.toks[chain.eqs[i - 1]];
      const claim = this.pair(chain.parts[i - 1], chain.parts[i], eq.k === 'eq' && eq.approx === true);
      if (i === chain.parts.length - 1 && chain.gluedNumber && claim.verdict !== 'unchecked') {
        out.push(this.unchecked(claim, '数字之间只隔空格，无法确定所写的数值'));
      } else out.push(claim);
    }
    return out;
  }

  private pair(left: Part, right: Part, approx: boolean): ArithmeticClaim {
    const base = this.base(left, right);
    if (left.kind !== 'expr' || right.kind !== 'expr') return this.unchecked(base, '算式中夹有文字或不完整，无法核对');
    const resolve = this.resolveAt(left.node.from);
    try {
      const stated = statedNumber(right.node);
      if (stated) {
        const hedge = this.hedge(right.node);
        if (hedge === 'bound') return this.unchecked(base, '所写数值是一个界限（以上、不足……），不是计算结果，无法核对');
        return this.againstValue(base, left.node, stated.tok, stated.negative, approx || hedge === 'about', resolve);
      }
      return this.againstCalculation(base, left.node, right.node, approx, resolve);
    } catch (e) {
      if (e instanceof Unresolved) return this.unchecked(base, e.reason);
      if (e instanceof DivisionByZero) return this.unchecked(base, '除数为0，无法核对');
      if (e instanceof TooLong) return this.unchecked(base, '数值位数过多，无法精确核对');
      if (e instanceof UnitsDiffer) return this.unchecked(base, '算式中金额单位不一致（元、万元混用），无法核对');
      throw e;
    }
  }

  /** left = a number as written: the number must be the left side rounded half up to the decimals it shows. */
  private againstValue(
    base: ArithmeticClaim,
    left: Node,
    tok: NumToken,
    negative: boolean,
    approx: boolean,
    resolve: Resolve,
  ): ArithmeticClaim {
    const readings: Reading[] = [...this.unitReadings(left, tok)].flatMap((u) =>
      percentReadings(left, tok).map((p) => ({ ...p, factor: mul(u.factor, p.factor), preferred: u.preferred && p.preferred })),
    );
    // ①+② may add the written parts or the exact ones: either is right
    const values = [evaluate(left, resolve, 'stated')];
    if (references(left).length) values.push(evaluate(left, resolve, 'exact'));
    const places = approx ? tok.decimals : Math.max(tok.decimals, 2);
    let shown = new Decimal(tok.digits);
    if (negative) shown = shown.negated();
    const statedValue = shown;

    let chosen: { exact: Rational; rounded: Decimal } | undefined;
    let match: { exact: Rational; rounded: Decimal } | undefined;
    let slip = false;
    for (const r of [...readings.filter((x) => x.preferred), ...readings.filter((x) => !x.preferred)]) {
      for (const v of values) {
        const exact = mul(v, r.factor);
        const rounded = roundHalfUp(exact, places);
        if (r.signSlip) {
          // a 0 fits any scale: no sign of a slipped % there
          slip ||= !shown.isZero() && rounded.eq(shown);
          continue;
        }
        chosen ??= { exact, rounded };
        if (!match && rounded.eq(shown)) match = { exact, rounded };
      }
    }
    if (!match && slip) return this.unchecked(base, '百分号与算式不一致（多写或漏写了%），无法判定');
    const use = match ?? chosen!;
    const expected = written(use.rounded, places, tok);
    const claim: ArithmeticClaim = {
      ...base,
      statedValue,
      exact: toDecimal(use.exact),
      expected,
      decimals: places,
      verdict: match ? 'ok' : 'mismatch',
    };
    if (!match) claim.message = `“${base.text}”计算有误：应为${approx ? '约' : ''}${expected}`;
    return claim;
  }

  /**
   * left = another calculation: right when the two agree once the right side's decimals are taken as rounded
   * intermediate results. 90/95=94.74%×10 is the habit of chaining steps with "=": read as 90/95=94.74% when
   * the two sides do not agree.
   */
  private againstCalculation(base: ArithmeticClaim, left: Node, right: Node, approx: boolean, resolve: Resolve): ArithmeticClaim {
    magnitudeOf([...operands(left), ...operands(right)]);
    const exact = evaluate(left, resolve, 'stated');
    if (overlaps(interval(left, resolve), interval(right, resolve))) {
      return { ...base, exact: toDecimal(exact), verdict: 'ok' };
    }
    const lead = leadingNumber(right);
    if (lead) {
      const step = this.againstValue(this.base({ kind: 'expr', node: left }, { kind: 'expr', node: lead }), left, lead.tok, false, approx, resolve);
      if (step.verdict === 'ok') return step;
      const whole = evaluate(right, resolve, 'stated');
      const off = (x: Rational) => absolute(sub(x, exact));
      if (cmp(off(lead.tok.value), off(whole)) < 0) return step;
    }
    const other = evaluate(right, resolve, 'stated');
    return {
      ...base,
      exact: toDecimal(exact),
      verdict: 'mismatch',
      message: `“${base.text}”计算有误：左边等于${approximate(exact)}，右边等于${approximate(other)}`,
    };
  }

  /**
   * Words around a stated value that make it no exact result: 约77%, 77%左右 (compared at the decimals shown, as
   * with ≈), 77%以上, 超过77% (a bound, not checked).
   */
  private hedge(node: Node): 'about' | 'bound' | undefined {
    const num = node.k === 'neg' ? node.x : node;
    const words: string[] = [];
    if (num.to - num.from === 2 && this.toks[num.from].k === 'word') words.push(this.wordAt(num.from));
    const after = this.toks[node.to];
    const afterText = after?.k === 'word' ? this.wordAt(node.to) : '';
    if (/(超过|超|逾|不足|不到|低于|高于|大于|小于|至少|最多|最少|不低于|不高于)$/.test(words.join('')) || /^(以上|以下|以内|之内|之间|至|到|多|余)/.test(afterText)) return 'bound';
    if (/(约|约为|大约|近|接近|将近|约合)$/.test(words.join('')) || /^(左右|上下|前后)/.test(afterText)) return 'about';
    return undefined;
  }

  private wordAt(i: number): string {
    return this.text.slice(this.toks[i].start, this.toks[i].end);
  }

  /** Reading the stated unit against the operands' units (万元 from 元 …); throws UnitsDiffer when they are mixed. */
  private unitReadings(left: Node, tok: NumToken): Reading[] {
    const m = magnitudeOf(operands(left));
    if (tok.magnitude === undefined || m === tok.magnitude) return [{ factor: whole(1), preferred: true }];
    if (m !== undefined) return [{ factor: powerOfTen(m - tok.magnitude), preferred: true }];
    // bare operands: in the stated unit, or in 元 (12000+38000=5万元)
    return [
      { factor: whole(1), preferred: true },
      { factor: powerOfTen(-tok.magnitude), preferred: false },
    ];
  }

  private base(left: Part, right: Part): ArithmeticClaim {
    const start = this.startOf(left);
    const end = this.toks[partTo(right) - 1].end;
    const leftEnd = this.toks[partTo(left) - 1].end;
    const rightStart = this.startOf(right);
    return {
      start,
      end,
      text: tidy(this.text.slice(start, end)),
      expression: tidy(this.text.slice(start, leftEnd)),
      stated: tidy(this.text.slice(rightStart, end)),
      statedValue: null,
      exact: null,
      expected: null,
      decimals: null,
      verdict: 'unchecked',
      operands: left.kind === 'expr' ? this.operandsOf(left.node) : [],
    };
  }

  /** Where a side starts, leaving out a name before its first number (执行数89.8 → 89.8). */
  private startOf(part: Part): number {
    const from = partFrom(part);
    if (part.kind === 'expr') {
      let m = part.node;
      while (m.k === 'bin') m = m.a;
      if (m.k === 'num' && m.from === from && m.to - m.from === 2 && this.toks[from].k === 'word') return m.tok.start;
    }
    return this.toks[from].start;
  }

  private operandsOf(node: Node): ClaimOperand[] {
    const out: ClaimOperand[] = [];
    const walk = (n: Node) => {
      if (n.k === 'num') {
        const t = n.tok;
        const label = n.to - n.from === 2 && this.toks[n.from].k === 'word' ? this.text.slice(this.toks[n.from].start, this.toks[n.from].end) : undefined;
        out.push({
          text: this.text.slice(t.start, t.end),
          value: new Decimal(t.digits),
          scale: t.scale,
          unit: t.suffix,
          ...(label ? { label } : {}),
          start: t.start,
          end: t.end,
        });
      } else if (n.k === 'neg' || n.k === 'group') walk(n.x);
      else if (n.k === 'bin') {
        walk(n.a);
        walk(n.b);
      }
    };
    walk(node);
    return out;
  }

  private unchecked(claim: ArithmeticClaim, reason: string): ArithmeticClaim {
    const { start, end, text, expression, stated, operands } = claim;
    return { start, end, text, expression, stated, statedValue: null, exact: null, expected: null, decimals: null, verdict: 'unchecked', reason, operands };
  }
}

class UnitsDiffer extends Error {}

/** The one amount unit the numbers are written with (as a power of ten), undefined when none; UnitsDiffer when mixed. */
function magnitudeOf(toks: NumToken[]): number | undefined {
  let m: number | undefined;
  for (const t of toks) {
    if (t.magnitude === undefined) continue;
    if (m !== undefined && m !== t.magnitude) throw new UnitsDiffer();
    m = t.magnitude;
  }
  return m;
}

function powerOfTen(k: number): Rational {
  return k >= 0 ? ratio(pow10(k), new Decimal(1)) : ratio(new Decimal(1), pow10(-k));
}

/**
 * How the left side's value compares with the digits of a stated value. 77.27% states 0.7727 (×100 to compare
 * the digits); a bare ×100 then % (（17/22）×100=77.27%) and ×100% then no % ((17/22)×100%=77.27) are notations
 * officers use for the same rate, and 百分点 is a percentage when stated (105.00%-100%=5.00个百分点) but may
 * also count points (105-100=5个百分点).
 */
function percentReadings(left: Node, tok: NumToken): Reading[] {
  const scale = tok.points ? 100 : tok.scale;
  const literal: Reading = { factor: whole(scale), preferred: true };
  const hundred = timesHundred(left);
  if (hundred === 'bare' && scale === 100) return [{ factor: whole(1), preferred: true }, { ...literal, preferred: false }];
  if (hundred === 'percent' && scale === 1) return [{ factor: HUNDRED, preferred: true }, { ...literal, preferred: false }];
  if (tok.points) {
    const percentOperand = operands(left).some((t) => t.scale !== 1);
    return [
      { ...literal, preferred: percentOperand },
      { factor: whole(1), preferred: !percentOperand },
    ];
  }
  // the digits are right but the % is not: 17/22=77.27, 17/22=0.77%
  const slip: Reading = { factor: scale === 1 ? HUNDRED : whole(1), preferred: false, signSlip: true };
  return scale === 1000 ? [literal] : [literal, slip];
}

/** The number a calculation starts with (94.74% of 94.74%×10), when it starts with one. */
function leadingNumber(node: Node): (Node & { k: 'num' }) | null {
  if (node.k !== 'bin') return null;
  let m: Node = node;
  while (m.k === 'bin') m = m.a;
  return m.k === 'num' ? m : null;
}

/** The rounded value as the stated one should have been written: 126.09%, 9.47, 2.5分. */
function written(value: Decimal, places: number, tok: NumToken): string {
  let digits = (value.isZero() ? value.abs() : value).toFixed(places);
  // a score or amount shown with fewer decimals is written without trailing zeros (2.5, not 2.50); rates keep two
  if (tok.scale === 1 && !tok.points && tok.decimals < places && digits.includes('.')) digits = digits.replace(/0+$/, '').replace(/\.$/, '');
  const suffix = tok.scale === 100 ? '%' : tok.scale === 1000 ? '‰' : tok.suffix;
  return `${digits}${suffix}`;
}

function absolute(x: Rational): Rational {
  return x.n.isNeg() ? neg(x) : x;
}

/** A value for a message: four decimals at most, no trailing zeros. */
function approximate(x: Rational): string {
  return toDecimal(x).toDecimalPlaces(4).toString();
}

/** The text as it should be quoted: no line breaks, single spaces. */
function tidy(s: string): string {
  return s
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, '')
    .replace(/[ \t\u3000]+/g, ' ')
    .trim();
}
