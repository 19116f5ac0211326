import { markAutoShow } from '../../src/workbook/office';

describe('markAutoShow', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
  });

  test('saves Office.AutoShowTaskpaneWithDocument in the document settings', async () => {
    const saved: Record<string, unknown> = {};
    const pending: Record<string, unknown> = {};
    (globalThis as Record<string, unknown>).Office = {
      context: {
        document: {
          settings: {
            set: (k: string, v: unknown) => (pending[k] = v),
            saveAsync: (cb: () => void) => {
              Object.assign(saved, pending);
              cb();
            },
          },
        },
      },
    };
    await markAutoShow();
    expect(saved).toEqual({ 'Office.AutoShowTaskpaneWithDocument': true });
  });

  test('does nothing outside Office and survives a host that throws', async () => {
    await expect(markAutoShow()).resolves.toBeUndefined();
    (globalThis as Record<string, unknown>).Office = {
      context: { document: { settings: { set: () => { throw new Error('read-only'); }, saveAsync: () => undefined } } },
    };
    await expect(markAutoShow()).resolves.toBeUndefined();
  });
});

describe('turning the pane’s auto-open off (Microsoft asks add-ins that open themselves to allow it)', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).Office;
  });

  function officeWithSettings(save: 'ok' | 'failed' = 'ok') {
    const saved: Record<string, unknown> = {};
    const pending: Record<string, unknown> = {};
    (globalThis as Record<string, unknown>).Office = {
      context: {
        requirements: { isSetSupported: () => true },
        document: {
          settings: {
            get: (k: string) => saved[k] ?? null,
            set: (k: string, v: unknown) => (pending[k] = v),
            saveAsync: (cb: (r: { status: string }) => void) => {
              if (save === 'ok') Object.assign(saved, pending);
              cb({ status: save === 'ok' ? 'succeeded' : 'failed' });
            },
          },
        },
      },
    };
    return saved;
  }

  test('OfficeSession reads and writes Office.AutoShowTaskpaneWithDocument in the document', async () => {
    const saved = officeWithSettings();
    const { OfficeSession } = await import('../../src/workbook/office');
    const session = new OfficeSession({ live: false });
    expect(await session.autoOpen()).toBe(false);
    await markAutoShow(); // what an insert does
    expect(await session.autoOpen()).toBe(true);
    await session.setAutoOpen(false);
    expect(saved).toEqual({ 'Office.AutoShowTaskpaneWithDocument': false });
    expect(await session.autoOpen()).toBe(false);
    await session.setAutoOpen(true);
    expect(await session.autoOpen()).toBe(true);
  });

  test('says so, in Chinese, when Office does not save the setting', async () => {
    officeWithSettings('failed');
    const { OfficeSession } = await import('../../src/workbook/office');
    const err = await new OfficeSession({ live: false }).setAutoOpen(false).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'setting_not_saved', message: 'Excel 未能保存“随工作簿自动打开任务窗格”的设置，请稍后重试' });
  });
});
