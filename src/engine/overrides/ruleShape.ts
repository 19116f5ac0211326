import { z } from 'zod';
import { ruleKinds } from '../rules';
import type { RuleKind } from '../rules';

type Json = Record<string, unknown>;

/** The object schema inside optional, default and refinement wrappers, if there is one. */
export function objectOf(type: z.ZodTypeAny): z.AnyZodObject | undefined {
  let t: z.ZodTypeAny = type;
  for (;;) {
    if (t instanceof z.ZodObject) return t;
    if (t instanceof z.ZodEffects) t = t._def.schema;
    else if (t instanceof z.ZodOptional || t instanceof z.ZodDefault || t instanceof z.ZodNullable) t = t._def.innerType;
    else return undefined;
  }
}

export function ruleKind(kind: unknown): RuleKind<never> | undefined {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(ruleKinds, kind) ? ruleKinds[kind] : undefined;
}

/** The keys a rule kind's parameters may have (`kind` included). */
export function ruleKeys(kind: RuleKind<never>): string[] | undefined {
  const shape = objectOf(kind.params as unknown as z.ZodTypeAny)?.shape as Record<string, z.ZodTypeAny> | undefined;
  return shape ? Object.keys(shape) : undefined;
}

/** The schema of one parameter of a rule kind, and of the elements of an array parameter. */
export function ruleParam(kind: RuleKind<never>, key: string): z.ZodTypeAny | undefined {
  const shape = objectOf(kind.params as unknown as z.ZodTypeAny)?.shape as Record<string, z.ZodTypeAny> | undefined;
  return shape?.[key];
}

/**
 * What an override may change in a rule: every parameter but its kind and the inputs it reads (structure, not
 * rules). `inputs` holds the top-level keys naming an input; `elementInputs` the keys of array elements naming one
 * (checklist items' `input`, weighted parts' `numerator`/`denominator`), which an override keeps by position.
 */
export interface RuleEditable {
  kind: RuleKind<never>;
  inputs: Set<string>;
  elementInputs: Map<string, Set<string>>;
  /** the keys an override may set, in the kind's order */
  editable: string[];
}

export function editableRule(rule: Json): RuleEditable | undefined {
  const kind = ruleKind(rule.kind);
  if (!kind) return undefined;
  const parsed = kind.params.safeParse(rule);
  if (!parsed.success) return undefined;
  const names = new Set(kind.inputsOf(parsed.data as never));
  const inputs = new Set<string>();
  const elementInputs = new Map<string, Set<string>>();
  for (const [key, value] of Object.entries(rule)) {
    if (typeof value === 'string' && names.has(value)) inputs.add(key);
    if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) {
      const keys = new Set<string>();
      for (const element of value) {
        for (const [k, v] of Object.entries(element as Json)) if (typeof v === 'string' && names.has(v)) keys.add(k);
      }
      if (keys.size) elementInputs.set(key, keys);
    }
  }
  const editable = (ruleKeys(kind) ?? Object.keys(rule)).filter((k) => k !== 'kind' && !inputs.has(k));
  return { kind, inputs, elementInputs, editable };
}

/** The rule as an override writes it: the editable parameters, array elements without their input names. */
export function editableParams(rule: Json): Json {
  const e = editableRule(rule);
  if (!e) return {};
  const out: Json = {};
  for (const key of e.editable) {
    if (!(key in rule)) continue;
    const keys = e.elementInputs.get(key);
    const value = rule[key];
    out[key] = keys && Array.isArray(value) ? value.map((el) => Object.fromEntries(Object.entries(el as Json).filter(([k]) => !keys.has(k)))) : value;
  }
  return out;
}
