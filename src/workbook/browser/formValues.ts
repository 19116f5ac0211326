import type { RawValue, Scheme, SchemeInput, SchemeTable } from '../../engine';

/**
 * What a control of the standalone form holds: the text as the officer typed it (or as the opened file
 * showed it), or for a survey grid, rows of answers as text, or for a table (target table), its rows as the
 * texts of their fields in field order. This is what is kept in localStorage.
 */
export type FormValue = string | string[][];
export type FormValues = Record<string, FormValue>;

const NUMERIC = new Set(['integer', 'amount', 'number', 'year']);
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const ISO_DAY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/** A number as a form shows it: at most 15 significant digits, so 0.30000000000000004 reads 0.3. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** A Date as 2025-03-15 (exceljs reads dates as UTC midnight). */
function dayText(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

function cellText(input: SchemeInput, raw: RawValue): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return numberText(raw);
  if (typeof raw === 'boolean') return input.kind === 'yesno' ? (raw ? '是' : '否') : raw ? 'TRUE' : 'FALSE';
  if (raw instanceof Date) return dayText(raw);
  return '';
}

/** A survey grid without its trailing blank rows, each row as long as the questionnaire. */
function gridText(input: SchemeInput, raw: RawValue): string[][] {
  if (!Array.isArray(raw)) return [];
  const width = input.questions ?? 0;
  const rows = raw.map((row) => {
    const cells = Array.isArray(row) ? row : [row];
    return Array.from({ length: Math.max(width, cells.length) }, (_, c) => cellText(input, cells[c] ?? null));
  });
  while (rows.length && rows[rows.length - 1].every((v) => v.trim() === '')) rows.pop();
  return rows;
}

/** The form's text for a value read from a workbook cell (or a survey grid). */
export function formValueOf(input: SchemeInput, raw: RawValue): FormValue {
  return input.kind === 'survey' ? gridText(input, raw) : cellText(input, raw);
}

/** The form's values for every input of the scheme, from what readInputs returned. */
export function formValuesOf(scheme: Scheme, raw: Record<string, RawValue>): FormValues {
  const out: FormValues = {};
  for (const input of scheme.inputs) out[input.name] = formValueOf(input, raw[input.name]);
  return out;
}

/** How many significant digits a plain decimal string has (leading zeros and the point do not count). */
function significantDigits(text: string): number {
  const digits = text.replace(/[^0-9]/g, '').replace(/^0+/, '');
  return digits.replace(/0+$/, '').length;
}

/** A plain or comma-grouped ASCII number, as Excel would store it when typed; else undefined. */
function numberOf(text: string): number | undefined {
  const t = text.trim();
  if (!PLAIN_NUMBER.test(t) && !GROUPED_NUMBER.test(t)) return undefined;
  const plain = t.replace(/,/g, '');
  const n = Number(plain);
  // beyond 15 significant digits a double would change what was typed: keep the text, the engine reads it exactly
  if (!Number.isFinite(n) || significantDigits(plain) > 15) return undefined;
  return n;
}

function surveyCell(text: string): RawValue {
  const t = text.trim();
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : t;
}

/**
 * What to store in the cell for what the officer typed, as Excel would store it: a plain number as a number,
 * a date (2025-03-15) as a date, anything else as the text typed (the engine reads "17人", "１７", "436.01万元"
 * and reports what it cannot read). Blank is an empty cell.
 */
export function cellValueOf(input: SchemeInput, value: FormValue | undefined): RawValue {
  if (input.kind === 'survey') {
    if (!Array.isArray(value)) return [];
    return value.map((row) => row.map(surveyCell));
  }
  if (value === undefined || Array.isArray(value)) return null;
  if (value.trim() === '') return null;
  if (NUMERIC.has(input.kind)) return numberOf(value) ?? value;
  if (input.kind === 'date') {
    const m = ISO_DAY.exec(value.trim());
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(Date.UTC(y, mo - 1, d));
      if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return date;
    }
    return value;
  }
  if (input.kind === 'text') return value;
  return value.trim();
}

/** The cell values of every input, for fillInputs and the engine. */
export function cellValuesOf(scheme: Scheme, values: FormValues, names: Iterable<string> = scheme.inputs.map((i) => i.name)): Record<string, RawValue> {
  const out: Record<string, RawValue> = {};
  for (const name of names) {
    const input = scheme.inputs.find((i) => i.name === name);
    if (input) out[name] = cellValueOf(input, values[name]);
  }
  return out;
}

/** True when a form value is blank (a grid with no answer at all counts as blank). */
export function isBlank(value: FormValue | undefined): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.every((row) => row.every((v) => v.trim() === ''));
  return value.trim() === '';
}

/** A table's rows as the form shows them: every row of the table (blank ones too, so row r is the table's row r), each field as text. */
export function tableValueOf(table: SchemeTable, raw: RawValue): string[][] {
  if (!Array.isArray(raw)) return [];
  return raw.map((row) => {
    const cells = Array.isArray(row) ? row : [row];
    return table.fields.map((_, k) => {
      const v = cells[k] ?? null;
      if (v === null || v === undefined) return '';
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return numberText(v);
      if (v instanceof Date) return dayText(v);
      if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
      return '';
    });
  });
}

/**
 * What to store in a table's cells for rows as typed: a plain number in a number field (分值) as a number, any
 * other text as typed (the engine reads 95%, ≥95%, 40个 and reports what it cannot), blank as an empty cell.
 */
export function tableCellsOf(table: SchemeTable, rows: string[][]): RawValue[][] {
  return rows.map((row) =>
    table.fields.map((f, k) => {
      const text = row[k] ?? '';
      if (text.trim() === '') return null;
      return f.kind === 'text' ? text : (numberOf(text) ?? text.trim());
    }),
  );
}

/** Whether every field of a table row is blank. */
export function isBlankRow(row: readonly string[]): boolean {
  return row.every((v) => v.trim() === '');
}
