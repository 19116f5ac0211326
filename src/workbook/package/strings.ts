/**
 * Cell text: the shared strings table (indexed once, each string decoded only when a cell asks for it) and
 * the runs of rich or inline text, phonetic guides left out.
 */
import type { Budget } from './limits';
import { decodeXString, decodeXml } from './xml';

/** The plain text of an <si> or <is> element's content: its <t> texts in order, without <rPh> phonetic runs. */
export function richText(xml: string, from: number, to: number, prefix: string): string {
  const t = `<${prefix}t`;
  const tEnd = `</${prefix}t>`;
  const rPh = `<${prefix}rPh`;
  const rPhEnd = `</${prefix}rPh>`;
  let out = '';
  let at = from;
  for (;;) {
    const next = xml.indexOf(t, at);
    if (next < 0 || next >= to) break;
    const ph = xml.indexOf(rPh, at);
    if (ph >= 0 && ph < next) {
      const skip = xml.indexOf(rPhEnd, ph);
      at = skip < 0 ? to : skip + rPhEnd.length;
      continue;
    }
    const after = xml.charCodeAt(next + t.length);
    // <t>, <t xml:space="preserve">, <t/> — not <tabColor> or the like
    if (after !== 62 && after !== 32 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
      at = next + t.length;
      continue;
    }
    const open = xml.indexOf('>', next);
    if (open < 0 || open >= to) break;
    if (xml.charCodeAt(open - 1) === 47) {
      at = open + 1;
      continue;
    }
    const close = xml.indexOf(tEnd, open);
    if (close < 0 || close > to) break;
    out += xml.slice(open + 1, close);
    at = close + tEnd.length;
  }
  return decodeXString(decodeXml(out));
}

export class SharedStrings {
  private offsets: Int32Array | null = null;
  private count = 0;
  private readonly cache = new Map<number, string>();

  constructor(
    private readonly xml: string,
    private readonly prefix: string,
    private readonly budget: Budget,
  ) {}

  /** The text of entry `index`, or undefined when there is no such entry. */
  get(index: number): string | undefined {
    const cached = this.cache.get(index);
    if (cached !== undefined) return cached;
    const offsets = this.index();
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const start = offsets[index];
    const endTag = `</${this.prefix}si>`;
    const open = this.xml.indexOf('>', start);
    let text = '';
    if (this.xml.charCodeAt(open - 1) !== 47) {
      const close = this.xml.indexOf(endTag, open);
      text = richText(this.xml, open + 1, close < 0 ? this.xml.length : close, this.prefix);
    }
    this.cache.set(index, text);
    return text;
  }

  private index(): Int32Array {
    if (this.offsets) return this.offsets;
    const si = `<${this.prefix}si`;
    let offsets = new Int32Array(1024);
    let n = 0;
    for (let at = this.xml.indexOf(si); at >= 0; at = this.xml.indexOf(si, at + si.length)) {
      const c = this.xml.charCodeAt(at + si.length);
      if (c !== 62 && c !== 32 && c !== 47 && c !== 9 && c !== 10 && c !== 13) continue;
      if (n === offsets.length) {
        const grown = new Int32Array(n * 2);
        grown.set(offsets);
        offsets = grown;
        this.budget.check();
      }
      offsets[n++] = at;
    }
    this.count = n;
    this.offsets = offsets;
    return offsets;
  }
}
