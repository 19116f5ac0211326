/**
 * An .xlsx opened from bytes with hard bounds (limits.ts): only [Content_Types].xml, the relationships, the
 * workbook, and — when a cell asks for them — one worksheet at a time, the shared strings and the styles are
 * inflated; of a worksheet only the rows and cells asked for are looked at. Reads defined names (workbook- or
 * sheet-scoped) as scalars or 2-D ranges with their sheet and top-left cell.
 */
import { strFromU8 } from 'fflate';
import { damaged, encrypted, notXlsx, ods, PackageError, tooLarge, xlsb } from './errors';
import { Budget, limitsOf, type PackageLimits } from './limits';
import { contentTypeOf, isType, parseContentTypes, parseRelationships, relsPartOf, type ContentTypes, type Relationship } from './opc';
import { cellAddress, MAX_COL, MAX_ROW, parseNameRef, type Area } from './refs';
import { SheetXml, type CellSpan } from './sheet';
import { richText, SharedStrings } from './strings';
import { Decimal } from '../../engine/decimal';
import { dateStyles, percentStyles } from './styles';
import { parseWorkbookPart, type DefinedNameEntry, type SheetState, type WorkbookPart } from './workbookPart';
import { decodeXString, decodeXml, partText, rootOf } from './xml';
import { ZipReader, type ZipEntry } from './zip';

/** What a cell holds as read: a formula's cached result, rich text as its plain text, an error as its text (#DIV/0!). */
export type CellValue = number | string | boolean | Date | null;

export interface SheetInfo {
  name: string;
  /** position in the workbook (what localSheetId counts) */
  index: number;
  state: SheetState;
  /** the worksheet part, or null for a chart sheet, a dialog sheet or a sheet whose part is missing */
  part: string | null;
}

/** A defined name followed to its cells. */
export interface NamedRange extends Area {
  name: string;
  /** the sheet a sheet-scoped name belongs to; null for a workbook-wide name */
  scope: string | null;
  /** the sheet as the name's formula spells it (may be gone: "#REF", or a sheet since deleted) */
  sheet: string;
}

/** A named range as read: where it is and what it holds. */
export interface NameRead {
  name: string;
  scope: string | null;
  sheet: SheetInfo;
  /** the top-left cell, e.g. "D8" */
  address: string;
  area: Area;
  values: CellValue[][];
}

const MAIN_TYPES: Record<string, { macros: boolean }> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': { macros: false },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml': { macros: false },
  'application/vnd.ms-excel.sheet.macroenabled.main+xml': { macros: true },
  'application/vnd.ms-excel.template.macroenabled.main+xml': { macros: true },
  'application/vnd.ms-excel.addin.macroenabled.main+xml': { macros: true },
};
const XLSB = 'application/vnd.ms-excel.sheet.binary.macroenabled.main';
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export class XlsxPackage {
  readonly zip: ZipReader;
  readonly limits: PackageLimits;
  readonly budget: Budget;
  readonly contentTypes: ContentTypes;
  /** the workbook part's name, e.g. xl/workbook.xml */
  readonly workbookPart: string;
  readonly workbookXml: string;
  readonly workbook: WorkbookPart;
  readonly workbookRels: Relationship[];
  readonly packageRels: Relationship[];
  readonly sheets: SheetInfo[];
  /** a macro-enabled workbook (.xlsm): written back it keeps its VBA and must keep its extension */
  readonly macroEnabled: boolean;
  private readonly sheetCache = new Map<string, SheetXml>();
  private strings?: SharedStrings | null;
  private dates?: Set<number>;
  private percents?: Map<number, number>;
  private readonly names = new Map<string, DefinedNameEntry[]>();

  private constructor(bytes: Uint8Array, limits: PackageLimits) {
    this.limits = limits;
    this.budget = new Budget(limits.timeBudgetMs);
    if (bytes.length >= 8 && OLE.every((b, i) => bytes[i] === b)) throw encrypted();
    this.zip = ZipReader.open(bytes, limits, this.budget);

    const rootRels = this.zip.get('_rels/.rels');
    const types = this.zip.get('[Content_Types].xml');
    if (!rootRels || !types) {
      if (this.isOds()) throw ods();
      throw notXlsx();
    }
    this.contentTypes = parseContentTypes(this.text(types));
    this.packageRels = parseRelationships(this.text(rootRels), '');
    const office = this.packageRels.find((r) => !r.external && isType(r, 'officeDocument'));
    const entry = office && this.zip.get(office.target);
    if (!office || !entry) throw notXlsx();
    const type = (contentTypeOf(this.contentTypes, office.target) ?? '').toLowerCase();
    if (type === XLSB) throw xlsb();
    this.workbookPart = entry.name;
    this.workbookXml = this.text(entry);
    const main = MAIN_TYPES[type];
    // a generic type is tolerated when the part really is a workbook (some generators leave out the override)
    if (!main && !(type === 'application/xml' && rootOf(this.workbookXml).local === 'workbook')) throw notXlsx();
    this.macroEnabled = !!main?.macros;
    this.workbook = parseWorkbookPart(this.workbookXml);
    const rels = this.zip.get(relsPartOf(this.workbookPart));
    this.workbookRels = rels ? parseRelationships(this.text(rels), this.workbookPart) : [];
    this.sheets = this.workbook.sheets.map((s, index) => {
      const rel = this.workbookRels.find((r) => r.id === s.rId);
      const part = rel && !rel.external && isType(rel, 'worksheet') && this.zip.get(rel.target) ? this.zip.get(rel.target)!.name : null;
      return { name: s.name, index, state: s.state, part };
    });
    if (this.sheets.length === 0) throw notXlsx();
    for (const n of this.workbook.names) {
      const key = n.name.toLowerCase();
      const list = this.names.get(key);
      if (list) list.push(n);
      else this.names.set(key, [n]);
    }
  }

  /** Opens an .xlsx (or .xlsm); throws PackageError with one Chinese line for anything else. */
  static open(bytes: Uint8Array, limits?: Partial<PackageLimits>): XlsxPackage {
    try {
      return new XlsxPackage(bytes, limitsOf(limits));
    } catch (err) {
      throw asPackageError(err);
    }
  }

  /** A fresh time budget for the next operation on an open package (reading the inputs, writing back). */
  renewBudget(): void {
    this.budget.renew();
  }

  /** A part's text (inflated within the limits); undefined if the package has no such part. */
  partText(name: string): string | undefined {
    const entry = this.zip.get(name);
    return entry && this.text(entry);
  }

  private text(entry: ZipEntry): string {
    return partText(this.zip.read(entry));
  }

  private isOds(): boolean {
    const mimetype = this.zip.get('mimetype');
    if (!mimetype || mimetype.size > 200) return false;
    return /^application\/vnd\.oasis\.opendocument\.spreadsheet/.test(strFromU8(this.zip.read(mimetype), true));
  }

  // ---- sheets and names ----

  /** A sheet by name, compared as Excel does (case-insensitively). */
  sheet(name: string): SheetInfo | undefined {
    const wanted = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === wanted);
  }

  /** Every defined name as written in the workbook (all scopes, including ones that point nowhere). */
  definedNames(): readonly DefinedNameEntry[] {
    return this.workbook.names;
  }

  /**
   * A defined name followed to its first area: the workbook-wide one, or with `scope` the one that sheet
   * holds (falling back to the workbook-wide one, as a formula on that sheet would). Null when the name does
   * not exist or refers to no cells (#REF!, a constant, a formula).
   */
  name(name: string, scope?: string): NamedRange | null {
    const list = this.names.get(name.toLowerCase());
    if (!list) return null;
    let found: DefinedNameEntry | undefined;
    if (scope !== undefined) {
      const sheet = this.sheet(scope);
      if (sheet) found = list.find((n) => n.localSheetId === sheet.index);
    }
    found ??= list.find((n) => n.localSheetId === null);
    if (!found) return null;
    const ref = parseNameRef(found.formula);
    if (!ref) return null;
    const scopeSheet = found.localSheetId === null ? null : (this.sheets[found.localSheetId]?.name ?? null);
    return { name: found.name, scope: scopeSheet, ...ref };
  }

  /** The sheets that hold a sheet-scoped definition of a name (a project sheet each, for instance). */
  scopesOf(name: string): SheetInfo[] {
    const list = this.names.get(name.toLowerCase()) ?? [];
    return list.filter((n) => n.localSheetId !== null).map((n) => this.sheets[n.localSheetId!]).filter((s): s is SheetInfo => !!s);
  }

  /**
   * A defined name's cells: its sheet as the workbook has it, its top-left cell, and the values of its area
   * (rows × columns, cut to what exists beyond maxAreaCells). Null when the name points at no cells or at a
   * sheet that is gone (name() and sheet() tell which).
   */
  readName(name: string, scope?: string): NameRead | null {
    const range = this.name(name, scope);
    const sheet = range && this.sheet(range.sheet);
    if (!range || !sheet) return null;
    const area = { top: range.top, left: range.left, bottom: range.bottom, right: range.right };
    return { name: range.name, scope: range.scope, sheet, address: cellAddress(range.left, range.top), area, values: this.readArea(sheet, area) };
  }

  /** A defined name's top-left cell and its value (a scalar input). */
  readScalar(name: string, scope?: string): { sheet: SheetInfo; address: string; value: CellValue } | null {
    const range = this.name(name, scope);
    const sheet = range && this.sheet(range.sheet);
    if (!range || !sheet) return null;
    return { sheet, address: cellAddress(range.left, range.top), value: this.readCell(sheet, range.top, range.left) };
  }

  // ---- cells ----

  /** The scanned XML of a worksheet (inflated on first use). */
  sheetXml(sheet: SheetInfo): SheetXml | null {
    if (!sheet.part) return null;
    let xml = this.sheetCache.get(sheet.part);
    if (!xml) {
      const text = this.partText(sheet.part) ?? '';
      xml = new SheetXml(text, rootOf(text).prefix, this.budget);
      this.sheetCache.set(sheet.part, xml);
    }
    return xml;
  }

  /** One cell's value; `asShown`: a number formatted as a percentage as the text it shows (0.95 → "95%"). */
  readCell(sheet: SheetInfo, row: number, col: number, asShown = false): CellValue {
    const xml = this.sheetXml(sheet);
    const cell = xml?.cell(row, col);
    return xml && cell ? this.valueOf(sheet, xml, cell, asShown) : null;
  }

  /**
   * The values of an area, rows × columns from its top-left cell. An area larger than maxAreaCells (a name
   * over a whole sheet) is cut to the cells that exist within it; if those still exceed it, PackageError.
   */
  readArea(sheet: SheetInfo, area: Area, asShown = false): CellValue[][] {
    const xml = this.sheetXml(sheet);
    let { bottom, right } = area;
    const { top, left } = area;
    const max = this.limits.maxAreaCells;
    const cellsOf = (b: number, r: number) => (b - top + 1) * (r - left + 1);
    if (xml && cellsOf(bottom, right) > max) {
      // the extent of what exists: cells with a value inside the area
      let lastRow = top - 1;
      let lastCol = left - 1;
      for (const row of xml.rowsIn(top, bottom)) {
        for (const cell of xml.cells(row)) {
          if (cell.col < left || cell.col > right || cell.empty) continue;
          if (!xml.child(cell, 'v') && !xml.child(cell, 'is')) continue;
          lastRow = Math.max(lastRow, row.r);
          lastCol = Math.max(lastCol, cell.col);
        }
      }
      bottom = Math.max(top, lastRow);
      right = Math.max(left, lastCol);
    } else if (!xml) {
      bottom = Math.min(bottom, top);
      right = Math.min(right, left);
    }
    if (cellsOf(bottom, right) > max) {
      throw tooLarge(`工作表“${sheet.name}”的区域 ${cellAddress(left, top)}:${cellAddress(area.right, area.bottom)} 超过 ${max} 个单元格`);
    }
    const out: CellValue[][] = [];
    for (let r = top; r <= bottom; r++) out.push(new Array<CellValue>(right - left + 1).fill(null));
    if (!xml) return out;
    for (const row of xml.rowsIn(top, bottom)) {
      for (const cell of xml.cells(row)) {
        if (cell.col < left || cell.col > right) continue;
        out[row.r - top][cell.col - left] = this.valueOf(sheet, xml, cell, asShown);
      }
    }
    return out;
  }

  /**
   * The value a cell holds: typed as its t attribute says, dates by its style; with `asShown`, a number formatted
   * as a percentage is the text it shows (a cell formatted 0% holds 0.9473 where the officer sees 95%).
   */
  valueOf(sheet: SheetInfo, xml: SheetXml, cell: CellSpan, asShown = false): CellValue {
    if (cell.empty) return null;
    const t = /\st\s*=\s*["']([^"']*)["']/.exec(cell.tag)?.[1] ?? 'n';
    const where = () => `${sheet.name}!${cellAddress(cell.col, cell.row)}`;
    if (t === 'inlineStr') {
      const is = xml.child(cell, 'is');
      return is && !is.empty ? this.checked(richText(xml.xml, is.open, is.close, xml.prefix), where) : is ? '' : this.vText(xml, cell, where);
    }
    const v = xml.child(cell, 'v');
    if (!v) return null;
    const raw = v.empty ? '' : xml.xml.slice(v.open, v.close);
    switch (t) {
      case 's': {
        const text = this.sharedStrings()?.get(Number(raw.trim()));
        return text === undefined ? null : this.checked(text, where);
      }
      case 'str':
        return this.checked(decodeXString(decodeXml(raw)), where);
      case 'e':
        return decodeXml(raw).trim();
      case 'b': {
        const b = raw.trim();
        return b === '1' || b.toLowerCase() === 'true';
      }
      case 'd': {
        const d = new Date(decodeXml(raw).trim());
        return Number.isNaN(d.getTime()) ? decodeXml(raw) : d;
      }
      default: {
        const text = raw.trim();
        if (text === '') return null;
        const n = Number(text);
        if (!Number.isFinite(n)) return this.checked(decodeXml(raw), where);
        const s = /\ss\s*=\s*["'](\d+)["']/.exec(cell.tag);
        if (s && this.dateStyles().has(Number(s[1]))) return excelDate(n, this.workbook.date1904);
        if (asShown && s) {
          const decimals = this.percentStyles().get(Number(s[1]));
          if (decimals !== undefined) return `${new Decimal(n).times(100).toFixed(decimals)}%`;
        }
        return n;
      }
    }
  }

  private vText(xml: SheetXml, cell: CellSpan, where: () => string): CellValue {
    const v = xml.child(cell, 'v');
    return v ? this.checked(decodeXString(decodeXml(v.empty ? '' : xml.xml.slice(v.open, v.close))), where) : null;
  }

  private checked(text: string, where: () => string): string {
    if (text.length > this.limits.maxTextChars) {
      throw new PackageError('too-large', `单元格 ${where()} 的文字过长（超过 ${this.limits.maxTextChars} 个字符）`);
    }
    return text;
  }

  /** A string of the shared strings table by its index (a cell of type s holds the index). */
  sharedString(index: number): string | undefined {
    return this.sharedStrings()?.get(index);
  }

  /** The styles part's text (xl/styles.xml), or undefined when the package has none. */
  stylesXml(): string | undefined {
    const rel = this.workbookRels.find((r) => !r.external && isType(r, 'styles'));
    return rel ? this.partText(rel.target) : undefined;
  }

  private sharedStrings(): SharedStrings | null {
    if (this.strings === undefined) {
      const rel = this.workbookRels.find((r) => !r.external && isType(r, 'sharedStrings'));
      const text = rel ? this.partText(rel.target) : undefined;
      this.strings = text === undefined ? null : new SharedStrings(text, rootOf(text).prefix, this.budget);
    }
    return this.strings;
  }

  private percentStyles(): Map<number, number> {
    if (!this.percents) {
      const rel = this.workbookRels.find((r) => !r.external && isType(r, 'styles'));
      const text = rel ? this.partText(rel.target) : undefined;
      this.percents = text === undefined ? new Map() : percentStyles(text);
    }
    return this.percents;
  }

  private dateStyles(): Set<number> {
    if (!this.dates) {
      const rel = this.workbookRels.find((r) => !r.external && isType(r, 'styles'));
      const text = rel ? this.partText(rel.target) : undefined;
      this.dates = text === undefined ? new Set() : dateStyles(text);
    }
    return this.dates;
  }

  /** The document's description (docProps/core.xml dc:description), where the 报送版 keeps its sync record. */
  description(): string | null {
    const rel = this.packageRels.find((r) => !r.external && isType(r, 'core-properties'));
    const xml = rel && this.partText(rel.target);
    if (!xml) return null;
    const m = /<([\w.-]+:)?description(?:\s[^>]*)?>([\s\S]*?)<\/([\w.-]+:)?description>/.exec(xml);
    return m ? decodeXml(m[2]) : null;
  }
}

/** A date serial as exceljs reads it: UTC midnight-based, 1900 or 1904 date system. */
export function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

export function dateSerial(d: Date, date1904: boolean): number {
  return 25569 + d.getTime() / (24 * 3600 * 1000) - (date1904 ? 1462 : 0);
}

/** Anything thrown while reading a package, as the one-line PackageError the callers show. */
export function asPackageError(err: unknown): PackageError {
  if (err instanceof PackageError) return err;
  if (err instanceof RangeError && /memory|allocation|Invalid (typed )?array length|Invalid string length/i.test(err.message)) {
    return tooLarge('超出可读取的范围');
  }
  return damaged();
}

export { MAX_COL, MAX_ROW };
