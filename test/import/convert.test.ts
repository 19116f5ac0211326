/**
 * Hand-made forms in the formats only LibreOffice reads: a WPS spreadsheet (.et, the binary .xls format), a WPS
 * document (.wps, the binary .doc format) and an OpenDocument spreadsheet, converted headless and checked — with
 * the same findings as the .xlsx/.docx they were made from; the .xlsx LibreOffice writes is itself read as WPS and
 * LibreOffice users' files are. Needs `soffice` (.ci/run installs it).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NO_SOFFICE_CONVERT, conversionOf, convertWithLibreOffice } from '../../src/cli/convert';
import { CliError } from '../../src/cli/io';
import { handmadeOf, type HandmadeReport } from '../../src/import';
import { docx, xlsx } from './build';
import * as F from './forms';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-handmade-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The file LibreOffice saves from `file` in `format` (what an officer's WPS or LibreOffice would have written). */
function saveAs(file: string, format: string): Buffer {
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', format, '--outdir', path.join(dir, format), path.join(dir, file)], { stdio: 'pipe', timeout: 120000 });
  return fs.readFileSync(path.join(dir, format, file.replace(/\.\w+$/, `.${format}`)));
}

const findings = (r: HandmadeReport) => r.forms.map((f) => [f.scheme, f.total, f.grade, f.shown, f.issues.map((i) => [i.code, i.message, i.cells])]);

test('which files go through LibreOffice, and to what', () => {
  expect(['a.xls', 'a.ET', 'a.ods', 'a.doc', 'a.wps', 'a.odt', 'a.xlsx', 'a.docx', 'a.pdf'].map(conversionOf)).toEqual(['xlsx', 'xlsx', 'xlsx', 'docx', 'docx', 'docx', null, null, null]);
});

test('a WPS spreadsheet (.et) and an .ods are converted and give the findings of the workbook they were saved from', async () => {
  const t = F.sichuanProject({ slips: true });
  const original = await xlsx([{ name: '项目自评', rows: t.rows, merges: t.merges }]);
  fs.writeFileSync(path.join(dir, 'project.xlsx'), original);
  const expected = findings(handmadeOf(original, 'project.xlsx'));
  expect(expected[0][4]).toHaveLength(5);

  const et = await convertWithLibreOffice('项目自评表.et', saveAs('project.xlsx', 'xls'));
  expect(et.kind).toBe('xlsx');
  // (this .xlsx is LibreOffice's own writing: shared strings, styles and merges as it stores them)
  expect(findings(handmadeOf(et.bytes, 'converted.xlsx'))).toEqual(expected);

  const ods = await convertWithLibreOffice('项目自评表.ods', saveAs('project.xlsx', 'ods'));
  expect(findings(handmadeOf(ods.bytes, 'converted.xlsx'))).toEqual(expected);
});

test('a WPS document (.wps) holding the forms is converted and gives the findings of the .docx it was saved from', async () => {
  const original = docx([F.CLJ_DEPT_TITLE, F.CLJ_DEPT, F.CLJ_PROJECT_TITLE, F.CLJ_PROJECT]);
  fs.writeFileSync(path.join(dir, 'report.docx'), original);
  const wps = await convertWithLibreOffice('自评报告.wps', saveAs('report.docx', 'doc'));
  expect(wps.kind).toBe('docx');
  const converted = handmadeOf(wps.bytes, 'converted.docx');
  expect(findings(converted)).toEqual(findings(handmadeOf(original, 'report.docx')));
  expect(converted.forms.map((f) => f.total)).toEqual([79.47, 85]);
});

test('without LibreOffice, one line says what to do; a format it does not take is named', async () => {
  const missing = convertWithLibreOffice('a.xls', new Uint8Array([1, 2, 3]), { JIXIAO_SOFFICE: path.join(dir, 'no-such-soffice') });
  await expect(missing).rejects.toThrow(CliError);
  await expect(missing).rejects.toThrow(NO_SOFFICE_CONVERT);
  expect(NO_SOFFICE_CONVERT).not.toMatch(/\n/);
  await expect(convertWithLibreOffice('a.pdf', new Uint8Array([1]))).rejects.toThrow('无法读取“a.pdf”：不支持 .pdf 文件');
});
