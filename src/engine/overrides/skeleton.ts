import { editableParams } from './ruleShape';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SkeletonOptions {
  id: string;
  version?: string;
  /** where the JSON Schema is, as the file will find it ($schema) */
  schema?: string;
  /** only the head (extends, id, version, title), without the base's weights, grades and parameters */
  minimal?: boolean;
}

/**
 * An override file to edit, made from a shipped scheme: its head, and — unless minimal — every weight, the grades
 * and every parameter an override may change, at the base's values, so that the bureau changes numbers in place
 * rather than looks up names. Values left as they are change nothing.
 */
export function overrideSkeleton(baseId: string, baseData: unknown, options: SkeletonOptions): Json {
  const base = baseData as Json;
  const out: Json = {};
  if (options.schema) out.$schema = options.schema;
  out.extends = baseId;
  out.id = options.id;
  out.version = options.version ?? '1';
  out.title = base.title;
  if (options.minimal) return out;

  const indicators = (base.indicators ?? []) as Json[];
  const t = base.targets as Json | undefined;
  const weights: Json = {};
  for (const i of indicators) weights[i.id] = i.weight;
  if (t) {
    weights[t.execution.id] = t.execution.weight;
    for (const l of t.levels as Json[]) weights[l.name] = l.weight;
  }
  out.weights = weights;
  out.grades = Object.fromEntries(
    [...(base.grades as { min: number; grade: string }[])]
      .sort((a, b) => b.min - a.min)
      .filter((g) => g.min > 0)
      .map((g) => [g.grade, g.min]),
  );
  const params: Json = {};
  for (const i of indicators) {
    const p = editableParams(i.rule as Json);
    if (Object.keys(p).length) params[i.id] = p;
  }
  if (indicators.length) out.params = params;
  if (t) {
    out.targets = {
      execution: { base: t.execution.base },
      inverse: t.inverse,
      overshoot: t.overshoot,
      bands: t.bands,
      cap: t.cap,
    };
  }
  return out;
}
