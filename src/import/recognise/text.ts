/**
 * Reading the texts of hand-made tables: header and label keys with the spaces, line breaks, notes in brackets
 * and list markers that officers add left out; numbers as typed; grade words.
 */
import { Decimal } from '../../engine/decimal';
import { normalize } from '../../engine/values';
import type { GridCell } from '../grid';

/**
 * A header or label as compared: full-width forms folded, every space and line break dropped, notes in
 * brackets left out (评价得分（要求列出计算过程和评分依据） → 评价得分, 项目资金（万元） → 项目资金), a trailing
 * colon and a leading list marker (1、 （一） 其中：) dropped.
 */
export function labelKey(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    // every row is looked at by each kind of table: the same texts, read once
    if (keys.size >= 20000) keys.clear();
    key = readKey(text);
    keys.set(text, key);
  }
  return key;
}

const keys = new Map<string, string>();

function readKey(text: string): string {
  return normalize(text)
    .replace(/[(（][^()（）]*[)）]/g, '')
    .replace(/[“”"‘’'「」]/g, '')
    .replace(/^(其中[:：]?|[(（]?[一二三四五六七八九十]+[)）、.．]|[(（]?\d{1,2}[)）、.．](?!\d))+/, '')
    .replace(/[:：*]+$/, '')
    .replace(/^[*]+/, '');
}

/** The unit a label's note names: 项目资金（万元） → 万元. */
export function unitInLabel(text: string): '万元' | '元' | undefined {
  const m = /[(（]\s*(万元|元)\s*[)）]/.exec(normalize(text));
  return m ? (m[1] as '万元' | '元') : undefined;
}

/** A year named in a title or label: 2024年度…, 2024年… (2000–2100). */
export function yearIn(text: string): number | undefined {
  const m = /(20\d{2})\s*年/.exec(normalize(text));
  return m ? Number(m[1]) : undefined;
}

const NUMBER_TEXT = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)(万元|元|分|%|人|个|项|件|次)?$/;

/** A number as a cell holds it: the stored number, or a text that is a number with at most a unit ('' → none). */
export function cellNumber(cell: GridCell | null): { value: Decimal; unit: string } | null {
  if (!cell) return null;
  if (typeof cell.value === 'number') {
    if (!Number.isFinite(cell.value)) return null;
    const shownPercent = /%$/.test(cell.text.trim());
    return { value: new Decimal(cell.value).toSignificantDigits(15), unit: shownPercent ? '%' : '' };
  }
  if (typeof cell.value !== 'string') return null;
  const m = NUMBER_TEXT.exec(normalize(cell.value));
  if (!m) return null;
  return { value: new Decimal(m[1].replace(/,/g, '')), unit: m[2] ?? '' };
}

/** The grade words as officers write them, each to the grade it is. */
const GRADE_WORDS: Record<string, string> = {
  优秀: '优',
  优: '优',
  良好: '良',
  良: '良',
  中等: '中',
  中: '中',
  合格: '中',
  较差: '差',
  差: '差',
  不合格: '差',
};

const GRADE_ALTERNATION = '优秀|良好|中等|合格|较差|不合格|优|良|中|差';

/** A cell that is a grade word and nothing else (quotes, 级 and 等 aside): 优, “良好”, 良好等级. */
export function gradeWord(text: string): { word: string; grade: string } | undefined {
  const t = normalize(text).replace(/[“”"'‘’「」。.]/g, '').replace(/(等级|等次|级)$/, '');
  const grade = GRADE_WORDS[t];
  return grade ? { word: t, grade } : undefined;
}

/**
 * A grade named in a sentence: after 等级/等次/评为/结果/结论 (等级为“良好”, 评定为优秀, 自评结果：良). A grade word
 * anywhere else (其中, 中期) is not one.
 */
export function gradeInText(text: string): { word: string; grade: string } | undefined {
  const t = normalize(text);
  const whole = gradeWord(t);
  if (whole) return whole;
  // the word must end there (优秀单位, 中期 are no grades), or go on as 等级/级
  const re = new RegExp(`(等级|等次|级别|评级|评定|评为|评价为|定为|结果|结论)(为|是|[:：])?[“"'‘「]?(${GRADE_ALTERNATION})(?=$|[^\\u4e00-\\u9fa5]|等级|等次|级)`);
  const m = re.exec(t);
  if (!m) return undefined;
  return { word: m[3], grade: GRADE_WORDS[m[3]] };
}

/** The grade a word is (优秀 → 优), or undefined. */
export function gradeOfWord(word: string): string | undefined {
  return GRADE_WORDS[word];
}

/**
 * A score typed in a cell: a number (10, 9.47, "10分"), or in a calculation text the last "得X分" / "计X分"
 * (…扣2分，得2分 → 2). Undefined when the cell states none.
 */
export function typedScore(cell: GridCell | null): { value: Decimal; fromText: boolean } | undefined {
  if (!cell) return undefined;
  const n = cellNumber(cell);
  if (n && (n.unit === '' || n.unit === '分')) return { value: n.value, fromText: false };
  if (typeof cell.value !== 'string') return undefined;
  const t = normalize(cell.value);
  let last: { at: number; digits: string } | undefined;
  for (const m of t.matchAll(/(?:得分|评分|得|计|记)(?:为|[:：])?([+-]?\d+(?:\.\d+)?)分?(?![\d.%])/g)) last = { at: m.index!, digits: m[1] };
  // a text that ends in its result: …①+②=9分, 430/（10×50）×8=6.88分
  const end = /=([+-]?\d+(?:\.\d+)?)分[。.；;]?$/.exec(t);
  if (end && (!last || end.index > last.at)) last = { at: end.index, digits: end[1] };
  return last === undefined ? undefined : { value: new Decimal(last.digits), fromText: true };
}

/** A total written in a sentence: 自评得分96分, 总分为73.28分, 综合得分：85. */
export function totalInText(text: string): Decimal | undefined {
  const t = normalize(text);
  const m = /(自评得分|自评总分|综合得分|评价得分|总得分|总分|合计得分|得分|自评分|评分)(为|是|[:：])?(\d+(?:\.\d+)?)分?/.exec(t);
  return m ? new Decimal(m[3]) : undefined;
}
