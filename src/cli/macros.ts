import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { FilePath } from './files';

/**
 * Whether a workbook file holds VBA macros (an .xlsm, or one renamed): its package has a vbaProject.bin.
 * Only the zip's directory is read, nothing is inflated. False for anything that cannot be read as a zip.
 */
export function holdsMacros(file: FilePath): boolean {
  let found = false;
  try {
    unzipSync(readFileSync(file.path), {
      filter: (entry) => {
        if (/(^|\/)vbaProject\.bin$/i.test(entry.name)) found = true;
        return false;
      },
    });
  } catch {
    return false;
  }
  return found;
}

/**
 * What an officer is told when the file they gave had macros: what we write is always .xlsx, a format that
 * cannot hold them, so they are not in it (they are not lost from the original, which is never changed).
 */
export function macrosNotKept(written: string): string {
  return `提示：原文件含有宏（VBA 代码）；“${written}”是 .xlsx 格式，不能保存宏，其中没有这些宏（原文件不变）\n`;
}
