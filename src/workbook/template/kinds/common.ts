import type { Scheme, SchemeInput } from '../../../engine';
import type { TemplateOptions } from '../../types';
import type { StyleKey } from '../types';

export const DEFAULT_UNIT = '万元';

/** The status line of a template no one has scored yet. */
export const NOT_SCORED = '尚未评分';

/** What the template writes into an input before the officer does: the unit, year and name given. */
export function prefills(scheme: Scheme, options: TemplateOptions): Map<string, string | number> {
  const values = new Map<string, string | number>();
  if (options.dept) values.set(scheme.identity.dept, options.dept);
  if (options.year !== undefined) values.set(scheme.identity.year, options.year);
  values.set(scheme.identity.unit, options.unit ?? DEFAULT_UNIT);
  return values;
}

export function hintOf(input: SchemeInput): string {
  switch (input.kind) {
    case 'yesno':
      return '是／否';
    case 'unit':
      return '元或万元，所有金额按此单位';
    case 'year':
      return '例如2024';
    case 'integer':
      return '整数';
    case 'amount':
      return input.negativeAsMagnitude ? '负数按绝对值计算' : '';
    case 'number':
      return input.max !== undefined ? `${input.min ?? 0}～${input.max}` : '';
    case 'date':
      return '例如2025-03-15';
    default:
      return input.required ? '必填' : '';
  }
}

export function inputStyle(input: SchemeInput): StyleKey {
  switch (input.kind) {
    case 'text':
      return 'inputText';
    case 'date':
      return 'inputDate';
    case 'yesno':
    case 'unit':
      return 'inputChoice';
    default:
      return 'input';
  }
}

/** 优≥90分；良≥80分；中≥60分；差<60分 — from the scheme's grade bounds (highest first). */
export function gradeBands(scheme: Scheme): string {
  return scheme.grades
    .map((g, i) => {
      const above = scheme.grades[i - 1];
      return i === scheme.grades.length - 1 && g.min <= 0 && above ? `${g.grade}<${above.min}分` : `${g.grade}≥${g.min}分`;
    })
    .join('；');
}

