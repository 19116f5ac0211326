import { getScheme } from '../../src/engine';
import { formValueOf } from '../../src/workbook/browser/formValues';
import type { FieldTarget } from '../../src/workbook/browser/fileSession';
import { runJob } from '../../src/workbook/browser/packageJobs';
import { workerJobs, type JobMessage, type WorkerLike } from '../../src/workbook/browser/workerJobs';
import { readSyncRecord } from '../../src/workbook/xlsx/syncRecord';
import type { RecomputeResult } from '../../src/workbook/session';
import { makeSyncRecord } from '../../src/workbook/sync';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { exampleValues, fileOf, MemoryStorage, memoryBytes, newSession, rescore, templateBytes, type Saved } from './helpers';

const scheme = getScheme();

/** Waits for the next recompute the session starts by itself. */
function nextChange(session: { subscribe(l: (r: RecomputeResult) => void): () => void }): Promise<RecomputeResult> {
  return new Promise((resolve) => {
    const off = session.subscribe((r) => {
      off();
      resolve(r);
    });
  });
}

/** Every input of the worked example, typed into the form as text. */
function typeExample(session: ReturnType<typeof newSession>): void {
  for (const [name, value] of Object.entries(exampleValues())) {
    const input = scheme.input(name);
    session.setInput(name, formValueOf(input, value as never));
  }
}

describe('FileSession on an opened file', () => {
  test('a file without our template: detect() says so, and the template can be inserted into it', async () => {
    const session = newSession(new MemoryStorage());
    const wb = await XlsxWorkbook.create();
    wb.workbook.addWorksheet('其他').getCell('A1').value = 1;
    expect(await session.open(fileOf(await wb.toBuffer(), '别的.xlsx'))).toBeNull();
    expect(await session.detect()).toBeNull();
    expect(session.getSnapshot()).toMatchObject({ status: 'ready', hasWorkbook: true, scheme: null, fileName: '别的.xlsx' });
    const steps: number[] = [];
    const report = await session.insertTemplate(scheme, { dept: '测试单位', year: 2024, unit: '元', sheets: ['summary', 'scoring'] }, (_, f) => steps.push(f));
    expect(report).toEqual({ sheets: { summary: '基本情况表', scoring: '评分表', survey: '满意度调查' }, resumed: false });
    expect(steps[steps.length - 1]).toBe(1);
    expect(session.getSnapshot().values).toMatchObject({ in_dept_name: '测试单位', in_year: '2024', in_unit: '元' });
    const file = await session.workbookFile();
    expect(file.fileName).toBe('别的.xlsx');
    const { wb: back } = await rescore(file.bytes);
    expect(back.workbook.worksheets.map((w) => w.name)).toEqual(['其他', '基本情况表', '评分表', '满意度调查', 'jixiao_out', 'jixiao_scheme', 'jixiao_sync']);
  });

  test('refuses what is not an .xlsx, with a Chinese reason, and keeps the workbook it had', async () => {
    const session = newSession(new MemoryStorage());
    await session.open(fileOf(await templateBytes(), 'a.xlsx'));
    await expect(session.open(fileOf(new TextEncoder().encode('a,b\n1,2'), 'data.csv'))).rejects.toThrow('无法读取“data.csv”：不是有效的 .xlsx 文件');
    await expect(session.open(fileOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '旧表.xls'))).rejects.toThrow(
      '无法读取“旧表.xls”：文件已加密或为旧版 .xls，请在 Excel/WPS 中另存为 .xlsx',
    );
    await expect(session.open(fileOf(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), '坏.xlsx'))).rejects.toThrow('无法读取“坏.xlsx”');
    expect(session.getSnapshot()).toMatchObject({ status: 'ready', fileName: 'a.xlsx' });
    expect(await session.detect()).toBe(scheme);
  });

  test('setInput writes the cell, rescoring after a pause; outputs and the sync record go into the workbook', async () => {
    const saved: Saved[] = [];
    const session = newSession(new MemoryStorage(), { saved });
    await session.open(fileOf(await templateBytes(exampleValues()), '示例.xlsx'));
    const first = await session.recompute('open');
    expect(first.evaluation.total.toString()).toBe('73.28');
    expect(first.changedSinceSync).toEqual([]); // no record yet
    expect(first.written).toBeGreaterThan(40);

    const changed = nextChange(session);
    session.setInput('in_staff_actual', '20');
    session.setInput('in_staff_actual', '20人');
    const r = await changed;
    expect(r.reason).toBe('change');
    expect(r.evaluation.total.toString()).toBe('75.28');
    expect(r.written).toBeGreaterThan(0);
    expect(r.written).toBeLessThan(10);
    expect(session.getSnapshot().values.in_staff_actual).toBe('20人');

    const { bytes } = await session.download();
    expect(saved.map((s) => s.fileName)).toEqual(['示例.xlsx']);
    const { wb, evaluation } = await rescore(bytes);
    expect(evaluation.total.toString()).toBe('75.28');
    const sync = wb.workbook.worksheets.find((w) => w.name === 'jixiao_sync')!;
    expect(sync.state).toBe('veryHidden');
    const record = readSyncRecord(wb.workbook)!;
    expect(record.values.in_staff_actual).toBe('20人');
    expect(record.fingerprint).toBe(makeSyncRecord(scheme.id, scheme.version, (await wb.readInputs(scheme)).values, new Date()).fingerprint);
  });

  test('a workbook synced before says which inputs changed since (filled elsewhere after the add-in)', async () => {
    const session = newSession(new MemoryStorage());
    await session.open(fileOf(await templateBytes(exampleValues()), 'a.xlsx'));
    await session.recompute('open');
    const { bytes } = await session.workbookFile();
    // edited in WPS: two inputs changed, the record stays
    const wb = await XlsxWorkbook.fromBuffer(bytes);
    wb.fillInputs(scheme, { in_late_items: 4, in_fund_violations: 0 });
    const again = newSession(new MemoryStorage());
    await again.open(fileOf(await wb.toBuffer(), 'a.xlsx'));
    const r = await again.recompute('open');
    expect(r.changedSinceSync).toEqual(['in_fund_violations', 'in_late_items']);
    expect((await again.recompute('manual')).changedSinceSync).toEqual([]);
  });

  test('select() asks the form to focus the control of a cell, a grid answer or a name', async () => {
    const session = newSession(new MemoryStorage());
    await session.open(fileOf(await templateBytes(), 'a.xlsx'));
    const targets: FieldTarget[] = [];
    session.onFocusRequest((t) => targets.push(t));
    const cells = session.getSnapshot().cells;
    await session.select(`${cells.in_staff_quota.sheet}!${cells.in_staff_quota.address}`);
    await session.select(`'${cells.in_staff_quota.sheet}'!$${cells.in_staff_quota.address.replace(/(\d+)/, '$$$1')}`);
    const grid = cells.in_survey_answers;
    const m = /^([A-Z]+)(\d+)$/.exec(grid.address)!;
    const col = m[1].charCodeAt(0) + 2;
    await session.select(`${grid.sheet}!${String.fromCharCode(col)}${Number(m[2]) + 3}`);
    await session.select('in_goal_fit_2');
    expect(targets).toEqual([
      { name: 'in_staff_quota' },
      { name: 'in_staff_quota' },
      { name: 'in_survey_answers', row: 3, column: 2 },
      { name: 'in_goal_fit_2' },
    ]);
    await expect(session.select('评分表!A1')).rejects.toThrow('表单中没有');
  });
});

describe('FileSession: new template, drafts, reload, 清除', () => {
  test('a new template in memory, filled with the worked example, downloads bytes that score 73.28', async () => {
    const saved: Saved[] = [];
    const session = newSession(new MemoryStorage(), { saved });
    expect(await session.detect()).toBeNull();
    await session.insertTemplate(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '万元', sheets: ['summary', 'scoring', 'survey'] }, () => undefined);
    expect(session.getSnapshot()).toMatchObject({ origin: 'template', fileName: null });
    typeExample(session);
    await session.settle();
    const { fileName, bytes } = await session.download();
    expect(fileName).toBe('示例县政务服务中心2024年度部门整体支出绩效自评表.xlsx');
    expect(saved).toHaveLength(1);
    const { evaluation } = await rescore(bytes);
    expect(evaluation.total.toString()).toBe('73.28');
    expect(evaluation.grade).toBe('中');
  });

  test('typed values survive a reload: rebuilt from the template when the file bytes were not kept', async () => {
    const storage = new MemoryStorage();
    const first = newSession(storage, { bytes: { get: async () => null, put: async () => undefined, delete: async () => undefined } });
    await first.open(fileOf(await templateBytes(exampleValues()), '示例.xlsx'));
    first.setInput('in_staff_actual', '十七');
    first.setInput('in_survey_answers', [['满意', '满意', '满意', '满意', '满意', '满意', '满意', '满意', '满意', '满意']]);
    expect(storage.keys()).toEqual(['jixiao:draft:dept-2013']);

    const second = newSession(storage);
    expect(await second.detect()).toBe(scheme);
    const snap = second.getSnapshot();
    expect(snap).toMatchObject({ fileName: '示例.xlsx', origin: 'file', dirty: true });
    expect(snap.restored).not.toBeNull();
    expect(snap.values.in_staff_actual).toBe('十七');
    expect(snap.values.in_dept_name).toBe('示例县政务服务中心');
    const r = await second.recompute('open');
    expect(r.evaluation.issues.some((f) => f.code === 'invalid_value' && f.inputs.includes('in_staff_actual'))).toBe(true);
    expect(r.evaluation.indicators.find((i) => i.id === 'satisfaction')!.text).toContain('40');
    const file = await second.workbookFile();
    expect(file.fileName).toBe('示例.xlsx');
  });

  test('with the bytes kept (IndexedDB) the reloaded workbook is the officer’s own file again', async () => {
    const storage = new MemoryStorage();
    const bytes = memoryBytes();
    const first = newSession(storage, { bytes });
    await first.open(fileOf(await templateBytes(exampleValues(), {}, '备注'), '示例.xlsx'));
    first.setInput('in_late_items', '4');
    await first.settle();
    expect([...bytes.data.keys()]).toEqual(['jixiao:draft:dept-2013']);

    const second = newSession(storage, { bytes });
    expect(await second.detect()).toBe(scheme);
    const r = await second.recompute('open');
    expect(r.evaluation.total.toString()).toBe('72.78');
    const { wb } = await rescore((await second.workbookFile()).bytes);
    expect(wb.workbook.getWorksheet('备注')?.getCell('A1').value).toBe('单位自己的备注');
  });

  test('downloading and 清除 forget the draft; clear() empties the session', async () => {
    const storage = new MemoryStorage();
    const bytes = memoryBytes();
    const session = newSession(storage, { bytes });
    await session.open(fileOf(await templateBytes(exampleValues()), '示例.xlsx'));
    session.setInput('in_late_items', '4');
    await session.download();
    expect(storage.keys()).toEqual([]);
    expect(bytes.data.size).toBe(0);
    expect(session.getSnapshot().dirty).toBe(false);

    session.setInput('in_late_items', '5');
    expect(storage.keys()).toEqual(['jixiao:draft:dept-2013']);
    await session.clear();
    expect(storage.keys()).toEqual([]);
    expect(session.getSnapshot()).toMatchObject({ status: 'empty', hasWorkbook: false, values: {} });
    expect(await session.detect()).toBeNull();
    expect(() => session.setInput('in_late_items', '1')).toThrow('还没有打开工作簿');
    await expect(session.recompute('manual')).rejects.toThrow('还没有打开工作簿');

    const later = newSession(storage);
    expect(await later.detect()).toBeNull();
  });

  test('a damaged or foreign draft is ignored; setInput refuses names and shapes the scheme lacks', async () => {
    const storage = new MemoryStorage();
    storage.setItem('jixiao:draft:dept-2013', '{"v":1,"scheme":"dept-2013"');
    expect(await newSession(storage).detect()).toBeNull();
    storage.setItem('jixiao:draft:dept-2013', JSON.stringify({ v: 1, scheme: 'dept-2013', values: { a: 1 } }));
    expect(await newSession(storage).detect()).toBeNull();

    const session = newSession(storage);
    await session.open(fileOf(await templateBytes(), 'a.xlsx'));
    expect(() => session.setInput('in_nothing', '1')).toThrow('没有输入 in_nothing');
    expect(() => session.setInput('in_survey_answers', '满意')).toThrow('逐份问卷');
    expect(() => session.setInput('in_survey_answers', Array.from({ length: 31 }, () => ['满意']))).toThrow('最多30份');
    expect(() => session.setInput('in_staff_quota', [['1']])).toThrow('应为文字');
  });

  test('a name deleted in Excel is a finding, and the rest still scores', async () => {
    const wb = await XlsxWorkbook.fromBuffer(await templateBytes(exampleValues()));
    wb.workbook.definedNames.remove("'基本情况表'!$D$13", 'in_staff_actual');
    expect(wb.workbook.definedNames.model.map((n) => n.name)).not.toContain('in_staff_actual');
    const session = newSession(new MemoryStorage());
    await session.open(fileOf(await wb.toBuffer(), 'a.xlsx'));
    const r = await session.recompute('open');
    expect(r.evaluation.issues[0].code).toBe('missing_name');
    expect(r.evaluation.indicators.find((i) => i.id === 'staff_control')!.status).toBe('missing');
    expect(r.evaluation.indicators.find((i) => i.id === 'budget_adjust')!.score?.toString()).toBe('3');
    const changed = nextChange(session);
    session.setInput('in_staff_actual', '20');
    const after = await changed;
    expect(after.evaluation.issues.filter((f) => f.inputs.includes('in_staff_actual')).map((f) => f.code)).toEqual(
      expect.arrayContaining(['write_failed', 'missing_name']),
    );
  });
});

describe('FileSession through a worker (the page’s parsing off its thread)', () => {
  /** A Worker stand-in: messages cross as structured clones, the job runs after a tick, as in a browser. */
  class CloningWorker implements WorkerLike {
    onmessage: ((event: MessageEvent) => void) | null = null;
    onerror: ((event: ErrorEvent) => void) | null = null;
    terminated = false;
    constructor(private readonly behave: 'answer' | 'hang' | 'crash' | 'unloadable' = 'answer') {
      // a worker whose script loaded says so first
      setTimeout(() => (behave === 'unloadable' ? this.onerror?.({ message: 'cannot load' } as ErrorEvent) : this.onmessage?.({ data: { ready: true } } as MessageEvent)), 0);
    }
    postMessage(message: unknown): void {
      const { id, job } = structuredClone(message) as JobMessage;
      setTimeout(() => {
        if (this.terminated || this.behave === 'hang' || this.behave === 'unloadable') return;
        if (this.behave === 'crash') return this.onerror?.({ message: 'out of memory' } as ErrorEvent);
        this.onmessage?.({ data: structuredClone({ id, answer: runJob(job) }) } as MessageEvent);
      }, 1);
    }
    terminate(): void {
      this.terminated = true;
    }
  }

  test('open, type, rescore and download with every message cloned across', async () => {
    const workers: CloningWorker[] = [];
    const jobs = workerJobs({ spawn: () => workers[workers.push(new CloningWorker()) - 1] });
    const saved: Saved[] = [];
    const session = newSession(new MemoryStorage(), { jobs, saved });
    expect(await session.open(fileOf(await templateBytes(exampleValues()), '示例.xlsx'))).toBe(scheme);
    expect((await session.recompute('open')).evaluation.total.toString()).toBe('73.28');
    session.setInput('in_staff_actual', '20');
    await session.settle();
    const { bytes } = await session.download();
    const { evaluation } = await rescore(bytes);
    expect(evaluation.total.toString()).toBe('75.28');
    expect(workers).toHaveLength(1); // one worker for every job
    expect(saved.map((s) => s.fileName)).toEqual(['示例.xlsx']);
  });

  test('a worker that does not answer in time is stopped: one line, the workbook open before stays, the next job gets a new worker', async () => {
    const workers: CloningWorker[] = [];
    const plan: ('answer' | 'hang' | 'crash')[] = ['answer', 'hang', 'crash', 'answer'];
    const jobs = workerJobs({ spawn: () => workers[workers.push(new CloningWorker(plan[workers.length])) - 1], timeoutMs: 200 });
    const session = newSession(new MemoryStorage(), { jobs });
    const bytes = await templateBytes(exampleValues());
    await session.open(fileOf(bytes, '示例.xlsx'));
    await session.open(fileOf(bytes, '示例.xlsx')); // same worker: it answered
    // the first worker is made to hang from here on
    (workers[0] as unknown as { behave: string }).behave = 'hang';
    await expect(session.open(fileOf(bytes, '慢.xlsx'))).rejects.toThrow('无法读取“慢.xlsx”：处理文件超时（超过 0 秒），文件可能过大或已损坏；请在 Excel/WPS 中删去不需要的内容后另存再试');
    expect(workers[0].terminated).toBe(true);
    expect(session.getSnapshot()).toMatchObject({ status: 'ready', fileName: '示例.xlsx', scheme });
    // the next worker hangs as planned, the one after crashes
    await expect(session.open(fileOf(bytes, 'a.xlsx'))).rejects.toThrow('处理文件超时');
    await expect(session.open(fileOf(bytes, 'b.xlsx'))).rejects.toThrow('无法读取“b.xlsx”：处理文件时出错（文件可能过大或已损坏），请在 Excel/WPS 中另存为 .xlsx 后再试');
    expect(workers.map((w) => w.terminated)).toEqual([true, true, true, false].slice(0, workers.length));
    expect(await session.open(fileOf(bytes, 'c.xlsx'))).toBe(scheme);
    expect(workers).toHaveLength(4);
  });

  test('where no worker can start (a page opened from file://), the page’s own thread does the jobs', async () => {
    let spawned = 0;
    const unloadable = workerJobs({ spawn: () => (spawned++, new CloningWorker('unloadable')) });
    const session = newSession(new MemoryStorage(), { jobs: unloadable });
    expect(await session.open(fileOf(await templateBytes(exampleValues()), 'a.xlsx'))).toBe(scheme);
    expect(await session.open(fileOf(await templateBytes(exampleValues()), 'b.xlsx'))).toBe(scheme);
    expect(spawned).toBe(1);
    const throwing = workerJobs({
      spawn: () => {
        throw new Error('SecurityError');
      },
    });
    expect(await newSession(new MemoryStorage(), { jobs: throwing }).open(fileOf(await templateBytes(), 'c.xlsx'))).toBe(scheme);
  });

  test('an .ods or a zip that is not a workbook is refused as the command refuses it — never offered 插入模板', async () => {
    const session = newSession(new MemoryStorage());
    const { zipSync, strToU8 } = await import('fflate');
    const ods = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8('<x/>') });
    await expect(session.open(fileOf(ods, '数据.ods'))).rejects.toThrow('无法读取“数据.ods”：这是 OpenDocument 表格（.ods），请在 WPS 或 LibreOffice 中另存为 .xlsx');
    await expect(session.open(fileOf(zipSync({ 'a.txt': strToU8('x') }), '压缩包.xlsx'))).rejects.toThrow('无法读取“压缩包.xlsx”：不是有效的 .xlsx 文件');
    expect(session.getSnapshot()).toMatchObject({ status: 'empty', hasWorkbook: false });
  });

  test('a download keeps the .xlsm of a workbook with macros (and its macros)', async () => {
    const { editParts } = await import('../workbook/package/helpers');
    const xlsm = editParts(await templateBytes(exampleValues()), {
      '[Content_Types].xml': (x) => x.replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml'),
    });
    const saved: Saved[] = [];
    const session = newSession(new MemoryStorage(), { saved });
    await session.open(fileOf(xlsm, '宏.xlsm'));
    await session.download();
    expect(saved.map((s) => s.fileName)).toEqual(['宏.xlsm']);
  });
});
