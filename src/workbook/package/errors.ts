/**
 * Why a file cannot be read (or written back), as one line of Chinese an officer can act on. Every failure
 * of the package layer is a PackageError: the CLI prints its message after 无法读取“FILE”：, the page after
 * the file's name; nothing else (a stack, an English library message) reaches the officer.
 */
export type PackageErrorKind =
  /** not a zip, or a zip that holds no workbook (a .docx, an empty archive) */
  | 'not-xlsx'
  /** an OLE container: a legacy .xls, or an .xlsx encrypted with a password to open; or an encrypted zip entry */
  | 'encrypted'
  /** an OpenDocument spreadsheet */
  | 'ods'
  /** Excel's binary workbook */
  | 'xlsb'
  /** a zip whose structure is broken: truncated, sizes that lie, overlapping entries */
  | 'damaged'
  /** beyond a size limit: the file, the number of parts, a part's or all parts' uncompressed size, a text, a range */
  | 'too-large'
  /** a part that would inflate far beyond its compressed size */
  | 'bomb'
  /** the time budget ran out */
  | 'too-slow'
  /** XML with a document type declaration (entity expansion, external entities): never read */
  | 'refused-xml'
  /** a write that would land where it must not (an output name moved onto an input cell) */
  | 'refused-write';

export class PackageError extends Error {
  constructor(
    readonly kind: PackageErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'PackageError';
  }
}

const MB = 1024 * 1024;

/** Bytes as an officer reads them: 64 MB, 512 KB. */
export function sizeText(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export const notXlsx = (): PackageError => new PackageError('not-xlsx', '不是有效的 .xlsx 文件');
export const encrypted = (): PackageError => new PackageError('encrypted', '文件已加密或为旧版 .xls，请在 Excel/WPS 中另存为 .xlsx');
export const ods = (): PackageError => new PackageError('ods', '这是 OpenDocument 表格（.ods），请在 WPS 或 LibreOffice 中另存为 .xlsx');
export const xlsb = (): PackageError => new PackageError('xlsb', '这是二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx');
export const damaged = (): PackageError => new PackageError('damaged', '文件已损坏或不完整，不是有效的 .xlsx 文件');
export const refusedXml = (): PackageError => new PackageError('refused-xml', '文件含有不允许的 XML 声明（DOCTYPE），已拒绝读取');
export const bomb = (): PackageError => new PackageError('bomb', '文件内容异常（压缩比过高），已拒绝读取');
export const tooSlow = (ms: number): PackageError =>
  new PackageError('too-slow', `文件过于复杂，读取超时（超过 ${Math.round(ms / 1000)} 秒），请删去不需要的内容后另存再试`);
export const tooLarge = (what: string): PackageError => new PackageError('too-large', `文件过大：${what}，请删去不需要的内容后另存再试`);
