import type { CellStyle, StyleKey } from './types';

/** Light yellow: 请在此填写. */
export const INPUT_FILL = 'FFF2CC';
/** Grey: 自动计算，请勿修改. */
export const OUTPUT_FILL = 'E7E6E6';
const HEADER_FILL = 'F2F2F2';
const SECTION_FILL = 'DDEBF7';

export const BODY_SIZE = 10;
/** A percentage the engine gives in percent (92.4): shown 92.40%, the number itself unchanged. */
export const RATE_FORMAT = '0.00"%"';
export const TITLE_SIZE = 16;

const body = { size: BODY_SIZE, horizontal: 'left', vertical: 'middle', wrap: true, border: true, locked: true } as const;
const input = { ...body, fill: INPUT_FILL, locked: false } as const;

/** The looks of the template; input styles are the only unlocked ones. */
export const STYLES: Record<StyleKey, CellStyle> = {
  title: { size: TITLE_SIZE, bold: true, horizontal: 'center', vertical: 'middle', wrap: false, border: false, locked: true },
  subtitle: { size: 11, horizontal: 'left', vertical: 'middle', wrap: false, border: false, locked: true },
  note: { size: 9, horizontal: 'left', vertical: 'middle', wrap: true, border: false, locked: true },
  section: { ...body, size: 11, bold: true, fill: SECTION_FILL, wrap: false },
  header: { ...body, bold: true, horizontal: 'center', fill: HEADER_FILL },
  label: { ...body },
  center: { ...body, horizontal: 'center' },
  text: { ...body, vertical: 'top' },
  hint: { ...body, size: 9, color: '595959' },
  total: { ...body, bold: true, horizontal: 'center' },
  input: { ...input, horizontal: 'right', wrap: false },
  inputChoice: { ...input, horizontal: 'center', wrap: false },
  inputText: { ...input, vertical: 'top', numFmt: '@' },
  inputDate: { ...input, horizontal: 'center', wrap: false, numFmt: 'yyyy"年"m"月"d"日"' },
  output: { ...body, bold: true, horizontal: 'center', fill: OUTPUT_FILL },
  outputText: { ...body, vertical: 'top', fill: OUTPUT_FILL },
  legendInput: { ...body, horizontal: 'center', fill: INPUT_FILL },
  legendOutput: { ...body, horizontal: 'center', fill: OUTPUT_FILL },
  /** a rate in percent as the engine gives it (92.4 → 92.40%) */
  outputRate: { ...body, bold: true, horizontal: 'center', fill: OUTPUT_FILL, numFmt: RATE_FORMAT },
  // the rows of a table the officer extends: every cell unlocked (see SheetPlan.rowBands), text kept as typed
  rowText: { ...input, vertical: 'top', numFmt: '@' },
  rowNumber: { ...input, horizontal: 'center', wrap: false },
  rowChoice: { ...input, horizontal: 'center', numFmt: '@' },
  rowOutput: { ...body, bold: true, horizontal: 'center', fill: OUTPUT_FILL, locked: false },
  rowOutputText: { ...body, vertical: 'top', fill: OUTPUT_FILL, locked: false },
};
