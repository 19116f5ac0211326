/**
 * The target-table schemes in Excel (office-addin-mock): project-2020 with several projects, each sheet holding
 * its own names, and dept-2020 — inserted, recognised on open, scored live with at most two syncs, rows the
 * officer inserts inside a table picked up, 添加项目, and never a protection call in a recompute.
 */
import { evaluate, type RawValue } from '../../src/engine';
import type { RecomputeResult } from '../../src/workbook/session';
import { mockExcel, newSession } from './helpers';
import { cellsOf, MockExcel } from './mockExcel';
import { deptExample, dept2020, project, projectExample } from '../workbook/formsHelpers';

const P = (k: number) => `项目支出绩效自评表${k}`;

/** Fills one form as an officer would, without events (a table as rows in field order). */
function fill(mock: MockExcel, scope: string | null, values: Record<string, RawValue>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    if (scope === null) mock.setQuiet(name, value);
    else mock.setScopedQuiet(scope, name, value);
  }
}

async function projectWorkbook(projects = 3) {
  const { mock, sync } = mockExcel();
  mock.addSheet('Sheet1');
  const session = newSession();
  await session.insertTemplate(project, { sheets: [], projects, dept: '示例县数据局', year: 2024, unit: '万元' }, () => undefined);
  await session.recompute('insert');
  sync.mockClear();
  mock.writes.length = 0;
  mock.protectionCalls.length = 0;
  return { mock, sync, session };
}

/** Every cell an input or table name of any form covers, as "Sheet!A1". */
function inputCells(mock: MockExcel): Set<string> {
  const out = new Set<string>();
  const names = new Set([...project.inputs, ...project.tables, ...dept2020.inputs, ...dept2020.tables].map((i) => i.name));
  for (const s of mock.sheets) {
    for (const [name, n] of [...s.names, ...mock.names]) if (names.has(name)) for (const c of cellsOf(n.address)) out.add(`${n.sheet.name}!${c}`);
  }
  return out;
}

/** The worked example's table rows, and the score of each as the engine gives it. */
const exampleRows = () => projectExample().in_indicators as RawValue[][];

describe('project-2020 in Excel', () => {
  test('insert with 3 projects: sheet-scoped names, outputs on the results sheet, 项目自评汇总 listing them', async () => {
    const { mock } = await projectWorkbook(3);
    expect(mock.sheets.map((s) => s.name)).toEqual(['Sheet1', 'jixiao_out', 'jixiao_sync', P(1), P(2), P(3), '项目自评汇总']);
    for (const k of [1, 2, 3]) {
      const s = mock.sheet(P(k));
      // every input, table and output of the form is named in the sheet's own scope
      for (const n of [...project.inputs, ...project.tables]) expect(s.names.get(n.name)?.sheet.name).toBe(P(k));
      for (const n of project.outputNames) expect(s.names.get(n)?.sheet.name).toBe('jixiao_out');
      expect(s.names.get('in_indicators')!.address).toBe('A16:K37');
      expect(s.names.get('score_rows')!.address).toBe('L16:L37');
      expect(s.protection.protected).toBe(true);
      expect(mock.scopedValue(P(k), 'in_dept_name')).toBe('示例县数据局');
    }
    // no workbook-wide name of the form: each project answers only for itself
    expect(mock.names.has('in_indicators')).toBe(false);
    // project k's single outputs in column B, C, D of the results sheet
    expect(mock.scopedName(P(2), 'score_total')!.address).toBe('C5');
    expect(mock.sheet('jixiao_out').visibility).toBe('VeryHidden');
    expect(mock.sheet('jixiao_out').protection.protected).toBe(false);
    const summary = [...mock.sheet('项目自评汇总').cells.values()].map((c) => c.formula).filter(Boolean);
    for (const k of [1, 2, 3]) expect(summary).toContain(`IF('${P(k)}'!score_total="","",'${P(k)}'!score_total)`);
    expect(mock.active).toBe(P(1));
  });

  test('recompute of 3 projects: every form scored (92.96 优 for the worked example), outputs and row scores written in 2 syncs, no protection call', async () => {
    const { mock, sync, session } = await projectWorkbook(3);
    fill(mock, P(1), projectExample());
    fill(mock, P(2), projectExample({ in_project_name: '智慧办税', in_fund_spent: 90 }));
    const result = await session.recompute('manual');

    expect(sync.mock.calls.length).toBeLessThanOrEqual(2);
    expect(mock.protectionCalls).toEqual([]);
    expect(result.forms.map((f) => [f.sheet, f.title, f.evaluation.total.toFixed(2), f.evaluation.grade])).toEqual([
      [P(1), '政务数据共享平台运维', '92.96', '优'],
      [P(2), '智慧办税', '89.72', '良'],
      // a blank project: no grade until it is filled
      [P(3), P(3), '0.00', null],
    ]);
    expect(result.evaluation.total.toFixed(2)).toBe('92.96');
    // the form's named outputs where the package layer writes them: its column of the results sheet
    expect(mock.scopedValue(P(1), 'score_total')).toBe(92.96);
    expect(mock.scopedValue(P(1), 'score_grade')).toBe('优');
    expect(mock.scopedValue(P(2), 'score_total')).toBe(89.72);
    expect(mock.sheet('jixiao_out').cells.get('B5')?.value).toBe(92.96);
    // each row's 得分 and 计算过程 beside it, on the (protected) form sheet's unlocked output columns
    const direct = evaluate(project, { values: projectExample() });
    direct.table!.scores.forEach((score, r) => expect(mock.cell(P(1), `L${16 + r}`).value).toBe(score === null ? '' : score.toNumber()));
    expect(String(mock.cell(P(1), 'M16').value)).toBe(direct.table!.texts[0]);
    expect(mock.cell(P(1), 'L16').value).toBe(15);
    // never an input cell
    const inputs = inputCells(mock);
    expect(mock.writtenCells().filter((c) => inputs.has(c))).toEqual([]);
    // the sync record says which project's input is which
    expect(String(mock.sheet('jixiao_sync').cells.get('A1')?.value)).toContain(`${P(1)}!in_fund_spent`);

    // nothing changed: one read, nothing written
    sync.mockClear();
    const again = await session.recompute('manual');
    expect(sync.mock.calls.length).toBe(1);
    expect(again.written).toBe(0);
  });

  test('3 projects × 30 rows: at most 2 syncs per recompute, and a change on one project rescored live', async () => {
    const { mock, sync, session } = await projectWorkbook(3);
    const rows = exampleRows();
    for (const k of [1, 2, 3]) {
      // the officer makes room for 30 rows inside each table
      mock.insertRows(P(k), 20, 8);
      expect(mock.scopedName(P(k), 'in_indicators')!.address).toBe('A16:K45');
      // 30 rows of 3 points each (90, as the example's rows), so that no cap hides a change
      const weight = project.tables[0].fields.findIndex((f) => f.name === 'weight');
      const thirty = Array.from({ length: 30 }, (_, r) => rows[r % rows.length].map((v, i) => (i === weight ? 3 : v)));
      fill(mock, P(k), { ...projectExample({ in_project_name: `项目${k}` }), in_indicators: thirty });
    }
    const results: RecomputeResult[] = [];
    session.subscribe((r) => results.push(r));
    const first = await session.recompute('manual');
    expect(sync.mock.calls.length).toBeLessThanOrEqual(2);
    expect(first.forms).toHaveLength(3);
    for (const f of first.forms) expect(f.evaluation.table!.scores).toHaveLength(30);
    expect(mock.scopedName(P(3), 'score_rows')!.address).toBe('L16:L45');
    expect(mock.cell(P(3), 'L45').value).toBe(first.forms[2].evaluation.table!.scores[29]!.toNumber());

    sync.mockClear();
    mock.setScopedQuiet(P(2), 'in_fund_spent', 90);
    await mock.fire(P(2), { address: mock.scopedName(P(2), 'in_fund_spent')!.address });
    await session.settle();
    expect(sync.mock.calls.length).toBeLessThanOrEqual(2);
    expect(results).toHaveLength(1);
    const before = first.forms[1].evaluation.execution!.score!;
    const after = results[0].forms[1].evaluation.execution!.score!;
    expect(after.toFixed(2)).toBe('6.00');
    expect(results[0].forms[1].evaluation.total.toFixed(2)).toBe(first.forms[1].evaluation.total.minus(before).plus(6).toFixed(2));
    expect(results[0].forms[0].evaluation.total.toFixed(2)).toBe(first.forms[0].evaluation.total.toFixed(2));
    expect(mock.protectionCalls).toEqual([]);
  });

  test('rows the officer inserts inside a table are picked up at the next change, without reopening the pane', async () => {
    const { mock, session } = await projectWorkbook(1);
    const sheet = project.layout.sheets.find((s) => 'repeat' in s && s.repeat)!.sheet;
    const rows = exampleRows();
    fill(mock, sheet, { ...projectExample(), in_indicators: rows.slice(0, -1) });
    const opened = await session.recompute('open');
    expect(opened.evaluation.total.toFixed(2)).not.toBe('92.96');

    const results: RecomputeResult[] = [];
    session.subscribe((r) => results.push(r));
    // three rows inserted above the table's last row (Excel widens the names: A16:K40), the missing row typed in the new last one
    mock.insertRows(sheet, 37, 3);
    expect(mock.scopedName(sheet, 'in_indicators')!.address).toBe('A16:K40');
    await mock.fire(sheet, { address: '37:39', changeType: 'RowInserted' });
    const last = rows[rows.length - 1];
    last.forEach((v, k) => (mock.cell(sheet, `${String.fromCharCode(65 + k)}39`).value = v ?? ''));
    await mock.fire(sheet, { address: 'A39:K39', changeType: 'RangeEdited' });
    await session.settle();

    const now = results[results.length - 1];
    expect(now.evaluation.total.toFixed(2)).toBe('92.96');
    expect(now.evaluation.grade).toBe('优');
    // its 得分 beside it, in the widened output column
    expect(mock.scopedName(sheet, 'score_rows')!.address).toBe('L16:L40');
    expect(mock.cell(sheet, 'L39').value).toBe(now.evaluation.table!.scores[23]!.toNumber());
    expect(mock.protectionCalls).toEqual([]);
  });

  test('a deleted row inside the table is gone from the score', async () => {
    const { mock, session } = await projectWorkbook(1);
    const sheet = mock.sheets[3].name;
    fill(mock, sheet, projectExample());
    expect((await session.recompute('open')).evaluation.total.toFixed(2)).toBe('92.96');
    const results: RecomputeResult[] = [];
    session.subscribe((r) => results.push(r));
    mock.deleteRows(sheet, 16, 1);
    expect(mock.scopedName(sheet, 'in_indicators')!.address).toBe('A16:K36');
    await mock.fire(sheet, { address: '16:16', changeType: 'RowDeleted' });
    await session.settle();
    const direct = evaluate(project, { values: { ...projectExample(), in_indicators: exampleRows().slice(1) } });
    expect(results[0].evaluation.total.toFixed(2)).toBe(direct.total.toFixed(2));
    expect(results[0].evaluation.total.lessThan(92.96)).toBe(true);
  });

  test('recognised on open: renamed and moved project sheets still count, titled by the project typed', async () => {
    const { mock } = await projectWorkbook(2);
    fill(mock, P(1), projectExample());
    mock.sheet(P(2)).name = '我的项目';
    const moved = mock.sheets.splice(mock.sheets.indexOf(mock.sheet('我的项目')), 1)[0];
    mock.sheets.splice(0, 0, moved);
    const fresh = newSession();
    expect((await fresh.detect())?.id).toBe('project-2020');
    const result = await fresh.recompute('open');
    expect(result.forms.map((f) => f.title)).toEqual(['我的项目', '政务数据共享平台运维']);
    expect(result.forms[1].evaluation.total.toFixed(2)).toBe('92.96');
    const current = await fresh.current();
    expect(current.forms.map((f) => f.sheet)).toEqual(['我的项目', P(1)]);
    expect(current.forms[1].values.in_fund_spent).toBe(138.6);
  });

  test('添加项目: a blank project before 项目自评汇总, its names in its own scope, the summary listing it', async () => {
    const { mock, session } = await projectWorkbook(3);
    fill(mock, P(1), projectExample());
    const added = await session.addProject('智慧办税');
    expect(added).toEqual({ sheet: '智慧办税' });
    expect(mock.sheets.map((s) => s.name)).toEqual(['Sheet1', 'jixiao_out', 'jixiao_sync', P(1), P(2), P(3), '智慧办税', '项目自评汇总']);
    const s = mock.sheet('智慧办税');
    for (const n of [...project.inputs, ...project.tables]) expect(s.names.get(n.name)?.sheet.name).toBe('智慧办税');
    // the next free column of the results sheet
    expect(mock.scopedName('智慧办税', 'score_total')!.address).toBe('E5');
    expect(mock.sheet('jixiao_out').cells.get('E1')?.value).toBe('智慧办税');
    expect(mock.scopedValue('智慧办税', 'in_dept_name')).toBe('示例县数据局');
    expect(mock.scopedValue('智慧办税', 'in_year')).toBe(2024);
    expect(s.protection.protected).toBe(true);
    const summary = [...mock.sheet('项目自评汇总').cells.values()].map((c) => c.formula).filter(Boolean);
    expect(summary).toContain(`IF('智慧办税'!score_total="","",'智慧办税'!score_total)`);
    expect(summary).toContain(`IF('${P(1)}'!score_total="","",'${P(1)}'!score_total)`);

    const result = await session.recompute('insert');
    expect(result.forms.map((f) => f.sheet)).toEqual([P(1), P(2), P(3), '智慧办税']);
    expect(result.forms[0].evaluation.total.toFixed(2)).toBe('92.96');
    fill(mock, '智慧办税', projectExample({ in_project_name: '智慧办税', in_fund_spent: 90 }));
    const scored = await session.recompute('manual');
    expect(scored.forms[3].evaluation.total.toFixed(2)).toBe('89.72');
    expect(mock.sheet('jixiao_out').cells.get('E5')?.value).toBe(89.72);
    expect(mock.scopedValue(P(1), 'score_total')).toBe(92.96);
  });
});

describe('dept-2020 in Excel', () => {
  test('insert, recognised on open, the sample scored with its table, in at most 2 syncs', async () => {
    const { mock, sync } = mockExcel();
    mock.addSheet('Sheet1');
    const session = newSession();
    await session.insertTemplate(dept2020, { sheets: [], dept: '示例县数据局', year: 2024, unit: '万元' }, () => undefined);
    expect(mock.sheets.map((s) => s.name)).toEqual(['Sheet1', 'jixiao_out', 'jixiao_sync', '部门整体支出绩效自评表', '部门整体支出绩效评价基础数据表']);
    for (const n of [...dept2020.inputs, ...dept2020.tables]) expect(mock.names.has(n.name)).toBe(true);
    expect(mock.names.get('score_total')!.sheet.name).toBe('jixiao_out');
    expect(mock.names.get('score_rows')!.sheet.name).toBe('部门整体支出绩效自评表');
    await session.recompute('insert');
    fill(mock, null, deptExample());
    mock.protectionCalls.length = 0;

    const fresh = newSession();
    expect((await fresh.detect())?.id).toBe('dept-2020');
    sync.mockClear();
    const result = await fresh.recompute('open');
    expect(sync.mock.calls.length).toBeLessThanOrEqual(3); // + registering the change handler, once
    const direct = evaluate(dept2020, { values: deptExample() });
    expect(result.forms).toHaveLength(1);
    expect(result.forms[0]).toMatchObject({ sheet: null, title: dept2020.title });
    expect(result.evaluation.total.toFixed(2)).toBe(direct.total.toFixed(2));
    expect(result.evaluation.grade).toBe(direct.grade);
    expect(mock.valueOf('score_total')).toBe(direct.total.toNumber());
    expect(mock.cell('部门整体支出绩效自评表', 'L20').value).toBe(direct.table!.scores[0]!.toNumber());
    expect(mock.protectionCalls).toEqual([]);
    sync.mockClear();
    await fresh.recompute('manual');
    expect(sync.mock.calls.length).toBe(1);
  });

  test('dept-2013 is still recognised among every shipped scheme', async () => {
    const { mock } = mockExcel();
    mock.addSheet('Sheet1');
    const session = newSession();
    const { getScheme } = await import('../../src/engine');
    await session.insertTemplate(getScheme('dept-2013'), { sheets: ['summary', 'scoring', 'survey'], unit: '万元' }, () => undefined);
    expect((await newSession().detect())?.id).toBe('dept-2013');
  });
});

test('a row inserted above the table takes the header’s lock: the row scores are not written (said), the totals are, no protection call', async () => {
  const { mock, session } = await projectWorkbook(1);
  const sheet = mock.sheets[3].name;
  fill(mock, sheet, projectExample());
  await session.recompute('open');
  // Excel widens a name only for rows inserted inside it: inserted at its first row, the name moves down instead
  mock.insertRows(sheet, 16, 1);
  // … so the officer widens it by hand to take the new row in (Name Manager), the new row locked like the header above
  mock.scopedName(sheet, 'in_indicators')!.address = 'A16:K38';
  mock.scopedName(sheet, 'score_rows')!.address = 'L16:L38';
  mock.scopedName(sheet, 'text_rows')!.address = 'M16:M38';
  expect(mock.cell(sheet, 'L16').locked).toBe(true);
  // a row typed into it (the officer unlocks nothing: Excel lets the add-in read it, the row is scored)
  exampleRows()[1].forEach((v, k) => (mock.cell(sheet, `${String.fromCharCode(65 + k)}16`).value = v ?? ''));
  mock.setScopedQuiet(sheet, 'in_fund_spent', 150);
  const result = await session.recompute('manual');
  expect(result.evaluation.table!.scores[0]!.toNumber()).toBe(10);
  expect(mock.protectionCalls).toEqual([]);
  const warning = result.evaluation.issues.find((f) => f.code === 'rows_locked');
  expect(warning?.message).toContain(`${sheet}!L16:L38`);
  // the total is written all the same: 150/150 spent, the execution line full
  expect(result.evaluation.execution!.score!.toFixed(2)).toBe('10.00');
  expect(mock.scopedValue(sheet, 'score_total')).toBe(result.evaluation.total.toNumber());
});

describe('inserting where it cannot be done', () => {
  test('a workbook already holding another scheme’s template is refused in Chinese, nothing added', async () => {
    const { mock } = mockExcel();
    mock.addSheet('Sheet1');
    const { getScheme } = await import('../../src/engine');
    await newSession().insertTemplate(getScheme('dept-2013'), { sheets: ['summary', 'scoring', 'survey'], unit: '万元' }, () => undefined);
    const before = mock.sheets.map((s) => s.name);
    await expect(newSession().insertTemplate(project, { sheets: [], projects: 2 }, () => undefined)).rejects.toThrow(/一个工作簿只能使用一种评分方案/);
    expect(mock.sheets.map((s) => s.name)).toEqual(before);
  });

  test('a workbook whose structure is protected: said before touching anything; 添加项目 likewise', async () => {
    const { mock, session } = await projectWorkbook(1);
    mock.structureProtected = true;
    const before = mock.sheets.map((s) => s.name);
    await expect(session.addProject()).rejects.toThrow(/工作簿结构受保护/);
    expect(mock.sheets.map((s) => s.name)).toEqual(before);
    const { mock: other } = mockExcel();
    other.addSheet('Sheet1');
    other.structureProtected = true;
    await expect(newSession().insertTemplate(dept2020, { sheets: [] }, () => undefined)).rejects.toThrow(/工作簿结构受保护/);
    expect(other.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  test('dept-2020 names left over from a deleted sheet (=#REF!) are replaced', async () => {
    const { mock } = mockExcel();
    mock.addSheet('Sheet1');
    const gone = mock.addSheet('旧表');
    mock.defineName('in_dept_name', '旧表', 'C4');
    mock.defineName('score_total', '旧表', 'C5');
    mock.sheets.splice(mock.sheets.indexOf(gone), 1);
    await newSession().insertTemplate(dept2020, { sheets: [], dept: '示例县数据局' }, () => undefined);
    expect(mock.names.get('in_dept_name')!.sheet.name).toBe('部门整体支出绩效自评表');
    expect(mock.names.get('score_total')!.sheet.name).toBe('jixiao_out');
    expect(mock.valueOf('in_dept_name')).toBe('示例县数据局');
  });
});
