/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from '../../src/taskpane/App';
import { describeError } from '../../src/taskpane/errors';
import { officeThemeKind } from '../../src/taskpane/theme';
import { FakeSession } from './fakeSession';

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

test('an unsupported host gets a friendly message and the session is never used', () => {
  const session = new FakeSession();
  render(<App session={session} unsupported="ExcelApi 1.12" theme="light" />);
  const box = screen.getByTestId('unsupported');
  expect(box).toHaveTextContent('此版本的 Excel 无法运行本加载项');
  expect(box).toHaveTextContent('缺少的功能：ExcelApi 1.12');
  expect(session.detect).not.toHaveBeenCalled();
  expect(screen.queryByTestId('sync')).not.toBeInTheDocument();
});

test('an unsupported message that is already a Chinese explanation is shown as it is', () => {
  const why = '当前 Excel 版本过旧（不支持 ExcelApi 1.4），无法使用本加载项。';
  render(<App unsupported={why} theme="light" />);
  const box = screen.getByTestId('unsupported');
  expect(box).toHaveTextContent('无法使用本加载项');
  expect(box).toHaveTextContent(why);
  expect(box).not.toHaveTextContent('缺少的功能');
});

test('without a session the pane says how to open it', () => {
  render(<App theme="light" />);
  expect(screen.getByText(/未连接到工作簿/)).toBeInTheDocument();
});

test('shows a spinner while reading the workbook', async () => {
  const session = new FakeSession();
  render(<App session={session} theme="light" />);
  expect(screen.getByText('正在读取工作簿…')).toBeInTheDocument();
  await screen.findByTestId('total-score');
  expect(screen.queryByText('正在读取工作簿…')).not.toBeInTheDocument();
});

test('the theme prop picks Fluent light or dark', async () => {
  const { unmount } = render(<App theme="dark" />);
  expect(document.querySelector('.fui-FluentProvider')).toHaveAttribute('data-theme', 'dark');
  unmount();
  render(<App theme="light" />);
  expect(document.querySelector('.fui-FluentProvider')).toHaveAttribute('data-theme', 'light');
});

test('without a theme prop the Office theme is followed', () => {
  (globalThis as { Office?: unknown }).Office = { context: { officeTheme: { bodyBackgroundColor: '#262626' } } };
  render(<App />);
  expect(document.querySelector('.fui-FluentProvider')).toHaveAttribute('data-theme', 'dark');
});

test('officeThemeKind reads isDarkTheme, else the background luminance; undefined outside Office', () => {
  const set = (officeTheme: unknown) => ((globalThis as { Office?: unknown }).Office = { context: { officeTheme } });
  expect(officeThemeKind()).toBeUndefined();
  set({ isDarkTheme: true, bodyBackgroundColor: '#ffffff' });
  expect(officeThemeKind()).toBe('dark');
  set({ bodyBackgroundColor: '#444444' });
  expect(officeThemeKind()).toBe('dark');
  set({ bodyBackgroundColor: '#F3F3F3' });
  expect(officeThemeKind()).toBe('light');
  set(undefined);
  expect(officeThemeKind()).toBeUndefined();
});

test('describeError never passes on English text or a stack', () => {
  expect(describeError('sync', new Error('Wrong number of arguments'))).toBe('同步失败：发生了意外错误，请重试；如仍失败，请关闭并重新打开任务窗格。');
  expect(describeError('insert', 'boom')).toMatch(/^插入模板失败：发生了意外错误/);
  expect(describeError('insert', undefined)).toMatch(/^插入模板失败：发生了意外错误/);
  expect(describeError('detect', new Error('Error: 找不到工作表\n  at x (y.js:1)'))).toBe('读取工作簿失败：找不到工作表');
  expect(describeError('sync', { code: 'ItemNotFound', message: 'The requested resource does not exist.' })).toBe(
    '同步失败：找不到所需的工作表或名称，可能已被删除或改名。',
  );
  // webpack could not fetch a part loaded on demand (offline before the service worker kept it)
  const chunk = Object.assign(new Error('Loading chunk 552 failed.\n(error: http://127.0.0.1/552.js)'), { name: 'ChunkLoadError' });
  expect(describeError('open', chunk)).toBe('打开文件失败：无法加载所需的组件，可能是网络已断开。请联网后重试；联网打开过一次工作簿后，本页离线也能打开和导出。');
});

describe('打开工作簿时自动打开此窗格', () => {
  test('shown when the session can say and change it; turning it off is passed on', async () => {
    const user = userEvent.setup();
    const session = new FakeSession();
    let on = true;
    const calls: boolean[] = [];
    Object.assign(session, {
      autoOpen: jest.fn(async () => on),
      setAutoOpen: jest.fn(async (value: boolean) => {
        calls.push(value);
        on = value;
      }),
    });
    render(<App session={session} theme="light" />);
    const toggle = (await screen.findByLabelText('打开工作簿时自动打开此窗格')) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    await user.click(toggle);
    expect(calls).toEqual([false]);
    expect(toggle.checked).toBe(false);
  });

  test('a refusal puts the switch back and says why in Chinese', async () => {
    const user = userEvent.setup();
    const session = new FakeSession();
    Object.assign(session, {
      autoOpen: async () => false,
      setAutoOpen: async () => {
        throw Object.assign(new Error('denied'), { code: 'AccessDenied' });
      },
    });
    render(<App session={session} theme="light" />);
    const toggle = (await screen.findByLabelText('打开工作簿时自动打开此窗格')) as HTMLInputElement;
    await user.click(toggle);
    expect(await screen.findByTestId('auto-open-error')).toHaveTextContent('无法更改自动打开设置：工作簿处于只读或受保护状态，无法写入。');
    expect(toggle.checked).toBe(false);
  });

  test('not shown for a session without the setting (the standalone page, older adapters)', async () => {
    render(<App session={new FakeSession()} theme="light" />);
    await screen.findByTestId('total-score');
    expect(screen.queryByTestId('auto-open')).not.toBeInTheDocument();
  });
});

test('the pane is one main landmark, and its message bars name nothing that is not there', async () => {
  const session = new FakeSession();
  session.changedSinceSync = ['in_year'];
  render(<App session={session} theme="light" />);
  await screen.findByTestId('message');
  expect(document.querySelector('main')).toContainElement(screen.getByTestId('total-score'));
  for (const el of document.querySelectorAll('[aria-labelledby]')) {
    for (const id of el.getAttribute('aria-labelledby')!.split(/\s+/)) expect([id, document.getElementById(id)]).not.toEqual([id, null]);
  }
});
