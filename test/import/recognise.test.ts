/**
 * Recognising the standard tables wherever they sit and however they are headed: header rows split in two, the
 * synonyms regions use, title rows and spacer columns, a form split over two Word tables, several forms on a
 * sheet — and what each table states, cell by cell.
 */
import { checkGrids, gridsOfDocx, gridsOfXlsx, recogniseGrids, type ScoringTable, type TargetTable } from '../../src/import';
import { XlsxPackage } from '../../src/workbook/package';
import { _, docx, xlsx, type TableSpec } from './build';

const FUNDS: TableSpec['rows'] = [
  ['项目资金（万元）', _, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
  [_, '年度资金总额', 120, 150, 138.6, 10, '92.40%', 9.24],
];

const INDICATOR_ROWS: TableSpec['rows'] = [
  ['产出指标', '数量指标', '接入部门数', '≥40个', '42个', 45, 45, _],
  ['效益指标', '社会效益指标', '网办率提升', '明显提升', '明显提升', 35, 35, _],
  ['满意度指标', '服务对象满意度指标', '满意度', '≥90%', '93.5%', 10, 10, _],
];

describe('target tables', () => {
  test('a header over two rows (指标值 over 年度指标值 | 实际完成值), 得分 and 分值 merged down', () => {
    const t: TableSpec = {
      rows: [
        ['一级指标', '二级指标', '三级指标', '指标值', _, '分值', '得分', '偏差原因分析及改进措施'],
        [_, _, _, '年度指标值', '实际完成值', _, _, _],
        ...INDICATOR_ROWS,
        ['总分', _, _, _, _, 100, 100, '优'],
      ],
      merges: ['A1:A2', 'B1:B2', 'C1:C2', 'D1:E1', 'F1:F2', 'G1:G2', 'H1:H2', 'A6:E6'],
    };
    const { tables, unplaced } = recogniseGrids(gridsOfDocx(docx(['2024年度项目支出绩效自评表', t])));
    expect(unplaced).toEqual([]);
    const table = tables[0] as TargetTable;
    expect(table.rows.map((r) => [r.name?.text, r.target?.text, r.actual?.text, r.weight?.cell, r.score?.cell])).toEqual([
      ['接入部门数', '≥40个', '42个', '表1!R3C6', '表1!R3C7'],
      ['网办率提升', '明显提升', '明显提升', '表1!R4C6', '表1!R4C7'],
      ['满意度', '≥90%', '93.5%', '表1!R5C6', '表1!R5C7'],
    ]);
    expect([table.total, table.maxTotal, table.grade]).toEqual([
      { cell: '表1!R6C7', text: '100', value: 100 },
      { cell: '表1!R6C6', text: '100', value: 100 },
      { cell: '表1!R6C8', text: '优', word: '优', grade: '优' },
    ]);
    expect(table.funds).toEqual({});
  });

  test('the Sichuan and Tianjin wording: 计算符号, 指标值, 计量单位, 完成值, 权重, 未完成原因分析', () => {
    const t: TableSpec = {
      rows: [
        ['一级指标', '二级指标', '三级指标', '计算符号', '指标值', '计量单位', '完成值', '权重', '得分', '未完成原因分析'],
        ['产出指标', '时效指标', '故障响应时间', '≤', 2, '小时', 2.5, 5, 3.75, '夜间值守不足'],
      ],
    };
    const table = recogniseGrids(gridsOfDocx(docx([t]))).tables[0] as TargetTable;
    expect(table.inputs.in_indicators).toEqual([
      { level1: '产出指标', level2: '时效指标', name: '故障响应时间', sense: '≤', target: '2', unit: '小时', actual: '2.5', weight: '5', score: '3.75', deviation: '夜间值守不足' },
    ]);
  });

  test('anywhere on a sheet: title rows above, a blank spacer column, the form at D5', async () => {
    const rows: TableSpec['rows'] = [
      ['2024年度项目支出绩效自评表', _, _, _, _, _, _, _, _, _],
      ['填报单位：示例县数据局', _, _, _, _, _, _, _, _, _],
      ['项目名称', '政务平台运维', _, _, _, _, _, _, _, _],
      [...FUNDS[0].slice(0, 2), _, ...FUNDS[0].slice(2)],
      [...FUNDS[1].slice(0, 2), _, ...FUNDS[1].slice(2)],
      ['一级指标', '二级指标', _, '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施', _],
      ...INDICATOR_ROWS.map((r) => [r[0], r[1], _, ...r.slice(2), _]),
      ['总分', _, _, _, _, _, 100, 99.24, _, _],
    ];
    const bytes = await xlsx([{ name: 'Sheet1', rows: [['说明：本表由单位填写'], [], [], []] }, { name: '项目', at: 'D5', rows }]);
    const { tables, unplaced } = recogniseGrids(gridsOfXlsx(XlsxPackage.open(bytes)));
    expect(unplaced.map((u) => u.grid)).toEqual(['Sheet1']);
    const t = tables[0] as TargetTable;
    expect([t.kind, t.scheme, t.range, t.title, t.year, t.project]).toEqual(['target', 'project-2020', '项目!D5:L14', '2024年度项目支出绩效自评表', 2024, { cell: '项目!E7', text: '政务平台运维' }]);
    expect(t.funds).toEqual({
      initial: { cell: '项目!G9', text: '120' },
      full: { cell: '项目!H9', text: '150' },
      spent: { cell: '项目!I9', text: '138.6' },
      weight: { cell: '项目!J9', text: '10' },
      rate: { cell: '项目!K9', text: '92.40%' },
      score: { cell: '项目!L9', text: '9.24' },
    });
    expect(t.rows.map((r) => [r.name?.cell, r.weight?.cell])).toEqual([
      ['项目!G11', '项目!J11'],
      ['项目!G12', '项目!J12'],
      ['项目!G13', '项目!J13'],
    ]);
    expect(t.total).toEqual({ cell: '项目!K14', text: '99.24', value: 99.24 });
  });

  test('a form split over two Word tables (the funds in one, the indicators in the next) is one form', () => {
    const bytes = docx([
      '2024年度部门整体支出绩效自评表',
      { rows: [['预算部门（单位）名称', '示例县数据局', _, _, _, _, _, _], ...FUNDS] },
      '（续表）',
      { rows: [['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'], ...INDICATOR_ROWS, ['总分', _, _, _, _, 100, 99.24, _]] },
    ]);
    const { tables } = recogniseGrids(gridsOfDocx(bytes));
    expect(tables.map((t) => [t.kind, t.scheme, t.range, t.regions])).toEqual([
      [
        'target',
        'dept-2020',
        '表1!R1C1:R3C8，表2!R1C1:R5C8',
        [
          { grid: '表1', top: 0, bottom: 2 },
          { grid: '表2', top: 0, bottom: 4 },
        ],
      ],
    ]);
    expect((tables[0] as TargetTable).dept).toEqual({ cell: '表1!R1C2', text: '示例县数据局' });
  });

  test('two project tables on one sheet are two forms, each with its own funds, rows and total', async () => {
    const one = (name: string, total: number): TableSpec['rows'] => [
      ['项目名称', name, _, _, _, _, _, _],
      ...FUNDS,
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      ...INDICATOR_ROWS,
      ['总分', _, _, _, _, 100, total, _],
      [_, _, _, _, _, _, _, _],
    ];
    const bytes = await xlsx([{ name: '项目', rows: [...one('项目甲', 99.24), ...one('项目乙', 98)] }]);
    const { tables } = recogniseGrids(gridsOfXlsx(XlsxPackage.open(bytes)));
    expect(tables.map((t) => [(t as TargetTable).project?.text, t.range, (t as TargetTable).total?.value])).toEqual([
      ['项目甲', '项目!A1:H8', 99.24],
      ['项目乙', '项目!A10:H17', 98],
    ]);
  });
});

describe('the 2013-style 评分表', () => {
  test('each 分值 column belongs to the level left of it; rows matched to the scheme’s indicators by their names', () => {
    const t: TableSpec = {
      rows: [
        ['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '评价标准', '备注', '评价得分'],
        ['投入', 20, '预算配置', 12, '在职人员控制率', 4, '以100%为标准……', _, '（17/22）×100%=77.27%，得4分'],
        [_, _, _, _, '“三公经费”变动率', 4, '……', _, '得4分'],
        [_, _, _, _, '重点支出安排率', 4, '……', _, 3],
        [_, _, '预算执行', 16, '某市自设指标', 4, '……', _, '得4分'],
        ['合计', 100, _, _, _, 16, _, _, '15分'],
      ],
      merges: ['A2:A5', 'B2:B5', 'C2:C4', 'D2:D4'],
    };
    const table = recogniseGrids(gridsOfDocx(docx([t]))).tables[0] as ScoringTable;
    expect(table.rows.map((r) => [r.indicator, r.level1, r.level2, r.name.text, r.level2Weight?.value ?? null, r.weight?.value, r.text?.cell ?? null, r.score?.value])).toEqual([
      ['staff_control', '投入', '预算配置', '在职人员控制率', 12, 4, '表1!R2C9', 4],
      ['sangong_change', '投入', '预算配置', '“三公经费”变动率', null, 4, '表1!R3C9', 4],
      ['key_spend_ratio', '投入', '预算配置', '重点支出安排率', null, 4, null, 3],
      [null, '投入', '预算执行', '某市自设指标', 16, 4, '表1!R5C9', 4],
    ]);
    expect([table.total, table.maxTotal]).toEqual([
      { cell: '表1!R6C9', text: '15分', value: 15 },
      { cell: '表1!R6C6', text: '16', value: 16 },
    ]);
  });

  test('a separate 得分 column holds the score, 计算过程 the text', () => {
    const t: TableSpec = {
      rows: [
        ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '计算过程', '得分'],
        ['过程', '资产管理', '固定资产利用率', 3, '……', '（950/1000）×100%=95%，扣1分', 2],
      ],
    };
    const table = recogniseGrids(gridsOfDocx(docx([t]))).tables[0] as ScoringTable;
    expect(table.rows.map((r) => [r.indicator, r.text?.text, r.score])).toEqual([['fixed_asset_use', '（950/1000）×100%=95%，扣1分', { cell: '表1!R2C7', text: '2', value: 2 }]]);
  });
});

describe('what is not placed', () => {
  test('an empty document and blank tables are not reported; a table of prose is', () => {
    const { tables, unplaced } = recogniseGrids(gridsOfDocx(docx(['报告正文', { rows: [[_, _], [_, _]] }, { rows: [['本单位', '2024年工作总结']] }])));
    expect(tables).toEqual([]);
    expect(unplaced).toEqual([{ grid: '表2', range: '表2!R1C1:R1C2', reason: '未找到标准表格（评分表、绩效自评表、基础数据表、综合评价报告表）的表头，未识别' }]);
  });

  test('a funds header without its 年度资金总额 line is no form', () => {
    const { tables } = recogniseGrids(gridsOfDocx(docx([{ rows: [['科目', '年初预算数', '全年预算数', '全年执行数', '执行率'], ['工资福利支出', 300, 300, 296.4, '98.80%']] }])));
    expect(tables).toEqual([]);
  });
});

/** A table cut in two at row `at` (0-based), merged ranges cut with it: a Word table split over two pages. */
function split(t: TableSpec, at: number): [TableSpec, TableSpec] {
  const parts: [TableSpec, TableSpec] = [
    { rows: t.rows.slice(0, at), merges: [] },
    { rows: t.rows.slice(at), merges: [] },
  ];
  for (const m of t.merges ?? []) {
    const [a, b = a] = m.split(':');
    const [ca, ra] = [a.replace(/\d+/g, ''), Number(a.replace(/\D+/g, ''))];
    const [cb, rb] = [b.replace(/\d+/g, ''), Number(b.replace(/\D+/g, ''))];
    if (ra <= at) parts[0].merges!.push(`${ca}${ra}:${cb}${Math.min(rb, at)}`);
    if (rb > at) parts[1].merges!.push(`${ca}${Math.max(ra, at + 1) - at}:${cb}${rb - at}`);
  }
  return parts;
}

describe('a table going on over a page', () => {
  const project = (r: ReturnType<typeof recogniseGrids>) => r.tables.map((t) => [t.kind, t.range, (t as TargetTable).rows.length, (t as TargetTable).total?.cell]);

  test('a Word table split in two, its header not repeated: one form, its rows from both tables', async () => {
    const { CLJ_PROJECT, CLJ_PROJECT_TITLE } = await import('./forms');
    const [a, b] = split(CLJ_PROJECT, 19);
    const r = recogniseGrids(gridsOfDocx(docx([CLJ_PROJECT_TITLE, a, b])));
    expect(r.unplaced).toEqual([]);
    expect(project(r)).toEqual([['target', '表1!R1C1:R19C9，表2!R1C1:R11C8', 19, '表2!R11C8']]);
    expect((r.tables[0] as TargetTable).rows[9].name).toEqual({ cell: '表2!R1C4', text: '提高办事效率,节省投诉成本' });
    // checked as the whole table is: weights 75, 得分 100 in the execution line, 总分 100 for 85
    const whole = checkGrids(gridsOfDocx(docx([CLJ_PROJECT_TITLE, CLJ_PROJECT]))).forms[0];
    const halves = checkGrids(gridsOfDocx(docx([CLJ_PROJECT_TITLE, a, b]))).forms[0];
    expect([halves.total, halves.issues.map((i) => i.code)]).toEqual([whole.total, whole.issues.map((i) => i.code)]);
    expect(halves.total).toBe(85);
  });

  test('its header typed again, in the next Word table or further down a sheet: one form', async () => {
    const { CLJ_PROJECT, CLJ_PROJECT_TITLE } = await import('./forms');
    const header = CLJ_PROJECT.rows[9];
    const [a, b] = split(CLJ_PROJECT, 19);
    const again: TableSpec = { rows: [header, ...b.rows], merges: (b.merges ?? []).map((m) => m.replace(/\d+/g, (d) => String(Number(d) + 1))) };
    const r = recogniseGrids(gridsOfDocx(docx([CLJ_PROJECT_TITLE, a, again])));
    expect(project(r)).toEqual([['target', '表1!R1C1:R19C9，表2!R1C1:R12C9', 19, '表2!R12C8']]);
    const onSheet = recogniseGrids(gridsOfXlsx(XlsxPackage.open(await xlsx([{ name: '项目', rows: [...a.rows, ...again.rows], merges: [...a.merges!, ...again.merges!.map((m) => m.replace(/\d+/g, (d) => String(Number(d) + 19)))] }]))));
    expect(project(onSheet)).toEqual([['target', '项目!A1:I31', 19, '项目!H31']]);
  });
});
