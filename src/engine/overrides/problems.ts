/** A place in a JSON file: keys and array indexes from the top. */
export type JsonPath = (string | number)[];

/**
 * One problem of a scheme file, said for the bureau's IT: where it is in the file (a JSON path such as
 * `weights.sangong_control` or `params.key_spend_ratio.tiers[0].score`), what is wrong and how to fix it, in Chinese.
 * An error refuses the file; a warning (wording left behind by a change, say) is shown but the file is accepted.
 */
export interface SchemeProblem {
  severity: 'error' | 'warning';
  path: string;
  message: string;
  fix: string;
}

const PLAIN_KEY = /^[\p{L}_$][\p{L}\p{N}_$-]*$/u;

/** `weights.sangong_control`, `params.key_spend_ratio.tiers[0]`, `grades["优 秀"]`; the top of the file is `$`. */
export function formatPath(path: JsonPath): string {
  let text = '';
  for (const seg of path) {
    if (typeof seg === 'number') text += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) text += (text ? '.' : '') + seg;
    else text += `[${JSON.stringify(seg)}]`;
  }
  return text || '$';
}

export function problem(path: JsonPath, message: string, fix: string): SchemeProblem {
  return { severity: 'error', path: formatPath(path), message, fix };
}

export function warning(path: JsonPath, message: string, fix: string): SchemeProblem {
  return { severity: 'warning', path: formatPath(path), message, fix };
}

/** One line: `weights.x：分值应大于0。改法：…` (the place `$` is said as 文件顶层). */
export function problemLine(p: SchemeProblem): string {
  const where = p.path === '$' ? '文件顶层' : p.path;
  return `${where}：${p.message}${p.fix ? `。改法：${p.fix}` : ''}`;
}

/** The nearest of `candidates` (by edit distance), for “是否想写 perPoint？”; none when nothing is close. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  // 产出 for 产出指标: a word that is part of exactly one candidate
  const containing = word.length >= 2 ? list.filter((c) => c.includes(word) || word.includes(c)) : [];
  if (containing.length === 1) return containing[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of list) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** a、b、c — at most `max` of them, then 等 */
export function listed(items: readonly string[], max = 12): string {
  return items.length <= max ? items.join('、') : `${items.slice(0, max).join('、')}等${items.length}项`;
}
