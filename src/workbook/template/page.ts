import type { PrintPlan, ProtectionPlan } from './types';

/** No password: the protection keeps officers off formulas and labels, it is not a security measure. */
export const PROTECTION: ProtectionPlan = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatCells: false,
  formatColumns: true,
  formatRows: true,
  insertRows: false,
  deleteRows: false,
};

/**
 * A sheet with a table of rows the officer extends and shortens: inserting and deleting rows is allowed too.
 * Excel deletes only rows whose cells are all unlocked (Protection.AllowDeletingRows), so the header and
 * footer rows stay put while the table's rows (SheetPlan.rowBands) come and go.
 */
export const ROW_PROTECTION: ProtectionPlan = { ...PROTECTION, insertRows: true, deleteRows: true };

/** A4, one page wide, as many pages tall as needed, centred, with the title rows on every page. */
export function printOn(orientation: PrintPlan['orientation'], area: string, titleRows: string): PrintPlan {
  return {
    paperSize: 9,
    orientation,
    fitToWidth: 1,
    fitToHeight: 0,
    area,
    titleRows,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    centerHorizontally: true,
    footer: '&C第 &P 页，共 &N 页',
  };
}

/** A formula that shows a named cell, and nothing (not 0) while it is blank. */
export function showName(name: string): string {
  return `IF(${name}="","",${name})`;
}
