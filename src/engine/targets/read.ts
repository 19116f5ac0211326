/**
 * Reading the cells of a target table as officers type them: 年度指标值 (`≥95%`, `不低于95%`, `36个`,
 * `2025年11月底前`, `控制在预算内`), 实际完成值 (`98%`, `≥266米`, `已完成`, `11月前完成`), 指标性质 (`≥`, `正向`,
 * `大于等于`, `定性`), 度量单位, 完成情况 (`达成`, `部分达成年度指标并具有一定效果` …) and the 一级/二级 labels
 * (`产出指标（50分）`, `经济效 益指标`, `服务对象满意度指标等`). Pure functions of the text; readings of target and
 * actual texts are remembered, since a recompute reads the same cells again.
 */
import { Decimal } from '../decimal';
import { normalize } from '../values';

export type Op = '≥' | '≤' | '=';

/** A number with its unit as written ('' when none), the unit in its canonical spelling (日 → 天, ㎡ → 平方米). */
export interface Quantity {
  value: Decimal;
  unit: string;
}

/** A point in time as written: a year, a month, a day, each where given. */
export interface When {
  y?: number;
  m?: number;
  d?: number;
}

/** What a 年度指标值 or 实际完成值 cell says. */
export interface Reading {
  /** the text with full-width forms, look-alike operators and white space normalised */
  text: string;
  /** the operator it carries, in symbols or words (≥, 不低于, 以内 …) */
  op?: Op;
  /** exactly one number (dates and list markers aside) */
  quantity?: Quantity;
  /** more than one number: not a single value */
  numbers: number;
  /** a time (2025年11月前, 9月底, 年底前) where every number belongs to it */
  when?: When;
  /** says it is done (完成, 已完成, 按时完成, 达成, 达到, or just 是), not negated (未完成, 部分完成) */
  done: boolean;
  /** says it is not done (未完成, 尚未完成, 未达到 …) */
  notDone: boolean;
}

const LOOK_ALIKES: [RegExp, string][] = [
  [/≧|>=|=>|≮/g, '≥'],
  [/≦|<=|=<|≯/g, '≤'],
  [/[═﹦〓]/g, '='],
  [/≥=/g, '≥'],
  [/≤=/g, '≤'],
];

/**
 * A pure function of a cell's text, remembered: a recompute reads the same texts again (every row of every
 * form), and reading them is most of the work. Bounded, so that a long session does not grow it without end.
 */
function remembered<T>(read: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let r = seen.get(text);
    if (r === undefined && !seen.has(text)) {
      r = read(text);
      if (seen.size >= CACHE_LIMIT) seen.clear();
      seen.set(text, r);
    }
    return r as T;
  };
}

const CACHE_LIMIT = 20000;

/** normalize() plus the operator look-alikes officers type: ≧ ≦ ＞＝ ＜＝ ═ ﹦ ＝. */
export const normalizeCell = remembered((text: string): string => {
  let t = normalize(text);
  if (/[≧≦<>═﹦〓≮≯=]/.test(t)) for (const [re, to] of LOOK_ALIKES) t = t.replace(re, to);
  return t;
});

/** Cells that hold nothing: blank, or a dash or slash typed to say “none”. */
export function isBlankish(text: string): boolean {
  return /^(|\/+|-+|—+|－+|―+)$/.test(text);
}

// ---- operators ----------------------------------------------------------------------------------------------

/** Words in the order they must be tried: the negated forms before the words they contain. */
const OP_WORDS: [string, Op][] = [
  ['不高于', '≤'],
  ['不超过', '≤'],
  ['不多于', '≤'],
  ['不大于', '≤'],
  ['不低于', '≥'],
  ['不少于', '≥'],
  ['不小于', '≥'],
  ['大于或等于', '≥'],
  ['大于等于', '≥'],
  ['高于或等于', '≥'],
  ['小于或等于', '≤'],
  ['小于等于', '≤'],
  ['低于或等于', '≤'],
  ['至少', '≥'],
  ['最少', '≥'],
  ['以上', '≥'],
  ['至多', '≤'],
  ['最多', '≤'],
  ['以内', '≤'],
  ['之内', '≤'],
  ['以下', '≤'],
  ['控制在', '≤'],
  ['超过', '≥'],
  ['高于', '≥'],
  ['大于', '≥'],
  ['多于', '≥'],
  ['低于', '≤'],
  ['少于', '≤'],
  ['小于', '≤'],
  ['等于', '='],
];

/** The operator a text carries: a symbol first (≥ ≤ = > <), else the first matching word. */
export function opOf(text: string): Op | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '≥' || c === '>') return '≥';
    if (c === '≤' || c === '<') return '≤';
    if (c === '=') return '=';
  }
  for (const [word, op] of OP_WORDS) if (text.includes(word)) return op;
  return undefined;
}

// ---- units --------------------------------------------------------------------------------------------------

/** Units an officer writes after a number, longest first, with their canonical spelling. */
const UNITS: [string, string][] = (
  [
    ['个百分点', '个百分点'],
    ['个工作日', '个工作日'],
    ['工作日', '个工作日'],
    ['平方公里', '平方公里'],
    ['平方米', '平方米'],
    ['立方米', '立方米'],
    ['万人次', '万人次'],
    ['人次', '人次'],
    ['个小时', '小时'],
    ['小时', '小时'],
    ['分钟', '分钟'],
    ['个月', '个月'],
    ['万元', '万元'],
    ['亿元', '亿元'],
    ['千元', '千元'],
    ['公里', '公里'],
    ['千米', '公里'],
    ['公顷', '公顷'],
    ['公斤', '公斤'],
    ['千克', '公斤'],
    ['万人', '万人'],
    ['万户', '万户'],
    ['m²', '平方米'],
    ['m2', '平方米'],
    ['㎡', '平方米'],
    ['km', '公里'],
    ['kg', '公斤'],
    ['%', '%'],
    ['‰', '‰'],
    ['元', '元'],
    ['米', '米'],
    ['亩', '亩'],
    ['吨', '吨'],
    ['天', '天'],
    ['日', '天'],
    ['周', '周'],
    ['年', '年'],
    ['次', '次'],
    ['个', '个'],
    ['条', '条'],
    ['人', '人'],
    ['名', '人'],
    ['户', '户'],
    ['家', '家'],
    ['所', '所'],
    ['项', '项'],
    ['件', '件'],
    ['份', '份'],
    ['台', '台'],
    ['套', '套'],
    ['座', '座'],
    ['处', '处'],
    ['批', '批'],
    ['场', '场'],
    ['期', '期'],
    ['篇', '篇'],
    ['册', '册'],
    ['本', '本'],
    ['辆', '辆'],
    ['间', '间'],
    ['张', '张'],
    ['株', '株'],
    ['棵', '棵'],
    ['头', '头'],
    ['只', '只'],
    ['箱', '箱'],
    ['块', '块'],
    ['部', '部'],
    ['起', '起'],
    ['分', '分'],
    ['时', '小时'],
    ['m', '米'],
  ] as [string, string][]
).sort((a, b) => b[0].length - a[0].length);

/** Money units and their worth in 元: the one family converted when both sides write their unit out. */
export const MONEY: Record<string, number> = { 元: 1, 千元: 1000, 万元: 10000, 亿元: 100000000 };

/** The canonical spelling of a unit typed on its own (the 度量单位 column): '％' → '%', '日' → '天'; '' for none. */
export const unitOf = remembered((text: string): string => {
  const t = normalizeCell(text).replace(/^[(（]|[)）]$/g, '');
  if (isBlankish(t)) return '';
  for (const [spelled, canonical] of UNITS) if (t === spelled) return canonical;
  return t;
});

function unitAt(text: string, at: number): string {
  for (const [spelled, canonical] of UNITS) if (text.startsWith(spelled, at)) return canonical;
  return '';
}

// ---- times --------------------------------------------------------------------------------------------------

// 2025年11月30日, 2025年11月, 2025年; 2025-11-30, 2025/11; 2025.11.30 (a dotted pair such as 1990.7 is a number)
const FULL_DATE = /(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号])?)?|(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?(?!\d)|(\d{4})\.(\d{1,2})\.(\d{1,2})(?!\d)/g;
const MONTH_DATE = /(\d{1,2})月(?:(\d{1,2})[日号])?/g;

interface TimeScan {
  when?: When;
  /** [start, end) of every number that belongs to a time */
  spans: [number, number][];
}

/** The first time a text names, and where its numbers are, so that they are not read as quantities. */
function scanTime(text: string): TimeScan {
  const spans: [number, number][] = [];
  let when: When | undefined;
  const month = (m: number) => m >= 1 && m <= 12;
  for (const m of text.matchAll(FULL_DATE)) {
    const y = Number(m[1] ?? m[4] ?? m[7]);
    const mo = m[2] ?? m[5] ?? m[8];
    const d = m[3] ?? m[6] ?? m[9];
    if (y < 1990 || y > 2100 || (mo !== undefined && !month(Number(mo)))) continue;
    spans.push([m.index!, m.index! + m[0].length]);
    when ??= { y, ...(mo !== undefined ? { m: Number(mo) } : {}), ...(d !== undefined ? { d: Number(d) } : {}) };
  }
  for (const m of text.matchAll(MONTH_DATE)) {
    const at = m.index!;
    // a month of a date already read, or a count of months (3个月) is no time
    if (spans.some(([s, e]) => at >= s && at < e) || !month(Number(m[1]))) continue;
    if (at > 0 && /[\d.]/.test(text[at - 1])) continue;
    spans.push([at, at + m[0].length]);
    when ??= { m: Number(m[1]), ...(m[2] !== undefined ? { d: Number(m[2]) } : {}) };
  }
  if (!when) {
    if (/年底|年末|年内|全年/.test(text) && /前|底|末|内|完成/.test(text)) when = { m: 12 };
    else if (/上半年/.test(text)) when = { m: 6 };
  }
  return { when, spans };
}

/** A time compared with another at the precision both give; years left out are taken from `year`. */
export function compareWhen(a: When, b: When, year: number | undefined): number {
  const ya = a.y ?? b.y ?? year;
  const yb = b.y ?? a.y ?? year;
  if (ya !== undefined && yb !== undefined && ya !== yb) return ya < yb ? -1 : 1;
  if (a.m === undefined || b.m === undefined) return 0;
  if (a.m !== b.m) return a.m < b.m ? -1 : 1;
  if (a.d === undefined || b.d === undefined) return 0;
  return a.d === b.d ? 0 : a.d < b.d ? -1 : 1;
}

/** 2025年11月, 11月, 2025年 — a time as the texts write it. */
export function whenText(w: When): string {
  return `${w.y !== undefined ? `${w.y}年` : ''}${w.m !== undefined ? `${w.m}月` : ''}${w.d !== undefined ? `${w.d}日` : ''}` || '年底';
}

// ---- numbers and the whole reading --------------------------------------------------------------------------

const NUMBER = /[+-]?\d+(?:,\d{3})*(?:\.\d+)?|[+-]?\.\d+/g;
/** 1、 (1) ① at the start of a text, or after a ; — list markers, not values */
const LIST_MARKER = /(^|[;；。])\s*(?:\d{1,2}[、.．](?!\d)|[(（]\d{1,2}[)）])/g;
const NOT_DONE = /(未|没有|没|尚未|暂未|未能|无法|不能|不|部分)(按时|如期|按期|全部|全面|能)?(完成|达成|达到)/;
const DONE = /完成|达成|达到|^是$/;

const readText = remembered(read);

/** Reads a 年度指标值 or 实际完成值 cell (text or number). */
export function readValue(raw: string | number): Reading {
  if (typeof raw === 'number') {
    const value = Number.isFinite(raw) ? new Decimal(raw).toSignificantDigits(15) : undefined;
    return { text: String(raw), numbers: value ? 1 : 0, done: false, notDone: false, ...(value ? { quantity: { value, unit: '' } } : {}) };
  }
  return readText(raw);
}

function read(raw: string): Reading {
  const text = normalizeCell(raw);
  const op = opOf(text);
  const notDone = NOT_DONE.test(text);
  const done = !notDone && DONE.test(text);
  const bare = text.replace(LIST_MARKER, '$1');
  const time = scanTime(bare);
  const found: { at: number; token: string }[] = [];
  for (const m of bare.matchAll(NUMBER)) {
    const at = m.index!;
    if (time.spans.some(([s, e]) => at >= s && at < e)) continue;
    // a digit glued to letters (5G, A3) names a thing rather than a quantity; a unit in letters (km) is a unit
    if (at > 0 && /[A-Za-z]/.test(bare[at - 1])) continue;
    const after = at + m[0].length;
    if (/[A-Za-z]/.test(bare[after] ?? '') && unitAt(bare, after) === '') continue;
    found.push({ at, token: m[0] });
  }
  const reading: Reading = { text, numbers: found.length, done, notDone, ...(op ? { op } : {}) };
  if (found.length === 1) {
    const { at, token } = found[0];
    const value = new Decimal(token.replace(/,/g, ''));
    reading.quantity = { value, unit: unitAt(bare, at + token.length) };
  } else if (found.length === 0 && time.when) {
    reading.when = time.when;
  }
  return reading;
}

// ---- the 指标性质 column, ratings and labels ------------------------------------------------------------------

export type SenseWord = Op | '定性';

export interface SenseReading {
  sense?: SenseWord;
  /** the column says two things that disagree (正向 beside 小于等于): the operator was taken */
  conflict?: string;
  /** nothing recognisable */
  unknown?: boolean;
}

/** Reads the 指标性质 column: ≥ ≤ = and their look-alikes, 大于等于/小于等于/等于, 正向/反向, 定性/定量. */
export const readSense = remembered((raw: string): SenseReading => {
  const text = normalizeCell(raw).replace(/指标|型|类/g, '');
  if (isBlankish(text)) return {};
  const op = opOf(text);
  const direction: Op | '定性' | undefined = /定性/.test(text)
    ? '定性'
    : /正向|越大越好|越高越好/.test(text)
      ? '≥'
      : /反向|逆向|越小越好|越低越好/.test(text)
        ? '≤'
        : undefined;
  if (op && direction && direction !== '定性' && direction !== op) {
    return { sense: op, conflict: `${direction === '≥' ? '正向' : '反向'}与“${op}”` };
  }
  if (op) return { sense: op };
  if (direction) return { sense: direction };
  if (/定量/.test(text)) return {};
  return { unknown: true };
});

export type Rating = '达成' | '部分达成' | '未达成';

/** Reads 完成情况: 达成 / 部分达成 / 未达成 and their long forms; undefined for blank, null for anything else. */
export const readRating = remembered((raw: string): Rating | undefined | null => {
  const text = normalizeCell(raw);
  if (isBlankish(text)) return undefined;
  if (/^(未达成|未完成|未达到|没有达成)/.test(text)) return '未达成';
  if (/^(部分达成|部分完成|部分达到|基本达成|基本完成)/.test(text)) return '部分达成';
  if (/^(达成|完成|全部达成|全部完成|已达成|已完成|达到)/.test(text)) return '达成';
  return null;
});

/** A 一级/二级 label as typed, reduced for matching: spaces, (50分), a trailing 等 and colons dropped. */
export const labelKey = remembered((raw: string): string =>
  normalizeCell(raw)
    .replace(/[(（][\d.]+分[)）]/g, '')
    .replace(/[:：]+$/, '')
    .replace(/等$/, '')
    .replace(/指标$/, ''),
);

/** A 三级指标 name that holds nothing: ……, …, /, 指标2, 指标2：, 指标1:/ (or blank). */
export const isPlaceholderName = remembered((raw: string): boolean => {
  const t = normalizeCell(raw);
  return isBlankish(t) || /^(\.{2,}|…+|无|指标\d*:?\/?)$/.test(t);
});

/** What is left of a qualitative text once spaces, punctuation, 已 and 完成 are set aside (restating a target). */
export const gist = remembered((raw: string): string =>
  normalizeCell(raw).replace(/[，。、；;,.!！:："“”'‘’()（）《》[\]【】]/g, '').replace(/已|完成/g, ''),
);
