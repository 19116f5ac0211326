/**
 * Reading an .xlsx through the package layer: defined names of every shape and scope, every kind of cell
 * value, areas cut to what exists — and the same inputs, cells and findings as the exceljs adapter reads.
 */
import { strToU8 } from 'fflate';
import { XlsxPackage } from '../../../src/workbook/package';
import { detectSchemeOf, readInputsOf, readSyncRecordOf } from '../../../src/workbook/package/workbook';
import { XlsxWorkbook } from '../../../src/workbook/xlsx';
import { editParts, exampleFile, miniWorkbook, scheme } from './helpers';

describe('the worked example: what the exceljs adapter reads, read through the package', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await exampleFile();
  });

  test('every input value, its cell and no problem; the scheme detected; the template’s sync record', async () => {
    const pkg = XlsxPackage.open(bytes);
    expect(detectSchemeOf(pkg, [scheme])).toBe(scheme);
    const ours = readInputsOf(pkg, scheme.inputs);
    const theirs = await (await XlsxWorkbook.fromBuffer(bytes)).readInputs(scheme);
    expect(ours.problems).toEqual([]);
    expect(ours.cells).toEqual(theirs.cells);
    expect(ours.values).toEqual(theirs.values);
    expect(ours.values.in_dept_name).toBe('示例县政务服务中心');
    expect(ours.values.in_staff_quota).toBe(20);
    expect((ours.values.in_survey_answers as unknown[][]).length).toBe(30);
    expect(readSyncRecordOf(pkg)).toBeNull(); // fillInputs writes no record
  });

  test('a deleted name, a name whose sheet was deleted (#REF!) and a renamed sheet read as the exceljs adapter words them', async () => {
    const edited = editParts(bytes, {
      'xl/workbook.xml': (x) =>
        x
          .replace(/<definedName name="in_staff_actual">[^<]*<\/definedName>/, '')
          .replace(/(<definedName name="in_staff_quota">)[^<]*/, (_, tag: string) => `${tag}#REF!$D$12`)
          .replace(/(<definedName name="in_late_items">)[^<]*/, (_, tag: string) => `${tag}'不存在的表'!$D$40`)
          .replace(/name="基本情况表"/, 'name="基本情况"')
          .replace(/&apos;基本情况表&apos;!/g, '&apos;基本情况&apos;!'),
    });
    const read = readInputsOf(XlsxPackage.open(edited), scheme.inputs);
    const messages = Object.fromEntries(read.problems.map((p) => [p.inputs[0], p.message]));
    expect(messages.in_staff_actual).toBe('找不到“年末实际在职人数”的单元格：名称 in_staff_actual 已被删除或引用无效（请在“公式”→“名称管理器”中恢复，或重新插入模板）');
    expect(messages.in_staff_quota).toMatch(/名称 in_staff_quota 指向的工作表已被删除$/);
    expect(messages.in_late_items).toMatch(/名称 in_late_items 指向不存在的工作表“不存在的表”$/);
    expect(read.cells!.in_dept_name).toEqual({ sheet: '基本情况', address: 'D8' });
    expect(read.values.in_dept_name).toBe('示例县政务服务中心');
  });
});

describe('defined names', () => {
  const book = () =>
    miniWorkbook({
      sheets: [
        { name: 'Data', data: '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c><c r="C3" t="s"><v>0</v></c></row>' },
        { name: "It's", data: '<row r="2"><c r="B2"><v>7</v></c></row>' },
      ],
      strings: ['x'],
      names:
        '<definedName name="whole_col">Data!$A:$A</definedName>' +
        '<definedName name="whole_row">Data!$3:$3</definedName>' +
        '<definedName name="whole_sheet">Data!$A$1:$XFD$1048576</definedName>' +
        "<definedName name=\"union\">'It''s'!$B$2,Data!$A$1</definedName>" +
        '<definedName name="rate">0.05</definedName>' +
        '<definedName name="formula">SUM(Data!$A$1:$A$3)</definedName>' +
        '<definedName name="broken">#REF!</definedName>' +
        '<definedName name="external">[1]Sheet1!$A$1</definedName>' +
        '<definedName name="local" localSheetId="1">\'It\'\'s\'!$B$2</definedName>' +
        '<definedName name="local">Data!$A$1</definedName>' +
        '<definedName name="only_local" localSheetId="0" hidden="1">Data!$C$3</definedName>',
    });

  test('whole columns, rows and sheets, unions (first area), quoted sheet names; constants, formulas, #REF! and other workbooks point nowhere', () => {
    const pkg = XlsxPackage.open(book());
    expect(pkg.name('WHOLE_COL')).toEqual({ name: 'whole_col', scope: null, sheet: 'Data', left: 1, top: 1, right: 1, bottom: 1048576 });
    expect(pkg.name('whole_row')).toMatchObject({ left: 1, top: 3, right: 16384, bottom: 3 });
    expect(pkg.name('union')).toMatchObject({ sheet: "It's", left: 2, top: 2, right: 2, bottom: 2 });
    for (const n of ['rate', 'formula', 'broken', 'external', 'nothing']) expect([n, pkg.name(n)]).toEqual([n, null]);
    expect(pkg.definedNames().map((n) => n.name)).toContain('rate');
  });

  test('sheet-scoped names: found on their sheet, the workbook-wide one elsewhere; a local-only name is not workbook-wide', () => {
    const pkg = XlsxPackage.open(book());
    expect(pkg.name('local')).toMatchObject({ scope: null, sheet: 'Data', left: 1, top: 1 });
    expect(pkg.name('local', "It's")).toMatchObject({ scope: "It's", sheet: "It's", left: 2, top: 2 });
    expect(pkg.name('local', 'Data')).toMatchObject({ scope: null });
    expect(pkg.name('only_local')).toBeNull();
    expect(pkg.name('only_local', 'data')).toMatchObject({ scope: 'Data', left: 3, top: 3 });
    expect(pkg.scopesOf('local').map((s) => s.name)).toEqual(["It's"]);
  });

  test('readName and readScalar: the sheet as the workbook has it, the top-left cell, the values', () => {
    const pkg = XlsxPackage.open(book());
    expect(pkg.readName('local', "IT'S")).toEqual({
      name: 'local',
      scope: "It's",
      sheet: pkg.sheets[1],
      address: 'B2',
      area: { top: 2, left: 2, bottom: 2, right: 2 },
      values: [[7]],
    });
    expect(pkg.readName('whole_col')).toMatchObject({ sheet: { name: 'Data' }, address: 'A1', values: [[1], [null], [3]] });
    expect(pkg.readScalar('only_local', 'Data')).toEqual({ sheet: pkg.sheets[0], address: 'C3', value: 'x' });
    expect(pkg.readName('rate')).toBeNull();
    expect(pkg.readScalar('only_local')).toBeNull();
  });

  test('a name over a whole sheet reads only what exists: the cells up to the last one with a value', () => {
    const pkg = XlsxPackage.open(book());
    const data = pkg.sheet('data')!;
    expect(pkg.readArea(data, pkg.name('whole_sheet')!)).toEqual([
      [1, 2, null],
      [null, null, null],
      [3, null, 'x'],
    ]);
    expect(pkg.readArea(data, pkg.name('whole_col')!)).toEqual([[1], [null], [3]]);
    // (a row is 16,384 cells: within maxAreaCells, so read whole, blanks included)
    const row = pkg.readArea(data, pkg.name('whole_row')!);
    expect([row.length, row[0].length, row[0].slice(0, 4)]).toEqual([1, 16384, [3, null, 'x', null]]);
  });

  test('an area whose existing cells exceed maxAreaCells is refused in one line', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}"><v>${i}</v></c></row>`).join('');
    const pkg = XlsxPackage.open(miniWorkbook({ sheets: [{ name: 'S', data: rows }], names: '<definedName name="all">S!$A:$XFD</definedName>' }), { maxAreaCells: 100 });
    expect(() => pkg.readArea(pkg.sheet('S')!, pkg.name('all')!)).toThrow('文件过大：工作表“S”的区域 A1:XFD1048576 超过 100 个单元格');
    expect(pkg.readArea(pkg.sheet('S')!, { top: 1, left: 1, bottom: 50, right: 2 })).toHaveLength(50);
  });
});

describe('cell values', () => {
  test('shared (rich, phonetic), inline, formula string, boolean, error, ISO date, numbers, date styles, escapes and entities', () => {
    const pkg = XlsxPackage.open(
      miniWorkbook({
        sheets: [
          {
            name: 'S',
            data:
              '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>99</v></c></row>' +
              '<row r="2"><c r="A2" t="inlineStr"><is><r><t>行</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 内 </t></r></is></c><c r="B2" t="str"><f>A1&amp;"x"</f><v>a&lt;b&amp;c</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#DIV/0!</v></c><c r="E2" t="d"><v>2024-03-15T00:00:00Z</v></c></row>' +
              '<row r="3"><c r="A3"><v>4360097.54</v></c><c r="B3" s="1"><v>45366</v></c><c r="C3" s="2"><v>45366</v></c><c r="D3" s="3"><v>45366</v></c><c r="E3" s="4"><v>0.5</v></c><c r="F3"><f>1/0</f></c><c r="G3"/></row>' +
              '<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" t="inlineStr"><is><t>a_x000D__x000A_b_x005F_x0041_</t></is></c><c r="C4"><v>abc</v></c></row>' +
              // rows and cells without r: numbered after the one before
              '<row><c><v>10</v></c><c><v>11</v></c></row><row r="7"><c r="C7"><v>12</v></c><c><v>13</v></c></row>',
          },
        ],
        strings: ['纯文本', '<r><t>富</t></r><r><t>文本</t></r><rPh sb="0" eb="1"><t>フ</t></rPh>', 'a&amp;b &lt;c&gt; &#x4E2D;&#25991;', 'ctl_x0001_end'],
        xfs: [0, 14, 176, 31, 9],
        numFmts: { 176: 'yyyy"年"m"月"d"日"' },
      }),
    );
    const s = pkg.sheet('S')!;
    const day = new Date(Date.UTC(2024, 2, 15));
    expect(pkg.readArea(s, { top: 1, left: 1, bottom: 7, right: 7 })).toEqual([
      ['纯文本', '富文本', 'a&b <c> 中文', null, null, null, null],
      ['行 内 ', 'a<b&c', true, '#DIV/0!', day, null, null],
      [4360097.54, day, day, day, 0.5, null, null],
      ['ctl\u0001end', 'a\r\nb_x0041_', 'abc', null, null, null, null],
      [10, 11, null, null, null, null, null],
      [null, null, null, null, null, null, null],
      [null, null, 12, 13, null, null, null],
    ]);
  });

  test('a prefixed namespace (x:worksheet, as the Open XML SDK writes) reads the same', () => {
    const x = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const pkg = XlsxPackage.open(
      miniWorkbook({
        sheets: [{ name: 'S', data: `<x:worksheet xmlns:x="${x}"><x:sheetData><x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c r="C2"><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>` }],
        strings: ['前缀'],
      }),
    );
    expect(pkg.readArea(pkg.sheet('S')!, { top: 2, left: 2, bottom: 2, right: 3 })).toEqual([['前缀', 5]]);
  });
});

describe('what is not a readable workbook: one Chinese line (PackageError)', () => {
  const fail = (bytes: Uint8Array, limits = {}) => {
    try {
      XlsxPackage.open(bytes, limits);
    } catch (err) {
      return `${(err as Error).name}: ${(err as Error).message}`;
    }
    return 'opened';
  };

  test('text, an OLE container, an empty zip, a .docx, an .ods, an .xlsb, a truncated file', async () => {
    expect(fail(strToU8('部门,得分\n'))).toBe('PackageError: 不是有效的 .xlsx 文件');
    expect(fail(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]))).toBe('PackageError: 文件已加密或为旧版 .xls，请在 Excel/WPS 中另存为 .xlsx');
    const { zipOf } = await import('./helpers');
    expect(fail(zipOf({}))).toBe('PackageError: 不是有效的 .xlsx 文件');
    expect(
      fail(
        zipOf({
          '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
          '_rels/.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
          'word/document.xml': '<w:document/>',
        }),
      ),
    ).toBe('PackageError: 不是有效的 .xlsx 文件');
    expect(fail(zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>' }, 0))).toBe(
      'PackageError: 这是 OpenDocument 表格（.ods），请在 WPS 或 LibreOffice 中另存为 .xlsx',
    );
    const good = await exampleFile();
    const xlsb = editParts(good, { '[Content_Types].xml': (x) => x.replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.binary.macroEnabled.main') });
    expect(fail(xlsb)).toBe('PackageError: 这是二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx');
    expect(fail(good.subarray(0, Math.floor(good.length / 2)))).toBe('PackageError: 文件已损坏或不完整，不是有效的 .xlsx 文件');
  });

  test('a document type declaration (entity expansion, external entities) is refused before anything is expanded', async () => {
    const good = await exampleFile();
    const lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
    const bad = editParts(good, { 'xl/workbook.xml': (x) => x.replace(/^<\?xml[^>]*\?>/, lol) });
    expect(fail(bad)).toBe('PackageError: 文件含有不允许的 XML 声明（DOCTYPE），已拒绝读取');
  });

  test('limits: file size, entry count, part size (declared), compression ratio, total inflated, time', async () => {
    const good = await exampleFile();
    expect(fail(good, { maxFileBytes: 1000 })).toBe('PackageError: 文件过大：超过 1 KB，请删去不需要的内容后另存再试');
    expect(fail(good, { maxEntries: 5 })).toBe('PackageError: 文件过大：包含的部件超过 5 个，请删去不需要的内容后另存再试');
    expect(fail(good, { maxPartBytes: 2000 })).toBe('PackageError: 文件过大：其中一个部件解压后超过 2 KB，请删去不需要的内容后另存再试');
    expect(fail(good, { maxRatio: 2, ratioGraceBytes: 100 })).toBe('PackageError: 文件内容异常（压缩比过高），已拒绝读取');
    const pkg = XlsxPackage.open(good, { maxTotalBytes: 40_000 });
    expect(() => readInputsOf(pkg, scheme.inputs)).toThrow('文件过大：解压后的内容合计超过 39 KB');
    expect(fail(good, { timeBudgetMs: -1 })).toBe('PackageError: 文件过于复杂，读取超时（超过 0 秒），请删去不需要的内容后另存再试');
  });
});
