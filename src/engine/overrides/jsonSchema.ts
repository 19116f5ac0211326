import { z } from 'zod';
import { ruleKinds } from '../rules';
import { schemeFileSchemas } from '../scheme';
import { sheetKinds } from '../sheets';
import { overrideSchema } from './format';
import { KEY_LABELS } from './labels';
import { editableRule, objectOf, ruleParam } from './ruleShape';
import type { SchemeLibrary } from './validate';

type JsonSchema = Record<string, unknown>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A zod schema as JSON Schema (draft-07), for the constructs the scheme files use. What zod checks in code
 * (refinements, transforms) has no JSON Schema counterpart and is left to `jixiao scheme check`.
 */
export function toJsonSchema(type: z.ZodTypeAny): JsonSchema {
  const def = type._def as Json;
  if (type instanceof z.ZodObject) {
    const shape = type.shape as Record<string, z.ZodTypeAny>;
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [key, value] of Object.entries(shape)) {
      properties[key] = described(toJsonSchema(value), key);
      if (!value.isOptional()) required.push(key);
    }
    return {
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      additionalProperties: def.unknownKeys === 'strict' ? false : def.catchall instanceof z.ZodNever ? true : toJsonSchema(def.catchall),
    };
  }
  if (type instanceof z.ZodString) {
    const out: JsonSchema = { type: 'string' };
    for (const c of def.checks as Json[]) {
      if (c.kind === 'min') out.minLength = c.value;
      if (c.kind === 'max') out.maxLength = c.value;
      if (c.kind === 'regex') out.pattern = (c.regex as RegExp).source;
    }
    return out;
  }
  if (type instanceof z.ZodNumber) {
    const out: JsonSchema = { type: 'number' };
    for (const c of def.checks as Json[]) {
      if (c.kind === 'int') out.type = 'integer';
      if (c.kind === 'min') out[c.inclusive ? 'minimum' : 'exclusiveMinimum'] = c.value;
      if (c.kind === 'max') out[c.inclusive ? 'maximum' : 'exclusiveMaximum'] = c.value;
    }
    return out;
  }
  if (type instanceof z.ZodBoolean) return { type: 'boolean' };
  if (type instanceof z.ZodEnum) return { type: 'string', enum: [...(def.values as string[])] };
  if (type instanceof z.ZodLiteral) return { const: def.value };
  if (type instanceof z.ZodArray) {
    const out: JsonSchema = { type: 'array', items: toJsonSchema(def.type) };
    if (def.exactLength) out.minItems = out.maxItems = def.exactLength.value;
    if (def.minLength) out.minItems = def.minLength.value;
    if (def.maxLength) out.maxItems = def.maxLength.value;
    return out;
  }
  if (type instanceof z.ZodOptional || type instanceof z.ZodNullable) return toJsonSchema(def.innerType);
  if (type instanceof z.ZodDefault) return { ...toJsonSchema(def.innerType), default: def.defaultValue() };
  if (type instanceof z.ZodUnion) return { anyOf: (def.options as z.ZodTypeAny[]).map(toJsonSchema) };
  if (type instanceof z.ZodDiscriminatedUnion) return { oneOf: [...(def.options as z.ZodTypeAny[])].map(toJsonSchema) };
  if (type instanceof z.ZodRecord) {
    const keys = toJsonSchema(def.keyType);
    const constrained = Object.keys(keys).some((k) => k !== 'type');
    return { type: 'object', additionalProperties: toJsonSchema(def.valueType), ...(constrained ? { propertyNames: keys } : {}) };
  }
  if (type instanceof z.ZodEffects) return def.schema instanceof z.ZodUnknown ? {} : toJsonSchema(def.schema);
  return {};
}

function described(schema: JsonSchema, key: string): JsonSchema {
  const label = KEY_LABELS[key];
  return label && !('$ref' in schema) ? { description: label, ...schema } : schema;
}

/** A rule's parameters as a whole scheme writes them: the kind's own schema, no other keys. */
function ruleSchema(kind: string): JsonSchema {
  const schema = toJsonSchema(ruleKinds[kind].params as unknown as z.ZodTypeAny);
  return { ...schema, additionalProperties: false };
}

/** The JSON Schema of a whole scheme file: the validation's own schemas, rules and sheets by their kinds. */
function wholeSchema(): JsonSchema {
  const s = toJsonSchema(schemeFileSchemas.scheme) as Json;
  s.properties.inputs.items = { anyOf: [toJsonSchema(schemeFileSchemas.input), toJsonSchema(schemeFileSchemas.table)] };
  const sheets = toJsonSchema(schemeFileSchemas.sheetsLayout) as Json;
  sheets.properties.sheets.items = { oneOf: Object.values(sheetKinds).map((k) => toJsonSchema(k.params as unknown as z.ZodTypeAny)) };
  s.properties.layout = { description: '工作表版式', anyOf: [toJsonSchema(schemeFileSchemas.legacyLayout), sheets] };
  s.properties.indicators.items.properties.rule = { description: '计分方法及其参数', oneOf: Object.keys(ruleKinds).map(ruleSchema) };
  return { ...s, patternProperties: { '^\\$': {} } };
}

/** What an override of one indicator's rule may hold: the editable parameters, the inputs only as they are. */
function paramsSchema(rule: Json): JsonSchema {
  const e = editableRule(rule);
  if (!e) return {};
  const properties: Record<string, JsonSchema> = { kind: { const: rule.kind } };
  for (const key of e.inputs) properties[key] = { const: rule[key] };
  for (const key of e.editable) {
    const param = ruleParam(e.kind, key);
    if (!param) continue;
    const inputs = e.elementInputs.get(key);
    const element = inputs ? objectOf((toArray(param) ?? param) as z.ZodTypeAny) : undefined;
    if (inputs && element) {
      const fields: Record<string, JsonSchema> = {};
      for (const [k, v] of Object.entries(element.shape as Record<string, z.ZodTypeAny>)) fields[k] = inputs.has(k) ? { type: 'string' } : described(toJsonSchema(v), k);
      const n = (rule[key] as unknown[]).length;
      properties[key] = described({ type: 'array', minItems: n, maxItems: n, items: { type: 'object', properties: fields, additionalProperties: false } }, key);
    } else properties[key] = described(toJsonSchema(param), key);
  }
  return { type: 'object', properties, additionalProperties: false };
}

function toArray(t: z.ZodTypeAny): z.ZodTypeAny | undefined {
  let x: z.ZodTypeAny = t;
  while (x instanceof z.ZodOptional || x instanceof z.ZodDefault) x = x._def.innerType;
  return x instanceof z.ZodArray ? (x._def.type as z.ZodTypeAny) : undefined;
}

/** The override schema, and for each shipped base the ids, weights and parameters it has, for completion. */
function overrideJsonSchema(library: SchemeLibrary): JsonSchema {
  const o = toJsonSchema(overrideSchema) as Json;
  o.properties.extends = { ...o.properties.extends, enum: library.ids() };
  const cases = library.ids().map((id) => {
    const base = library.data(id) as Json;
    const indicators = (base.indicators ?? []) as Json[];
    const t = base.targets as Json | undefined;
    const weights: Record<string, JsonSchema> = {};
    const params: Record<string, JsonSchema> = {};
    const wording: Record<string, JsonSchema> = {};
    for (const i of indicators) {
      const about = `${i.level1}/${i.level2}/${i.name}`;
      weights[i.id] = { description: `${about}（原分值${i.weight}）`, type: 'number', exclusiveMinimum: 0 };
      params[i.id] = { description: about, ...paramsSchema(i.rule) };
      wording[i.id] = { description: about, ...(o.properties.wording.additionalProperties as JsonSchema) };
    }
    if (t) {
      weights[t.execution.id] = { description: `${t.execution.name}（原分值${t.execution.weight}）`, type: 'number', exclusiveMinimum: 0 };
      for (const l of t.levels as Json[]) weights[l.name] = { description: `绩效目标表一级指标（原分值${l.weight}）`, type: 'number', exclusiveMinimum: 0 };
    }
    const then: Json = {
      properties: {
        weights: { type: 'object', properties: weights, additionalProperties: false },
        params: indicators.length ? { type: 'object', properties: params, additionalProperties: false } : false,
        wording: indicators.length ? { type: 'object', properties: wording, additionalProperties: false } : false,
        ...(t ? {} : { targets: false }),
      },
    };
    return { if: { properties: { extends: { const: id } }, required: ['extends'] }, then };
  });
  return { ...o, patternProperties: { '^\\$': {} }, allOf: cases };
}

/**
 * The JSON Schema shipped beside the schemes (templates/scheme.schema.json): an override file when it has
 * `extends`, else a whole scheme. Made from the validation code and the shipped schemes; `npm run build` writes it
 * and a test fails when the committed copy differs.
 */
export function schemeJsonSchema(library: SchemeLibrary): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'jixiao 评分方案文件',
    description: '覆盖文件（写 extends，只写与内置方案不同之处）或完整的评分方案。用 jixiao scheme check 文件 检查。',
    if: { required: ['extends'] },
    then: { $ref: '#/definitions/override' },
    else: { $ref: '#/definitions/scheme' },
    definitions: { override: overrideJsonSchema(library), scheme: wholeSchema() },
  };
}

/** The file's text: two-space indented, a final newline. */
export function schemeJsonSchemaText(library: SchemeLibrary): string {
  return `${JSON.stringify(schemeJsonSchema(library), null, 2)}\n`;
}
