import { type Chain, partTo } from './chains';
import { type Interval, type Node, type RefValue, type Resolve, Unresolved, evaluate, numberInterval, statedNumber } from './expression';
import { cmp, neg, whole } from './rational';
import type { CircledToken, Token } from './tokens';

/**
 * What ① ② … stand for in a sum such as ①+②=9分: the value an earlier part of the same text gives the same
 * marker. A marker labels what follows it up to the next marker; it stands for the result of the last
 * calculation there (①（9/10）×6=5.4分), else for the one number there (①编制数22人), else for the one
 * 得…分 there. Anything else (several numbers, 超过6分按6分计 after the result, no such part) is unresolved, and
 * the claim that uses it is left unchecked.
 */
export function referenceResolver(text: string, toks: readonly Token[], chains: readonly Chain[]): (claimFrom: number) => Resolve {
  const inChain = new Array<boolean>(toks.length).fill(false);
  for (const c of chains) for (let i = c.from; i < c.to; i++) inChain[i] = true;
  // markers outside any formula label a part of the text; those inside are references
  const labels: number[] = [];
  toks.forEach((t, i) => {
    if (t.k === 'circ' && !inChain[i]) labels.push(i);
  });
  const definitions = chains.filter((c) => c.defines);
  const starts = [...labels, ...definitions.map((c) => c.from)].sort((a, b) => a - b);

  const resolveAt =
    (claimFrom: number): Resolve =>
    (ref: CircledToken): RefValue => {
      const name = ref.key;
      const label = [...labels].reverse().find((i) => i < claimFrom && (toks[i] as CircledToken).key === name);
      const definition = [...definitions].reverse().find((c) => c.to <= claimFrom && c.defines?.key === name);
      if (definition && (label === undefined || definition.from > label)) {
        const v = chainValue(definition, resolveAt(definition.from));
        if (v) return v;
        throw new Unresolved(`${name}的数值无法从前文确定`);
      }
      if (label === undefined) throw new Unresolved(`${name}的数值无法从前文确定`);
      const end = Math.min(claimFrom, ...starts.filter((s) => s > label));
      const v = sectionValue(text, label, end, toks, chains, resolveAt);
      if (!v) throw new Unresolved(`${name}的数值无法从前文确定`);
      return v;
    };
  return resolveAt;
}

function sectionValue(text: string, label: number, end: number, toks: readonly Token[], chains: readonly Chain[], resolveAt: (from: number) => Resolve): RefValue | undefined {
  const inside = chains.filter((c) => c.from > label && c.to <= end);
  if (inside.length) {
    const last = inside[inside.length - 1];
    // nothing numeric may follow the result: 超过6分按6分计 changes what the marker stands for
    for (let i = last.to; i < end; i++) if (toks[i].k === 'num') return undefined;
    return chainValue(last, resolveAt(last.from));
  }
  // points count only as 得…分: 计1分 and a bare 1分 may be the criterion copied, not the score obtained
  const nums: number[] = [];
  const scores: number[] = [];
  let points = 0;
  for (let i = label + 1; i < end; i++) {
    const t = toks[i];
    if (t.k !== 'num') continue;
    nums.push(i);
    if (t.suffix !== '分') continue;
    points++;
    const before = toks[i - 1];
    if (before?.k === 'word' && before.end === t.start && /得$/.test(text.slice(before.start, before.end))) scores.push(i);
  }
  // ③否，不得分: no number at all, and nothing scored
  if (!nums.length && /不得分/.test(text.slice(toks[label].end, end < toks.length ? toks[end].start : text.length))) {
    const zero = whole(0);
    return { stated: zero, exact: zero, interval: { lo: zero, hi: zero } };
  }
  const pick = nums.length === 1 && !points ? nums[0] : scores.length === 1 ? scores[0] : undefined;
  if (pick === undefined) return undefined;
  const t = toks[pick];
  if (t.k !== 'num') return undefined;
  return { stated: t.value, exact: t.value, interval: numberInterval(t) };
}

/** The last stated number of a chain, with the exact value of the calculation before it. */
function chainValue(chain: Chain, resolve: Resolve): RefValue | undefined {
  const lastPart = chain.parts[chain.parts.length - 1];
  if (lastPart.kind !== 'expr') return undefined;
  const stated = statedNumber(lastPart.node);
  if (!stated) return undefined;
  const value = stated.negative ? neg(stated.tok.value) : stated.tok.value;
  const written = numberInterval(stated.tok);
  let interval: Interval = stated.negative ? { lo: neg(written.hi), hi: neg(written.lo) } : written;
  let exact = value;
  const head = chain.parts[0];
  if (head.kind === 'expr' && head !== lastPart && partTo(head) < partTo(lastPart)) {
    try {
      exact = evaluate(head.node as Node, resolve, 'exact');
      interval = { lo: cmp(exact, interval.lo) < 0 ? exact : interval.lo, hi: cmp(exact, interval.hi) > 0 ? exact : interval.hi };
    } catch {
      exact = value;
    }
  }
  return { stated: value, exact, interval };
}
