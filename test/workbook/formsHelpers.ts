import * as fs from 'fs';
import * as path from 'path';
import { getScheme, inputsFromJson } from '../../src/engine';
import type { RawValue, Scheme } from '../../src/engine';

export const ROOT = path.resolve(__dirname, '../..');
export const project = getScheme('project-2020');
export const dept2020 = getScheme('dept-2020');

/** An --inputs JSON file of the repository, read as one form's values (tables as rows in field order). */
export function valuesOf(scheme: Scheme, file: string, changes: Record<string, unknown> = {}): Record<string, RawValue> {
  const data = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;
  const { values, findings } = inputsFromJson(scheme, { ...data, ...changes });
  if (findings.length) throw new Error(findings.map((f) => f.message).join('\n'));
  return values;
}

/** The worked example of spec/perf-2020.md (project-2020), a fresh copy each call. */
export const projectExample = (changes: Record<string, unknown> = {}) => valuesOf(project, 'templates/samples/project-2020-example.json', changes);

/** The dept-2020 sample, a fresh copy each call. */
export const deptExample = (changes: Record<string, unknown> = {}) => valuesOf(dept2020, 'templates/samples/dept-2020-example.json', changes);

/** Top-left row of an A1 range ("A16:K37" → 16). */
export const topRow = (range: string) => Number(/\d+/.exec(range)![0]);
/** Last row of an A1 range ("A16:K37" → 37). */
export const bottomRow = (range: string) => Number(/(\d+)$/.exec(range)![1]);
