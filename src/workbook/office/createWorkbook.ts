/// <reference types="office-js" />
/**
 * Opening an imported workbook in Excel: Excel.createWorkbook (ExcelApi 1.8) opens the bytes as a new, unsaved
 * workbook in its own window, the pane staying with the workbook it runs in (Microsoft's "Create a workbook").
 * Excel gives that workbook no file name, so the message names the one to save it under. Where createWorkbook is
 * missing or refuses, the bytes are offered as a download, as the 报送版 is (./export).
 */
import { blobLink, newWorkbookProblem, toBase64, type OpenedCopy, type OpenOptions } from './export';
import { errorCode } from './messages';

export async function openImportedWorkbook(bytes: Uint8Array, fileName: string, options: OpenOptions = {}): Promise<OpenedCopy> {
  const excel = options.excel !== undefined ? options.excel : ((globalThis as { Excel?: OpenOptions['excel'] }).Excel ?? null);
  let reason = newWorkbookProblem({ excel, requirements: options.requirements });
  if (!reason) {
    try {
      await excel!.createWorkbook!(toBase64(bytes));
      return {
        kind: 'workbook',
        fileName,
        message: `导入的工作簿已在新的 Excel 窗口中打开，在那里打开本加载项即可继续填写和评分。新工作簿尚未保存：请点击“文件”→“另存为”，保存为“${fileName}”。`,
      };
    } catch (e) {
      const code = errorCode(e);
      reason = `Excel 未能在新窗口中打开工作簿${code ? `（${code}）` : ''}`;
    }
  }
  const link = (options.link ?? blobLink)(bytes, fileName);
  return { kind: 'download', fileName, reason, link, message: `${reason}。请下载“${fileName}”，再在 Excel 中打开。` };
}
