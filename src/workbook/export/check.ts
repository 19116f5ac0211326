import type { Evaluation, Finding } from '../../engine';

/**
 * The findings that block a 报送版: every error-severity finding (an input missing or wrong, a defined name
 * lost). Should an evaluation be incomplete without any error finding, that itself is reported.
 */
export function checkBeforeExport(evaluation: Evaluation): Finding[] {
  const errors = evaluation.issues.filter((f) => f.severity === 'error');
  const open = evaluation.indicators.filter((i) => i.status === 'missing' || i.status === 'invalid');
  if (errors.length === 0 && open.length > 0) {
    errors.push({
      severity: 'error',
      code: 'incomplete',
      message: `${open.map((i) => i.name).join('、')}无法评分`,
      inputs: [],
    });
  }
  return errors;
}

/** How many errors a notice lists by message; the rest are counted. */
const LISTED = 5;

/**
 * The notice an incomplete 报送版 carries at the top of its 基本情况表: the count of errors, what that means,
 * and the first few messages.
 */
export function incompleteNotice(evaluation: Evaluation, errors: Finding[]): string {
  const open = evaluation.indicators.filter((i) => i.status === 'missing' || i.status === 'invalid').length;
  const head =
    `本表尚未完成：有${errors.length}处错误` +
    (open ? `，${open}项指标无法评分` : '') +
    '，评价总分和结论仅按已评分的指标计算，不能作为正式报送材料。';
  const lines = errors.slice(0, LISTED).map((f, i) => `${i + 1}. ${f.message}`);
  if (errors.length > LISTED) lines.push(`……另有${errors.length - LISTED}处错误未列出。`);
  return [head, ...lines].join('\n');
}

/** The one-line version for page headers. */
export function incompleteHeader(errors: Finding[]): string {
  return `本表尚未完成（有${errors.length}处错误），不能作为正式报送材料`;
}
