/**
 * What an import writes: the forms of a hand-made file's report that go into one workbook of one scheme, each as
 * the object of inputs the template is filled with, and what stays blank. Pure: no file, no exceljs.
 */
import { getScheme, inputsFromJson, ruleKinds } from '../../engine';
import type { Finding, RawValue, Scheme } from '../../engine';
import type { HandmadeForm, HandmadeReport } from '../report';
import { ImportError } from './errors';

export interface ImportOptions {
  /** the scheme to write; default the scheme of the file's forms */
  scheme?: Scheme;
  /** the shipped scheme `scheme` extends, when it is an override (a hand-made table is recognised as a shipped one) */
  schemeBase?: string;
  /** start next year's form: targets kept; actuals, scores and deviations cleared; the year one on */
  nextYear?: boolean;
}

/** An input taken from the file: its name, its label, and the cell it came from (absent for what the title says). */
export interface FilledField {
  name: string;
  label: string;
  cell: string | null;
}

/** An input of the scheme the file does not state, so left blank; where an indicator uses it, that row of the file. */
export interface BlankField {
  name: string;
  label: string;
  /** the indicator that needs it (its name as the scheme writes it) */
  indicator: string | null;
  /** that indicator's row in the file (the cell of its 评价得分), and the score typed there */
  cell: string | null;
  typed: number | null;
}

/** One form as imported. */
export interface PlannedForm {
  /** the inputs the template is filled with (tables as rows) */
  values: Record<string, RawValue>;
  project: string | null;
  dept: string | null;
  /** the year written (next year's with nextYear) */
  year: number | null;
  /** the year the file is for */
  sourceYear: number | null;
  filled: FilledField[];
  blank: BlankField[];
  /** the rows of its target table */
  rows: number;
  /** inputs cleared for next year (their labels) */
  cleared: string[];
  /** what the file states that the scheme's inputs could not take (a key it does not know) */
  findings: Finding[];
  /** the form as the hand-made report read it */
  source: HandmadeForm;
}

export interface ImportPlan {
  scheme: Scheme;
  forms: PlannedForm[];
  /** forms of the file left out (of another scheme than the one written), in one line each */
  skipped: string[];
}

const TABLE_TITLES: Record<string, string> = {
  'dept-2013': '部门整体支出绩效评价表（评分表）',
  'dept-2020': '部门整体支出绩效自评表',
  'project-2020': '项目支出绩效自评表',
};

/** The most project sheets one imported workbook holds (as `jixiao template --projects`). */
export const MAX_IMPORTED_PROJECTS = 50;

/**
 * Inputs that stand from one year to the next beside the scheme's identity (unit, project, year, money unit): who
 * carries the project out and who fills the form, the 预期目标, the 编制数 and the unit's duties. Everything else a
 * form holds is what the year brought.
 */
const STANDING = ['in_dept_head', 'in_impl_unit', 'in_goal_expected', 'in_filler', 'in_phone', 'in_staff_quota', 'in_duties'];

/** A target row's fields that describe this year's outcome: cleared for next year. */
const OUTCOME_FIELDS = ['actual', 'rating', 'score', 'deviation'];

/** Plans the import of a hand-made report; ImportError (one Chinese line) when nothing in it can be placed. */
export function planImport(report: HandmadeReport, fileName: string, options: ImportOptions = {}): ImportPlan {
  if (!report.forms.length) throw new ImportError(nothingPlaced(report, fileName));
  const family = options.scheme ? (options.schemeBase ?? options.scheme.id) : null;
  let forms = report.forms;
  const skipped: string[] = [];
  if (family) {
    forms = report.forms.filter((f) => f.scheme === family);
    if (!forms.length) {
      const found = [...new Set(report.forms.map((f) => TABLE_TITLES[f.scheme] ?? f.scheme))].join('、');
      throw new ImportError(`“${fileName}”中没有${options.scheme!.title}（${options.scheme!.id}）可以导入：文件中是${found}`);
    }
  } else {
    const kinds = [...new Set(forms.map((f) => f.scheme))];
    if (kinds.length > 1) {
      const list = kinds.map((k) => `${TABLE_TITLES[k] ?? k}（${k}）`).join('、');
      throw new ImportError(`“${fileName}”中有多种表：${list}；一个工作簿只放一种，请用 --scheme 指定要导入哪一种`);
    }
  }
  for (const f of report.forms) if (!forms.includes(f)) skipped.push(`${TABLE_TITLES[f.scheme] ?? f.scheme}${f.project ? `“${f.project}”` : ''}（${f.tables[0]?.range ?? ''}）：不是所选方案的表，未导入`);
  const scheme = options.scheme ?? getScheme(forms[0].scheme);
  if (scheme.formScope !== 'sheet' && forms.length > 1) {
    const where = forms.map((f) => f.tables[0]?.range ?? '').join('、');
    throw new ImportError(`“${fileName}”中有${forms.length}张${scheme.title}（${where}），而一个工作簿只放一张；请把它们分到不同的文件后逐个导入`);
  }
  if (forms.length > MAX_IMPORTED_PROJECTS) {
    throw new ImportError(`“${fileName}”中有${forms.length}个项目，一个工作簿最多${MAX_IMPORTED_PROJECTS}个；请分成几个文件导入`);
  }
  return { scheme, forms: forms.map((f) => planForm(scheme, f, options.nextYear === true)), skipped };
}

/** Why nothing could be imported: the file's tables that are no form, and why each is not. */
function nothingPlaced(report: HandmadeReport, fileName: string): string {
  const why = report.unplaced
    .slice(0, 3)
    .map((u) => `${u.grid}：${u.reason}`)
    .join('；');
  return `“${fileName}”中没有可以导入的标准表（评分表、项目/部门整体支出绩效自评表、基础数据表或综合评价报告表）${why ? `：${why}` : ''}`;
}

function planForm(scheme: Scheme, form: HandmadeForm, nextYear: boolean): PlannedForm {
  const data: Record<string, unknown> = { ...form.inputs };
  const known = new Set([...scheme.inputs.map((i) => i.name), ...scheme.tables.map((t) => t.name)]);
  const filledCells: Record<string, string | null> = { ...form.cells };

  // what a 2013-style 评分表 states beside the rates: the 效益 rows' own scores (a self_score rule's input), with
  // their text as the basis
  for (const row of form.rows) {
    const rule = scheme.indicators.find((i) => i.id === row.id)?.rule as { kind: string; score?: string; basis?: string } | undefined;
    if (rule?.kind !== 'self_score' || row.typed === null || !rule.score || data[rule.score] !== undefined) continue;
    data[rule.score] = row.typed;
    filledCells[rule.score] = row.cell;
    const text = rule.basis && data[rule.basis] === undefined ? statedText(form, row.cell) : null;
    if (rule.basis && text) {
      data[rule.basis] = text;
      filledCells[rule.basis] = row.cell;
    }
  }
  // the texts a 综合评价报告表 writes beside their labels (单位负责人, 支出情况分析, 存在的问题 …)
  for (const t of form.tables) {
    if (t.kind !== 'summary') continue;
    for (const [name, at] of Object.entries(t.fields)) {
      if (data[name] !== undefined) continue;
      data[name] = at.text;
      filledCells[name] = at.cell;
    }
  }
  // the 总分 the unit wrote, where the scheme has a cell for it
  if (known.has('in_total_self') && form.shown.total !== null && data.in_total_self === undefined) {
    data.in_total_self = form.shown.total;
    filledCells.in_total_self = form.tables.flatMap((t) => ((t.kind === 'target' || t.kind === 'scoring-2013') && t.total ? [t.total.cell] : []))[0] ?? null;
  }

  const sourceYear = typeof data.in_year === 'number' ? data.in_year : form.year;
  const cleared: string[] = [];
  let year = sourceYear;
  if (nextYear) {
    year = sourceYear === null ? null : sourceYear + 1;
    if (year !== null) data.in_year = year;
    cleared.push(...clearForNextYear(scheme, data));
  }

  const { values, findings } = inputsFromJson(scheme, asTyped(scheme, Object.fromEntries(Object.entries(data).filter(([k]) => known.has(k)))));
  const labelOf = (name: string) => (scheme.tables.find((t) => t.name === name)?.label ?? scheme.inputs.find((i) => i.name === name)?.label ?? name);
  const filled: FilledField[] = Object.keys(values)
    .filter((name) => !isBlank(values[name]))
    .map((name) => ({ name, label: labelOf(name), cell: filledCells[name] ?? null }));
  const rows = Array.isArray(values.in_indicators) ? values.in_indicators.length : 0;
  return {
    values,
    project: form.project,
    dept: form.dept,
    year,
    sourceYear,
    filled,
    blank: blanks(scheme, form, values),
    rows,
    cleared,
    findings: [...findings, ...unknownKeys(data, known)],
    source: form,
  };
}

/** The text of the row whose score cell is `cell` (a 2013 row's 评价得分 text). */
function statedText(form: HandmadeForm, cell: string): string | null {
  for (const t of form.tables) {
    if (t.kind !== 'scoring-2013') continue;
    for (const row of t.rows) if (row.text?.cell === cell) return row.text.text;
  }
  return null;
}

/**
 * Next year's form from this year's: the targets, weights and names stay; what the year brought (actual values,
 * ratings, scores, deviations, the funds spent and budgeted, the 基础数据表's figures) goes. This year's 本年决算数
 * become next year's 上年决算数. Returns the labels cleared.
 */
function clearForNextYear(scheme: Scheme, data: Record<string, unknown>): string[] {
  const cleared = new Set<string>();
  for (const t of scheme.tables) {
    const rows = data[t.name];
    if (!Array.isArray(rows)) continue;
    if (t.name === 'in_indicators') {
      data[t.name] = rows.map((row) => {
        const kept = { ...(row as Record<string, unknown>) };
        for (const f of OUTCOME_FIELDS) {
          if (kept[f] !== undefined && kept[f] !== null && kept[f] !== '') cleared.add(t.fields.find((x) => x.name === f)?.label ?? f);
          delete kept[f];
        }
        return kept;
      });
    } else {
      // lines of amounts (项目支出 of the 基础数据表): the names stay, this year's 决算数 become next year's 上年决算数
      data[t.name] = rows.map((row) => {
        const r = row as Record<string, unknown>;
        cleared.add(t.label);
        return { ...(r.name !== undefined ? { name: r.name } : {}), ...(r.actual !== undefined ? { prev: r.actual } : {}) };
      });
    }
  }
  const keep = new Set([...Object.values(scheme.identity).filter((n): n is string => !!n), ...STANDING]);
  const carried: Record<string, unknown> = {};
  for (const input of scheme.inputs) {
    const name = input.name;
    if (keep.has(name) || data[name] === undefined) continue;
    // this year's 本年决算数 as next year's 上年决算数
    const prev = name.endsWith('_actual') ? name.replace(/_actual$/, '_prev') : null;
    if (prev && scheme.inputs.some((i) => i.name === prev)) carried[prev] = data[name];
    cleared.add(input.label);
    delete data[name];
  }
  for (const [k, v] of Object.entries(carried)) data[k] = v;
  return [...cleared];
}

/** A plain decimal as a Word table or a text cell holds it: 40, -3.5 (not 95%, not 1,000, not 010). */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** Table fields that hold figures although their kind is text (a 年度指标值 may also be words: 明显提升). */
const FIGURE_FIELDS = new Set(['target', 'actual']);

/**
 * Figures read as text (every cell of a Word table is text) written as numbers, as an officer types them into
 * Excel: the numeric inputs and fields, and a 年度指标值 or 实际完成值 that is a plain decimal. Names, units and
 * anything else stay as written.
 */
function asTyped(scheme: Scheme, data: Record<string, unknown>): Record<string, unknown> {
  const numeric = (kind: string) => kind === 'number' || kind === 'amount' || kind === 'integer' || kind === 'year';
  const figure = (v: unknown) => (typeof v === 'string' && PLAIN_NUMBER.test(v.trim()) ? Number(v.trim()) : v);
  const out: Record<string, unknown> = { ...data };
  for (const input of scheme.inputs) if (numeric(input.kind) && input.name in out) out[input.name] = figure(out[input.name]);
  for (const t of scheme.tables) {
    const rows = out[t.name];
    if (!Array.isArray(rows)) continue;
    const fields = t.fields.filter((f) => numeric(f.kind) || FIGURE_FIELDS.has(f.name)).map((f) => f.name);
    out[t.name] = rows.map((row) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
      const r = { ...(row as Record<string, unknown>) };
      for (const f of fields) if (f in r) r[f] = figure(r[f]);
      return r;
    });
  }
  return out;
}

function isBlank(v: RawValue): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** The scheme's inputs left blank, each with the indicator that uses it and that indicator's row in the file. */
function blanks(scheme: Scheme, form: HandmadeForm, values: Record<string, RawValue>): BlankField[] {
  const usedBy = new Map<string, string>();
  for (const ind of scheme.indicators) {
    const kind = ruleKinds[ind.rule.kind];
    for (const name of kind ? kind.inputsOf(ind.rule as never) : []) if (!usedBy.has(name)) usedBy.set(name, ind.id);
  }
  const out: BlankField[] = [];
  for (const input of scheme.inputs) {
    if (!isBlank(values[input.name])) continue;
    const id = usedBy.get(input.name) ?? null;
    // a survey's answers and its summed points are one: either will do
    if (input.kind === 'survey' && !isBlank(values.in_survey_points)) continue;
    if ((input.name === 'in_survey_points' || input.name === 'in_survey_count') && !isBlank(values.in_survey_answers)) continue;
    const row = id ? form.rows.find((r) => r.id === id) : undefined;
    out.push({
      name: input.name,
      label: input.label,
      indicator: id ? scheme.indicators.find((i) => i.id === id)!.name : null,
      cell: row?.cell ?? null,
      typed: row?.typed ?? null,
    });
  }
  return out;
}

/** Keys of the file's inputs the scheme has no input for (a scheme override that dropped one): said, not lost silently. */
function unknownKeys(data: Record<string, unknown>, known: Set<string>): Finding[] {
  return Object.keys(data)
    .filter((k) => !known.has(k))
    .map((k) => ({ severity: 'info' as const, code: 'not_imported', message: `文件中的“${k}”在所选评分方案中没有对应的输入，未导入`, inputs: [k] }));
}
