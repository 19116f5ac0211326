import { getScheme, type RawValue } from '../../src/engine';
import type { BytesStore } from '../../src/workbook/browser/bytesStore';
import { DraftStore } from '../../src/workbook/browser/drafts';
import { FileSession, type FileSessionOptions } from '../../src/workbook/browser/fileSession';
import type { TemplateOptions } from '../../src/workbook/types';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import example from '../../templates/samples/dept-2013-example.json';

/** The worked example of spec/dept-2013.md (total 73.28, 中), a fresh copy each call. */
export function exampleValues(): Record<string, RawValue> {
  return JSON.parse(JSON.stringify(example)) as Record<string, RawValue>;
}

/** localStorage as the page sees it, in memory: one per simulated browser profile. */
export class MemoryStorage implements Storage {
  private readonly data = new Map<string, string>();
  get length(): number {
    return this.data.size;
  }
  clear(): void {
    this.data.clear();
  }
  getItem(key: string): string | null {
    return this.data.has(key) ? this.data.get(key)! : null;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
  setItem(key: string, value: string): void {
    this.data.set(key, String(value));
  }
  keys(): string[] {
    return [...this.data.keys()];
  }
}

/** IndexedDB's part, in memory. */
export function memoryBytes(): BytesStore & { data: Map<string, Uint8Array> } {
  const data = new Map<string, Uint8Array>();
  return {
    data,
    get: async (k) => data.get(k) ?? null,
    put: async (k, b) => void data.set(k, b.slice()),
    delete: async (k) => void data.delete(k),
  };
}

/** A blank template as `jixiao template` writes it, with any inputs filled in. */
export async function templateBytes(values: Record<string, RawValue> = {}, options: TemplateOptions = {}, extraSheet?: string): Promise<Uint8Array> {
  const wb = await XlsxWorkbook.create();
  await wb.insertTemplate(getScheme(), options);
  if (Object.keys(values).length) wb.fillInputs(getScheme(), values);
  if (extraSheet) wb.workbook.addWorksheet(extraSheet).getCell('A1').value = '单位自己的备注';
  return wb.toBuffer();
}

export interface Saved {
  bytes: Uint8Array;
  fileName: string;
}

export function newSession(storage: Storage, options: FileSessionOptions & { saved?: Saved[] } = {}): FileSession {
  const { saved, ...rest } = options;
  return new FileSession({
    drafts: new DraftStore(storage),
    bytes: rest.bytes ?? memoryBytes(),
    debounceMs: 5,
    save: (bytes, fileName) => saved?.push({ bytes, fileName }),
    onError: (e) => {
      throw e;
    },
    ...rest,
  });
}

export function fileOf(bytes: Uint8Array, name: string): File {
  return new File([bytes as BlobPart], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Re-opens bytes with the exceljs adapter and scores them. */
export async function rescore(bytes: Uint8Array) {
  const { evaluate } = await import('../../src/engine');
  const wb = await XlsxWorkbook.fromBuffer(bytes);
  const scheme = getScheme();
  return { wb, evaluation: evaluate(scheme, await wb.readInputs(scheme)) };
}
