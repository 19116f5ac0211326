import { type Rational, div, fromDigits, whole } from './rational';

/**
 * The tokens of a calculation text. Every token keeps its span [start, end) in the text as written, so that a
 * claim can be quoted exactly. Prose is kept as words (labels such as 执行数 before 89.8) and breaks
 * (punctuation, line ends, dates…), which end a formula.
 */
export type Token = NumToken | OpToken | SimpleToken | CircledToken | WordToken;

export interface NumToken {
  k: 'num';
  start: number;
  end: number;
  /** the value inside arithmetic: 77.27% is 0.7727, 3‰ is 0.003 */
  value: Rational;
  /** the digits as written, without separators: "126.08" */
  digits: string;
  /** decimals shown */
  decimals: number;
  /** 100 for %, 1000 for ‰, else 1 */
  scale: 1 | 100 | 1000;
  /** written with 百分点 / 个百分点: percentage points, a percentage when stated as a result */
  points: boolean;
  /** power of ten of an amount unit written after it: 0 for 元, 4 for 万/万元, 8 for 亿; undefined when none */
  magnitude?: number;
  /** what follows the digits (spaces aside), folded to half-width: "%", "分", "万元", "个百分点", "" */
  suffix: string;
}

export interface OpToken {
  k: 'op';
  start: number;
  end: number;
  op: '+' | '-' | '*' | '/';
}

export interface SimpleToken {
  /** open / close: any bracket; eq: = (approx for ≈); brk: anything that ends a formula */
  k: 'open' | 'close' | 'eq' | 'brk';
  start: number;
  end: number;
  approx?: boolean;
}

export interface CircledToken {
  k: 'circ';
  start: number;
  end: number;
  /** the marker itself: ① or ⑴ */
  key: string;
}

export interface WordToken {
  k: 'word';
  start: number;
  end: number;
  /** a word holding digits (2024年, 12345热线, 第3项, A1) can never label a number */
  digits: boolean;
}

/** Full-width ASCII (０-９, （, ％, ＝ …) and the ideographic space as half-width; everything else as it is. */
export function fold(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000 || code === 0xa0) return ' ';
  return c;
}

const MINUS = new Set(['-', '\u2212', '\u2013', '\u2014', '\u2012', '\uFE63', '\u2010', '\u2011']);
const PLUS = new Set(['+', '\uFE62']);
const TIMES = new Set(['×', '*', '✕', '✖', '╳']);
/** times only between two operands: 5x4, 0.4·5 (elsewhere a letter or a name's dot) */
const TIMES_BETWEEN = new Set(['x', 'X', '·', '•', '⋅', '∙']);
const DIVIDE = new Set(['/', '÷', '∕']);
const OPEN = new Set(['(', '[', '{', '【', '〔', '〖', '﹙', '⟮']);
const CLOSE = new Set([')', ']', '}', '】', '〕', '〗', '﹚', '⟯']);
const EQUALS = new Set(['=', '═', '﹦', '⩵']);
const APPROX = new Set(['≈', '≒']);
/** quotes and title marks belong to the words they enclose (“三公经费”支出) */
const WORDISH = new Set(['“', '”', '‘', '’', '"', "'", '《', '》', '「', '」', '『', '』']);
const WORD_CHAR = /[\p{L}\p{M}]/u;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isCircled(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code >= 0x2460 && code <= 0x2473) || (code >= 0x2474 && code <= 0x2487);
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u2028' || c === '\u2029';
}

function isWordChar(c: string): boolean {
  return WORDISH.has(c) || WORD_CHAR.test(c);
}

/** Amount magnitudes written before a unit (or alone): 万元 is 10^4 元. */
const MAGNITUDES: [string, number][] = [
  ['百万', 6],
  ['千万', 7],
  ['万', 4],
  ['亿', 8],
];

/**
 * Units written after a number, longest first. Dates and times (年, 月, 日, 号, 时) are deliberately absent: a
 * number glued to them is a date, never an operand.
 */
const UNITS = [
  '个百分点', '百分点', '平方米', '人次', '个月', '分钟', '小时', '公里', '千米', '平米', '公顷', '千克', '公斤',
  '立方米', '千元', '元', '人', '名', '位', '个', '件', '项', '次', '份', '例', '户', '家', '条', '台', '辆', '套',
  '张', '本', '册', '场', '期', '批', '所', '座', '处', '间', '栋', '笔', '宗', '起', '篇', '棵', '株', '头', '只',
  '分', '天', '米', '亩', '吨', '㎡', 'm²', 'm2', '㎞', 'km',
];

export function tokenize(raw: string): Token[] {
  const text = Array.from(raw, (c) => (c.length === 1 ? fold(c) : c)).join('');
  // fold keeps lengths (one UTF-16 unit to one), so indexes into `text` are indexes into `raw`
  const toks: Token[] = [];
  const n = text.length;
  let i = 0;

  const last = (): Token | undefined => toks[toks.length - 1];
  const push = (t: Token) => {
    const prev = last();
    // a word glued to a word (or to a date) is one word
    if (t.k === 'word' && prev?.k === 'word' && prev.end === t.start) {
      prev.end = t.end;
      prev.digits = prev.digits || t.digits;
      return;
    }
    toks.push(t);
  };
  const nextNonSpace = (from: number): number => {
    let j = from;
    while (j < n && isSpace(text[j])) j++;
    return j;
  };
  const startsOperand = (j: number): boolean => {
    const c = text[j];
    return c !== undefined && (isDigit(c) || OPEN.has(c) || isCircled(c));
  };

  while (i < n) {
    const c = text[i];

    if (isSpace(c)) {
      let j = i;
      let lineEnd = false;
      while (j < n && isSpace(text[j])) {
        if (text[j] === '\n' || text[j] === '\r' || text[j] === '\u2028' || text[j] === '\u2029') lineEnd = true;
        j++;
      }
      // a line end inside a formula that visibly goes on (after an operator or "=", before an operator, ")",
      // "=" or "%") is only wrapping; any other line end ends the formula
      if (lineEnd) {
        const prev = last();
        const after = text[j];
        const continues =
          (prev && (prev.k === 'op' || prev.k === 'open' || prev.k === 'eq') && prev.end === i) ||
          (after !== undefined && (PLUS.has(after) || TIMES.has(after) || DIVIDE.has(after) || CLOSE.has(after) || EQUALS.has(after) || APPROX.has(after) || after === '%'));
        if (!continues) push({ k: 'brk', start: i, end: j });
      }
      i = j;
      continue;
    }

    if (isDigit(c)) {
      i = readNumber(text, i, toks, push);
      continue;
    }

    if (MINUS.has(c)) {
      // two dashes or more (——, --) are punctuation, not a minus
      let j = i + 1;
      while (j < n && MINUS.has(text[j])) j++;
      if (j - i > 1) push({ k: 'brk', start: i, end: j });
      else push({ k: 'op', start: i, end: j, op: '-' });
      i = j;
      continue;
    }
    if (PLUS.has(c)) {
      push({ k: 'op', start: i, end: i + 1, op: '+' });
      i++;
      continue;
    }
    if (TIMES.has(c)) {
      push({ k: 'op', start: i, end: i + 1, op: '*' });
      i++;
      continue;
    }
    if (TIMES_BETWEEN.has(c)) {
      const prev = last();
      const between = prev && (prev.k === 'num' || prev.k === 'close' || prev.k === 'circ') && startsOperand(nextNonSpace(i + 1));
      if (between) {
        push({ k: 'op', start: i, end: i + 1, op: '*' });
        i++;
        continue;
      }
    }
    if (DIVIDE.has(c)) {
      push({ k: 'op', start: i, end: i + 1, op: '/' });
      i++;
      continue;
    }
    if (OPEN.has(c)) {
      // an enumerator (1) （2） is a list mark, not a bracketed 1: what follows it could not follow an operand
      const m = /^\((\d{1,2})\)/.exec(text.slice(i, i + 4));
      if (m && !startsAfterEnumerator(text, nextNonSpace(i + m[0].length))) {
        push({ k: 'brk', start: i, end: i + m[0].length });
        i += m[0].length;
        continue;
      }
      push({ k: 'open', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (CLOSE.has(c)) {
      push({ k: 'close', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (EQUALS.has(c) || APPROX.has(c)) {
      push({ k: 'eq', start: i, end: i + 1, approx: APPROX.has(c) });
      i++;
      continue;
    }
    if (isCircled(c)) {
      push({ k: 'circ', start: i, end: i + 1, key: c });
      i++;
      continue;
    }
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text[j])) j++;
      // 第3项: an ordinal's number belongs to the word
      if (text[j - 1] === '第' && isDigit(text[j])) {
        while (j < n && (isDigit(text[j]) || isWordChar(text[j]))) j++;
        push({ k: 'word', start: i, end: j, digits: true });
      } else {
        push({ k: 'word', start: i, end: j, digits: false });
      }
      i = j;
      continue;
    }
    // %, ‰ or a unit with no number before it, punctuation, comparison signs, anything else
    push({ k: 'brk', start: i, end: i + 1 });
    i++;
  }
  return toks;
}

/** After "(1)": an operator, ")", "=" or % means the bracket was arithmetic after all: (1)+(2)=3. */
function startsAfterEnumerator(text: string, j: number): boolean {
  const c = text[j];
  return c !== undefined && (MINUS.has(c) || PLUS.has(c) || TIMES.has(c) || DIVIDE.has(c) || EQUALS.has(c) || APPROX.has(c) || c === '%' || CLOSE.has(c));
}

/**
 * Reads the number at i: digits with thousands separators and a decimal part, then %, ‰ and a unit. A number
 * that is not an amount (0730-…, 1.2.3, 2024年, 12345热线, A1) becomes a word holding digits.
 */
function readNumber(text: string, i: number, toks: Token[], push: (t: Token) => void): number {
  const n = text.length;
  const start = i;
  let j = i;
  while (j < n && isDigit(text[j])) j++;
  let digits = text.slice(i, j);
  let odd = digits.length > 1 && digits[0] === '0';
  // 4,360,097.54: groups of three after a first group of one to three digits
  if (text[j] === ',' && digits.length <= 3 && /^,\d{3}(?!\d)/.test(text.slice(j, j + 5))) {
    while (/^,\d{3}(?!\d)/.test(text.slice(j, j + 5))) {
      digits += text.slice(j + 1, j + 4);
      j += 4;
    }
  }
  let decimals = 0;
  if (text[j] === '.' && isDigit(text[j + 1])) {
    let k = j + 1;
    while (k < n && isDigit(text[k])) k++;
    decimals = k - j - 1;
    digits += text.slice(j, k);
    j = k;
    // 1.2.3 is a section number, 2024.12.31 a date
    if (text[j] === '.' && isDigit(text[j + 1])) odd = true;
  }
  // an identifier (身份证号, 索引号) is no amount, and more digits than exact arithmetic is kept for
  if (digits.replace('.', '').length > 18) odd = true;
  // a letter glued before the digits (A1, H8, COVID19): a name, not a number
  const before = text[start - 1];
  if (before !== undefined && /[A-Za-z_]/.test(before) && !(TIMES_BETWEEN.has(before) && toks[toks.length - 1]?.k === 'op')) odd = true;

  // % or ‰, maybe after spaces on the same line
  let k = j;
  while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
  let scale: 1 | 100 | 1000 = 1;
  if (text[k] === '%' || text[k] === '﹪') scale = 100;
  else if (text[k] === '‰') scale = 1000;
  let end = j;
  let suffix = '';
  let magnitude: number | undefined;
  let points = false;
  if (scale !== 1) {
    suffix = text[k];
    end = k + 1;
  } else {
    const rest = text.slice(k, k + 8);
    let at = 0;
    const mag = MAGNITUDES.find(([w]) => rest.startsWith(w));
    if (mag) {
      magnitude = mag[1];
      at = mag[0].length;
    }
    const unit = UNITS.find((u) => rest.startsWith(u, at));
    if (unit) {
      if (unit === '元') magnitude = magnitude ?? 0;
      if (unit === '千元') magnitude = (magnitude ?? 0) + 3;
      if (unit === '百分点' || unit === '个百分点') points = true;
      at += unit.length;
    }
    if (at > 0) {
      suffix = rest.slice(0, at);
      end = k + at;
    } else if (isWordChar(text[j] ?? '') && !TIMES_BETWEEN.has(text[j])) {
      // digits glued to a word that is no unit: 2024年, 12月, 12345热线, 3号楼
      odd = true;
    }
  }
  if (odd) {
    // the rest of a section number or date (1.2.3, 2024.12.31), then the word glued to it; a number after that
    // word is a number of its own (12月执行数89.8)
    let e = j;
    while (e < n && (isDigit(text[e]) || (text[e] === '.' && isDigit(text[e + 1])))) e++;
    while (e < n && isWordChar(text[e]) && !isDigit(text[e])) e++;
    push({ k: 'word', start, end: e, digits: true });
    return e;
  }
  let value = fromDigits(digits);
  if (scale !== 1) value = div(value, whole(scale));
  push({ k: 'num', start, end, value, digits, decimals, scale, points, magnitude, suffix });
  return end;
}
