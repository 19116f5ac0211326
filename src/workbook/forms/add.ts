/**
 * 添加项目: one more project sheet in a workbook of one form per sheet, through the package layer — the new
 * sheet planned and rendered on its own (exceljs), grafted after the last project sheet with names of its own
 * (its outputs in the next free column of the results sheet), and 项目自评汇总 planned again for every project.
 * Everything else in the workbook (the other projects as typed, the officer's own sheets) is kept as it is.
 * Imports exceljs: load it with import() where start-up matters.
 */
import { Workbook } from 'exceljs';
import { columnIndex, columnLetters, type RawValue, type Scheme } from '../../engine';
import { RESULTS_SHEET } from '../outputs';
import type { NameEdit } from '../package/definedNames';
import { formSheetsOf } from '../package/forms';
import { graftSheets, type GraftSheet } from '../package/graft';
import { XlsxPackage } from '../package/package';
import { areaFormula } from '../package/refs';
import { corners } from '../template/geometry';
import { formSheetName, planTemplate, repeatedSheet } from '../template/plan';
import type { PlanName, PlanOptions } from '../template/types';
import { renderSheets } from '../xlsx/render';
import { XlsxWorkbook } from '../xlsx/workbook';
import { FormsFile, type ScoredForm } from './file';
import { formsSpecOf } from './spec';

export interface AddFormOptions extends Omit<PlanOptions, 'forms' | 'submitted'> {
  /** the new sheet's name (made valid and different from the others); default the layout's, numbered */
  sheet?: string;
  /** inputs to fill the new project with (its table's rows laid out with room for them) */
  values?: Record<string, RawValue>;
}

export interface AddedForm {
  bytes: Uint8Array;
  /** the new project's sheet */
  sheet: string;
  /** every form of the workbook, as scored after the addition */
  scored: ScoredForm[];
}

/**
 * The workbook with one more project. Throws for a scheme without a form per sheet, or a workbook without the
 * results sheet (not made by this product); PackageError for a file that cannot be read.
 */
export async function addFormToFile(bytes: Uint8Array, scheme: Scheme, options: AddFormOptions = {}, now = new Date()): Promise<AddedForm> {
  const repeated = repeatedSheet(scheme);
  if (!repeated) throw new Error(`评分方案 ${scheme.id} 只有一张表，不能添加项目`);
  const pkg = XlsxPackage.open(bytes);
  const results = pkg.sheet(RESULTS_SHEET);
  if (!results) throw new Error(`工作簿中没有结果表 ${RESULTS_SHEET}，不是本工具生成的项目工作簿：请重新生成模板`);
  const existing = formSheetsOf(pkg, formsSpecOf(scheme)).filter((s): s is string => s !== null);
  const { sheet: wanted, values = {}, ...prefills } = options;
  const project = scheme.identity.project ? values[scheme.identity.project] : undefined;
  const fallback = `${repeated.sheet}${existing.length + 1}`;
  const sheet = formSheetName(wanted ?? (typeof project === 'string' && project.trim() ? project : fallback), pkg.sheets.map((s) => s.name), fallback);

  // the new form, planned alone: its names on its sheet, its outputs moved to the next free results column
  const rows: Record<string, number> = {};
  for (const t of scheme.tables) if (Array.isArray(values[t.name])) rows[t.name] = (values[t.name] as RawValue[]).length;
  const alone = planTemplate(scheme, { ...prefills, forms: [{ sheet, ...(Object.keys(rows).length ? { rows } : {}) }] });
  const formPlan = alone.sheets.find((s) => s.name === sheet)!;
  const column = columnLetters(nextResultsColumn(pkg, scheme, existing));
  const names = alone.names.filter((n) => n.scope === sheet).map((n) => (n.sheet === RESULTS_SHEET ? { ...n, range: n.range.replace(/^[A-Z]+/, column) } : n));

  // 项目自评汇总 for every project, the new one last
  const all = [...existing, sheet];
  const full = planTemplate(scheme, { ...prefills, forms: all.map((s) => ({ sheet: s })) });
  const summary = full.sheets.find((s) => s.kind === 'forms_summary');
  const summaryHere = summary && pkg.sheet(summary.name);

  const donor = new Workbook();
  donor.creator = 'jixiao';
  await renderSheets(donor, { ...alone, sheets: summary ? [formPlan, summary] : [formPlan] });
  const donorPkg = XlsxPackage.open(await new XlsxWorkbook(donor).toBuffer());

  const last = Math.max(...existing.map((s) => pkg.sheet(s)!.index), -1);
  const at = last + 1;
  const graftList: GraftSheet[] = [{ from: sheet, name: sheet, at }];
  // a summary missing (deleted by the officer) comes back right after the new sheet
  if (summary) graftList.push(summaryHere ? { from: summary.name, name: summaryHere.name, replace: true } : { from: summary.name, name: summary.name, at });
  const edits: NameEdit[] = names.map((n: PlanName) => ({ name: n.name, localSheetId: at, formula: areaFormula(n.sheet, corners(n.range)) }));
  const grafted = graftSheets(pkg, { donor: donorPkg, sheets: graftList, names: edits });

  // the new project filled, and every project scored (the summary's cached results follow)
  let file = FormsFile.open(grafted);
  if (Object.keys(values).length) file = FormsFile.open(file.fill(scheme, new Map([[sheet, values]])));
  const scored = file.score(scheme);
  return { bytes: file.write(scheme, scored, { syncAt: now }), sheet, scored };
}

/** The first column of the results sheet after those any form's outputs live in (B for the first form). */
function nextResultsColumn(pkg: XlsxPackage, scheme: Scheme, sheets: string[]): number {
  let right = 1;
  for (const sheet of sheets) {
    for (const name of scheme.outputNames) {
      const range = pkg.name(name, sheet);
      if (range && range.sheet.toLowerCase() === RESULTS_SHEET) right = Math.max(right, range.right);
    }
  }
  return Math.max(columnIndex('B'), right + 1);
}
