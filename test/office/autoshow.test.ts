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
