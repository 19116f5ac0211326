import { execFile } from 'node:child_process';
import { accessSync, constants, promises as fs, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { removeOnInterrupt } from './interrupt';
import { CliError } from './io';

/** The one line said when no LibreOffice can be found (exit 2, nothing written). */
export const NO_SOFFICE =
  '未找到 LibreOffice（soffice），无法生成 PDF；请安装 LibreOffice（Debian: apt-get install libreoffice-calc-nogui fonts-noto-cjk），' +
  '或用环境变量 JIXIAO_SOFFICE 指定 soffice 的路径';

type Env = Record<string, string | undefined>;

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The LibreOffice executable: $JIXIAO_SOFFICE when set (and only it), else `soffice` or `libreoffice` on PATH,
 * else (Windows, macOS) where the installer puts it. Null when there is none.
 */
export function findSoffice(env: Env = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const explicit = env.JIXIAO_SOFFICE;
  if (explicit !== undefined && explicit !== '') return isExecutableFile(explicit) ? explicit : null;
  const win = platform === 'win32';
  const names = win ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (isExecutableFile(file)) return file;
    }
  }
  const known = win
    ? [env.ProgramFiles, env['ProgramFiles(x86)'], env.ProgramW6432]
        .filter((d): d is string => !!d)
        .map((d) => path.join(d, 'LibreOffice', 'program', 'soffice.exe'))
    : platform === 'darwin'
      ? ['/Applications/LibreOffice.app/Contents/MacOS/soffice']
      : [];
  return known.find(isExecutableFile) ?? null;
}

/** The LibreOffice to print with, or exit 2 with the one line that says how to install it. */
export function requireSoffice(env: Env = process.env): string {
  const found = findSoffice(env);
  if (!found) throw new CliError(NO_SOFFICE);
  return found;
}

/** How long one conversion may take (the first start of a fresh profile takes a few seconds). */
const TIMEOUT_MS = 180_000;

/**
 * Prints an .xlsx to PDF with LibreOffice headless, in a temporary folder with a profile of its own (so that
 * an officer's open LibreOffice, or a parallel run, does not interfere). Page size, orientation, fit to width,
 * print area and title rows come from the workbook's print setup. Failures are one line (exit 2).
 */
export async function convertToPdf(soffice: string, xlsx: Uint8Array): Promise<Uint8Array> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-pdf-'));
  const keep = removeOnInterrupt(dir);
  try {
    const input = path.join(dir, 'submission.xlsx');
    const outDir = path.join(dir, 'out');
    await fs.writeFile(input, xlsx);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'pdf', '--outdir', outDir, input];
    const failure = await new Promise<string | null>((resolve) => {
      execFile(soffice, args, { cwd: dir, timeout: TIMEOUT_MS, killSignal: 'SIGKILL', windowsHide: true }, (err, _stdout, stderr) => {
        if (!err) return resolve(null);
        const e = err as Error & { code?: string | number; killed?: boolean };
        if (e.killed) return resolve(`LibreOffice 在 ${TIMEOUT_MS / 1000} 秒内没有完成`);
        if (e.code === 'ENOENT' || e.code === 'EACCES') return resolve(`无法运行“${soffice}”`);
        const why = String(stderr).split('\n').map((l) => l.trim()).filter((l) => l && !/javaldx/.test(l)).pop();
        resolve(why ?? e.message);
      });
    });
    let pdf: Buffer | undefined;
    try {
      pdf = await fs.readFile(path.join(outDir, 'submission.pdf'));
    } catch {
      pdf = undefined;
    }
    // LibreOffice may exit 0 without writing anything (e.g. a file it could not load)
    if (!pdf || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new CliError(`LibreOffice 未能生成 PDF：${(failure ?? '没有输出文件').replace(/\s+/g, ' ')}`);
    }
    return pdf;
  } finally {
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    keep();
  }
}
