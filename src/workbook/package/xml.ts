/**
 * Just enough XML for the parts of an .xlsx: scanning by index (no DOM of a whole part), entity and
 * `_xHHHH_` decoding, and escaping for what is written back. A part with a document type declaration is
 * refused outright: it is how entity bombs and external entities arrive, and no spreadsheet writes one.
 */
import { strFromU8 } from 'fflate';
import { refusedXml } from './errors';

/** TextDecoder where there is one (twice as fast as fflate's own decoder); fflate's where not (jsdom). */
const utf8 = typeof TextDecoder === 'function' ? new TextDecoder('utf-8') : null;

/** A part's text, refused when it declares a document type. */
export function partText(bytes: Uint8Array): string {
  const text = utf8 ? utf8.decode(bytes) : strFromU8(bytes);
  const doctype = text.indexOf('<!');
  if (doctype >= 0 && /<!DOCTYPE|<!ENTITY/i.test(text)) throw refusedXml();
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text or an attribute value as XML means it: entities resolved, line ends normalised. */
export function decodeXml(text: string): string {
  let s = text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text;
  if (s.indexOf('&') < 0) return s;
  s = s.replace(ENTITY, (_, e: string) => {
    if (e[0] !== '#') return NAMED[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
  return s;
}

/** Spreadsheet text: Excel writes characters XML cannot hold (and a literal "_x…_") as `_xHHHH_`. */
export function decodeXString(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A cell's text for the XML of a part: `_xHHHH_` for what XML cannot hold, then the five entities. */
export function encodeXString(text: string): string {
  let s = text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  // C0 controls other than tab and line feed, CR (a parser would turn it into a line feed), U+FFFE/FFFF and lone surrogates
  // eslint-disable-next-line no-control-regex -- these characters are what is being escaped
  s = s.replace(/[\u0000-\u0008\u000b-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) =>
    `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
  return escapeText(s);
}

export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttr(text: string): string {
  return text.replace(/[&<>"\n\r\t]/g, (c) => ATTR_ESCAPES[c]);
}

const ATTR_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };

/** The index just past the `>` that closes the tag starting at `start` (quotes respected); -1 if unclosed. */
export function tagEnd(xml: string, start: number): number {
  let quote = 0;
  for (let i = start + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return i + 1;
    }
  }
  return -1;
}

const ATTR = /([^\s=/<>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Every attribute of a start tag by its qualified name, values decoded. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(tag); m; m = ATTR.exec(tag)) out.set(m[1], decodeXml(m[2] ?? m[3] ?? ''));
  return out;
}

/** One attribute of a start tag, by local name whatever its prefix ("id" finds r:id); undefined if absent. */
export function attr(tag: string, local: string): string | undefined {
  for (const [name, value] of attributes(tag)) {
    const colon = name.indexOf(':');
    if ((colon < 0 ? name : name.slice(colon + 1)) === local && name !== 'xmlns' && !name.startsWith('xmlns:')) return value;
  }
  return undefined;
}

/** A start tag with one attribute set (added at the end when absent), everything else kept as written. */
export function withAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  const v = `"${escapeAttr(value)}"`;
  if (re.test(tag)) return tag.replace(re, (_, lead: string) => `${lead}${v}`);
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close)} ${name}=${v}${tag.slice(close)}`;
}

/** A start tag without one attribute. */
export function withoutAttr(tag: string, name: string): string {
  return tag.replace(new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("[^"]*"|'[^']*')`), '');
}

/** An element found by scanning: its start tag, where its content starts and ends, and where it ends. */
export interface Element {
  start: number;
  /** the start tag's text */
  tag: string;
  /** just past the start tag */
  open: number;
  /** where the end tag starts (= open for an empty element) */
  close: number;
  /** just past the element */
  end: number;
  empty: boolean;
}

/**
 * The elements of one local name (any prefix) in xml[from, to), in order; `</name>` is looked up plainly,
 * so this is for elements that do not nest in themselves (every element this layer reads).
 */
export function* elements(xml: string, local: string, from = 0, to = xml.length): Generator<Element> {
  const re = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}(?=[\\s/>])`, 'g');
  re.lastIndex = from;
  for (let m = re.exec(xml); m && m.index < to; m = re.exec(xml)) {
    const start = m.index;
    const open = tagEnd(xml, start);
    if (open < 0) return;
    const tag = xml.slice(start, open);
    if (tag.endsWith('/>')) {
      yield { start, tag, open, close: open, end: open, empty: true };
      re.lastIndex = open;
      continue;
    }
    const endTag = `</${m[1] ?? ''}${local}>`;
    const close = xml.indexOf(endTag, open);
    if (close < 0) return;
    const end = close + endTag.length;
    yield { start, tag, open, close, end, empty: false };
    re.lastIndex = end;
  }
}

/** The first element of a local name, or undefined. */
export function firstElement(xml: string, local: string, from = 0, to = xml.length): Element | undefined {
  for (const e of elements(xml, local, from, to)) return e;
  return undefined;
}

/** The root element's start tag and the prefix its name carries ("" or "x:"). */
export function rootOf(xml: string): { tag: string; prefix: string; local: string; start: number; open: number } {
  const re = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?=[\s/>])/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const open = tagEnd(xml, m.index);
    if (open < 0) break;
    return { tag: xml.slice(m.index, open), prefix: m[1] ?? '', local: m[2], start: m.index, open };
  }
  return { tag: '', prefix: '', local: '', start: 0, open: 0 };
}

/** The prefix a namespace is bound to on a start tag ("r:" for xmlns:r="…"), "" for the default, null if unbound. */
export function prefixFor(tag: string, namespace: string): string | null {
  for (const [name, value] of attributes(tag)) {
    if (value !== namespace) continue;
    if (name === 'xmlns') return '';
    if (name.startsWith('xmlns:')) return `${name.slice(6)}:`;
  }
  return null;
}
