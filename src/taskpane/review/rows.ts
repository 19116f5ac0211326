/**
 * The review table of the page: one row per form (and one per file not reviewed), sorted and filtered by 结论,
 * 等级, 表种 and 单位. Pure: the page and its tests use the same functions.
 */
import type { FileReview, ReviewedForm, Verdict } from '../../review';
import { KIND_TEXT, schemeTitle, STATUS_TEXT, VERDICT_TEXT } from '../../review/words';

export interface ReviewRow {
  key: string;
  /** index of the file in the batch, and of the form in the file (-1: a file not reviewed) */
  file: number;
  form: number;
  fileName: string;
  /** 通过 / 需核实 / 需修改 / 无法读取 / 无法识别 */
  verdict: string;
  verdictCode: Verdict | FileReview['status'];
  grade: string | null;
  kind: string;
  unit: string | null;
  project: string | null;
  year: number | null;
  total: number | null;
  shown: number | null;
  issues: number;
}

export type SortKey = 'verdict' | 'grade' | 'kind' | 'unit' | 'total' | 'file';

export interface RowFilter {
  verdict?: string;
  grade?: string;
  kind?: string;
  /** part of the unit's name */
  unit?: string;
}

function formKind(file: FileReview, form: ReviewedForm): string {
  const title = schemeTitle(form.scheme);
  return file.kind && file.kind !== 'working' ? `${title}（${KIND_TEXT[file.kind]}）` : title;
}

export function rowsOf(files: readonly FileReview[]): ReviewRow[] {
  const rows: ReviewRow[] = [];
  files.forEach((f, i) => {
    if (f.status !== 'reviewed') {
      rows.push({ key: `${i}`, file: i, form: -1, fileName: f.file, verdict: STATUS_TEXT[f.status], verdictCode: f.status, grade: null, kind: '', unit: null, project: null, year: null, total: null, shown: null, issues: 1 });
      return;
    }
    f.forms.forEach((form, k) =>
      rows.push({
        key: `${i}:${k}`,
        file: i,
        form: k,
        fileName: f.file,
        verdict: VERDICT_TEXT[form.verdict],
        verdictCode: form.verdict,
        grade: form.grade,
        kind: formKind(f, form),
        unit: form.dept,
        project: form.project,
        year: form.year,
        total: form.total,
        shown: form.shown.total,
        issues: form.issues.length,
      }),
    );
  });
  return rows;
}

/** What needs the bureau first: 需修改, then 无法读取, 需核实, 无法识别, 通过. */
const VERDICT_ORDER: Record<ReviewRow['verdictCode'], number> = { fix: 0, unreadable: 1, verify: 2, not_ours: 3, pass: 4, reviewed: 5 };
const GRADE_ORDER = ['优', '良', '中', '差'];

function compare(a: ReviewRow, b: ReviewRow, key: SortKey): number {
  const text = (x: string | null) => x ?? '\uffff';
  switch (key) {
    case 'verdict':
      return VERDICT_ORDER[a.verdictCode] - VERDICT_ORDER[b.verdictCode];
    case 'grade': {
      const g = (x: string | null) => (x === null ? 99 : GRADE_ORDER.indexOf(x) < 0 ? 50 : GRADE_ORDER.indexOf(x));
      return g(a.grade) - g(b.grade);
    }
    case 'total':
      return (b.total ?? -1) - (a.total ?? -1);
    case 'kind':
      return text(a.kind).localeCompare(text(b.kind), 'zh-CN');
    case 'unit':
      return text(a.unit).localeCompare(text(b.unit), 'zh-CN');
    case 'file':
      return a.fileName.localeCompare(b.fileName, 'zh-CN');
  }
}

/** The rows that pass the filter, sorted (stable: rows equal by the key keep the batch's order). */
export function viewRows(rows: readonly ReviewRow[], filter: RowFilter, sort: { key: SortKey; descending: boolean }): ReviewRow[] {
  const unit = filter.unit?.replace(/\s+/g, '');
  const kept = rows.filter(
    (r) =>
      (!filter.verdict || r.verdict === filter.verdict) &&
      (!filter.grade || (r.grade ?? '') === filter.grade) &&
      (!filter.kind || r.kind === filter.kind) &&
      (!unit || (r.unit ?? '').replace(/\s+/g, '').includes(unit)),
  );
  const order = kept.map((r, k) => ({ r, k }));
  order.sort((x, y) => (sort.descending ? -1 : 1) * compare(x.r, y.r, sort.key) || x.k - y.k);
  return order.map((x) => x.r);
}

/** The values a column's filter offers, in order of first appearance. */
export function choices(rows: readonly ReviewRow[], pick: (r: ReviewRow) => string | null): string[] {
  return [...new Set(rows.map(pick).filter((v): v is string => !!v))];
}

/** Forms by grade, for the chart: each grade of the batch with its count, best first, then 未评定. */
export function gradeCounts(rows: readonly ReviewRow[]): { grade: string | null; count: number }[] {
  const forms = rows.filter((r) => r.form >= 0);
  const grades = [...GRADE_ORDER.filter((g) => forms.some((r) => r.grade === g)), ...choices(forms, (r) => r.grade).filter((g) => !GRADE_ORDER.includes(g))];
  const out = grades.map((g) => ({ grade: g as string | null, count: forms.filter((r) => r.grade === g).length }));
  const none = forms.filter((r) => r.grade === null).length;
  if (none) out.push({ grade: null, count: none });
  return out;
}
