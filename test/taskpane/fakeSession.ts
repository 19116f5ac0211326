import { evaluate, getScheme, type CellRef, type RawValue, type Scheme } from '../../src/engine';
import { oneForm, type CurrentInputs, type InsertOptions, type InsertReport, type PaneSession, type RecomputeReason, type RecomputeResult } from '../../src/workbook/session';
import example from '../../templates/samples/dept-2013-example.json';

/** The worked example of spec/dept-2013.md (total 73.28, 中), a fresh copy each call, with some inputs changed. */
export function sampleValues(changes: Record<string, RawValue> = {}): Record<string, RawValue> {
  return { ...(JSON.parse(JSON.stringify(example)) as Record<string, RawValue>), ...changes };
}

/** Cells for every input: summary fields one per row in column D from row 4, in layout order; survey at C4. */
export function sampleCells(scheme: Scheme = getScheme()): Record<string, CellRef> {
  const cells: Record<string, CellRef> = {};
  let row = 4;
  for (const section of scheme.layout.summary.sections) {
    for (const field of section.fields) cells[field] = { sheet: scheme.layout.summary.sheet, address: `D${row++}` };
  }
  cells.in_survey_answers = { sheet: scheme.layout.survey.sheet, address: 'C4' };
  return cells;
}

type Listener = (result: RecomputeResult) => void;

/**
 * An in-memory workbook behind the PaneSession interface: the engine scores real values, so the pane shows
 * the numbers an officer would see. Every method is a jest mock, so tests can inspect or override calls.
 */
export class FakeSession implements PaneSession {
  scheme = getScheme();
  hasTemplate: boolean;
  values: Record<string, RawValue>;
  /** what recompute reports as changed since the last sync (once; cleared after the next recompute) */
  changedSinceSync: string[] = [];
  listeners = new Set<Listener>();
  /** when set, insertTemplate waits for it between its two progress steps */
  insertGate: Promise<void> | null = null;

  constructor(opts: { hasTemplate?: boolean; values?: Record<string, RawValue> } = {}) {
    this.hasTemplate = opts.hasTemplate ?? true;
    this.values = opts.values ?? sampleValues();
  }

  detect = jest.fn(async (): Promise<Scheme | null> => (this.hasTemplate ? this.scheme : null));

  insertTemplate = jest.fn(
    async (scheme: Scheme, options: InsertOptions, progress: (step: string, fraction: number) => void): Promise<InsertReport> => {
      progress('正在创建工作表…', 0.25);
      if (this.insertGate) await this.insertGate;
      progress('正在写入公式…', 0.75);
      this.hasTemplate = true;
      this.values = { in_dept_name: options.dept, in_year: options.year, in_unit: options.unit };
      const sheets: InsertReport['sheets'] = {};
      for (const role of options.sheets) sheets[role] = scheme.layout[role].sheet;
      return { sheets, resumed: false };
    },
  );

  recompute = jest.fn(async (reason: RecomputeReason): Promise<RecomputeResult> => this.result(reason));

  /** The inputs as they stand and their evaluation (a copy of the values), as for the 报送版; writes nothing. */
  current = jest.fn(async (): Promise<CurrentInputs> => {
    if (!this.hasTemplate) throw new Error('工作簿中没有找到评分模板，请先插入模板');
    const values = JSON.parse(JSON.stringify(this.values)) as Record<string, RawValue>;
    const evaluation = evaluate(this.scheme, { values, cells: sampleCells(this.scheme) });
    return { scheme: this.scheme, values, evaluation, forms: oneForm(this.scheme, evaluation).map((f) => ({ ...f, values })) };
  });

  select = jest.fn<Promise<void>, [cell: string]>(async () => undefined);

  subscribe = jest.fn((listener: Listener) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  });

  /** An input changed in the workbook: the session recomputes by itself and tells its listeners. */
  change(changes: Record<string, RawValue>): void {
    Object.assign(this.values, changes);
    const result = this.result('change');
    for (const l of this.listeners) l(result);
  }

  private result(reason: RecomputeReason): RecomputeResult {
    const evaluation = evaluate(this.scheme, { values: this.values, cells: sampleCells(this.scheme) });
    const changedSinceSync = this.changedSinceSync;
    this.changedSinceSync = [];
    return { evaluation, forms: oneForm(this.scheme, evaluation), reason, changedSinceSync, written: 0 };
  }
}
