import type { ReviewIssue, Verdict } from './types';

/** fix when an error remains, verify when there are warnings only, pass otherwise (infos do not count). */
export function verdictOf(issues: readonly Pick<ReviewIssue, 'severity'>[]): Verdict {
  if (issues.some((f) => f.severity === 'error')) return 'fix';
  return issues.some((f) => f.severity === 'warning') ? 'verify' : 'pass';
}
