/** The Open Packaging Conventions around the parts: content types and relationships. */
import { attr, elements } from './xml';

export interface Relationship {
  id: string;
  type: string;
  /** the target resolved to a part name without leading slash; for external targets, as written */
  target: string;
  external: boolean;
}

/** The relationships part that belongs to a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relative target resolved against the folder of the part that holds the relationship. */
export function resolveTarget(source: string, target: string): string {
  const t = target.split('#')[0];
  const parts = t.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of t.replace(/^\/+/, '').split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(safeDecode(seg));
  }
  return parts.join('/');
}

function safeDecode(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

/** A target written for a relationship from `source` to `part` (both part names). */
export function relativeTarget(source: string, part: string): string {
  const from = source.split('/').slice(0, -1);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

export function parseRelationships(xml: string, source: string): Relationship[] {
  const out: Relationship[] = [];
  for (const e of elements(xml, 'Relationship')) {
    const id = attr(e.tag, 'Id');
    const type = attr(e.tag, 'Type');
    const target = attr(e.tag, 'Target');
    if (!id || !type || target === undefined) continue;
    const external = attr(e.tag, 'TargetMode') === 'External';
    out.push({ id, type, target: external ? target : resolveTarget(source, target), external });
  }
  return out;
}

/** Relationship types end the same in transitional and strict OOXML: ".../worksheet". */
export function isType(rel: Relationship, kind: string): boolean {
  return rel.type.endsWith(`/${kind}`);
}

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

export function parseContentTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const e of elements(xml, 'Default')) {
    const ext = attr(e.tag, 'Extension');
    const type = attr(e.tag, 'ContentType');
    if (ext && type) defaults.set(ext.toLowerCase(), type);
  }
  for (const e of elements(xml, 'Override')) {
    const part = attr(e.tag, 'PartName');
    const type = attr(e.tag, 'ContentType');
    if (part && type) overrides.set(part.replace(/^\/+/, '').toLowerCase(), type);
  }
  return { defaults, overrides };
}

export function contentTypeOf(types: ContentTypes, part: string): string | undefined {
  const key = part.toLowerCase();
  const override = types.overrides.get(key);
  if (override) return override;
  const dot = key.lastIndexOf('.');
  return dot >= 0 ? types.defaults.get(key.slice(dot + 1)) : undefined;
}
