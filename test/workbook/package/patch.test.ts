/**
 * Writing back by patching: the <c> elements written change and nothing else — the cells around them,
 * their styles, the rows, every other part. Cells and rows that do not exist yet are made in order; a
 * formula keeps its text and gets a new cached result; long texts grow their row up to Excel's 409 pt.
 */
import { XlsxPackage, patchPackage } from '../../../src/workbook/package';
import { editParts, miniWorkbook, partsOf, partText } from './helpers';

const sheetOf = (bytes: Uint8Array, n = 1) => partText(bytes, `xl/worksheets/sheet${n}.xml`);
const dataOf = (xml: string) => /<sheetData>([\s\S]*)<\/sheetData>/.exec(xml)?.[1] ?? /<sheetData\/>/.exec(xml)?.[0];

/** The parts whose uncompressed bytes differ between two packages (and those only in one). */
function changedParts(a: Uint8Array, b: Uint8Array): string[] {
  const pa = partsOf(a);
  const pb = partsOf(b);
  const names = new Set([...pa.keys(), ...pb.keys()]);
  return [...names].filter((n) => !pa.has(n) || !pb.has(n) || Buffer.compare(Buffer.from(pa.get(n)!), Buffer.from(pb.get(n)!)) !== 0).sort();
}

const base = () =>
  miniWorkbook({
    sheets: [
      {
        name: 'S',
        before: '<sheetFormatPr defaultRowHeight="15"/><cols><col min="2" max="2" width="10" style="2" customWidth="1"/><col min="3" max="4" width="20" customWidth="1"/></cols>',
        data:
          '<row r="2" spans="2:3" ht="20" customHeight="1"><c r="B2" s="1" t="s"><v>0</v></c><c r="C2" s="1"/></row>' +
          '<row r="4"><c r="A4"><v>1</v></c><c r="D4" s="1"><f>A4*2</f><v>0</v></c></row>' +
          '<row r="6"/>',
        after: '<sheetProtection password="CC3D" sheet="1" objects="1"/><mergeCells count="1"><mergeCell ref="C8:D8"/></mergeCells>',
      },
      { name: 'Other', data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' },
    ],
    strings: ['旧'],
    xfs: [0, 0, 0],
  });

test('values into existing, missing and self-closing cells and rows, in order; styles and neighbours kept', () => {
  const bytes = base();
  const pkg = XlsxPackage.open(bytes);
  const s = pkg.sheet('S')!;
  const out = patchPackage(pkg, {
    writes: [
      {
        sheet: s,
        cells: [
          { row: 2, col: 2, value: 73.28 },
          { row: 2, col: 3, value: '中' },
          { row: 2, col: 5, value: true },
          { row: 2, col: 1, value: 'a < b & "c"' },
          { row: 4, col: 1, value: null },
          { row: 6, col: 2, value: 'x' },
          { row: 3, col: 1, value: new Date(Date.UTC(2024, 2, 15)) },
          { row: 9, col: 3, value: '' },
        ],
      },
    ],
  });
  expect(dataOf(sheetOf(out))).toBe(
    '<row r="2" ht="20" customHeight="1"><c r="A2" t="inlineStr"><is><t xml:space="preserve">a &lt; b &amp; "c"</t></is></c><c r="B2" s="1"><v>73.28</v></c><c r="C2" s="1" t="inlineStr"><is><t xml:space="preserve">中</t></is></c><c r="E2" t="b"><v>1</v></c></row>' +
      '<row r="3"><c r="A3"><v>45366</v></c></row>' +
      '<row r="4"><c r="A4"/><c r="D4" s="1"><f>A4*2</f><v>0</v></c></row>' +
      '<row r="6"><c r="B6" s="2" t="inlineStr"><is><t xml:space="preserve">x</t></is></c></row>' +
      '<row r="9"><c r="C9" t="inlineStr"><is><t xml:space="preserve"></t></is></c></row>',
  );
  // the sheet's other elements, the other sheet and every other part: as they were
  expect(sheetOf(out).replace(/<sheetData>[\s\S]*<\/sheetData>/, '')).toBe(sheetOf(bytes).replace(/<sheetData>[\s\S]*<\/sheetData>/, ''));
  expect(changedParts(bytes, out)).toEqual(['xl/worksheets/sheet1.xml']);
  const back = XlsxPackage.open(out);
  expect(back.readArea(back.sheet('S')!, { top: 2, left: 1, bottom: 3, right: 5 })).toEqual([
    ['a < b & "c"', 73.28, '中', null, true],
    [45366, null, null, null, null],
  ]);
});

test('control characters and literal _x…_ survive a write and a read', () => {
  const pkg = XlsxPackage.open(base());
  const text = 'a\u0001b\u001fc\rd\ne\tf _x0041_ \ud83d\ude00 \ufffe';
  const out = patchPackage(pkg, { writes: [{ sheet: pkg.sheet('S')!, cells: [{ row: 2, col: 3, value: text }] }] });
  expect(sheetOf(out)).toContain('a_x0001_b_x001F_c_x000D_d\ne\tf _x005F_x0041_ 😀 _xFFFE_');
  const back = XlsxPackage.open(out);
  expect(back.readCell(back.sheet('S')!, 2, 3)).toBe(text);
});

test('a text longer than Excel holds in a cell (32,767 characters) is cut to that, never written whole', () => {
  const pkg = XlsxPackage.open(base());
  const out = patchPackage(pkg, { writes: [{ sheet: pkg.sheet('S')!, cells: [{ row: 2, col: 3, value: '评'.repeat(40_000) }] }] });
  const back = XlsxPackage.open(out);
  expect(back.readCell(back.sheet('S')!, 2, 3)).toBe('评'.repeat(32_767));
});

test('a long text grows its row (merged width counted), never above 409 pt, never shrinks it', () => {
  const pkg = XlsxPackage.open(base());
  const height = (text: string, width: number) => Math.ceil(text.length / width) * 14;
  const out = patchPackage(pkg, {
    writes: [
      {
        sheet: pkg.sheet('S')!,
        cells: [
          { row: 2, col: 3, value: 'x'.repeat(100), fit: true },
          { row: 8, col: 3, value: 'y'.repeat(80), fit: true },
          { row: 10, col: 3, value: 'z'.repeat(20_000), fit: true },
          { row: 4, col: 1, value: 'short', fit: true },
        ],
      },
    ],
    rowHeight: height,
  });
  const xml = sheetOf(out);
  expect(/<row r="2"[^>]*>/.exec(xml)![0]).toBe('<row r="2" spans="2:3" ht="70" customHeight="1">');
  expect(/<row r="8"[^>]*>/.exec(xml)![0]).toBe('<row r="8" ht="28" customHeight="1">'); // C8:D8 is 40 wide
  expect(/<row r="10"[^>]*>/.exec(xml)![0]).toBe('<row r="10" ht="409" customHeight="1">');
  expect(/<row r="4"[^>]*>/.exec(xml)![0]).toBe('<row r="4">');
});

test('formula cells get their cached result (shared formulas followed); a value over a formula drops calcChain', () => {
  const bytes = miniWorkbook({
    sheets: [
      {
        name: 'S',
        data:
          '<row r="1"><c r="A1"><f>score_total</f><v>1</v></c><c r="B1" t="str"><f>IF(in_unit="","",in_unit)</f><v>元</v></c></row>' +
          '<row r="2"><c r="M2"><f t="shared" ref="M2:M4" si="0">COUNTA(C2:L2)</f><v>0</v></c></row>' +
          '<row r="3"><c r="M3"><f t="shared" si="0"/><v>0</v></c></row><row r="4"><c r="M4"><f t="shared" si="0"/></c><c r="N4"><f>OTHER()</f><v>9</v></c></row>',
      },
    ],
    extraParts: { 'xl/calcChain.xml': '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A1" i="1"/></calcChain>' },
  });
  const withChain = editParts(bytes, {
    'xl/_rels/workbook.xml.rels': (x) => x.replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'),
    '[Content_Types].xml': (x) => x.replace('</Types>', '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'),
  });
  const seen: string[] = [];
  const results: Record<string, number | string> = { score_total: 73.28, 'COUNTA(C3:L3)': 10, 'COUNTA(C4:L4)': 3, 'IF(in_unit="","",in_unit)': '元' };
  const pkg = XlsxPackage.open(withChain);
  const out = patchPackage(pkg, {
    writes: [],
    formulaResult: (f) => {
      seen.push(f);
      return f in results ? { value: results[f] } : undefined;
    },
  });
  expect(seen).toEqual(['score_total', 'IF(in_unit="","",in_unit)', 'COUNTA(C2:L2)', 'COUNTA(C3:L3)', 'COUNTA(C4:L4)', 'OTHER()']);
  expect(dataOf(sheetOf(out))).toBe(
    '<row r="1"><c r="A1"><f>score_total</f><v>73.28</v></c><c r="B1" t="str"><f>IF(in_unit="","",in_unit)</f><v>元</v></c></row>' +
      '<row r="2"><c r="M2"><f t="shared" ref="M2:M4" si="0">COUNTA(C2:L2)</f><v>0</v></c></row>' +
      '<row r="3"><c r="M3"><f t="shared" si="0"/><v>10</v></c></row><row r="4"><c r="M4"><f t="shared" si="0"/><v>3</v></c><c r="N4"><f>OTHER()</f><v>9</v></c></row>',
  );
  expect(changedParts(withChain, out)).toEqual(['xl/worksheets/sheet1.xml']);

  // the officer's value replacing a formula: Excel's calculation chain would list a formula that is gone
  const p2 = XlsxPackage.open(withChain);
  const out2 = patchPackage(p2, { writes: [{ sheet: p2.sheet('S')!, cells: [{ row: 1, col: 1, value: 5 }] }] });
  expect(changedParts(withChain, out2)).toEqual(['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/calcChain.xml', 'xl/worksheets/sheet1.xml']);
  expect(partsOf(out2).has('xl/calcChain.xml')).toBe(false);
  expect(partText(out2, '[Content_Types].xml')).not.toContain('calcChain');
  expect(partText(out2, 'xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
});

test('a very hidden sheet made where there is none (part, relationship, content type, workbook entry); set very hidden where there is', () => {
  const bytes = base();
  const pkg = XlsxPackage.open(bytes);
  const out = patchPackage(pkg, { writes: [], ensure: [{ name: 'jixiao_sync', state: 'veryHidden', cells: [{ row: 1, col: 1, value: 'jixiao:1/1:{}' }, { row: 2, col: 1, value: null }] }], fullCalcOnLoad: true });
  expect(changedParts(bytes, out)).toEqual(['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet3.xml']);
  expect(partText(out, 'xl/workbook.xml')).toContain('<sheet name="jixiao_sync" sheetId="3" state="veryHidden" r:id="rId5"/></sheets>');
  expect(partText(out, 'xl/workbook.xml')).toContain('<calcPr calcId="191029" fullCalcOnLoad="1"/>');
  expect(partText(out, 'xl/_rels/workbook.xml.rels')).toContain('<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet3.xml"/>');
  expect(partText(out, '[Content_Types].xml')).toContain('<Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>');
  const back = XlsxPackage.open(out);
  expect(back.sheets.map((s) => [s.name, s.state])).toEqual([
    ['S', 'visible'],
    ['Other', 'visible'],
    ['jixiao_sync', 'veryHidden'],
  ]);
  expect(back.readArea(back.sheet('JIXIAO_SYNC')!, { top: 1, left: 1, bottom: 2, right: 1 })).toEqual([['jixiao:1/1:{}'], [null]]);

  // a second write-back finds the sheet and writes into it; a hidden one becomes very hidden again
  const hidden = editParts(out, { 'xl/workbook.xml': (x) => x.replace('state="veryHidden"', 'state="hidden"') });
  const p2 = XlsxPackage.open(hidden);
  const again = patchPackage(p2, { writes: [], ensure: [{ name: 'jixiao_sync', state: 'veryHidden', cells: [{ row: 1, col: 1, value: 'jixiao:1/1:[]' }] }] });
  expect(changedParts(hidden, again)).toEqual(['xl/workbook.xml', 'xl/worksheets/sheet3.xml']);
  expect(XlsxPackage.open(again).sheets[2].state).toBe('veryHidden');
});

test('no calcPr: one is put where the schema wants it; an Open XML SDK workbook (x: prefix, no r: on the root) gets its sheet in its own terms', () => {
  const x = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const r = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const bytes = editParts(miniWorkbook({ sheets: [{ name: 'S', data: '' }], calcPr: '' }), {
    'xl/workbook.xml': `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:x="${x}"><x:sheets><x:sheet name="S" sheetId="1" r:id="rId1" xmlns:r="${r}"/></x:sheets><x:extLst/></x:workbook>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${x}"><x:sheetData/></x:worksheet>`,
  });
  const pkg = XlsxPackage.open(bytes);
  const out = patchPackage(pkg, {
    writes: [{ sheet: pkg.sheet('S')!, cells: [{ row: 3, col: 2, value: 1 }] }],
    ensure: [{ name: 'jixiao_sync', state: 'veryHidden', cells: [{ row: 1, col: 1, value: 'a' }] }],
    fullCalcOnLoad: true,
  });
  expect(partText(out, 'xl/workbook.xml')).toBe(
    `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:x="${x}"><x:sheets><x:sheet name="S" sheetId="1" r:id="rId1" xmlns:r="${r}"/>` +
      `<x:sheet name="jixiao_sync" sheetId="2" state="veryHidden" r:id="rId4" xmlns:r="${r}"/></x:sheets><x:calcPr fullCalcOnLoad="1"/><x:extLst/></x:workbook>`,
  );
  expect(partText(out, 'xl/worksheets/sheet1.xml')).toBe(`<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${x}"><x:sheetData><x:row r="3"><x:c r="B3"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`);
  const back = XlsxPackage.open(out);
  expect(back.readCell(back.sheet('S')!, 3, 2)).toBe(1);
  expect(back.readCell(back.sheet('jixiao_sync')!, 1, 1)).toBe('a');
});
