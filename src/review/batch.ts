/**
 * The checks across a batch of reviewed files: the same unit and project filed in more than one file
 * (`duplicate_form`), different units filing identical inputs (`same_inputs`); then each form's verdict again
 * and the counts of the summary.
 */
import type { BatchReview, FileResult, ReviewIssue, ReviewSummary } from './types';
import { verdictOf } from './verdict';

interface Ref {
  result: FileResult;
  form: number;
}

function groups(results: FileResult[], key: (r: FileResult, k: number) => string | null): Map<string, Ref[]> {
  const out = new Map<string, Ref[]>();
  for (const result of results) {
    result.keys.forEach((_, k) => {
      const id = key(result, k);
      if (id === null) return;
      const list = out.get(id) ?? [];
      list.push({ result, form: k });
      out.set(id, list);
    });
  }
  return out;
}

const others = (refs: Ref[], self: Ref): string[] => [...new Set(refs.filter((r) => r.result !== self.result).map((r) => r.result.review.file))];
const listed = (files: string[]): string => files.slice(0, 3).map((f) => `“${f}”`).join('、') + (files.length > 3 ? ` 等 ${files.length} 个文件` : '');

function add(ref: Ref, issue: ReviewIssue): void {
  ref.result.review.forms[ref.form].issues.push(issue);
}

/** Adds the batch findings to the files' forms (in place) and returns the batch with its summary. */
export function reviewBatch(results: FileResult[]): BatchReview {
  // the same scheme, unit and project in more than one file
  const dup = groups(results, (r, k) => {
    const key = r.keys[k];
    return key.unit === null ? null : [r.review.forms[k].scheme, key.unit, key.project ?? ''].join('\u0000');
  });
  for (const refs of dup.values()) {
    for (const ref of refs) {
      const elsewhere = others(refs, ref);
      if (!elsewhere.length) continue;
      const form = ref.result.review.forms[ref.form];
      const who = `${form.dept ?? ''}${form.project ? `“${form.project}”` : ''}`;
      const cell = ref.result.keys[ref.form].unitCell;
      add(ref, { severity: 'warning', code: 'duplicate_form', message: `${who}的表在另外 ${elsewhere.length} 个文件中也有：${listed(elsewhere)}`, cells: cell ? [cell] : [] });
    }
  }

  // identical inputs from different units
  const same = groups(results, (r, k) => (r.keys[k].inputs === null ? null : `${r.review.forms[k].scheme}\u0000${r.keys[k].inputs}`));
  for (const refs of same.values()) {
    const units = new Set(refs.map((r) => r.result.keys[r.form].unit ?? ''));
    if (units.size < 2) continue;
    for (const ref of refs) {
      const mine = ref.result.keys[ref.form].unit ?? '';
      const from = refs.filter((r) => (r.result.keys[r.form].unit ?? '') !== mine);
      const names = [...new Set(from.map((r) => `${r.result.review.forms[r.form].dept ?? '（未填单位）'}（${r.result.review.file}）`))];
      add(ref, {
        severity: 'warning',
        code: 'same_inputs',
        message: `填报数据与其他单位完全相同：${names.slice(0, 3).join('、')}${names.length > 3 ? ` 等 ${names.length} 个单位` : ''}`,
        cells: [],
      });
    }
  }

  for (const r of results) for (const form of r.review.forms) form.verdict = verdictOf(form.issues);
  const files = results.map((r) => r.review);
  return { files, summary: summaryOf(files.map((f) => f)) };
}

export function summaryOf(files: BatchReview['files']): ReviewSummary {
  const forms = files.flatMap((f) => f.forms);
  return {
    files: files.length,
    forms: forms.length,
    pass: forms.filter((f) => f.verdict === 'pass').length,
    fix: forms.filter((f) => f.verdict === 'fix').length,
    verify: forms.filter((f) => f.verdict === 'verify').length,
    unreadable: files.filter((f) => f.status === 'unreadable').length,
    not_ours: files.filter((f) => f.status === 'not_ours').length,
  };
}
