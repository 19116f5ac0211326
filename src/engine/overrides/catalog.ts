/**
 * The catalog of a schemes folder: `schemes/index.json` beside the built page, which a static web server cannot
 * list. `jixiao scheme catalog DIR` writes it (every file checked, the invalid ones with their reason); IT may
 * also write it by hand as a plain list of file names. The page reads the files it names and checks each itself,
 * so the catalog only says which files there are.
 */

export const CATALOG_FORMAT = 1;

/** One scheme file of the folder as the command found it. */
export interface CatalogFileEntry {
  file: string;
  valid: boolean;
  id?: string;
  version?: string;
  title?: string;
  /** SHA-256 of the merged scheme's canonical JSON */
  hash?: string;
  /** why the file is refused, in Chinese (invalid files) */
  problem?: string;
}

export interface CatalogFile {
  format: number;
  schemes: CatalogFileEntry[];
}

/** A file name the page may fetch from the folder: a plain name ending in .json, nothing that leaves the folder. */
export function isCatalogFileName(name: unknown): name is string {
  if (typeof name !== 'string' || name.length > 255 || !/\.json$/i.test(name) || name.startsWith('.')) return false;
  // nothing that could leave the folder or make another URL, and no control characters
  return ![...name].some((ch) => '\\/:?#%'.includes(ch) || ch.charCodeAt(0) < 0x20);
}

/**
 * The file names a catalog lists, in its order and once each: `{ "schemes": [{ "file": … }] }` as the command
 * writes it, `{ "files": [ … ] }`, or a plain array of names. A name that would leave the folder is listed among
 * `refused`; a catalog of another shape is a problem (in Chinese).
 */
export function catalogFileNames(data: unknown): { files: string[]; refused: string[] } | { problem: string } {
  let list: unknown[] | undefined;
  if (Array.isArray(data)) list = data;
  else if (data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    if (typeof d.format === 'number' && d.format > CATALOG_FORMAT) return { problem: `方案目录的格式（${d.format}）较新，请更新本工具` };
    if (Array.isArray(d.schemes)) list = d.schemes.map((e) => (e && typeof e === 'object' ? (e as Record<string, unknown>).file : e));
    else if (Array.isArray(d.files)) list = d.files;
  }
  if (!list) return { problem: '方案目录 index.json 应为文件名的列表，或 jixiao scheme catalog 写出的 { "schemes": [...] }' };
  const files: string[] = [];
  const refused: string[] = [];
  for (const name of list) {
    if (isCatalogFileName(name)) {
      if (!files.includes(name)) files.push(name);
    } else refused.push(typeof name === 'string' ? name : JSON.stringify(name) ?? String(name));
  }
  return { files, refused };
}
