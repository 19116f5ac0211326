/** The few IndexedDB steps the page's stores share: a request or a transaction as a promise, a database opened once. */

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
    tx.onerror = () => reject(tx.error);
  });
}

/**
 * A database of one object store, opened (and created) on first use and kept open; a failed open is tried again
 * next time rather than remembered.
 */
export function oneStoreDatabase(factory: IDBFactory, name: string, store: string, options?: IDBObjectStoreParameters): () => Promise<IDBDatabase> {
  let db: Promise<IDBDatabase> | null = null;
  return () => {
    if (!db) {
      db = new Promise<IDBDatabase>((resolve, reject) => {
        const req = factory.open(name, 1);
        req.onupgradeneeded = () => {
          if (!req.result.objectStoreNames.contains(store)) req.result.createObjectStore(store, options);
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
        req.onblocked = () => reject(new Error('IndexedDB blocked'));
      });
      db.catch(() => (db = null));
    }
    return db;
  };
}
