import { type Node, parseAt, statedNumber, unwrap } from './expression';
import type { CircledToken, Token } from './tokens';

/**
 * One side of an "=": an expression read in full, or arithmetic that cannot be read in full because words or an
 * unread part stand in it (（在职人员数/编制数）×100%): such a side is never judged.
 */
export type Part = { kind: 'expr'; node: Node } | { kind: 'partial'; from: number; to: number };

/** a = b = c …: the parts and the "=" token between parts[i] and parts[i + 1]. */
export interface Chain {
  parts: Part[];
  eqs: number[];
  /** token range of the whole chain */
  from: number;
  to: number;
  /** a number right after the last part, only spaces between (=1 234): the last value is not certain */
  gluedNumber: boolean;
  /** ①=（9/10）×6=5.4分 defines ① rather than claims anything about it */
  defines?: CircledToken;
}

const MAX_SIDE = 400;

export function partFrom(p: Part): number {
  return p.kind === 'expr' ? p.node.from : p.from;
}

export function partTo(p: Part): number {
  return p.kind === 'expr' ? p.node.to : p.to;
}

/**
 * Every chain of "=" in the tokens. The left side of a chain is the longest expression that ends at its first
 * "=" and starts after the last punctuation; prose before it (执行率=) is a name, not a side. Each right side is
 * the longest expression after its "="; the chain goes on while a right side ends at another "=".
 */
export function findChains(toks: readonly Token[]): Chain[] {
  const chains: Chain[] = [];
  let floor = 0;
  for (let q = 0; q < toks.length; q++) {
    if (toks[q].k !== 'eq' || q < floor) continue;
    // no left side is longer than MAX_SIDE tokens: that bounds the work on a long text without punctuation
    let r = q - 1;
    while (r >= floor && r >= q - MAX_SIDE && toks[r].k !== 'brk' && toks[r].k !== 'eq') r--;
    const left = leftSide(toks, r + 1, q);
    const parts: Part[] = left ? [left] : [];
    const eqs: number[] = [];
    let p = q;
    let gluedNumber = false;
    for (;;) {
      const node = parseAt(toks, p + 1);
      if (!node) break;
      // without a left side the first "=" only names the chain (执行率=…)
      if (parts.length) eqs.push(p);
      parts.push({ kind: 'expr', node });
      const after = toks[node.to];
      if (after?.k === 'eq') {
        p = node.to;
        continue;
      }
      gluedNumber = after?.k === 'num';
      break;
    }
    floor = parts.length ? partTo(parts[parts.length - 1]) : q + 1;
    const head = parts[0];
    // a lone number first is an equivalence in words, not arithmetic: 超5个百分点=2分, 5=非常满意
    if (head?.kind === 'expr' && statedNumber(unwrap(head.node))) {
      parts.shift();
      eqs.shift();
    }
    if (parts.length >= 2) {
      const chain: Chain = { parts, eqs, from: partFrom(parts[0]), to: floor, gluedNumber };
      const first = parts[0];
      if (first.kind === 'expr' && first.node.k === 'ref') {
        chain.defines = first.node.tok;
        chain.parts = parts.slice(1);
        chain.eqs = eqs.slice(1);
      }
      chains.push(chain);
    }
    q = Math.max(q, floor - 1);
  }
  return chains;
}

/**
 * The left side ending at token q, read from the start of its clause (regionStart). Null when the clause holds
 * no arithmetic before the "=" (a name such as 执行率); partial when arithmetic stands there but cannot be read
 * in full: words in a formula, or an operator or bracket just before what could be read.
 */
function leftSide(toks: readonly Token[], regionStart: number, q: number): Part | null {
  for (let s = regionStart; s < q; s++) {
    const t = toks[s];
    // a dash between a name and a number is punctuation (控制率—17/22), not a minus sign
    if (t.k === 'op' && t.op === '-' && toks[s - 1]?.k === 'word' && s > regionStart) continue;
    const node = parseAt(toks, s);
    if (!node || node.to !== q) continue;
    // an operator or bracket just before: the formula goes on to the left, in words. Two numbers with only
    // spaces between (17 22/22, 4 -17/22): which number is meant is not certain; a name or a bracket between
    // (超过100%共5.00个百分点×0.4, 得4分 （17/22）) separates them
    const before = s > 0 ? toks[s - 1] : undefined;
    if (before && (before.k === 'op' || before.k === 'close' || (before.k === 'num' && (toks[s].k === 'num' || toks[s].k === 'op')))) return partial(toks, regionStart, q);
    return { kind: 'expr', node };
  }
  const last = toks[q - 1];
  if (q > regionStart && (last.k === 'num' || last.k === 'close' || last.k === 'circ' || last.k === 'op')) return partial(toks, regionStart, q);
  return null;
}

/** The arithmetic-looking stretch before q: from its first bracket, number or operator, or a word operand. */
function partial(toks: readonly Token[], regionStart: number, q: number): Part {
  let s = regionStart;
  while (s < q && toks[s].k === 'word' && toks[s + 1]?.k !== 'op') s++;
  return { kind: 'partial', from: s, to: q };
}
