import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Scheme } from '../engine';
import { makeSyncRecord } from '../workbook/sync';
import type { TemplateOptions } from '../workbook/types';
import { writeSyncRecord } from '../workbook/xlsx/syncRecord';
import type { XlsxWorkbook } from '../workbook/xlsx';
import { atomicWrite } from './atomicWrite';
import { cannotRead, CliError, CliIo, fsReason } from './io';

/** A path as the user gave it (for messages) and resolved against the working directory (for I/O). */
export interface FilePath {
  shown: string;
  path: string;
}

/** Resolves a path given on the command line against the working directory. */
export function filePath(io: CliIo, given: string, what: string): FilePath {
  if (given === '') throw new CliError(`${what} 的文件名为空`);
  return { shown: given, path: path.resolve(io.cwd, given) };
}

/** exceljs is loaded only when a workbook is read or written: --help and --inputs start faster without it. */
const xlsx = () => import('../workbook/xlsx');

const ZIP = [0x50, 0x4b, 0x03, 0x04];
// OLE compound file: a legacy .xls, or an .xlsx protected with a password to open
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export async function readBytes(file: FilePath): Promise<Buffer> {
  try {
    // one small file that everything else waits for: a single synchronous read beats fs.promises' round trips
    return readFileSync(file.path);
  } catch (err) {
    throw cannotRead(file.shown, fsReason(err));
  }
}

/** Opens a workbook file, or says in one line why it is not one (exit 2). */
export async function openWorkbook(file: FilePath): Promise<XlsxWorkbook> {
  const bytes = await readBytes(file);
  if (startsWith(bytes, OLE)) {
    throw cannotRead(file.shown, '是旧版 .xls 或设置了打开密码的文件，请在 Excel/WPS 中另存为不加密的 .xlsx');
  }
  if (!startsWith(bytes, ZIP)) throw cannotRead(file.shown, '不是有效的 .xlsx 文件');
  let workbook: XlsxWorkbook;
  try {
    const { XlsxWorkbook } = await xlsx();
    workbook = await XlsxWorkbook.fromBuffer(bytes);
  } catch {
    throw cannotRead(file.shown, '不是有效的 .xlsx 文件');
  }
  // exceljs reads any zip (a .docx, an empty archive) as a workbook without sheets
  if (workbook.workbook.worksheets.length === 0) throw cannotRead(file.shown, '不是有效的 .xlsx 文件');
  return workbook;
}

/** The scheme whose input names the workbook holds (among `schemes`), or exit 2. */
export async function schemeOf(workbook: XlsxWorkbook, schemes: Scheme[], file: FilePath): Promise<Scheme> {
  const { detectScheme } = await xlsx();
  const scheme = await detectScheme(workbook, schemes);
  if (!scheme) throw cannotRead(file.shown, '不是本工具模板生成的工作簿（找不到任何评分方案的输入名称）');
  return scheme;
}

/** Writes the file whole or not at all; a failure is one line and exit 2. */
export async function writeOutput(file: FilePath, bytes: Uint8Array): Promise<void> {
  try {
    await atomicWrite(file.path, bytes);
  } catch (err) {
    throw new CliError(`无法写入“${file.shown}”：${fsReason(err)}`);
  }
}

export async function templateBytes(scheme: Scheme, options: TemplateOptions): Promise<Uint8Array> {
  const { XlsxWorkbook } = await xlsx();
  const workbook = await XlsxWorkbook.create();
  await workbook.insertTemplate(scheme, options);
  // the blank template is the first sync: filled offline, it later says which inputs were filled
  const { values } = await workbook.readInputs(scheme);
  writeSyncRecord(workbook.workbook, makeSyncRecord(scheme.id, scheme.version, values, new Date()));
  return workbook.toBuffer();
}
