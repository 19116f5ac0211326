import { parseArgs, ParseArgsConfig } from 'node:util';
import type { Scheme } from '../engine';
import type { MoneyUnit } from '../workbook/types';
import { CliError } from './io';
import { schemeArgument } from './schemeFiles';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs in strict mode, with its English errors turned into one Chinese line
 * that says which option is wrong and where to look.
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    const e = err as Error & { code?: string };
    const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
    const option = quoted.split(/[ ,]+/).find((s) => s.startsWith('-')) ?? quoted;
    const hint = `；用 jixiao ${command} --help 查看用法`;
    switch (e.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new CliError(`${command} 没有选项“${option}”${hint}`);
      case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
        throw new CliError(`${command} 不接受参数“${quoted}”${hint}`);
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        if (/does not take an argument/.test(e.message)) throw new CliError(`选项 ${option} 不带取值${hint}`);
        throw new CliError(`选项 ${option} 缺少取值${hint}`);
      default:
        throw new CliError(`${e.message}${hint}`);
    }
  }
}

/** True when the arguments ask for help (before any "--"), whatever else they hold. */
export function wantsHelp(args: string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/**
 * `--scheme ID|FILE`: a shipped scheme's id, a scheme file (an override or a whole scheme; relative to `cwd`), or
 * the id of a file in the `schemes` folder there. A file with problems is refused listing them (exit 2).
 */
export function schemeById(id: string, cwd: string = process.cwd()): Scheme {
  return schemeArgument(id, cwd).scheme;
}

/** --year: a four-digit year the forms accept (2000–2100). */
export function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().replace(/年$/, '');
  const year = /^\d{4}$/.test(t) ? Number(t) : NaN;
  if (!(year >= 2000 && year <= 2100)) throw new CliError(`--year 应为 2000–2100 之间的四位年份，不是“${text}”`);
  return year;
}

/** --unit: 元 or 万元 (万 is taken as 万元). */
export function parseUnit(text: string | undefined): MoneyUnit | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === '元') return '元';
  if (t === '万元' || t === '万') return '万元';
  throw new CliError(`--unit 应为“元”或“万元”，不是“${text}”`);
}
