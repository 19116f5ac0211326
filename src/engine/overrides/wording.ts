import { canonicalJson } from './canonical';
import type { OverrideData } from './format';
import { keyWords } from './labels';
import { JsonPath, warning, SchemeProblem } from './problems';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const numberIn = (text: string, n: number) => new RegExp(`(?<![\\d.])${String(n).replace('.', '\\.')}(?![\\d.])`).test(text);

/**
 * The 评价标准 printed on the form states the numbers of the rule (计4分, 每超过一个百分点扣0.4分): when an
 * override changes such a number and leaves the wording, the printed text and the score disagree. A warning,
 * not a refusal: the number may appear for another reason.
 */
export function staleWording(o: OverrideData, base: Json, merged: Json): SchemeProblem[] {
  const found: SchemeProblem[] = [];
  const before = new Map<string, Json>(((base.indicators ?? []) as Json[]).map((i) => [i.id as string, i]));
  for (const after of (merged.indicators ?? []) as Json[]) {
    const id = after.id as string;
    const was = before.get(id);
    if (!was || o.wording?.[id]?.criteria !== undefined) continue;
    const criteria = String(was.criteria ?? '');
    const shown = criteria.length > 60 ? `${criteria.slice(0, 60)}…` : criteria;
    const say = (path: JsonPath, what: string) =>
      found.push(warning(path, `“${String(after.name)}”的${what}已改，评价标准仍是原文：“${shown}”`, `在 wording.${id}.criteria 中改写评价标准，使之与新的规则一致`));
    if (after.weight !== was.weight && numberIn(criteria, was.weight as number)) {
      say(['weights', id], `分值（${String(was.weight)}分→${String(after.weight)}分）`);
      continue;
    }
    for (const key of Object.keys(o.params?.[id] ?? {})) {
      const old = (was.rule as Json)[key];
      const now = (after.rule as Json)[key];
      if (canonicalJson(old) === canonicalJson(now)) continue;
      if (typeof old === 'number' ? numberIn(criteria, old) : typeof old === 'object' && old !== null) {
        say(['params', id, key], keyWords(key));
        break;
      }
    }
  }
  return found;
}
