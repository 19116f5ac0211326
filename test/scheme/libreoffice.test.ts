/**
 * The scheme a workbook carries survives a save in LibreOffice (soffice headless, xlsx → xlsx): the very hidden
 * sheet of text cells comes back verified, and the file made with a regional override, saved by LibreOffice,
 * scores to the override's total in a folder without the override file. The 报送版 likewise.
 * Needs `soffice` (Debian: libreoffice-calc-nogui), which .ci/run installs.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { checkSchemeData } from '../../src/engine';
import { readEmbeddedScheme, XlsxPackage } from '../../src/workbook/package';
import { EXAMPLE, jixiao, ROOT, tempDir } from '../cli/helpers';

const REGIONAL = path.join(ROOT, 'test/cli/fixtures/regional/示例县.json');
let dir: string;
beforeAll(() => {
  dir = tempDir();
  fs.copyFileSync(REGIONAL, path.join(dir, '示例县.json'));
  fs.copyFileSync(EXAMPLE, path.join(dir, 'inputs.json'));
  fs.mkdirSync(path.join(dir, 'away'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The file saved by LibreOffice as .xlsx, into away/ (where no scheme file is). */
function throughLibreOffice(name: string): string {
  const out = path.join(dir, 'lo');
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, name], {
    cwd: dir,
    stdio: 'pipe',
    timeout: 180000,
  });
  const saved = path.join(dir, 'away', `lo-${name}`);
  fs.copyFileSync(path.join(out, name), saved);
  return saved;
}

test('a regional template filled and saved by LibreOffice keeps its scheme, and scores 75.28 良 without the override file', async () => {
  const made = await jixiao(['template', '-o', '已填写.xlsx', '--scheme', '示例县.json', '--inputs', 'inputs.json'], dir);
  expect(made.code).toBe(0);
  const saved = throughLibreOffice('已填写.xlsx');
  const hash = checkSchemeData(JSON.parse(fs.readFileSync(REGIONAL, 'utf8'))).resolved!.hash;
  const pkg = XlsxPackage.open(fs.readFileSync(saved));
  expect(pkg.sheets.find((s) => s.name === 'jixiao_scheme')?.state).toMatch(/^(hidden|veryHidden)$/);
  const embedded = readEmbeddedScheme(pkg)!;
  expect(embedded.problem).toBeUndefined();
  expect(embedded).toMatchObject({ id: 'dept-2013-示例县', version: '2024.1', hash });
  const r = await jixiao(['score', path.basename(saved), '--json'], path.join(dir, 'away'));
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toMatchObject({ scheme: 'dept-2013-示例县', total: 75.28, grade: '良' });
});

test('the 报送版 saved by LibreOffice still carries the scheme', async () => {
  const r = await jixiao(['export', '已填写.xlsx', '-o', '报送.xlsx'], dir);
  expect(r.code).toBe(0);
  const saved = throughLibreOffice('报送.xlsx');
  const again = await jixiao(['score', path.basename(saved), '--json'], path.join(dir, 'away'));
  expect(JSON.parse(again.stdout)).toMatchObject({ scheme: 'dept-2013-示例县', total: 75.28, grade: '良' });
});
