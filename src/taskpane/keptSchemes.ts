/**
 * Scheme files the officer opened on the standalone page (a file the bureau mailed), kept in the browser so that
 * they survive a reload, until removed. IndexedDB where the page has it (its own database: the opened workbook's
 * store must not be upgraded under it); else kept for the page's life only.
 */
import { done, oneStoreDatabase, request } from '../workbook/browser/idb';
export interface KeptScheme {
  /** SHA-256 of the text: the same file opened twice is kept once */
  key: string;
  /** the file name as opened */
  name: string;
  text: string;
  keptAt: string;
}

export interface KeptSchemeStore {
  list(): Promise<KeptScheme[]>;
  put(item: KeptScheme): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Kept in memory: for the page's life (a browser without IndexedDB), and for tests. */
export function memorySchemeStore(): KeptSchemeStore {
  const items = new Map<string, KeptScheme>();
  return {
    list: async () => [...items.values()].sort((a, b) => a.keptAt.localeCompare(b.keptAt)),
    put: async (item) => void items.set(item.key, { ...item }),
    remove: async (key) => void items.delete(key),
  };
}

const DB = 'jixiao-schemes';
const STORE = 'schemes';

const isKept = (x: unknown): x is KeptScheme =>
  !!x && typeof x === 'object' && ['key', 'name', 'text', 'keptAt'].every((k) => typeof (x as Record<string, unknown>)[k] === 'string');

/**
 * IndexedDB. Reading fails soft (nothing kept is nothing listed); keeping and removing fail loud, so that the page
 * does not say a file is kept when it is not.
 */
export function indexedDbSchemeStore(factory: IDBFactory): KeptSchemeStore {
  const open = oneStoreDatabase(factory, DB, STORE, { keyPath: 'key' });
  return {
    async list() {
      try {
        const tx = (await open()).transaction(STORE, 'readonly');
        const all: unknown[] = await request(tx.objectStore(STORE).getAll());
        return all.filter(isKept).sort((a, b) => a.keptAt.localeCompare(b.keptAt));
      } catch {
        return [];
      }
    },
    async put(item) {
      const tx = (await open()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(item);
      await done(tx);
    },
    async remove(key) {
      const tx = (await open()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(key);
      await done(tx);
    },
  };
}

/** IndexedDB where the page has it, else memory. */
export function defaultSchemeStore(): KeptSchemeStore {
  const factory = typeof indexedDB !== 'undefined' ? indexedDB : undefined;
  return factory ? indexedDbSchemeStore(factory) : memorySchemeStore();
}
