/**
 * What a workbook of ours shows — each score, the total and the grade, as stored under their names and as the
 * visible cells display them — against the recomputation. A difference is `stale_output`: a score typed over by
 * hand (the cell's formula replaced by a number), or inputs edited without rescoring (the stored results old).
 */
import { Decimal, plain, type Evaluation, type Scheme } from '../engine';
import { outputValues, rowOutputValues } from '../workbook/outputs';
import type { CellValue, XlsxPackage } from '../workbook/package';
import { cellAddress } from '../workbook/package/refs';
import { outputHomes, planTemplate } from '../workbook/template/plan';
import { corners } from '../workbook/template/geometry';
import type { OutputValue } from '../workbook/types';
import type { ReviewIssue } from './types';

export interface Shown {
  total: number | null;
  grade: string | null;
  issues: ReviewIssue[];
}

/**
 * Scores compare to two decimals, as they are shown; a blank equals a blank. `zeroBlank`: the 报送版 as exported
 * shows a score of 0 as an empty cell, which is not a slip of the officer's.
 */
function same(a: CellValue, b: OutputValue, zeroBlank = false): boolean {
  const blank = (v: unknown) => v === null || v === undefined || v === '';
  if (zeroBlank && blank(a) && b === 0) return true;
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (typeof b === 'number') {
    const n = typeof a === 'number' ? a : typeof a === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(a) ? Number(a) : NaN;
    return Number.isFinite(n) && new Decimal(n).minus(b).abs().lt('0.005');
  }
  return String(a).trim() === String(b).trim();
}

const text = (v: CellValue | OutputValue): string =>
  v === null || v === undefined || v === '' ? '空白' : typeof v === 'number' ? plain(new Decimal(v)) : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);

const asNumber = (v: CellValue): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const asText = (v: CellValue): string | null => (v === null || v === '' ? null : String(v).trim());

/** The label of an output name for messages: 总分, 等级, an indicator's name, 预算执行率, 第 3 行指标. */
function labelOf(scheme: Scheme, name: string): string {
  if (name === scheme.outputs.total) return '总分';
  if (name === scheme.outputs.grade) return '自我评价结论（等级）';
  const id = name.slice(scheme.outputs.score.length);
  const indicator = scheme.indicators.find((i) => i.id === id);
  if (indicator) return `${indicator.name}得分`;
  if (scheme.targets && id === scheme.targets.execution.id) return '预算执行率得分';
  return name;
}

/** The single-cell outputs compared: every score, the total and the grade (not texts, rates or the status line). */
function comparedNames(scheme: Scheme): string[] {
  const { score, status, grade } = scheme.outputs;
  return scheme.outputNames.filter((n) => n !== status && (n === grade || n.startsWith(score)));
}

interface VisibleCell {
  address: string;
  value: CellValue;
  /** the officer typed a value where the template shows the output through a formula */
  typed: boolean;
}

/**
 * The visible cell that shows each output (its home in the template), as the file has it: row shifts below a
 * table whose rows were inserted or deleted followed through the table's name.
 */
function visibleCells(pkg: XlsxPackage, scheme: Scheme, formSheet: string | null, formSheets: string[]): Map<string, VisibleCell> {
  const plan = planTemplate(scheme, formSheets.length ? { forms: formSheets.map((sheet) => ({ sheet })) } : {});
  const scope = formSheet ?? undefined;
  const out = new Map<string, VisibleCell>();
  for (const [name, home] of outputHomes(plan, scope)) {
    const sheet = pkg.sheet(home.sheet);
    if (!sheet) continue;
    const at = corners(home.range);
    let row = at.top;
    // tables on the same sheet above the cell: their growth moves it down
    for (const table of scheme.tables) {
      const planned = plan.names.find((n) => n.name === table.name && n.scope === scope);
      const actual = pkg.name(table.name, scope);
      if (!planned || !actual || planned.sheet !== home.sheet || actual.sheet.toLowerCase() !== sheet.name.toLowerCase()) continue;
      const p = corners(planned.range);
      if (p.bottom < at.top) row += actual.bottom - p.bottom;
    }
    const xml = pkg.sheetXml(sheet);
    const cell = xml?.cell(row, at.left);
    if (!xml || !cell) continue;
    const value = pkg.valueOf(sheet, xml, cell);
    out.set(name, { address: `${sheet.name}!${cellAddress(at.left, row)}`, value, typed: !xml.child(cell, 'f') && value !== null && value !== '' });
  }
  return out;
}

/**
 * What the file shows for one form, and a `stale_output` warning for each score, total or grade that differs
 * from the recomputation. `submission`: the 报送版 defines each output name at the visible cell itself.
 */
export function compareShown(pkg: XlsxPackage, scheme: Scheme, formSheet: string | null, formSheets: string[], evaluation: Evaluation, submission: boolean): Shown {
  const scope = formSheet ?? undefined;
  const now = outputValues(scheme, evaluation);
  const visible = submission ? new Map<string, VisibleCell>() : visibleCells(pkg, scheme, formSheet, formSheets);
  const issues: ReviewIssue[] = [];
  let total: number | null = null;
  let grade: string | null = null;
  const stale = (label: string, cell: string, was: CellValue, right: OutputValue, typed: boolean) =>
    issues.push({
      severity: 'warning',
      code: 'stale_output',
      message: `${label}（${cell}）文件中为${text(was)}，复核应为${text(right)}${typed ? '：该单元格的公式已被手工填写的数值替换' : '：输入修改后未重新评分'}`,
      cells: [cell],
    });

  for (const name of comparedNames(scheme)) {
    const right = now.get(name) ?? null;
    const stored = pkg.readScalar(name, scope);
    const seen = visible.get(name);
    const shownValue = seen ? seen.value : (stored?.value ?? null);
    if (name === scheme.outputs.total) total = asNumber(shownValue);
    if (name === scheme.outputs.grade) grade = asText(shownValue);
    if (seen && !same(seen.value, right)) stale(labelOf(scheme, name), seen.address, seen.value, right, seen.typed);
    else if (stored && !same(stored.value, right, submission)) {
      const cell = seen?.address ?? `${stored.sheet.name}!${stored.address}`;
      stale(labelOf(scheme, name), cell, stored.value, right, false);
    }
  }

  // a target table's 得分 column, row by row
  for (const [name, values] of rowOutputValues(scheme, evaluation)) {
    if (name !== scheme.outputs.rows?.score) continue;
    const read = pkg.readName(name, scope);
    if (!read) continue;
    values.forEach((right, r) => {
      const was = read.values[r]?.[0] ?? null;
      if (!same(was, right, submission)) {
        const cell = `${read.sheet.name}!${cellAddress(read.area.left, read.area.top + r)}`;
        stale(`绩效指标表第 ${r + 1} 行得分`, cell, was, right, false);
      }
    });
  }
  return { total, grade, issues };
}
