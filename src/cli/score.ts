import { evaluate, formsJson, getScheme, hasErrors, inputsFromJson, schemeIds, toJson } from '../engine';
import type { Evaluation, Finding, ResolvedScheme, Scheme } from '../engine';
import type { ScoredForm } from '../workbook/forms';
import { parseCommandArgs } from './args';
import { cannotRead, CliError, CliIo } from './io';
import { jsonSyntaxProblem } from './jsonError';
import { renderTable } from './table';
import { jsonForTerminal } from './terminal';
import { handmadeFileReport, scoreHandmade } from './handmadeScore';
import { FilePath, filePath, openForms, readable, readBytes, scoredForms, writeOutput } from './files';
import { schemeArgument, workbookSchemeOf } from './schemeFiles';

export interface Scored {
  scheme: Scheme;
  evaluation: Evaluation;
}

/** A workbook scored: its scheme and each of its forms (one, or one per project sheet). */
export interface ScoredWorkbook {
  scheme: Scheme;
  forms: ScoredForm[];
}

/** `jixiao score FILE.xlsx [-o OUT.xlsx] [--scheme ID|FILE] [--json]` and `jixiao score --inputs INPUTS.json [--scheme ID] [--json]`. */
export async function scoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'score',
    args,
    {
      output: { type: 'string', short: 'o' },
      inputs: { type: 'string' },
      scheme: { type: 'string' },
      json: { type: 'boolean' },
    },
    true,
  );
  if (positionals.length > 1) throw new CliError(`score 只接受一个工作簿文件，多了“${positionals[1]}”`);
  if (values.inputs !== undefined && positionals.length) {
    throw new CliError('工作簿文件和 --inputs 只能用其一');
  }
  if (values.inputs === undefined && !positionals.length) {
    throw new CliError('score 需要一个工作簿文件（jixiao score FILE.xlsx）或 --inputs INPUTS.json；用 jixiao score --help 查看用法');
  }
  if (values.inputs !== undefined && values.output !== undefined) {
    throw new CliError('-o 只用于工作簿文件：--inputs 的结果只打印（要得到带评分的工作簿，请用 template 生成模板并填写后再评分）');
  }
  const given = values.scheme === undefined ? undefined : schemeArgument(values.scheme, io.cwd);
  const out = values.output === undefined ? undefined : filePath(io, values.output, '-o');
  if (values.inputs === undefined) {
    // a standard table typed by hand (an .xlsx of no scheme, a .docx, a .xls/.doc/.et/.wps): checked and rescored as it is
    const file = filePath(io, positionals[0], 'FILE');
    const handmade = await handmadeFileReport(file, given ? [given.scheme] : allSchemes(), io);
    if (handmade) {
      if (out) throw new CliError(`“${file.shown}”是手工填写的表格，不能直接写入评分结果；请先用 jixiao import ${file.shown} -o 新文件.xlsx 导入为工作簿`);
      return scoreHandmade(file, handmade, values.json === true, io);
    }
  }
  if (out && !/\.xls[xm]$/i.test(out.path)) throw new CliError(`输出文件“${out.shown}”应以 .xlsx 结尾`);

  const result: ScoredWorkbook =
    values.inputs !== undefined
      ? scoredAlone(await scoreInputsFile(filePath(io, values.inputs, '--inputs'), given?.scheme ?? getScheme()))
      : await scoreWorkbookFile(filePath(io, positionals[0], 'FILE'), given, out, (line) => io.stderr(`jixiao: 提示：${line}\n`));

  const evaluations = result.forms.map((f) => f.evaluation);
  if (values.json) io.stdout(jsonForTerminal(JSON.stringify(evaluations.length === 1 ? toJson(evaluations[0]) : formsJson(result.scheme.id, evaluations), null, 2)) + '\n');
  else io.stdout(formsTables(result));
  if (out && !values.json) io.stdout(`\n已写入：${out.shown}\n`);
  return evaluations.some(hasErrors) ? 1 : 0;
}

/** The readable table of each form; several forms each under a line naming its sheet. */
export function formsTables({ scheme, forms }: ScoredWorkbook): string {
  if (forms.length === 1) return renderTable(scheme, forms[0].evaluation);
  return forms.map((f, k) => `【${k + 1}/${forms.length}】工作表“${f.sheet ?? ''}”\n\n${renderTable(scheme, f.evaluation)}`).join('\n');
}

/** An evaluation of --inputs as the one form of a workbook. */
function scoredAlone(s: Scored): ScoredWorkbook {
  return { scheme: s.scheme, forms: [{ sheet: null, values: {}, cells: {}, problems: [], evaluation: s.evaluation }] };
}

/** Every scheme whose workbooks the product writes: a workbook is scored by whichever one its defined names belong to. */
export function allSchemes(): Scheme[] {
  return schemeIds().map((id) => getScheme(id));
}

/**
 * The score path of a workbook file: read, find its scheme (`given`, else the one it carries, else by its names),
 * score each form, and write OUT when given — a copy of FILE in which only the outputs (each form's, its table's
 * rows too), the template's formula results and the sync record changed. `warn` hears a file made with another
 * scheme than `given`.
 */
export async function scoreWorkbookFile(file: FilePath, given?: ResolvedScheme, out?: FilePath, warn: (line: string) => void = () => undefined): Promise<ScoredWorkbook> {
  const workbook = await openForms(file);
  if (out) {
    // an .xlsm keeps its macros, and Excel opens a package only under the extension its content type says
    const macros = workbook.macroEnabled;
    if (macros !== /\.xlsm$/i.test(out.path)) {
      throw new CliError(macros ? `“${file.shown}”含有宏，输出文件应以 .xlsm 结尾（宏将原样保留）` : `输出文件“${out.shown}”应以 .xlsx 结尾`);
    }
  }
  const scheme = await workbookSchemeOf(workbook, given, file, warn);
  const forms = await scoredForms(workbook, scheme, file);
  if (out) {
    // scored here, the file is in sync: opened in the pane later, it reports only what changed after this
    await readable(file, () => workbook.readSyncRecord());
    let bytes: Uint8Array;
    try {
      bytes = workbook.write(scheme, forms, { syncAt: new Date() });
    } catch (err) {
      // e.g. an output name moved onto an input cell: nothing is written rather than overwrite data
      throw new CliError(`无法写入“${out.shown}”：${(err as Error).message}`);
    }
    await writeOutput(out, bytes);
  }
  return { scheme, forms };
}

/** The score path of an --inputs JSON file. */
export async function scoreInputsFile(file: FilePath, scheme: Scheme): Promise<Scored> {
  return scoreInputs(scheme, await readJsonObject(file));
}

/** An --inputs file: one JSON object, or exit 2 saying where its text goes wrong. */
export async function readJsonObject(file: FilePath): Promise<Record<string, unknown>> {
  const text = (await readBytes(file)).toString('utf8').replace(/^\uFEFF/, '');
  if (text.startsWith('PK')) throw cannotRead(file.shown, '这是一个 .xlsx 文件，不是 JSON；工作簿请用 jixiao score FILE.xlsx 评分');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw cannotRead(file.shown, `不是有效的 JSON（${jsonSyntaxProblem((err as Error).message, text)}）`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw cannotRead(file.shown, '应为一个 JSON 对象，键为输入名称（如 "in_staff_quota": 20）');
  }
  return data as Record<string, unknown>;
}

/** Scores a JSON object of inputs; keys the scheme does not know are reported (a typo would otherwise go unseen). */
export function scoreInputs(scheme: Scheme, data: Record<string, unknown>): Scored {
  const { values, findings } = inputsFromJson(scheme, data);
  return { scheme, evaluation: withFindings(evaluate(scheme, { values }), findings) };
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Adds findings the reading produced (a name that points nowhere, an unknown key), keeping errors first. */
export function withFindings(e: Evaluation, extra: Finding[]): Evaluation {
  if (!extra.length) return e;
  return { ...e, issues: [...extra, ...e.issues].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]) };
}
