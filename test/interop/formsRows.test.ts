/**
 * A project workbook in LibreOffice Calc, driven headless through Python-UNO (lo_rows.py) as an officer works:
 * rows inserted and deleted inside the indicator table with the menu commands on the protected sheet, a row
 * typed into, a locked row refused; saved as .xlsx, the file is read, scored and written back, and LibreOffice's
 * own calculation of 项目自评汇总 matches what the product cached. Needs soffice and python3-uno (.ci/run).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { plain } from '../../src/engine';
import { FormsFile } from '../../src/workbook/forms';
import { addFormToFile } from '../../src/workbook/forms/add';
import { filledTemplateFile } from '../../src/workbook/forms/template';
import { project, projectExample } from '../workbook/formsHelpers';

const SCRIPT = path.join(__dirname, 'lo_rows.py');
let dir: string;
let python: string;

/** A Python that has LibreOffice's uno module (Debian's python3-uno installs it for /usr/bin/python3). */
function unoPython(): string {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['-c', 'import uno'], { stdio: 'pipe' });
      return candidate;
    } catch {
      // next
    }
  }
  throw new Error('no Python with the uno module: apt-get install python3-uno (.ci/run does)');
}

type Step = { sheet: string; op: 'insertBefore' | 'insertAfter' | 'delete' | 'type' | 'read'; row?: number; col?: number; text?: string; range?: string };
type Report = { op: string; before?: number; after?: number; protected?: boolean; values?: unknown[][] }[];

/** Runs the steps in LibreOffice on `bytes`; the saved file and what each step did. */
function inLibreOffice(bytes: Uint8Array, steps: Step[], name: string): { bytes: Uint8Array; report: Report } {
  const src = path.join(dir, `${name}.xlsx`);
  const dst = path.join(dir, `${name}-lo.xlsx`);
  const stepsFile = path.join(dir, `${name}.json`);
  fs.writeFileSync(src, bytes);
  fs.writeFileSync(stepsFile, JSON.stringify(steps));
  const out = execFileSync(python, [SCRIPT, src, dst, stepsFile, path.join(dir, 'profile')], { encoding: 'utf8', timeout: 180000, stdio: ['ignore', 'pipe', 'pipe'] });
  return { bytes: fs.readFileSync(dst), report: JSON.parse(out.trim().split('\n').pop()!) as Report };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-lo-rows-'));
  python = unoPython();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('rows inserted and deleted inside the table in LibreOffice: the names follow, the file scores 92.96 优', async () => {
  const { bytes } = await filledTemplateFile(project, [projectExample()], { year: 2024 });
  const sheet = '政务数据共享平台运维';
  // the table: rows 16–28 (nine indicators, four spare); r3 系统可用率 on row 18, r6 on row 21
  const { bytes: saved, report } = inLibreOffice(
    bytes,
    [
      { sheet, op: 'insertBefore', row: 18 },
      { sheet, op: 'type', row: 18, col: 3, text: '其中：新增接入的区直部门' },
      { sheet, op: 'insertAfter', row: 22 },
      { sheet, op: 'delete', row: 29 },
      // a locked row above the table: refused on the protected sheet
      { sheet, op: 'delete', row: 7 },
      { sheet, op: 'type', row: 23, col: 3, text: '指标2：' },
    ],
    'rows',
  );
  expect(report.map((r) => r.after! - r.before!)).toEqual([1, 0, 1, -1, 0, 0]);
  expect(report.every((r) => r.protected)).toBe(true);

  const file = FormsFile.open(saved);
  expect(file.detect([project])?.id).toBe('project-2020');
  const [form] = file.score(project);
  expect(form.problems).toEqual([]);
  // the table grew by two and shrank by one: 14 rows, 16–29, and its row outputs with it
  const ranges = ['in_indicators', 'score_rows', 'text_rows'].map((n) => file.pkg.name(n, sheet)!);
  expect(ranges.map((r) => [r.top, r.bottom])).toEqual([
    [16, 29],
    [16, 29],
    [16, 29],
  ]);
  expect(ranges.map((r) => r.scope)).toEqual([sheet, sheet, sheet]);
  expect((form.values.in_indicators as unknown[][])[2][2]).toBe('其中：新增接入的区直部门');
  expect([plain(form.evaluation.total), form.evaluation.grade]).toEqual(['92.96', '优']);
  expect(form.evaluation.indicators.map((i) => [i.name, i.row])).toEqual([
    ['接入部门数', 0],
    ['共享数据目录', 1],
    ['系统可用率', 3],
    ['故障响应时间', 4],
    ['运维成本', 5],
    ['政务服务网办率提升', 6],
    ['企业办事成本降低', 8],
    ['平台持续稳定运行', 9],
    ['服务对象满意度', 10],
  ]);

  // written back: each score and text on its row, the detail line and the placeholder said so, the spare rows blank
  const written = FormsFile.open(file.write(project, [form], { syncAt: new Date() }));
  const at = written.pkg.sheet(sheet)!;
  const column = (name: string) => written.pkg.readArea(at, written.pkg.name(name, sheet)!).map((r) => r[0]);
  expect(column('score_rows')).toEqual([15, 10, null, 9.97, 3.75, 10, 7, null, 8, 10, 10, null, null, null]);
  const texts = column('text_rows');
  expect(texts[2]).toBe('其中项，不单独计分');
  // the row typed “指标2：” and nothing else is a placeholder: no score, no text
  expect(texts[7]).toBeNull();
  expect(texts[3]).toBe('完成值99.2%，未达到指标值≥99.5%，按完成比例计分：99.2/99.5×10=9.97分');
  expect(written.pkg.readCell(written.pkg.sheet('jixiao_out')!, 5, 2)).toBe(92.96);
});

test('a project added to a workbook: LibreOffice opens it and its own calculation of 项目自评汇总 is what was cached', async () => {
  const { bytes } = await filledTemplateFile(project, [projectExample(), projectExample({ in_project_name: '政务外网运维', in_fund_spent: 120 })]);
  const added = await addFormToFile(bytes, project, { values: projectExample({ in_project_name: '新建机房', in_fund_full: 200, in_fund_spent: 150 }) });
  const cached = FormsFile.open(added.bytes);
  const summary = cached.pkg.sheet('项目自评汇总')!;
  const before = cached.pkg.readArea(summary, { top: 4, left: 1, bottom: 7, right: 7 });
  expect(before.map((r) => r[1])).toEqual(['政务数据共享平台运维', '政务外网运维', '新建机房', null]);
  expect(before[3][0]).toBe('合计');

  const { report, bytes: saved } = inLibreOffice(added.bytes, [{ sheet: '项目自评汇总', op: 'read', range: 'A4:G7' }], 'added');
  const computed = report[0].values!.map((r) => r.map((v) => (v === '' ? null : v)));
  expect(computed).toEqual(before.map((r) => r.map((v) => (v === '' ? null : v))));
  expect(computed[2]).toEqual([3, '新建机房', 200, 150, 75, 91.22, '优']);
  // and the file LibreOffice saved still holds three projects with their own names
  const back = FormsFile.open(saved).score(project);
  expect(back.map((f) => [f.sheet, plain(f.evaluation.total)])).toEqual([
    ['政务数据共享平台运维', '92.96'],
    ['政务外网运维', '91.72'],
    ['新建机房', '91.22'],
  ]);
});
