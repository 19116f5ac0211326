import { decodeSyncRecord, encodeSyncRecord, SYNC_CHUNK, SyncRecordTooLong } from '../../src/workbook/syncStore';
import { makeSyncRecord } from '../../src/workbook/sync';
import type { SyncRecord } from '../../src/workbook/sync';

const record = (values: Record<string, string | number | null>): SyncRecord =>
  makeSyncRecord('dept-2013', '1.0.0', values, new Date('2025-03-01T08:00:00Z'));

describe('sync record cells', () => {
  it('round-trips a record through one cell', () => {
    const r = record({ in_year: 2024, in_unit: '万元', in_phone: null });
    const cells = encodeSyncRecord(r);
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatch(/^jixiao:1\/1:\{/);
    expect(decodeSyncRecord(cells)).toEqual(r);
  });

  it('splits a long record down the column and reads it back in any order, with blanks around', () => {
    const r = record({ in_duties: '职'.repeat(70000) });
    const cells = encodeSyncRecord(r);
    expect(cells).toHaveLength(3);
    expect(cells.every((c) => c.length <= SYNC_CHUNK + 20)).toBe(true);
    expect(decodeSyncRecord([cells[2], '', cells[0], null, cells[1], ...Array(16).fill('')])).toEqual(r);
    // as a 2-D column read from A1:A20
    expect(decodeSyncRecord(cells.map((c) => [c]))).toEqual(r);
  });

  it('never takes a chunk for a formula or a number: every cell starts with its marker', () => {
    const json = JSON.stringify(record({ x: 'a' }));
    const pad = '='.repeat(SYNC_CHUNK - json.length + 20);
    const cells = encodeSyncRecord(record({ x: pad }));
    expect(cells.every((c) => c.startsWith('jixiao:'))).toBe(true);
  });

  it('gives null for nothing, damage or a lost part — never throws', () => {
    const cells = encodeSyncRecord(record({ in_duties: '职'.repeat(70000) }));
    expect(decodeSyncRecord([])).toBeNull();
    expect(decodeSyncRecord(['', null, 0])).toBeNull();
    expect(decodeSyncRecord([cells[0], cells[2]])).toBeNull();
    expect(decodeSyncRecord(['jixiao:1/1:{not json'])).toBeNull();
    expect(decodeSyncRecord(['jixiao:1/1:{"scheme":1}'])).toBeNull();
  });

  it('accepts plain JSON written without markers', () => {
    const r = record({ in_year: 2024 });
    const json = JSON.stringify(r);
    expect(decodeSyncRecord([json.slice(0, 10), json.slice(10)])).toEqual(r);
  });

  it('refuses a record beyond twenty cells', () => {
    expect(() => encodeSyncRecord(record({ x: 'a'.repeat(20 * SYNC_CHUNK) }))).toThrow(SyncRecordTooLong);
  });
});
