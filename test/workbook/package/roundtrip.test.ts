/**
 * Writing back keeps what jixiao does not own. Files made by LibreOffice, by Excel-like writers and with a
 * chart, pictures, the officer's names, a legacy password, custom properties, control characters and macros
 * are scored with `jixiao score -o` (and downloaded from the standalone page after typing), then compared
 * part by part with what went in: every part but the cells jixiao owns keeps its bytes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { unzipSync } from 'fflate';
import { evaluate } from '../../../src/engine';
import { formulaKey, outputPlanOf } from '../../../src/workbook/formulaResults';
import { outputValues } from '../../../src/workbook/outputs';
import { XlsxPackage } from '../../../src/workbook/package';
import { readInputsOf, readSyncRecordOf } from '../../../src/workbook/package/workbook';
import { XlsxWorkbook } from '../../../src/workbook/xlsx';
import { jixiao, SPEC_SCORES, tempDir } from '../../cli/helpers';
import { fileOf, MemoryStorage, newSession } from '../../standalone/helpers';
import { formulaCells, nameCell, unownedChanges, type Owned } from './compare';
import { excelLike, openXmlSdk, OFFICER_NAMES, richFile, throughLibreOffice } from './fixtures';
import { exampleFile, partText, scheme } from './helpers';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const OUTPUTS = [...outputValues(scheme, evaluate(scheme, { values: {} })).keys()];
const TEMPLATE_FORMULAS = new Set([...outputPlanOf(scheme).derivations.keys()].map(formulaKey));

/** The cells jixiao owns in a file: its outputs, the template's formulas (shared ones too), the inputs typed; the parts its sync sheet adds. */
function ownedIn(before: Uint8Array, after: Uint8Array, typed: string[] = []): Owned {
  const cells = new Map<string, Set<string>>();
  const add = (part: string, cell: string) => (cells.get(part) ?? cells.set(part, new Set()).get(part)!).add(cell);
  for (const name of [...OUTPUTS, ...typed]) {
    const at = nameCell(before, name);
    if (at) add(at.part, at.cell);
  }
  const partsBefore = Object.keys(unzipSync(before));
  for (const part of partsBefore.filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
    for (const [cell, f] of formulaCells(before, part)) if (f === '' || TEMPLATE_FORMULAS.has(formulaKey(f))) add(part, cell);
  }
  const added = Object.keys(unzipSync(after)).filter((p) => !partsBefore.includes(p));
  return { cells, parts: new Set(['xl/workbook.xml', '[Content_Types].xml', 'xl/_rels/workbook.xml.rels']), added: new Set(added) };
}

/**
 * workbook.xml, the content types and the workbook's relationships changed only by what a write-back adds:
 * fullCalcOnLoad, and the very hidden jixiao_sync sheet (its entry, part, relationship) or its state.
 */
function expectOnlyAppended(before: Uint8Array, after: Uint8Array): void {
  const added = Object.keys(unzipSync(after)).filter((p) => !(p in unzipSync(before)));
  expect(added.every((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))).toBe(true);
  const norm = (x: string) =>
    x
      .replace(/ fullCalcOnLoad="(1|true)"/, '')
      .replace(/<(\w+:)?sheet name="jixiao_sync"[^>]*\/>/, (s) => (added.length ? '' : s.replace(/ state="\w+"/, '')))
      .replace(/<(\w+:)?calcPr\/>/, '');
  expect(norm(partText(after, 'xl/workbook.xml'))).toBe(norm(partText(before, 'xl/workbook.xml')));
  const dropAdded = (x: string) =>
    added.reduce((s, p) => s.replace(new RegExp(`<Override PartName="/${p}"[^>]*/>`), '').replace(new RegExp(`<Relationship [^>]*Target="${p.replace('xl/', '')}"/>`), ''), x);
  expect(dropAdded(partText(after, '[Content_Types].xml'))).toBe(partText(before, '[Content_Types].xml'));
  expect(dropAdded(partText(after, 'xl/_rels/workbook.xml.rels'))).toBe(partText(before, 'xl/_rels/workbook.xml.rels'));
}

/** The 21 scores, total and grade as the package reads them back from a scored file. */
function scoresIn(bytes: Uint8Array) {
  const pkg = XlsxPackage.open(bytes);
  const value = (name: string) => {
    const r = pkg.name(name)!;
    return pkg.readCell(pkg.sheet(r.sheet)!, r.top, r.left);
  };
  return {
    scores: Object.fromEntries(scheme.indicators.map((i) => [i.id, value(scheme.scoreName(i.id))])),
    total: value('score_total'),
    grade: value('score_grade'),
  };
}

async function scoreFile(bytes: Uint8Array, name: string, out: string) {
  fs.writeFileSync(path.join(dir, name), bytes);
  const r = await jixiao(['score', name, '-o', out, '--json'], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).total).toBe(73.28);
  return new Uint8Array(fs.readFileSync(path.join(dir, out)));
}

describe('jixiao score -o', () => {
  test('a workbook with a chart, pictures, the officer’s names, a legacy password, custom properties, control characters and macros (.xlsm)', async () => {
    const before = await richFile({ macros: true });
    const after = await scoreFile(before, '自评.xlsm', '已评分.xlsm');
    expect(unownedChanges(before, after, ownedIn(before, after))).toEqual([]);
    expectOnlyAppended(before, after);

    const parts = unzipSync(after);
    for (const kept of ['xl/vbaProject.bin', 'xl/charts/chart1.xml', 'xl/media/image1.png', 'docProps/custom.xml', 'xl/drawings/drawing1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']) {
      expect([kept, Buffer.compare(Buffer.from(parts[kept]), Buffer.from(unzipSync(before)[kept]))]).toEqual([kept, 0]);
    }
    expect(partText(after, '[Content_Types].xml')).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    expect(partText(after, 'xl/workbook.xml')).toContain(OFFICER_NAMES);
    expect(partText(after, 'xl/worksheets/sheet1.xml')).toContain('<sheetProtection password="CC3D" sheet="1" objects="1" scenarios="1" formatRows="0"/>');
    expect(partText(after, 'xl/worksheets/sheet4.xml')).toContain('<is><t>季度_x0001_一_x001F_</t></is>');

    const { scores, total, grade } = scoresIn(after);
    expect(scores).toEqual(SPEC_SCORES);
    expect([total, grade]).toEqual([73.28, '中']);
    const pkg = XlsxPackage.open(after);
    expect(pkg.sheets.map((s) => [s.name, s.state])).toEqual([
      ['基本情况表', 'visible'],
      ['评分表', 'visible'],
      ['满意度调查', 'visible'],
      ['jixiao_out', 'veryHidden'],
      ['jixiao_scheme', 'veryHidden'],
      ['备注', 'visible'],
      ['jixiao_sync', 'veryHidden'],
    ]);
    // scored here, the file is in sync: the record holds what was read
    expect(readSyncRecordOf(pkg)!.values.in_staff_quota).toBe('20');
    expect(pkg.name('本表备注', '基本情况表')).toMatchObject({ scope: '基本情况表', left: 6, top: 8 });
    expect(pkg.name('季度数据')).toMatchObject({ sheet: '备注', left: 2, right: 2, top: 1, bottom: 1048576 });

    // LibreOffice opens what was written: the scores, the picture and the chart are there
    const again = throughLibreOffice(dir, after, 'rich-scored.xlsm');
    expect(scoresIn(again)).toEqual({ scores: SPEC_SCORES, total: 73.28, grade: '中' });
    expect(Object.keys(unzipSync(again)).filter((p) => /^xl\/(charts\/chart|media\/)/.test(p)).length).toBeGreaterThanOrEqual(2);
  });

  test('LibreOffice’s re-save of the protected template: its protection flags and unlocked inputs kept; LibreOffice reads the result', async () => {
    const before = throughLibreOffice(dir, await exampleFile(), 'lo.xlsx');
    expect(partText(before, 'xl/worksheets/sheet1.xml')).toMatch(/<sheetProtection sheet="true"[^>]*\/>/);
    const after = await scoreFile(before, 'lo.xlsx', 'lo-scored.xlsx');
    expect(unownedChanges(before, after, ownedIn(before, after))).toEqual([]);
    expectOnlyAppended(before, after);

    // the input cells still point at an unlocked style, under the same protection element
    const sheet = partText(after, 'xl/worksheets/sheet1.xml');
    expect(/<sheetProtection[^>]*\/>/.exec(sheet)![0]).toBe(/<sheetProtection[^>]*\/>/.exec(partText(before, 'xl/worksheets/sheet1.xml'))![0]);
    const at = nameCell(after, 'in_staff_quota')!;
    const s = Number(new RegExp(`<c r="${at.cell}" s="(\\d+)"`).exec(sheet)![1]);
    const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(partText(after, 'xl/styles.xml'))![1].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;
    expect(xfs[s]).toMatch(/<protection locked="false"/);

    // LibreOffice opens what was written and shows the scores
    const again = throughLibreOffice(dir, after, 'lo-scored.xlsx');
    expect(scoresIn(again)).toEqual({ scores: SPEC_SCORES, total: 73.28, grade: '中' });
  });

  test('an Excel-like package: shared formulas get their results, the calculation chain stays', async () => {
    const plain = await exampleFile();
    const before = excelLike(plain);
    const after = await scoreFile(before, 'excel.xlsx', 'excel-scored.xlsx');
    expect(unownedChanges(before, after, ownedIn(before, after))).toEqual([]);
    expectOnlyAppended(before, after);
    expect(partText(after, 'xl/calcChain.xml')).toBe(partText(before, 'xl/calcChain.xml'));

    // each questionnaire's points as exceljs caches them in the same file
    const book = await XlsxWorkbook.fromBuffer(plain);
    const inputs = await book.readInputs(scheme);
    await book.writeOutputs(scheme, evaluate(scheme, inputs));
    const ws = book.workbook.getWorksheet('满意度调查')!;
    const theirs = Array.from({ length: 30 }, (_, i) => (ws.getCell(`M${i + 4}`).value as { result?: unknown }).result ?? null);
    const pkg = XlsxPackage.open(after);
    const ours = pkg.readArea(pkg.sheet('满意度调查')!, { top: 4, left: 13, bottom: 33, right: 13 }).map((r) => r[0] ?? '');
    expect(ours).toEqual(theirs.map((v) => v ?? ''));
    expect(ours.slice(0, 3)).toEqual([50, 50, 50]);
  });

  test('an Open XML SDK package (x: prefixes): read, scored and written in its own terms', async () => {
    const before = openXmlSdk(await exampleFile());
    expect(partText(before, 'xl/workbook.xml')).toContain('<x:definedName name="in_staff_quota">');
    const after = await scoreFile(before, 'sdk.xlsx', 'sdk-scored.xlsx');
    expect(unownedChanges(before, after, ownedIn(before, after))).toEqual([]);
    expectOnlyAppended(before, after);
    expect(partText(after, 'xl/workbook.xml')).toMatch(/<x:sheet name="jixiao_sync" sheetId="6" state="veryHidden" r:id="rId\d+"\/><\/x:sheets>/);
    expect(scoresIn(after)).toEqual({ scores: SPEC_SCORES, total: 73.28, grade: '中' });
  });
});

describe('the standalone page’s 下载工作簿', () => {
  test('typed inputs and scores patched into the officer’s file (LibreOffice-made, with a chart, names and macros); nothing else changes', async () => {
    for (const [name, before] of [
      ['自评.xlsm', await richFile({ macros: true })],
      ['lo.xlsx', throughLibreOffice(dir, await exampleFile(), 'lo2.xlsx')],
    ] as const) {
      const saved: { bytes: Uint8Array; fileName: string }[] = [];
      const session = newSession(new MemoryStorage(), { saved });
      expect(await session.open(fileOf(before, name))).toBe(scheme);
      session.setInput('in_staff_actual', '20');
      session.setInput('in_survey_answers', [['满意', '满意', '满意', '满意', '满意', '满意', '满意', '满意', '满意', '满意']]);
      await session.settle();
      const { bytes: after, fileName } = await session.download();
      expect(fileName).toBe(name);
      expect([name, unownedChanges(before, after, typedOwned(before, after))]).toEqual([name, []]);
      expectOnlyAppended(before, after);
      const pkg = XlsxPackage.open(after);
      const read = readInputsOf(pkg, scheme.inputs);
      expect(read.values.in_staff_actual).toBe(20);
      expect((read.values.in_survey_answers as unknown[][])[0]).toEqual(Array(10).fill('满意'));
      expect((read.values.in_survey_answers as unknown[][])[1]).toEqual(Array(10).fill(null));
      const e = evaluate(scheme, read);
      const scored = scoresIn(after);
      expect(scored.total).toBe(e.total.toNumber());
      expect(readSyncRecordOf(pkg)!.values.in_staff_actual).toBe('20');
    }
  });
});

/** Owned cells when the page also wrote the staff count and the whole answer grid. */
function typedOwned(before: Uint8Array, after: Uint8Array): Owned {
  const owned = ownedIn(before, after, ['in_staff_actual']);
  const grid = nameCell(before, 'in_survey_answers')!;
  const cells = owned.cells.get(grid.part) ?? owned.cells.set(grid.part, new Set()).get(grid.part)!;
  for (let r = 4; r <= 33; r++) for (const c of 'CDEFGHIJKL') cells.add(`${c}${r}`);
  return owned;
}
