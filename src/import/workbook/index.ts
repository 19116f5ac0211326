/**
 * A hand-made file made into a jixiao workbook: its forms read (../report), planned into the inputs of one scheme
 * (./plan) and written as a template filled with them and scored, as `jixiao template --inputs` does. Runs in the
 * browser as on the command line (exceljs is loaded with import() only here); .xls/.doc and other formats are
 * converted to .xlsx/.docx by the caller.
 */
import { plain, type Finding } from '../../engine';
import { XlsxPackage, type PackageLimits } from '../../workbook/package';
import { documentKind, handmadeOfDocx, handmadeOfXlsx } from '../index';
import type { HandmadeReport } from '../report';
import { ImportError } from './errors';
import { planImport, type BlankField, type FilledField, type ImportOptions } from './plan';

export { ImportError } from './errors';
export { planImport, MAX_IMPORTED_PROJECTS } from './plan';
export type { BlankField, FilledField, ImportOptions, ImportPlan, PlannedForm } from './plan';
export { importLines } from './lines';

/** One form of the workbook written. */
export interface ImportedForm {
  /** its sheet in the workbook (project sheets are named after the project); null for a one-form scheme */
  sheet: string | null;
  project: string | null;
  dept: string | null;
  year: number | null;
  sourceYear: number | null;
  /** where the form was in the file (评分表!A1:J24) */
  from: string;
  filled: FilledField[];
  blank: BlankField[];
  /** the rows of its target table */
  rows: number;
  /** what was cleared for next year (labels) */
  cleared: string[];
  /** what the scheme could not take */
  findings: Finding[];
  /** the rows of its target table the workbook cannot score yet (a 定性 row without its 完成情况): name and why */
  unscored: { name: string; text: string }[];
  /** the workbook's scoring of the form as written */
  total: number;
  grade: string | null;
  complete: boolean;
  /** findings of the hand-made form itself (slips in what it states), for the count shown */
  handmadeIssues: number;
}

export interface ImportReport {
  file: string;
  scheme: { id: string; title: string };
  nextYear: boolean;
  forms: ImportedForm[];
  skipped: string[];
  handmade: HandmadeReport;
}

export interface ImportWorkbookOptions extends ImportOptions {
  /** what the bytes are when the name does not say (a file converted by LibreOffice keeps its own name) */
  kind?: 'xlsx' | 'docx';
  limits?: Partial<PackageLimits>;
  /** the time of the workbook's sync record */
  now?: Date;
}

/** exceljs and the template builder: their own chunk, loaded only when a workbook is made. */
const templates = () => import(/* webpackChunkName: "exceljs" */ '../../workbook/forms/template');

/**
 * The workbook (.xlsx bytes) of a hand-made .xlsx or .docx, and what went into it. ImportError for a file holding
 * nothing that can be placed (or forms of several schemes with no scheme chosen); PackageError for a file that is
 * not an .xlsx/.docx at all.
 */
export async function importWorkbook(bytes: Uint8Array, fileName: string, options: ImportWorkbookOptions = {}): Promise<{ bytes: Uint8Array; report: ImportReport }> {
  const kind = options.kind ?? documentKind(fileName);
  if (!kind) {
    throw new ImportError(`无法导入“${fileName}”：只能直接读取 .xlsx 和 .docx 文件；.xls、.et、.doc、.wps 等请先另存为 .xlsx 或 .docx（命令行 jixiao import 会用 LibreOffice 自动转换）`);
  }
  const handmade = kind === 'docx' ? handmadeOfDocx(bytes, options.limits) : handmadeOfXlsx(XlsxPackage.open(bytes, options.limits));
  const plan = planImport(handmade, fileName, options);
  const first = plan.forms[0];
  const unit = first.values.in_unit;
  const { filledTemplateFile } = await templates();
  const made = await filledTemplateFile(
    plan.scheme,
    plan.forms.map((f) => f.values),
    {
      dept: first.dept ?? undefined,
      year: first.year ?? undefined,
      unit: unit === '元' || unit === '万元' ? unit : undefined,
    },
    options.now,
  );
  const forms: ImportedForm[] = plan.forms.map((f, k) => {
    const e = made.scored[k].evaluation;
    return {
      sheet: made.scored[k].sheet,
      project: f.project,
      dept: f.dept,
      year: f.year,
      sourceYear: f.sourceYear,
      from: f.source.tables.map((t) => t.range).join('，'),
      filled: f.filled,
      blank: f.blank,
      rows: f.rows,
      cleared: f.cleared,
      findings: f.findings,
      unscored: e.indicators.filter((i) => i.row !== undefined && (i.status === 'missing' || i.status === 'invalid')).map((i) => ({ name: i.name, text: i.text })),
      total: Number(plain(e.total)),
      grade: e.grade,
      complete: e.complete,
      handmadeIssues: f.source.issues.length,
    };
  });
  return {
    bytes: made.bytes,
    report: { file: fileName, scheme: { id: plan.scheme.id, title: plan.scheme.title }, nextYear: options.nextYear === true, forms, skipped: plan.skipped, handmade },
  };
}
