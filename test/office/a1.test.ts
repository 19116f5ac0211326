import { intersects, namesTouched, parseAreas, parseBox, qualify, splitSheet, topLeft } from '../../src/workbook/office/a1';
import { classifyChange, Debouncer } from '../../src/workbook/office/changes';
import type { Binding, Timer } from '../../src/workbook/office/changes';

describe('A1 ranges', () => {
  it('parses cells, areas, whole rows and columns, with or without a (quoted) sheet', () => {
    expect(parseBox('D8')).toEqual({ top: 8, left: 4, bottom: 8, right: 4 });
    expect(parseBox('基本情况表!$D$8:$E$9')).toEqual({ sheet: '基本情况表', top: 8, left: 4, bottom: 9, right: 5 });
    expect(parseBox("'基本情况表(2)'!AA10")).toEqual({ sheet: '基本情况表(2)', top: 10, left: 27, bottom: 10, right: 27 });
    expect(parseBox("'It''s'!B2:A1")).toEqual({ sheet: "It's", top: 1, left: 1, bottom: 2, right: 2 });
    expect(parseBox('C:E')).toEqual({ top: 1, left: 3, bottom: Infinity, right: 5 });
    expect(parseBox('5:7')).toEqual({ top: 5, left: 1, bottom: 7, right: Infinity });
    expect(parseBox('not a range')).toBeNull();
    expect(parseAreas('A1:B2,D5')).toEqual([
      { top: 1, left: 1, bottom: 2, right: 2 },
      { top: 5, left: 4, bottom: 5, right: 4 },
    ]);
  });

  it('intersects boxes on the same sheet only (names compared as Excel does, ignoring case)', () => {
    const d8 = parseBox('Sheet!D8')!;
    expect(intersects(parseBox('sheet!A1:Z100')!, d8)).toBe(true);
    expect(intersects(parseBox('Other!A1:Z100')!, d8)).toBe(false);
    expect(intersects(parseBox('8:8')!, d8)).toBe(true);
    expect(intersects(parseBox('E:E')!, d8)).toBe(false);
    expect(intersects(parseBox('D9')!, d8)).toBe(false);
  });

  it('maps a changed block to the names it touches', () => {
    const bound = new Map([
      ['in_a', parseBox('S!D8')!],
      ['in_b', parseBox('S!D9')!],
      ['grid', parseBox('S!C20:L49')!],
    ]);
    expect(namesTouched(parseAreas('S!D9:F30'), bound)).toEqual(['in_b', 'grid']);
    expect(namesTouched(parseAreas('S!A1:B100'), bound)).toEqual([]);
  });

  it('splits and quotes sheet names', () => {
    expect(splitSheet('基本情况表!D8')).toEqual({ sheet: '基本情况表', local: 'D8' });
    expect(splitSheet('D8')).toEqual({ local: 'D8' });
    expect(qualify('基本情况表', 'D8')).toBe('基本情况表!D8');
    expect(qualify('基本情况表(2)', 'D8')).toBe("'基本情况表(2)'!D8");
    expect(qualify('A1', 'D8')).toBe("'A1'!D8");
    expect(topLeft(parseBox('C4:L33')!)).toBe('C4');
  });
});

describe('classifyChange', () => {
  const binding: Binding = {
    sheetNames: new Map([['{1}', '基本情况表']]),
    inputs: new Map([['in_staff_quota', parseBox('基本情况表!D12')!]]),
    outputs: new Map([['score_total', parseBox('基本情况表!D2')!]]),
  };

  it('recomputes for an input, not for our own writes, other cells or other sheets', () => {
    expect(classifyChange({ worksheetId: '{1}', address: 'D12' }, binding)).toEqual({ recompute: true, names: ['in_staff_quota'], remote: false, structural: false });
    expect(classifyChange({ worksheetId: '{1}', address: 'D12', triggerSource: 'ThisLocalAddin' }, binding)).toEqual({ recompute: false, why: 'own' });
    expect(classifyChange({ worksheetId: '{1}', address: 'D2' }, binding)).toEqual({ recompute: false, why: 'no-input' });
    expect(classifyChange({ worksheetId: '{9}', address: 'D12' }, binding)).toEqual({ recompute: false, why: 'other-sheet' });
    expect(classifyChange({ worksheetId: '{1}', address: 'A1:F40', source: 'Remote' }, binding)).toMatchObject({ recompute: true, remote: true });
    expect(classifyChange({ worksheetId: '{1}', address: '3:3', changeType: 'RowInserted' }, binding)).toMatchObject({ recompute: true, structural: true });
  });
});

describe('Debouncer', () => {
  function fakeTimer() {
    let now = 0;
    let seq = 0;
    const due = new Map<number, { at: number; fn: () => void }>();
    const timer: Timer = {
      set: (fn, ms) => {
        due.set(++seq, { at: now + ms, fn });
        return seq;
      },
      clear: (h) => void due.delete(h as number),
    };
    const advance = async (ms: number) => {
      now += ms;
      for (const [h, t] of [...due]) if (t.at <= now) {
        due.delete(h);
        t.fn();
      }
      await Promise.resolve();
    };
    return { timer, advance };
  }

  it('runs once, with every item, after the burst goes quiet', async () => {
    const { timer, advance } = fakeTimer();
    const runs: number[][] = [];
    const d = new Debouncer<number>(300, timer, async (batch) => void runs.push(batch));
    for (let i = 0; i < 100; i++) {
      d.push(i);
      await advance(10);
    }
    expect(runs).toEqual([]);
    await advance(300);
    await d.idle;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toHaveLength(100);
  });

  it('does not overlap runs: a change during a run waits for it', async () => {
    const { timer, advance } = fakeTimer();
    let release!: () => void;
    const order: string[] = [];
    const d = new Debouncer<string>(10, timer, async (batch) => {
      order.push(`start ${batch.join()}`);
      if (batch[0] === 'a') await new Promise<void>((r) => (release = r));
      order.push(`end ${batch.join()}`);
    });
    d.push('a');
    await advance(10);
    d.push('b');
    await advance(10);
    expect(order).toEqual(['start a']);
    release();
    await d.flush();
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
