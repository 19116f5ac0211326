import type { FormValue, FormValues } from './formValues';

/**
 * What the standalone page keeps in localStorage so that a reload loses nothing the officer typed: one entry
 * per scheme (key `jixiao:draft:<scheme id>`), holding the form's values as typed and the opened file's name.
 * It is kept until the workbook is downloaded or the officer presses 清除. Nothing is sent anywhere.
 */
export interface Draft {
  v: 1;
  scheme: string;
  schemeVersion: string;
  /** the name of the file the officer opened, or null for a template made here */
  fileName: string | null;
  /** where the workbook came from: an opened file (its bytes may be kept in IndexedDB) or a new template */
  origin: 'file' | 'template';
  /** every input of the form, as text (a survey grid as rows of text) */
  values: FormValues;
  /** the inputs the officer changed here: what is replayed on top of the opened file's bytes */
  typed: string[];
  savedAt: string;
  /**
   * A workbook of target tables: every form (project sheet) with its values and what was typed in it; `values`
   * and `typed` then repeat the first form's.
   */
  forms?: DraftForm[];
  /**
   * The scheme's canonical JSON when it is not one of the page's own (a region's scheme from a file or carried by
   * the workbook): a reload finds it here, so what was typed is restored whatever the catalog holds then.
   */
  schemeJson?: string;
}

/** One form of a draft: its sheet (null for the workbook-wide form), its values as the form shows them, what was typed. */
export interface DraftForm {
  sheet: string | null;
  values: FormValues;
  typed: string[];
}

function isDraftForm(x: unknown): x is DraftForm {
  if (!x || typeof x !== 'object') return false;
  const f = x as Record<string, unknown>;
  return (
    (f.sheet === null || typeof f.sheet === 'string') &&
    !!f.values &&
    typeof f.values === 'object' &&
    Object.values(f.values as object).every(isFormValue) &&
    Array.isArray(f.typed) &&
    f.typed.every((n) => typeof n === 'string')
  );
}

export const DRAFT_PREFIX = 'jixiao:draft:';

export function draftKey(schemeId: string): string {
  return DRAFT_PREFIX + schemeId;
}

/** localStorage when the page may use it (it throws in some private modes, or is missing), else null. */
export function browserStorage(): Storage | null {
  try {
    const s = globalThis.localStorage;
    if (!s) return null;
    const probe = `${DRAFT_PREFIX}probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

function isFormValue(v: unknown): v is FormValue {
  if (typeof v === 'string') return true;
  return Array.isArray(v) && v.every((row) => Array.isArray(row) && row.every((c) => typeof c === 'string'));
}

function isDraft(x: unknown): x is Draft {
  if (!x || typeof x !== 'object') return false;
  const d = x as Record<string, unknown>;
  return (
    d.v === 1 &&
    typeof d.scheme === 'string' &&
    typeof d.schemeVersion === 'string' &&
    (d.fileName === null || typeof d.fileName === 'string') &&
    (d.origin === 'file' || d.origin === 'template') &&
    !!d.values &&
    typeof d.values === 'object' &&
    !Array.isArray(d.values) &&
    Object.values(d.values as object).every(isFormValue) &&
    Array.isArray(d.typed) &&
    d.typed.every((n) => typeof n === 'string') &&
    typeof d.savedAt === 'string' &&
    (d.forms === undefined || (Array.isArray(d.forms) && d.forms.every(isDraftForm))) &&
    (d.schemeJson === undefined || typeof d.schemeJson === 'string')
  );
}

export class DraftStore {
  constructor(private readonly storage: Storage | null = browserStorage()) {}

  get available(): boolean {
    return this.storage !== null;
  }

  load(schemeId: string): Draft | null {
    if (!this.storage) return null;
    try {
      const text = this.storage.getItem(draftKey(schemeId));
      if (!text) return null;
      const data: unknown = JSON.parse(text);
      return isDraft(data) && data.scheme === schemeId ? data : null;
    } catch {
      return null;
    }
  }

  /** The most recently saved draft among these schemes and those drafts that carry their scheme. */
  latest(schemeIds: string[]): Draft | null {
    let best: Draft | null = null;
    for (const id of new Set([...schemeIds, ...this.carrying()])) {
      const d = this.load(id);
      if (d && (!best || d.savedAt > best.savedAt)) best = d;
    }
    return best;
  }

  /** The scheme ids of the drafts kept with their own scheme. */
  private carrying(): string[] {
    const ids: string[] = [];
    if (!this.storage) return ids;
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (!key?.startsWith(DRAFT_PREFIX)) continue;
        const id = key.slice(DRAFT_PREFIX.length);
        if (this.load(id)?.schemeJson) ids.push(id);
      }
    } catch {
      // storage refused: no draft to offer
    }
    return ids;
  }

  /** False when it could not be kept (storage full or refused). */
  save(draft: Draft): boolean {
    if (!this.storage) return false;
    try {
      this.storage.setItem(draftKey(draft.scheme), JSON.stringify(draft));
      return true;
    } catch {
      return false;
    }
  }

  remove(schemeId: string): void {
    try {
      this.storage?.removeItem(draftKey(schemeId));
    } catch {
      // nothing to forget
    }
  }
}
