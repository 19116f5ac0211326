import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  allSchemeIds,
  CATALOG_FORMAT,
  changeNote,
  diffSchemes,
  overrideSkeleton,
  resolvedShipped,
  schemeId,
  schemeIds,
  shippedSchemeData,
} from '../engine';
import type { CatalogFile, ResolvedScheme, SchemeProblem } from '../engine';
import { parseCommandArgs } from './args';
import { displayWidth, padEnd } from './displayWidth';
import { filePath, writeOutput } from './files';
import { CliError, CliIo } from './io';
import { CATALOG_FILE, checkSchemeFile, problemText, SCHEMES_DIR, schemeArgument, SchemeFileCheck, schemesIn } from './schemeFiles';
import { jsonForTerminal, terminalLine } from './terminal';
import { packageRoot } from './version';

const SUBCOMMANDS = 'list、new、check、diff、catalog';

/** `jixiao scheme list|new|check|diff`: a region's scheme files, from a shipped scheme to the file it distributes. */
export async function schemeCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return listCommand(rest, io);
    case 'new':
      return newCommand(rest, io);
    case 'check':
      return checkCommand(rest, io);
    case 'diff':
      return diffCommand(rest, io);
    case 'catalog':
      return catalogCommand(rest, io);
    case undefined:
      throw new CliError(`scheme 需要子命令（${SUBCOMMANDS}）；用 jixiao scheme --help 查看用法`);
    default:
      throw new CliError(`scheme 没有子命令“${sub}”（可用：${SUBCOMMANDS}）；用 jixiao scheme --help 查看用法`);
  }
}

const json = (value: unknown) => `${jsonForTerminal(JSON.stringify(value, null, 2))}\n`;

function problemJson(p: SchemeProblem, line: number | undefined) {
  return { severity: p.severity, path: p.path, line: line ?? null, message: p.message, fix: p.fix };
}

/** What --json says of a checked file. */
function fileJson(c: SchemeFileCheck) {
  const r = c.resolved;
  return {
    file: c.file.shown,
    kind: c.kind,
    valid: r !== undefined,
    id: r?.scheme.id ?? null,
    version: r?.scheme.version ?? null,
    title: r?.scheme.title ?? null,
    extends: r?.base ?? null,
    hash: r?.hash ?? null,
    problems: c.problems.map((p, k) => problemJson(p, c.lines[k])),
  };
}

/** `jixiao scheme list [--dir DIR] [--json]`: the shipped schemes, and the scheme files of a folder (valid or not). */
async function listCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('scheme list', args, { dir: { type: 'string' }, json: { type: 'boolean' } }, true);
  if (positionals.length) throw new CliError(`scheme list 不接受参数“${positionals[0]}”（文件夹用 --dir 指定）`);
  const dir = filePath(io, values.dir ?? SCHEMES_DIR, '--dir');
  if (values.dir !== undefined && !existsSync(dir.path)) throw new CliError(`文件夹“${dir.shown}”不存在`);
  const found = schemesIn(io.cwd, dir.path);
  const duplicates = duplicateIds(found);
  const workbook = new Set(schemeIds());
  const shipped = allSchemeIds().map((id) => resolvedShipped(id));

  if (values.json) {
    io.stdout(
      json({
        shipped: shipped.map((r) => ({ id: r.scheme.id, version: r.scheme.version, title: r.scheme.title, templates: workbook.has(r.scheme.id), hash: r.hash })),
        dir: dir.shown,
        found: found.map((c) => ({ ...fileJson(c), duplicate: duplicates.get(c) ?? null })),
      }),
    );
  } else {
    const lines = ['内置评分方案：'];
    table(
      shipped.map((r) => [r.scheme.id, r.scheme.version, r.scheme.title, workbook.has(r.scheme.id) ? '可生成模板' : '可用 --inputs 评分']),
      lines,
    );
    lines.push('', `本地评分方案（${dir.shown}${path.sep}）：`);
    if (!found.length) {
      lines.push(existsSync(dir.path) ? '  （没有 .json 文件）' : `  （没有这个文件夹；把方案文件放进 ${dir.shown}${path.sep}，或用 --dir 指定文件夹）`);
    } else {
      const rows: string[][] = [];
      for (const c of found) {
        const r = c.resolved;
        const dup = duplicates.get(c);
        if (r && !dup) rows.push([r.scheme.id, r.scheme.version, r.scheme.title, r.base ? `基于 ${r.base.id}` : '完整方案', c.file.shown]);
        else {
          const errors = c.problems.filter((p) => p.severity === 'error').length;
          rows.push(['（无效）', '', dup ?? `${errors}处问题`, '', c.file.shown]);
        }
      }
      table(rows, lines);
      if (found.some((c) => !c.resolved || duplicates.has(c))) lines.push('', '无效的方案文件用 jixiao scheme check 文件 查看问题所在。');
    }
    io.stdout(`${lines.join('\n')}\n`);
  }
  return found.some((c) => !c.resolved || duplicates.has(c)) ? 1 : 0;
}

/** Two files of one folder with the same id: both are refused, for nobody can tell which one is meant. */
function duplicateIds(found: SchemeFileCheck[]): Map<SchemeFileCheck, string> {
  const byId = new Map<string, SchemeFileCheck[]>();
  for (const c of found) if (c.resolved) byId.set(c.resolved.scheme.id, [...(byId.get(c.resolved.scheme.id) ?? []), c]);
  const out = new Map<SchemeFileCheck, string>();
  for (const [id, files] of byId) {
    if (files.length > 1) for (const c of files) out.set(c, `编号“${id}”与 ${files.filter((x) => x !== c).map((x) => x.file.shown).join('、')} 相同`);
  }
  return out;
}

function table(rows: string[][], lines: string[]): void {
  const widths = rows[0]?.map((_, k) => Math.max(...rows.map((r) => displayWidth(r[k])))) ?? [];
  for (const r of rows) lines.push(`  ${r.map((cell, k) => (k === r.length - 1 ? cell : padEnd(cell, widths[k]))).join('  ')}`.trimEnd());
}

/** `jixiao scheme new --from ID -o FILE [--id ID] [--version V] [--minimal] [--force]`: an override file to edit. */
async function newCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'scheme new',
    args,
    {
      from: { type: 'string' },
      output: { type: 'string', short: 'o' },
      id: { type: 'string' },
      version: { type: 'string' },
      minimal: { type: 'boolean' },
      force: { type: 'boolean' },
    },
    true,
  );
  if (positionals.length) throw new CliError(`scheme new 不接受参数“${positionals[0]}”（输出文件用 -o 指定）`);
  if (values.from === undefined) throw new CliError(`scheme new 需要 --from ID（基于哪个内置方案：${allSchemeIds().join('、')}）`);
  if (values.output === undefined) throw new CliError('scheme new 需要 -o FILE.json（要写入的覆盖文件）');
  const base = shippedSchemeData(values.from);
  if (base === undefined) throw new CliError(`--from 应为内置评分方案的编号（${allSchemeIds().join('、')}），不是“${values.from}”`);
  const out = filePath(io, values.output, '-o');
  if (!/\.json$/i.test(out.path)) throw new CliError(`输出文件“${out.shown}”应以 .json 结尾`);
  if (existsSync(out.path) && !values.force) throw new CliError(`“${out.shown}”已存在；要覆盖它请加 --force`);

  const id = values.id ?? `${values.from}-${path.basename(out.path).replace(/\.json$/i, '').replace(/\s+/g, '-')}`;
  if (!schemeId.safeParse(id).success) {
    throw new CliError(`方案编号“${id}”不可用：不能含空格和 \\ / : * ? " < > |，最长64个字符；请用 --id 指定`);
  }
  if (allSchemeIds().some((x) => x.toLowerCase() === id.toLowerCase())) throw new CliError(`方案编号“${id}”是内置方案的编号；请用 --id 指定另一个`);
  const skeleton = overrideSkeleton(values.from, base, { id, version: values.version, schema: schemaRef(out.path), minimal: values.minimal });
  await writeOutput(out, Buffer.from(`${JSON.stringify(skeleton, null, 2)}\n`, 'utf8'));
  io.stdout(`已生成覆盖文件：${out.shown}（基于 ${values.from}，编号 ${id}）\n`);
  io.stdout(`修改其中与本地区不同的分值、等级和参数（不变的可以删去），然后检查：jixiao scheme check ${out.shown}\n`);
  return 0;
}

/** `$schema`: the shipped JSON Schema as seen from the new file's folder (a file URL where no relative path leads). */
function schemaRef(file: string): string {
  const schema = path.join(packageRoot(), 'templates', 'scheme.schema.json');
  const rel = path.relative(path.dirname(file), schema);
  if (path.isAbsolute(rel)) return pathToFileURL(schema).href;
  const posix = rel.split(path.sep).join('/');
  return posix.startsWith('.') ? posix : `./${posix}`;
}

/** `jixiao scheme check FILE… [--json]`: every problem with its line, place and fix; exit 1 when any file has an error. */
async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('scheme check', args, { json: { type: 'boolean' } }, true);
  if (!positionals.length) throw new CliError('scheme check 需要一个方案文件（jixiao scheme check FILE.json）');
  const checks = positionals.map((given) => checkSchemeFile(filePath(io, given, 'FILE')));
  if (values.json) io.stdout(json(checks.length === 1 ? fileJson(checks[0]) : checks.map(fileJson)));
  else io.stdout(checks.map(checkText).join('\n'));
  return checks.every((c) => c.resolved) ? 0 : 1;
}

function checkText(c: SchemeFileCheck): string {
  const lines: string[] = [];
  const listed = (severity: SchemeProblem['severity']) =>
    c.problems
      .map((p, k) => ({ p, line: c.lines[k] }))
      .filter((x) => x.p.severity === severity)
      .map((x, k) => `  ${k + 1}. ${problemText(x.p, x.line)}`);
  const r = c.resolved;
  if (r) {
    lines.push(`${c.file.shown}：检查通过`);
    lines.push(`  ${r.scheme.title}（编号 ${r.scheme.id}，版本 ${r.scheme.version}）`);
    lines.push(`  ${r.base ? `覆盖文件，基于内置方案 ${r.base.id}（版本 ${r.base.version}）` : '完整的评分方案'}；满分${r.scheme.maxTotal}分`);
    lines.push(`  内容指纹（SHA-256）：${r.hash}`);
    const warnings = listed('warning');
    if (warnings.length) lines.push(`提示（${warnings.length}）：`, ...warnings);
  } else {
    const errors = listed('error');
    lines.push(`${c.file.shown}：有${errors.length}处问题，不能使用：`, ...errors);
    const warnings = listed('warning');
    if (warnings.length) lines.push(`提示（${warnings.length}）：`, ...warnings);
  }
  return `${lines.join('\n')}\n`;
}

/** `jixiao scheme diff A B [--json]`: the change note from A to B (each a shipped id or a scheme file). */
async function diffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('scheme diff', args, { json: { type: 'boolean' } }, true);
  if (positionals.length !== 2) throw new CliError('scheme diff 需要两个方案（jixiao scheme diff 原方案 新方案，各为编号或文件）');
  const [a, b] = positionals.map((given) => schemeArgument(given, io.cwd));
  const changes = diffSchemes(a, b);
  if (values.json) io.stdout(json({ from: side(a), to: side(b), changes }));
  else io.stdout(changeNote(a, b, changes));
  return 0;
}

function side(r: ResolvedScheme) {
  return { id: r.scheme.id, version: r.scheme.version, title: r.scheme.title, extends: r.base ?? null, hash: r.hash };
}

/**
 * `jixiao scheme catalog DIR [--json]`: checks every scheme file of DIR and writes DIR/index.json, the catalog the
 * page and the add-in read at start from the schemes folder beside them (a web server cannot list a folder).
 * Invalid files are listed too, with their reason, so that officers see them as such; exit 1 when there is any.
 */
async function catalogCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('scheme catalog', args, { json: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new CliError(`scheme catalog 需要一个文件夹（jixiao scheme catalog ${SCHEMES_DIR}）`);
  const dir = filePath(io, positionals[0], 'DIR');
  if (!existsSync(dir.path)) throw new CliError(`文件夹“${dir.shown}”不存在`);
  const found = schemesIn(io.cwd, dir.path);
  const duplicates = duplicateIds(found);
  const catalog: CatalogFile = {
    format: CATALOG_FORMAT,
    schemes: found.map((c) => {
      const file = path.basename(c.file.path);
      const r = c.resolved;
      const dup = duplicates.get(c);
      if (r && !dup) return { file, valid: true, id: r.scheme.id, version: r.scheme.version, title: r.scheme.title, hash: r.hash };
      const errors = c.problems.map((p, k) => ({ p, line: c.lines[k] })).filter((x) => x.p.severity === 'error');
      return { file, valid: false, problem: dup ?? errors.map((x) => problemText(x.p, x.line)).join('；') };
    }),
  };
  const out = { shown: path.join(dir.shown, CATALOG_FILE), path: path.join(dir.path, CATALOG_FILE) };
  await writeOutput(out, Buffer.from(`${JSON.stringify(catalog, null, 2)}\n`, 'utf8'));
  const invalid = catalog.schemes.filter((e) => !e.valid);
  if (values.json) io.stdout(json(catalog));
  else {
    const lines = [`已写出方案目录：${out.shown}（${catalog.schemes.length}个方案文件${invalid.length ? `，其中${invalid.length}个无效` : ''}）`];
    for (const e of catalog.schemes) lines.push(e.valid ? `  ${e.file}：${e.title}（编号 ${e.id}，版本 ${e.version}）` : `  ${e.file}：无效，${e.problem}`);
    if (!catalog.schemes.length) lines.push(`  （没有 .json 方案文件；目录为空，网页只列出内置方案）`);
    lines.push(`把 ${dir.shown} 文件夹作为 ${SCHEMES_DIR} 放在网页（taskpane.html）旁边；网页和加载项启动时读取其中的方案。`);
    io.stdout(terminalLines(lines));
  }
  return invalid.length ? 1 : 0;
}

/** file names and titles come from the folder: shown as plain text, whatever they hold */
const terminalLines = (lines: string[]) => `${lines.map(terminalLine).join('\n')}\n`;
