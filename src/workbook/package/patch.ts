/**
 * Writing back by patching: only the <c> elements of the cells written change (their style kept), the
 * cached results of the template's formula cells are refreshed, rows grow for long texts, the workbook
 * recalculates on open, and a very hidden sheet can be added. Every other part of the package keeps its
 * bytes (copied compressed, as it was), and so does every other element of a part that changes.
 */
import { strToU8 } from 'fflate';
import { definedNameSplices, type NameEdit } from './definedNames';
import { PackageError } from './errors';
import { shiftFormula } from './formulas';
import { isType, relativeTarget, relsPartOf } from './opc';
import { dateSerial, type CellValue, type SheetInfo, type XlsxPackage } from './package';
import { cellAddress, parseArea, type Area } from './refs';
import type { CellSpan, RowSpan, SheetXml } from './sheet';
import type { SheetState } from './workbookPart';
import { attr, decodeXml, elements, encodeXString, escapeAttr, firstElement, prefixFor, rootOf, withAttr, withoutAttr } from './xml';
import { writeZip, type ZipOutput } from './zip';

/** Excel's highest row, in points. */
export const MAX_ROW_HEIGHT = 409;

export interface CellWrite {
  row: number;
  col: number;
  value: CellValue;
  /** grow the row when this text needs more lines than it has */
  fit?: boolean;
}

export interface SheetWrites {
  sheet: SheetInfo;
  cells: CellWrite[];
}

/** A sheet to hold cells: the existing one of that name (its state set), or a new worksheet. */
export interface EnsuredSheet {
  name: string;
  state: SheetState;
  cells: CellWrite[];
}

export interface PatchOptions {
  writes: SheetWrites[];
  /**
   * The cached result for a formula cell (its formula as written, without "=", on `sheet`), or undefined to
   * leave the cell alone; `fit` grows its row for a long text.
   */
  formulaResult?: (formula: string, sheet: SheetInfo) => { value: CellValue; fit?: boolean } | undefined;
  /** defined names to set or remove (sheet-scoped ones too, which exceljs cannot write) */
  names?: NameEdit[];
  ensure?: EnsuredSheet[];
  /** set calcPr fullCalcOnLoad, so that Excel recalculates everything when it opens the file */
  fullCalcOnLoad?: boolean;
  /** the height in points a text needs in a column `width` characters wide */
  rowHeight?: (text: string, width: number) => number;
}

type Edit =
  | { kind: 'value'; value: CellValue; fit: boolean }
  | { kind: 'formula'; value: CellValue; fit: boolean; formula: string };

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const WORKSHEET_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** exceljs and Excel assume this many characters for a column without a width */
const DEFAULT_WIDTH = 9;
/** calcPr comes before these in CT_Workbook */
const AFTER_CALCPR = ['oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];

/** The package with the writes applied, as the bytes of a new .xlsx. */
export function patchPackage(pkg: XlsxPackage, options: PatchOptions): Uint8Array {
  pkg.budget.check();
  const edits = new Map<string, { sheet: SheetInfo; rows: Map<number, Map<number, Edit>> }>();
  const editsOf = (sheet: SheetInfo) => {
    let e = edits.get(sheet.part!);
    if (!e) edits.set(sheet.part!, (e = { sheet, rows: new Map() }));
    return e.rows;
  };
  const put = (sheet: SheetInfo, w: CellWrite) => {
    const rows = editsOf(sheet);
    let cells = rows.get(w.row);
    if (!cells) rows.set(w.row, (cells = new Map()));
    cells.set(w.col, { kind: 'value', value: w.value, fit: !!w.fit });
  };
  for (const { sheet, cells } of options.writes) {
    if (!sheet.part) throw new PackageError('refused-write', `工作表“${sheet.name}”不是普通工作表，无法写入`);
    for (const w of cells) put(sheet, w);
  }

  // sheets to hold cells: written where they exist, created (very hidden) where not
  const created: { name: string; state: SheetState; cells: CellWrite[] }[] = [];
  const states = new Map<number, SheetState>();
  for (const e of options.ensure ?? []) {
    const sheet = pkg.sheet(e.name);
    if (sheet?.part) {
      if (sheet.state !== e.state) states.set(sheet.index, e.state);
      for (const w of e.cells) put(sheet, w);
    } else if (!sheet) {
      created.push(e);
    }
  }

  // cached results of formula cells, in every worksheet
  if (options.formulaResult) {
    for (const sheet of pkg.sheets) {
      const xml = sheet.part ? pkg.sheetXml(sheet) : null;
      if (!xml || xml.xml.indexOf(`<${xml.prefix}f`) < 0) continue;
      refreshFormulas(pkg, sheet, xml, options.formulaResult, () => editsOf(sheet));
    }
  }

  const replaced = new Map<string, Uint8Array>();
  let formulaOverwritten = false;
  for (const [part, { sheet, rows }] of edits) {
    if (rows.size === 0) continue;
    pkg.budget.check();
    const xml = pkg.sheetXml(sheet)!;
    const result = rewriteSheet(pkg, xml, rows, options.rowHeight);
    formulaOverwritten ||= result.formulaOverwritten;
    replaced.set(part, strToU8(result.xml));
  }

  // the workbook, its relationships and the content types, for what the workbook itself must say
  const wb = pkg.workbookPart;
  let workbookXml = pkg.workbookXml;
  const workbookEdits: Splice[] = [];
  const added: ZipOutput[] = [];
  const removed = new Set<string>();
  if (options.fullCalcOnLoad) workbookEdits.push(...calcPrEdit(workbookXml, pkg.workbook.prefix));
  if (options.names?.length) workbookEdits.push(...definedNameSplices(workbookXml, pkg.workbook.prefix, options.names));
  if (states.size) workbookEdits.push(...stateEdits(workbookXml, states));
  let relsXml: string | undefined;
  let typesXml: string | undefined;
  const relsPart = relsPartOf(wb);
  if (created.length) {
    relsXml = pkg.partText(relsPart) ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    typesXml = pkg.partText('[Content_Types].xml')!;
    const sheetsEl = firstElement(workbookXml, 'sheets');
    if (!sheetsEl) throw new PackageError('damaged', '工作簿结构不完整，无法写入');
    const relType = pkg.workbookRels.find((r) => isType(r, 'worksheet'))?.type ?? WORKSHEET_REL;
    const idAttr = sheetIdAttr(workbookXml, pkg.workbook.rootTag);
    let maxSheetId = Math.max(0, ...pkg.workbook.sheets.map((s) => s.sheetId));
    const usedIds = new Set(pkg.workbookRels.map((r) => r.id));
    const folder = wb.slice(0, wb.lastIndexOf('/') + 1);
    let sheetEls = '';
    let relEls = '';
    let typeEls = '';
    let n = 1;
    for (const e of created) {
      while (pkg.zip.get(`${folder}worksheets/sheet${n}.xml`) || added.some((a) => a.name === `${folder}worksheets/sheet${n}.xml`)) n++;
      const part = `${folder}worksheets/sheet${n}.xml`;
      let k = pkg.workbookRels.length + 1;
      while (usedIds.has(`rId${k}`)) k++;
      const id = `rId${k}`;
      usedIds.add(id);
      const p = pkg.workbook.prefix;
      sheetEls += `<${p}sheet name="${escapeAttr(e.name)}" sheetId="${++maxSheetId}"${e.state === 'visible' ? '' : ` state="${e.state}"`} ${idAttr.name}="${id}"${idAttr.declare}/>`;
      relEls += `<${rootOf(relsXml).prefix}Relationship Id="${id}" Type="${escapeAttr(relType)}" Target="${escapeAttr(relativeTarget(wb, part))}"/>`;
      typeEls += `<${rootOf(typesXml).prefix}Override PartName="/${escapeAttr(part)}" ContentType="${WORKSHEET_TYPE}"/>`;
      added.push({ name: part, data: strToU8(newSheetXml(pkg.workbook.namespace, e.cells, pkg.workbook.date1904)) });
    }
    workbookEdits.push(insertAt(workbookXml, sheetsEl, sheetEls));
    relsXml = appendBeforeClose(relsXml, 'Relationships', relEls);
    typesXml = appendBeforeClose(typesXml, 'Types', typeEls);
  }
  if (formulaOverwritten) {
    // a value where Excel's calculation chain lists a formula makes Excel report the file damaged: drop the chain, Excel rebuilds it
    const chain = pkg.workbookRels.find((r) => !r.external && isType(r, 'calcChain'));
    if (chain && pkg.zip.get(chain.target)) {
      removed.add(pkg.zip.get(chain.target)!.name);
      relsXml = removeRelationship(relsXml ?? pkg.partText(relsPart)!, chain.id);
      typesXml = removeOverride(typesXml ?? pkg.partText('[Content_Types].xml')!, chain.target);
    }
  }
  if (workbookEdits.length) workbookXml = splice(workbookXml, workbookEdits);

  const changed = new Map<string, Uint8Array>();
  for (const [part, data] of replaced) changed.set(part.toLowerCase(), data);
  if (workbookXml !== pkg.workbookXml) changed.set(wb.toLowerCase(), strToU8(workbookXml));
  if (relsXml !== undefined) changed.set(relsPart.toLowerCase(), strToU8(relsXml));
  if (typesXml !== undefined) changed.set('[content_types].xml', strToU8(typesXml));

  const outputs: ZipOutput[] = [];
  for (const entry of pkg.zip.entries) {
    if (removed.has(entry.name)) continue;
    const data = changed.get(entry.name.toLowerCase());
    outputs.push(data ? { name: entry.name, data, like: entry } : { name: entry.name, copy: entry });
  }
  if (!pkg.zip.get(relsPart) && relsXml !== undefined) outputs.push({ name: relsPart, data: strToU8(relsXml) });
  outputs.push(...added);
  pkg.budget.check();
  return writeZip(pkg.zip, outputs);
}

// ---- formula cells ----

function refreshFormulas(
  pkg: XlsxPackage,
  sheet: SheetInfo,
  xml: SheetXml,
  resultOf: NonNullable<PatchOptions['formulaResult']>,
  edits: () => Map<number, Map<number, Edit>>,
): void {
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  const fTag = `<${xml.prefix}f`;
  // from one formula to the next: rows without a formula are never looked at
  for (let at = xml.xml.indexOf(fTag, xml.dataOpen); at >= 0 && at < xml.dataClose; ) {
    const row = xml.rowAt(at);
    if (!row) break;
    pkg.budget.check();
    for (const cell of xml.cells(row)) {
      const f = xml.child(cell, 'f');
      if (!f) continue;
      let formula = f.empty ? '' : decodeXml(xml.xml.slice(f.open, f.close));
      if (attr(f.tag, 't') === 'shared') {
        const si = attr(f.tag, 'si') ?? '';
        if (formula) shared.set(si, { formula, row: row.r, col: cell.col });
        else {
          const master = shared.get(si);
          if (!master) continue;
          formula = shiftFormula(master.formula, row.r - master.row, cell.col - master.col);
        }
      }
      if (!formula) continue;
      const result = resultOf(formula, sheet);
      // a cell that already shows the result is left as it is
      if (!result || sameValue(cached(pkg, sheet, xml, cell), result.value)) continue;
      const rows = edits();
      let cells = rows.get(row.r);
      if (!cells) rows.set(row.r, (cells = new Map()));
      // a value written into the same cell wins (the officer's input replacing a formula)
      if (!cells.has(cell.col)) cells.set(cell.col, { kind: 'formula', value: result.value, fit: !!result.fit, formula });
    }
    at = xml.xml.indexOf(fTag, row.end);
  }
}

function cached(pkg: XlsxPackage, sheet: SheetInfo, xml: SheetXml, cell: CellSpan): CellValue | undefined {
  try {
    return pkg.valueOf(sheet, xml, cell);
  } catch {
    return undefined;
  }
}

function sameValue(a: CellValue | undefined, b: CellValue): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === b;
}

// ---- one worksheet ----

export interface Splice {
  start: number;
  end: number;
  text: string;
  /** among splices at the same place: lower first */
  order?: number;
}

export function splice(xml: string, edits: Splice[]): string {
  edits.sort((a, b) => a.start - b.start || (a.order ?? 0) - (b.order ?? 0));
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += xml.slice(at, e.start) + e.text;
    at = Math.max(at, e.end);
  }
  return out + xml.slice(at);
}

function rewriteSheet(
  pkg: XlsxPackage,
  xml: SheetXml,
  rows: Map<number, Map<number, Edit>>,
  rowHeight: PatchOptions['rowHeight'],
): { xml: string; formulaOverwritten: boolean } {
  const text = xml.xml;
  const p = xml.prefix;
  if (xml.dataOpen < 0) throw new PackageError('damaged', '工作表结构不完整（缺少 sheetData），无法写入');
  const geometry = new SheetGeometry(text, p);
  const date1904 = pkg.workbook.date1904;
  const splices: Splice[] = [];
  let formulaOverwritten = false;
  const newRows: { at: number; r: number; text: string }[] = [];

  for (const [r, cells] of [...rows].sort((a, b) => a[0] - b[0])) {
    const row = xml.row(r);
    const need = rowHeight ? neededHeight(r, cells, geometry, rowHeight) : 0;
    if (row) {
      const rebuilt = rebuildRow(xml, row, cells, need, geometry, date1904);
      formulaOverwritten ||= rebuilt.formulaOverwritten;
      splices.push({ start: row.start, end: row.end, text: rebuilt.text, order: 1 });
    } else {
      const next = xml.rowAfter(r);
      const at = next ? next.start : xml.dataClose;
      let out = `<${p}row r="${r}"${need > geometry.defaultHeight ? ` ht="${need}" customHeight="1"` : ''}>`;
      for (const [col, edit] of [...cells].sort((a, b) => a[0] - b[0])) {
        out += cellXml(p, undefined, col, r, edit, geometry.columnStyle(col), '', date1904);
      }
      newRows.push({ at, r, text: `${out}</${p}row>` });
    }
  }
  for (const n of newRows) splices.push({ start: n.at, end: n.at, text: n.text, order: 0 });
  if (xml.dataEmptyTag && newRows.length) {
    // <sheetData/>: open it up around the new rows
    const tag = text.slice(xml.dataEmptyTag.start, xml.dataEmptyTag.end);
    const rowsText = newRows.map((n) => n.text).join('');
    return { xml: text.slice(0, xml.dataEmptyTag.start) + `${tag.replace(/\s*\/>$/, '>')}${rowsText}</${p}sheetData>` + text.slice(xml.dataEmptyTag.end), formulaOverwritten };
  }
  return { xml: splice(text, splices), formulaOverwritten };
}

function neededHeight(row: number, cells: Map<number, Edit>, geometry: SheetGeometry, rowHeight: NonNullable<PatchOptions['rowHeight']>): number {
  let need = 0;
  for (const [col, edit] of cells) {
    if (!edit.fit || typeof edit.value !== 'string' || edit.value === '') continue;
    need = Math.max(need, rowHeight(edit.value, geometry.widthAt(col, row)));
  }
  return Math.min(need, MAX_ROW_HEIGHT);
}

function rebuildRow(
  xml: SheetXml,
  row: RowSpan,
  edits: Map<number, Edit>,
  need: number,
  geometry: SheetGeometry,
  date1904: boolean,
): { text: string; formulaOverwritten: boolean } {
  const text = xml.xml;
  const p = xml.prefix;
  let tag = row.tag;
  const current = Number(attr(tag, 'ht') ?? geometry.defaultHeight) || geometry.defaultHeight;
  if (need > current) tag = withAttr(withAttr(tag, 'ht', String(need)), 'customHeight', '1');
  const cells = xml.cells(row);
  const pending = [...edits.keys()].filter((c) => !cells.some((cell) => cell.col === c)).sort((a, b) => a - b);
  if (pending.length) {
    // spans is only a hint, but a wrong one is worse than none
    const spans = attr(tag, 'spans');
    const m = spans && /^(\d+):(\d+)$/.exec(spans);
    if (m && (pending[0] < Number(m[1]) || pending[pending.length - 1] > Number(m[2]))) tag = withoutAttr(tag, 'spans');
  }
  const rowStyle = attr(row.tag, 'customFormat') === '1' || attr(row.tag, 'customFormat') === 'true' ? attr(row.tag, 's') : undefined;
  const newCell = (col: number) => cellXml(p, undefined, col, row.r, edits.get(col)!, rowStyle ?? geometry.columnStyle(col), '', date1904);

  let out = row.empty ? tag.replace(/\s*\/>$/, '>') : tag;
  let at = row.open;
  let formulaOverwritten = false;
  for (const cell of cells) {
    out += row.empty ? '' : text.slice(at, cell.start);
    while (pending.length && pending[0] < cell.col) out += newCell(pending.shift()!);
    const edit = edits.get(cell.col);
    if (edit) {
      if (edit.kind === 'value' && xml.child(cell, 'f')) formulaOverwritten = true;
      out += cellXml(p, cell, cell.col, row.r, edit, undefined, edit.kind === 'formula' ? formulaElement(xml, cell) : '', date1904);
    } else {
      out += text.slice(cell.start, cell.end);
    }
    at = cell.end;
  }
  while (pending.length) out += newCell(pending.shift()!);
  out += row.empty ? `</${p}row>` : text.slice(at, row.end);
  return { text: out, formulaOverwritten };
}

function formulaElement(xml: SheetXml, cell: CellSpan): string {
  const f = xml.child(cell, 'f');
  return f ? xml.xml.slice(f.start, f.end) : '';
}

/** A <c> element for a value (or a formula with its new cached result), keeping the cell's own attributes but t. */
function cellXml(p: string, cell: CellSpan | undefined, col: number, row: number, edit: Edit, style: string | undefined, formula: string, date1904: boolean): string {
  let tag = cell ? cell.tag.replace(/\s*\/?>$/, '') : `<${p}c r="${cellAddress(col, row)}"${style !== undefined ? ` s="${style}"` : ''}`;
  tag = withoutAttr(withoutAttr(tag + '>', 't'), 'vm');
  if (edit.kind === 'value') tag = withoutAttr(tag, 'cm');
  if (cell && attr(tag, 'r') === undefined) tag = withAttr(tag, 'r', cellAddress(col, row));
  tag = tag.slice(0, -1);
  const v = edit.value;
  const close = `</${p}c>`;
  if (v === null || v === undefined) return formula ? `${tag}>${formula}${close}` : `${tag}/>`;
  if (typeof v === 'number' || v instanceof Date) {
    const n = typeof v === 'number' ? v : dateSerial(v, date1904);
    if (Number.isFinite(n)) return `${tag}>${formula}<${p}v>${String(n)}</${p}v>${close}`;
    return stringCell(p, tag, String(v), formula, close);
  }
  if (typeof v === 'boolean') return `${tag} t="b">${formula}<${p}v>${v ? 1 : 0}</${p}v>${close}`;
  return stringCell(p, tag, v, formula, close);
}

/** Excel's most characters in a cell: a longer text makes Excel refuse the whole file. */
export const MAX_CELL_TEXT = 32_767;

function stringCell(p: string, tag: string, text: string, formula: string, close: string): string {
  const body = encodeXString(text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text);
  if (formula) return `${tag} t="str">${formula}<${p}v>${body}</${p}v>${close}`;
  return `${tag} t="inlineStr"><${p}is><${p}t xml:space="preserve">${body}</${p}t></${p}is>${close}`;
}

/** Column widths, default row height, column styles and merges of a worksheet: what fitting a row needs. */
class SheetGeometry {
  readonly defaultHeight: number;
  private readonly defaultWidth: number;
  private cols?: { min: number; max: number; width?: number; style?: string }[];
  private merges?: Area[];

  constructor(
    private readonly xml: string,
    private readonly p: string,
  ) {
    const fmt = firstElement(xml, 'sheetFormatPr');
    this.defaultHeight = Number(fmt && attr(fmt.tag, 'defaultRowHeight')) || 15;
    this.defaultWidth = Number(fmt && attr(fmt.tag, 'defaultColWidth')) || DEFAULT_WIDTH;
  }

  private columns() {
    if (!this.cols) {
      this.cols = [];
      const cols = firstElement(this.xml, 'cols');
      if (cols && !cols.empty) {
        for (const e of elements(this.xml, 'col', cols.open, cols.close)) {
          const width = Number(attr(e.tag, 'width'));
          this.cols.push({ min: Number(attr(e.tag, 'min')), max: Number(attr(e.tag, 'max')), width: width > 0 ? width : undefined, style: attr(e.tag, 'style') });
        }
      }
    }
    return this.cols;
  }

  columnStyle(col: number): string | undefined {
    return this.columns().find((c) => col >= c.min && col <= c.max)?.style;
  }

  private width(col: number): number {
    return this.columns().find((c) => col >= c.min && col <= c.max)?.width ?? this.defaultWidth;
  }

  /** The width a text in this cell has: the merged columns' when the cell starts a merge. */
  widthAt(col: number, row: number): number {
    if (!this.merges) {
      this.merges = [];
      const merges = firstElement(this.xml, 'mergeCells');
      if (merges && !merges.empty) {
        for (const e of elements(this.xml, 'mergeCell', merges.open, merges.close)) {
          const a = parseArea(attr(e.tag, 'ref') ?? '');
          if (a) this.merges.push(a);
        }
      }
    }
    const merge = this.merges.find((m) => m.left === col && m.top === row && m.right > m.left);
    if (!merge) return this.width(col);
    let w = 0;
    for (let c = merge.left; c <= merge.right; c++) w += this.width(c);
    return w;
  }
}

// ---- the workbook part ----

function calcPrEdit(xml: string, p: string): Splice[] {
  const calcPr = firstElement(xml, 'calcPr');
  if (calcPr) {
    if (attr(calcPr.tag, 'fullCalcOnLoad') === '1' || attr(calcPr.tag, 'fullCalcOnLoad') === 'true') return [];
    return [{ start: calcPr.start, end: calcPr.open, text: withAttr(calcPr.tag, 'fullCalcOnLoad', '1') }];
  }
  let at = -1;
  for (const name of AFTER_CALCPR) {
    const e = firstElement(xml, name);
    if (e && (at < 0 || e.start < at)) at = e.start;
  }
  if (at < 0) at = xml.lastIndexOf(`</${p}workbook>`);
  if (at < 0) return [];
  return [{ start: at, end: at, text: `<${p}calcPr fullCalcOnLoad="1"/>` }];
}

function stateEdits(xml: string, states: Map<number, SheetState>): Splice[] {
  const sheets = firstElement(xml, 'sheets');
  if (!sheets || sheets.empty) return [];
  const out: Splice[] = [];
  let i = 0;
  for (const e of elements(xml, 'sheet', sheets.open, sheets.close)) {
    const state = states.get(i++);
    if (state) out.push({ start: e.start, end: e.open, text: state === 'visible' ? withoutAttr(e.tag, 'state') : withAttr(e.tag, 'state', state) });
  }
  return out;
}

/** The qualified name the workbook uses for a sheet's relationship id (r:id), declaring the namespace where needed. */
export function sheetIdAttr(xml: string, rootTag: string): { name: string; declare: string } {
  const sheets = firstElement(xml, 'sheets');
  if (sheets && !sheets.empty) {
    for (const e of elements(xml, 'sheet', sheets.open, sheets.close)) {
      const m = /\s([A-Za-z_][\w.-]*):id\s*=/.exec(e.tag);
      if (!m) continue;
      // the prefix as the sheets use it, declared again where the root does not declare it
      const onRoot = new RegExp(`\\sxmlns:${m[1]}\\s*=`).test(rootTag);
      const ns = new RegExp(`\\sxmlns:${m[1]}\\s*=\\s*["']([^"']*)["']`).exec(e.tag)?.[1] ?? REL_NS;
      return { name: `${m[1]}:id`, declare: onRoot ? '' : ` xmlns:${m[1]}="${escapeAttr(ns)}"` };
    }
  }
  const prefix = prefixFor(rootTag, REL_NS);
  if (prefix) return { name: `${prefix}id`, declare: '' };
  return { name: 'r:id', declare: ` xmlns:r="${REL_NS}"` };
}

export function insertAt(xml: string, sheets: { start: number; open: number; close: number; end: number; empty: boolean; tag: string }, children: string): Splice {
  if (sheets.empty) return { start: sheets.start, end: sheets.end, text: `${sheets.tag.replace(/\s*\/>$/, '>')}${children}</${rootPrefixOf(sheets.tag)}sheets>` };
  return { start: sheets.close, end: sheets.close, text: children };
}

function rootPrefixOf(tag: string): string {
  const m = /^<([A-Za-z_][\w.-]*:)?/.exec(tag);
  return m?.[1] ?? '';
}

export function appendBeforeClose(xml: string, local: string, children: string): string {
  const root = rootOf(xml);
  const close = xml.lastIndexOf(`</${root.prefix}${local}>`);
  if (close >= 0) return xml.slice(0, close) + children + xml.slice(close);
  if (root.tag.endsWith('/>')) return xml.slice(0, root.start) + root.tag.replace(/\s*\/>$/, '>') + children + `</${root.prefix}${local}>` + xml.slice(root.open);
  throw new PackageError('damaged', '文件结构不完整，无法写入');
}

export function removeRelationship(xml: string, id: string): string {
  for (const e of elements(xml, 'Relationship')) if (attr(e.tag, 'Id') === id) return xml.slice(0, e.start) + xml.slice(e.end);
  return xml;
}

export function removeOverride(xml: string, part: string): string {
  const key = part.toLowerCase();
  for (const e of elements(xml, 'Override')) if ((attr(e.tag, 'PartName') ?? '').replace(/^\/+/, '').toLowerCase() === key) return xml.slice(0, e.start) + xml.slice(e.end);
  return xml;
}

function newSheetXml(namespace: string, cells: CellWrite[], date1904: boolean): string {
  const byRow = new Map<number, CellWrite[]>();
  for (const c of cells) {
    const list = byRow.get(c.row);
    if (list) list.push(c);
    else byRow.set(c.row, [c]);
  }
  let rows = '';
  for (const [r, list] of [...byRow].sort((a, b) => a[0] - b[0])) {
    rows += `<row r="${r}">`;
    for (const c of list.sort((a, b) => a.col - b.col)) rows += cellXml('', undefined, c.col, r, { kind: 'value', value: c.value, fit: false }, undefined, '', date1904);
    rows += '</row>';
  }
  return `${XML_DECL}<worksheet xmlns="${escapeAttr(namespace || MAIN_NS)}"><sheetData>${rows}</sheetData></worksheet>`;
}
