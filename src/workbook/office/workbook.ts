/// <reference types="office-js" />
import type { Evaluation, Scheme } from '../../engine';
import { outputValues } from '../outputs';
import type { TemplateOptions, WorkbookAdapter, WorkbookInputs } from '../types';
import { insertTemplates } from './insert';
import { planWrites, queueWrites, readAll, sheetInfo } from './io';
import { earlierLayoutSheets, ProtectionGuard, upgradeLayout } from './layout';
import { excelRun, Runner } from './run';

/**
 * The WorkbookAdapter over the open Excel workbook, like the exceljs adapter over a file: names in, values
 * out. The task pane uses OfficeSession, which adds change events and the sync record on top of the same parts.
 */
export class OfficeWorkbook implements WorkbookAdapter {
  private readonly run: Runner;

  constructor(options: { run?: Runner } = {}) {
    this.run = options.run ?? excelRun;
  }

  async insertTemplate(scheme: Scheme, options: TemplateOptions): Promise<void> {
    await insertTemplates(this.run, scheme, { ...options, sheets: ['summary', 'scoring', 'survey'] }, () => undefined);
  }

  /** One sync. Missing names come back as missing_name findings, never as an exception. */
  readInputs(scheme: Scheme): Promise<WorkbookInputs> {
    return this.run(async (context) => {
      const read = await readAll(context, scheme, { outputs: false, record: false });
      return { values: read.values, cells: read.cells, problems: read.problems };
    });
  }

  /**
   * Two syncs: read the output cells, write those that differ onto the results sheet. A workbook of the
   * earlier layout (outputs on protected sheets) is upgraded first, as the officer asked for the write.
   */
  writeOutputs(scheme: Scheme, evaluation: Evaluation): Promise<void> {
    return this.run(async (context) => {
      const read = await readAll(context, scheme, { outputs: true, record: false, structure: true });
      const wanted = outputValues(scheme, evaluation);
      let current = read.outputs;
      if (earlierLayoutSheets(read).length) {
        const { moved } = await upgradeLayout(context, scheme, read, wanted, new ProtectionGuard());
        current = new Map([...read.outputs].filter(([name]) => !moved.has(name)));
      }
      const plan = planWrites(wanted, current, read.inputBoxes.values(), (sheet) => !!sheetInfo(read, sheet)?.protected);
      if (plan.writes.length && queueWrites(read, plan.writes)) await context.sync();
    });
  }
}
