/**
 * 添加项目 on a file: one more project sheet grafted into a project workbook through the package layer — placed
 * after the last project, its names its own, its outputs in the next results column, 项目自评汇总 planned again —
 * the rest of the workbook kept byte for byte.
 */
import { plain } from '../../src/engine';
import { FormsFile } from '../../src/workbook/forms';
import { addFormToFile } from '../../src/workbook/forms/add';
import { filledTemplateFile } from '../../src/workbook/forms/template';
import { sheetXml } from '../export/helpers';
import { dept2020, project, projectExample } from './formsHelpers';
import { reload, zipEntry } from './helpers';

let start: Uint8Array;
beforeAll(async () => {
  start = (await filledTemplateFile(project, [projectExample()], { year: 2024 })).bytes;
});

const scopes = (bytes: Uint8Array, name: string) =>
  [...zipEntry(bytes, 'xl/workbook.xml').matchAll(new RegExp(`<definedName name="${name.replace(/\./g, '\\.')}" localSheetId="(\\d+)"[^>]*>([^<]*)<`, 'g'))].map((m) => [
    Number(m[1]),
    m[2].replace(/&apos;/g, "'"),
  ]);

test('a project filled with data: after the last project, its own names, the next results column, the summary for both', async () => {
  const added = await addFormToFile(start, project, { values: projectExample({ in_project_name: '新建机房', in_fund_full: 200, in_fund_spent: 150 }) });
  expect(added.sheet).toBe('新建机房');
  const file = FormsFile.open(added.bytes);
  expect(file.pkg.sheets.map((s) => [s.name, s.state])).toEqual([
    ['政务数据共享平台运维', 'visible'],
    ['新建机房', 'visible'],
    ['项目自评汇总', 'visible'],
    ['jixiao_out', 'veryHidden'],
    ['jixiao_scheme', 'veryHidden'],
    ['jixiao_sync', 'veryHidden'],
  ]);
  expect(scopes(added.bytes, 'in_indicators')).toEqual([
    [0, "'政务数据共享平台运维'!$A$16:$K$28"],
    [1, "'新建机房'!$A$16:$K$28"],
  ]);
  expect(scopes(added.bytes, 'score_total')).toEqual([
    [0, "'jixiao_out'!$B$5"],
    [1, "'jixiao_out'!$C$5"],
  ]);
  // the summary's print area followed it to its new place
  expect(scopes(added.bytes, '_xlnm.Print_Area').map(([i]) => i)).toEqual([0, 2, 1]);
  expect(added.scored.map((f) => [f.sheet, plain(f.evaluation.total), f.evaluation.grade])).toEqual([
    ['政务数据共享平台运维', '92.96', '优'],
    ['新建机房', '91.22', '优'],
  ]);
  const summary = file.pkg.sheet('项目自评汇总')!;
  expect(file.pkg.readArea(summary, { top: 4, left: 1, bottom: 6, right: 7 })).toEqual([
    [1, '政务数据共享平台运维', 150, 138.6, 92.4, 92.96, '优'],
    [2, '新建机房', 200, 150, 75, 91.22, '优'],
    ['合计', null, 350, 288.6, null, null, null],
  ]);
  // the first project's sheet is the same part, byte for byte
  expect(sheetXml(added.bytes, '政务数据共享平台运维')).toBe(sheetXml(start, '政务数据共享平台运维'));
});

test('the grafted sheet keeps its looks: styles added to the workbook’s, shared strings inline, exceljs reads it', async () => {
  const added = await addFormToFile(start, project, {});
  expect(added.sheet).toBe('项目支出绩效自评表2');
  const xml = sheetXml(added.bytes, '项目支出绩效自评表2');
  expect(/t="s"/.test(xml)).toBe(false);
  const count = Number(/<cellXfs count="(\d+)"/.exec(zipEntry(added.bytes, 'xl/styles.xml'))![1]);
  const used = [...xml.matchAll(/\ss="(\d+)"/g)].map((m) => Number(m[1]));
  expect(Math.max(...used)).toBeLessThan(count);
  const wb = await reload(added.bytes);
  const ws = wb.getWorksheet('项目支出绩效自评表2')!;
  expect(ws.getCell('A1')).toMatchObject({ value: '项目支出绩效自评表' });
  expect(ws.getCell('A1').font).toMatchObject({ name: '宋体', bold: true, size: 16 });
  expect(ws.getCell('E16').numFmt).toBe('@');
  expect(ws.getCell('E16').protection).toMatchObject({ locked: false });
  expect(ws.getCell('L16').dataValidation).toMatchObject({ type: 'textLength', errorStyle: 'stop' });
  expect(ws.getCell('A16').value).toBe('产出指标（50分）');
  expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', printArea: 'A1:M42' });
  // a blank project scores as blank: nothing typed, nothing wrong beyond what is missing
  expect(added.scored[1].evaluation.complete).toBe(false);
  // and a third one after it
  const third = await addFormToFile(added.bytes, project, { sheet: '新建机房' });
  expect(FormsFile.open(third.bytes).forms(project).map((f) => f.sheet)).toEqual(['政务数据共享平台运维', '项目支出绩效自评表2', '新建机房']);
  expect(scopes(third.bytes, 'score_total').map(([, f]) => f)).toEqual(["'jixiao_out'!$B$5", "'jixiao_out'!$C$5", "'jixiao_out'!$D$5"]);
});

test('a scheme of one form per workbook has no projects to add', async () => {
  await expect(addFormToFile(start, dept2020, {})).rejects.toThrow('dept-2020 只有一张表，不能添加项目');
});
