import { type Chain, partTo } from './chains';
import { type Interval, type Node, type RefValue, type Resolve, Unresolved, evaluate, numberInterval, statedNumber } from './expression';
import { cmp, neg, whole } from './rational';
import type { CircledToken, Token } from './tokens';

/**
 * What ① ② … stand for in a sum such as ①+②=9分: the value an earlier part of the same text gives the same
 * marker. A marker labels what follows it up to the next marker; it stands for the result of the last
 * calculation there (①（9/10）×6=5.4分), else for the one number there (①编制数22人), else for the one
 * score obtained there (得1分, 是，计1分; 否，不得分 is 0). Anything else (several numbers, 超过6分按6分计 after the result, no such part) is unresolved, and
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

  // what a marker stands for at a place, worked out once: definitions may build on earlier ones
  const known = new Map<string, RefValue | undefined>();
  const valueOf = (name: string, claimFrom: number): RefValue | undefined => {
    const key = `${name}@${claimFrom}`;
    if (known.has(key)) return known.get(key);
    const label = labels.filter((i) => i < claimFrom && (toks[i] as CircledToken).key === name).pop();
    const definition = definitions.filter((c) => c.to <= claimFrom && c.defines?.key === name).pop();
    let v: RefValue | undefined;
    if (definition && (label === undefined || definition.from > label)) v = chainValue(definition, resolveAt(definition.from));
    else if (label !== undefined) v = sectionValue(text, label, Math.min(claimFrom, ...starts.filter((s) => s > label)), toks, chains, resolveAt);
    known.set(key, v);
    return v;
  };
  const resolveAt =
    (claimFrom: number): Resolve =>
    (ref: CircledToken): RefValue => {
      const v = valueOf(ref.key, claimFrom);
      if (!v) throw new Unresolved(`${ref.key}的数值无法从前文确定`);
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
  // points count as 得…分 or 为…分 (not 满分为…), and as 计…分 only after a 是 / √ (①是，计1分): a bare 计1分
  // or 1分 may be the criterion copied (①符合国家法律法规，计1分), not the score obtained
  const words = text.slice(toks[label].end, end < toks.length ? toks[end].start : text.length);
  const answeredYes = /^\s*[是√✓✔☑](?!否)/.test(words);
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
    const verb = before?.k === 'word' && before.end === t.start ? text.slice(before.start, before.end) : '';
    if (/(得|(?<!满分|分值|最高|最多)为)$/.test(verb) || (answeredYes && /计$/.test(verb))) scores.push(i);
  }
  // ③否，不得分: no number at all, and nothing scored
  if (!nums.length && /不得分/.test(words)) {
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
