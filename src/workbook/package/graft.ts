/**
 * Grafting sheets of one package into another: a sheet rendered afresh (by exceljs, into a workbook of its own)
 * added to an officer's workbook, or put in place of one of its sheets, without touching anything else. The
 * sheet's styles are added to the workbook's (fonts, fills, borders, number formats, cell formats, reusing what is
 * already there), its shared strings become inline strings, the sheets after an inserted one keep their names
 * (every localSheetId renumbered), and its print area and titles come along. This is how a project is added to a
 * project workbook (添加项目): exceljs cannot load and save a workbook of sheet-scoped names without merging them.
 */
import { strToU8 } from 'fflate';
import { definedNameSplices, type NameEdit } from './definedNames';
import { PackageError } from './errors';
import { isType, relativeTarget, relsPartOf } from './opc';
import { asPackageError, type SheetInfo, type XlsxPackage } from './package';
import { appendBeforeClose, insertAt, removeOverride, removeRelationship, sheetIdAttr, splice, type Splice } from './patch';
import { attr, decodeXml, elements, encodeXString, escapeAttr, firstElement, rootOf, withAttr } from './xml';
import { writeZip, type ZipOutput } from './zip';

export interface GraftSheet {
  /** the donor's sheet to copy */
  from: string;
  /**
   * the sheet it becomes: a new sheet of this name inserted at index `at` (default: after the last sheet), or,
   * with `replace`, the existing sheet of this name, which keeps its place, its name and its names
   */
  name: string;
  at?: number;
  replace?: boolean;
}

export interface GraftOptions {
  donor: XlsxPackage;
  sheets: GraftSheet[];
  /** names to set or remove, their localSheetId in the final order of the sheets */
  names?: NameEdit[];
}

const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const WORKSHEET_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const PRINT_NAMES = new Set(['_xlnm.print_area', '_xlnm.print_titles']);

/** The workbook with the donor's sheets grafted in, as the bytes of a new .xlsx. Throws PackageError. */
export function graftSheets(pkg: XlsxPackage, options: GraftOptions): Uint8Array {
  try {
    return graftNow(pkg, options);
  } catch (err) {
    throw asPackageError(err);
  }
}

function graftNow(pkg: XlsxPackage, options: GraftOptions): Uint8Array {
  pkg.renewBudget();
  const { donor } = options;
  const styles = new StyleMerger(pkg.stylesXml(), donor.stylesXml());
  const changed = new Map<string, Uint8Array>();
  const removed = new Set<string>();
  const added: ZipOutput[] = [];
  const wb = pkg.workbookPart;
  let workbookXml = pkg.workbookXml;
  const relsPart = relsPartOf(wb);
  let relsXml = pkg.partText(relsPart) ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  let typesXml = pkg.partText('[Content_Types].xml')!;

  // where each sheet ends up: inserted sheets shift the ones at and after their place
  const inserts = options.sheets.filter((s) => !s.replace).map((s) => ({ ...s, at: Math.min(s.at ?? pkg.sheets.length, pkg.sheets.length) }));
  const shift = (old: number) => old + inserts.filter((s) => s.at <= old).length;
  const finalIndex = new Map<GraftSheet, number>();
  inserts
    .slice()
    .sort((a, b) => a.at - b.at)
    .forEach((s, i) => finalIndex.set(options.sheets.find((x) => x.name === s.name && !x.replace)!, s.at + i));

  const edits: Splice[] = [];
  const names: NameEdit[] = [];
  const sheetsEl = firstElement(workbookXml, 'sheets');
  if (!sheetsEl) throw new PackageError('damaged', '工作簿结构不完整，无法写入');
  const sheetEls = [...elements(workbookXml, 'sheet', sheetsEl.open, sheetsEl.close)];
  const idAttr = sheetIdAttr(workbookXml, pkg.workbook.rootTag);
  let maxSheetId = Math.max(0, ...pkg.workbook.sheets.map((s) => s.sheetId));
  const usedIds = new Set(pkg.workbookRels.map((r) => r.id));
  const folder = wb.slice(0, wb.lastIndexOf('/') + 1);
  const relType = pkg.workbookRels.find((r) => isType(r, 'worksheet'))?.type ?? WORKSHEET_REL;
  let n = 1;

  for (const g of options.sheets) {
    const from = donor.sheet(g.from);
    if (!from?.part) throw new PackageError('damaged', `没有可复制的工作表“${g.from}”`);
    if (donor.zip.get(relsPartOf(from.part))) throw new PackageError('refused-write', `工作表“${g.from}”带有批注或图片，无法复制`);
    const xml = sheetXmlFor(donor, from, styles);
    let index: number;
    if (g.replace) {
      const target = pkg.sheet(g.name);
      if (!target?.part) throw new PackageError('refused-write', `工作簿中没有工作表“${g.name}”`);
      index = shift(target.index);
      changed.set(target.part.toLowerCase(), strToU8(xml));
      // what the old sheet referred to (comments, drawings) is no longer referred to
      const rels = pkg.zip.get(relsPartOf(target.part));
      if (rels) removed.add(rels.name);
    } else {
      if (pkg.sheet(g.name)) throw new PackageError('refused-write', `工作簿中已有名为“${g.name}”的工作表`);
      index = finalIndex.get(g)!;
      while (pkg.zip.get(`${folder}worksheets/sheet${n}.xml`) || added.some((a) => a.name === `${folder}worksheets/sheet${n}.xml`)) n++;
      const part = `${folder}worksheets/sheet${n}.xml`;
      let k = pkg.workbookRels.length + 1;
      while (usedIds.has(`rId${k}`)) k++;
      const id = `rId${k}`;
      usedIds.add(id);
      const p = pkg.workbook.prefix;
      const el = `<${p}sheet name="${escapeAttr(g.name)}" sheetId="${++maxSheetId}" ${idAttr.name}="${id}"${idAttr.declare}/>`;
      // before the sheet now at that place (the sheets of the original order), or at the end
      const before = sheetEls[g.at ?? pkg.sheets.length];
      edits.push(before ? { start: before.start, end: before.start, text: el, order: index } : { ...insertAt(workbookXml, sheetsEl, el), order: index });
      relsXml = appendBeforeClose(relsXml, 'Relationships', `<${rootOf(relsXml).prefix}Relationship Id="${id}" Type="${escapeAttr(relType)}" Target="${escapeAttr(relativeTarget(wb, part))}"/>`);
      typesXml = appendBeforeClose(typesXml, 'Types', `<${rootOf(typesXml).prefix}Override PartName="/${escapeAttr(part)}" ContentType="${WORKSHEET_TYPE}"/>`);
      added.push({ name: part, data: strToU8(xml) });
    }
    // its print area and titles, moved to its place and name
    for (const dn of donor.definedNames()) {
      if (dn.localSheetId !== from.index || !PRINT_NAMES.has(dn.name.toLowerCase())) continue;
      names.push({ name: dn.name, localSheetId: index, formula: renameSheet(dn.formula, from.name, g.name) });
    }
  }

  names.push(...(options.names ?? []));
  edits.push(...definedNameSplices(workbookXml, pkg.workbook.prefix, names, inserts.length ? shift : undefined));
  edits.push(...bookViewEdits(workbookXml, shift, inserts.length > 0));
  workbookXml = splice(workbookXml, edits);
  changed.set(wb.toLowerCase(), strToU8(workbookXml));
  const stylesPart = pkg.workbookRels.find((r) => !r.external && isType(r, 'styles'));
  const mergedStyles = styles.result();
  if (stylesPart && mergedStyles !== undefined) changed.set(stylesPart.target.toLowerCase(), strToU8(mergedStyles));

  // a calculation chain listing cells of a sheet replaced makes Excel report the file damaged: Excel rebuilds it
  const chain = pkg.workbookRels.find((r) => !r.external && isType(r, 'calcChain'));
  if (chain && pkg.zip.get(chain.target)) {
    removed.add(pkg.zip.get(chain.target)!.name);
    relsXml = removeRelationship(relsXml, chain.id);
    typesXml = removeOverride(typesXml, chain.target);
  }
  changed.set(relsPart.toLowerCase(), strToU8(relsXml));
  changed.set('[content_types].xml', strToU8(typesXml));

  const outputs: ZipOutput[] = [];
  for (const entry of pkg.zip.entries) {
    if (removed.has(entry.name)) continue;
    const data = changed.get(entry.name.toLowerCase());
    outputs.push(data ? { name: entry.name, data, like: entry } : { name: entry.name, copy: entry });
  }
  if (!pkg.zip.get(relsPart)) outputs.push({ name: relsPart, data: changed.get(relsPart.toLowerCase())! });
  outputs.push(...added);
  pkg.budget.check();
  return writeZip(pkg.zip, outputs);
}

/** A formula naming a sheet ('项目1'!$A$1:$M$40) naming another instead. */
function renameSheet(formula: string, from: string, to: string): string {
  const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return formula.split(`${quoted(from)}!`).join(`${quoted(to)}!`).split(`${from}!`).join(`${quoted(to)}!`);
}

/** The workbook view's active and first tab follow the sheets they showed. */
function bookViewEdits(xml: string, shift: (i: number) => number, any: boolean): Splice[] {
  if (!any) return [];
  const out: Splice[] = [];
  for (const e of elements(xml, 'workbookView')) {
    let tag = e.tag;
    for (const a of ['activeTab', 'firstSheet']) {
      const v = attr(tag, a);
      if (v !== undefined && /^\d+$/.test(v)) tag = withAttr(tag, a, String(shift(Number(v))));
    }
    if (tag !== e.tag) out.push({ start: e.start, end: e.open, text: tag });
  }
  return out;
}

/** The donor sheet's XML with its styles mapped into the workbook's and its shared strings written inline. */
function sheetXmlFor(donor: XlsxPackage, sheet: SheetInfo, styles: StyleMerger): string {
  const xml = donor.partText(sheet.part!) ?? '';
  return xml
    .replace(/<(?:[\w.-]+:)?(?:c|row)\b[^>]*>/g, (tag) => {
      const s = attr(tag, 's');
      return s === undefined ? tag : withAttr(tag, 's', String(styles.map(Number(s))));
    })
    .replace(/<(?:[\w.-]+:)?col\b[^>]*>/g, (tag) => {
      const s = attr(tag, 'style');
      return s === undefined ? tag : withAttr(tag, 'style', String(styles.map(Number(s))));
    })
    .replace(/(<(?:([\w.-]+):)?c\b[^>]*?)\st="s"([^>]*)>\s*<(?:[\w.-]+:)?v>(\d+)<\/(?:[\w.-]+:)?v>/g, (_m, head: string, prefix: string | undefined, rest: string, index: string) => {
      const p = prefix ? `${prefix}:` : '';
      const text = donor.sharedString(Number(index)) ?? '';
      return `${head} t="inlineStr"${rest}><${p}is><${p}t xml:space="preserve">${encodeXString(text)}</${p}t></${p}is>`;
    });
}

/** The elements of one list of styles.xml (fonts, fills, borders, cellXfs) as their texts. */
function listOf(xml: string, container: string, item: string): { el: ReturnType<typeof firstElement>; items: string[] } {
  const el = firstElement(xml, container);
  if (!el || el.empty) return { el, items: [] };
  return { el, items: [...elements(xml, item, el.open, el.close)].map((e) => xml.slice(e.start, e.end)) };
}

/**
 * The donor's cell formats added to the workbook's styles as they are needed, each font, fill, border, number
 * format and cell format reused when the workbook already has the same.
 */
class StyleMerger {
  private readonly lists: Record<'fonts' | 'fills' | 'borders' | 'cellXfs', string[]>;
  private readonly added: Record<'fonts' | 'fills' | 'borders' | 'cellXfs', string[]> = { fonts: [], fills: [], borders: [], cellXfs: [] };
  private readonly formats = new Map<string, number>();
  private readonly newFormats: { id: number; code: string }[] = [];
  private readonly donorXfs: string[];
  private readonly donorLists: Record<'fonts' | 'fills' | 'borders', string[]>;
  private readonly donorFormats = new Map<number, string>();
  private readonly memo = new Map<number, number>();
  private nextFormat = 164;

  constructor(
    private readonly xml: string | undefined,
    donor: string | undefined,
  ) {
    if (xml === undefined || donor === undefined) throw new PackageError('damaged', '工作簿缺少样式，无法添加工作表');
    this.lists = {
      fonts: listOf(xml, 'fonts', 'font').items,
      fills: listOf(xml, 'fills', 'fill').items,
      borders: listOf(xml, 'borders', 'border').items,
      cellXfs: listOf(xml, 'cellXfs', 'xf').items,
    };
    this.donorLists = { fonts: listOf(donor, 'fonts', 'font').items, fills: listOf(donor, 'fills', 'fill').items, borders: listOf(donor, 'borders', 'border').items };
    this.donorXfs = listOf(donor, 'cellXfs', 'xf').items;
    for (const [text, target] of [
      [xml, this.formats],
      [donor, null],
    ] as const) {
      const el = firstElement(text, 'numFmts');
      if (!el || el.empty) continue;
      for (const e of elements(text, 'numFmt', el.open, el.close)) {
        const id = Number(attr(e.tag, 'numFmtId'));
        const code = decodeXml(attr(e.tag, 'formatCode') ?? '');
        if (target) {
          target.set(code, id);
          this.nextFormat = Math.max(this.nextFormat, id + 1);
        } else this.donorFormats.set(id, code);
      }
    }
  }

  /** The workbook's cell format for the donor's cell format `index`. */
  map(index: number): number {
    const known = this.memo.get(index);
    if (known !== undefined) return known;
    const xf = this.donorXfs[index];
    if (xf === undefined) return 0;
    const open = xf.indexOf('>') + 1;
    let tag = xf.slice(0, open);
    for (const [key, list] of [
      ['fontId', 'fonts'],
      ['fillId', 'fills'],
      ['borderId', 'borders'],
    ] as const) {
      const id = attr(tag, key);
      if (id !== undefined) tag = withAttr(tag, key, String(this.item(list, this.donorLists[list][Number(id)] ?? '')));
    }
    const fmt = Number(attr(tag, 'numFmtId') ?? 0);
    if (fmt >= 164) tag = withAttr(tag, 'numFmtId', String(this.format(this.donorFormats.get(fmt) ?? 'General')));
    tag = withAttr(tag, 'xfId', '0');
    const mapped = this.item('cellXfs', tag + xf.slice(open));
    this.memo.set(index, mapped);
    return mapped;
  }

  private item(list: 'fonts' | 'fills' | 'borders' | 'cellXfs', text: string): number {
    const all = this.lists[list];
    const found = all.indexOf(text);
    if (found >= 0) return found;
    all.push(text);
    this.added[list].push(text);
    return all.length - 1;
  }

  private format(code: string): number {
    const known = this.formats.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormat++;
    this.formats.set(code, id);
    this.newFormats.push({ id, code });
    return id;
  }

  /** The workbook's styles.xml with what was added, or undefined when nothing was. */
  result(): string | undefined {
    const xml = this.xml!;
    const nothing = !this.newFormats.length && Object.values(this.added).every((a) => !a.length);
    if (nothing) return undefined;
    const edits: Splice[] = [];
    const p = rootOf(xml).prefix;
    const grow = (container: string, list: 'fonts' | 'fills' | 'borders' | 'cellXfs') => {
      const extra = this.added[list];
      if (!extra.length) return;
      const el = firstElement(xml, container);
      if (!el) throw new PackageError('damaged', '工作簿样式不完整，无法添加工作表');
      const tag = withAttr(el.tag.replace(/\s*\/>$/, '>'), 'count', String(this.lists[list].length));
      if (el.empty) edits.push({ start: el.start, end: el.end, text: `${tag}${extra.join('')}</${p}${container}>` });
      else {
        edits.push({ start: el.start, end: el.open, text: tag });
        edits.push({ start: el.close, end: el.close, text: extra.join('') });
      }
    };
    if (this.newFormats.length) {
      const items = this.newFormats.map((f) => `<${p}numFmt numFmtId="${f.id}" formatCode="${escapeAttr(f.code)}"/>`).join('');
      const el = firstElement(xml, 'numFmts');
      if (el && !el.empty) {
        edits.push({ start: el.start, end: el.open, text: withAttr(el.tag, 'count', String(this.formats.size)) });
        edits.push({ start: el.close, end: el.close, text: items });
      } else {
        const at = el ?? firstElement(xml, 'fonts');
        if (!at) throw new PackageError('damaged', '工作簿样式不完整，无法添加工作表');
        edits.push({ start: at.start, end: el ? el.end : at.start, text: `<${p}numFmts count="${this.newFormats.length}">${items}</${p}numFmts>` });
      }
    }
    grow('fonts', 'fonts');
    grow('fills', 'fills');
    grow('borders', 'borders');
    grow('cellXfs', 'cellXfs');
    return splice(xml, edits);
  }
}
