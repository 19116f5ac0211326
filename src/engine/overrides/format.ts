import { z } from 'zod';
import { targetsSchema } from '../targets/schema';

/**
 * An override file: a shipped scheme (`extends`) and only what a region changes. Keys starting with `$` are
 * comments (`$schema` tells an editor where the JSON Schema is) and are dropped before anything is checked.
 *
 * - `weights`: 分值 by indicator id; for a target-table scheme also the execution line's id (`exec`) and the
 *   一级指标 names of the target table (`产出指标`). Group (二级) and level weights follow from them.
 * - `grades`: the lowest total (含) of each grade, highest first; the base scheme's lowest grade (差) is what
 *   lies below the last one, unless the last is given with 0.
 * - `params`: a rule's parameters by indicator id, except its kind and the inputs it reads. Arrays whose elements
 *   name inputs (checklist `items`, weighted `parts`) are given element by element in the same order, without
 *   the input names: `"items": [{ "points": 2 }, …]`. Other arrays (`tiers`) replace the base's whole.
 * - `targets`: the target table's parameters: `execution.base`, `inverse`, `overshoot`, `bands` (each key
 *   optional) and `cap` (replaces the base's list).
 * - `wording`: an indicator's `name`, `criteria` (评价标准) and `note` (备注), by id.
 */

/** An id names a scheme in files, workbooks and commands: no spaces or characters a file name cannot hold. */
export const schemeId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\s\\/:*?"<>|]+$/, 'scheme id');

const t = targetsSchema.shape;

export const targetsOverrideSchema = z
  .object({
    execution: t.execution.pick({ base: true }).partial().strict().optional(),
    inverse: t.inverse.optional(),
    overshoot: t.overshoot.partial().strict().optional(),
    bands: t.bands.partial().strict().optional(),
    cap: t.cap.optional(),
  })
  .strict();

const text = z.string().min(1);

export const overrideSchema = z
  .object({
    extends: z.string().min(1),
    id: schemeId,
    version: z.string().min(1).max(40),
    title: text.optional(),
    basis: text.optional(),
    weights: z.record(z.string(), z.number().positive()).optional(),
    grades: z.record(z.string().min(1).max(10), z.number().min(0)).optional(),
    params: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    targets: targetsOverrideSchema.optional(),
    wording: z.record(z.string(), z.object({ name: text, criteria: z.string(), note: z.string() }).partial().strict()).optional(),
  })
  .strict();

export type OverrideData = z.infer<typeof overrideSchema>;

/** The keys of an override file, in the order `scheme new` writes them. */
export const OVERRIDE_KEYS = Object.keys(overrideSchema.shape);

/** The data without its comments: every key starting with `$`, at any depth. */
export function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  // defined, not assigned: a key "__proto__" stays a key (and is then refused as unknown)
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) Object.defineProperty(out, k, { value: withoutComments(v), enumerable: true, writable: true, configurable: true });
  return out;
}

/** An override names its base; a scheme file has its inputs and indicators itself. */
export function isOverride(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && 'extends' in data;
}
