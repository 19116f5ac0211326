/**
 * A worksheet part scanned, not parsed: the rows of <sheetData> are indexed by their start and end on first
 * use (one pass of indexOf), and only the rows and cells asked for are looked at. Nothing of a sheet is
 * turned into objects beyond those.
 */
import type { Budget } from './limits';
import { columnNumber } from './refs';
import { tagEnd } from './xml';

export interface RowSpan {
  r: number;
  start: number;
  /** just past the start tag */
  open: number;
  /** where </row> starts (= open when empty) */
  close: number;
  end: number;
  empty: boolean;
  tag: string;
}

export interface CellSpan {
  row: number;
  col: number;
  start: number;
  open: number;
  close: number;
  end: number;
  empty: boolean;
  tag: string;
}

/** A child element of a cell (v, f, is): where its content lies. */
export interface Child {
  start: number;
  tag: string;
  open: number;
  close: number;
  end: number;
  empty: boolean;
}

const R_ATTR = /\sr\s*=\s*["']([^"']*)["']/;

function isNameEnd(c: number): boolean {
  return c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13;
}

export class SheetXml {
  /** <sheetData>'s content, or an empty range at its self-closing tag */
  readonly dataOpen: number;
  readonly dataClose: number;
  /** the self-closing <sheetData/> tag, when that is what the sheet has */
  readonly dataEmptyTag: { start: number; end: number } | null;
  /** the rows scanned so far, in document order; scanning goes on only as far as a question needs */
  private readonly spans: RowSpan[] = [];
  private scanAt: number;
  private scanned = false;
  /** row numbers ascending so far (as every spreadsheet program writes them) */
  private ascending = true;
  private byRow: Map<number, RowSpan> | null = null;
  private cursor = 0;
  private readonly cellCache = new Map<RowSpan, CellSpan[]>();

  constructor(
    readonly xml: string,
    readonly prefix: string,
    private readonly budget: Budget,
  ) {
    const p = prefix;
    const open = xml.indexOf(`<${p}sheetData`);
    this.scanAt = open < 0 ? -1 : 0;
    if (open < 0) {
      this.dataOpen = this.dataClose = -1;
      this.dataEmptyTag = null;
      this.scanned = true;
      return;
    }
    const end = tagEnd(xml, open);
    if (end < 0 || xml.charCodeAt(end - 2) === 47) {
      this.dataOpen = this.dataClose = end;
      this.dataEmptyTag = end < 0 ? null : { start: open, end };
      this.scanned = true;
      return;
    }
    this.dataOpen = end;
    this.scanAt = end;
    const close = xml.indexOf(`</${p}sheetData>`, end);
    this.dataClose = close < 0 ? xml.length : close;
    this.dataEmptyTag = null;
  }

  /** Scans one more row element; undefined at the end of <sheetData>. */
  private scanNext(): RowSpan | undefined {
    if (this.scanned) return undefined;
    const { xml } = this;
    const tag = `<${this.prefix}row`;
    let at = xml.indexOf(tag, this.scanAt);
    while (at >= 0 && at < this.dataClose && !isNameEnd(xml.charCodeAt(at + tag.length))) at = xml.indexOf(tag, at + tag.length);
    const open = at >= 0 && at < this.dataClose ? tagEnd(xml, at) : -1;
    if (open < 0) {
      this.scanned = true;
      return undefined;
    }
    if ((this.spans.length & 255) === 0) this.budget.check();
    const startTag = xml.slice(at, open);
    const last = this.spans.length ? this.spans[this.spans.length - 1].r : 0;
    const m = R_ATTR.exec(startTag);
    const r = m ? Number(m[1]) : last + 1;
    if (r <= last) this.ascending = false;
    let span: RowSpan;
    if (xml.charCodeAt(open - 2) === 47) {
      span = { r, start: at, open, close: open, end: open, empty: true, tag: startTag };
    } else {
      const endTag = `</${this.prefix}row>`;
      let close = xml.indexOf(endTag, open);
      if (close < 0 || close > this.dataClose) close = this.dataClose;
      span = { r, start: at, open, close, end: Math.min(close + endTag.length, this.dataClose), empty: false, tag: startTag };
    }
    this.spans.push(span);
    this.scanAt = span.end;
    return span;
  }

  /** Scans on while the last row scanned is numbered below `r` (rows ascending), or to the end. */
  private scanTo(r: number): void {
    while (!this.scanned && this.ascending && (this.spans.length === 0 || this.spans[this.spans.length - 1].r < r)) this.scanNext();
    if (!this.ascending) while (this.scanNext());
  }

  /** Every row element in document order (rows without r numbered after the one before, as Excel does). */
  rows(): RowSpan[] {
    while (this.scanNext());
    return this.spans;
  }

  row(r: number): RowSpan | undefined {
    this.scanTo(r);
    if (this.ascending) {
      const i = this.lowerBound(r);
      return this.spans[i]?.r === r ? this.spans[i] : undefined;
    }
    if (!this.byRow) {
      this.byRow = new Map();
      for (const row of this.rows()) if (!this.byRow.has(row.r)) this.byRow.set(row.r, row);
    }
    return this.byRow.get(r);
  }

  /** The rows numbered top..bottom that the sheet has. */
  rowsIn(top: number, bottom: number): RowSpan[] {
    this.scanTo(bottom + 1);
    if (!this.ascending) return this.spans.filter((s) => s.r >= top && s.r <= bottom);
    const out: RowSpan[] = [];
    for (let i = this.lowerBound(top); i < this.spans.length && this.spans[i].r <= bottom; i++) out.push(this.spans[i]);
    return out;
  }

  /** The first row (in document order) numbered above r: where a new row r goes. */
  rowAfter(r: number): RowSpan | undefined {
    this.scanTo(r + 1);
    return this.spans.find((s) => s.r > r);
  }

  /** The row whose element contains position `at`; for positions visited in increasing order. */
  rowAt(at: number): RowSpan | undefined {
    for (;;) {
      while (this.cursor < this.spans.length && this.spans[this.cursor].end <= at) this.cursor++;
      if (this.cursor < this.spans.length) return this.spans[this.cursor].start <= at ? this.spans[this.cursor] : undefined;
      if (!this.scanNext()) return undefined;
    }
  }

  private lowerBound(r: number): number {
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid].r < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** The cells of a row in document order (cells without r numbered after the one before). */
  cells(row: RowSpan): CellSpan[] {
    const cached = this.cellCache.get(row);
    if (cached) return cached;
    const cells: CellSpan[] = [];
    if (!row.empty) {
      const { xml } = this;
      const tag = `<${this.prefix}c`;
      const endTag = `</${this.prefix}c>`;
      let lastCol = 0;
      let at = xml.indexOf(tag, row.open);
      while (at >= 0 && at < row.close) {
        if (!isNameEnd(xml.charCodeAt(at + tag.length))) {
          at = xml.indexOf(tag, at + tag.length);
          continue;
        }
        if ((cells.length & 1023) === 1023) this.budget.check();
        const open = tagEnd(xml, at);
        if (open < 0 || open > row.close) break;
        const startTag = xml.slice(at, open);
        const m = R_ATTR.exec(startTag);
        const col = m ? columnNumber(m[1].replace(/[0-9$]+/g, '')) || lastCol + 1 : lastCol + 1;
        lastCol = col;
        let cell: CellSpan;
        if (xml.charCodeAt(open - 2) === 47) {
          cell = { row: row.r, col, start: at, open, close: open, end: open, empty: true, tag: startTag };
        } else {
          let close = xml.indexOf(endTag, open);
          if (close < 0 || close > row.close) close = row.close;
          cell = { row: row.r, col, start: at, open, close, end: Math.min(close + endTag.length, row.close), empty: false, tag: startTag };
        }
        cells.push(cell);
        at = xml.indexOf(tag, cell.end);
      }
    }
    this.cellCache.set(row, cells);
    return cells;
  }

  cell(r: number, c: number): CellSpan | undefined {
    const row = this.row(r);
    return row && this.cells(row).find((cell) => cell.col === c);
  }

  /** The first child element `local` of a cell (v, f, is). */
  child(cell: CellSpan, local: string): Child | undefined {
    if (cell.empty) return undefined;
    const { xml } = this;
    const tag = `<${this.prefix}${local}`;
    let at = xml.indexOf(tag, cell.open);
    while (at >= 0 && at < cell.close) {
      if (isNameEnd(xml.charCodeAt(at + tag.length))) {
        const open = tagEnd(xml, at);
        if (open < 0 || open > cell.close) return undefined;
        if (xml.charCodeAt(open - 2) === 47) return { start: at, tag: xml.slice(at, open), open, close: open, end: open, empty: true };
        const endTag = `</${this.prefix}${local}>`;
        const close = xml.indexOf(endTag, open);
        if (close < 0 || close > cell.close) return undefined;
        return { start: at, tag: xml.slice(at, open), open, close, end: close + endTag.length, empty: false };
      }
      at = xml.indexOf(tag, at + tag.length);
    }
    return undefined;
  }
}
