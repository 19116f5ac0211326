/// <reference types="office-js" />
import { columnLetters } from '../../engine';
import { corners } from '../template';
import type { CellStyle, PlanName, PlanValidation, PrintPlan, ProtectionPlan, SheetPlan, TemplatePlan } from '../template';

/**
 * Draws one sheet of a template plan through the Excel JavaScript API — no insertWorksheetsFromBase64, which
 * has lost or damaged defined names and protection (office-js #3583, #4772, #1565). Queues only: the caller
 * syncs once per sheet. The sheet is added under `sheetName`, which may carry a suffix such as 基本情况表(2).
 */
export function queueSheet(
  context: Excel.RequestContext,
  plan: TemplatePlan,
  sheet: SheetPlan,
  sheetName: string,
  /** names that already exist and must be replaced (left over from a deleted sheet, #REF!) */
  stale: Set<string>,
): Excel.Worksheet {
  const ws = context.workbook.worksheets.add(sheetName);
  const blockOf = mergeBlocks(sheet.merges);

  for (const { column, width } of sheet.columns) ws.getRange(`${column}:${column}`).format.columnWidth = columnPoints(width);
  const extent = sheetExtent(sheet);
  if (extent) ws.getRange(extent).format.font.name = plan.font;

  // number formats before values, so that text cells keep what is written as text
  for (const cell of sheet.cells) {
    const fmt = plan.styles[cell.style].numFmt;
    if (fmt) {
      const block = blockOf.get(cell.address) ?? cell.address;
      ws.getRange(block).numberFormat = grid(block, fmt);
    }
  }
  // values before merging: Excel refuses to write into part of a merged block
  for (const cell of sheet.cells) {
    if (cell.formula) ws.getRange(cell.address).formulas = [[`=${cell.formula}`]];
    else if (cell.value !== undefined) ws.getRange(cell.address).values = [[cell.value]];
  }
  for (const m of sheet.merges) ws.getRange(m).merge(false);
  for (const cell of sheet.cells) applyStyle(ws.getRange(blockOf.get(cell.address) ?? cell.address), plan.styles[cell.style]);
  for (const { row, height } of sheet.rows) ws.getRange(`${row}:${row}`).format.rowHeight = height;

  for (const v of sheet.validations) applyValidation(ws.getRange(v.range), v);
  for (const block of sheet.unlocked) ws.getRange(block).format.protection.locked = false;

  if (sheet.freeze.rows && sheet.freeze.columns) ws.freezePanes.freezeAt(`A1:${columnLetters(sheet.freeze.columns)}${sheet.freeze.rows}`);
  else if (sheet.freeze.rows) ws.freezePanes.freezeRows(sheet.freeze.rows);
  else if (sheet.freeze.columns) ws.freezePanes.freezeColumns(sheet.freeze.columns);

  applyPrint(ws, sheet.print);

  // names last but one: a sheet whose batch failed half way holds none of our names, so it is never taken for ours.
  // A form with names of its own (project-2020) gets them in its sheet's scope, its outputs' too (on the results sheet).
  const names = context.workbook.names;
  for (const n of plan.names.filter((n) => n.scope === sheet.name || (!n.scope && n.sheet === sheet.name))) {
    const target = n.sheet === sheet.name ? ws.getRange(n.range) : context.workbook.worksheets.getItem(n.sheet).getRange(n.range);
    if (n.scope) {
      ws.names.add(n.name, target, nameComment(n));
      continue;
    }
    if (stale.has(n.name)) names.getItem(n.name).delete();
    names.add(n.name, target, nameComment(n));
  }
  ws.protection.protect(protectionOptions(sheet.protection));
  return ws;
}

export function nameComment(n: PlanName): string {
  return n.role === 'input' ? '绩效自评输入（jixiao）' : '绩效自评结果，自动计算（jixiao）';
}

/** Excel's column width is in characters; Office.js sets it in points (a character of the default font ≈ 7 px, plus 5 px padding). */
export function columnPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** top-left cell → its merged block */
function mergeBlocks(merges: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of merges) out.set(m.split(':')[0], m);
  return out;
}

/** The rectangle A1:… that covers every cell and merge of a sheet. */
function sheetExtent(sheet: SheetPlan): string | null {
  let right = 0;
  let bottom = 0;
  for (const a of [...sheet.cells.map((c) => c.address), ...sheet.merges]) {
    const c = corners(a);
    right = Math.max(right, c.right);
    bottom = Math.max(bottom, c.bottom);
  }
  return right && bottom ? `A1:${columnLetters(right)}${bottom}` : null;
}

/** A rows × columns array of one value, as Office.js wants for multi-cell ranges. */
function grid<T>(range: string, value: T): T[][] {
  const c = corners(range);
  return Array.from({ length: c.bottom - c.top + 1 }, () => Array.from({ length: c.right - c.left + 1 }, () => value));
}

const HORIZONTAL = { general: 'General', left: 'Left', center: 'Center', right: 'Right' } as const;
const VERTICAL = { top: 'Top', middle: 'Center' } as const;
const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const;

function applyStyle(range: Excel.Range, style: CellStyle): void {
  const f = range.format;
  f.font.size = style.size;
  f.font.bold = !!style.bold;
  f.font.color = `#${style.color ?? '000000'}`;
  if (style.fill) f.fill.color = `#${style.fill}`;
  f.horizontalAlignment = HORIZONTAL[style.horizontal];
  f.verticalAlignment = VERTICAL[style.vertical];
  f.wrapText = style.wrap;
  if (style.indent) f.indentLevel = style.indent;
  if (style.border) {
    // inside edges are ignored by Excel on a single cell and draw the grid inside a merged block's cells
    for (const edge of EDGES) {
      const b = f.borders.getItem(edge);
      b.style = 'Continuous';
      b.weight = 'Thin';
      b.color = '#000000';
    }
  }
  f.protection.locked = style.locked;
}

function applyValidation(range: Excel.Range, v: PlanValidation): void {
  const dv = range.dataValidation;
  const rule = ruleOf(v);
  if (rule) dv.rule = rule;
  dv.ignoreBlanks = v.allowBlank;
  dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.text };
  dv.errorAlert = v.error.text
    ? { showAlert: true, style: ALERT[v.errorStyle], title: v.error.title, message: v.error.text }
    : { showAlert: false, style: 'Warning', title: '', message: '' };
}

const ALERT = { warning: 'Warning', stop: 'Stop', information: 'Information' } as const;

/** The plan's rule as an Office.js DataValidationRule; null for "any" (only the prompt is set). */
export function ruleOf(v: PlanValidation): Excel.DataValidationRule | null {
  const r = v.rule;
  switch (r.type) {
    case 'list':
      return { list: { inCellDropDown: true, source: r.values.join(',') } };
    case 'whole':
    case 'decimal': {
      const basic = bounds(r.min, r.max);
      if (!basic) return null;
      return r.type === 'whole' ? { wholeNumber: basic } : { decimal: basic };
    }
    case 'date':
      return { date: { formula1: r.min, formula2: r.max, operator: 'Between' } };
    case 'any':
      return null;
    case 'refuse':
      return { textLength: { formula1: 0, operator: 'LessThanOrEqualTo' } };
  }
}

/** Between, ≥ or ≤; a decimal without bounds is any number (≥ a number no one types). */
function bounds(min: number | undefined, max: number | undefined): Excel.BasicDataValidation | null {
  if (min !== undefined && max !== undefined) return { formula1: min, formula2: max, operator: 'Between' };
  if (min !== undefined) return { formula1: min, operator: 'GreaterThanOrEqualTo' };
  if (max !== undefined) return { formula1: max, operator: 'LessThanOrEqualTo' };
  return { formula1: -1e15, operator: 'GreaterThanOrEqualTo' };
}

export function protectionOptions(p: ProtectionPlan): Excel.WorksheetProtectionOptions {
  return {
    allowFormatCells: p.formatCells,
    allowFormatColumns: p.formatColumns,
    allowFormatRows: p.formatRows,
    allowInsertRows: p.insertRows,
    allowDeleteRows: p.deleteRows,
    allowInsertColumns: false,
    allowDeleteColumns: false,
    allowAutoFilter: false,
    allowSort: false,
    allowInsertHyperlinks: false,
    allowPivotTables: false,
    allowEditObjects: false,
    allowEditScenarios: false,
    selectionMode: p.selectLockedCells ? 'Normal' : p.selectUnlockedCells ? 'Unlocked' : 'None',
  };
}

const POINTS_PER_INCH = 72;

/** Page setup (ExcelApi 1.9): A4, orientation, fit to width, margins, centring, footer, print area, title rows. */
function applyPrint(ws: Excel.Worksheet, p: PrintPlan): void {
  const page = ws.pageLayout;
  page.orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  page.paperSize = 'A4';
  page.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight };
  page.leftMargin = p.margins.left * POINTS_PER_INCH;
  page.rightMargin = p.margins.right * POINTS_PER_INCH;
  page.topMargin = p.margins.top * POINTS_PER_INCH;
  page.bottomMargin = p.margins.bottom * POINTS_PER_INCH;
  page.headerMargin = p.margins.header * POINTS_PER_INCH;
  page.footerMargin = p.margins.footer * POINTS_PER_INCH;
  page.centerHorizontally = p.centerHorizontally;
  const footer = footerSections(p.footer);
  const all = page.headersFooters.defaultForAllPages;
  if (footer.left) all.leftFooter = footer.left;
  if (footer.center) all.centerFooter = footer.center;
  if (footer.right) all.rightFooter = footer.right;
  page.setPrintArea(p.area);
  page.setPrintTitleRows(absoluteRows(p.titleRows));
}

/** "&C第 &P 页" → { center: "第 &P 页" }: Office.js takes each section on its own, codes (&P, &N) kept. */
export function footerSections(code: string): { left?: string; center?: string; right?: string } {
  const out: { left?: string; center?: string; right?: string } = {};
  const parts = code.split(/&([LCR])/);
  if (parts[0]) out.center = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i] === 'L' ? 'left' : parts[i] === 'R' ? 'right' : 'center';
    out[key] = (out[key] ?? '') + parts[i + 1];
  }
  return out;
}

/** "1:3" → "$1:$3", the form setPrintTitleRows expects. */
export function absoluteRows(rows: string): string {
  return rows
    .split(':')
    .map((r) => `$${r.replace(/\$/g, '')}`)
    .join(':');
}
