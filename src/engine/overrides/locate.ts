import { formatPath, JsonPath } from './problems';

/**
 * The line (1-based) of every key and array element of a JSON text, by its path as problems write it, so that
 * a problem can say 第12行 as well as `weights.sangong_control`. The text must be valid JSON.
 */
export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const skip = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\ufeff') break;
    }
  };
  const string = (): string => {
    const start = i;
    for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: JsonPath): void => {
    skip();
    lines.set(formatPath(path), lines.get(formatPath(path)) ?? line);
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') return void i++;
      for (;;) {
        skip();
        const keyLine = line;
        const key = string();
        lines.set(formatPath([...path, key]), keyLine);
        skip();
        i++; // :
        value([...path, key]);
        skip();
        if (text[i++] === '}') return;
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') return void i++;
      for (let k = 0; ; k++) {
        value([...path, k]);
        skip();
        if (text[i++] === ']') return;
      }
    }
    if (c === '"') return void string();
    while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
  };
  value([]);
  return lines;
}

/** The line of a path, or of the nearest enclosing key the text has (a key to add goes into its object). */
export function lineOf(lines: Map<string, number>, path: string): number | undefined {
  for (let p = path; ; ) {
    const found = lines.get(p);
    if (found !== undefined) return found;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return lines.get('$');
    p = p.slice(0, cut);
  }
}
