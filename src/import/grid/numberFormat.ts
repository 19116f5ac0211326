/**
 * The text a spreadsheet shows for a number in a cell of a given number format: 0.95 in a cell formatted 0% is
 * 95%, 94.8 under #,##0.00 is 94.80, 1234 under 0"人" is 1234人. What an officer reads on a hand-made form is
 * this text, not the stored number. Covers the formats forms use (General, fixed decimals, grouping, percent,
 * literal units, sections by sign); anything else (scientific, fractions) is shown as General.
 */
import { Decimal } from '../../engine/decimal';

/** Excel's built-in number formats by id (those not listed show as General). */
const BUILT_IN: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  49: '@',
};

/** The format code of a number format id: a custom one from styles.xml, else the built-in one, else General. */
export function formatCode(id: number, custom: ReadonlyMap<number, string>): string {
  return custom.get(id) ?? BUILT_IN[id] ?? 'General';
}

/** A number as General shows it: up to 15 significant digits, no exponent for the sizes forms hold. */
export function generalText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const d = new Decimal(value).toSignificantDigits(15);
  const abs = d.abs();
  if (!abs.isZero() && (abs.gte(1e15) || abs.lt(1e-9))) return d.toExponential();
  return d.toFixed();
}

/** The text shown for `value` in a cell formatted with `code`. */
export function formatNumber(value: number, code: string): string {
  if (!Number.isFinite(value)) return String(value);
  const sections = splitSections(code);
  let section: string;
  let negativeSection = false;
  if (sections.length === 1) section = sections[0];
  else if (value < 0) {
    section = sections[1];
    negativeSection = true;
  } else if (value === 0 && sections.length >= 3) section = sections[2];
  else section = sections[0];
  // a condition ([>100]) chooses sections by rules this reader does not follow: General is the safe text
  if (/\[[<>=]/.test(section)) return generalText(value);
  const bare = section.replace(/\[[^\]]*\]/g, '');
  if (/^\s*general\s*$/i.test(bare) || bare.trim() === '') return generalText(value);
  if (bare.includes('@')) return generalText(value);
  const parsed = parseSection(bare);
  if (!parsed) return generalText(value);
  // a section of words only ("—" for zero) shows them instead of the number
  if (parsed.literal) return parsed.prefix;
  const magnitude = negativeSection ? Math.abs(value) : value;
  return render(magnitude, parsed, !negativeSection && value < 0);
}

interface Section {
  /** literal text before the first digit placeholder, and after the last */
  prefix: string;
  suffix: string;
  /** digits required before the decimal point (0s) */
  intZeros: number;
  grouping: boolean;
  /** 0s after the point, then #s and ?s after the point */
  decZeros: number;
  decOptional: number;
  percents: number;
  /** trailing commas scale by 1000 each */
  scale: number;
  /** no digit placeholder: the section is its words */
  literal?: boolean;
}

/** Splits a code at the ; that separate sections (not inside quotes or after a backslash). */
function splitSections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted && i + 1 < code.length) {
      cur += ch + code[++i];
      continue;
    }
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** The placeholders and literals of one section; null for what is shown as General (E+, fractions, dates). */
function parseSection(section: string): Section | null {
  let prefix = '';
  let suffix = '';
  let intZeros = 0;
  let grouping = false;
  let decZeros = 0;
  let decOptional = 0;
  let percents = 0;
  let scale = 0;
  let seenDigit = false;
  let afterPoint = false;
  let pendingCommas = 0;
  const literal = (s: string) => {
    if (seenDigit) suffix += s;
    else prefix += s;
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      literal(end < 0 ? section.slice(i + 1) : section.slice(i + 1, end));
      i = end < 0 ? section.length : end;
      continue;
    }
    if (ch === '\\' && i + 1 < section.length) {
      literal(section[++i]);
      continue;
    }
    if (ch === '_' && i + 1 < section.length) {
      // the width of the next character: a space
      literal(' ');
      i++;
      continue;
    }
    if (ch === '*' && i + 1 < section.length) {
      i++;
      continue;
    }
    if (ch === '0' || ch === '#' || ch === '?') {
      if (suffix !== '' && seenDigit) return null;
      if (pendingCommas) {
        if (!afterPoint) grouping = true;
        pendingCommas = 0;
      }
      seenDigit = true;
      if (afterPoint) {
        if (ch === '0' && decOptional === 0) decZeros++;
        else decOptional++;
      } else if (ch === '0') intZeros++;
      continue;
    }
    if (ch === '.' && !afterPoint && (seenDigit || /[0#?]/.test(section[i + 1] ?? ''))) {
      afterPoint = true;
      seenDigit = true;
      continue;
    }
    if (ch === ',' && seenDigit) {
      pendingCommas++;
      continue;
    }
    if (ch === '%') {
      percents++;
      literal('%');
      continue;
    }
    if (/[eE]/.test(ch) && /[+-]/.test(section[i + 1] ?? '')) return null;
    if (ch === '/' && seenDigit) return null;
    if (/[ymdhsYMDHS]/.test(ch)) return null;
    literal(ch);
  }
  if (!seenDigit) return prefix.trim() === '' ? null : { prefix, suffix: '', intZeros: 0, grouping: false, decZeros: 0, decOptional: 0, percents: 0, scale: 0, literal: true };
  scale = pendingCommas;
  return { prefix, suffix, intZeros, grouping, decZeros, decOptional, percents, scale };
}

function render(value: number, s: Section, minus: boolean): string {
  let d = new Decimal(value).abs();
  for (let k = 0; k < s.percents; k++) d = d.times(100);
  for (let k = 0; k < s.scale; k++) d = d.div(1000);
  const places = s.decZeros + s.decOptional;
  // Excel rounds half away from zero on the decimal digits
  const rounded = d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  let [intPart, decPart = ''] = rounded.toFixed(places).split('.');
  if (s.decOptional) {
    let keep = decPart.length;
    while (keep > s.decZeros && decPart[keep - 1] === '0') keep--;
    decPart = decPart.slice(0, keep);
  }
  if (intPart === '0' && s.intZeros === 0) intPart = '';
  if (intPart.length < s.intZeros) intPart = intPart.padStart(s.intZeros, '0');
  if (s.grouping) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const digits = decPart ? `${intPart}.${decPart}` : places && s.decZeros === 0 && s.decOptional ? `${intPart}.` : intPart;
  const negative = minus && !rounded.isZero();
  return `${negative ? '-' : ''}${s.prefix}${digits.endsWith('.') ? digits.slice(0, -1) : digits}${s.suffix}`;
}
