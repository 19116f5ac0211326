import { DEFAULT_SCHEME } from '../engine';
import { CELL_TEXT_MAX } from '../workbook/outputs';
import { parseCommandArgs, parseUnit, parseYear, schemeById } from './args';
import { filePath, templateBytes, writeOutput } from './files';
import { CliError, CliIo } from './io';

/** `jixiao template -o FILE.xlsx [--scheme ID] [--dept NAME] [--year YYYY] [--unit 元|万元]` */
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

  await writeOutput(out, await templateBytes(scheme, { dept, year, unit }));
  io.stdout(`已生成模板：${out.shown}（${scheme.title}，${scheme.id}）\n`);
  io.stdout(`填写后评分：jixiao score ${quoteArg(out.shown)} -o 评分结果.xlsx\n`);
  return 0;
}

/** A path as it can be pasted back into a shell. */
function quoteArg(arg: string): string {
  return /^[\w./\\:\u4e00-\u9fff-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '\\"')}"`;
}
