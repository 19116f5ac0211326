import { wantsHelp } from './args';
import { CliError, CliIo } from './io';
import { checkCommand } from './check';
import { exportCommand } from './export';
import { importCommand } from './import';
import { schemeCommand } from './scheme';
import { scoreCommand } from './score';
import { templateCommand } from './template';
import { CHECK_USAGE, EXPORT_USAGE, IMPORT_USAGE, MAIN_USAGE, SCHEME_USAGE, SCORE_USAGE, TEMPLATE_USAGE } from './usage';
import { forTerminal } from './terminal';
import { packageVersion } from './version';

const COMMANDS: Record<string, { usage: string; run: (args: string[], io: CliIo) => Promise<number> }> = {
  template: { usage: TEMPLATE_USAGE, run: templateCommand },
  score: { usage: SCORE_USAGE, run: scoreCommand },
  export: { usage: EXPORT_USAGE, run: exportCommand },
  scheme: { usage: SCHEME_USAGE, run: schemeCommand },
  import: { usage: IMPORT_USAGE, run: importCommand },
  check: { usage: CHECK_USAGE, run: checkCommand },
};

/**
 * The whole `jixiao` command: returns the exit status (0 no error finding, 1 error findings, 2 wrong call
 * or unreadable file, with one line on stderr). Never calls process.exit, so tests run it in-process.
 */
export async function run(argv: string[], given: CliIo): Promise<number> {
  // the one door to the terminal: no control character from a file or an argument gets through raw
  const io: CliIo = { ...given, stdout: (text) => given.stdout(forTerminal(text)), stderr: (text) => given.stderr(forTerminal(text)) };
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`jixiao: ${oneLine(err.message)}\n`);
      return 2;
    }
    // a bug or an unforeseen file: still one line, the stack only on request
    if (process.env.JIXIAO_DEBUG) {
      io.stderr(`jixiao: 内部错误：${(err as Error)?.stack ?? String(err)}\n`);
    } else {
      io.stderr(`jixiao: 内部错误：${oneLine((err as Error)?.message ?? String(err))}（设置 JIXIAO_DEBUG=1 可查看详情）\n`);
    }
    return 2;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new CliError('缺少命令（template、score、export、scheme、import 或 check）；用 jixiao --help 查看用法');
  if (first === '--help' || first === '-h' || (first === 'help' && rest.length === 0)) {
    io.stdout(MAIN_USAGE);
    return 0;
  }
  if (first === '--version' || first === '-V' || first === '-v') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  if (first === 'help') return dispatch([rest[0], '--help'], io);
  const command = COMMANDS[first];
  if (!command) {
    const what = first.startsWith('-') ? `选项“${first}”` : `命令“${first}”`;
    throw new CliError(`未知的${what}（可用命令：template、score、export、scheme、import、check）；用 jixiao --help 查看用法`);
  }
  if (wantsHelp(rest)) {
    io.stdout(command.usage);
    return 0;
  }
  return command.run(rest, io);
}
