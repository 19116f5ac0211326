/**
 * FileSession on workbooks of target tables (project-2020, dept-2020): made here or opened, every form read and
 * scored, rows typed (more than the table holds included), projects added, drafts brought back — each file read
 * back with the package layer and with exceljs.
 */
import { Workbook } from 'exceljs';
import { getScheme, inputsFromJson, type RawValue } from '../../src/engine';
import { FormsFile } from '../../src/workbook/forms';
import { filledTemplateFile } from '../../src/workbook/forms/template';
import example from '../../templates/samples/project-2020-example.json';
import { fileOf, MemoryStorage, memoryBytes, newSession, type Saved } from './helpers';

const project = getScheme('project-2020');
const dept = getScheme('dept-2020');
const schemes = [getScheme('dept-2013'), project, dept];
const OPTIONS = { dept: '示例县数据局', year: 2024, unit: '万元' as const, sheets: [] };
const table = project.table('in_indicators');

/** A row of the indicator table as the form holds it (texts in field order). */
function row(fields: Partial<Record<string, string>>): string[] {
  return table.fields.map((f) => fields[f.name] ?? '');
}

/** n rows of 3 points each (≥ 100, actual 100): every row full marks. */
function rows(n: number, prefix = '指标'): string[][] {
  return Array.from({ length: n }, (_, i) =>
    row({ level1: i === 0 ? '产出指标' : '', level2: i === 0 ? '数量指标' : '', name: `${prefix}${i + 1}`, sense: '≥', target: '100', unit: '人', actual: '100', weight: '3' }),
  );
}

const rowOf = (address: string) => Number(/\d+$/.exec(address)![0]);

/** The forms of a file as the package layer reads and scores them. */
function readBack(bytes: Uint8Array) {
  return FormsFile.open(bytes).score(project);
}

async function exceljsSheets(bytes: Uint8Array): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('FileSession: a new project-2020 workbook', () => {
  test('two projects; rows beyond the table are laid out in the file and nothing typed is lost', async () => {
    const saved: Saved[] = [];
    const session = newSession(new MemoryStorage(), { schemes, saved });
    await session.insertTemplate(project, { ...OPTIONS, projects: 2 }, () => undefined);
    const snap = session.getSnapshot();
    expect(snap.scheme).toBe(project);
    expect(snap.forms.map((f) => f.sheet)).toEqual(['项目支出绩效自评表1', '项目支出绩效自评表2']);
    // the template's band: 22 rows, the standard levels laid out
    const band = snap.forms[0].values.in_indicators as string[][];
    expect(band).toHaveLength(22);
    expect(band[0].slice(0, 2)).toEqual(['产出指标（50分）', '数量指标']);
    expect(snap.forms[0].values.in_dept_name).toBe('示例县数据局');

    const sheet2 = '项目支出绩效自评表2';
    session.setInput('in_project_name', '甲项目');
    session.setInput('in_fund_full', '100');
    session.setInput('in_fund_spent', '90');
    session.setInput('in_project_name', '乙项目', sheet2);
    session.setInput('in_fund_full', '200', sheet2);
    session.setInput('in_fund_spent', '200', sheet2);
    session.setInput('in_indicators', rows(30), sheet2);
    session.setInput('in_goal_expected', '全年完成30项', sheet2);
    // the fields below the table move down with it
    session.setInput('in_filler', '张三', sheet2);
    session.setInput('in_fill_date', '2025-03-15', sheet2);
    session.setInput('in_total_self', '98', sheet2);
    await session.settle();
    const result = await session.recompute('manual');
    expect(result.forms.map((f) => [f.sheet, f.title])).toEqual([
      ['项目支出绩效自评表1', '甲项目'],
      [sheet2, '乙项目'],
    ]);
    // 30 rows × 3 = 90, execution 100% → 10
    expect(result.forms[1].evaluation.total.toFixed(2)).toBe('100.00');
    expect(result.forms[1].evaluation.table?.texts[29]).toContain('100');
    // project 1: execution 90% → 9 points, no rows
    expect(result.forms[0].evaluation.execution?.score?.toFixed(2)).toBe('9.00');

    const file = await session.download();
    expect(saved).toHaveLength(1);
    const back = readBack(file.bytes);
    expect(back.map((f) => f.sheet)).toEqual(['项目支出绩效自评表1', sheet2]);
    const grown = back[1].values.in_indicators as RawValue[][];
    expect(grown.length).toBeGreaterThanOrEqual(30);
    expect(grown.slice(0, 30).map((r) => r[2])).toEqual(Array.from({ length: 30 }, (_, i) => `指标${i + 1}`));
    expect(grown[29][7]).toBe(3);
    expect(back[1].values).toMatchObject({
      in_project_name: '乙项目',
      in_fund_full: 200,
      in_fund_spent: 200,
      in_goal_expected: '全年完成30项',
      in_dept_name: '示例县数据局',
      in_year: 2024,
      in_unit: '万元',
      in_filler: '张三',
      in_total_self: 98,
    });
    expect((back[1].values.in_fill_date as Date).toISOString().slice(0, 10)).toBe('2025-03-15');
    expect(rowOf(back[1].cells!.in_filler.address)).toBeGreaterThan(rowOf(back[0].cells!.in_filler.address));
    expect(back[1].evaluation.total.toFixed(2)).toBe('100.00');
    // the other project as typed, its table untouched
    expect(back[0].values).toMatchObject({ in_project_name: '甲项目', in_fund_full: 100, in_fund_spent: 90 });
    expect((back[0].values.in_indicators as RawValue[][])[0][0]).toBe('产出指标（50分）');
    expect(back[0].evaluation.total.toFixed(2)).toBe(result.forms[0].evaluation.total.toFixed(2));

    // exceljs reads it: the sheets in order, the row scores written beside the rows, 项目自评汇总 naming both
    const wb = await exceljsSheets(file.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['项目支出绩效自评表1', sheet2, '项目自评汇总', 'jixiao_out', 'jixiao_scheme', 'jixiao_sync']);
    const ws = wb.getWorksheet(sheet2)!;
    const top = Number(back[1].cells!.in_indicators.address.replace(/^[A-Z]+/, ''));
    expect(ws.getCell(`C${top + 29}`).value).toBe('指标30');
    expect(ws.getCell(`L${top + 29}`).value).toBe(3);
    const summary = wb.getWorksheet('项目自评汇总')!;
    const texts: string[] = [];
    summary.eachRow((r) => r.eachCell((c) => texts.push(String((c.value as { result?: unknown })?.result ?? c.value))));
    expect(texts).toEqual(expect.arrayContaining(['甲项目', '乙项目']));

    // the session goes on with the grown file: a second download does not grow it again, rows stay
    session.setInput('in_indicators', rows(31), sheet2);
    const again = await session.workbookFile();
    expect((readBack(again.bytes)[1].values.in_indicators as RawValue[][]).slice(0, 31).map((r) => r[2])).toEqual(Array.from({ length: 31 }, (_, i) => `指标${i + 1}`));
  });

  test('fewer rows than the table: the rows after them are cleared, the total follows', async () => {
    const session = newSession(new MemoryStorage(), { schemes });
    await session.insertTemplate(project, OPTIONS, () => undefined);
    session.setInput('in_indicators', rows(3));
    const file = await session.workbookFile();
    const [form] = readBack(file.bytes);
    const read = form.values.in_indicators as RawValue[][];
    expect(read).toHaveLength(22);
    expect(read.slice(0, 3).map((r) => r[2])).toEqual(['指标1', '指标2', '指标3']);
    expect(read.slice(3).every((r) => r.every((v) => v === null))).toBe(true);
    expect(form.evaluation.indicators.filter((i) => i.score !== null).map((i) => i.score!.toFixed(2))).toEqual(['3.00', '3.00', '3.00']);
  });

  test('添加项目: a third project, the others kept as typed; a reload brings every project back', async () => {
    const storage = new MemoryStorage();
    const session = newSession(storage, { schemes });
    await session.insertTemplate(project, OPTIONS, () => undefined);
    session.setInput('in_project_name', '甲项目');
    session.setInput('in_indicators', rows(2, '甲'));
    const { sheet } = await session.addProject('乙项目');
    expect(sheet).toBe('乙项目');
    session.setInput('in_indicators', rows(24, '乙'), sheet);
    const snap = session.getSnapshot();
    expect(snap.forms.map((f) => f.title)).toEqual(['甲项目', '乙项目']);
    expect((snap.forms[0].values.in_indicators as string[][])[1][2]).toBe('甲2');
    await session.settle();

    // a reload: a new session on the same storage makes the workbook again from the draft
    const reloaded = newSession(storage, { schemes });
    expect(await reloaded.detect()).toBe(project);
    const restored = reloaded.getSnapshot();
    expect(restored.forms.map((f) => [f.sheet, f.title])).toEqual([
      ['项目支出绩效自评表', '甲项目'],
      ['乙项目', '乙项目'],
    ]);
    expect((restored.forms[1].values.in_indicators as string[][]).map((r) => r[2])).toEqual(Array.from({ length: 24 }, (_, i) => `乙${i + 1}`));

    const file = await reloaded.workbookFile();
    const back = readBack(file.bytes);
    expect(back.map((f) => f.values.in_project_name)).toEqual(['甲项目', '乙项目']);
    expect((back[0].values.in_indicators as RawValue[][]).slice(0, 2).map((r) => r[2])).toEqual(['甲1', '甲2']);
    expect((back[1].values.in_indicators as RawValue[][]).slice(0, 24).map((r) => r[2])).toEqual(Array.from({ length: 24 }, (_, i) => `乙${i + 1}`));
    expect(back[1].evaluation.indicators.filter((i) => i.score !== null)).toHaveLength(24);
  });
});

describe('FileSession: the 报送版 of a workbook of target tables', () => {
  test('current() gives every project, and the 报送版 of them re-scores to the same totals', async () => {
    const session = newSession(new MemoryStorage(), { schemes });
    await session.insertTemplate(project, { ...OPTIONS, projects: 2 }, () => undefined);
    const sheets = session.getSnapshot().forms.map((f) => f.sheet);
    session.setInput('in_project_name', '甲项目', sheets[0]);
    session.setInput('in_fund_full', '100', sheets[0]);
    session.setInput('in_fund_spent', '100', sheets[0]);
    session.setInput('in_indicators', rows(30), sheets[0]);
    session.setInput('in_project_name', '乙项目', sheets[1]);
    session.setInput('in_indicators', rows(2), sheets[1]);
    const current = await session.current();
    expect(current.forms.map((f) => [f.sheet, f.title, f.evaluation.total.toFixed(2)])).toEqual([
      [sheets[0], '甲项目', '100.00'],
      [sheets[1], '乙项目', '6.00'],
    ]);
    const { buildFormsSubmission } = await import('../../src/workbook/export');
    const result = await buildFormsSubmission(project, current.forms, { allowErrors: true });
    if (result.kind !== 'submission') throw new Error('blocked');
    const back = FormsFile.open(result.bytes).score(project);
    expect(back.map((f) => f.evaluation.total.toFixed(2))).toEqual(['100.00', '6.00']);
    expect((back[0].values.in_indicators as RawValue[][]).filter((r) => r[2]).length).toBe(30);
  });
});

describe('FileSession: an opened workbook of target tables', () => {
  test('the worked example opens with its scheme recognised and scores 92.96 优; typing changes the total', async () => {
    const { values } = inputsFromJson(project, example as Record<string, unknown>);
    const { bytes } = await filledTemplateFile(project, [values], {});
    const session = newSession(new MemoryStorage(), { schemes, bytes: memoryBytes() });
    expect(await session.open(fileOf(bytes, '示例.xlsx'))).toBe(project);
    const opened = await session.recompute('open');
    expect(opened.forms).toHaveLength(1);
    expect(opened.evaluation.total.toFixed(2)).toBe('92.96');
    expect(opened.evaluation.grade).toBe('优');
    expect(opened.changedSinceSync).toEqual([]);

    // 系统可用率 99.2% of ≥99.5% (10 points) typed as 99.5%: that row goes to 10
    const shown = session.getSnapshot().forms[0].values.in_indicators as string[][];
    const k = shown.findIndex((r) => r[2] === '系统可用率');
    const before = opened.evaluation.indicators.find((i) => i.row === k)!.score!;
    const edited = shown.map((r, i) => (i === k ? r.map((v, f) => (table.fields[f].name === 'actual' ? '99.5%' : v)) : r));
    session.setInput('in_indicators', edited);
    await session.settle();
    const after = await session.recompute('manual');
    expect(after.evaluation.indicators.find((i) => i.row === k)!.score!.toFixed(2)).toBe('10.00');
    expect(after.evaluation.total.minus(opened.evaluation.total).toFixed(2)).toBe(before.negated().plus(10).toFixed(2));
    // typed here, not offline: no change since the last sync to report
    expect(after.changedSinceSync).toEqual([]);

    const file = await session.workbookFile();
    expect(file.fileName).toBe('示例.xlsx');
    expect(readBack(file.bytes)[0].evaluation.total.toFixed(2)).toBe(after.evaluation.total.toFixed(2));

    // more rows than the file's table holds: the sheet is laid out again, and every input of the file survives
    const room = edited.length;
    const more = [...edited, ...rows(room + 2 - edited.length, '新增')];
    session.setInput('in_indicators', more);
    const grown = readBack((await session.workbookFile()).bytes)[0];
    const original = readBack(bytes)[0];
    for (const input of project.inputs) expect([input.name, grown.values[input.name]]).toEqual([input.name, original.values[input.name]]);
    const read = grown.values.in_indicators as RawValue[][];
    expect(read.slice(0, more.length).map((r) => r[2] ?? '')).toEqual(more.map((r) => r[2]));
    expect(read[k][6]).toBe('99.5%');
  });

  test('a reload brings back what was typed on the opened file (its bytes kept), in each project', async () => {
    const values = inputsFromJson(project, example as Record<string, unknown>).values;
    const { bytes } = await filledTemplateFile(project, [values, { ...values, in_project_name: '第二项目' }], {});
    const storage = new MemoryStorage();
    const kept = memoryBytes();
    const session = newSession(storage, { schemes, bytes: kept });
    await session.open(fileOf(bytes, '两个项目.xlsx'));
    const sheets = session.getSnapshot().forms.map((f) => f.sheet);
    expect(sheets).toHaveLength(2);
    const typed = [...(session.getSnapshot().forms[1].values.in_indicators as string[][]), ...rows(20, '补')];
    session.setInput('in_indicators', typed, sheets[1]);
    session.setInput('in_fund_spent', '150', sheets[1]);
    await session.settle();

    const reloaded = newSession(storage, { schemes, bytes: kept });
    expect(await reloaded.detect()).toBe(project);
    const snap = reloaded.getSnapshot();
    expect(snap).toMatchObject({ origin: 'file', fileName: '两个项目.xlsx', dirty: true });
    expect(snap.forms[1].values.in_indicators).toEqual(typed);
    expect(snap.forms[1].values.in_fund_spent).toBe('150');
    const back = readBack((await reloaded.workbookFile()).bytes);
    expect(back[0].values.in_fund_spent).toBe(138.6);
    expect(back[1].values.in_fund_spent).toBe(150);
    expect((back[1].values.in_indicators as RawValue[][]).slice(0, typed.length).map((r) => r[2] ?? '')).toEqual(typed.map((r) => r[2]));
  });

  test('an invalid 分值 is a finding naming the field and the cell', async () => {
    const session = newSession(new MemoryStorage(), { schemes });
    await session.insertTemplate(project, OPTIONS, () => undefined);
    session.setInput('in_indicators', [row({ level1: '产出指标', level2: '数量指标', name: '培训人数', sense: '≥', target: '100', actual: '90', weight: '十分' })]);
    await session.settle();
    const { evaluation } = await session.recompute('manual');
    const finding = evaluation.issues.find((f) => f.code === 'invalid_value');
    expect(finding?.message).toBe('绩效指标第1行分值（项目支出绩效自评表!H16）：“十分”不是有效的数字');
    // and the finding's cell leads back to that row's field
    const targets: unknown[] = [];
    session.onFocusRequest((t) => targets.push(t));
    await session.select(finding!.cells![0]);
    expect(targets).toEqual([{ name: 'in_indicators', sheet: '项目支出绩效自评表', row: 0, column: 7 }]);
  });

  test('dept-2020: the one form, its 项目支出 table beyond its rows', async () => {
    const session = newSession(new MemoryStorage(), { schemes });
    await session.insertTemplate(dept, OPTIONS, () => undefined);
    const snap = session.getSnapshot();
    expect(snap.forms.map((f) => f.sheet)).toEqual([null]);
    const lines = dept.table('in_project_lines');
    const room = (snap.forms[0].values.in_project_lines as string[][]).length;
    const typed = Array.from({ length: room + 3 }, (_, i) => lines.fields.map((f) => (f.kind === 'text' ? `项目${i + 1}` : String(i + 1))));
    session.setInput('in_project_lines', typed);
    const file = await session.workbookFile();
    const [form] = FormsFile.open(file.bytes).forms(dept);
    const read = form.values.in_project_lines as RawValue[][];
    expect(read.length).toBeGreaterThanOrEqual(room + 3);
    expect(read.slice(0, room + 3).map((r) => r[0])).toEqual(typed.map((r) => r[0]));
    expect(form.values.in_dept_name).toBe('示例县数据局');
  });
});
