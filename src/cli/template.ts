import { DEFAULT_SCHEME, inputsFromJson, plain } from '../engine';
import type { Finding, RawValue, Scheme } from '../engine';
import { CELL_TEXT_MAX } from '../workbook/outputs';
import { MAX_PROJECTS } from '../workbook/session';
import { parseCommandArgs, parseUnit, parseYear, schemeById } from './args';
import { filePath, filledTemplateBytes, templateBytes, writeOutput } from './files';
import { CliError, CliIo } from './io';
import { readJsonObject } from './score';
import { terminalLine } from './terminal';

/**
 * `jixiao template -o FILE.xlsx [--scheme ID] [--projects N] [--dept NAME] [--year YYYY] [--unit 元|万元]
 * [--inputs X.json]`: a blank template, or with --inputs the template filled with those inputs and scored.
 */
export async function templateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    'template',
    args,
    {
      output: { type: 'string', short: 'o' },
      scheme: { type: 'string' },
      dept: { type: 'string' },
      year: { type: 'string' },
      unit: { type: 'string' },
      projects: { type: 'string' },
      inputs: { type: 'string' },
    },
    false,
  );
  if (values.output === undefined) throw new CliError('template 需要 -o FILE.xlsx（要写入的模板文件）；用 jixiao template --help 查看用法');
  const out = filePath(io, values.output, '-o');
  if (!/\.xlsx$/i.test(out.path)) throw new CliError(`输出文件“${out.shown}”应以 .xlsx 结尾`);
  const scheme = schemeById(values.scheme ?? DEFAULT_SCHEME, io.cwd);
  const dept = values.dept?.trim() || undefined;
  // a cell holds no more: Excel would call the whole template damaged
  if (dept && dept.length > CELL_TEXT_MAX) throw new CliError(`--dept 过长（${dept.length} 个字符，一个单元格最多 ${CELL_TEXT_MAX} 个）`);
  const year = parseYear(values.year);
  const unit = parseUnit(values.unit);
  const projects = parseProjects(values.projects, scheme);

  if (values.inputs === undefined) {
    await writeOutput(out, await templateBytes(scheme, { dept, year, unit, forms: projects ? Array.from({ length: projects }, () => ({})) : undefined }));
    const many = projects && projects > 1 ? `，${projects}个项目` : '';
    io.stdout(`已生成模板：${out.shown}（${scheme.title}，${scheme.id}${many}）\n`);
    io.stdout(`填写后评分：jixiao score ${quoteArg(out.shown)} -o 评分结果.xlsx\n`);
    return 0;
  }

  const forms = await formsOfInputs(filePath(io, values.inputs, '--inputs'), scheme);
  if (projects !== undefined && projects !== forms.values.length) {
    throw new CliError(`--projects ${projects} 与 --inputs 中的 ${forms.values.length} 个项目不一致（用 --inputs 时可省略 --projects）`);
  }
  for (const f of forms.findings) io.stderr(`jixiao: 提示：${terminalLine(f.message)}\n`);
  const { bytes, scored } = await filledTemplateBytes(scheme, forms.values, { dept, year, unit });
  await writeOutput(out, bytes);
  io.stdout(`已生成模板并填入数据：${out.shown}（${scheme.title}，${scheme.id}）\n`);
  for (const f of scored) {
    const e = f.evaluation;
    const errors = e.issues.filter((i) => i.severity === 'error').length;
    const where = f.sheet ? `工作表“${f.sheet}”：` : '';
    io.stdout(terminalLine(`${where}总分 ${plain(e.total)} 分，等级：${e.grade ?? '未完成'}${errors ? `，有${errors}处错误` : ''}`) + '\n');
  }
  io.stdout(`查看评分：jixiao score ${quoteArg(out.shown)}\n`);
  return 0;
}

/** --projects: how many project sheets, for a scheme with one form per sheet. */
function parseProjects(text: string | undefined, scheme: Scheme): number | undefined {
  if (text === undefined) return undefined;
  if (scheme.formScope !== 'sheet') throw new CliError(`--projects 只用于每个项目一张表的评分方案（如 project-2020），${scheme.id} 只有一张表`);
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= MAX_PROJECTS)) throw new CliError(`--projects 应为 1–${MAX_PROJECTS} 之间的整数，不是“${text}”`);
  return n;
}

/**
 * The forms of an --inputs file: one JSON object of inputs (as `score --inputs` takes), or for a scheme with one
 * form per sheet `{ "forms": [ one object per project ] }`; keys the scheme does not know are reported.
 */
async function formsOfInputs(file: ReturnType<typeof filePath>, scheme: Scheme): Promise<{ values: Record<string, RawValue>[]; findings: Finding[] }> {
  const data = await readJsonObject(file);
  let objects: unknown[] = [data];
  if (Array.isArray(data.forms)) {
    if (scheme.formScope !== 'sheet') throw new CliError(`无法读取“${file.shown}”：评分方案 ${scheme.id} 只有一张表，"forms" 只用于每个项目一张表的评分方案（如 project-2020）`);
    if (!data.forms.length || data.forms.length > MAX_PROJECTS) throw new CliError(`无法读取“${file.shown}”："forms" 应有 1–${MAX_PROJECTS} 个项目`);
    objects = data.forms;
  }
  const values: Record<string, RawValue>[] = [];
  const findings: Finding[] = [];
  objects.forEach((o, k) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new CliError(`无法读取“${file.shown}”："forms" 的第${k + 1}项应为一个 JSON 对象`);
    const read = inputsFromJson(scheme, o as Record<string, unknown>);
    values.push(read.values);
    findings.push(...read.findings);
  });
  return { values, findings };
}

/** A path as it can be pasted back into a shell. */
function quoteArg(arg: string): string {
  return /^[\w./\\:\u4e00-\u9fff-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '\\"')}"`;
}
