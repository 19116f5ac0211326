import { loadScheme, Scheme, SchemeError, schemeFileSchemas } from '../scheme';
import type { SchemeData } from '../scheme';
import { canonicalJson } from './canonical';
import { Place, samePlace, semanticProblems, structureProblems } from './checks';
import { isOverride, OverrideData, overrideSchema, withoutComments } from './format';
import { loadProblems } from './loadText';
import { mergeOverride } from './merge';
import { closest, JsonPath, listed, problem, problemLine, SchemeProblem } from './problems';
import { sha256Hex } from './sha256';
import { staleWording } from './wording';
import { zodProblem } from './zodText';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Where the base schemes of overrides come from: the shipped ones (schemes.ts), or another set in tests. */
export interface SchemeLibrary {
  ids(): string[];
  /** a scheme's data as shipped (the JSON), undefined when there is none by that id */
  data(id: string): unknown;
}

/**
 * A scheme ready for use, whether shipped, written whole or made from an override: the scheme itself, the full
 * scheme data it was loaded from (an override merged into its base; no comments), that data as canonical JSON and
 * its content hash. Saving `json` and loading it again (`checkScheme(JSON.parse(json))`) gives the same scheme and
 * the same hash, whichever machine does it.
 */
export interface ResolvedScheme {
  scheme: Scheme;
  data: Json;
  json: string;
  /** SHA-256 (hex) of `json` */
  hash: string;
  /** the shipped scheme an override extends */
  base?: { id: string; version: string };
  /** accepted, but worth a look (wording that still states a changed number) */
  warnings: SchemeProblem[];
}

export interface SchemeCheck {
  /** an override file (`extends`) or a whole scheme */
  kind: 'override' | 'scheme';
  /** errors and warnings, in file order of discovery; the file is refused when any is an error */
  problems: SchemeProblem[];
  /** present when there is no error */
  resolved?: ResolvedScheme;
}

export interface CheckOptions {
  library: SchemeLibrary;
  /**
   * A whole scheme may have a shipped scheme's id: the shipped scheme itself, or one a workbook carries that
   * was made with an earlier version of it. Files a bureau writes may not (their ids would shadow shipped ones).
   */
  allowShippedId?: boolean;
}

/** Every problem of a scheme or override file's data, and the scheme when there is none. Never throws. */
export function checkScheme(input: unknown, options: CheckOptions): SchemeCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { kind: 'scheme', problems: [problem([], '评分方案文件应为一个 JSON 对象 { … }', '参照 jixiao scheme new 生成的文件书写')] };
  }
  if (deeperThan(input, MAX_DEPTH)) {
    return { kind: 'scheme', problems: [problem([], `结构嵌套超过${MAX_DEPTH}层，不是评分方案文件`, '参照 jixiao scheme new 生成的文件书写')] };
  }
  const data = withoutComments(input) as Json;
  return isOverride(data) ? checkOverride(data, options) : checkWhole(data, options);
}

/** A scheme nests a few levels; a file nesting far deeper is not one (and would exhaust the stack of the checks). */
const MAX_DEPTH = 64;

/** Whether a value nests deeper than `max`, found without recursion. */
export function deeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The scheme of a file's data, or SchemeFileError listing every problem. */
export function resolveScheme(input: unknown, options: CheckOptions): ResolvedScheme {
  const check = checkScheme(input, options);
  if (!check.resolved) throw new SchemeFileError(check.problems);
  return check.resolved;
}

/** A scheme file refused: every problem, each with its place and how to fix it. */
export class SchemeFileError extends SchemeError {
  readonly problems: SchemeProblem[];
  constructor(problems: SchemeProblem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`评分方案有${errors.length}处问题：\n  ${errors.map(problemLine).join('\n  ')}`);
    this.problems = problems;
  }
}

const OVERRIDE_ONLY = ['weights', 'params', 'wording'];

function checkWhole(data: Json, options: CheckOptions): SchemeCheck {
  if (OVERRIDE_ONLY.some((k) => k in data) && !('inputs' in data)) {
    const p = problem(['extends'], '这是覆盖文件（有 weights、params 或 wording），但没有写明基于哪个内置方案', `加上 "extends": "${options.library.ids()[0]}"（可用：${listed(options.library.ids())}）`);
    return { kind: 'override', problems: [p] };
  }
  const parsed = schemeFileSchemas.scheme.safeParse(data);
  if (!parsed.success) return { kind: 'scheme', problems: structureProblems(parsed.error, samePlace, schemeFileSchemas.scheme) };
  const s = parsed.data as SchemeData;
  const problems = semanticProblems(s, samePlace);
  if (!options.allowShippedId) problems.push(...shadowing(s.id, data, ['id'], options.library));
  return finish('scheme', data, s, problems, samePlace);
}

function checkOverride(data: Json, options: CheckOptions): SchemeCheck {
  const parsed = overrideSchema.safeParse(data);
  if (!parsed.success) {
    return { kind: 'override', problems: parsed.error.issues.flatMap((issue) => zodProblem(issue, [], undefined, overrideSchema)) };
  }
  const o = parsed.data;
  const ids = options.library.ids();
  const baseData = ids.includes(o.extends) ? options.library.data(o.extends) : undefined;
  if (!baseData) {
    const guess = closest(o.extends, ids);
    return {
      kind: 'override',
      problems: [problem(['extends'], `“${o.extends}”不是内置评分方案`, `${guess ? `是否想写“${guess}”？` : ''}可用：${listed(ids)}`)],
    };
  }
  const problems = shadowing(o.id, undefined, ['id'], options.library);
  const merged = mergeOverride(o, baseData);
  problems.push(...merged.problems);
  const place = overridePlace(data, merged.data);
  const whole = schemeFileSchemas.scheme.safeParse(merged.data);
  if (!whole.success) return { kind: 'override', problems: [...problems, ...structureProblems(whole.error, place, schemeFileSchemas.scheme)] };
  const s = whole.data as SchemeData;
  problems.push(...semanticProblems(s, place, merged.weightChanges));
  const base = baseData as Json;
  const check = finish('override', merged.data, s, problems, place);
  if (check.resolved) {
    check.resolved.base = { id: base.id as string, version: base.version as string };
    check.resolved.warnings = staleWording(o, base, merged.data);
    check.problems.push(...check.resolved.warnings);
  }
  return check;
}

/** loadScheme as the final word (its problems that our checks did not already cover), then the resolved scheme. */
function finish(kind: SchemeCheck['kind'], data: Json, s: SchemeData, found: SchemeProblem[], place: Place): SchemeCheck {
  const problems = dedupe(found);
  let scheme: Scheme | undefined;
  try {
    scheme = loadScheme(data);
  } catch (err) {
    if (!(err instanceof SchemeError)) throw err;
    const errorsSoFar = problems.some((p) => p.severity === 'error');
    for (const p of loadProblems(err.message, s)) {
      if (p.covered && errorsSoFar) continue;
      problems.push(problem(place(p.at), p.message, p.fix));
    }
  }
  if (problems.some((p) => p.severity === 'error') || !scheme) return { kind, problems: dedupe(problems) };
  const json = canonicalJson(data);
  return { kind, problems, resolved: { scheme, data, json, hash: sha256Hex(json), warnings: [] } };
}

function dedupe(problems: SchemeProblem[]): SchemeProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A file's id may not be a shipped scheme's, unless the file is that scheme exactly. */
function shadowing(id: string, data: Json | undefined, at: JsonPath, library: SchemeLibrary): SchemeProblem[] {
  const shipped = library.ids().find((x) => x.toLowerCase() === id.toLowerCase());
  if (!shipped) return [];
  if (data && shipped === id && canonicalJson(withoutComments(library.data(id))) === canonicalJson(data)) return [];
  return [problem(at, `编号“${id}”是内置评分方案的编号，不能用于本地区的方案`, `换一个编号，例如“${shipped}-本地区名称”`)];
}

const TARGET_KEYS = ['execution', 'inverse', 'overshoot', 'bands', 'cap'];
const TOP_KEYS = ['id', 'version', 'title', 'basis'];

/**
 * For an override: a place in the whole (merged) scheme as the key of the override that sets it — an indicator's
 * weight is `weights.<id>`, its rule's parameters `params.<id>.…`, a grade `grades.<name>`. Of several places, the
 * first that the override itself holds; what the override does not touch is its base's (`extends`).
 */
function overridePlace(o: Json, merged: Json): Place {
  const indicators = (merged.indicators ?? []) as Json[];
  const grades = merged.grades as Json[];
  const levels = (merged.targets?.levels ?? []) as Json[];
  const execId = merged.targets?.execution?.id as string | undefined;
  const map = (p: JsonPath): JsonPath => {
    const [head, ...rest] = p;
    if (head === 'indicators' && typeof rest[0] === 'number' && indicators[rest[0]]) {
      const id = indicators[rest[0]].id as string;
      const field = rest[1];
      if (field === 'weight') return ['weights', id];
      if (field === 'rule') return ['params', id, ...rest.slice(2)];
      if (field === 'name' || field === 'criteria' || field === 'note') return ['wording', id, field];
      return ['extends'];
    }
    if (head === 'levels' || head === 'maxTotal') return ['weights'];
    if (head === 'grades') {
      const g = typeof rest[0] === 'number' ? grades[rest[0]] : undefined;
      return g ? ['grades', g.grade as string] : ['grades'];
    }
    if (head === 'targets') {
      if (rest[0] === 'execution' && rest[1] === 'weight' && execId) return ['weights', execId];
      if (rest[0] === 'levels' && typeof rest[1] === 'number' && rest[2] === 'weight' && levels[rest[1]]) return ['weights', levels[rest[1]].name as string];
      if (rest[0] === 'execution' && rest[1] === 'base') return p;
      if (TARGET_KEYS.includes(String(rest[0])) && rest[0] !== 'execution') return p;
      return ['extends'];
    }
    if (TOP_KEYS.includes(String(head))) return [head];
    return ['extends'];
  };
  return (paths) => {
    const mapped = paths.map(map);
    return mapped.find((m) => holds(o, m)) ?? mapped.find((m) => m[0] !== 'extends' && holds(o, m.slice(0, 1))) ?? mapped[0];
  };
}

function holds(value: unknown, path: JsonPath): boolean {
  let v = value;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null || !Object.prototype.hasOwnProperty.call(v, seg)) return false;
    v = (v as Json)[seg as string];
  }
  return true;
}

export type { OverrideData };
