/**
 * Files the hand-made review reads only through LibreOffice: legacy and other office formats (.xls, .et, .ods →
 * .xlsx; .doc, .wps, .odt → .docx), converted headless in a temporary folder with a profile of its own. Command
 * line only (the page has no LibreOffice). Without LibreOffice, one Chinese line says so.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findSoffice } from './pdf';
import { removeOnInterrupt } from './interrupt';
import { CliError } from './io';

/** What each extension is converted to, and the extension LibreOffice is shown (WPS's .et and .wps are the binary Office formats). */
const CONVERSIONS: Record<string, { to: 'xlsx' | 'docx'; as: string }> = {
  xls: { to: 'xlsx', as: 'xls' },
  xlt: { to: 'xlsx', as: 'xls' },
  et: { to: 'xlsx', as: 'xls' },
  ett: { to: 'xlsx', as: 'xls' },
  ods: { to: 'xlsx', as: 'ods' },
  doc: { to: 'docx', as: 'doc' },
  dot: { to: 'docx', as: 'doc' },
  wps: { to: 'docx', as: 'doc' },
  wpt: { to: 'docx', as: 'doc' },
  odt: { to: 'docx', as: 'odt' },
  rtf: { to: 'docx', as: 'rtf' },
};

const FILTERS = { xlsx: 'xlsx:Calc MS Excel 2007 XML', docx: 'docx:MS Word 2007 XML' } as const;

/** The one line said when a file needs LibreOffice and there is none. */
export const NO_SOFFICE_CONVERT =
  '未找到 LibreOffice（soffice），无法读取 .xls/.et/.ods/.doc/.wps 文件；请安装 LibreOffice（Debian: apt-get install libreoffice-calc-nogui libreoffice-writer-nogui），' +
  '用环境变量 JIXIAO_SOFFICE 指定 soffice 的路径，或在 WPS/Excel/Word 中另存为 .xlsx 或 .docx 后再试';

/** The format a file of this name is converted to, or null when it needs no conversion (or cannot be converted). */
export function conversionOf(fileName: string): 'xlsx' | 'docx' | null {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  return CONVERSIONS[ext]?.to ?? null;
}

/** How long one conversion may take (the first start of a fresh profile takes a few seconds). */
const TIMEOUT_MS = 180_000;

/**
 * Converts a file's bytes (named `fileName`, for its extension and messages) to .xlsx or .docx with LibreOffice
 * headless. Throws CliError with one line: no LibreOffice, a format it does not convert, or a conversion that
 * wrote nothing.
 */
export async function convertWithLibreOffice(
  fileName: string,
  bytes: Uint8Array,
  env: Record<string, string | undefined> = process.env,
): Promise<{ kind: 'xlsx' | 'docx'; bytes: Uint8Array }> {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const conversion = CONVERSIONS[ext];
  if (!conversion) throw new CliError(`无法读取“${fileName}”：不支持 .${ext || '（无扩展名）'} 文件`);
  const soffice = findSoffice(env);
  if (!soffice) throw new CliError(NO_SOFFICE_CONVERT);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-convert-'));
  const keep = removeOnInterrupt(dir);
  try {
    const input = path.join(dir, `input.${conversion.as}`);
    const outDir = path.join(dir, 'out');
    await fs.writeFile(input, bytes);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', FILTERS[conversion.to], '--outdir', outDir, input];
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
    let out: Buffer | undefined;
    try {
      out = await fs.readFile(path.join(outDir, `input.${conversion.to}`));
    } catch {
      out = undefined;
    }
    // LibreOffice exits 0 without writing anything for a file it cannot load
    if (!out || out.length < 4 || out[0] !== 0x50 || out[1] !== 0x4b) {
      throw new CliError(`无法读取“${fileName}”：LibreOffice 未能转换为 .${conversion.to}（${(failure ?? '文件已损坏或不是该格式').replace(/\s+/g, ' ')}）`);
    }
    return { kind: conversion.to, bytes: new Uint8Array(out) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    keep();
  }
}
