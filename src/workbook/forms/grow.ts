/**
 * More indicator rows than a form's table holds: the form's sheet is laid out again from the template with room
 * for every row (planned alone, rendered by exceljs), put in place of the old sheet (it keeps its name, its place
 * and the results of its outputs), its names set to the new ranges, and every input of the form written back into
 * it. The rest of the workbook — other projects, 项目自评汇总, the officer's own sheets — is kept as it is.
 *
 * Why a new sheet rather than rows inserted into the old one: inserting rows means shifting every cell, merge,
 * validation, conditional format, formula and drawing below the table; laying the sheet out again is the
 * template's own code and keeps nothing stale. What the officer changed on that sheet outside the inputs (a
 * column width, a note in a cell of no input) is not carried over; every input is. Imports exceljs: load it
 * with import() where start-up matters.
 */
import { Workbook } from 'exceljs';
import type { RawValue, Scheme } from '../../engine';
import { RESULTS_SHEET } from '../outputs';
import type { NameEdit } from '../package/definedNames';
import { graftSheets, type GraftSheet } from '../package/graft';
import { XlsxPackage, type SheetInfo } from '../package/package';
import { areaFormula } from '../package/refs';
import { corners } from '../template/geometry';
import { planTemplate } from '../template/plan';
import { renderSheets } from '../xlsx/render';
import { XlsxWorkbook } from '../xlsx/workbook';
import { FormsFile } from './file';

/** One form to lay out again: its sheet (null for the workbook-wide form) and every one of its inputs, tables as rows. */
export interface GrowForm {
  sheet: string | null;
  values: Record<string, RawValue>;
}

/** The rows of each table of a form's values (for the layout's room). */
function tableRows(scheme: Scheme, values: Record<string, RawValue>): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const t of scheme.tables) if (Array.isArray(values[t.name])) rows[t.name] = (values[t.name] as RawValue[]).length;
  return rows;
}

/**
 * The workbook with each given form's table sheet laid out again with room for its rows and filled with its
 * values (and nothing scored: the caller writes the outputs). Throws for a form whose table cannot be found.
 */
export async function growForms(bytes: Uint8Array, scheme: Scheme, forms: GrowForm[]): Promise<Uint8Array> {
  let current = bytes;
  for (const form of forms) current = await growForm(current, scheme, form);
  const fills = new Map(forms.map((f) => [f.sheet ?? '', f.values]));
  return FormsFile.open(current).fill(scheme, fills);
}

async function growForm(bytes: Uint8Array, scheme: Scheme, form: GrowForm): Promise<Uint8Array> {
  let current = bytes;
  const rows = tableRows(scheme, form.values);
  for (const table of scheme.tables) {
    const pkg = XlsxPackage.open(current);
    const range = pkg.name(table.name, form.sheet ?? undefined);
    const target = range && pkg.sheet(range.sheet);
    if (!range || !target) throw new Error(`工作簿中找不到${table.label}的区域，无法增加行`);
    // a table whose sheet was laid out again for another table of the form may have room already
    if ((rows[table.name] ?? 0) <= range.bottom - range.top + 1) continue;
    current = await layOutAgain(pkg, scheme, form, table.name, target, rows);
  }
  return current;
}

/** The sheet holding a form's table laid out again with room for `rows`, in place of `target`. */
async function layOutAgain(pkg: XlsxPackage, scheme: Scheme, form: GrowForm, tableName: string, target: SheetInfo, rows: Record<string, number>): Promise<Uint8Array> {
  const plan = planTemplate(scheme, { forms: [{ ...(form.sheet ? { sheet: form.sheet } : {}), rows }] });
  // the plan's sheet that holds the table (named as the plan names it; it becomes the workbook's sheet of that table)
  const named = plan.names.find((n) => n.name === tableName);
  const sheetPlan = named && plan.sheets.find((s) => s.name === named.sheet);
  if (!named || !sheetPlan) throw new Error(`模板中没有表格 ${tableName}`);

  const donor = new Workbook();
  donor.creator = 'jixiao';
  await renderSheets(donor, { ...plan, sheets: [sheetPlan] });
  const donorPkg = XlsxPackage.open(await new XlsxWorkbook(donor).toBuffer());

  // the names on the sheet laid out again point at its new cells; outputs on the results sheet stay where they are
  const local = form.sheet ? target.index : null;
  const edits: NameEdit[] = plan.names
    .filter((n) => n.sheet === sheetPlan.name && n.sheet !== RESULTS_SHEET && (n.scope ?? null) === (form.sheet ? sheetPlan.name : null))
    .map((n) => ({ name: n.name, localSheetId: local, formula: areaFormula(target.name, corners(n.range)) }));
  const graft: GraftSheet = { from: sheetPlan.name, name: target.name, replace: true };
  return graftSheets(pkg, { donor: donorPkg, sheets: [graft], names: edits });
}
