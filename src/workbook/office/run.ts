/// <reference types="office-js" />
import { globalTimer, type Timer } from './changes';
import { errorCode, say } from './messages';

/** Excel.run, injectable: tests and hosts that keep one context pass their own. */
export type Runner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The part of global Excel a runner calls. */
export interface ExcelHost {
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface RunnerOptions {
  /** default: global Excel, looked up at each run */
  excel?: () => ExcelHost;
  timer?: Timer;
  /** wait between two tries of a batch refused in cell-edit mode; default 500 ms */
  retryMs?: number;
  /** give up (with a Chinese error) after this long in cell-edit mode; default 120 s */
  giveUpMs?: number;
}

const CELL_EDIT = 'InvalidOperationInCellEditMode';

/**
 * Excel.run with delayForCellEdit: a batch that arrives while the officer is typing in a cell waits until
 * the edit ends instead of failing (RunOptions.delayForCellEdit, ExcelApi 1.5). A host that ignores the option
 * refuses the batch with InvalidOperationInCellEditMode: it is run again from its start every `retryMs` until
 * the edit ends, then given up with a Chinese error. The refused request ran nothing, and every batch of the
 * session reads before it writes, so running it again is safe.
 */
export function cellEditSafeRunner(options: RunnerOptions = {}): Runner {
  const excel = options.excel ?? (() => (globalThis as unknown as { Excel: ExcelHost }).Excel);
  const timer = options.timer ?? globalTimer;
  const retryMs = options.retryMs ?? 500;
  const tries = Math.max(1, Math.ceil((options.giveUpMs ?? 120000) / retryMs));
  return async (batch) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await excel().run({ delayForCellEdit: true }, batch);
      } catch (e) {
        if (errorCode(e) !== CELL_EDIT) throw e;
        if (attempt >= tries) throw say.cellEdit(e);
        await new Promise<void>((resolve) => timer.set(resolve, retryMs));
      }
    }
  };
}

export const excelRun: Runner = cellEditSafeRunner();
