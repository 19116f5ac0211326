/** What every 报送版 file name ends with. */
export const SUBMISSION_TITLE = '部门整体支出绩效自评表';

/** Characters Windows forbids in file names, replaced by their full-width forms (the name stays readable). */
const FULL_WIDTH: Record<string, string> = {
  '<': '＜',
  '>': '＞',
  ':': '：',
  '"': '＂',
  '/': '／',
  '\\': '＼',
  '|': '｜',
  '?': '？',
  '*': '＊',
};

/**
 * The longest name, in UTF-8 bytes, that every file system officers use accepts: Linux and macOS allow 255
 * bytes per name (a Chinese character takes 3), Windows 255 UTF-16 units (never more than the bytes). The
 * command writes beside it under a short temporary name, so the whole budget is the name's.
 */
export const MAX_NAME_BYTES = 255;

/**
 * Characters that change only how a text is displayed: bidi marks, embeddings, overrides and isolates, zero-width
 * spaces and joiners, the BOM. In a file name a right-to-left override (U+202E) from a 部门名称 would make
 * "…xcod.xlsx" display as "…xslx.docx" — a name that lies about its file — so they are dropped, not shown.
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * A text made safe as part of a Windows (and macOS, Linux) file name: forbidden characters become their
 * full-width forms, control characters (C0, C1) and line breaks spaces, invisible formatting characters are
 * dropped, runs of spaces one space; no leading or trailing spaces or dots.
 */
export function safeFileNamePart(text: string): string {
  return [...text.replace(INVISIBLE, '')]
    .map((ch) => FULL_WIDTH[ch] ?? (ch < ' ' || (ch >= '\u007f' && ch <= '\u009f') ? ' ' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
}

/** UTF-8 bytes of a text, counted by code point (no TextEncoder: the page's tests run where there is none). */
function utf8Bytes(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The longest start of `text` within `bytes` UTF-8 bytes, cut between code points. */
function cutToBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    used += utf8Bytes(ch);
    if (used > bytes) break;
    out += ch;
  }
  return out;
}

/**
 * {部门名称}{年度}年度部门整体支出绩效自评表.xlsx (or another form's `title`); a blank name or year is left out
 * (2024年度部门整体支出绩效自评表.xlsx, 示例县政务服务中心部门整体支出绩效自评表.xlsx, 部门整体支出绩效自评表.xlsx).
 * A name too long for a file name (over 255 bytes with the rest) is cut at its end.
 */
export function submissionFileName(dept: string | null | undefined, year: number | string | null | undefined, title: string = SUBMISSION_TITLE): string {
  const y = year === null || year === undefined ? '' : safeFileNamePart(String(year)).replace(/年度?$/, '');
  const rest = `${y ? `${y}年度` : ''}${safeFileNamePart(title)}.xlsx`;
  const name = cutToBytes(safeFileNamePart(dept ?? ''), Math.max(0, MAX_NAME_BYTES - utf8Bytes(rest))).replace(/[\s.]+$/, '');
  return `${name}${rest}`;
}
