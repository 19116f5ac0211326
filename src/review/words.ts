/** The review's words as the bureau reads them: verdicts, severities, file statuses, the kind of form. */
import { allSchemeIds, getScheme } from '../engine';
import type { FileReview, ReviewIssue, Verdict } from './types';

export const VERDICT_TEXT: Record<Verdict, string> = { pass: '通过', fix: '需修改', verify: '需核实' };
export const SEVERITY_TEXT: Record<ReviewIssue['severity'], string> = { error: '错误', warning: '警告', info: '提示' };
export const STATUS_TEXT: Record<Exclude<FileReview['status'], 'reviewed'>, string> = { unreadable: '无法读取', not_ours: '无法识别' };
export const KIND_TEXT = { working: '工作文件', submission: '报送版', handmade: '手工表格' } as const;

/** The form's kind by its scheme: 项目支出绩效自评表; the id itself for a scheme the product does not ship. */
export function schemeTitle(id: string): string {
  return allSchemeIds().includes(id) ? getScheme(id).title : id;
}

/** The grades in order, best first, of the shipped schemes (优 良 中 差). */
export function gradeOrder(): string[] {
  const seen: string[] = [];
  for (const id of allSchemeIds()) for (const g of getScheme(id).grades) if (!seen.includes(g.grade)) seen.push(g.grade);
  return seen;
}
