/**
 * The 报送版 of a target-table scheme (project-2020, dept-2020), rendered with exceljs from a plan filled with
 * values: the national printed layout (the target_form's `submitted` columns, 指标性质 and 度量单位 folded into
 * 年度指标值, 一级/二级 merged down their rows), values only, every cell locked, every sheet protected, no helper
 * sheet, print setup kept. The typed table stays in hidden columns, and every name — workbook-wide or a project
 * sheet's own, added through the package layer — points at the cell holding its value, so that the finance
 * bureau can re-score the file. Reached only through import() (exceljs).
 */
import { Workbook } from 'exceljs';
import type { Style } from 'exceljs';
import { columnIndex, foldedTarget, type Evaluation, type Finding, type RawValue, type Scheme, type TargetFormSheet } from '../../engine';
import { resultOf, type FormulaSources } from '../formulaResults';
import { formsValues } from '../forms/write';
import { makeSyncRecord } from '../sync';
import { cellText, outputValues, rowOutputValues } from '../outputs';
import type { NameEdit } from '../package/definedNames';
import { XlsxPackage } from '../package/package';
import { patchPackage } from '../package/patch';
import { areaFormula } from '../package/refs';
import { targetGrid } from '../template/kinds/targetForm';
import { at, corners, heightFor, linesFor } from '../template/geometry';
import { planTemplate, repeatedSheet } from '../template/plan';
import { BODY_SIZE, INPUT_FILL, OUTPUT_FILL } from '../template/styles';
import type { CellStyle, PlanCell, PlanName, SheetPlan, StyleKey, TemplatePlan } from '../template/types';
import type { OutputValue } from '../types';
import { renderSheets } from '../xlsx/render';
import { SCHEME_SHEET } from '../schemeCells';
import { writeSchemeSheet } from '../xlsx/schemeSheet';
import { writeSyncDescription } from '../xlsx/syncRecord';
import { XlsxWorkbook } from '../xlsx/workbook';
import { SUBMISSION_PROTECTION } from './build';
import { incompleteHeader, incompleteNotice } from './check';

/** One form of the 報送版: its sheet (null for the workbook-wide form), its inputs as typed, its evaluation. */
export interface FormSource {
  sheet: string | null;
  values: Record<string, RawValue>;
  evaluation: Evaluation;
}

const RED = 'C00000';

/**
 * The 报送版's bytes; `errors` lists each form's error findings (all empty unless the officer confirmed exporting
 * despite them: the file then says it is incomplete).
 */
export async function renderFormsSubmission(scheme: Scheme, forms: FormSource[], errors: Finding[][], title: string): Promise<Uint8Array> {
  const sources = forms.map((f) => ({ ...f, values: withoutTrailingBlankRows(scheme, f.values) }));
  const plan = planTemplate(scheme, {
    submitted: true,
    forms: sources.map((f) => ({
      ...(f.sheet ? { sheet: f.sheet } : {}),
      rows: Object.fromEntries(scheme.tables.map((t) => [t.name, Array.isArray(f.values[t.name]) ? (f.values[t.name] as RawValue[]).length : 0])),
    })),
  });
  const filled = fillPlan(scheme, plan, sources);
  const locked = lockPlan(filled);

  const workbook = new Workbook();
  workbook.creator = 'jixiao';
  workbook.title = title;
  await renderSheets(workbook, locked);
  // the export is a sync, kept whole in the document description (the 报送版 may hold no helper sheet)
  writeSyncDescription(workbook, makeSyncRecord(scheme.id, scheme.version, formsValues(sources), new Date()));
  if (errors.some((e) => e.length)) markIncomplete(workbook, scheme, locked, sources, errors);
  // the scheme, so that the finance bureau re-scores with the rules the file was made by
  const carried = writeSchemeSheet(workbook, scheme);
  if (carried) await workbook.getWorksheet(SCHEME_SHEET)?.protect('', { ...SUBMISSION_PROTECTION });
  workbook.calcProperties.fullCalcOnLoad = false;
  const bytes = await new XlsxWorkbook(workbook).toBuffer();
  const pkg = XlsxPackage.open(bytes);
  return patchPackage(pkg, { writes: [], names: submissionNames(pkg, locked) });
}

/** The typed tables without their trailing blank rows (the template's spare rows are not printed). */
function withoutTrailingBlankRows(scheme: Scheme, values: Record<string, RawValue>): Record<string, RawValue> {
  const out = { ...values };
  for (const t of scheme.tables) {
    const rows = values[t.name];
    if (!Array.isArray(rows)) continue;
    const kept = rows.slice();
    while (kept.length && isBlankRow(kept[kept.length - 1])) kept.pop();
    out[t.name] = kept;
  }
  return out;
}

function isBlankRow(row: RawValue): boolean {
  const cells = Array.isArray(row) ? row : [row];
  return cells.every((v) => v === null || v === undefined || (typeof v === 'string' && v.trim() === ''));
}

/** A cell's value as a plan holds it (a nested array is no cell value). */
function cellValue(v: RawValue | OutputValue | undefined): PlanCell['value'] {
  if (v === null || v === undefined || Array.isArray(v) || v === '') return undefined;
  return typeof v === 'string' ? cellText(v) : v;
}

/**
 * The plan with every cell holding its value: the inputs as typed, the outputs where they are shown, the
 * printed copies of each table row, and every formula replaced by what it shows.
 */
function fillPlan(scheme: Scheme, plan: TemplatePlan, sources: FormSource[]): TemplatePlan {
  const sheets = plan.sheets.map((s) => ({ ...s, cells: s.cells.map((c) => ({ ...c })), merges: [...s.merges], rows: [...s.rows] }));
  const byAddress = new Map(sheets.map((s) => [s.name, new Map(s.cells.map((c) => [c.address, c]))]));
  const set = (sheet: string, address: string, value: PlanCell['value']) => {
    const cells = byAddress.get(sheet);
    let cell = cells?.get(address);
    if (!cell) {
      cell = { address, style: 'label' };
      sheets.find((s) => s.name === sheet)!.cells.push(cell);
      cells?.set(address, cell);
    }
    delete cell.formula;
    delete cell.derive;
    if (value === undefined) delete cell.value;
    else cell.value = value;
  };
  /** what each name holds, by form scope ('' for the workbook) */
  const values = new Map<string, Map<string, RawValue>>();
  const tables = new Map(scheme.tables.map((t) => [t.name, t]));

  plan.forms.forEach((form, k) => {
    const source = sources[k];
    const scope = form.sheet ?? undefined;
    const held = new Map<string, RawValue>();
    values.set((form.sheet ?? '').toLowerCase(), held);
    const outputs = outputValues(scheme, source.evaluation);
    const rows = new Map(rowOutputValues(scheme, source.evaluation));
    for (const n of plan.names.filter((x) => x.scope === scope)) {
      const c = corners(n.shownAt && n.sheet !== n.shownAt.sheet ? n.shownAt.range : n.range);
      const sheet = n.shownAt && n.sheet !== n.shownAt.sheet ? n.shownAt.sheet : n.sheet;
      const table = tables.get(n.name);
      if (table) {
        const typed = (source.values[n.name] as RawValue[] | undefined) ?? [];
        for (let r = c.top; r <= c.bottom; r++) {
          const row = typed[r - c.top];
          table.fields.forEach((_, f) => set(sheet, at(c.left + f, r), cellValue(Array.isArray(row) ? row[f] : null)));
        }
      } else if (rows.has(n.name)) {
        const list = rows.get(n.name)!;
        for (let r = c.top; r <= c.bottom; r++) set(sheet, at(c.left, r), cellValue(list[r - c.top]));
      } else if (n.role === 'output') {
        const v = outputs.get(n.name) ?? null;
        set(sheet, at(c.left, c.top), cellValue(v));
        held.set(n.name, v);
      } else {
        const v = source.values[n.name] ?? null;
        set(sheet, at(c.left, c.top), cellValue(v));
        held.set(n.name, v);
      }
    }
    const spec = repeatedSheet(scheme) ?? scheme.layout.sheets.find((s) => s.kind === 'target_form');
    const sheet = sheets.find((s) => s.kind === 'target_form' && (form.sheet === null || s.name === form.sheet));
    if (spec?.kind === 'target_form' && sheet) printedTable(scheme, spec, sheet, source, plan.names.find((x) => x.scope === scope && x.name === scheme.targets!.table)!, set);
  });

  // every other formula (captions, subtotals, 项目自评汇总) shows its value now
  const formSheets = new Set(plan.forms.map((f) => f.sheet?.toLowerCase()).filter((s): s is string => !!s));
  for (const sheet of sheets) {
    const scope = formSheets.has(sheet.name.toLowerCase()) ? sheet.name.toLowerCase() : '';
    const src: FormulaSources = { named: (name, other) => values.get((other ?? scope).toLowerCase())?.get(name) ?? null, survey: null };
    for (const cell of sheet.cells) {
      if (!cell.derive) continue;
      const v = resultOf(cell.derive, src);
      delete cell.formula;
      delete cell.derive;
      cell.value = v === '' ? undefined : (v as PlanCell['value']);
      if (cell.value === undefined) delete cell.value;
    }
  }
  return { ...plan, sheets };
}

/**
 * The printed table of a target form: each row's national columns — the level labels merged down their rows,
 * 年度指标值 with its 指标性质 and 度量单位 folded in, 实际完成值 with its unit, the score — from the typed rows and
 * the evaluation (rows it did not score print as typed).
 */
function printedTable(
  scheme: Scheme,
  spec: TargetFormSheet,
  sheet: SheetPlan,
  source: FormSource,
  tableName: PlanName,
  set: (sheet: string, address: string, value: PlanCell['value']) => void,
): void {
  const table = scheme.table(scheme.targets!.table);
  const grid = targetGrid(spec, table.fields, true);
  const first = corners(tableName.range).top;
  const typed = ((source.values[table.name] as RawValue[] | undefined) ?? []).map((r) => (Array.isArray(r) ? r : []));
  const byRow = new Map(source.evaluation.indicators.filter((i) => i.row !== undefined).map((i) => [i.row!, i]));
  const scores = rowOutputValues(scheme, source.evaluation);
  const text = (v: RawValue) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());
  const widths = new Map(sheet.columns.map((c) => [columnIndex(c.column), c.width]));
  const heights = new Map(sheet.rows.map((r) => [r.row, r.height]));
  const field = (name: string) => table.fields.findIndex((f) => f.name === name);
  // the level labels as they apply to each row: a blank one continues the one above, a new 一级 starts its own 二级
  const keys: Record<'level1' | 'level2', string[]> = { level1: [], level2: [] };
  const labels: Record<'level1' | 'level2', string[]> = { level1: [], level2: [] };
  let l1 = '';
  let l2 = '';
  for (const row of typed) {
    const t1 = text(row[field('level1')]);
    const t2 = text(row[field('level2')]);
    if (t1 && t1 !== l1) {
      l1 = t1;
      l2 = '';
    }
    if (t2) l2 = t2;
    keys.level1.push(l1);
    labels.level1.push(l1);
    keys.level2.push(`${l1}\u0000${l2}`);
    labels.level2.push(l2);
  }
  typed.forEach((row, r) => {
    const ind = byRow.get(r);
    const y = first + r;
    let lines = 2;
    for (const { col, column } of grid.printed) {
      let value: PlanCell['value'];
      if ('output' in column) value = cellValue(scores.find(([n]) => n === (column.output === 'score' ? scheme.outputs.rows!.score : scheme.outputs.rows!.text))?.[1][r]);
      else if (column.field === 'level1' || column.field === 'level2') {
        const k = keys[column.field];
        // the label on the first row of its run, the run merged below
        value = r === 0 || k[r] !== k[r - 1] ? cellValue(labels[column.field][r]) : undefined;
      } else if (column.field === 'target') value = cellValue(ind ? foldedTarget(ind) : text(row[field('target')]));
      else if (column.field === 'actual') value = cellValue(ind ? ind.actual : text(row[field('actual')]));
      else value = cellValue(row[field(column.field)]);
      set(sheet.name, at(col, y), value);
      if (typeof value === 'string') lines = Math.max(lines, linesFor(value, widths.get(col) ?? 10));
    }
    heights.set(y, Math.max(heights.get(y) ?? 0, heightFor(lines, BODY_SIZE)));
  });
  for (const { col, column } of grid.printed) {
    if (!('field' in column) || (column.field !== 'level1' && column.field !== 'level2')) continue;
    const k = keys[column.field];
    let from = 0;
    for (let r = 1; r <= k.length; r++) {
      if (r < k.length && k[r] === k[from]) continue;
      if (r - 1 > from && labels[column.field][from]) sheet.merges.push(`${at(col, first + from)}:${at(col, first + r - 1)}`);
      from = r;
    }
  }
  sheet.rows = [...heights].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height }));
}

/**
 * Every cell locked, no validation, no row left unlocked, every sheet protected against any change; and printed
 * as the national form is, without the template's yellow (to fill) and grey (computed) fills.
 */
function lockPlan(plan: TemplatePlan): TemplatePlan {
  const plain = (s: CellStyle): CellStyle => {
    const { fill, ...rest } = s;
    return fill === INPUT_FILL || fill === OUTPUT_FILL ? { ...rest, locked: true } : { ...s, locked: true };
  };
  const styles = Object.fromEntries(Object.entries(plan.styles).map(([k, s]) => [k, plain(s)])) as Record<StyleKey, CellStyle>;
  const sheets = plan.sheets.map((s) => ({ ...s, validations: [], unlocked: [], rowBands: [], protection: { ...SUBMISSION_PROTECTION } }));
  return { ...plan, styles, sheets };
}

/**
 * The names of the 报送版: each input where its value is, each output on the visible cell that shows it (the row
 * outputs on their columns), a project's names its sheet's own.
 */
function submissionNames(pkg: XlsxPackage, plan: TemplatePlan): NameEdit[] {
  return plan.names.map((n) => {
    const home = n.shownAt && n.sheet !== n.shownAt.sheet ? n.shownAt : { sheet: n.sheet, range: n.range };
    const scope = n.scope ? pkg.sheet(n.scope) : undefined;
    return { name: n.name, localSheetId: scope ? scope.index : null, formula: areaFormula(home.sheet, corners(home.range)) };
  });
}

/**
 * An export the officer confirmed despite errors: each form's status cell says, in bold red, that the form is
 * incomplete and lists its first errors; every printed page carries the same in its header.
 */
function markIncomplete(workbook: Workbook, scheme: Scheme, plan: TemplatePlan, sources: FormSource[], errors: Finding[][]): void {
  plan.forms.forEach((form, k) => {
    const status = plan.names.find((n) => n.scope === (form.sheet ?? undefined) && n.name === scheme.outputs.status);
    const home = status?.shownAt;
    const ws = home && workbook.getWorksheet(home.sheet);
    if (!home || !ws || !errors[k]?.length) return;
    const text = cellText(incompleteNotice(sources[k].evaluation, errors[k]));
    const c = corners(home.range);
    const cell = ws.getCell(c.top, c.left);
    cell.value = text;
    cell.style = { ...cell.style, font: { ...cell.style.font, bold: true, color: { argb: `FF${RED}` } }, alignment: { ...cell.style.alignment, wrapText: true, vertical: 'top' } } as Partial<Style>;
    const row = ws.getRow(c.top);
    const merged = plan.sheets.find((s) => s.name === home.sheet)?.merges.map(corners).find((m) => m.left === c.left && m.top === c.top);
    let width = 0;
    for (let col = c.left; col <= (merged?.right ?? c.right); col++) width += ws.getColumn(col).width ?? 9;
    row.height = Math.max(row.height ?? 0, heightFor(linesFor(text, width), BODY_SIZE));
  });
  const header = `&C&"-,Bold"&12&K${RED}${incompleteHeader(errors.flat()).replace(/&/g, '&&')}`;
  for (const sheet of workbook.worksheets) sheet.headerFooter = { ...sheet.headerFooter, oddHeader: header };
}
