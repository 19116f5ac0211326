import dept2013 from '../../templates/dept-2013.json';
import dept2020 from '../../templates/dept-2020.json';
import project2020 from '../../templates/project-2020.json';
import { loadScheme, Scheme, SchemeError } from './scheme';

/** The schemes shipped with the product, by id. Loaded (and validated) on first use. */
const shipped: Record<string, unknown> = { 'dept-2013': dept2013, 'project-2020': project2020, 'dept-2020': dept2020 };
const cache = new Map<string, Scheme>();

/**
 * The schemes whose workbooks the product writes and reads (templates, detection of a workbook's scheme, the
 * panes). A shipped scheme joins this list once every sheet kind of its layout has a renderer and the adapters
 * read its tables; until then it is scored from `--inputs` JSON (getScheme knows every shipped scheme).
 */
const WORKBOOK_SCHEMES = ['dept-2013', 'project-2020', 'dept-2020'];

export const DEFAULT_SCHEME = 'dept-2013';

export function schemeIds(): string[] {
  return WORKBOOK_SCHEMES.slice();
}

/** Every shipped scheme, including those scored from JSON only for now. */
export function allSchemeIds(): string[] {
  return Object.keys(shipped);
}

export function getScheme(id: string = DEFAULT_SCHEME): Scheme {
  let scheme = cache.get(id);
  if (!scheme) {
    const data = shipped[id];
    if (!data) throw new SchemeError(`未知的评分方案“${id}”（可用：${allSchemeIds().join('、')}）`);
    scheme = loadScheme(data);
    cache.set(id, scheme);
  }
  return scheme;
}
