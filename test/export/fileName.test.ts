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
    expect(submissionFileName('x'.repeat(300), 2024).length).toBeLessThanOrEqual(200);
    expect(safeFileNamePart(' . ')).toBe('');
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
