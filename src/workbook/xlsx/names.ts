import type { DefinedNames, Workbook, Worksheet } from 'exceljs';
import { parseArea } from './a1';

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
  const area = parseArea(ref.slice(bang + 1));
  return area && { sheet, ...area };
}

/** A name's first range as exceljs reports it (definedNames.model), parsed. */
function firstRange(workbook: Workbook, name: string): Omit<NamedRange, 'name'> | null {
  const { ranges } = workbook.definedNames.getRanges(name);
  return ranges.length ? parseRef(ranges[0]) : null;
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
    // What exceljs's definedNames.model would give as a name's first range, without its costly search for
    // rectangles (and the text it makes of them): the cells of a name that fill one rectangle on one sheet
    // are that range. Anything else (several areas or sheets, an odd sheet name) goes the long way.
    const found = new Map<string, Omit<NamedRange, 'name'> & { cells: number; oneSheet: boolean }>();
    workbook.definedNames.forEach((name, cell) => {
      const { sheetName: sheet, row, col } = cell as unknown as { sheetName: string; row: number; col: number };
      const box = found.get(name);
      if (!box) {
        found.set(name, { sheet, left: col, top: row, right: col, bottom: row, cells: 1, oneSheet: true });
        return;
      }
      box.oneSheet &&= sheet === box.sheet;
      box.cells++;
      box.left = Math.min(box.left, col);
      box.top = Math.min(box.top, row);
      box.right = Math.max(box.right, col);
      box.bottom = Math.max(box.bottom, row);
    });
    for (const [name, { cells, oneSheet, ...range }] of found) {
      const { sheet, left, top, right, bottom } = range;
      // (a sheet name with '' in it reads back from exceljs's text differently: leave that to parseRef)
      const rectangle = oneSheet && sheet && !sheet.includes("''") && cells === (bottom - top + 1) * (right - left + 1);
      const first = rectangle ? range : firstRange(workbook, name);
      if (first) this.byName.set(name.toLowerCase(), { name, ...first });
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

/**
 * sheetNamed for one pass over many names: exceljs builds a new array for every workbook.worksheets, so the
 * sheets are gathered once, on first use (a workbook whose sheets change in between needs a new finder).
 */
export function sheetFinder(workbook: Workbook): (name: string) => Worksheet | undefined {
  let byName: Map<string, Worksheet> | undefined;
  return (name) => {
    if (!byName) {
      byName = new Map();
      for (const ws of workbook.worksheets) {
        const key = ws.name.toLowerCase();
        if (!byName.has(key)) byName.set(key, ws);
      }
    }
    return byName.get(name.toLowerCase());
  };
}

/** Sheet names, like defined names, are case-insensitive in Excel. */
export function sheetNamed(workbook: Workbook, name: string): Worksheet | undefined {
  const wanted = name.toLowerCase();
  return workbook.worksheets.find((ws) => ws.name.toLowerCase() === wanted);
}

/**
 * A counter that goes up whenever a workbook's defined names may have changed, so that an index of them can
 * be kept until then (reading them back from exceljs is slow). It wraps, on that one workbook's DefinedNames
 * object, every exceljs method that changes names: add/remove (by range or by cell, as Cell.names and
 * Worksheet.spliceRows/spliceColumns do), assigning its model (as loading a file does), and getMatrix, which
 * hands out a name's cells to be changed directly. Should exceljs ever lack one of these, every reading
 * counts as a change: slower, never stale.
 */
export class NamesVersion {
  private static readonly watched = new WeakMap<DefinedNames, NamesVersion>();
  private count = 0;
  private watching = true;

  private constructor() {}

  static of(workbook: Workbook): NamesVersion {
    const names = workbook.definedNames;
    let version = NamesVersion.watched.get(names);
    if (!version) {
      version = new NamesVersion();
      NamesVersion.watched.set(names, version);
      version.watching = watch(names, () => version!.count++);
    }
    return version;
  }

  get value(): number {
    return this.watching ? this.count : ++this.count;
  }
}

const CHANGING = ['getMatrix', 'add', 'addEx', 'remove', 'removeEx', 'removeAllNames', 'spliceRows', 'spliceColumns'];

/** Calls `changed` before each call that may change the names; false if exceljs is not shaped as expected. */
function watch(names: DefinedNames, changed: () => void): boolean {
  let proto: object | null = Object.getPrototypeOf(names);
  let model: PropertyDescriptor | undefined;
  while (proto && !(model = Object.getOwnPropertyDescriptor(proto, 'model'))) proto = Object.getPrototypeOf(proto);
  const target = names as unknown as Record<string, unknown>;
  const { get, set } = model ?? {};
  if (!get || !set || CHANGING.some((m) => typeof target[m] !== 'function')) return false;

  Object.defineProperty(target, 'model', {
    configurable: true,
    get(this: unknown) {
      return get.call(this);
    },
    set(this: unknown, value: unknown) {
      changed();
      set.call(this, value);
    },
  });
  for (const method of CHANGING) {
    const original = target[method] as (...args: unknown[]) => unknown;
    Object.defineProperty(target, method, {
      configurable: true,
      writable: true,
      value(this: unknown, ...args: unknown[]) {
        changed();
        return original.apply(this, args);
      },
    });
  }
  return true;
}
