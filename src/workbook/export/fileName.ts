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

/** Longest department name kept in a file name (Windows allows 255 characters per name). */
const MAX_DEPT = 120;

/**
 * A text made safe as part of a Windows (and macOS, Linux) file name: forbidden characters become their
 * full-width forms, control characters and line breaks spaces, runs of spaces one space; no leading or
 * trailing spaces or dots.
 */
export function safeFileNamePart(text: string): string {
  return [...text]
    .map((ch) => FULL_WIDTH[ch] ?? (ch < ' ' || ch === '\u007f' ? ' ' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
}

/**
 * {部门名称}{年度}年度部门整体支出绩效自评表.xlsx; a blank name or year is left out
 * (2024年度部门整体支出绩效自评表.xlsx, 示例县政务服务中心部门整体支出绩效自评表.xlsx, 部门整体支出绩效自评表.xlsx).
 */
export function submissionFileName(dept: string | null | undefined, year: number | string | null | undefined): string {
  const name = [...safeFileNamePart(dept ?? '')].slice(0, MAX_DEPT).join('').trim();
  const y = year === null || year === undefined ? '' : safeFileNamePart(String(year)).replace(/年度?$/, '');
  return `${name}${y ? `${y}年度` : ''}${SUBMISSION_TITLE}.xlsx`;
}
