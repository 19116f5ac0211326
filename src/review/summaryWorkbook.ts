/**
 * 审核汇总.xlsx, the bureau's summary of a batch: 汇总 (one row per form, and one per file that could not be
 * reviewed), 问题清单 (one row per finding), 等级分布 (forms by grade and by form kind); each sheet with its header
 * frozen, an autofilter, widths that fit and A4 landscape print setup. The command (-o) and the page (导出审核汇总)
 * write the same workbook. Imports exceljs: load it with import() where start-up matters.
 */
import { Workbook, type Worksheet } from 'exceljs';
import { Decimal } from '../engine';
import { displayWidth } from '../workbook/template/geometry';
import type { BatchReview, FileReview, ReviewedForm } from './types';
import { gradeOrder, KIND_TEXT, schemeTitle, SEVERITY_TEXT, STATUS_TEXT, VERDICT_TEXT } from './words';

export const SUMMARY_SHEETS = { forms: '汇总', issues: '问题清单', grades: '等级分布' } as const;

export const FORM_HEADERS = ['单位', '项目', '年度', '表种', '文件', '文件中总分', '复核总分', '差异', '等级', '错误数', '警告数', '结论'];
export const ISSUE_HEADERS = ['文件', '单位', '工作表!单元格', '级别', '问题'];

const HEADER_FILL = 'FFD9E1F2';
const MAX_WIDTH = 60;

function difference(form: ReviewedForm): number | null {
  if (form.shown.total === null || form.total === null) return null;
  return new Decimal(form.shown.total).minus(form.total).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
}

const count = (form: ReviewedForm, severity: 'error' | 'warning') => form.issues.filter((i) => i.severity === severity).length;

function formRow(file: FileReview, form: ReviewedForm): (string | number | null)[] {
  const kind = file.kind === 'working' || !file.kind ? schemeTitle(form.scheme) : `${schemeTitle(form.scheme)}（${KIND_TEXT[file.kind]}）`;
  return [form.dept, form.project, form.year, kind, file.file, form.shown.total, form.total, difference(form), form.grade, count(form, 'error'), count(form, 'warning'), VERDICT_TEXT[form.verdict]];
}

/** A sheet of rows under a header: bold header on a fill, frozen, filtered, columns as wide as their texts, A4 landscape. */
function table(wb: Workbook, name: string, headers: string[], rows: (string | number | null)[][], wrap: number[] = []): Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    c.alignment = { vertical: 'middle', horizontal: 'center' };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: headers.length } };
  headers.forEach((h, k) => {
    const widest = Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[k] === null || r[k] === undefined ? '' : String(r[k]))));
    const col = ws.getColumn(k + 1);
    col.width = Math.min(MAX_WIDTH, Math.max(6, widest + 2));
    if (wrap.includes(k)) col.alignment = { wrapText: true, vertical: 'top' };
  });
  return ws;
}

/** The summary workbook of a batch, as bytes. */
export async function summaryWorkbook(batch: BatchReview): Promise<Uint8Array> {
  const wb = new Workbook();
  wb.creator = 'jixiao';
  wb.title = '审核汇总';

  const formRows: (string | number | null)[][] = [];
  const issueRows: (string | number | null)[][] = [];
  for (const file of batch.files) {
    if (file.status !== 'reviewed') {
      formRows.push([null, null, null, null, file.file, null, null, null, null, 0, 0, STATUS_TEXT[file.status]]);
      issueRows.push([file.file, null, null, STATUS_TEXT[file.status], file.reason ?? '']);
      continue;
    }
    for (const form of file.forms) {
      formRows.push(formRow(file, form));
      for (const issue of form.issues) issueRows.push([file.file, form.dept, issue.cells.join('，') || null, SEVERITY_TEXT[issue.severity], issue.message]);
    }
  }
  table(wb, SUMMARY_SHEETS.forms, FORM_HEADERS, formRows);
  table(wb, SUMMARY_SHEETS.issues, ISSUE_HEADERS, issueRows, [4]);

  // forms by grade (rows) and by kind of form (columns), as recomputed
  const forms = batch.files.flatMap((f) => f.forms);
  const schemes = [...new Set(forms.map((f) => f.scheme))];
  const grades = gradeOrder();
  const rows: (string | number | null)[][] = [];
  for (const g of [...grades, null]) {
    const here = forms.filter((f) => (g === null ? f.grade === null || !grades.includes(f.grade) : f.grade === g));
    if (g === null && !here.length) continue;
    rows.push([g ?? '未评定', ...schemes.map((s) => here.filter((f) => f.scheme === s).length), here.length]);
  }
  rows.push(['合计', ...schemes.map((s) => forms.filter((f) => f.scheme === s).length), forms.length]);
  const ws = table(wb, SUMMARY_SHEETS.grades, ['等级', ...schemes.map(schemeTitle), '合计'], rows);
  ws.getRow(rows.length + 1).font = { bold: true };

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
