/**
 * The opened file's original bytes, kept in IndexedDB beside the draft in localStorage, so that after a
 * reload the workbook is the officer's own file again (their other sheets, their formatting) with what they
 * typed replayed on top. Where IndexedDB is missing or refuses, nothing is kept and the workbook is rebuilt
 * from the template and the typed values instead.
 */
import { done, oneStoreDatabase, request } from './idb';
export interface BytesStore {
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, bytes: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Keeps nothing. */
export const noBytesStore: BytesStore = {
  get: async () => null,
  put: async () => undefined,
  delete: async () => undefined,
};

const DB = 'jixiao';
const STORE = 'files';

/** IndexedDB when the page has it, else a store that keeps nothing. Every failure is swallowed: the bytes are a nicety. */
export function indexedDbBytesStore(factory: IDBFactory | undefined = globalThis.indexedDB): BytesStore {
  if (!factory) return noBytesStore;
  const open = oneStoreDatabase(factory, DB, STORE);
  return {
    async get(key) {
      try {
        const tx = (await open()).transaction(STORE, 'readonly');
        const value: unknown = await request(tx.objectStore(STORE).get(key));
        if (value instanceof ArrayBuffer) return new Uint8Array(value);
        if (value instanceof Uint8Array) return value;
        return null;
      } catch {
        return null;
      }
    },
    async put(key, bytes) {
      try {
        const tx = (await open()).transaction(STORE, 'readwrite');
        // a copy of just these bytes (the array may view a larger buffer)
        tx.objectStore(STORE).put(bytes.slice().buffer, key);
        await done(tx);
      } catch {
        // not kept: a reload rebuilds the workbook from the template instead
      }
    },
    async delete(key) {
      try {
        const tx = (await open()).transaction(STORE, 'readwrite');
        tx.objectStore(STORE).delete(key);
        await done(tx);
      } catch {
        // nothing to forget
      }
    },
  };
}
