/// <reference types="office-js" />
/**
 * Handing the 报送版 to the officer inside Excel: Excel.createWorkbook (ExcelApi 1.8) opens the bytes as a new,
 * unsaved workbook in its own window, which the officer saves where the office keeps its submissions. Excel
 * gives that workbook no file name, so the caller tells the officer which name to save it under.
 *
 * Where createWorkbook is missing (hosts below ExcelApi 1.8: volume-licensed Excel 2019, which stops at 1.7, and
 * older) or refuses, the bytes are offered as a download instead: a Blob URL for an <a download> link the pane
 * shows.
 *
 * Nothing here loads exceljs or uses Node's Buffer: the pane's bundle runs in Office's browser.
 */
import type { Requirements } from './host';
import { errorCode } from './messages';

/** The requirement set of Excel.createWorkbook. */
export const NEW_WORKBOOK_API = '1.8';

/** What this module needs of global Excel. */
export interface WorkbookOpener {
  createWorkbook?: (base64?: string) => Promise<void>;
}

export interface OpenOptions {
  /** default: global Excel */
  excel?: WorkbookOpener | null;
  /** default: Office.context.requirements when Office is loaded; null skips the check (createWorkbook is still required) */
  requirements?: Requirements | null;
  /** makes the download link of the fallback; default: a Blob URL (URL.createObjectURL) */
  link?: (bytes: Uint8Array, fileName: string) => DownloadLink;
}

/** A download offered to the officer: show it as <a href={href} download={fileName}>. */
export interface DownloadLink {
  href: string;
  fileName: string;
  /** frees the Blob URL once the link is no longer shown */
  revoke(): void;
}

export type OpenedCopy =
  /** a new workbook window opened with the bytes; `message` asks the officer to save it, under `fileName` */
  | { kind: 'workbook'; fileName: string; message: string }
  /** no new workbook: `message` says why and that the file is offered as a download (`link`) instead */
  | { kind: 'download'; fileName: string; message: string; reason: string; link: DownloadLink };

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Bytes per btoa call: a multiple of 3, so that no chunk but the last is padded. */
const CHUNK = 3 * 0x2000;

/** Base64 of bytes with the browser's btoa, in chunks (no Node Buffer; no argument list too long for fromCharCode). */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const chunk = bytes.subarray(i, i + CHUNK);
    let binary = '';
    for (let j = 0; j < chunk.length; j += 0x1000) {
      binary += String.fromCharCode.apply(null, chunk.subarray(j, j + 0x1000) as unknown as number[]);
    }
    parts.push(btoa(binary));
  }
  return parts.join('');
}

function officeRequirements(): Requirements | null {
  const office = (globalThis as { Office?: typeof Office }).Office;
  try {
    return office?.context?.requirements ?? null;
  } catch {
    return null;
  }
}

function globalExcel(): WorkbookOpener | null {
  return ((globalThis as { Excel?: WorkbookOpener }).Excel as WorkbookOpener | undefined) ?? null;
}

/**
 * Null when this Excel can open a workbook from bytes (Excel.createWorkbook, ExcelApi 1.8); otherwise why not,
 * in Chinese, for the officer.
 */
export function newWorkbookProblem(options: Pick<OpenOptions, 'excel' | 'requirements'> = {}): string | null {
  const excel = options.excel !== undefined ? options.excel : globalExcel();
  const req = options.requirements !== undefined ? options.requirements : officeRequirements();
  let supported = true;
  if (req) {
    try {
      supported = req.isSetSupported('ExcelApi', NEW_WORKBOOK_API) === true;
    } catch {
      supported = false;
    }
  }
  if (!supported || typeof excel?.createWorkbook !== 'function') {
    return `当前 Excel 版本不支持在新窗口中打开工作簿（需要 ExcelApi ${NEW_WORKBOOK_API}：Microsoft 365、Excel 2021 及更新版本、网页版 Excel 支持，批量许可版 Excel 2019 不支持）`;
  }
  return null;
}

/** The default download link: a Blob URL of the bytes. */
export function blobLink(bytes: Uint8Array, fileName: string): DownloadLink {
  const href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_MIME }));
  let revoked = false;
  return {
    href,
    fileName,
    revoke: () => {
      if (revoked) return;
      revoked = true;
      URL.revokeObjectURL(href);
    },
  };
}

/**
 * Opens the bytes of an .xlsx as a new workbook in Excel (Excel.createWorkbook), or, where Excel cannot,
 * makes a download link for them. Never throws for a missing or failing createWorkbook: the download is the
 * answer then, with a message that says so.
 */
export async function openAsNewWorkbook(bytes: Uint8Array, fileName: string, options: OpenOptions = {}): Promise<OpenedCopy> {
  const excel = options.excel !== undefined ? options.excel : globalExcel();
  let reason = newWorkbookProblem({ excel, requirements: options.requirements });
  if (!reason) {
    try {
      await excel!.createWorkbook!(toBase64(bytes));
      return {
        kind: 'workbook',
        fileName,
        message: `报送版已在新的 Excel 窗口中打开。新工作簿尚未保存，也没有文件名：请在该窗口中点击“文件”→“另存为”，保存为“${fileName}”。`,
      };
    } catch (e) {
      const code = errorCode(e);
      reason = `Excel 未能在新窗口中打开工作簿${code ? `（${code}）` : ''}`;
    }
  }
  const link = (options.link ?? blobLink)(bytes, fileName);
  return {
    kind: 'download',
    fileName,
    reason,
    link,
    message: `${reason}，已改为下载：请点击下面的链接保存“${fileName}”，再用 Excel 打开。`,
  };
}
