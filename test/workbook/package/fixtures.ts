/**
 * Officers' files as other programs leave them, built by the tests: LibreOffice's re-save of our template
 * (its protection flags), an Excel-like package (shared formulas, a calculation chain), an Open XML SDK one
 * (x: prefixes), and a workbook holding everything jixiao must keep: a chart, pictures, the officer's own
 * names of every shape, a legacy sheet password, custom document properties, control characters, macros.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { XlsxWorkbook } from '../../../src/workbook/xlsx';
import { editParts, exampleValues, scheme } from './helpers';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Runs LibreOffice headless with a profile of its own in `dir`. */
export function soffice(dir: string, args: string[]): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', ...args], { cwd: dir, stdio: 'pipe', timeout: 180_000 });
}

/** `bytes` re-saved as .xlsx by LibreOffice. */
export function throughLibreOffice(dir: string, bytes: Uint8Array, name = 'in.xlsx'): Uint8Array {
  const src = path.join(dir, name);
  fs.writeFileSync(src, bytes);
  const out = path.join(dir, 'lo-out');
  fs.mkdirSync(out, { recursive: true });
  soffice(dir, ['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, src]);
  return fs.readFileSync(path.join(out, name.replace(/\.\w+$/, '.xlsx')));
}

/** The worked example in our template with the officer's own sheet 备注 and pictures on it and on 基本情况表. */
async function withPictures(): Promise<Uint8Array> {
  const book = await XlsxWorkbook.create();
  await book.insertTemplate(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '万元' });
  book.fillInputs(scheme, exampleValues());
  const wb = book.workbook;
  const notes = wb.addWorksheet('备注');
  notes.getCell('A1').value = '季度';
  notes.getCell('B1').value = 10;
  notes.getCell('B2').value = 20;
  notes.getCell('B3').value = 30;
  notes.getCell('C1').value = { formula: 'SUM(B1:B3)', result: 60 };
  const image = wb.addImage({ buffer: PNG as unknown as ArrayBuffer, extension: 'png' });
  notes.addImage(image, 'E2:F4');
  wb.getWorksheet('基本情况表')!.addImage(image, 'G2:H3');
  return book.toBuffer();
}

const CHART = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>'备注'!$B$1:$B$3</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`;

const CHART_ANCHOR =
  '<xdr:twoCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>5</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>' +
  '<xdr:to><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
  '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="99" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
  '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
  '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdChart1"/>' +
  '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>';

const CUSTOM = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="归档编号"><vt:lpwstr>财评-2024-017</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="密级"><vt:lpwstr>内部</vt:lpwstr></property></Properties>`;

/** The officer's own names: a whole column, a constant, a formula, one scoped to our sheet, one to theirs, a filter range. */
export const OFFICER_NAMES =
  "<definedName name=\"季度数据\">'备注'!$B:$B</definedName>" +
  '<definedName name="税率">0.06</definedName>' +
  "<definedName name=\"合计公式\">SUM('备注'!$B$1:$B$3)</definedName>" +
  "<definedName name=\"本表备注\" localSheetId=\"0\">'基本情况表'!$F$8</definedName>" +
  "<definedName name=\"本表备注\" localSheetId=\"3\">'备注'!$A$1</definedName>" +
  "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"3\" hidden=\"1\">'备注'!$A$1:$C$3</definedName>";

/**
 * Everything jixiao does not own: a chart and pictures, the officer's names, a password in the older form on
 * 基本情况表, custom properties, control characters in a text; with `macros`, a VBA project (an .xlsm).
 */
export async function richFile(options: { macros?: boolean } = {}): Promise<Uint8Array> {
  let bytes = await withPictures();
  const parts = Object.keys((await import('fflate')).unzipSync(bytes));
  const notesDrawing = parts.filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p)).sort()[0];
  const drawingRels = notesDrawing.replace('drawings/', 'drawings/_rels/') + '.rels';
  const edits: Parameters<typeof editParts>[1] = {
    'xl/workbook.xml': (x) => x.replace('</definedNames>', `${OFFICER_NAMES}</definedNames>`),
    'xl/worksheets/sheet1.xml': (x) => x.replace(/<sheetProtection[^>]*\/>/, '<sheetProtection password="CC3D" sheet="1" objects="1" scenarios="1" formatRows="0"/>'),
    'xl/charts/chart1.xml': CHART,
    [notesDrawing]: (x) => x.replace(/<\/xdr:wsDr>$/, `${CHART_ANCHOR}</xdr:wsDr>`),
    [drawingRels]: (x) =>
      x.replace('</Relationships>', '<Relationship Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>'),
    'docProps/custom.xml': CUSTOM,
    '_rels/.rels': (x) =>
      x.replace('</Relationships>', '<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>'),
    '[Content_Types].xml': (x) =>
      x.replace(
        '</Types>',
        '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' +
          '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
      ),
  };
  bytes = editParts(bytes, edits);
  // a text with control characters (Excel's _xHHHH_ escapes) in the officer's sheet
  bytes = editParts(bytes, { 'xl/worksheets/sheet4.xml': (x) => x.replace(/<c r="A1"[^>]*?(\/>|>.*?<\/c>)/, '<c r="A1" t="inlineStr"><is><t>季度_x0001_一_x001F_</t></is></c>') });
  if (options.macros) {
    bytes = editParts(bytes, {
      'xl/vbaProject.bin': new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7919) & 0xff)),
      'xl/_rels/workbook.xml.rels': (x) =>
        x.replace('</Relationships>', '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'),
      '[Content_Types].xml': (x) =>
        x
          .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
          .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
    });
  }
  return bytes;
}

/** The example as Excel lays out repeated formulas: 满意度调查's row formulas shared from M4, and a calcChain. */
export function excelLike(bytes: Uint8Array, surveyPart = 'xl/worksheets/sheet3.xml'): Uint8Array {
  return editParts(bytes, {
    [surveyPart]: (x) =>
      x.replace(/(<c r="M(\d+)"[^>]*>)<f>(IF\(COUNTA\(C\d+:L\d+\)[^<]*)<\/f>/g, (_, open: string, row: string, f: string) =>
        row === '4' ? `${open}<f t="shared" ref="M4:M33" si="0">${f}</f>` : `${open}<f t="shared" si="0"/>`,
      ),
    'xl/calcChain.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      Array.from({ length: 30 }, (_, i) => `<c r="M${i + 4}" i="3"${i ? '' : ''}/>`).join('') +
      '</calcChain>',
    'xl/_rels/workbook.xml.rels': (x) =>
      x.replace('</Relationships>', '<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'),
    '[Content_Types].xml': (x) => x.replace('</Types>', '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'),
  });
}

/** The example as the Open XML SDK writes it: every element of the workbook and its sheets under an x: prefix. */
export function openXmlSdk(bytes: Uint8Array): Uint8Array {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const prefix = (x: string) =>
    x
      .replace(/<(\/?)(?![?!])([A-Za-z][\w]*)(?=[\s/>])/g, '<$1x:$2')
      .replace(` xmlns="${main}"`, ` xmlns:x="${main}"`);
  const edits: Parameters<typeof editParts>[1] = { 'xl/workbook.xml': prefix };
  for (let i = 1; i <= 4; i++) edits[`xl/worksheets/sheet${i}.xml`] = prefix;
  return editParts(bytes, edits);
}
