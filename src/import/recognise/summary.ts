/**
 * The 综合评价报告表 / 基本情况表 of a 2013-style form: found by its 自我评价结论 label; what it states is the
 * conclusion (a total and a grade in words: 自评得分73.28分，等级为“中”), the unit and the year.
 */
import { getScheme } from '../../engine';
import type { GridView } from '../grid';
import { valueRightOf } from './cells';
import { gradeInText, labelKey, totalInText, yearIn } from './text';
import type { Located, LocatedGrade, LocatedNumber } from './types';
import { CONCLUSION_LABELS, SUMMARY_LABELS } from './vocabulary';

export interface SummaryBlock {
  top: number;
  bottom: number;
  dept: Located | null;
  year: number | null;
  conclusion: Located | null;
  total: LocatedNumber | null;
  grade: LocatedGrade | null;
  title: string | null;
  /** the scheme's text inputs the form writes beside their label (单位负责人, 支出情况分析, 存在的问题 …), by input name */
  fields: Record<string, Located>;
}

/** dept-2013's text inputs by their label's key: the 综合评价报告表 labels its fields as the scheme does. */
let textLabels: Map<string, string> | null = null;
function textInputsByLabel(): Map<string, string> {
  textLabels ??= new Map(
    getScheme('dept-2013')
      .inputs.filter((i) => i.kind === 'text' && i.name !== 'in_dept_name')
      .map((i) => [labelKey(i.label), i.name]),
  );
  return textLabels;
}

const DEPT_LABELS = ['部门名称', '单位名称', '部门单位名称', '填报单位', '填报单位盖章', '预算部门名称'];
const isConclusion = (key: string) => CONCLUSION_LABELS.includes(key) || key.startsWith('自我评价结论');
const isSummaryLabel = (key: string) => isConclusion(key) || SUMMARY_LABELS.includes(key) || DEPT_LABELS.includes(key);

/** The summary form in the rows of a grid not taken by another table, or null when it has no 自我评价结论. */
export function summaryBlock(view: GridView, used: (r: number) => boolean, before: readonly string[] = []): SummaryBlock | null {
  let at: { r: number; c: number } | null = null;
  let top = -1;
  let bottom = -1;
  let dept: Located | null = null;
  for (let r = 0; r < view.rows; r++) {
    if (used(r)) continue;
    for (const { c, text } of view.rowTexts(r)) {
      if (view.origin(r, c)[0] !== r) continue;
      const key = labelKey(text.split(/[:：]/)[0]);
      if (!isSummaryLabel(key)) continue;
      if (top < 0) top = r;
      bottom = r;
      if (!at && isConclusion(key)) at = { r, c };
      if (!dept && DEPT_LABELS.includes(key)) dept = valueRightOf(view, r, c, (t) => isSummaryLabel(labelKey(t)));
    }
  }
  if (!at) return null;
  // the conclusion: the cell to its right, or what follows the colon in the label's own cell
  let conclusion = valueRightOf(view, at.r, at.c, (t) => isSummaryLabel(labelKey(t)));
  if (!conclusion) {
    const own = view.text(at.r, at.c);
    const rest = own.replace(/^[^:：]*[:：]/, '').trim();
    if (rest !== own.trim() && rest !== '') conclusion = { cell: view.name(at.r, at.c), text: rest };
  }
  let total: LocatedNumber | null = null;
  let grade: LocatedGrade | null = null;
  if (conclusion) {
    const t = totalInText(conclusion.text);
    if (t) total = { ...conclusion, value: t.toNumber() };
    const g = gradeInText(conclusion.text);
    if (g) grade = { ...conclusion, word: g.word, grade: g.grade };
  }
  // the title: a text above the form naming it, or the paragraph before a Word table
  let title: string | null = null;
  for (let r = 0; r < top && !title; r++) {
    for (const { text } of view.rowTexts(r)) if (/报告表|基本情况表|自评表/.test(text)) title = text;
  }
  title ??= [...before].reverse().find((p) => /报告表|基本情况表|自评表/.test(p)) ?? null;
  let year = title ? (yearIn(title) ?? null) : null;
  for (let r = top; r <= bottom && year === null; r++) {
    for (const { c, text } of view.rowTexts(r)) {
      if (/^(评价年度|年度|自评年度)$/.test(labelKey(text))) {
        const v = valueRightOf(view, r, c);
        const y = v && /^(20\d{2})/.exec(v.text.trim());
        if (y) year = Number(y[1]);
      }
    }
  }
  const first = Math.max(0, Math.min(top, at.r));
  const last = Math.max(bottom, at.r);
  const fields: Record<string, Located> = {};
  const byLabel = textInputsByLabel();
  const isLabel = (t: string) => isSummaryLabel(labelKey(t)) || byLabel.has(labelKey(t));
  for (let r = first; r <= last; r++) {
    for (const { c, text } of view.rowTexts(r)) {
      const name = view.origin(r, c)[0] === r ? byLabel.get(labelKey(text)) : undefined;
      if (!name || fields[name]) continue;
      const value = valueRightOf(view, r, c, isLabel);
      if (value && value.text.trim()) fields[name] = value;
    }
  }
  return { top: first, bottom: last, dept, year, conclusion, total, grade, title, fields };
}
