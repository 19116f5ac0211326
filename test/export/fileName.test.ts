import { evaluate } from '../../src/engine';
import { safeFileNamePart, submissionFileName, submissionFileNameOf } from '../../src/workbook/export';
import { exampleValues, scheme } from './helpers';

describe('submissionFileName', () => {
  it('is {部门名称}{年度}年度部门整体支出绩效自评表.xlsx', () => {
    expect(submissionFileName('示例县政务服务中心', 2024)).toBe('示例县政务服务中心2024年度部门整体支出绩效自评表.xlsx');
    expect(submissionFileName('  示例县  政务服务中心 ', '2024')).toBe('示例县 政务服务中心2024年度部门整体支出绩效自评表.xlsx');
  });

  it('leaves out a blank name or year', () => {
    expect(submissionFileName('', 2024)).toBe('2024年度部门整体支出绩效自评表.xlsx');
    expect(submissionFileName('   ', 2024)).toBe('2024年度部门整体支出绩效自评表.xlsx');
    expect(submissionFileName('某县财政局', null)).toBe('某县财政局部门整体支出绩效自评表.xlsx');
    expect(submissionFileName(null, undefined)).toBe('部门整体支出绩效自评表.xlsx');
    expect(submissionFileName('', '')).toBe('部门整体支出绩效自评表.xlsx');
  });

  it('replaces what Windows forbids, so the name is one valid file name anywhere', () => {
    const name = submissionFileName('A/B\\C:D*E?F"G<H>I|J', 2024);
    expect(name).toBe('A／B＼C：D＊E？F＂G＜H＞I｜J2024年度部门整体支出绩效自评表.xlsx');
    expect([...name].some((ch) => '<>:"/\\|?*'.includes(ch) || ch < ' ')).toBe(false);
    expect(submissionFileName('第一行\n第二行\t\u0007', 2024)).toBe('第一行 第二行2024年度部门整体支出绩效自评表.xlsx');
    expect(submissionFileName('..某局..', 2024)).toBe('某局2024年度部门整体支出绩效自评表.xlsx');
    expect(safeFileNamePart(' . ')).toBe('');
  });

  it('fits 255 bytes (Linux and macOS count UTF-8 bytes per name), cutting the department name at its end', () => {
    const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
    const tail = '2024年度部门整体支出绩效自评表.xlsx';
    // 75 Chinese characters are 225 bytes: with the 48 bytes after them, 273, more than a name may hold
    const long = '某'.repeat(70) + '县政务服务中心';
    const name = submissionFileName(long, 2024);
    expect(bytes(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith(tail)).toBe(true);
    expect(name).toBe(`${'某'.repeat(69)}${tail}`);
    expect(bytes(submissionFileName('x'.repeat(300), 2024))).toBe(255);
    expect(bytes(submissionFileName('某'.repeat(300), null))).toBeLessThanOrEqual(255);
    // a name that fits is kept whole
    expect(submissionFileName('某'.repeat(60), 2024)).toBe(`${'某'.repeat(60)}${tail}`);
    // never half a character: a 4-byte emoji either fits whole or is left out
    const emoji = submissionFileName('x'.repeat(205) + '😀😀', 2024);
    expect(bytes(emoji)).toBeLessThanOrEqual(255);
    expect(emoji).toBe(`${'x'.repeat(205)}${tail}`);
    expect(emoji).not.toMatch(/[\ud800-\udfff]/u);
    // no trailing space or dot left by the cut
    expect(submissionFileName('x'.repeat(206) + ' .x', 2024)).toBe(`${'x'.repeat(206)}${tail}`);
  });

  it('drops characters that only change how the name is displayed (a right-to-left override would disguise it)', () => {
    expect(submissionFileName('某局\u202excod.exe', 2024)).toBe('某局xcod.exe2024年度部门整体支出绩效自评表.xlsx');
    expect(submissionFileName('\u202a某\u200b局\u2066\u200f\ufeff', 2024)).toBe('某局2024年度部门整体支出绩效自评表.xlsx');
    expect(submissionFileName('某局\u009b2J\u0085', 2024)).toBe('某局 2J2024年度部门整体支出绩效自评表.xlsx');
    expect(submissionFileName('某局\u001b]0;title\u0007', 2024)).toBe('某局 ]0;title2024年度部门整体支出绩效自评表.xlsx');
  });

  it('from an evaluation: the name and year the engine read, else as typed', () => {
    const values = exampleValues();
    expect(submissionFileNameOf(scheme, { values, evaluation: evaluate(scheme, { values }) })).toBe(
      '示例县政务服务中心2024年度部门整体支出绩效自评表.xlsx',
    );
    const odd = { ...values, in_year: '2024年' };
    expect(submissionFileNameOf(scheme, { values: odd, evaluation: evaluate(scheme, { values: odd }) })).toBe(
      '示例县政务服务中心2024年度部门整体支出绩效自评表.xlsx',
    );
    const bad = { ...values, in_year: '去年', in_dept_name: null };
    expect(submissionFileNameOf(scheme, { values: bad, evaluation: evaluate(scheme, { values: bad }) })).toBe('部门整体支出绩效自评表.xlsx');
  });
});
