/**
 * Template files: the scheme's template rendered with exceljs, its sheet-scoped names (which exceljs cannot
 * write) added through the package layer, and — from data — filled and scored as `jixiao score` would. Imports
 * exceljs: load it with import() where start-up matters.
 */
import { Workbook } from 'exceljs';
import type { RawValue, Scheme } from '../../engine';
import type { NameEdit } from '../package/definedNames';
import { XlsxPackage } from '../package/package';
import { patchPackage } from '../package/patch';
import { areaFormula } from '../package/refs';
import { corners } from '../template/geometry';
import { planTemplate } from '../template/plan';
import type { FormOptions, PlanName, PlanOptions } from '../template/types';
import { renderPlan } from '../xlsx/render';
import { writeSchemeSheet } from '../xlsx/schemeSheet';
import { XlsxWorkbook } from '../xlsx/workbook';
import { FormsFile, type ScoredForm } from './file';

/** Sheet-scoped names as the package layer writes them, each scope found by its sheet's place in the file. */
export function scopedNameEdits(pkg: XlsxPackage, names: PlanName[]): NameEdit[] {
  return names.map((n) => {
    const sheet = pkg.sheet(n.scope!);
    if (!sheet) throw new Error(`template has no sheet ${n.scope}`);
    return { name: n.name, localSheetId: sheet.index, formula: areaFormula(n.sheet, corners(n.range)) };
  });
}

/** The template's bytes: rendered by exceljs, its sheet-scoped names added. */
async function templateBytes(scheme: Scheme, options: PlanOptions): Promise<Uint8Array> {
  const workbook = new Workbook();
  workbook.creator = 'jixiao';
  const scoped = await renderPlan(workbook, planTemplate(scheme, options));
  // the workbook carries its scheme: it re-scores the same where the scheme file is absent
  writeSchemeSheet(workbook, scheme);
  const bytes = await new XlsxWorkbook(workbook).toBuffer();
  if (!scoped.length) return bytes;
  const pkg = XlsxPackage.open(bytes);
  return patchPackage(pkg, { writes: [], names: scopedNameEdits(pkg, scoped) });
}

/**
 * A blank template of the scheme (options.forms: one entry per project), with the sync record of its blank
 * inputs: filled offline, the workbook later says which inputs were filled.
 */
export async function buildTemplateFile(scheme: Scheme, options: PlanOptions = {}, now = new Date()): Promise<Uint8Array> {
  return FormsFile.open(await templateBytes(scheme, options)).withSyncRecord(scheme, now);
}

/**
 * The template filled with data — one object of inputs per form, tables as rows — and scored: the tables laid out
 * with room for every row given, each project's sheet named after the project, the inputs written by name as
 * an officer would type them, then read back, scored and written as `jixiao score -o` does.
 */
export async function filledTemplateFile(
  scheme: Scheme,
  forms: Record<string, RawValue>[],
  options: PlanOptions = {},
  now = new Date(),
): Promise<{ bytes: Uint8Array; scored: ScoredForm[] }> {
  const given = forms.length ? forms : [{}];
  const project = scheme.identity.project;
  const formOptions: FormOptions[] = given.map((values, k) => {
    const rows: Record<string, number> = {};
    for (const t of scheme.tables) if (Array.isArray(values[t.name])) rows[t.name] = (values[t.name] as RawValue[]).length;
    const name = project ? values[project] : undefined;
    return { ...options.forms?.[k], rows, ...(typeof name === 'string' && name.trim() ? { sheet: name } : {}) };
  });
  const blank = await templateBytes(scheme, { ...options, forms: formOptions });
  const empty = FormsFile.open(blank);
  const sheets = empty.forms(scheme).map((f) => f.sheet ?? '');
  const filled = empty.fill(scheme, new Map(sheets.map((sheet, k) => [sheet, given[k] ?? {}])));
  const file = FormsFile.open(filled);
  const scored = file.score(scheme);
  return { bytes: file.write(scheme, scored, { syncAt: now }), scored };
}
