import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { RawValue, Scheme } from '../engine';
import { FormsFile, type ScoredForm } from '../workbook/forms';
import { DEFAULT_LIMITS, PackageError, PackageWorkbook } from '../workbook/package';
import type { PlanOptions } from '../workbook/template/types';
import type { WorkbookInputs } from '../workbook/types';
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

/** exceljs is loaded only when a template is made: --help and --inputs start faster without it. */
const templates = () => import('../workbook/forms/template');

export async function readBytes(file: FilePath, maxBytes?: number): Promise<Buffer> {
  try {
    if (maxBytes !== undefined && statSync(file.path).size > maxBytes) {
      throw new CliError(`无法读取“${file.shown}”：文件过大（超过 ${Math.round(maxBytes / 1024 / 1024)} MB）`);
    }
    // one small file that everything else waits for: a single synchronous read beats fs.promises' round trips
    return readFileSync(file.path);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw cannotRead(file.shown, fsReason(err));
  }
}

/** Opens a workbook file, or says in one line why it is not one (exit 2). */
export async function openWorkbook(file: FilePath): Promise<PackageWorkbook> {
  const bytes = await readBytes(file, DEFAULT_LIMITS.maxFileBytes);
  return readable(file, () => PackageWorkbook.open(bytes));
}

/**
 * Runs a read of the file; a file that turns out to be unreadable (too large, damaged, hostile) is one line
 * and exit 2, whichever step finds out.
 */
export async function readable<T>(file: FilePath, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof PackageError) throw cannotRead(file.shown, err.message);
    throw err;
  }
}

/** The scheme whose input names the workbook holds (among `schemes`), or exit 2. */
export async function schemeOf(workbook: PackageWorkbook, schemes: Scheme[], file: FilePath): Promise<Scheme> {
  const scheme = await readable(file, () => workbook.detect(schemes));
  if (!scheme) throw cannotRead(file.shown, '不是本工具模板生成的工作簿（找不到任何评分方案的输入名称）');
  return scheme;
}

/** Every input of the scheme as the workbook holds it (exit 2 when the file cannot be read that far). */
export async function inputsOf(workbook: PackageWorkbook, scheme: Scheme, file: FilePath): Promise<WorkbookInputs> {
  return readable(file, () => workbook.readInputs(scheme));
}

/** Writes the file whole or not at all; a failure is one line and exit 2. */
export async function writeOutput(file: FilePath, bytes: Uint8Array): Promise<void> {
  try {
    await atomicWrite(file.path, bytes);
  } catch (err) {
    throw new CliError(`无法写入“${file.shown}”：${fsReason(err)}`);
  }
}

/**
 * A blank template (options.forms: one entry per project, for a scheme with a form per sheet). The blank
 * template is the first sync: filled offline, it later says which inputs were filled.
 */
export async function templateBytes(scheme: Scheme, options: PlanOptions): Promise<Uint8Array> {
  const { buildTemplateFile } = await templates();
  return buildTemplateFile(scheme, options);
}

/** The template filled with one object of inputs per form, scored: the bytes, and each form as scored. */
export async function filledTemplateBytes(scheme: Scheme, forms: Record<string, RawValue>[], options: PlanOptions): Promise<{ bytes: Uint8Array; scored: ScoredForm[] }> {
  const { filledTemplateFile } = await templates();
  return filledTemplateFile(scheme, forms, options);
}

/** Opens a workbook file for its forms, or says in one line why it is not one (exit 2). */
export async function openForms(file: FilePath): Promise<FormsFile> {
  const bytes = await readBytes(file, DEFAULT_LIMITS.maxFileBytes);
  return readable(file, () => FormsFile.open(bytes));
}

/** The scheme whose names the workbook holds (among `schemes`), or exit 2. */
export async function formsSchemeOf(workbook: FormsFile, schemes: Scheme[], file: FilePath): Promise<Scheme> {
  const scheme = await readable(file, () => workbook.detect(schemes));
  if (!scheme) throw cannotRead(file.shown, '不是本工具模板生成的工作簿（找不到任何评分方案的输入名称）');
  return scheme;
}

/** Every form of the workbook, read and scored (exit 2 when the file cannot be read that far). */
export async function scoredForms(workbook: FormsFile, scheme: Scheme, file: FilePath): Promise<ScoredForm[]> {
  const forms = await readable(file, () => workbook.score(scheme));
  if (!forms.length) throw cannotRead(file.shown, `没有找到任何${scheme.title}（找不到工作表级名称）`);
  return forms;
}
