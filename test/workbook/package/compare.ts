/**
 * What a write-back may change in a package, checked part by part, independently of the code under test
 * (plain regular expressions over the XML): parts it does not own keep their uncompressed bytes; in a
 * worksheet only the <c> elements of the cells it owns change, and the rows holding them only in height.
 */
import { strFromU8, unzipSync } from 'fflate';

export interface Owned {
  /** sheet part → cells ("D8") whose <c> element may change */
  cells: Map<string, Set<string>>;
  /** parts that may change in the places the caller then checks itself (workbook.xml, content types, rels) */
  parts?: Set<string>;
  /** parts that may appear (the sync sheet made anew) */
  added?: Set<string>;
  /** parts that may go (calcChain.xml) */
  removed?: Set<string>;
}

const ROW = /<(?:\w+:)?row\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?row>)/g;
const CELL = /<(?:\w+:)?c\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?c>)/g;

function rowsOf(xml: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of xml.match(ROW) ?? []) out.set(Number(/\sr="(\d+)"/.exec(m)![1]), m);
  return out;
}

function cellsOf(row: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of row.match(CELL) ?? []) out.set(/\sr="([A-Z]+\d+)"/.exec(m)![1], m);
  return out;
}

const rowTag = (row: string) => /^<(?:\w+:)?row\b[^>]*?\/?>/.exec(row)![0].replace(/\s(ht|customHeight)="[^"]*"/g, '').replace(/\/>$/, '>');

/** Every difference between two packages that `owned` does not allow, as readable lines (empty: none). */
export function unownedChanges(before: Uint8Array, after: Uint8Array, owned: Owned): string[] {
  const a = unzipSync(before);
  const b = unzipSync(after);
  const problems: string[] = [];
  for (const name of Object.keys(a)) {
    if (!(name in b)) {
      if (!owned.removed?.has(name)) problems.push(`${name}: missing after`);
      continue;
    }
    if (Buffer.compare(Buffer.from(a[name]), Buffer.from(b[name])) === 0) continue;
    const cells = owned.cells.get(name);
    if (!cells) {
      if (!owned.parts?.has(name)) problems.push(`${name}: changed`);
      continue;
    }
    const xa = strFromU8(a[name]);
    const xb = strFromU8(b[name]);
    const strip = (x: string) => x.replace(/<(\w+:)?sheetData>[\s\S]*<\/(?:\w+:)?sheetData>/, '<$1sheetData/>');
    if (strip(xa) !== strip(xb)) problems.push(`${name}: changed outside <sheetData>`);
    const ra = rowsOf(xa);
    const rb = rowsOf(xb);
    for (const r of new Set([...ra.keys(), ...rb.keys()])) {
      const rowA = ra.get(r);
      const rowB = rb.get(r);
      if (rowA === rowB) continue;
      const ca = rowA ? cellsOf(rowA) : new Map<string, string>();
      const cb = rowB ? cellsOf(rowB) : new Map<string, string>();
      let ownedChange = false;
      for (const ref of new Set([...ca.keys(), ...cb.keys()])) {
        if (ca.get(ref) === cb.get(ref)) continue;
        if (cells.has(ref)) ownedChange = true;
        else problems.push(`${name}!${ref}: ${ca.get(ref) ?? '(none)'} → ${cb.get(ref) ?? '(none)'}`);
      }
      if (rowA && rowB) {
        const tagA = /^<(?:\w+:)?row\b[^>]*?\/?>/.exec(rowA)![0].replace(/\s*\/>$/, '>');
        const tagB = /^<(?:\w+:)?row\b[^>]*?\/?>/.exec(rowB)![0].replace(/\s*\/>$/, '>');
        if (rowTag(rowA) !== rowTag(rowB)) problems.push(`${name} row ${r}: ${tagA} → ${tagB}`);
        else if (tagA !== tagB && !ownedChange) problems.push(`${name} row ${r}: height changed without a cell of ours (${tagA} → ${tagB})`);
      }
    }
  }
  for (const name of Object.keys(b)) if (!(name in a) && !owned.added?.has(name)) problems.push(`${name}: added`);
  return problems;
}

/** Where a workbook-scoped defined name points, read with plain regular expressions: its sheet's part and cell. */
export function nameCell(bytes: Uint8Array, name: string): { part: string; cell: string } | null {
  const parts = unzipSync(bytes, { filter: (f) => /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels)$/.test(f.name) });
  const wb = strFromU8(parts['xl/workbook.xml']);
  const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']);
  const def = new RegExp(`<(?:\\w+:)?definedName\\b(?=[^>]*\\sname="${name}")(?![^>]*localSheetId)[^>]*>([^<]*)<`).exec(wb);
  if (!def) return null;
  const text = def[1].replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)/.exec(text);
  if (!m) return null;
  const sheet = new RegExp(`<(?:\\w+:)?sheet [^>]*name="${m[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*\\b\\w+:id="([^"]+)"`).exec(wb);
  if (!sheet) return null;
  const rel = new RegExp(`<Relationship [^>]*Id="${sheet[1]}"[^>]*Target="([^"]+)"`).exec(rels) ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${sheet[1]}"`).exec(rels);
  if (!rel) return null;
  return { part: `xl/${rel[1].replace(/^\/?xl\//, '')}`, cell: `${m[2]}${m[3]}` };
}

/** The cells of a worksheet part that hold a formula, with the formula's text (entities resolved). */
export function formulaCells(bytes: Uint8Array, part: string): Map<string, string> {
  const xml = strFromU8(unzipSync(bytes, { filter: (f) => f.name === part })[part]);
  const out = new Map<string, string>();
  for (const c of xml.match(/<(?:\w+:)?c\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?c>)/g) ?? []) {
    const f = /<(?:\w+:)?f\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/.exec(c);
    if (!f) continue;
    out.set(/\sr="([A-Z]+\d+)"/.exec(c)![1], (f[1] ?? '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  }
  return out;
}
