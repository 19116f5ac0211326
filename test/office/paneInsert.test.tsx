/** @jest-environment jsdom */
/**
 * The pane's insert (useScoring) over the real OfficeSession on office-addin-mock: the first recompute after
 * an insert runs once — the pane's recompute('insert'); the session's insert starts none of its own.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { useScoring } from '../../src/taskpane/useScoring';
import { ALL, mockExcel, newSession, scheme } from './helpers';

test('inserting through the pane recomputes once: one read, one write of the outputs, one record', async () => {
  const { mock } = mockExcel();
  mock.addSheet('Sheet1');
  const session = newSession();
  const recompute = jest.spyOn(session, 'recompute');
  const { result } = renderHook(() => useScoring(session));
  await waitFor(() => expect(result.current.view).toBe('insert'));

  await act(() => result.current.insert(scheme, { sheets: [...ALL], unit: '万元', dept: '某县财政局', year: 2024 }));
  await waitFor(() => expect(result.current.busy).toBe(false));

  expect(result.current.view).toBe('panel');
  expect(recompute.mock.calls).toEqual([['insert']]);
  // each output written once, in one batch (the insert itself only puts 尚未评分 in the status cell)
  const outputs = mock.writes.filter((w) => w.sheet === 'jixiao_out' && /^B([2-9]|\d\d)$/.test(w.address) && w.data[0][0] !== '尚未评分');
  expect(outputs.length).toBeGreaterThan(20);
  expect(new Set(outputs.map((w) => w.sync)).size).toBe(1);
  expect(new Set(outputs.map((w) => w.address)).size).toBe(outputs.length);
  expect(mock.writes.filter((w) => w.sheet === 'jixiao_sync' && w.address === 'A1:A20')).toHaveLength(1);
  expect(result.current.message?.text).toContain('模板已插入');
  expect(result.current.evaluation).not.toBeNull();
});
