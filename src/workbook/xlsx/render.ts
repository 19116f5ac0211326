import { Workbook } from 'exceljs';
import type { Borders, CellValue, DataValidation, PageSetup, Style, Worksheet } from 'exceljs';
import type { Scheme } from '../../engine';
import { columnLetters } from '../../engine';
import { corners } from '../template/geometry';
import { planTemplate } from '../template/plan';
import type { CellStyle, PlanCell, PlanName, PlanValidation, ResultsPlan, SheetPlan, TemplatePlan } from '../template/types';
import type { TemplateOptions } from '../types';
import { absoluteRef, sheetNamed } from './names';
import { compactValidations } from './validations';

const GB2312 = 134;

/** A fresh exceljs style object for every cell: exceljs shares style objects by reference, so no two cells may hold one. */
export function excelStyle(font: string, s: CellStyle): Partial<Style> {
  const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
  const style: Partial<Style> = {
    font: { name: font, size: s.size, charset: GB2312, ...(s.bold ? { bold: true } : {}), ...(s.color ? { color: { argb: `FF${s.color}` } } : {}) },
    alignment: {
      ...(s.horizontal === 'general' ? {} : { horizontal: s.horizontal }),
      vertical: s.vertical,
      wrapText: s.wrap,
      ...(s.indent ? { indent: s.indent } : {}),
    },
    protection: { locked: s.locked },
  };
  if (s.border) style.border = { top: { ...thin }, left: { ...thin }, bottom: { ...thin }, right: { ...thin } } as Borders;
  if (s.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${s.fill}` } };
  if (s.numFmt) style.numFmt = s.numFmt;
  return style;
}

function eachAddress(range: string, fn: (row: number, col: number) => void): void {
  const c = corners(range);
  for (let row = c.top; row <= c.bottom; row++) for (let col = c.left; col <= c.right; col++) fn(row, col);
}

function excelValidation(v: PlanValidation): DataValidation {
  const common = {
    allowBlank: v.allowBlank,
    showInputMessage: true,
    promptTitle: v.prompt.title,
    prompt: v.prompt.text,
    showErrorMessage: v.rule.type !== 'any',
    errorStyle: v.errorStyle,
    errorTitle: v.error.title,
    error: v.error.text,
  };
  const rule = v.rule;
  switch (rule.type) {
    case 'list':
      return { ...common, type: 'list', formulae: [`"${rule.values.join(',')}"`] };
    case 'date':
      return { ...common, type: 'date', operator: 'between', formulae: [new Date(rule.min), new Date(rule.max)] };
    case 'whole':
    case 'decimal': {
      const { min, max } = rule;
      if (min !== undefined && max !== undefined) return { ...common, type: rule.type, operator: 'between', formulae: [min, max] };
      if (min !== undefined) return { ...common, type: rule.type, operator: 'greaterThanOrEqual', formulae: [min] };
      if (max !== undefined) return { ...common, type: rule.type, operator: 'lessThanOrEqual', formulae: [max] };
      // any number: Excel has no “decimal, unbounded”, so a range no amount reaches
      return { ...common, type: rule.type, operator: 'between', formulae: [-1e15, 1e15] };
    }
    case 'any':
      // exceljs writes no type attribute for 'any' (Excel: 任何值) but keeps the prompt; its typings omit it
      return { ...common, type: 'any' as DataValidation['type'], formulae: [] };
    case 'refuse':
      // 文本长度 ≤ 0 with a stop alert: anything typed is refused, clearing the cell is not
      return { ...common, type: 'textLength', operator: 'lessThanOrEqual', formulae: [0] };
  }
}

/**
 * exceljs writes a print area "A1:H25" as '评分表'!$A1:$H25 (it adds "$" before each part only); giving it
 * "A$1:H$25" yields the absolute '评分表'!$A$1:$H$25 Excel itself writes. Reading back gives "A1:H25" again.
 */
export function exceljsPrintArea(area: string): string {
  return area
    .split('&&')
    .map((part) => part.replace(/([A-Za-z]+)\$?(\d+)/g, '$1$$$2'))
    .join('&&');
}

/** Cell values (a formula with its result to cache) and styles, as the plan gives them. */
function renderCells(ws: Worksheet, cells: PlanCell[], plan: TemplatePlan): void {
  for (const c of cells) {
    const cell = ws.getCell(c.address);
    if (c.formula !== undefined) {
      cell.value = (c.value === undefined ? { formula: c.formula } : { formula: c.formula, result: c.value }) as CellValue;
    } else if (c.value !== undefined) {
      cell.value = c.value;
    }
    cell.style = excelStyle(plan.font, plan.styles[c.style]);
  }
}

/** The results sheet: very hidden and never protected, so that writing an output needs no unprotecting. */
function renderResults(ws: Worksheet, results: ResultsPlan, plan: TemplatePlan): void {
  for (const { column, width } of results.columns) ws.getColumn(column).width = width;
  renderCells(ws, results.cells, plan);
}

async function renderSheet(ws: Worksheet, sheet: SheetPlan, plan: TemplatePlan): Promise<void> {
  const styleOf = (key: CellStyle) => excelStyle(plan.font, key);
  for (const { column, width } of sheet.columns) ws.getColumn(column).width = width;
  for (const { row, height } of sheet.rows) ws.getRow(row).height = height;
  // a table's rows unlocked whole (the row's own format, which cells not written take): deletable when protected
  for (const band of sheet.rowBands) {
    // (a row's style is there at runtime, missing from exceljs's typings)
    for (let r = band.first; r <= band.last; r++) (ws.getRow(r) as unknown as { style: Partial<Style> }).style = { protection: { locked: false } };
  }
  for (const column of sheet.hiddenColumns) ws.getColumn(column).hidden = true;
  for (const row of sheet.hiddenRows) ws.getRow(row).hidden = true;
  renderCells(ws, sheet.cells, plan);
  const styleAt = new Map(sheet.cells.map((c) => [c.address, plan.styles[c.style]]));
  for (const range of sheet.merges) {
    ws.mergeCells(range);
    const master = styleAt.get(range.split(':')[0]);
    // exceljs copies the master's style object into the merged cells by reference; give each its own
    if (master) eachAddress(range, (row, col) => (ws.getCell(row, col).style = styleOf(master)));
  }
  for (const v of sheet.validations) {
    const dv = excelValidation(v);
    eachAddress(v.range, (row, col) => (ws.getCell(row, col).dataValidation = dv));
  }
  compactValidations(ws);

  const p = sheet.print;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: p.paperSize as PageSetup['paperSize'],
    orientation: p.orientation,
    fitToPage: true,
    fitToWidth: p.fitToWidth,
    fitToHeight: p.fitToHeight,
    horizontalCentered: p.centerHorizontally,
    margins: { ...p.margins },
    printArea: exceljsPrintArea(p.area),
    printTitlesRow: p.titleRows,
  };
  ws.headerFooter = { ...ws.headerFooter, oddFooter: p.footer };
  const { rows, columns } = sheet.freeze;
  ws.views = [
    rows || columns
      ? { state: 'frozen', xSplit: columns, ySplit: rows, topLeftCell: `${columnLetters(columns + 1)}${rows + 1}` }
      : { state: 'normal' },
  ];
  await ws.protect('', { ...sheet.protection });
}

/** Draws the visible sheets of a plan only: no results sheet, no names (the 报送版 places its names itself). */
export async function renderSheets(workbook: Workbook, plan: TemplatePlan): Promise<void> {
  for (const sheet of plan.sheets) await renderSheet(workbook.addWorksheet(sheet.name), sheet, plan);
}

/**
 * Draws a template plan into a workbook: sheets, styles, merges, validation, protection, print setup, the
 * very hidden results sheet after them, and the workbook-wide names. Returns the sheet-scoped names, which
 * exceljs cannot write (it has no localSheetId): the package layer adds them to the file (see forms/).
 */
export async function renderPlan(workbook: Workbook, plan: TemplatePlan): Promise<PlanName[]> {
  for (const sheet of [...plan.sheets, plan.results]) {
    if (sheetNamed(workbook, sheet.name)) throw new Error(`工作簿中已有名为“${sheet.name}”的工作表，无法插入模板`);
  }
  const existing = new Set(workbook.definedNames.model.map((n) => n.name.toLowerCase()));
  const clash = plan.names.find((n) => existing.has(n.name.toLowerCase()));
  if (clash) throw new Error(`工作簿中已定义名称 ${clash.name}，无法再次插入模板`);

  for (const sheet of plan.sheets) {
    await renderSheet(workbook.addWorksheet(sheet.name), sheet, plan);
  }
  renderResults(workbook.addWorksheet(plan.results.name, { state: 'veryHidden' }), plan.results, plan);
  for (const n of plan.names) if (!n.scope) workbook.definedNames.add(absoluteRef(n.sheet, n.range), n.name);
  // Excel recalculates on open; viewers that only show cached results get them from writeOutputs
  workbook.calcProperties.fullCalcOnLoad = true;
  return plan.names.filter((n) => n.scope);
}

/**
 * A new workbook holding just the scheme's template, for a scheme whose names are all workbook-wide (a scheme
 * with one form per sheet needs the package layer for its names: forms/buildTemplateFile).
 */
export async function buildTemplateWorkbook(scheme: Scheme, options: TemplateOptions = {}): Promise<Workbook> {
  const workbook = new Workbook();
  workbook.creator = 'jixiao';
  const scoped = await renderPlan(workbook, planTemplate(scheme, options));
  if (scoped.length) throw new Error(`评分方案 ${scheme.id} 的模板需用 buildTemplateFile 生成（工作表级名称）`);
  return workbook;
}
