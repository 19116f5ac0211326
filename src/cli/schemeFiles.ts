import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { allSchemeIds, checkSchemeData, getScheme, jsonLines, lineOf, problemLine, resolvedShipped, schemeIds } from '../engine';
import type { ResolvedScheme, Scheme, SchemeCheck, SchemeProblem } from '../engine';
import type { FormsFile } from '../workbook/forms';
import { schemeMismatch, schemeOfWorkbook } from '../workbook/package/embeddedScheme';
import { formsSchemeOf, readable, type FilePath } from './files';
import { cannotRead, CliError, fsReason } from './io';
import { jsonSyntaxProblem } from './jsonError';

/** A scheme file is a few kilobytes; anything this large is not one. */
const MAX_SCHEME_BYTES = 5 * 1024 * 1024;

/** The folder beside the working directory where a bureau's scheme files are found. */
export const SCHEMES_DIR = 'schemes';

/** The catalog of a schemes folder (`jixiao scheme catalog`), which the page reads at start. */
export const CATALOG_FILE = 'index.json';

/** A scheme file read and checked: its problems carry the line they are on. */
export interface SchemeFileCheck extends SchemeCheck {
  file: FilePath;
  /** the line of each problem (same order), where the text could be read as JSON */
  lines: (number | undefined)[];
}

/** The text of a scheme file (synchronous: `--scheme` is resolved while the arguments are read). */
function readText(file: FilePath): string {
  try {
    if (statSync(file.path).size > MAX_SCHEME_BYTES) throw cannotRead(file.shown, '文件过大，不是评分方案文件');
    return readFileSync(file.path, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw cannotRead(file.shown, fsReason(err));
  }
}

/** Reads and checks a scheme file; a file that cannot be read at all is a CliError (exit 2). */
export function checkSchemeFile(file: FilePath): SchemeFileCheck {
  const text = readText(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    if (err instanceof RangeError) return { kind: 'scheme', file, problems: [tooDeep], lines: [undefined] };
    const where = jsonSyntaxProblem((err as Error).message, text);
    const line = /^第(\d+)行/.exec(where);
    const p: SchemeProblem = {
      severity: 'error',
      path: '$',
      message: `不是有效的 JSON：${where}`,
      fix: '改正该处（常见的是多了或少了逗号、用了中文引号或单引号）；可在支持 JSON 的编辑器中打开查看',
    };
    return { kind: 'scheme', file, problems: [p], lines: [line ? Number(line[1]) : undefined] };
  }
  const check = checkSchemeData(data);
  // a text deep enough to be refused is not walked for its lines
  const at = check.problems.some((p) => p.path === '$') ? new Map<string, number>() : jsonLines(text);
  return { ...check, file, lines: check.problems.map((p) => lineOf(at, p.path)) };
}

const tooDeep: SchemeProblem = { severity: 'error', path: '$', message: '结构嵌套过深，不是评分方案文件', fix: '参照 jixiao scheme new 生成的文件书写' };

/** 第7行 weights.x：…。改法：… */
export function problemText(p: SchemeProblem, line: number | undefined): string {
  return `${line ? `第${line}行 ` : ''}${problemLine(p)}`;
}

/** The errors of a refused file in one line, for a command that needed the scheme (exit 2). */
export function refusal(check: SchemeFileCheck): CliError {
  const errors = check.problems.map((p, k) => ({ p, line: check.lines[k] })).filter((x) => x.p.severity === 'error');
  const listedErrors = errors.map((x, k) => `${'①②③④⑤⑥⑦⑧⑨⑩'[k] ?? `(${k + 1})`}${problemText(x.p, x.line)}`).join('；');
  return new CliError(`评分方案文件“${check.file.shown}”有${errors.length}处问题，不能使用：${listedErrors}（用 jixiao scheme check ${check.file.shown} 查看）`);
}

/** The scheme files (`*.json`, not the JSON Schema) directly in a folder, sorted by name; none if it is absent. */
export function schemeFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new CliError(`无法读取文件夹“${dir}”：${fsReason(err)}`);
  }
  return names
    .filter((n) => /\.json$/i.test(n) && !/\.schema\.json$/i.test(n) && !n.startsWith('.') && n.toLowerCase() !== CATALOG_FILE)
    .filter((n) => {
      try {
        return statSync(path.join(dir, n)).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

/** `schemes/示例县.json` as the user would write it from the working directory. */
function shownIn(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Every scheme file of a folder, checked. */
export function schemesIn(cwd: string, dir: string): SchemeFileCheck[] {
  const checks: SchemeFileCheck[] = [];
  for (const name of schemeFilesIn(dir)) {
    const full = path.join(dir, name);
    checks.push(checkSchemeFile({ shown: shownIn(cwd, full), path: full }));
  }
  return checks;
}

const looksLikePath = (given: string) => /\.json$/i.test(given) || /[\\/]/.test(given);

/**
 * `--scheme ID|FILE`: a shipped scheme by id; a scheme file (an override or a whole scheme) by its path; or the
 * id of a scheme file in the `schemes` folder of the working directory. A file with problems is refused with
 * every error (exit 2).
 */
export function schemeArgument(given: string, cwd: string): ResolvedScheme {
  if (given === '') throw new CliError('--scheme 为空：应为评分方案编号或方案文件（.json）');
  if (allSchemeIds().includes(given)) return resolvedShipped(given);
  const full = path.resolve(cwd, given);
  if (looksLikePath(given) || existsSync(full)) {
    const check = checkSchemeFile({ shown: given, path: full });
    if (!check.resolved) throw refusal(check);
    return check.resolved;
  }
  const found = schemesIn(cwd, path.join(cwd, SCHEMES_DIR));
  const match = found.filter((c) => c.resolved?.scheme.id === given);
  if (match.length === 1) return match[0].resolved!;
  if (match.length > 1) throw new CliError(`${SCHEMES_DIR} 文件夹中有${match.length}个编号为“${given}”的方案（${match.map((c) => c.file.shown).join('、')}），请直接给出文件`);
  const local = found.flatMap((c) => (c.resolved ? [c.resolved.scheme.id] : []));
  throw new CliError(`未知的评分方案“${given}”（内置：${allSchemeIds().join('、')}${local.length ? `；${SCHEMES_DIR} 文件夹中：${local.join('、')}` : ''}），也可以给出方案文件的路径（.json）`);
}

/**
 * The scheme to score a workbook file with. `given` (--scheme): that one, and `warn` hears it when the file was made
 * with another scheme, version or an altered copy. Else the scheme the file carries when this machine has none of
 * that content (a county's scheme, an earlier version), else the shipped scheme whose names it holds. A file whose
 * carried scheme was altered or damaged is refused (exit 2) unless --scheme says which scheme to use: scored by its
 * names alone it could silently give another total than the one it was made with.
 */
export async function workbookSchemeOf(workbook: FormsFile, given: ResolvedScheme | undefined, file: FilePath, warn: (line: string) => void): Promise<Scheme> {
  if (given) {
    const scheme = await formsSchemeOf(workbook, [given.scheme], file);
    const mismatch = await readable(file, () => schemeMismatch(workbook.pkg, given));
    if (mismatch) warn(mismatch.message);
    return scheme;
  }
  const found = await readable(file, () => schemeOfWorkbook(workbook.pkg, schemeIds().map((id) => getScheme(id))));
  if (found.problem) throw cannotRead(file.shown, `${found.problem}；如确知所用的评分方案，请用 --scheme 指定`);
  if (!found.scheme) throw cannotRead(file.shown, '不是本工具模板生成的工作簿（找不到任何评分方案的输入名称）');
  return found.scheme;
}
