import type { CellValue } from 'exceljs';
import type { RawValue } from '../../engine';

/**
 * What the engine reads from an exceljs cell value: numbers, text, booleans and dates as they are; rich text
 * as its plain text; a formula as its cached result; an error value as its text (“#DIV/0!”); a hyperlink as
 * its text.
 */
export function toRaw(value: CellValue): RawValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) return toRaw((value.result ?? null) as CellValue);
  if ('hyperlink' in value) return toRaw(value.text as CellValue);
  return null;
}

/** What to store for a value given to fillInputs: a single value (a survey answer grid is written cell by cell). */
export function toCellValue(value: RawValue): CellValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) throw new Error('一个单元格只能填写单个值');
  return value;
}
