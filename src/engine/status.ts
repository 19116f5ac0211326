import type { Evaluation } from './types';

/** One line for the top of the summary form: whether the scoring is complete, and what is left to do. */
export function statusLine(e: Evaluation): string {
  const errors = e.issues.filter((f) => f.severity === 'error').length;
  const warnings = e.issues.filter((f) => f.severity === 'warning').length;
  const scored = e.execution ? [e.execution, ...e.indicators] : e.indicators;
  const open = scored.filter((i) => i.status === 'missing' || i.status === 'invalid').length;
  if (e.complete && errors === 0) return warnings ? `评分完整；另有${warnings}条提示请核对` : '评分完整';
  const parts = [open ? `${open}项指标无法评分` : '', errors ? `${errors}处输入错误` : ''].filter(Boolean);
  return `评分未完成：${parts.join('，')}`;
}
