import { Decimal } from '../../engine/decimal';
import { DivisionByZero, type Rational, add, cmp, div, max, min, mul, neg, pow10, ratio, sign, sub } from './rational';
import type { CircledToken, NumToken, Token } from './tokens';

/**
 * The arithmetic of a calculation text: + − × ÷ over numbers, brackets of any kind and circled references,
 * with the usual precedence. `from`/`to` are token indexes [from, to).
 */
export type Node =
  | { k: 'num'; tok: NumToken; from: number; to: number }
  | { k: 'ref'; tok: CircledToken; from: number; to: number }
  | { k: 'neg'; x: Node; from: number; to: number }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; a: Node; b: Node; from: number; to: number }
  | { k: 'group'; x: Node; from: number; to: number };

/**
 * The longest expression starting at token p (null when none starts there). An operator not followed by an
 * operand is left out (2分- …), so the expression ends before it.
 */
export function parseAt(toks: readonly Token[], p: number): Node | null {
  function sum(at: number): Node | null {
    let left = product(at);
    if (!left) return null;
    for (;;) {
      const t: Token | undefined = toks[left.to];
      if (t?.k !== 'op' || (t.op !== '+' && t.op !== '-')) return left;
      const right = product(left.to + 1);
      if (!right) return left;
      left = { k: 'bin', op: t.op, a: left, b: right, from: left.from, to: right.to };
    }
  }
  function product(at: number): Node | null {
    let left = unary(at);
    if (!left) return null;
    for (;;) {
      const t: Token | undefined = toks[left.to];
      if (t?.k !== 'op' || (t.op !== '*' && t.op !== '/')) return left;
      const right = unary(left.to + 1);
      if (!right) return left;
      left = { k: 'bin', op: t.op, a: left, b: right, from: left.from, to: right.to };
    }
  }
  function unary(at: number): Node | null {
    const t = toks[at];
    if (t?.k === 'op' && (t.op === '-' || t.op === '+')) {
      const x = unary(at + 1);
      if (!x) return null;
      return t.op === '-' ? { k: 'neg', x, from: at, to: x.to } : { ...x, from: at };
    }
    return primary(at);
  }
  function primary(at: number): Node | null {
    const t = toks[at];
    if (!t) return null;
    if (t.k === 'num') return { k: 'num', tok: t, from: at, to: at + 1 };
    // 执行数89.8: a word right before a number names it
    if (t.k === 'word' && !t.digits) {
      const next = toks[at + 1];
      return next?.k === 'num' ? { k: 'num', tok: next, from: at, to: at + 2 } : null;
    }
    if (t.k === 'circ') return { k: 'ref', tok: t, from: at, to: at + 1 };
    if (t.k === 'open') {
      const x = sum(at + 1);
      if (!x || toks[x.to]?.k !== 'close') return null;
      return { k: 'group', x, from: at, to: x.to + 1 };
    }
    return null;
  }
  return sum(p);
}

/** A bare number node (with or without its sign): the stated value of a claim. */
export function statedNumber(node: Node): { tok: NumToken; negative: boolean } | null {
  if (node.k === 'num') return { tok: node.tok, negative: false };
  if (node.k === 'neg' && node.x.k === 'num') return { tok: node.x.tok, negative: true };
  return null;
}

export function unwrap(node: Node): Node {
  return node.k === 'group' ? unwrap(node.x) : node;
}

/** The numbers of an expression, in the order written. */
export function operands(node: Node): NumToken[] {
  switch (node.k) {
    case 'num':
      return [node.tok];
    case 'ref':
      return [];
    case 'neg':
    case 'group':
      return operands(node.x);
    case 'bin':
      return [...operands(node.a), ...operands(node.b)];
  }
}

export function references(node: Node): { tok: CircledToken; index: number }[] {
  switch (node.k) {
    case 'num':
      return [];
    case 'ref':
      return [{ tok: node.tok, index: node.from }];
    case 'neg':
    case 'group':
      return references(node.x);
    case 'bin':
      return [...references(node.a), ...references(node.b)];
  }
}

/**
 * How the last step writes a percentage: `×100%` (a rate that a result may also give as a plain number, 77.27) or
 * a bare `×100` (whose result officers write with a % sign: （17/22）×100=77.27%).
 */
export function timesHundred(node: Node): 'percent' | 'bare' | null {
  // the factors multiplied in at the top: 100 of 17/22×100 and of 100×17/22, not of 17/(22×100)
  const factors = (n: Node): Node[] => {
    const u = unwrap(n);
    if (u.k !== 'bin' || u.op === '+' || u.op === '-') return [u];
    return u.op === '*' ? [...factors(u.a), ...factors(u.b)] : factors(u.a);
  };
  const top = unwrap(node);
  if (top.k !== 'bin' || (top.op !== '*' && top.op !== '/')) return null;
  for (const u of factors(top)) {
    if (u.k !== 'num') continue;
    if (u.tok.scale === 100 && u.tok.digits === '100') return 'percent';
    if (u.tok.scale === 1 && /^100(\.0+)?$/.test(u.tok.digits) && u.tok.magnitude === undefined) return 'bare';
  }
  return null;
}

/** What a circled reference stands for: the value as written earlier, and the exact value behind it. */
export interface RefValue {
  stated: Rational;
  exact: Rational;
  interval: Interval;
}

export class Unresolved extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export type Resolve = (ref: CircledToken, index: number) => RefValue;

/** Evaluates exactly; references by their written (stated) or exact value. Throws DivisionByZero, TooLong, Unresolved. */
export function evaluate(node: Node, resolve: Resolve, mode: 'stated' | 'exact'): Rational {
  switch (node.k) {
    case 'num':
      return node.tok.value;
    case 'ref':
      return resolve(node.tok, node.from)[mode];
    case 'neg':
      return neg(evaluate(node.x, resolve, mode));
    case 'group':
      return evaluate(node.x, resolve, mode);
    case 'bin': {
      const a = evaluate(node.a, resolve, mode);
      const b = evaluate(node.b, resolve, mode);
      switch (node.op) {
        case '+':
          return add(a, b);
        case '-':
          return sub(a, b);
        case '*':
          return mul(a, b);
        case '/':
          return div(a, b);
      }
    }
  }
}

const ONE = new Decimal(1);

export interface Interval {
  lo: Rational;
  hi: Rational;
}

/** Every value a number written with d decimals may stand for once rounded: 0.9474 is [0.94735, 0.94745]. */
export function numberInterval(tok: NumToken): Interval {
  // whole numbers are counts and constants (17 人, ×100, ×10): exact
  if (tok.decimals === 0) return { lo: tok.value, hi: tok.value };
  const half = ratio(ONE, pow10(tok.decimals).times(2 * tok.scale));
  return { lo: sub(tok.value, half), hi: add(tok.value, half) };
}

/**
 * The range an expression may stand for when its decimals are rounded intermediate results (the right side of
 * 90/95×10=0.9474×10). Throws DivisionByZero when a divisor's range holds 0.
 */
export function interval(node: Node, resolve: Resolve): Interval {
  switch (node.k) {
    case 'num':
      return numberInterval(node.tok);
    case 'ref':
      return resolve(node.tok, node.from).interval;
    case 'neg': {
      const x = interval(node.x, resolve);
      return { lo: neg(x.hi), hi: neg(x.lo) };
    }
    case 'group':
      return interval(node.x, resolve);
    case 'bin': {
      const a = interval(node.a, resolve);
      const b = interval(node.b, resolve);
      switch (node.op) {
        case '+':
          return { lo: add(a.lo, b.lo), hi: add(a.hi, b.hi) };
        case '-':
          return { lo: sub(a.lo, b.hi), hi: sub(a.hi, b.lo) };
        case '*':
          return spread([mul(a.lo, b.lo), mul(a.lo, b.hi), mul(a.hi, b.lo), mul(a.hi, b.hi)]);
        case '/': {
          // a divisor that may be 0 leaves the quotient unbounded
          if (sign(b.lo) <= 0 && sign(b.hi) >= 0) throw new DivisionByZero();
          return spread([div(a.lo, b.lo), div(a.lo, b.hi), div(a.hi, b.lo), div(a.hi, b.hi)]);
        }
      }
    }
  }
}

function spread(values: Rational[]): Interval {
  return { lo: values.reduce(min), hi: values.reduce(max) };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return cmp(a.lo, b.hi) <= 0 && cmp(b.lo, a.hi) <= 0;
}
