/**
 * A table as a file shows it: a sheet of an .xlsx or a table (w:tbl) of a .docx, as rows × columns of displayed
 * texts with the merged ranges. Hand-made forms are recognised and checked on grids, whatever file they came from.
 */

/** What a cell holds: the stored value (the number of a numeric cell), and the text the file shows for it. */
export interface GridCell {
  /** as displayed: a number in its cell's format (0.95 in a cell formatted 0% is "95%"); Word paragraphs joined by \n */
  text: string;
  /** as stored: a number for a numeric cell (0.95), a Date for a date, else the text */
  value: number | string | boolean | Date;
}

/** A merged range, 0-based and inclusive; its top-left cell holds the value. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type GridSource = 'sheet' | 'table';

export interface Grid {
  /** a worksheet of an .xlsx, or a table of a .docx */
  source: GridSource;
  /** the sheet's name, or 表3 for the third table of a document */
  name: string;
  rows: number;
  cols: number;
  /** row-major; null for a blank cell and for the cells a merge covers beyond its top-left */
  cells: (GridCell | null)[][];
  merges: Merge[];
  /** for a Word table, the paragraphs just before it (its title, often), nearest last */
  before?: string[];
  /** cells beyond the limits were left out */
  truncated?: boolean;
}

/**
 * How a cell is named in messages. A sheet's cells are Sheet!A1 as Excel names them. A Word table's cells are
 * 表N!RrCc: the N-th table of the document (in document order, a table nested in a cell counted where it starts),
 * row r and grid column c, 1-based, a cell spanning columns named by its first.
 */
export function cellName(grid: Pick<Grid, 'source' | 'name'>, r: number, c: number): string {
  return grid.source === 'sheet' ? `${grid.name}!${columnLetters(c + 1)}${r + 1}` : `${grid.name}!R${r + 1}C${c + 1}`;
}

/** The range of a block of cells, as cellName names its corners: 评分表!A3:H30, 表2!R1C1:R20C9. */
export function rangeName(grid: Pick<Grid, 'source' | 'name'>, top: number, left: number, bottom: number, right: number): string {
  const a = cellName(grid, top, left);
  const b = cellName(grid, bottom, right);
  return `${a}:${b.slice(b.lastIndexOf('!') + 1)}`;
}

function columnLetters(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Reading a grid with its merges resolved: a cell inside a merged range reads as the range's top-left cell, so a
 * label merged down a column (一级指标) applies to every row it covers.
 */
export class GridView {
  private readonly owner: Int32Array;

  constructor(readonly grid: Grid) {
    // owner[r * cols + c] = the index of the merge covering (r, c), or -1
    this.owner = new Int32Array(grid.rows * grid.cols).fill(-1);
    grid.merges.forEach((m, i) => {
      for (let r = m.top; r <= m.bottom && r < grid.rows; r++) {
        for (let c = m.left; c <= m.right && c < grid.cols; c++) this.owner[r * grid.cols + c] = i;
      }
    });
  }

  get rows(): number {
    return this.grid.rows;
  }

  get cols(): number {
    return this.grid.cols;
  }

  /** The merge a cell belongs to, if any. */
  mergeAt(r: number, c: number): Merge | undefined {
    if (r < 0 || c < 0 || r >= this.grid.rows || c >= this.grid.cols) return undefined;
    const i = this.owner[r * this.grid.cols + c];
    return i < 0 ? undefined : this.grid.merges[i];
  }

  /** The cell whose value shows at (r, c): its merge's top-left, or itself. */
  origin(r: number, c: number): [number, number] {
    const m = this.mergeAt(r, c);
    return m ? [m.top, m.left] : [r, c];
  }

  /** The cell showing at (r, c), merges resolved. */
  cell(r: number, c: number): GridCell | null {
    if (r < 0 || c < 0 || r >= this.grid.rows || c >= this.grid.cols) return null;
    const [or, oc] = this.origin(r, c);
    return this.grid.cells[or][oc];
  }

  /** The text showing at (r, c), merges resolved, trimmed; '' for blank. */
  text(r: number, c: number): string {
    return this.cell(r, c)?.text.trim() ?? '';
  }

  /** The cell's own text, '' when a merge covers it from elsewhere. */
  ownText(r: number, c: number): string {
    if (r < 0 || c < 0 || r >= this.grid.rows || c >= this.grid.cols) return '';
    return this.grid.cells[r][c]?.text.trim() ?? '';
  }

  /** Whether (r, c) is the top-left of what shows there (its own cell, or a merge's first). */
  isOrigin(r: number, c: number): boolean {
    const [or, oc] = this.origin(r, c);
    return or === r && oc === c;
  }

  /** How (r, c) is named, by the cell showing there. */
  name(r: number, c: number): string {
    const [or, oc] = this.origin(r, c);
    return cellName(this.grid, or, oc);
  }

  /** Whether a row shows nothing. */
  blankRow(r: number): boolean {
    for (let c = 0; c < this.grid.cols; c++) if (this.text(r, c) !== '') return false;
    return true;
  }

  /** The distinct texts of a row, left to right, each with its first column (a merged cell counted once). */
  rowTexts(r: number): { c: number; text: string }[] {
    const out: { c: number; text: string }[] = [];
    for (let c = 0; c < this.grid.cols; c++) {
      // a cell merged across columns is counted at its first
      if (this.origin(r, c)[1] < c) continue;
      const t = this.text(r, c);
      if (t !== '') out.push({ c, text: t });
    }
    return out;
  }
}
