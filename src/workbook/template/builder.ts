import type { SchemeInput } from '../../engine';
import { at, span } from './geometry';
import { columnLetters } from '../../engine';
import { RESULTS_SHEET } from '../outputs';
import { PROTECTION, printOn, showName } from './page';
import type { Derive, PlanCell, PlanName, PlanValidation, PrintPlan, ProtectionPlan, RowBand, SheetKindId, SheetPlan, StyleKey } from './types';
import { validationFor } from './validation';

export type Content = { value?: string | number; formula?: string; derive?: Derive };

/** Collects the cells of one sheet; refuses to write a cell twice, so layouts cannot overlap silently. */
export class SheetBuilder {
  readonly cells: PlanCell[] = [];
  readonly merges: string[] = [];
  readonly validations: PlanValidation[] = [];
  readonly unlocked: string[] = [];
  readonly rowBands: RowBand[] = [];
  readonly hiddenColumns: string[] = [];
  readonly hiddenRows: number[] = [];
  private readonly heights = new Map<number, number>();
  private readonly taken = new Set<string>();

  /** `scope`: the sheet whose own (sheet-scoped) names the names defined here are; none for workbook-wide names */
  constructor(
    readonly name: string,
    private readonly names: PlanName[],
    readonly scope?: string,
  ) {}

  /** A cell, or a merged block from (col,row) to (lastCol,lastRow) with its content in the top-left. */
  put(col: number, row: number, style: StyleKey, content: Content = {}, lastCol = col, lastRow = row): string {
    for (let r = row; r <= lastRow; r++) {
      for (let c = col; c <= lastCol; c++) {
        const a = at(c, r);
        if (this.taken.has(a)) throw new Error(`template layout writes ${this.name}!${a} twice`);
        this.taken.add(a);
      }
    }
    const address = at(col, row);
    this.cells.push({ address, style, ...content });
    if (lastCol > col || lastRow > row) this.merges.push(span(col, row, lastCol, lastRow));
    return address;
  }

  /** An input's cell or merged block: unlocked, validated, named with the input's name (its top-left cell). */
  input(input: SchemeInput, col: number, row: number, style: StyleKey, value?: string | number, lastCol = col, lastRow = row): void {
    this.put(col, row, style, value === undefined ? {} : { value }, lastCol, lastRow);
    this.inputBlock(input, span(col, row, lastCol, lastRow), at(col, row));
  }

  /** Marks cells already put as an input: `block` is unlocked and validated, `named` gets the input's name. */
  inputBlock(input: SchemeInput, block: string, named: string): void {
    this.unlocked.push(block);
    this.validations.push(validationFor(input, block));
    this.name_(input.name, this.name, named, 'input');
  }

  /** A defined name of this sheet's (an input's or a column output's range on this sheet). */
  define(name: string, range: string, role: PlanName['role'], shownHere = false): void {
    this.name_(name, this.name, range, role, shownHere ? { sheet: this.name, range } : undefined);
  }

  /**
   * An output's visible cell: locked, showing the value kept under the output's name on the results sheet
   * (blank stays blank, not 0); `value` is what it shows until the first recompute. The name's own cell is
   * placed by planTemplate.
   */
  output(name: string, col: number, row: number, style: StyleKey, value?: string | number, lastCol = col, lastRow = row): void {
    const content: Content = { formula: showName(name), derive: { kind: 'name', name }, ...(value === undefined ? {} : { value }) };
    this.put(col, row, style, content, lastCol, lastRow);
    this.name_(name, RESULTS_SHEET, '', 'output', { sheet: this.name, range: at(col, row) });
  }

  private name_(name: string, sheet: string, range: string, role: PlanName['role'], shownAt?: PlanName['shownAt']): void {
    this.names.push({ name, ...(this.scope ? { scope: this.scope } : {}), sheet, range, role, ...(shownAt ? { shownAt } : {}) });
  }

  /** Sets a row's height, keeping the larger of two requests. */
  height(row: number, points: number): void {
    this.heights.set(row, Math.max(points, this.heights.get(row) ?? 0));
  }

  rows(): SheetPlan['rows'] {
    return [...this.heights].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height }));
  }

  /** The finished sheet: what was put, with column widths (from A), protection and print setup. */
  finish(
    kind: SheetKindId,
    role: SheetPlan['role'],
    widths: number[],
    print: { orientation: PrintPlan['orientation']; area: string; titleRows: string },
    freeze: SheetPlan['freeze'],
    protection: ProtectionPlan = PROTECTION,
  ): SheetPlan {
    return {
      name: this.name,
      kind,
      role,
      columns: widths.map((width, i) => ({ column: columnLetters(i + 1), width })),
      rows: this.rows(),
      cells: this.cells,
      merges: this.merges,
      validations: this.validations,
      unlocked: this.unlocked,
      rowBands: this.rowBands,
      hiddenColumns: this.hiddenColumns,
      hiddenRows: this.hiddenRows,
      protection,
      print: printOn(print.orientation, print.area, print.titleRows),
      freeze,
    };
  }
}
