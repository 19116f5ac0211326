/**
 * Small pieces of the exceljs adapter: reading defined-name references, cell values, the survey row total.
 */
import { parseRef, toRaw } from '../../src/workbook/xlsx';
import { surveyRowResult } from '../../src/workbook/xlsx/cached';
import { exceljsPrintArea } from '../../src/workbook/xlsx/render';
import { scheme } from './helpers';

const survey = scheme.input('in_survey_answers');

describe('parseRef', () => {
  it('reads quoted and unquoted sheets, single cells and areas', () => {
    expect(parseRef("'基本情况表'!$D$8")).toEqual({ sheet: '基本情况表', left: 4, top: 8, right: 4, bottom: 8 });
    expect(parseRef("'满意度调查'!$C$4:$L$33")).toEqual({ sheet: '满意度调查', left: 3, top: 4, right: 12, bottom: 33 });
    expect(parseRef('Sheet1!B2')).toEqual({ sheet: 'Sheet1', left: 2, top: 2, right: 2, bottom: 2 });
    expect(parseRef("'It''s'!$A$1")).toMatchObject({ sheet: "It's" });
    expect(parseRef('#REF!$D$8')).toMatchObject({ sheet: '#REF' });
  });

  it('gives null for what is not a cell reference', () => {
    expect(parseRef("'基本情况表'!#REF!")).toBeNull();
    expect(parseRef('0.17')).toBeNull();
    expect(parseRef("'基本情况表'!$A:$A")).toBeNull();
  });
});

describe('toRaw', () => {
  it('passes plain values and unwraps the others', () => {
    const d = new Date(Date.UTC(2025, 2, 15));
    expect([17, '17人', true, d, null, undefined].map((v) => toRaw(v))).toEqual([17, '17人', true, d, null, null]);
    expect(toRaw({ richText: [{ text: '4,360,' }, { text: '097.54' }] })).toBe('4,360,097.54');
    expect(toRaw({ formula: 'A1*2', result: 34 })).toBe(34);
    expect(toRaw({ formula: 'A1*2' })).toBeNull();
    expect(toRaw({ sharedFormula: 'D8', result: '是' })).toBe('是');
    expect(toRaw({ formula: '1/0', result: { error: '#DIV/0!' } })).toBe('#DIV/0!');
    expect(toRaw({ error: '#VALUE!' })).toBe('#VALUE!');
    expect(toRaw({ text: '张明', hyperlink: 'mailto:z@example.cn' })).toBe('张明');
  });
});

describe('surveyRowResult (what the row formula caches)', () => {
  it('adds the points of words and numbers, text digits too', () => {
    expect(surveyRowResult(Array(10).fill('非常满意'), survey)).toBe(50);
    expect(surveyRowResult(['满意', 5, '4', '一般', '不满意', 0, 3, '3', '满意', '满意'], survey)).toBe(30);
  });

  it('is blank for a blank row, 未答完 for an incomplete one, and ignores answers it does not know', () => {
    expect(surveyRowResult(Array(10).fill(null), survey)).toBe('');
    expect(surveyRowResult(['满意', null, '满意'], survey)).toBe('未答完');
    expect(surveyRowResult([...Array(9).fill(5), '很好'], survey)).toBe(45);
  });
});

describe('exceljsPrintArea', () => {
  it('anchors the rows so that exceljs writes an absolute area', () => {
    expect(exceljsPrintArea('A1:H25')).toBe('A$1:H$25');
    expect(exceljsPrintArea('A$1:H$25')).toBe('A$1:H$25');
    expect(exceljsPrintArea('A1:B2&&D1:E2')).toBe('A$1:B$2&&D$1:E$2');
  });
});
