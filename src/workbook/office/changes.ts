import { Box, namesTouched, parseAreas } from './a1';

/** The part of Excel.WorksheetChangedEventArgs we look at (plain data, so tests can fire it). */
export interface ChangeEvent {
  address: string;
  worksheetId: string;
  changeType?: string;
  /** "Local" | "Remote" (a co-author) */
  source?: string;
  /** "ThisLocalAddin" for our own writes (ExcelApi 1.14); undefined on older hosts */
  triggerSource?: string;
}

/** Where our names were found at the last read: sheet id → name, and the box of every input and output. */
export interface Binding {
  sheetNames: Map<string, string>;
  inputs: Map<string, Box>;
  outputs: Map<string, Box>;
}

export type ChangeVerdict =
  | { recompute: false; why: 'own' | 'other-sheet' | 'no-input' }
  | { recompute: true; names: string[]; remote: boolean; structural: boolean };

const STRUCTURAL = new Set(['RowInserted', 'RowDeleted', 'ColumnInserted', 'ColumnDeleted', 'CellInserted', 'CellDeleted']);

/**
 * Whether a change event should start a recompute. Our own writes never do: on ExcelApi 1.14 Excel says
 * so (triggerSource); before that they touch only the results and sync sheets, never an input, so
 * "touches no input" covers them. Rows or cells inserted or deleted on a sheet holding inputs move the
 * names below, so they always recompute.
 */
export function classifyChange(event: ChangeEvent, binding: Binding): ChangeVerdict {
  if (event.triggerSource === 'ThisLocalAddin') return { recompute: false, why: 'own' };
  const sheet = binding.sheetNames.get(event.worksheetId);
  if (sheet === undefined) return { recompute: false, why: 'other-sheet' };
  const remote = event.source === 'Remote';
  if (event.changeType && STRUCTURAL.has(event.changeType)) {
    // (one handler hears every sheet: rows moved on a sheet without inputs move no name of ours)
    const key = sheet.toLowerCase();
    if (![...binding.inputs.values()].some((b) => b.sheet?.toLowerCase() === key)) return { recompute: false, why: 'no-input' };
    return { recompute: true, names: [], remote, structural: true };
  }
  const changed = parseAreas(event.address).map((b) => ({ ...b, sheet }));
  const names = namesTouched(changed, binding.inputs);
  if (!names.length) return { recompute: false, why: 'no-input' };
  return { recompute: true, names, remote, structural: false };
}

/** setTimeout/clearTimeout, injectable so tests can drive time. Looked up at call time so jest fake timers apply. */
export interface Timer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const globalTimer: Timer = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Collects a burst of changes (a paste of 100 cells raises many events) into one call, `ms` after the last.
 * A call that arrives while the previous run is still going waits for it, then runs once more.
 */
export class Debouncer<T> {
  private handle: unknown = null;
  private pending: T[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly ms: number,
    private readonly timer: Timer,
    private readonly run: (batch: T[]) => Promise<void>,
  ) {}

  push(item: T): void {
    this.pending.push(item);
    if (this.handle !== null) this.timer.clear(this.handle);
    this.handle = this.timer.set(() => {
      this.handle = null;
      void this.flush();
    }, this.ms);
  }

  /** Runs now with whatever is pending (used by tests and on dispose). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    this.running = this.run(batch).finally(() => {
      this.running = null;
    });
    await this.running;
  }

  cancel(): void {
    if (this.handle !== null) this.timer.clear(this.handle);
    this.handle = null;
    this.pending = [];
  }

  get idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}
