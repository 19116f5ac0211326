/**
 * The files a bureau hands the page: chosen from a folder (each named by its path inside it), chosen one by one,
 * or dropped — files and whole folders, walked through the browser's entries.
 */
import { REVIEWABLE, type ChosenFile } from './runner';

/** Files of an <input type=file> (webkitdirectory or multiple), by their path inside the folder when there is one. */
export function chosenOf(list: FileList | readonly File[]): ChosenFile[] {
  return sortFiles(
    Array.from(list)
      .map((f) => ({ name: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name, file: f as Blob }))
      .filter((f) => keep(f.name)),
  );
}

/** Lock files (~$…) and hidden files are no forms. */
function keep(name: string): boolean {
  const base = name.split('/').pop() ?? name;
  return REVIEWABLE.test(base) && !base.startsWith('~$') && !base.startsWith('.');
}

function sortFiles(files: ChosenFile[]): ChosenFile[] {
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: Entry[]) => void, fail: (e: unknown) => void): void };
}

async function walk(entry: Entry, out: ChosenFile[]): Promise<void> {
  if (entry.isFile && entry.file) {
    const file = await new Promise<File>((ok, fail) => entry.file!(ok, fail));
    const name = entry.fullPath.replace(/^\//, '') || file.name;
    if (keep(name)) out.push({ name, file });
  } else if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader();
    // readEntries answers in batches until an empty one
    for (;;) {
      const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
      if (!batch.length) break;
      for (const e of batch) await walk(e, out);
    }
  }
}

/** Every file of a drop, folders walked. */
export async function droppedFiles(data: DataTransfer): Promise<ChosenFile[]> {
  const entries: Entry[] = [];
  for (const item of Array.from(data.items ?? [])) {
    const entry = item.kind === 'file' ? (item.webkitGetAsEntry?.() as unknown as Entry | null) : null;
    if (entry) entries.push(entry);
  }
  if (!entries.length) return chosenOf(data.files);
  const out: ChosenFile[] = [];
  for (const e of entries) await walk(e, out);
  return sortFiles(out);
}
