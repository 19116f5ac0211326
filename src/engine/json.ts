import type { Scheme } from './scheme';
import type { Finding, RawValue } from './types';

/**
 * The inputs of an `--inputs` JSON object: values as a cell could hold them (a nested object becomes its text,
 * which the engine then reports), a table's rows in field order whether written as arrays or as objects keyed by
 * field name. Keys the scheme does not know, and fields a table does not have, are reported (a typo would
 * otherwise go unseen); keys starting with $ are comments.
 */
export function inputsFromJson(scheme: Scheme, data: Record<string, unknown>): { values: Record<string, RawValue>; findings: Finding[] } {
  const known = new Set(scheme.inputs.map((i) => i.name));
  const tables = new Map(scheme.tables.map((t) => [t.name, t]));
  const values: Record<string, RawValue> = {};
  const findings: Finding[] = [];
  for (const [key, value] of Object.entries(data)) {
    const table = tables.get(key);
    if (table && Array.isArray(value)) {
      const fields = table.fields.map((f) => f.name);
      const unknown = new Set<string>();
      values[key] = value.map((row) => {
        if (Array.isArray(row) || typeof row !== 'object' || row === null) return rawValue(row);
        const record = row as Record<string, unknown>;
        for (const k of Object.keys(record)) if (!fields.includes(k) && !k.startsWith('$')) unknown.add(k);
        return fields.map((f) => rawValue(record[f]));
      });
      for (const k of unknown) {
        findings.push({
          severity: 'warning',
          code: 'unknown_input',
          message: `${table.label}中的“${k}”不是它的列（可用：${fields.join('、')}），已忽略`,
          inputs: [key],
        });
      }
    } else if (known.has(key) || table) values[key] = rawValue(value);
    else if (!key.startsWith('$')) {
      findings.push({
        severity: 'warning',
        code: 'unknown_input',
        message: `输入中的“${key}”不是评分方案 ${scheme.id} 的输入名称，已忽略`,
        inputs: [key],
      });
    }
  }
  return { values, findings };
}

/** JSON values as a cell could hold them: a nested object becomes its text, which the engine then reports. */
function rawValue(value: unknown): RawValue {
  if (Array.isArray(value)) return value.map(rawValue);
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value as RawValue;
  return JSON.stringify(value) ?? null;
}
