import { columnLetters } from '../../engine';
import type { Scheme, SheetSpec } from '../../engine';
import { outputNames, RESULTS_SHEET } from '../outputs';
import { NOT_SCORED } from './kinds/common';
import { renderSheet } from './kinds';
import { STYLES } from './styles';
import type { Derive, FormOptions, PlanCell, PlanForm, PlanName, PlanOptions, ResultsPlan, SheetPlan, TemplatePlan } from './types';

/**
 * A scheme's template as data — the sheets of its layout, each drawn by the renderer of its kind (kinds/):
 * cells, styles, merges, sizes, defined names, validation, protection and print setup — and the very hidden
 * results sheet that holds the outputs the visible sheets show. A scheme with one form per sheet (project-2020)
 * gets its repeated sheet once per form, with names of its own (sheet-scoped). Pure: no exceljs, no Office.
 */
export function planTemplate(scheme: Scheme, options: PlanOptions = {}): TemplatePlan {
  const names: PlanName[] = [];
  const repeated = repeatedSheet(scheme);
  const count = repeated ? Math.max(1, options.forms?.length ?? 1) : 1;
  const formSheets = repeated ? formSheetNames(repeated.sheet, count, options.forms) : [];
  const sheets: SheetPlan[] = [];
  for (const spec of scheme.layout.sheets) {
    if (spec === repeated) {
      formSheets.forEach((sheet, form) => {
        const plan = renderSheet(spec, { scheme, options, names, sheet, scope: sheet, form, formOptions: options.forms?.[form] ?? {}, formSheets });
        sheets.push({ ...plan, form });
      });
    } else {
      sheets.push(renderSheet(spec, { scheme, options, names, sheet: spec.sheet, form: 0, formOptions: options.forms?.[0] ?? {}, formSheets }));
    }
  }
  const forms: PlanForm[] = repeated
    ? formSheets.map((sheet, k) => ({ sheet, resultsColumn: resultsColumn(k) }))
    : [{ sheet: null, resultsColumn: resultsColumn(0) }];
  const results = planResults(scheme, names, forms);
  const plan: TemplatePlan = { scheme: scheme.id, version: scheme.version, font: scheme.layout.font, styles: STYLES, sheets, results, names, forms };
  checkNames(scheme, plan);
  return plan;
}

/** The sheet of the layout that holds one form and is repeated for each (project-2020's form), if any. */
export function repeatedSheet(scheme: Scheme): SheetSpec | undefined {
  return scheme.formScope === 'sheet' ? scheme.layout.sheets.find((s) => 'repeat' in s && s.repeat) : undefined;
}

/** Header row, then one row per output from row 2. */
const FIRST_RESULT_ROW = 2;

/** The results sheet's column holding form k's outputs: B, C, … */
export function resultsColumn(form: number): string {
  return columnLetters(2 + form);
}

/** Characters Excel refuses in a sheet name. */
const SHEET_FORBIDDEN = /[\\/?*[\]:]/g;

/**
 * A name Excel accepts for a form's sheet, made of a text (a project's name): no forbidden characters or
 * apostrophes at its ends, at most 31 characters, and different from the names `taken` (case-insensitively,
 * as Excel compares them: 项目名称(2)).
 */
export function formSheetName(text: string, taken: Iterable<string>, fallback: string): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  let base = text.replace(SHEET_FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '');
  if (!base || base.toLowerCase() === RESULTS_SHEET || /^history$/i.test(base)) base = fallback;
  const fit = (s: string, room: number) => [...s].slice(0, room).join('');
  let name = fit(base, 31);
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${fit(base, 31 - `(${n})`.length)}(${n})`;
  return name;
}

/** The sheets of the forms: the given names (made valid and different), else the layout's, numbered when several. */
function formSheetNames(base: string, count: number, forms: FormOptions[] | undefined): string[] {
  const taken: string[] = [];
  for (let k = 0; k < count; k++) {
    const fallback = count === 1 ? base : `${base}${k + 1}`;
    taken.push(formSheetName(forms?.[k]?.sheet ?? fallback, taken, fallback));
  }
  return taken;
}

/**
 * The results sheet: each output's name in A and its value in B (one column per form, from B, when each form has
 * a sheet of its own); gives each output name its range there. A recompute writes only here — an unprotected
 * sheet — so it never toggles protection; the locked visible cells show these through formulas.
 */
function planResults(scheme: Scheme, names: PlanName[], forms: PlanForm[]): ResultsPlan {
  const single = forms.length === 1 && forms[0].sheet === null;
  const cells: PlanCell[] = [{ address: 'A1', style: 'header', value: '名称' }];
  for (const form of forms) cells.push({ address: `${form.resultsColumn}1`, style: 'header', value: single ? '评分结果（自动计算，请勿修改）' : (form.sheet ?? '') });
  const texts = new Set(outputNames(scheme).filter((n) => n.startsWith(scheme.outputs.text)).concat(scheme.outputs.status));
  outputNames(scheme).forEach((name, i) => {
    const row = FIRST_RESULT_ROW + i;
    cells.push({ address: `A${row}`, style: 'label', value: name });
    for (const form of forms) {
      const scope = form.sheet ?? undefined;
      const placed = names.find((n) => n.name === name && n.role === 'output' && n.sheet === RESULTS_SHEET && n.scope === scope);
      if (placed) placed.range = `${form.resultsColumn}${row}`;
      cells.push({ address: `${form.resultsColumn}${row}`, style: texts.has(name) ? 'outputText' : 'output', ...(name === scheme.outputs.status ? { value: NOT_SCORED } : {}) });
    }
  });
  const columns = [{ column: 'A', width: 28 }, ...forms.map((f) => ({ column: f.resultsColumn, width: single ? 60 : 40 }))];
  return { name: RESULTS_SHEET, columns, cells };
}

/** Where each output is shown on a visible sheet (its home in the 报送版): name → sheet and cell (of one form's scope). */
export function outputHomes(plan: TemplatePlan, scope?: string): Map<string, { sheet: string; range: string }> {
  return new Map(plan.names.flatMap((n) => (n.shownAt && n.scope === scope ? [[n.name, n.shownAt] as const] : [])));
}

/** Where every input and output name lives in a plan: name → sheet and range (of one form's scope). */
export function nameLocations(plan: TemplatePlan, scope?: string): Map<string, PlanName> {
  return new Map(plan.names.filter((n) => n.scope === scope).map((n) => [n.name, n]));
}

/** Every name one form of the scheme defines: its inputs (tables too), then its outputs (column outputs last). */
export function schemeNames(scheme: Scheme): { inputs: string[]; outputs: string[] } {
  return { inputs: [...scheme.inputs, ...scheme.tables].map((i) => i.name), outputs: [...outputNames(scheme), ...scheme.columnOutputs] };
}

/** formula → what it computes, for every formula cell of a plan (formulas are unique per derivation). */
export function formulaDerivations(plan: TemplatePlan): Map<string, Derive> {
  const out = new Map<string, Derive>();
  for (const c of [...plan.sheets.flatMap((s) => s.cells), ...plan.results.cells]) if (c.formula && c.derive) out.set(c.formula, c.derive);
  return out;
}

export function sheetOf(plan: TemplatePlan, role: SheetPlan['role']): SheetPlan {
  const sheet = plan.sheets.find((s) => s.role === role);
  if (!sheet) throw new Error(`template plan has no ${role} sheet`);
  return sheet;
}

/**
 * A layout bug must not produce a workbook the adapters cannot read: each form defines each of its names exactly
 * once (in its scope), and no others.
 */
function checkNames(scheme: Scheme, plan: TemplatePlan): void {
  const { inputs, outputs } = schemeNames(scheme);
  const expected = new Set([...inputs, ...outputs]);
  for (const form of plan.forms) {
    const scope = form.sheet ?? undefined;
    const seen = new Set<string>();
    for (const n of plan.names.filter((x) => x.scope === scope)) {
      if (seen.has(n.name)) throw new Error(`template plan defines ${n.name} twice`);
      if (!expected.has(n.name)) throw new Error(`template plan defines ${n.name}, which the scheme does not have`);
      seen.add(n.name);
    }
    const missing = [...expected].filter((n) => !seen.has(n));
    if (missing.length) throw new Error(`template plan does not place ${missing.join(', ')}${scope ? ` on ${scope}` : ''}`);
  }
  const scopes = new Set(plan.forms.map((f) => f.sheet ?? undefined));
  const stray = plan.names.find((n) => !scopes.has(n.scope));
  if (stray) throw new Error(`template plan defines ${stray.name} for ${stray.scope ?? 'the workbook'}, which holds no form`);
  const unshown = plan.names.filter((n) => n.role === 'output' && (!n.shownAt || !n.range));
  if (unshown.length) throw new Error(`template plan does not show ${unshown.map((n) => n.name).join(', ')}`);
}
