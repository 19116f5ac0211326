/**
 * The tables of a Word document (.docx) as grids: each w:tbl, with its cells placed on the table's grid columns
 * (w:gridBefore, w:gridSpan), vertical merges (w:vMerge) and the old horizontal ones (w:hMerge) as merged
 * ranges, and a cell's paragraphs joined by line breaks. Read with the package layer's bounds: the zip and its
 * parts are limited as for an .xlsx, the document is scanned within the time budget, and a table or a cell text
 * beyond the limits is cut (the grid says so).
 */
import { strFromU8 } from 'fflate';
import { PackageError } from '../../workbook/package/errors';
import { Budget, limitsOf, type PackageLimits } from '../../workbook/package/limits';
import { isType, parseRelationships } from '../../workbook/package/opc';
import { asPackageError } from '../../workbook/package/package';
import { attr, decodeXml, partText, prefixFor, rootOf, tagEnd } from '../../workbook/package/xml';
import { ZipReader } from '../../workbook/package/zip';
import type { Grid, GridCell, Merge } from './types';

const W_NAMESPACES = ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** tables read from one document */
const MAX_TABLES = 1000;
/** paragraphs kept before a table as its context */
const BEFORE = 3;

const notDocx = (): PackageError => new PackageError('not-xlsx', '不是有效的 .docx 文件');

/** A .docx's main document part, or PackageError with one Chinese line. */
export function documentXml(bytes: Uint8Array, limits?: Partial<PackageLimits>): { xml: string; limits: PackageLimits; budget: Budget } {
  const lim = limitsOf(limits);
  const budget = new Budget(lim.timeBudgetMs);
  try {
    if (bytes.length >= 8 && OLE.every((b, i) => bytes[i] === b)) throw new PackageError('encrypted', '文件已加密或为旧版 .doc，请在 Word/WPS 中另存为 .docx');
    const zip = ZipReader.open(bytes, lim, budget);
    const rootRels = zip.get('_rels/.rels');
    if (!rootRels) {
      const mimetype = zip.get('mimetype');
      if (mimetype && mimetype.size < 200 && /opendocument\.text/.test(strFromU8(zip.read(mimetype), true))) {
        throw new PackageError('ods', '这是 OpenDocument 文档（.odt），请在 WPS 或 LibreOffice 中另存为 .docx');
      }
      throw notDocx();
    }
    const office = parseRelationships(partText(zip.read(rootRels)), '').find((r) => !r.external && isType(r, 'officeDocument'));
    const entry = office && zip.get(office.target);
    if (!entry) throw notDocx();
    const xml = partText(zip.read(entry));
    if (rootOf(xml).local !== 'document') throw notDocx();
    return { xml, limits: lim, budget };
  } catch (err) {
    if (err instanceof PackageError) throw err;
    throw asPackageError(err);
  }
}

/** Every table of a .docx as a grid, in document order (nested tables too, each its own). */
export function gridsOfDocx(bytes: Uint8Array, limits?: Partial<PackageLimits>): Grid[] {
  const { xml, limits: lim, budget } = documentXml(bytes, limits);
  try {
    return new DocumentScan(xml, lim, budget).tables();
  } catch (err) {
    throw asPackageError(err);
  }
}

interface CellDraft {
  span: number;
  vMerge: 'restart' | 'continue' | null;
  hMerge: 'restart' | 'continue' | null;
  paras: string[];
}

interface RowDraft {
  gridBefore: number;
  cells: CellDraft[];
}

interface TableDraft {
  index: number;
  rows: RowDraft[];
  before: string[];
  /** the cell open in this table, while one is */
  cell: CellDraft | null;
  truncated: boolean;
}

class DocumentScan {
  private readonly w: string;
  private readonly grids: (Grid | undefined)[] = [];
  private readonly stack: TableDraft[] = [];
  /** the last paragraphs outside any table (a table's title is usually just before it) */
  private readonly recent: string[] = [];
  private para: string | null = null;
  private cellChars = 0;

  constructor(
    private readonly xml: string,
    private readonly limits: PackageLimits,
    private readonly budget: Budget,
  ) {
    const root = rootOf(xml);
    let prefix: string | null = null;
    for (const ns of W_NAMESPACES) prefix ??= prefixFor(root.tag, ns);
    this.w = prefix ?? 'w:';
  }

  tables(): Grid[] {
    const { xml, w } = this;
    let i = xml.indexOf('<');
    let n = 0;
    while (i >= 0) {
      if ((++n & 4095) === 0) this.budget.check();
      if (xml.startsWith('<!--', i)) {
        const e = xml.indexOf('-->', i);
        i = e < 0 ? -1 : xml.indexOf('<', e + 3);
        continue;
      }
      if (xml.startsWith('<?', i) || xml.startsWith('<![CDATA[', i)) {
        const e = xml.indexOf('>', i);
        i = e < 0 ? -1 : xml.indexOf('<', e + 1);
        continue;
      }
      const end = tagEnd(xml, i);
      if (end < 0) break;
      const tag = xml.slice(i, end);
      const closing = tag[1] === '/';
      const name = /^<\/?([^\s/>]+)/.exec(tag)?.[1] ?? '';
      const empty = tag.endsWith('/>');
      let next = end;
      if (name === 'mc:Fallback' && !closing && !empty) {
        // the same content again, for readers without the Choice: read once
        const e = xml.indexOf('</mc:Fallback>', end);
        next = e < 0 ? xml.length : e;
      } else if (name === `${w}txbxContent` && !closing && !empty) {
        const e = xml.indexOf(`</${w}txbxContent>`, end);
        next = e < 0 ? xml.length : e;
      } else if (name.startsWith(w)) {
        next = this.element(name.slice(w.length), tag, closing, empty, end);
      }
      i = xml.indexOf('<', next);
    }
    // tables left open by a truncated document still count
    while (this.stack.length) this.closeTable();
    return this.grids.filter((g): g is Grid => !!g);
  }

  /** Handles one tag of the w: namespace; returns where scanning goes on. */
  private element(local: string, tag: string, closing: boolean, empty: boolean, end: number): number {
    const table = this.stack[this.stack.length - 1];
    switch (local) {
      case 'tbl':
        if (closing) this.closeTable();
        else if (!empty) this.openTable();
        break;
      case 'tr':
        if (!closing && table) {
          if (table.rows.length * 64 >= this.limits.maxAreaCells) table.truncated = true;
          else table.rows.push({ gridBefore: 0, cells: [] });
        }
        break;
      case 'gridBefore': {
        const row = table?.rows[table.rows.length - 1];
        if (row && !table.cell) row.gridBefore = Math.min(64, Math.max(0, Number(attr(tag, 'val')) || 0));
        break;
      }
      case 'tc':
        if (!table) break;
        if (closing) {
          table.cell = null;
        } else {
          const row = table.rows[table.rows.length - 1];
          if (!row || table.truncated) break;
          const cell: CellDraft = { span: 1, vMerge: null, hMerge: null, paras: [] };
          if (row.cells.length < 64) row.cells.push(cell);
          table.cell = empty ? null : cell;
          this.cellChars = 0;
        }
        break;
      case 'gridSpan':
        if (table?.cell) table.cell.span = Math.min(64, Math.max(1, Number(attr(tag, 'val')) || 1));
        break;
      case 'vMerge':
        if (table?.cell) table.cell.vMerge = attr(tag, 'val') === 'restart' ? 'restart' : 'continue';
        break;
      case 'hMerge':
        if (table?.cell) table.cell.hMerge = attr(tag, 'val') === 'restart' ? 'restart' : 'continue';
        break;
      case 'p':
        if (closing) this.closeParagraph();
        else if (empty) {
          this.para = '';
          this.closeParagraph();
        } else if (this.para === null) this.para = '';
        break;
      case 't':
        if (!closing && !empty) {
          const close = this.xml.indexOf(`</${this.w}t>`, end);
          const stop = close < 0 ? this.xml.length : close;
          if (this.para !== null) this.para += decodeXml(this.xml.slice(end, stop));
          return stop;
        }
        break;
      case 'tab':
      case 'ptab':
        if (this.para !== null && !closing) this.para += ' ';
        break;
      case 'br':
      case 'cr':
        if (this.para !== null && !closing) this.para += '\n';
        break;
      case 'noBreakHyphen':
        if (this.para !== null && !closing) this.para += '-';
        break;
      case 'delText':
      case 'instrText':
        if (!closing && !empty) {
          const close = this.xml.indexOf(`</${this.w}${local}>`, end);
          return close < 0 ? this.xml.length : close;
        }
        break;
      default:
        break;
    }
    return end;
  }

  private closeParagraph(): void {
    const text = this.para;
    this.para = null;
    if (text === null) return;
    const table = this.stack[this.stack.length - 1];
    if (table) {
      if (!table.cell) return;
      const room = this.limits.maxTextChars - this.cellChars;
      if (room <= 0) {
        table.truncated = true;
        return;
      }
      const kept = text.length > room ? text.slice(0, room) : text;
      if (kept.length < text.length) table.truncated = true;
      table.cell.paras.push(kept);
      this.cellChars += kept.length + 1;
      return;
    }
    const t = text.trim();
    if (t === '') return;
    this.recent.push(t.length > 200 ? t.slice(0, 200) : t);
    if (this.recent.length > BEFORE) this.recent.shift();
  }

  private openTable(): void {
    const index = this.grids.length;
    if (index >= MAX_TABLES) throw new PackageError('too-large', `文件过大：表格超过 ${MAX_TABLES} 个，请删去不需要的内容后另存再试`);
    this.grids.push(undefined);
    // the paragraphs before a nested table are those of its cell so far
    const outer = this.stack[this.stack.length - 1];
    const before = outer?.cell ? outer.cell.paras.filter((p) => p.trim() !== '').slice(-BEFORE) : this.recent.slice();
    this.stack.push({ index, rows: [], before, cell: null, truncated: false });
    if (!outer) this.recent.length = 0;
    this.para = null;
  }

  private closeTable(): void {
    const t = this.stack.pop();
    if (!t) return;
    this.grids[t.index] = buildGrid(t);
    this.para = null;
  }
}

/** A table's rows placed on its grid columns, merges made into ranges. */
function buildGrid(t: TableDraft): Grid | undefined {
  let cols = 0;
  for (const row of t.rows) cols = Math.max(cols, row.gridBefore + row.cells.reduce((s, c) => s + c.span, 0));
  const rows = t.rows.length;
  if (!rows || !cols) return undefined;
  const cells: (GridCell | null)[][] = Array.from({ length: rows }, () => new Array<GridCell | null>(cols).fill(null));
  const merges: Merge[] = [];
  /** the merge (or single cell) whose top-left is at each column of the row above, for vertical merges */
  let above: (Merge | null)[] = new Array(cols).fill(null);
  t.rows.forEach((row, r) => {
    const here: (Merge | null)[] = new Array(cols).fill(null);
    let c = row.gridBefore;
    let last: Merge | null = null;
    for (const cell of row.cells) {
      if (c >= cols) break;
      const right = Math.min(cols - 1, c + cell.span - 1);
      if (cell.hMerge === 'continue' && last && last.top === r) {
        // the old horizontal merge: this cell widens the one before
        last.right = right;
        c = right + 1;
        continue;
      }
      if (cell.vMerge === 'continue' && above[c] && above[c]!.right === right) {
        const m = above[c]!;
        m.bottom = r;
        here[c] = m;
        last = m;
      } else {
        const m: Merge = { top: r, left: c, bottom: r, right };
        merges.push(m);
        here[c] = m;
        last = m;
        const text = cell.paras
          .map((p) => p.replace(/[ \t\u00a0]+$/g, ''))
          .join('\n')
          .replace(/^\n+|\n+$/g, '');
        if (text.trim() !== '') cells[r][c] = { text, value: text };
      }
      c = right + 1;
    }
    above = here;
  });
  return {
    source: 'table',
    name: `表${t.index + 1}`,
    rows,
    cols,
    cells,
    merges: merges.filter((m) => m.bottom > m.top || m.right > m.left),
    ...(t.before.length ? { before: t.before } : {}),
    ...(t.truncated ? { truncated: true } : {}),
  };
}
