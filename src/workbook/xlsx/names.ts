import type { Workbook, Worksheet } from 'exceljs';
import { corners } from '../template/geometry';

/** Where a defined name points: a sheet (as the name says it) and the corners of its first area. */
export interface NamedRange {
  name: string;
  sheet: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** "'基本情况表'!$D$8" or "Sheet1!$C$4:$L$33" → sheet and corners; null for anything else (#REF!, constants). */
export function parseRef(ref: string): Omit<NamedRange, 'name'> | null {
  const bang = ref.lastIndexOf('!');
  if (bang < 0) return null;
  const sheetPart = ref.slice(0, bang);
  const sheet = /^'.*'$/.test(sheetPart) ? sheetPart.slice(1, -1).replace(/''/g, "'") : sheetPart;
  const area = ref.slice(bang + 1);
  if (!/^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?$/.test(area)) return null;
  return { sheet, ...corners(area) };
}

/** A1 reference with the sheet quoted as Excel writes it in defined names: '基本情况表'!$D$8. */
export function absoluteRef(sheet: string, area: string): string {
  const abs = area.replace(/([A-Za-z]+)(\d+)/g, '$$$1$$$2');
  return `'${sheet.replace(/'/g, "''")}'!${abs}`;
}

/**
 * The workbook-scoped defined names exceljs read, by name (Excel compares names case-insensitively).
 * exceljs keeps a name only while it points at cells: a name Excel turned into #REF! is gone, like a
 * deleted one; a name whose sheet was deleted keeps pointing at that sheet ("#REF" or the old name).
 */
export class NameIndex {
  private readonly byName = new Map<string, NamedRange>();

  constructor(private readonly workbook: Workbook) {
    for (const { name, ranges } of workbook.definedNames.model) {
      const parsed = ranges.length ? parseRef(ranges[0]) : null;
      if (parsed) this.byName.set(name.toLowerCase(), { name, ...parsed });
    }
  }

  find(name: string): NamedRange | undefined {
    return this.byName.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  /** The worksheet a name points at, or undefined when that sheet does not exist (any more). */
  sheetOf(range: NamedRange): Worksheet | undefined {
    return sheetNamed(this.workbook, range.sheet);
  }
}

/** Sheet names, like defined names, are case-insensitive in Excel. */
export function sheetNamed(workbook: Workbook, name: string): Worksheet | undefined {
  const wanted = name.toLowerCase();
  return workbook.worksheets.find((ws) => ws.name.toLowerCase() === wanted);
}
