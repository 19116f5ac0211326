import { Decimal, whole, ZERO } from './decimal';
import type { RawValue } from './types';

/** The outcome of reading one cell: blank, a value, or why it cannot be read (in Chinese). */
export type Parsed<T> =
  | { kind: 'blank' }
  | { kind: 'ok'; value: T; note?: string }
  | { kind: 'bad'; code: 'invalid_value' | 'out_of_range'; reason: string };

const blank = { kind: 'blank' } as const;
const bad = (reason: string, code: 'invalid_value' | 'out_of_range' = 'invalid_value') => ({ kind: 'bad', code, reason }) as const;

/** A Date as 2025-03-01; undefined for an invalid Date (toISOString would throw on it). */
function isoDay(d: Date): string | undefined {
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}

/** How a value was shown to us, for messages: “17人”, 3.5, TRUE. */
export function shown(raw: RawValue): string {
  if (raw instanceof Date) return isoDay(raw) ?? '无效日期';
  if (typeof raw === 'string') return `“${raw}”`;
  return String(raw);
}

/**
 * Full-width digits, letters and punctuation to ASCII (NFKC), the many dashes and minus signs to "-",
 * and no white space at all: what officers type in WPS with a Chinese input method.
 */
export function normalize(text: string): string {
  // printable ASCII without spaces is already as normal as it gets: NFKC keeps it, and it holds no dash to
  // replace and no white space to drop
  if (isPrintableAscii(text)) return text;
  return text
    .normalize('NFKC')
    .replace(/[\u2212\u2012\u2013\uFE63]/g, '-')
    .replace(/[\s\u00A0\u3000]+/g, '');
}

function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c >= 127) return false;
  }
  return true;
}

const PLACEHOLDER = /^(-+|—+|\/|－+|——)$/;
const ERROR_VALUE = /^#(DIV\/0!|N\/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!)$/i;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

export type MoneyUnit = '元' | '万元';
export type NumberKind = 'amount' | 'integer' | 'number' | 'year';

/** Unit words an officer may type after a number, by the kind of field. */
const SUFFIXES: Record<NumberKind, string[]> = {
  amount: ['万元', '元', '万'],
  integer: ['人', '名', '件', '项', '个', '份', '例', '次'],
  number: ['分'],
  year: ['年度', '年'],
};

export interface NumberOptions {
  kind: NumberKind;
  /** the form's money unit, to convert an amount typed with the other unit */
  formUnit?: MoneyUnit;
}

/**
 * A finite double as a Decimal of at most 15 significant digits. The shortest decimal form of a double is what
 * Decimal reads, so one that is at most 15 digits long needs no rounding: integers below 10^15, and short
 * decimals such as 1260.5 or 0.001 (their string has no exponent and at most 15 digits).
 */
function fromDouble(raw: number): Decimal {
  if (Number.isInteger(raw)) {
    if (raw < 1e15 && raw > -1e15) return whole(raw);
  } else {
    const s = String(raw);
    // a non-integer's string holds a "."; sign and point aside, at most 15 characters are digits. Decimal
    // reads a number through this very string: reading the string itself saves converting twice
    if (s.length <= (raw < 0 ? 17 : 16) && !s.includes('e')) return new Decimal(s);
  }
  return new Decimal(raw).toSignificantDigits(15);
}

/** [-+]?digits[.digits], ASCII only, nothing around it: what PLAIN_NUMBER accepts after a no-op normalize. */
function isAsciiNumber(text: string): boolean {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 || text.charCodeAt(0) === 43 ? 1 : 0; // - +
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

/**
 * −0 is 0: "-0", "-0.00", "−0", "(0)" or a cell holding -0 read as plain zero, so that a sign on nothing never
 * makes a value negative (a self-score of -0 is not out of range, and is never written "-0").
 */
function unsignedZero(value: Decimal): Decimal {
  return value.isZero() ? ZERO : value;
}

/** Reads a number a cell holds as a number (whatever the kind of field: units only come with text). */
export function parseDouble(raw: number): Parsed<Decimal> {
  if (!Number.isFinite(raw)) return bad(`${raw}不是有效的数字`);
  if (raw === 0) return { kind: 'ok', value: ZERO }; // also -0
  // exceljs hands over binary doubles; 15 significant digits drop float noise such as 0.30000000000000004
  return { kind: 'ok', value: fromDouble(raw) };
}

/** Reads a number from what a cell holds: 17, "17人", "１７", "4,360,097.54", "436.01万元", "(30)", "无". */
export function parseNumber(raw: RawValue, opts: NumberOptions): Parsed<Decimal> {
  if (raw === null || raw === undefined) return blank;
  if (typeof raw === 'number') return parseDouble(raw);
  if (typeof raw === 'boolean') return bad(`${raw ? 'TRUE' : 'FALSE'}不是数字`);
  if (raw instanceof Date) return bad(Number.isNaN(raw.getTime()) ? '单元格中的日期无效，这里应填写数值' : `日期${shown(raw)}不是数字`);
  if (Array.isArray(raw)) return bad('应为单个数值，不是一组数据');

  // fast path: a plain ASCII number (17, 12.5, -3) needs no normalising; the result is what the steps below give
  if (isAsciiNumber(raw)) return { kind: 'ok', value: unsignedZero(new Decimal(raw)), note: undefined };

  let text = normalize(raw);
  if (text === '') return blank;
  if (PLACEHOLDER.test(text)) return blank;
  if (ERROR_VALUE.test(text)) return bad(`单元格是错误值${text}（公式出错）`);
  if (text === '无' || text === '没有') return { kind: 'ok', value: new Decimal(0) };
  if (text.endsWith('%')) return bad(`${shown(raw)}是百分比，这里应填写数值`);

  let note: string | undefined;
  const suffix = SUFFIXES[opts.kind].find((s) => text.endsWith(s) && text.length > s.length);
  if (suffix) text = text.slice(0, -suffix.length);

  let negative = false;
  const accounting = /^\((.*)\)$/.exec(text);
  if (accounting) {
    negative = true;
    text = accounting[1];
  }
  if (GROUPED_NUMBER.test(text)) text = text.replace(/,/g, '');
  if (!PLAIN_NUMBER.test(text)) {
    if (/^[+-]?\d[\d,]*(\.\d+)?$/.test(text)) return bad(`${shown(raw)}的千位分隔符位置不对，无法确定数值`);
    return bad(`${shown(raw)}不是有效的数字`);
  }
  let value = unsignedZero(new Decimal(text));
  if (negative && !value.isZero()) value = value.negated();

  if (opts.kind === 'amount' && suffix && opts.formUnit) {
    const typed: MoneyUnit = suffix === '元' ? '元' : '万元';
    if (typed !== opts.formUnit) {
      const converted = typed === '万元' ? value.times(10000) : value.div(10000);
      note = `${shown(raw)}已按本表金额单位换算为${converted.toString()}${opts.formUnit}`;
      value = converted;
    }
  }
  return { kind: 'ok', value, note };
}

const YES = new Set(['是', '√', '✓', '✔', '☑', 'Y', 'YES', 'TRUE', 'T', '1', '有', '对']);
const NO = new Set(['否', '×', '✗', '✘', '☒', 'X', 'N', 'NO', 'FALSE', 'F', '0', '无', '错', '不是']);

/**
 * Strings that read as 是/否 exactly as written (是, 否, √, Y, TRUE…), each with the value the full reading gives
 * it: such a string skips normalising. Built by running the full reading on every word of YES and NO.
 */
const YES_NO_AS_WRITTEN = new Map<string, boolean>();
for (const word of [...YES, ...NO]) {
  const p = readYesNo(word);
  if (p.kind === 'ok') YES_NO_AS_WRITTEN.set(word, p.value);
}

/** Reads 是/否 (also √/×, Y/N, TRUE/FALSE, 1/0). */
export function parseYesNo(raw: RawValue): Parsed<boolean> {
  if (typeof raw === 'string') {
    const known = YES_NO_AS_WRITTEN.get(raw);
    if (known !== undefined) return { kind: 'ok', value: known };
  }
  return readYesNo(raw);
}

function readYesNo(raw: RawValue): Parsed<boolean> {
  if (raw === null || raw === undefined) return blank;
  if (typeof raw === 'boolean') return { kind: 'ok', value: raw };
  if (typeof raw === 'number') {
    if (raw === 1 || raw === 0) return { kind: 'ok', value: raw === 1 };
    return bad(`${raw}不是“是”或“否”`);
  }
  if (raw instanceof Date || Array.isArray(raw)) return bad('应填写“是”或“否”');
  const text = normalize(raw).toUpperCase();
  if (text === '' || PLACEHOLDER.test(text)) return blank;
  if (YES.has(text)) return { kind: 'ok', value: true };
  if (NO.has(text)) return { kind: 'ok', value: false };
  return bad(`${shown(raw)}不是“是”或“否”`);
}

export interface SurveyScale {
  answers: { label: string; points: number }[];
}

/** Reads one questionnaire answer: 5/4/3/0 or 非常满意/满意/一般/不满意 (a ticked box □/☑ before it is fine). */
export function parseSurveyAnswer(raw: RawValue, scale: SurveyScale): Parsed<Decimal> {
  if (raw === null || raw === undefined) return blank;
  // built only for a message: this runs for every answer of every questionnaire
  const allowed = () => `${scale.answers.map((a) => a.points).join('/')}或${scale.answers.map((a) => a.label).join('/')}`;
  if (typeof raw === 'number') {
    const hit = scale.answers.find((a) => a.points === raw);
    return hit ? { kind: 'ok', value: new Decimal(hit.points) } : bad(`${raw}不是有效答案（应为${allowed()}）`, 'out_of_range');
  }
  if (typeof raw !== 'string') return bad(`${shown(raw)}不是有效答案（应为${allowed()}）`);
  const text = normalize(raw).replace(/^[□☑☒■✓✔√]+/, '').replace(/分$/, '');
  if (text === '') return blank;
  const hit = scale.answers.find((a) => a.label === text || String(a.points) === text);
  if (hit) return { kind: 'ok', value: new Decimal(hit.points) };
  return bad(`${shown(raw)}不是有效答案（应为${allowed()}）`, /^\d+(\.\d+)?$/.test(text) ? 'out_of_range' : 'invalid_value');
}

/** Reads the form's money unit: 元 or 万元. */
export function parseMoneyUnit(raw: RawValue): Parsed<MoneyUnit> {
  // as typed by the template's list: the full reading below gives these at once
  if (raw === '万元' || raw === '元') return { kind: 'ok', value: raw };
  if (raw === null || raw === undefined) return blank;
  if (typeof raw !== 'string') return bad(`${shown(raw)}不是金额单位（应为“元”或“万元”）`);
  const text = normalize(raw).replace(/^人民币/, '').replace(/[()]/g, '');
  if (text === '') return blank;
  if (text === '元') return { kind: 'ok', value: '元' };
  if (text === '万元' || text === '万') return { kind: 'ok', value: '万元' };
  return bad(`${shown(raw)}不是金额单位（应为“元”或“万元”）`);
}

/** Reads free text; numbers and dates are written out as they would print. */
export function parseText(raw: RawValue): Parsed<string> {
  if (raw === null || raw === undefined) return blank;
  if (Array.isArray(raw)) return bad('应为文字，不是一组数据');
  if (raw instanceof Date) {
    const day = isoDay(raw);
    return day ? { kind: 'ok', value: day } : bad('单元格中的日期无效');
  }
  if (typeof raw === 'number' && !Number.isFinite(raw)) return bad(`${raw}不是有效的内容`);
  const text = String(raw).trim();
  return text === '' ? blank : { kind: 'ok', value: text };
}

/** YYYY-MM-DD in ASCII digits, a real day of a year from 100 (Date.UTC reads years 0–99 as 1900–1999). */
function isIsoDay(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  for (let i = 0; i < 10; i++) {
    const c = text.charCodeAt(i);
    if ((c < 48 || c > 57) && i !== 4 && i !== 7) return false;
  }
  const y = Number(text.slice(0, 4));
  const mo = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  if (y < 100) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Reads a date: a Date, an Excel serial day number, or text such as 2025年3月1日 / 2025-03-01. */
export function parseDate(raw: RawValue): Parsed<string> {
  if (raw === null || raw === undefined) return blank;
  if (raw instanceof Date) {
    const day = isoDay(raw);
    return day ? { kind: 'ok', value: day } : bad('单元格中的日期无效');
  }
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 1 || raw > 2958465) return bad(`${raw}不是有效的日期`);
    // Excel's day 25569 is 1970-01-01 (its 1900 leap-year bug is before any date we see)
    return { kind: 'ok', value: new Date((raw - 25569) * 86400000).toISOString().slice(0, 10) };
  }
  if (typeof raw !== 'string') return bad(`${shown(raw)}不是日期`);
  // fast path: a valid day written as 2025-03-15 (from the year 100 on) is already how it is returned
  if (isIsoDay(raw)) return { kind: 'ok', value: raw };
  const text = normalize(raw);
  if (text === '') return blank;
  const m = /^(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})日?$/.exec(text);
  if (!m) return bad(`${shown(raw)}不是日期（例如2025年3月1日或2025-03-01）`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return bad(`${shown(raw)}不是有效的日期`);
  return { kind: 'ok', value: date.toISOString().slice(0, 10) };
}
