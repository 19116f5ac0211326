/**
 * Renders the 报送版 with exceljs. Reached only through import() from ./index, so that exceljs (imported
 * statically by ../xlsx) stays out of the task pane's initial bundle.
 */
import { ValueType, Workbook } from 'exceljs';
import type { CellValue, Style, Worksheet } from 'exceljs';
import type { Finding, RawValue, Scheme } from '../../engine';
import { corners, heightFor, linesFor } from '../template/geometry';
import { outputHomes, planTemplate } from '../template/plan';
import { BODY_SIZE } from '../template/styles';
import type { ProtectionPlan, TemplatePlan } from '../template/types';
import { renderPlan } from '../xlsx/render';
import { cellText } from '../outputs';
import { makeSyncRecord } from '../sync';
import { absoluteRef, sheetNamed } from '../xlsx/names';
import { writeSchemeSheet } from '../xlsx/schemeSheet';
import { writeSyncDescription } from '../xlsx/syncRecord';
import { XlsxWorkbook } from '../xlsx/workbook';
import { incompleteHeader, incompleteNotice } from './check';
import type { SubmissionSource } from './types';

/** Nothing may be changed, only looked at (no password: it marks the file as final, it is not security). */
export const SUBMISSION_PROTECTION: ProtectionPlan = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatCells: false,
  formatColumns: false,
  formatRows: false,
  insertRows: false,
  deleteRows: false,
};

const RED = 'FFC00000';
/** Excel's default column width, for a column the plan gives none */
const DEFAULT_WIDTH = 9;

/**
 * The 报送版 workbook: the scheme's three sheets rendered afresh from the plan, the inputs filled as typed,
 * the outputs written, then every formula replaced by its value, data validation dropped, every cell locked
 * and every sheet protected. No helper sheet is left: each output name points at the visible cell that shows
 * it (its home in the plan), as in a workbook of the earlier layout. Print setup and the names are the
 * template's, so the file prints as the template does and re-scores to the same result. `errors` non-empty
 * marks it incomplete.
 */
export async function renderSubmission(
  scheme: Scheme,
  source: SubmissionSource,
  errors: Finding[],
  title: string,
): Promise<Uint8Array> {
  const workbook = new Workbook();
  workbook.creator = 'jixiao';
  workbook.title = title;
  const plan = planTemplate(scheme, {});
  await renderPlan(workbook, plan);
  const book = new XlsxWorkbook(workbook);

  book.fillInputs(scheme, inputsFor(scheme, source.values));
  await book.writeOutputs(scheme, source.evaluation);
  // the export is a sync, kept whole in the document description (the 报送版 may hold no helper sheet): the
  // scheme version, a fingerprint and every input's value as exported (~3 KB). The finance bureau's review
  // compares the file's inputs with it to find inputs edited after scoring and to name what they were; a
  // fingerprint alone could only say "something changed". The values are those the sheets show anyway, so
  // the record discloses nothing the file does not. It is a consistency check, not a seal: both can be edited.
  const exported = await book.readInputs(scheme);
  writeSyncDescription(workbook, makeSyncRecord(scheme.id, scheme.version, exported.values, new Date()));

  for (const ws of workbook.worksheets) valuesOnly(ws);
  dropResults(workbook, plan);
  // the one sheet beside the form's: the scheme, so that the finance bureau re-scores with the rules it was made by
  writeSchemeSheet(workbook, scheme);
  for (const ws of workbook.worksheets) {
    dropValidations(ws);
    lockEveryCell(ws);
    await ws.protect('', { ...SUBMISSION_PROTECTION });
  }
  if (errors.length) markIncomplete(workbook, scheme, plan, source, errors);
  // no formulas left: nothing for Excel to recalculate (and no "save changes?" on closing an untouched file)
  workbook.calcProperties.fullCalcOnLoad = false;
  return book.toBuffer();
}

/**
 * Every input of the scheme, blank where the source has none (the fresh template's own prefills, such as
 * 金额单位 万元, must not stand in for what the officer left blank); a survey grid without its trailing
 * blank rows.
 */
function inputsFor(scheme: Scheme, values: Record<string, RawValue>): Record<string, RawValue> {
  const out: Record<string, RawValue> = {};
  for (const input of scheme.inputs) {
    const v = values[input.name];
    if (input.kind === 'survey' && Array.isArray(v)) {
      const rows = v.map((row) => (Array.isArray(row) ? row : [row]));
      while (rows.length && rows[rows.length - 1].every(blank)) rows.pop();
      const size = input.rows ?? rows.length;
      if (rows.length > size) throw new Error(`${input.label}最多${size}份问卷，工作簿中有${rows.length}份，无法导出`);
      out[input.name] = rows;
    } else {
      out[input.name] = v === undefined ? null : v;
    }
  }
  return out;
}

const blank = (v: RawValue) => v === null || v === undefined || v === '';

/**
 * The values are on the visible sheets now: each output name moves to the cell that shows it, and the
 * results sheet goes.
 */
function dropResults(workbook: Workbook, plan: TemplatePlan): void {
  for (const n of plan.names) {
    if (!n.shownAt) continue;
    workbook.definedNames.remove(absoluteRef(n.sheet, n.range), n.name);
    workbook.definedNames.add(absoluteRef(n.shownAt.sheet, n.shownAt.range), n.name);
  }
  const results = sheetNamed(workbook, plan.results.name);
  if (results) workbook.removeWorksheet(results.id);
}

/** Each formula cell gets its cached result as a plain value ("" as an empty cell). */
function valuesOnly(ws: Worksheet): void {
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.master !== cell) return;
      if (cell.type !== ValueType.Formula) return;
      // cell.result, not cell.value.result: exceljs's value drops a falsy result, and a score of 0 is printed as 0
      const result = cell.result as unknown;
      cell.value = result === undefined || result === null || result === '' ? null : (result as CellValue);
    });
  });
}

function dropValidations(ws: Worksheet): void {
  // present at runtime, missing from exceljs's typings
  const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
  for (const key of Object.keys(model)) delete model[key];
}

/** A fresh style object per cell (exceljs shares them by reference), each with protection locked. */
function lockEveryCell(ws: Worksheet): void {
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.style = { ...cell.style, protection: { locked: true } } as Partial<Style>;
    });
  });
}

/**
 * An export the officer confirmed despite errors: the status cell at the top of 基本情况表 says, in bold red,
 * that the form is incomplete and lists the first errors; every printed page carries the same in its header.
 * The total and grade stay as computed (the grade is blank while an indicator cannot be scored).
 */
function markIncomplete(workbook: Workbook, scheme: Scheme, plan: TemplatePlan, source: SubmissionSource, errors: Finding[]): void {
  const where = outputHomes(plan).get(scheme.outputs.status);
  const ws = where && workbook.getWorksheet(where.sheet);
  if (where && ws) {
    const c = corners(where.range);
    const cell = ws.getCell(c.top, c.left);
    const text = cellText(incompleteNotice(source.evaluation, errors));
    cell.value = text;
    cell.style = {
      ...cell.style,
      font: { ...cell.style.font, bold: true, color: { argb: RED } },
      alignment: { ...cell.style.alignment, wrapText: true, vertical: 'top' },
    } as Partial<Style>;
    const merged = plan.sheets.find((s) => s.name === where.sheet)?.merges.map(corners).find((m) => m.left === c.left && m.top === c.top);
    let width = 0;
    for (let col = c.left; col <= (merged?.right ?? c.right); col++) width += ws.getColumn(col).width ?? DEFAULT_WIDTH;
    const row = ws.getRow(c.top);
    row.height = Math.max(row.height ?? 0, heightFor(linesFor(text, width), BODY_SIZE));
  }
  const header = `&C&"-,Bold"&12&K${RED.slice(2)}${incompleteHeader(errors).replace(/&/g, '&&')}`;
  for (const sheet of workbook.worksheets) sheet.headerFooter = { ...sheet.headerFooter, oddHeader: header };
}
