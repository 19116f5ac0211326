/**
 * Every visible worksheet of an .xlsx as a grid of displayed texts with its merged ranges, read through the
 * package layer (bounded: its limits on parts, texts and time apply; a sheet's grid is cut at maxAreaCells).
 */
import { isType } from '../../workbook/package/opc';
import type { CellValue, SheetInfo, XlsxPackage } from '../../workbook/package';
import { parseArea } from '../../workbook/package/refs';
import { attr, decodeXml, elements, firstElement } from '../../workbook/package/xml';
import { formatCode, formatNumber } from './numberFormat';
import type { Grid, GridCell, Merge } from './types';

/** Number formats of a workbook: each cell style's format code. */
class NumberFormats {
  private readonly byStyle: string[] = [];

  constructor(stylesXml: string | undefined) {
    if (!stylesXml) return;
    const custom = new Map<number, string>();
    const numFmts = firstElement(stylesXml, 'numFmts');
    if (numFmts && !numFmts.empty) {
      for (const e of elements(stylesXml, 'numFmt', numFmts.open, numFmts.close)) {
        const id = Number(attr(e.tag, 'numFmtId'));
        const code = attr(e.tag, 'formatCode');
        if (Number.isInteger(id) && code !== undefined) custom.set(id, decodeXml(code));
      }
    }
    const xfs = firstElement(stylesXml, 'cellXfs');
    if (!xfs || xfs.empty) return;
    for (const e of elements(stylesXml, 'xf', xfs.open, xfs.close)) this.byStyle.push(formatCode(Number(attr(e.tag, 'numFmtId') ?? 0), custom));
  }

  of(style: number): string {
    return this.byStyle[style] ?? 'General';
  }
}

const S_ATTR = /\ss\s*=\s*["'](\d+)["']/;

/** Every visible sheet (hidden ones are not what the file shows) with at least one cell, as a grid. */
export function gridsOfXlsx(pkg: XlsxPackage): Grid[] {
  const rel = pkg.workbookRels.find((r) => !r.external && isType(r, 'styles'));
  const formats = new NumberFormats(rel ? pkg.partText(rel.target) : undefined);
  const grids: Grid[] = [];
  for (const sheet of pkg.sheets) {
    if (sheet.state !== 'visible' || !sheet.part) continue;
    const grid = sheetGrid(pkg, sheet, formats);
    if (grid) grids.push(grid);
  }
  return grids;
}

function sheetGrid(pkg: XlsxPackage, sheet: SheetInfo, formats: NumberFormats): Grid | null {
  const xml = pkg.sheetXml(sheet);
  if (!xml) return null;
  const max = pkg.limits.maxAreaCells;
  const found: { r: number; c: number; cell: GridCell }[] = [];
  let rows = 0;
  let cols = 0;
  let truncated = false;
  for (const row of xml.rows()) {
    pkg.budget.check();
    for (const span of xml.cells(row)) {
      if (span.empty) continue;
      const value = pkg.valueOf(sheet, xml, span);
      if (value === null || value === '') continue;
      const r = row.r - 1;
      const c = span.col - 1;
      // a grid is dense: a cell far out (a stray mark in XFD1048576) would make it huge, so the grid stops at the limit
      if ((Math.max(rows, r + 1) * Math.max(cols, c + 1)) > max) {
        truncated = true;
        continue;
      }
      const style = Number(S_ATTR.exec(span.tag)?.[1] ?? 0);
      found.push({ r, c, cell: { text: shownText(value, formats.of(style)), value } });
      rows = Math.max(rows, r + 1);
      cols = Math.max(cols, c + 1);
    }
  }
  const merges: Merge[] = [];
  if (xml.dataClose >= 0) {
    for (const e of elements(xml.xml, 'mergeCell', xml.dataClose)) {
      const area = parseArea(attr(e.tag, 'ref') ?? '');
      if (!area) continue;
      const m = { top: area.top - 1, left: area.left - 1, bottom: area.bottom - 1, right: area.right - 1 };
      if (m.top >= rows || m.left >= cols) continue;
      merges.push({ ...m, bottom: Math.min(m.bottom, rows - 1), right: Math.min(m.right, cols - 1) });
    }
  }
  if (!found.length) return null;
  const cells: (GridCell | null)[][] = Array.from({ length: rows }, () => new Array<GridCell | null>(cols).fill(null));
  for (const f of found) cells[f.r][f.c] = f.cell;
  // a merged range shows its top-left cell only (the others may still hold old values Excel keeps hidden)
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) cells[r][c] = null;
  }
  return { source: 'sheet', name: sheet.name, rows, cols, cells, merges, ...(truncated ? { truncated } : {}) };
}

/** The text a cell shows for its value. */
function shownText(value: Exclude<CellValue, null>, code: string): string {
  if (typeof value === 'number') return formatNumber(value, code);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value, code);
  return value;
}

/** A date as forms show it: 2024年5月13日 where the format speaks Chinese, else 2024-05-13. */
function dateText(d: Date, code: string): string {
  if (Number.isNaN(d.getTime())) return '';
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  if (code.includes('年')) return /d/i.test(code) ? `${y}年${m}月${day}日` : `${y}年${m}月`;
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

