/**
 * A workbook whose project sheet the standalone page laid out again for more rows than its table held, opened and
 * saved by LibreOffice (soffice --convert-to xlsx): the file is sound for another application — every row, every
 * input and the names are still there, and it scores as the page scored it. Needs soffice (.ci/run installs it).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { getScheme, type RawValue } from '../../src/engine';
import { FormsFile } from '../../src/workbook/forms';
import { MemoryStorage, newSession } from './helpers';

const project = getScheme('project-2020');
const table = project.table('in_indicators');

let dir: string;
beforeAll(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-grown-lo-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a sheet grown to 35 rows, saved again by LibreOffice, reads and scores the same', async () => {
  const session = newSession(new MemoryStorage(), { schemes: [project] });
  await session.insertTemplate(project, { dept: '示例县数据局', year: 2024, unit: '万元', sheets: [], projects: 2 }, () => undefined);
  const sheet = session.getSnapshot().forms[1].sheet;
  const rows = Array.from({ length: 35 }, (_, i) =>
    table.fields.map((f) =>
      ({ level1: i === 0 ? '产出指标' : '', level2: i === 0 ? '数量指标' : '', name: `指标${i + 1}`, sense: '≥', target: '10', unit: '个', actual: i % 2 ? '9' : '10', weight: '2' })[f.name] ?? '',
    ),
  );
  session.setInput('in_project_name', '乙项目', sheet);
  session.setInput('in_fund_full', '100', sheet);
  session.setInput('in_fund_spent', '95', sheet);
  session.setInput('in_filler', '张三', sheet);
  session.setInput('in_indicators', rows, sheet);
  const [, scored] = (await session.current()).forms;
  const { bytes } = await session.workbookFile();

  const src = path.join(dir, 'grown.xlsx');
  fs.writeFileSync(src, bytes);
  const out = path.join(dir, 'out');
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--convert-to', 'xlsx', '--outdir', out, src], {
    stdio: 'pipe',
    timeout: 180_000,
  });
  const file = FormsFile.open(fs.readFileSync(path.join(out, 'grown.xlsx')));
  expect(file.detect([project])?.id).toBe('project-2020');
  const forms = file.score(project);
  expect(forms.map((f) => f.sheet)).toEqual(session.getSnapshot().forms.map((f) => f.sheet));
  const back = forms[1];
  expect(back.problems).toEqual([]);
  expect(back.values).toMatchObject({ in_project_name: '乙项目', in_fund_full: 100, in_fund_spent: 95, in_filler: '张三', in_dept_name: '示例县数据局' });
  const read = back.values.in_indicators as RawValue[][];
  expect(read.slice(0, 35).map((r) => r[2])).toEqual(rows.map((r) => r[2]));
  expect(back.evaluation.total.toFixed(2)).toBe(scored.evaluation.total.toFixed(2));
}, 240_000);
