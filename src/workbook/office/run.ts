/// <reference types="office-js" />

/** Excel.run, injectable: tests and hosts that keep one context pass their own. */
export type Runner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const excelRun: Runner = (batch) => Excel.run(batch);
