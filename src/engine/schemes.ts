import dept2013 from '../../templates/dept-2013.json';
import { loadScheme, Scheme, SchemeError } from './scheme';

/** The schemes shipped with the product, by id. Loaded (and validated) on first use. */
const shipped: Record<string, unknown> = { 'dept-2013': dept2013 };
const cache = new Map<string, Scheme>();

export const DEFAULT_SCHEME = 'dept-2013';

export function schemeIds(): string[] {
  return Object.keys(shipped);
}

export function getScheme(id: string = DEFAULT_SCHEME): Scheme {
  let scheme = cache.get(id);
  if (!scheme) {
    const data = shipped[id];
    if (!data) throw new SchemeError(`未知的评分方案“${id}”（可用：${schemeIds().join('、')}）`);
    scheme = loadScheme(data);
    cache.set(id, scheme);
  }
  return scheme;
}
