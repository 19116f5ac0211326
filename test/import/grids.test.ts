/**
 * Grids: an .xlsx sheet as the texts Excel shows (number formats applied, merged ranges resolved) and the tables
 * of a .docx (w:gridSpan, w:vMerge, w:gridBefore, paragraphs joined, nested tables), both bounded.
 */
import { strToU8, zipSync } from 'fflate';
import { GridView, formatNumber, gridsOfDocx, gridsOfXlsx, cellName } from '../../src/import';
import { PackageError, XlsxPackage } from '../../src/workbook/package';
import { _, docx, xlsx } from './build';

const texts = (v: GridView) => Array.from({ length: v.rows }, (_r, r) => Array.from({ length: v.cols }, (_c, c) => v.text(r, c)));

describe('number formats: the text a cell shows', () => {
  test.each([
    [0.95, '0%', '95%'],
    [0.9473, '0%', '95%'],
    [0.9473, '0.00%', '94.73%'],
    [0.94725, '0.00%', '94.73%'],
    [1.0833, '0.0%', '108.3%'],
    [-0.3625, '0.00%', '-36.25%'],
    [94.8, '0.00', '94.80'],
    [1234.5, '#,##0.00', '1,234.50'],
    [1234567, '#,##0', '1,234,567'],
    [17, '0"人"', '17人'],
    [13.5, '0.00"万元"', '13.50万元'],
    [2.5, '0.0_ ', '2.5 '],
    [-5, '0.00;[Red]-0.00', '-5.00'],
    [-5, '0.00;(0.00)', '(5.00)'],
    [0, '0.00;-0.00;"—"', '—'],
    [9.47, '#.##', '9.47'],
    [0.5, '#.##', '.5'],
    [0.30000000000000004, 'General', '0.3'],
    [94.72573839662448, 'General', '94.7257383966245'],
    [1e20, 'General', '1e+20'],
    [1234.5, '0.00E+00', '1234.5'],
    [42, '@', '42'],
    [7, '[DBNum1]0', '7'],
    [3, '[>100]0.00;0', '3'],
  ])('%p in %p shows %p', (value, code, shown) => {
    expect(formatNumber(value, code)).toBe(shown);
  });
});

describe('an .xlsx sheet as a grid', () => {
  test('numbers as their formats show them, merges resolved, blank and covered cells empty', async () => {
    const bytes = await xlsx([
      {
        name: '自评表',
        at: 'B2',
        rows: [
          ['2024年度项目支出绩效自评表', _, _, _],
          ['执行率', { v: 0.9473, fmt: '0%' }, { v: 0.9473, fmt: '0.00%' }, { formula: '89.8/94.8', result: 0.947257383966245, fmt: '0.00%' }],
          ['金额', { v: 1234.5, fmt: '#,##0.00' }, { v: 17, fmt: '0"人"' }, 0.1 + 0.2],
        ],
        merges: ['A1:D1'],
      },
    ]);
    const [grid] = gridsOfXlsx(XlsxPackage.open(bytes));
    expect(grid).toMatchObject({ source: 'sheet', name: '自评表', rows: 4, cols: 5, merges: [{ top: 1, left: 1, bottom: 1, right: 4 }] });
    const v = new GridView(grid);
    expect(texts(v)).toEqual([
      ['', '', '', '', ''],
      ['', '2024年度项目支出绩效自评表', '2024年度项目支出绩效自评表', '2024年度项目支出绩效自评表', '2024年度项目支出绩效自评表'],
      ['', '执行率', '95%', '94.73%', '94.73%'],
      ['', '金额', '1,234.50', '17人', '0.3'],
    ]);
    // the stored values stay: 0.9473 behind 95%, the formula's result behind 94.73%
    expect(grid.cells[2][2]).toEqual({ text: '95%', value: 0.9473 });
    expect(grid.cells[2][4]!.value).toBeCloseTo(0.947257383966245, 12);
    expect(grid.cells[1][2]).toBeNull();
    expect(v.name(1, 3)).toBe('自评表!B2');
    expect(v.name(3, 3)).toBe('自评表!D4');
  });

  test('dates show as the form writes them; hidden and empty sheets are not read', async () => {
    const bytes = await xlsx([
      { name: '空表', rows: [] },
      { name: '旧表', rows: [['2023年度项目支出绩效自评表']], state: 'hidden' },
      { name: 'Sheet1', rows: [['填报日期', { v: 45425, fmt: 'yyyy"年"m"月"d"日"' }, { v: 45425, fmt: 'yyyy-mm-dd' }, true]] },
    ]);
    const grids = gridsOfXlsx(XlsxPackage.open(bytes));
    expect(grids.map((g) => g.name)).toEqual(['Sheet1']);
    expect(texts(new GridView(grids[0]))).toEqual([['填报日期', '2024年5月13日', '2024-05-13', 'TRUE']]);
  });

  test('a sheet whose cells reach beyond the limit is cut there and says so', async () => {
    const bytes = await xlsx([{ name: 'S', rows: [['一级指标', '二级指标'], ...Array.from({ length: 60 }, (_r, i) => [`行${i}`, i])] }]);
    const [grid] = gridsOfXlsx(XlsxPackage.open(bytes, { maxAreaCells: 100 }));
    expect(grid.truncated).toBe(true);
    expect(grid.rows * grid.cols).toBeLessThanOrEqual(100);
    expect(grid.rows).toBe(50);
  });
});

describe('the tables of a .docx as grids', () => {
  test('gridSpan and vMerge become merged ranges, paragraphs are joined, a table knows the paragraphs before it', () => {
    const bytes = docx([
      '2024年度项目支出绩效自评表',
      '（单位：万元）',
      {
        rows: [
          ['项目名称', '政务平台运维', _, _],
          ['绩效指标', '一级指标', '二级指标', '三级指标'],
          [_, '产出指标', '数量指标', '接入部门数\n\n共享目录'],
          [_, _, '质量指标', '系统可用率'],
        ],
        merges: ['B1:D1', 'A2:A4', 'B3:B4'],
      },
      '填报人：张三',
      { rows: [['签字', _]] },
    ]);
    const grids = gridsOfDocx(bytes);
    expect(grids.map((g) => [g.name, g.rows, g.cols, g.before])).toEqual([
      ['表1', 4, 4, ['2024年度项目支出绩效自评表', '（单位：万元）']],
      ['表2', 1, 2, ['填报人：张三']],
    ]);
    const v = new GridView(grids[0]);
    expect(grids[0].merges).toEqual([
      { top: 0, left: 1, bottom: 0, right: 3 },
      { top: 1, left: 0, bottom: 3, right: 0 },
      { top: 2, left: 1, bottom: 3, right: 1 },
    ]);
    expect(texts(v)).toEqual([
      ['项目名称', '政务平台运维', '政务平台运维', '政务平台运维'],
      ['绩效指标', '一级指标', '二级指标', '三级指标'],
      ['绩效指标', '产出指标', '数量指标', '接入部门数\n共享目录'],
      ['绩效指标', '产出指标', '质量指标', '系统可用率'],
    ]);
    expect([v.name(3, 1), v.name(0, 3), cellName(grids[0], 2, 3)]).toEqual(['表1!R3C2', '表1!R1C2', '表1!R3C4']);
  });

  /** A document.xml body written by hand, for what the builder does not write. */
  function raw(body: string): Uint8Array {
    return zipSync({
      '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
      '_rels/.rels': strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      'word/document.xml': strToU8(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}</w:body></w:document>`),
    });
  }
  const tc = (text: string, props = '') => `<w:tc><w:tcPr>${props}</w:tcPr><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;

  test('gridBefore, the old hMerge, a nested table (numbered where it starts), deleted text, field codes and fallbacks', () => {
    const nested = `<w:tbl><w:tr>${tc('内1')}${tc('内2')}</w:tr></w:tbl>`;
    const bytes = raw(
      '<w:p><w:r><w:t>标题</w:t></w:r></w:p><w:tbl>' +
        `<w:tr>${tc('A')}${tc('B', '<w:hMerge w:val="restart"/>')}${tc('', '<w:hMerge/>')}</w:tr>` +
        `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('C')}<w:tc><w:p><w:r><w:t>外</w:t><w:delText>删</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>${nested}<w:p><w:r><w:t>后</w:t><w:tab/><w:t>文</w:t></w:r></w:p></w:tc></w:tr>` +
        `<w:tr>${tc('D')}<w:tc><w:p><w:r><mc:AlternateContent><mc:Choice><w:t>图</w:t></mc:Choice><mc:Fallback><w:t>图</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p></w:tc>${tc('E')}</w:tr>` +
        '</w:tbl>',
    );
    const grids = gridsOfDocx(bytes);
    expect(grids.map((g) => g.name)).toEqual(['表1', '表2']);
    expect(texts(new GridView(grids[0]))).toEqual([
      ['A', 'B', 'B'],
      ['', 'C', '外\n后 文'],
      ['D', '图', 'E'],
    ]);
    expect(grids[0].before).toEqual(['标题']);
    expect(texts(new GridView(grids[1]))).toEqual([['内1', '内2']]);
    expect(grids[1].before).toEqual(['外']);
  });

  test('a cell text beyond the limit is cut and the table says so', () => {
    const bytes = docx([{ rows: [['很长'.repeat(50), '短']] }]);
    const [grid] = gridsOfDocx(bytes, { maxTextChars: 30 });
    expect(grid.truncated).toBe(true);
    expect(grid.cells[0][0]!.text).toHaveLength(30);
  });

  test('what is not a .docx is one Chinese line', async () => {
    const wrong = (bytes: Uint8Array) => {
      try {
        gridsOfDocx(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(PackageError);
        return (e as Error).message;
      }
      return 'read';
    };
    expect(wrong(await xlsx([{ name: 'S', rows: [['x']] }]))).toBe('不是有效的 .docx 文件');
    expect(wrong(strToU8('这不是文件'))).toBe('不是有效的 .xlsx 文件');
    expect(wrong(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('文件已加密或为旧版 .doc，请在 Word/WPS 中另存为 .docx');
    expect(wrong(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text') }))).toBe('这是 OpenDocument 文档（.odt），请在 WPS 或 LibreOffice 中另存为 .docx');
    expect(wrong(raw('<w:p/>').slice(0, 60))).toBe('文件已损坏或不完整，不是有效的 .xlsx 文件');
    // a document type declaration is how entity bombs arrive: refused before anything is read
    const doctype = zipSync({
      '_rels/.rels': strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      'word/document.xml': strToU8('<!DOCTYPE w [<!ENTITY a "aaaa">]><w:document xmlns:w="x"><w:body/></w:document>'),
    });
    expect(wrong(doctype)).toBe('文件含有不允许的 XML 声明（DOCTYPE），已拒绝读取');
  });
});
