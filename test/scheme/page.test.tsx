/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The standalone page and the scheme a bureau mailed: opened, checked, kept (it survives a reload: the same store
// read again), offered for a new template, removable; a broken file shown with its reason and not kept; a workbook
// made with a regional scheme opened on a page that does not have it is scored by the scheme it carries.
// IndexedDB: fake-indexeddb is not installed, so the kept files go to the in-memory store behind the same
// interface (KeptSchemeStore); the IndexedDB store itself is not exercised here.
import '@testing-library/jest-dom';
import * as fs from 'fs';
import * as path from 'path';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { checkSchemeData } from '../../src/engine';
import { filledTemplateBytes } from '../../src/cli/files';
import { FileSession } from '../../src/workbook/browser/fileSession';
import { memorySchemeStore, type KeptSchemeStore } from '../../src/taskpane/keptSchemes';
import { useSchemeCatalog, type SchemeCatalog } from '../../src/taskpane/schemeCatalog';
import { SchemeFileButton } from '../../src/taskpane/SchemeFileButton';
import { StandaloneApp } from '../../src/taskpane/standalone/StandaloneApp';
import { exampleValues, fileOf, MemoryStorage, newSession } from '../standalone/helpers';

const FIXTURES = path.join(__dirname, '../cli/fixtures/regional');
const REGIONAL = fs.readFileSync(path.join(FIXTURES, '示例县.json'), 'utf8');
const BROKEN = fs.readFileSync(path.join(FIXTURES, '有误.json'), 'utf8');
const WAIT = { timeout: 8000 };
const jsonFile = (text: string, name: string) => new File([text], name, { type: 'application/json' });

let latest: SchemeCatalog | null = null;
function Harness({ store }: { store: KeptSchemeStore }) {
  const catalog = useSchemeCatalog({ store, folder: null });
  latest = catalog;
  return <SchemeFileButton catalog={catalog} />;
}

test('opened, kept across a reload, removable; a broken file shown with its reason and not kept', async () => {
  const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
  const store = memorySchemeStore();
  const first = render(<Harness store={store} />);
  await waitFor(() => expect(latest!.loading).toBe(false));

  await user.upload(screen.getByTestId('open-scheme'), jsonFile(BROKEN, '有误.json'));
  await waitFor(() => expect(screen.getByTestId('scheme-notice')).toHaveTextContent(/^“有误\.json”不能使用：有\d+处问题：/), WAIT);
  expect(screen.getByTestId('scheme-notice')).toHaveTextContent('weights.spend_progres');
  expect(await store.list()).toEqual([]);

  await user.upload(screen.getByTestId('open-scheme'), jsonFile(REGIONAL, '示例县.json'));
  await waitFor(() => expect(screen.getByTestId('scheme-notice')).toHaveTextContent('已添加评分方案“示例县部门整体支出绩效评价指标评分表”（编号 dept-2013-示例县，版本 2024.1）'), WAIT);
  expect((await store.list()).map((k) => k.name)).toEqual(['示例县.json']);
  expect(within(screen.getByTestId('scheme-list')).getByTestId('scheme-valid')).toHaveTextContent('示例县部门整体支出绩效评价指标评分表（dept-2013-示例县，版本 2024.1） · 已打开的文件');
  first.unmount();

  // a reload: the page reads the store again
  latest = null;
  render(<Harness store={store} />);
  await waitFor(() => expect(latest?.loading).toBe(false));
  const entry = latest!.entries.find((e) => e.source === 'file')!;
  expect(entry).toMatchObject({ id: 'dept-2013-示例县', hash: checkSchemeData(JSON.parse(REGIONAL)).resolved!.hash });
  expect(entry.scheme!.grades.map((g) => [g.grade, g.min])).toEqual([
    ['优', 85],
    ['良', 75],
    ['中', 60],
    ['差', 0],
  ]);
  await user.click(screen.getByRole('button', { name: '移除 示例县部门整体支出绩效评价指标评分表' }));
  await waitFor(() => expect(screen.queryByTestId('scheme-list')).toBeNull());
  expect(await store.list()).toEqual([]);
});

test('the standalone page offers an opened scheme for a new template; the template carries it and scores by it', async () => {
  const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
  const session = new FileSession({ debounceMs: 20, save: () => undefined });
  render(<StandaloneApp session={session} theme="light" />);
  await waitFor(() => expect(screen.getByTestId('insert-template')).toBeInTheDocument(), WAIT);
  // the shipped schemes to choose from
  expect([...(screen.getByRole('combobox') as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
    expect.stringContaining('部门整体支出绩效评价指标评分表'),
    expect.stringContaining('项目支出绩效自评表'),
    expect.stringContaining('部门整体支出绩效自评表'),
  ]);
  await user.upload(await screen.findByTestId('open-scheme'), jsonFile(REGIONAL, '示例县.json'));
  await waitFor(() => expect(screen.getByTestId('scheme-notice')).toHaveTextContent('已添加评分方案'), WAIT);
  const select = (await screen.findByRole('combobox')) as HTMLSelectElement;
  await waitFor(() => expect(select.options).toHaveLength(4), WAIT);
  const regional = [...select.options].find((o) => o.textContent?.includes('示例县部门整体支出绩效评价指标评分表'))!;
  expect(regional).toBeDefined();
  await user.selectOptions(select, regional);
  const form = within(screen.getByTestId('new-template'));
  await user.type(form.getByLabelText(/部门（单位）名称/), '示例县政务服务中心');
  const year = form.getByLabelText(/评价年度/);
  await user.clear(year);
  await user.type(year, '2024');
  await user.click(screen.getByTestId('insert-template'));
  await waitFor(() => expect(screen.getByTestId('total-score')).toBeInTheDocument(), WAIT);
  await waitFor(() => expect(session.getSnapshot().scheme?.id).toBe('dept-2013-示例县'), WAIT);
  const file = await session.workbookFile();
  const { XlsxPackage, readEmbeddedScheme } = await import('../../src/workbook/package');
  expect(readEmbeddedScheme(XlsxPackage.open(file.bytes))?.id).toBe('dept-2013-示例县');
});

test('a workbook made with a regional scheme, opened on a page without it: scored by the scheme it carries', async () => {
  const regional = checkSchemeData(JSON.parse(REGIONAL)).resolved!;
  const { bytes } = await filledTemplateBytes(regional.scheme, [exampleValues()], { dept: '示例县政务服务中心', year: 2024, unit: '万元' });
  const session = new FileSession({ debounceMs: 20, save: () => undefined });
  const scheme = await session.open(fileOf(bytes, '示例县.xlsx'));
  expect(scheme?.id).toBe('dept-2013-示例县');
  const result = await session.recompute('open');
  expect(result.evaluation.total.toNumber()).toBe(75.28);
  expect(result.evaluation.grade).toBe('良');
});

test('what was typed in a regional workbook survives a reload on a page that does not have its scheme', async () => {
  const regional = checkSchemeData(JSON.parse(REGIONAL)).resolved!;
  const { bytes } = await filledTemplateBytes(regional.scheme, [exampleValues()], { dept: '示例县政务服务中心', year: 2024, unit: '万元' });
  const storage = new MemoryStorage();
  // the file's bytes not kept: the reload rebuilds the workbook from the scheme the draft carries
  const noBytes = { get: async () => null, put: async () => undefined, delete: async () => undefined };
  const first = newSession(storage, { bytes: noBytes });
  expect((await first.open(fileOf(bytes, '示例县.xlsx')))?.id).toBe('dept-2013-示例县');
  first.setInput('in_staff_actual', '18');
  await first.settle();

  const second = newSession(storage, { bytes: noBytes });
  expect((await second.detect())?.id).toBe('dept-2013-示例县');
  expect(second.getSnapshot().values.in_staff_actual).toBe('18');
  const r = await second.recompute('open');
  expect(r.evaluation.scheme).toBe('dept-2013-示例县');
  expect(r.evaluation.indicators.find((i) => i.id === 'staff_control')!.text).toContain('18');
});
