/**
 * A small Excel object model for the Office adapter's tests, built from office-addin-mock's OfficeMockObject:
 * every proxy (context, workbook, names, worksheets, ranges, formats, protection, page layout) is an
 * OfficeMockObject, so a property read without load() + sync() gives the package's "not loaded" error text
 * instead of a value. On top of it:
 * - property sets and method calls are queued in order and applied at context.sync(), as in Excel; an
 *   operation that fails (writing a locked cell of a protected sheet, a missing sheet or name) fails the
 *   sync and drops what follows it in the batch;
 * - every write of values/formulas is logged with its address, so tests can assert none hit an input;
 * - change events: officer edits fire onChanged handlers (of the sheet, and workbook-wide ones of
 *   worksheets.onChanged); the add-in's own writes fire them too, with triggerSource "ThisLocalAddin" when the
 *   mock plays ExcelApi 1.14, without it otherwise;
 * - every protect/unprotect (of a sheet or of the workbook) is logged, so tests can assert a recompute makes
 *   none; a sheet protected with a password refuses unprotect() without it; a workbook whose structure is
 *   protected refuses adding, deleting or hiding sheets;
 * - cell-edit mode: while the officer edits a cell, a batch run without delayForCellEdit fails with
 *   InvalidOperationInCellEditMode; with it, the batch waits until the edit ends (unless the mock plays a host
 *   that ignores the option).
 * Errors carry an Office-like `code` (ItemNotFound, AccessDenied, …) and an English message, as Excel's do.
 */
import { OfficeMockObject } from 'office-addin-mock';

// ── addresses (independent of the code under test) ──────────────────────────────────────────────

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export function colLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function rect(address: string): Rect {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [a, b = a] = local.replace(/\$/g, '').split(':');
  const p = (ref: string) => {
    const m = /^([A-Z]*)(\d*)$/i.exec(ref)!;
    return { c: m[1] ? colIndex(m[1]) : 0, r: m[2] ? Number(m[2]) : 0 };
  };
  const x = p(a);
  const y = p(b);
  return {
    top: x.r || 1,
    left: x.c || 1,
    bottom: y.r || 1048576,
    right: y.c || 16384,
  };
}

export function cellsOf(address: string): string[] {
  const r = rect(address);
  const out: string[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) out.push(`${colLetters(c)}${row}`);
  return out;
}

function rectText(r: Rect): string {
  const a = `${colLetters(r.left)}${r.top}`;
  const b = `${colLetters(r.right)}${r.bottom}`;
  return a === b ? a : `${a}:${b}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_\u4e00-\u9fff]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

// ── workbook state ──────────────────────────────────────────────────────────────────────────────

export interface CellState {
  value: unknown;
  formula?: string;
  numberFormat?: string;
  locked: boolean;
}

export interface ValidationState {
  address: string;
  rule?: unknown;
  prompt?: unknown;
  errorAlert?: unknown;
  ignoreBlanks?: boolean;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: string;
  cells: Map<string, CellState>;
  merges: string[];
  validations: ValidationState[];
  protection: { protected: boolean; options?: Record<string, unknown>; password?: string };
  page: Record<string, unknown>;
  /** any other format write: "A1:F1 format.font.name" → value */
  formats: Map<string, unknown>;
  freeze?: string;
  handlers: ((args: unknown) => unknown)[];
  /** names scoped to this sheet (worksheet.names, ExcelApi 1.4); each may point at any sheet */
  names: Map<string, NameState>;
}

export interface NameState {
  sheet: SheetState;
  address: string;
}

export interface WriteLog {
  sync: number;
  sheet: string;
  address: string;
  prop: 'values' | 'formulas';
  data: unknown[][];
}

export interface ChangeArgs {
  address: string;
  source?: 'Local' | 'Remote';
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
  changeType?: string;
}

type Op = () => void;

/** An error as Office.js gives it: an English message and a code. */
export function officeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, name: 'OfficeExtension.Error' });
}

export interface ProtectionCall {
  sync: number;
  /** a sheet's name, or "workbook" */
  target: string;
  op: 'protect' | 'unprotect';
}
/** an OfficeMockObject with the properties and methods this model adds */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dyn = OfficeMockObject & Record<string, any>;

const NOT_LOADED = ['Error, property was not loaded', 'Error, context.sync() was not called'];

/** Wraps an OfficeMockObject property in an accessor that queues an operation when code assigns it. */
function track(obj: OfficeMockObject, props: string[], mock: MockExcel, onSet: (prop: string, value: unknown) => Op): void {
  for (const prop of props) {
    let current = obj[prop];
    Object.defineProperty(obj, prop, {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (value: unknown) => {
        current = value;
        // the package itself assigns while loading and syncing; only the code under test queues writes
        if (!mock.inSync && !(typeof value === 'string' && NOT_LOADED.includes(value))) mock.queue(onSet(prop, value));
      },
    });
  }
}

export class MockExcel {
  readonly sheets: SheetState[] = [];
  readonly names = new Map<string, NameState>();
  readonly writes: WriteLog[] = [];
  /** every onChanged event delivered to a handler */
  readonly events: Record<string, unknown>[] = [];
  /** true: events carry triggerSource (ExcelApi 1.14) */
  triggerSource = true;
  /** true: the add-in's own writes raise onChanged, as in Excel */
  ownWriteEvents = true;
  /** true: play a host that fails a batch calling a method of a null object (the adapter must then retry) */
  chainedNullFails = false;
  selection: { sheet: string; address: string } | null = null;
  active: string | null = null;
  syncCount = 0;
  inSync = false;
  /** every protect/unprotect queued by the code under test and applied */
  readonly protectionCalls: ProtectionCall[] = [];
  /** the workbook's structure protection (Review → Protect Workbook) */
  structureProtected = false;
  /** handlers of worksheets.onChanged (every sheet) */
  readonly workbookHandlers: ((args: unknown) => unknown)[] = [];
  /** a write to fail (GeneralException), e.g. to play a failure between two operations of one batch */
  failWrite: ((sheet: string, address: string) => boolean) | null = null;
  /** the document's comments (Excel's 备注), where a 报送版 keeps its sync record */
  comments = '';
  /** true: registering a change handler fails (GeneralException) */
  failHandlers = false;
  /** the officer is editing a cell */
  private cellEdit: { done: Promise<void>; end: () => void } | null = null;
  /** true: play a host that ignores delayForCellEdit (refuses the batch in cell-edit mode all the same) */
  ignoresDelayForCellEdit = false;
  /** how many batches Excel refused in cell-edit mode */
  cellEditRefusals = 0;

  readonly context: Dyn;
  private ops: Op[] = [];
  /** proxies with a load() since the last sync: the only ones the package needs to sync */
  private loaded = new Set<Dyn>();
  private nextId = 1;
  private pendingEvents: [SheetState, ChangeArgs][] = [];

  constructor() {
    this.context = new OfficeMockObject({
      workbook: {
        names: {},
        worksheets: {},
      },
    }) as Dyn;
    this.installNames(this.context.workbook.names);
    this.installWorksheets(this.context.workbook.worksheets);
    this.installWorkbookProtection();
    this.context.sync = async () => {
      await this.sync();
    };
  }

  /** global.Excel for the code under test: run(batch), run(options, batch) and run(context, batch). */
  excel(): unknown {
    const context = this.context;
    return {
      run: async (a: unknown, b?: unknown) => {
        const batch = (typeof a === 'function' ? a : b) as (ctx: unknown) => Promise<unknown>;
        const delay = typeof a === 'object' && a !== null && (a as { delayForCellEdit?: boolean }).delayForCellEdit === true;
        if (this.cellEdit) {
          if (!delay || this.ignoresDelayForCellEdit) {
            this.cellEditRefusals++;
            throw officeError('InvalidOperationInCellEditMode', 'The operation is not allowed while the user is editing a cell.');
          }
          await this.cellEdit.done;
        }
        return batch(context);
      },
    };
  }

  /** The officer starts editing a cell (F2, or typing): batches fail or wait until endCellEdit(). */
  startCellEdit(): void {
    let end!: () => void;
    const done = new Promise<void>((resolve) => (end = resolve));
    this.cellEdit = { done, end };
  }

  endCellEdit(): void {
    const edit = this.cellEdit;
    this.cellEdit = null;
    edit?.end();
  }

  /** How many change handlers are registered: on every sheet and workbook-wide. */
  handlerCount(): number {
    return this.workbookHandlers.length + this.sheets.reduce((n, s) => n + s.handlers.length, 0);
  }

  /** the model itself, for the closures of the proxies it builds */
  private self(): MockExcel {
    return this;
  }

  queue(op: Op): void {
    this.ops.push(op);
  }

  // ── test helpers ──────────────────────────────────────────────────────────────────────────────

  addSheet(name: string): SheetState {
    const sheet = this.newSheet(name);
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): SheetState {
    const s = this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  defineName(name: string, sheet: string, address: string): void {
    this.names.set(name, { sheet: this.sheet(sheet), address });
  }

  /** A name scoped to sheet `scope` (as 项目1!score_total), or undefined. */
  scopedName(scope: string, name: string): NameState | undefined {
    return this.sheet(scope).names.get(name);
  }

  /** The value in the top-left cell of a name scoped to `scope`. */
  scopedValue(scope: string, name: string): unknown {
    const n = this.scopedName(scope, name);
    if (!n) throw new Error(`no name ${scope}!${name}`);
    return n.sheet.cells.get(cellsOf(n.address)[0])?.value ?? '';
  }

  /** Writes under a name scoped to `scope` without any event (a table as rows). */
  setScopedQuiet(scope: string, name: string, value: unknown): void {
    const n = this.scopedName(scope, name);
    if (!n) throw new Error(`no name ${scope}!${name}`);
    this.writeQuiet(n, value);
  }

  /** Every name, workbook-wide and sheet-scoped. */
  allNames(): NameState[] {
    return [...this.names.values(), ...this.sheets.flatMap((s) => [...s.names.values()])];
  }

  cell(sheet: string, address: string): CellState {
    const s = this.sheet(sheet);
    let c = s.cells.get(address);
    if (!c) {
      c = { value: '', locked: true };
      s.cells.set(address, c);
    }
    return c;
  }

  /** The value in the top-left cell of a defined name. */
  valueOf(name: string): unknown {
    const n = this.names.get(name);
    if (!n) throw new Error(`no name ${name}`);
    return n.sheet.cells.get(cellsOf(n.address)[0])?.value ?? '';
  }

  /** Writes under a name without any event, as WPS or LibreOffice would have saved it. */
  setQuiet(name: string, value: unknown): void {
    const n = this.names.get(name);
    if (!n) throw new Error(`no name ${name}`);
    this.writeQuiet(n, value);
  }

  private writeQuiet(n: NameState, value: unknown): void {
    const cells = cellsOf(n.address);
    if (Array.isArray(value)) {
      const r = rect(n.address);
      const width = r.right - r.left + 1;
      cells.forEach((a, i) => this.cellIn(n.sheet, a).value = (value as unknown[][])[Math.floor(i / width)]?.[i % width] ?? '');
    } else {
      this.cellIn(n.sheet, cells[0]).value = value ?? '';
    }
  }

  /** The officer types (or pastes) into a named input: the value changes and onChanged fires. */
  async edit(name: string, value: unknown, args: Partial<ChangeArgs> = {}): Promise<void> {
    this.setQuiet(name, value);
    const n = this.names.get(name)!;
    await this.fire(n.sheet.name, { address: n.address, source: 'Local', changeType: 'RangeEdited', ...args });
  }

  /** Raises onChanged on a sheet as Excel would. */
  async fire(sheet: string, args: ChangeArgs): Promise<void> {
    const s = this.sheet(sheet);
    const event = {
      type: 'WorksheetChanged',
      worksheetId: s.id,
      address: args.address,
      source: args.source ?? 'Local',
      changeType: args.changeType ?? 'RangeEdited',
      ...(args.triggerSource ? { triggerSource: args.triggerSource } : {}),
    };
    const handlers = [...s.handlers, ...this.workbookHandlers];
    if (handlers.length) this.events.push(event);
    for (const h of handlers) await h(event);
  }

  /**
   * Inserts rows above `row`: cells and names below move down, a name spanning the row grows by the rows
   * inserted (workbook-wide and sheet-scoped alike), and the new rows take the format of the row above — its
   * lock and number format — as Excel does.
   */
  insertRows(sheet: string, row: number, count: number): void {
    const s = this.sheet(sheet);
    const moved = new Map<string, CellState>();
    for (const [a, c] of s.cells) {
      const r = rect(a);
      moved.set(r.top >= row ? `${colLetters(r.left)}${r.top + count}` : a, c);
    }
    s.cells.clear();
    for (const [a, c] of moved) s.cells.set(a, c);
    if (row > 1) {
      for (const [a, c] of [...s.cells].filter(([a]) => rect(a).top === row - 1)) {
        for (let k = 0; k < count; k++) {
          s.cells.set(`${colLetters(rect(a).left)}${row + k}`, { value: '', locked: c.locked, ...(c.numberFormat ? { numberFormat: c.numberFormat } : {}) });
        }
      }
    }
    for (const n of this.allNames()) {
      if (n.sheet !== s) continue;
      const r = rect(n.address);
      if (r.top >= row) n.address = rectText({ ...r, top: r.top + count, bottom: r.bottom + count });
      else if (r.bottom >= row) n.address = rectText({ ...r, bottom: r.bottom + count });
    }
  }

  /** Deletes rows row … row+count−1: cells below move up, names shrink or move, as in Excel. */
  deleteRows(sheet: string, row: number, count: number): void {
    const s = this.sheet(sheet);
    const last = row + count - 1;
    const moved = new Map<string, CellState>();
    for (const [a, c] of s.cells) {
      const r = rect(a);
      if (r.top >= row && r.top <= last) continue;
      moved.set(r.top > last ? `${colLetters(r.left)}${r.top - count}` : a, c);
    }
    s.cells.clear();
    for (const [a, c] of moved) s.cells.set(a, c);
    for (const n of this.allNames()) {
      if (n.sheet !== s) continue;
      const r = rect(n.address);
      const top = r.top > last ? r.top - count : r.top >= row ? row : r.top;
      const bottom = r.bottom > last ? r.bottom - count : r.bottom >= row ? row - 1 : r.bottom;
      n.address = rectText({ ...r, top, bottom: Math.max(top, bottom) });
    }
  }

  /** Every input/output address the add-in wrote, as "Sheet!A1" cells. */
  writtenCells(): string[] {
    return this.writes.flatMap((w) => cellsOf(w.address).map((c) => `${w.sheet}!${c}`));
  }

  // ── sync ─────────────────────────────────────────────────────────────────────────────────────────

  private async sync(): Promise<void> {
    this.syncCount++;
    const ops = this.ops;
    this.ops = [];
    let failure: unknown = null;
    for (const op of ops) {
      try {
        op();
      } catch (e) {
        failure = e;
        break;
      }
    }
    this.inSync = true;
    const loaded = [...this.loaded];
    this.loaded.clear();
    try {
      for (const p of loaded) {
        await p.sync();
        p.__markSynced();
      }
      // the package resolves nested loads in later microtasks
      for (let i = 0; i < 12; i++) await Promise.resolve();
    } finally {
      this.inSync = false;
    }
    const events = this.pendingEvents;
    this.pendingEvents = [];
    if (failure) throw failure;
    // Excel raises the events of a batch after it has run
    for (const [sheet, args] of events) {
      void Promise.resolve().then(() => this.fire(sheet.name, args));
    }
  }

  /**
   * An OfficeMockObject over `data`. isNullObject, like in Office.js, can be read only once the proxy was
   * loaded and synced (reading it earlier throws); the package's own load() is wrapped to know that.
   */
  private proxy<T extends Record<string, unknown>>(data: T & { isNullObject?: boolean }): Dyn {
    const { isNullObject, ...rest } = data;
    const p = new OfficeMockObject(rest) as Dyn;
    const load = p.load.bind(p);
    let synced = false;
    p.load = (props: Parameters<OfficeMockObject['load']>[0]) => {
      this.loaded.add(p);
      p.__markSynced = () => (synced = true);
      return load(props);
    };
    Object.defineProperty(p, 'isNullObject', {
      get: () => {
        if (!synced) throw new Error('PropertyNotLoaded: isNullObject read before load() and context.sync()');
        return !!isNullObject;
      },
    });
    return p;
  }

  private newSheet(name: string): SheetState {
    return {
      id: `{sheet-${this.nextId++}}`,
      name,
      visibility: 'Visible',
      cells: new Map(),
      merges: [],
      validations: [],
      protection: { protected: false },
      page: {},
      formats: new Map(),
      handlers: [],
      names: new Map(),
    };
  }

  private cellIn(sheet: SheetState, address: string): CellState {
    let c = sheet.cells.get(address);
    if (!c) {
      c = { value: '', locked: true };
      sheet.cells.set(address, c);
    }
    return c;
  }

  private failChained(what: string): void {
    this.queue(() => {
      throw officeError('InvalidObjectPath', `The object path '${what}' isn't working for what you're trying to do.`);
    });
  }

  private live(sheet: SheetState): void {
    if (!this.sheets.includes(sheet)) throw officeError('ItemNotFound', `The requested resource doesn't exist (worksheet ${sheet.name}).`);
  }

  // ── names ───────────────────────────────────────────────────────────────────────────────────────

  private installNames(names: Dyn, store: Map<string, NameState> = this.names): void {
    const mock = this.self();
    names.load = () => {
      mock.queue(() => {
        names.items = [...store].map(([name, n]) => ({
          name,
          type: 'Range',
          value: mock.sheets.includes(n.sheet) ? `=${quoteSheet(n.sheet.name)}!${absolute(n.address)}` : '=#REF!',
        }));
      });
      return names;
    };
    names.getItemOrNullObject = (name: string) => mock.namedItem(name, true, store);
    names.getItem = (name: string) => mock.namedItem(name, false, store);
    names.add = (name: string, reference: Dyn) => {
      const target = reference.__target as { sheet: SheetState; address: string };
      mock.queue(() => {
        if (store.has(name)) throw officeError('InvalidArgument', `The argument is invalid or missing (the name ${name} already exists).`);
        store.set(name, { sheet: target.sheet, address: target.address });
      });
      return mock.namedItem(name, true, store);
    };
  }

  private namedItem(name: string, orNull: boolean, store: Map<string, NameState> = this.names): Dyn {
    // a name whose sheet was deleted still exists (=#REF!) but has no range
    const n = store.get(name);
    const resolves = !!n && this.sheets.includes(n.sheet);
    if (!n && !orNull) this.queue(() => {
      throw officeError('ItemNotFound', `The requested resource doesn't exist (name ${name}).`);
    });
    const item = this.proxy({ name, type: 'Range', isNullObject: !n, value: resolves ? `=${n!.sheet.name}!${n!.address}` : '=#REF!' });
    item.formula = n ? `=${quoteSheet(n.sheet.name)}!${absolute(n.address)}` : '';
    item.getRangeOrNullObject = () => {
      if (!n && this.chainedNullFails) this.failChained(name);
      return resolves ? this.range(n!.sheet, n!.address) : this.nullRange();
    };
    item.getRange = () => {
      if (resolves) return this.range(n!.sheet, n!.address);
      this.queue(() => {
        throw officeError('InvalidReference', `This reference isn't valid for the current operation (name ${name}).`);
      });
      return this.nullRange();
    };
    item.delete = () => this.queue(() => {
      store.delete(name);
    });
    // NamedItem.formula (ExcelApi 1.7): pointing the name elsewhere, e.g. "=jixiao_out!$B$5"
    track(item, ['formula'], this, (_, value) => () => {
      const m = /^=(?:'((?:[^']|'')+)'|([^!]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(String(value));
      const target = m && this.sheets.find((x) => x.name.toLowerCase() === (m[1]?.replace(/''/g, "'") ?? m[2]).toLowerCase());
      if (!m || !target) throw officeError('InvalidArgument', `The argument is invalid or missing (${String(value)}).`);
      const current = store.get(name);
      if (!current) throw officeError('ItemNotFound', `The requested resource doesn't exist (name ${name}).`);
      store.set(name, { sheet: target, address: m[3].replace(/\$/g, '') });
    });
    return item;
  }

  // ── worksheets ──────────────────────────────────────────────────────────────────────────────────

  private installWorksheets(sheets: Dyn): void {
    const mock = this.self();
    sheets.load = () => {
      mock.queue(() => {
        sheets.items = mock.sheets.map((s) => ({
          name: s.name,
          id: s.id,
          visibility: s.visibility,
          protection: { protected: s.protection.protected, options: s.protection.options ?? {} },
        }));
      });
      return sheets;
    };
    const find = (key: string) => mock.sheets.find((s) => s.id === key || s.name.toLowerCase() === key.toLowerCase());
    sheets.getItem = (key: string) => {
      const s = find(key);
      if (!s) {
        mock.queue(() => {
          throw officeError('ItemNotFound', `The requested resource doesn't exist (worksheet ${key}).`);
        });
        return mock.worksheet(mock.newSheet(key), true);
      }
      return mock.worksheet(s, false);
    };
    sheets.getItemOrNullObject = (key: string) => {
      const s = find(key);
      return s ? mock.worksheet(s, false) : mock.worksheet(mock.newSheet(key), true);
    };
    sheets.add = (name: string) => {
      const s = mock.newSheet(name);
      mock.queue(() => {
        mock.structureUnlocked('add a sheet');
        if (find(name)) throw officeError('ItemAlreadyExists', `A resource with the same name or identifier already exists (worksheet ${name}).`);
        mock.sheets.push(s);
      });
      return mock.worksheet(s, false);
    };
    sheets.onChanged = {
      add: (handler: (args: unknown) => unknown) => {
        mock.queue(() => {
          if (mock.failHandlers) throw officeError('GeneralException', 'An internal error has occurred.');
          mock.workbookHandlers.push(handler);
        });
        return {
          context: mock.context,
          remove: () => mock.queue(() => void mock.workbookHandlers.splice(mock.workbookHandlers.indexOf(handler), 1)),
        };
      },
    };
  }

  /** Excel refuses changes to the sheets of a workbook whose structure is protected. */
  private structureUnlocked(what: string): void {
    if (this.structureProtected) throw officeError('AccessDenied', `You cannot perform the requested operation (${what}: the workbook's structure is protected).`);
  }

  /** workbook.protection: a fresh proxy at each access, holding the structure protection as it is then. */
  private installWorkbookProtection(): void {
    const mock = this.self();
    Object.defineProperty(this.context.workbook, 'properties', { get: () => mock.proxy({ comments: mock.comments }) });
    Object.defineProperty(this.context.workbook, 'protection', {
      get: () => {
        const protection = mock.proxy({ protected: mock.structureProtected });
        protection.protect = () =>
          mock.queue(() => {
            mock.protectionCalls.push({ sync: mock.syncCount, target: 'workbook', op: 'protect' });
            mock.structureProtected = true;
          });
        protection.unprotect = () =>
          mock.queue(() => {
            mock.protectionCalls.push({ sync: mock.syncCount, target: 'workbook', op: 'unprotect' });
            mock.structureProtected = false;
          });
        return protection;
      },
    });
  }

  private worksheet(s: SheetState, isNull: boolean): Dyn {
    const mock = this.self();
    const ws = this.proxy({
      id: s.id,
      name: s.name,
      visibility: s.visibility,
      position: 0,
      isNullObject: isNull,
      protection: {
        protected: s.protection.protected,
        protect: (options?: Record<string, unknown>, password?: string) =>
          mock.queue(() => {
            mock.live(s);
            mock.protectionCalls.push({ sync: mock.syncCount, target: s.name, op: 'protect' });
            if (s.protection.protected) throw officeError('InvalidOperation', 'The operation is invalid (the sheet is already protected).');
            s.protection = { protected: true, options: options ?? {}, ...(password ? { password } : {}) };
          }),
        unprotect: (password?: string) =>
          mock.queue(() => {
            mock.live(s);
            mock.protectionCalls.push({ sync: mock.syncCount, target: s.name, op: 'unprotect' });
            if (s.protection.password && s.protection.password !== password) {
              throw officeError('InvalidArgument', 'The password you supplied is not correct.');
            }
            s.protection = { protected: false, options: s.protection.options };
          }),
      },
      pageLayout: {
        orientation: '',
        paperSize: '',
        zoom: '',
        leftMargin: 0,
        rightMargin: 0,
        topMargin: 0,
        bottomMargin: 0,
        headerMargin: 0,
        footerMargin: 0,
        centerHorizontally: false,
        headersFooters: { defaultForAllPages: { leftFooter: '', centerFooter: '', rightFooter: '' } },
        setPrintArea: (area: string) => mock.queue(() => void (s.page.printArea = area)),
        setPrintTitleRows: (rows: string) => mock.queue(() => void (s.page.titleRows = rows)),
      },
      freezePanes: {
        freezeRows: (n: number) => mock.queue(() => void (s.freeze = `rows:${n}`)),
        freezeColumns: (n: number) => mock.queue(() => void (s.freeze = `columns:${n}`)),
        freezeAt: (r: string) => mock.queue(() => void (s.freeze = `at:${r}`)),
      },
      onChanged: {
        add: (handler: (args: unknown) => unknown) => {
          mock.queue(() => {
            mock.live(s);
            if (mock.failHandlers) throw officeError('GeneralException', 'An internal error has occurred.');
            s.handlers.push(handler);
          });
          return { context: mock.context, remove: () => mock.queue(() => void s.handlers.splice(s.handlers.indexOf(handler), 1)) };
        },
      },
      getRange: (address: string) => mock.range(s, address),
      getUsedRangeOrNullObject: () => {
        if (isNull && mock.chainedNullFails) mock.failChained(s.name);
        if (isNull) return mock.nullRange();
        const used = [...s.cells].filter(([, c]) => c.value !== '' && c.value !== null && c.value !== undefined).map(([a]) => rect(a));
        if (!used.length) return mock.nullRange();
        const r = used.reduce((a, b) => ({
          top: Math.min(a.top, b.top),
          left: Math.min(a.left, b.left),
          bottom: Math.max(a.bottom, b.bottom),
          right: Math.max(a.right, b.right),
        }));
        return mock.range(s, rectText({ ...r, top: 1, left: 1 }));
      },
      activate: () => mock.queue(() => void (mock.active = s.name)),
      delete: () =>
        mock.queue(() => {
          if (isNull) return;
          mock.structureUnlocked('delete a sheet');
          mock.sheets.splice(mock.sheets.indexOf(s), 1);
        }),
    });
    // names scoped to the sheet (a null sheet's collection is empty and refuses nothing until used)
    ws.names = this.proxy({});
    this.installNames(ws.names, s.names);
    // Worksheet.position (zero-based): setting it moves the sheet, as dragging its tab does
    track(ws, ['position'], this, (_, value) => () => {
      this.live(s);
      this.structureUnlocked('move a sheet');
      this.sheets.splice(this.sheets.indexOf(s), 1);
      this.sheets.splice(Math.min(Number(value), this.sheets.length), 0, s);
    });
    track(ws, ['visibility'], this, (_, value) => () => {
      this.live(s);
      this.structureUnlocked('hide a sheet');
      s.visibility = String(value);
    });
    track(ws.pageLayout, ['orientation', 'paperSize', 'zoom', 'leftMargin', 'rightMargin', 'topMargin', 'bottomMargin', 'headerMargin', 'footerMargin', 'centerHorizontally'], this, (prop, value) => () => {
      s.page[prop] = value;
    });
    track(ws.pageLayout.headersFooters.defaultForAllPages, ['leftFooter', 'centerFooter', 'rightFooter'], this, (prop, value) => () => {
      s.page[prop] = value;
    });
    return ws;
  }

  // ── ranges ──────────────────────────────────────────────────────────────────────────────────────

  private nullRange(): Dyn {
    const r = this.proxy({ isNullObject: true, address: '', values: '', formulas: '', rowCount: 0, columnCount: 0 });
    r.getCell = () => this.nullRange();
    return r;
  }

  private range(s: SheetState, address: string): Dyn {
    const mock = this.self();
    const r0 = rect(address);
    const whole = r0.bottom === 1048576 || r0.right === 16384;
    const grid = (pick: (c: CellState | undefined) => unknown) => {
      if (whole) return [[]];
      const rows: unknown[][] = [];
      for (let row = r0.top; row <= r0.bottom; row++) {
        const line: unknown[] = [];
        for (let c = r0.left; c <= r0.right; c++) line.push(pick(s.cells.get(`${colLetters(c)}${row}`)));
        rows.push(line);
      }
      return rows;
    };
    const local = whole ? address : rectText(r0);
    const range = this.proxy({
      isNullObject: false,
      address: `${quoteSheet(s.name)}!${local}`,
      values: grid((c) => c?.value ?? ''),
      formulas: grid((c) => (c?.formula ? `=${c.formula}` : (c?.value ?? ''))),
      numberFormat: grid((c) => c?.numberFormat ?? 'General'),
      // what the cell shows: a number formatted as a percentage as such (0.95 → 95.00%), anything else as text
      text: grid((c) => shownText(c)),
      rowCount: whole ? 0 : r0.bottom - r0.top + 1,
      columnCount: whole ? 0 : r0.right - r0.left + 1,
      format: {
        columnWidth: 0,
        rowHeight: 0,
        horizontalAlignment: '',
        verticalAlignment: '',
        wrapText: false,
        indentLevel: 0,
        font: { name: '', size: 0, bold: false, color: '' },
        fill: { color: '' },
        protection: { locked: true },
      },
      dataValidation: { rule: '', prompt: '', errorAlert: '', ignoreBlanks: true },
    });
    range.__target = { sheet: s, address: local };
    // true or false when every cell agrees, null when they differ (as Excel answers for a range)
    range.format.protection.locked = lockedOf(whole ? [] : cellsOf(local).map((a) => s.cells.get(a)?.locked ?? true));
    Object.defineProperty(range, 'worksheet', { get: () => mock.worksheet(s, false) });
    range.getCell = (row: number, column: number) =>
      mock.range(s, `${colLetters(r0.left + column)}${r0.top + row}`);
    range.merge = () =>
      mock.queue(() => {
        mock.live(s);
        s.merges.push(local);
      });
    range.select = () =>
      mock.queue(() => {
        mock.live(s);
        mock.selection = { sheet: s.name, address: local };
      });
    range.format.borders = {
      getItem: (edge: string) => {
        const b: Record<string, unknown> = {};
        for (const prop of ['style', 'weight', 'color']) {
          Object.defineProperty(b, prop, {
            set: (v: unknown) => mock.queue(() => void s.formats.set(`${local} border.${edge}.${prop}`, v)),
          });
        }
        return b;
      },
    };
    range.dataValidation.clear = () => mock.queue(() => void (s.validations = s.validations.filter((v) => v.address !== local)));

    track(range, ['values', 'formulas'], this, (prop, value) => () => this.writeCells(s, local, prop as 'values' | 'formulas', value as unknown[][]));
    track(range, ['numberFormat'], this, (_, value) => () => {
      this.live(s);
      cellsOf(local).forEach((a, i) => (this.cellIn(s, a).numberFormat = String((value as unknown[][]).flat()[i])));
    });
    track(range.format.protection, ['locked'], this, (_, value) => () => {
      this.live(s);
      for (const a of whole ? [] : cellsOf(local)) this.cellIn(s, a).locked = value as boolean;
    });
    const formatLog = (prefix: string) => (prop: string, value: unknown) => () => {
      this.live(s);
      s.formats.set(`${local} ${prefix}${prop}`, value);
    };
    track(range.format, ['columnWidth', 'rowHeight', 'horizontalAlignment', 'verticalAlignment', 'wrapText', 'indentLevel'], this, formatLog('format.'));
    track(range.format.font, ['name', 'size', 'bold', 'color'], this, formatLog('font.'));
    track(range.format.fill, ['color'], this, formatLog('fill.'));
    track(range.dataValidation, ['rule', 'prompt', 'errorAlert', 'ignoreBlanks'], this, (prop, value) => () => {
      this.live(s);
      let v = s.validations.find((x) => x.address === local);
      if (!v) {
        v = { address: local };
        s.validations.push(v);
      }
      (v as unknown as Record<string, unknown>)[prop] = value;
    });
    return range;
  }

  private writeCells(s: SheetState, address: string, prop: 'values' | 'formulas', data: unknown[][]): void {
    this.live(s);
    const r = rect(address);
    if (!Array.isArray(data) || data.length !== r.bottom - r.top + 1 || data.some((row) => row.length !== r.right - r.left + 1)) {
      throw officeError('InvalidArgument', `The argument is invalid or missing (${prop} for ${address} do not match its size).`);
    }
    const cells = cellsOf(address);
    if (s.protection.protected && cells.some((a) => this.cellIn(s, a).locked)) {
      throw officeError('AccessDenied', `The cell or chart you're trying to change (${s.name}!${address}) is on a protected sheet.`);
    }
    if (this.failWrite?.(s.name, address)) throw officeError('GeneralException', 'An internal error has occurred.');
    const flat = data.flat();
    cells.forEach((a, i) => {
      const c = this.cellIn(s, a);
      const v = flat[i];
      if (typeof v === 'string' && v.startsWith('=')) {
        c.formula = v.slice(1);
        c.value = '';
      } else {
        delete c.formula;
        c.value = typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v;
      }
    });
    this.writes.push({ sync: this.syncCount, sheet: s.name, address, prop, data });
    if (this.ownWriteEvents && (s.handlers.length || this.workbookHandlers.length)) {
      this.pendingEvents.push([s, { address, source: 'Local', ...(this.triggerSource ? { triggerSource: 'ThisLocalAddin' as const } : {}) }]);
    }
  }
}

function lockedOf(cells: boolean[]): boolean | null {
  if (!cells.length || cells.every((c) => c)) return true;
  return cells.every((c) => !c) ? false : null;
}

function shownText(c: CellState | undefined): string {
  const v = c?.value;
  if (v === '' || v === null || v === undefined) return '';
  const pct = /^0(?:\.(0+))?%$/.exec(c?.numberFormat ?? '');
  if (typeof v === 'number' && pct) return `${(v * 100).toFixed(pct[1]?.length ?? 0)}%`;
  return String(v);
}

function absolute(address: string): string {
  return address
    .split(':')
    .map((a) => a.replace(/^([A-Z]+)(\d+)$/i, '$$$1$$$2'))
    .join(':');
}
