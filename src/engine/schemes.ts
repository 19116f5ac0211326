import dept2013 from '../../templates/dept-2013.json';
import dept2020 from '../../templates/dept-2020.json';
import project2020 from '../../templates/project-2020.json';
import { canonicalJson } from './overrides/canonical';
import { sha256Hex } from './overrides/sha256';
import { checkScheme, ResolvedScheme, SchemeCheck, SchemeFileError, SchemeLibrary } from './overrides/validate';
import { loadScheme, Scheme, SchemeError } from './scheme';

/** The schemes shipped with the product, by id. Loaded (and validated) on first use. */
const shipped: Record<string, unknown> = { 'dept-2013': dept2013, 'project-2020': project2020, 'dept-2020': dept2020 };

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

/** The shipped schemes as the bases overrides extend. */
export const shippedLibrary: SchemeLibrary = {
  ids: allSchemeIds,
  data: (id) => (Object.prototype.hasOwnProperty.call(shipped, id) ? shipped[id] : undefined),
};

/** A shipped scheme's JSON as it ships (for `scheme new`, diffs and the JSON Schema), undefined for another id. */
export function shippedSchemeData(id: string): unknown {
  return shippedLibrary.data(id);
}

const resolvedById = new Map<string, ResolvedScheme>();
/** every scheme resolved so far by content hash: the same content is the same Scheme object */
const byHash = new Map<string, ResolvedScheme>();
/** and by the Scheme object, for what needs a scheme's JSON or hash where it has only the scheme */
const byScheme = new WeakMap<Scheme, ResolvedScheme>();

function remember(resolved: ResolvedScheme): void {
  byHash.set(resolved.hash, resolved);
  byScheme.set(resolved.scheme, resolved);
}

/**
 * The canonical JSON and content hash of a scheme got from getScheme, resolvedShipped, checkSchemeData or
 * schemeFromData (undefined for one loaded otherwise, e.g. by loadScheme itself).
 */
export function resolvedScheme(scheme: Scheme): ResolvedScheme | undefined {
  return byScheme.get(scheme);
}

/**
 * A shipped scheme with its canonical JSON and content hash. Loaded by loadScheme alone, which keeps the
 * checks of scheme files (and their Chinese texts) out of the pane's start; the shipped schemes pass those
 * checks too, which a test makes sure of.
 */
export function resolvedShipped(id: string = DEFAULT_SCHEME): ResolvedScheme {
  let resolved = resolvedById.get(id);
  if (!resolved) {
    const data = shippedLibrary.data(id) as Record<string, unknown> | undefined;
    if (data === undefined) throw new SchemeError(`未知的评分方案“${id}”（可用：${allSchemeIds().join('、')}）`);
    const json = canonicalJson(data);
    resolved = { scheme: loadScheme(data), data, json, hash: sha256Hex(json), warnings: [] };
    resolvedById.set(id, resolved);
    remember(resolved);
  }
  return resolved;
}

export function getScheme(id: string = DEFAULT_SCHEME): Scheme {
  return resolvedShipped(id).scheme;
}

/**
 * Checks the data of a scheme file (an override of a shipped scheme, or a whole scheme) and resolves it when it
 * has no error. Content already seen resolves to the same Scheme object (a shipped scheme's file to the shipped
 * scheme), so that what is worked out per scheme is worked out once. `allowShippedId`: see CheckOptions (a scheme a
 * workbook carries may be an earlier version of a shipped one).
 */
export function checkSchemeData(data: unknown, options: { allowShippedId?: boolean } = {}): SchemeCheck {
  for (const id of allSchemeIds()) resolvedShipped(id);
  const check = checkScheme(data, { library: shippedLibrary, allowShippedId: options.allowShippedId });
  if (!check.resolved) return check;
  const seen = byHash.get(check.resolved.hash);
  if (seen) return { ...check, resolved: { ...seen, base: check.resolved.base, warnings: check.resolved.warnings } };
  remember(check.resolved);
  return check;
}

/** The scheme of a file's data, or SchemeFileError (a SchemeError) listing every problem with its place. */
export function schemeFromData(data: unknown): ResolvedScheme {
  const check = checkSchemeData(data);
  if (!check.resolved) throw new SchemeFileError(check.problems);
  return check.resolved;
}
