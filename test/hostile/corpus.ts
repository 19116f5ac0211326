/**
 * The hostile corpus: files and command lines an officer's machine (or a careless copy, or an attacker) can hand
 * the command — not workbooks at all, damaged ones, XML attacks, missing and misplaced parts and names,
 * formulas and errors where numbers belong, huge numbers, control characters and very long texts, --inputs JSON
 * with traps, outputs that are links, read-only, missing or too long, other formats' extensions — and the size
 * shapes that need bounds on what is read.
 *
 * buildCorpus() makes the shared bytes once; each case's setup(dir) lays its files out in a fresh folder, so
 * every command of every case starts from the same state.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { strToU8, zipSync } from 'fflate';
import { exampleInputs, filledWorkbook, jixiao, tempDir } from '../cli/helpers';
import { edit, nameTarget, pack, packFast, setInputCellXml, setXml, sheetPart, unpack, withMacros, xmlOf } from './package';

export type Command = 'score' | 'score -o' | 'export' | 'template';
export const COMMANDS: Command[] = ['score', 'score -o', 'export', 'template'];

type Bytes = string | Uint8Array;
type Content = Bytes | (() => Bytes | Promise<Bytes>);

export interface HostileCase {
  id: string;
  /** what is hostile about it, in a few words */
  what: string;
  /** lays the case's files out in `dir` (a fresh, empty folder) */
  setup(dir: string): void;
  /** the file given to score and export (relative to the case folder) */
  input: string;
  /** the input is an --inputs JSON file */
  json?: boolean;
  /** -o of score and template (default out.xlsx) */
  out?: string;
  /** -o of export (default the folder 报送/, which setup makes) */
  exportOut?: string;
  /** --dept of template */
  dept?: string;
  /** one of the size shapes: run as the real binary in a child process (an out-of-memory must not kill jest) */
  size?: boolean;
  /** permissions matter: run as an ordinary user (root may write anything) */
  asUser?: boolean;
  /** exit statuses this case must give, per command (beyond the general 0/1/2) */
  codes?: Partial<Record<Command, number[]>>;
  /** further checks of one command's run */
  check?: Partial<Record<Command, (run: CaseRun) => void>>;
}

/** What one command of a case did, for the checks. */
export interface CaseRun {
  dir: string;
  code: number | null;
  stdout: string;
  stderr: string;
  /** every file below dir after the run (relative names), with the bytes of regular files */
  files: Map<string, Buffer | 'dir' | 'link' | 'other'>;
}

/**
 * THE SIZE SHAPES — they pass only once reading is bounded (uncompressed part sizes, cells per defined name,
 * string lengths, time) and answered with one Chinese line. Without those bounds, four of them run out of the
 * time bound (or of memory): size-name-whole-sheet, size-string-100m, size-file-20mb, size-part-256mb;
 * size-name-whole-column is answered in time already. They run as the real binary in a child process.
 */
export const SIZE_CASES = ['size-name-whole-sheet', 'size-name-whole-column', 'size-string-100m', 'size-file-20mb', 'size-part-256mb'];

// ── deterministic bytes ───────────────────────────────────────────────────────────────────────────────

function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(n: number, seed: number): Buffer {
  const next = prng(seed);
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256);
  return out;
}

// ── package surgery shortcuts ─────────────────────────────────────────────────────────────────────────

const WORKBOOK = 'xl/workbook.xml';
const CONTENT_TYPES = '[Content_Types].xml';

function replaceIn(bytes: Buffer, part: string, from: string | RegExp, to: string): Buffer {
  return edit(bytes, (parts) => {
    const xml = xmlOf(parts, part);
    const changed = xml.replace(from, to);
    if (changed === xml) throw new Error(`corpus: ${String(from)} not found in ${part}`);
    setXml(parts, part, changed);
  });
}

function withName(bytes: Buffer, name: string, ref: string, extra = ''): Buffer {
  return replaceIn(bytes, WORKBOOK, new RegExp(`<definedName name="${name}">[^<]*</definedName>`), `<definedName name="${name}"${extra}>${ref}</definedName>`);
}

function addName(bytes: Buffer, name: string, ref: string): Buffer {
  return replaceIn(bytes, WORKBOOK, '</definedNames>', `<definedName name="${name}">${ref}</definedName></definedNames>`);
}

function withoutPart(bytes: Buffer, part: string): Buffer {
  return edit(bytes, (parts) => {
    if (!parts[part]) throw new Error(`corpus: no part ${part}`);
    delete parts[part];
  });
}

function withPart(bytes: Buffer, part: string, content: string | Uint8Array): Buffer {
  return edit(bytes, (parts) => void (parts[part] = typeof content === 'string' ? strToU8(content) : content));
}

/** The sheet part holding `sheet` in the filled workbook. */
function partOf(bytes: Buffer, sheet: string): string {
  return sheetPart(unpack(bytes), sheet);
}

const cellOf = (bytes: Buffer, name: string) => nameTarget(unpack(bytes), name).cell;

/** Offsets of the zip's end-of-central-directory record and central directory. */
function zipDirectory(bytes: Buffer): { eocd: number; cd: number } {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  return { eocd, cd: bytes.readUInt32LE(eocd + 16) };
}

/** Sets the compression method of one entry (local and central header) to an unsupported one. */
function withMethod(bytes: Buffer, part: string, method: number): Buffer {
  const out = Buffer.from(pack(unpack(bytes), { level: 0 }));
  const name = Buffer.from(part);
  for (let at = out.indexOf(name); at >= 0; at = out.indexOf(name, at + 1)) {
    if (out.readUInt32LE(at - 30) === 0x04034b50) out.writeUInt16LE(method, at - 30 + 8);
    else if (out.readUInt32LE(at - 46) === 0x02014b50) out.writeUInt16LE(method, at - 46 + 10);
  }
  return out;
}

const BILLION_LAUGHS = (root: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE ${root} [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">` +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('') +
  `]>${body}`;

/** Inserts a DOCTYPE right after the XML declaration of a part. */
function withDoctype(bytes: Buffer, part: string, doctype: string, replace?: [string | RegExp, string]): Buffer {
  return edit(bytes, (parts) => {
    let xml = xmlOf(parts, part).replace(/^(<\?xml[^>]*\?>)?/, (decl) => `${decl || '<?xml version="1.0" encoding="UTF-8"?>'}${doctype}`);
    if (replace) xml = xml.replace(replace[0], replace[1]);
    setXml(parts, part, xml);
  });
}

// ── the size shapes ───────────────────────────────────────────────────────────────────────────────────

/** A sheet part full of random numbers, so that the whole file (compressed) reaches `bytes`. */
function bigSheetWorkbook(base: Buffer, bytes: number): Buffer {
  const next = prng(20);
  const parts = unpack(base);
  const part = sheetPart(parts, 'jixiao_sync');
  // 1 MB of random rows (cells without references, as OOXML allows), repeated: farther apart than deflate's
  // 32 KB window, so the repeats compress no better than the first
  const rows: string[] = [];
  for (let size = 0; size < 1 << 20; ) {
    let row = '<row>';
    for (let c = 0; c < 20; c++) row += `<c><v>${Math.floor(next() * 1e15)}.${Math.floor(next() * 1e6)}</v></c>`;
    rows.push((row += '</row>'));
    size += row.length;
  }
  const block = Buffer.from(rows.join(''));
  const repeats = Math.ceil((bytes * 2.7) / block.length);
  parts[part] = Buffer.concat([
    Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'),
    ...Array<Buffer>(repeats).fill(block),
    Buffer.from('</sheetData></worksheet>'),
  ]);
  return packFast(parts, 1);
}

/** A small file whose one part inflates to `megabytes` MB (whitespace inside the sheet XML): a zip bomb. */
function bombWorkbook(base: Buffer, megabytes: number): Buffer {
  const parts = unpack(base);
  const part = sheetPart(parts, 'jixiao_sync');
  parts[part] = Buffer.concat([
    Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'),
    Buffer.alloc(megabytes << 20, 0x20),
    Buffer.from('</sheetData></worksheet>'),
  ]);
  return packFast(parts, 9);
}

/** A shared string of `length` characters, shown in the 单位负责人 cell: ~100 KB on disk. */
function longStringWorkbook(base: Buffer, length: number): Buffer {
  const parts = unpack(base);
  const ss = xmlOf(parts, 'xl/sharedStrings.xml');
  const count = (ss.match(/<si>/g) ?? []).length;
  const [head, tail] = ss.split('</sst>');
  parts['xl/sharedStrings.xml'] = Buffer.concat([Buffer.from(`${head}<si><t>`), Buffer.alloc(length, 0x41), Buffer.from(`</t></si></sst>${tail}`)]);
  const { sheet, cell } = nameTarget(parts, 'in_dept_head');
  const sp = sheetPart(parts, sheet);
  setXml(parts, sp, xmlOf(parts, sp).replace(new RegExp(`<c r="${cell}"(?:\\s[^>]*?)?(?:/>|>.*?</c>)`, 's'), `<c r="${cell}" t="s"><v>${count}</v></c>`));
  return packFast(parts, 9);
}

// ── building the corpus ───────────────────────────────────────────────────────────────────────────────

const write = (dir: string, name: string, data: string | Uint8Array) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), data);
};

const contents = new Map<string, { content: Content; bytes?: Bytes }>();
/** The bases, set by prepareCorpus before any content is made. */
let filled: Buffer;
let blank: Buffer;

/** A case whose hostility is the input file (made from the bases by `content` when the corpus is prepared). */
function fileCase(id: string, what: string, content: Content, more: Partial<HostileCase> = {}): HostileCase {
  const input = more.input ?? (more.json ? 'in.json' : 'in.xlsx');
  contents.set(id, { content });
  return {
    id,
    what,
    input,
    ...more,
    setup(dir) {
      const bytes = contents.get(id)?.bytes;
      if (bytes === undefined) throw new Error(`corpus: ${id} is not prepared (call prepareCorpus first)`);
      write(dir, input, bytes);
      fs.mkdirSync(path.join(dir, '报送'));
      more.setup?.(dir);
    },
  };
}

/** Makes the bases and every case's input bytes: the slow part, done once before the cases run. */
export async function prepareCorpus(cases: HostileCase[]): Promise<void> {
  filled = await filledWorkbook();
  const blankDir = tempDir();
  await jixiao(['template', '-o', 'blank.xlsx'], blankDir);
  blank = fs.readFileSync(path.join(blankDir, 'blank.xlsx'));
  fs.rmSync(blankDir, { recursive: true, force: true });
  for (const c of cases) {
    const entry = contents.get(c.id);
    if (!entry || entry.bytes !== undefined) continue;
    entry.bytes = typeof entry.content === 'function' ? await entry.content() : entry.content;
  }
}

/** Not a workbook (of ours): score, score -o and export give 2, template is unaffected. */
const REFUSED: Partial<Record<Command, number[]>> = { score: [2], 'score -o': [2], export: [2], template: [0] };

const RAW_PASSWD = /root:x?:0:0/;
const noPasswd = (r: CaseRun) => {
  expect(r.stdout + r.stderr).not.toMatch(RAW_PASSWD);
  for (const [, data] of r.files) if (Buffer.isBuffer(data)) expect(data.includes('root:x:0:0')).toBe(false);
};

/** Files written by this run (regular files other than the case's own input). */
const written = (r: CaseRun, input: string) => [...r.files].filter(([name, data]) => Buffer.isBuffer(data) && name !== input);

/** Every worksheet of every .xlsx written holds no formula (the 报送版 is values only). */
const noFormulasWritten = (input: string) => (r: CaseRun) => {
  for (const [name, data] of written(r, input)) {
    if (!name.endsWith('.xlsx') || !Buffer.isBuffer(data)) continue;
    const parts = unpack(data);
    for (const part of Object.keys(parts).filter((p) => p.startsWith('xl/worksheets/'))) expect(xmlOf(parts, part)).not.toMatch(/<f[ >]/);
  }
};

/** Every hostile case (their bytes are made by prepareCorpus). */
export function hostileCases(): HostileCase[] {
  const summaryOf = () => partOf(filled, '基本情况表');
  const quotaRow = () => cellOf(filled, 'in_staff_quota').slice(1);
  const deadPid = 4194304 + 4321;
  const cases: HostileCase[] = [];
  const add = (c: HostileCase) => cases.push(c);

  // ── not workbooks at all
  add(fileCase('empty-file', '0 bytes', () => '', { codes: REFUSED }));
  add(fileCase('one-byte', 'one byte "P"', () => 'P', { codes: REFUSED }));
  add(fileCase('pk-only', 'just "PK"', () => 'PK', { codes: REFUSED }));
  add(fileCase('zip-magic-garbage', 'a zip signature then noise', () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(1000, 1)]), { codes: REFUSED }));
  add(fileCase('csv-text', 'a CSV file renamed .xlsx', () => '部门,得分\n财政局,80\n', { codes: REFUSED }));
  add(fileCase('html', 'an HTML page saved as .xlsx', () => '<html><body><table><tr><td>编制数</td><td>20</td></tr></table></body></html>', { codes: REFUSED }));
  add(fileCase('pdf', 'a PDF renamed .xlsx', () => '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF', { codes: REFUSED }));
  add(fileCase('png', 'a PNG image', () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500, 2)]), { codes: REFUSED }));
  add(fileCase('random-1k', '1 KB of noise', () => randomBytes(1024, 3), { codes: REFUSED }));
  add(fileCase('random-1m', '1 MB of noise', () => randomBytes(1 << 20, 4), { codes: REFUSED }));
  add(fileCase('nul-bytes', '64 KB of zero bytes', () => Buffer.alloc(65536), { codes: REFUSED }));
  add(fileCase('utf16-text', 'UTF-16 text with a BOM', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('编制数\t20', 'utf16le')]), { codes: REFUSED }));
  add(fileCase('gzip', 'a gzip stream', () => Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]), { codes: REFUSED }));
  const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
  add(fileCase('ole-as-xlsx', 'a legacy .xls (OLE) renamed .xlsx', () => ole, { codes: REFUSED, check: { score: (r) => expect(r.stderr).toMatch(/旧版 \.xls/) } }));
  add(fileCase('ole-xls', 'a legacy .xls', () => ole, { input: 'in.xls', codes: REFUSED }));
  add(fileCase('ole-encrypted', 'an .xlsx with a password to open (an OLE EncryptedPackage)', () => Buffer.concat([ole, Buffer.from('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0')]), { codes: REFUSED }));
  add(fileCase('empty-zip', 'a zip with nothing in it', () => Buffer.from(zipSync({})), { codes: REFUSED }));
  add(fileCase('zip-one-text', 'a zip with one text file', () => Buffer.from(zipSync({ 'readme.txt': strToU8('不是工作簿') })), { codes: REFUSED }));
  add(fileCase('zip-folders-only', 'a zip of empty folders', () => Buffer.from(zipSync({ 'xl/': new Uint8Array(0), 'xl/worksheets/': new Uint8Array(0) })), { codes: REFUSED }));
  const docx = zipSync({
    [CONTENT_TYPES]: strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    'word/document.xml': strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>报告</w:t></w:r></w:p></w:body></w:document>'),
  });
  add(fileCase('docx', 'a Word document renamed .xlsx', () => Buffer.from(docx), { codes: REFUSED }));
  const ods = zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'content.xml': strToU8('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:spreadsheet/></office:body></office:document-content>'),
    'META-INF/manifest.xml': strToU8('<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
  });
  add(fileCase('ods', 'a LibreOffice .ods', () => Buffer.from(ods), { input: 'in.ods', codes: REFUSED }));
  add(fileCase('ods-as-xlsx', 'an .ods renamed .xlsx', () => Buffer.from(ods), { codes: REFUSED }));

  // ── damaged workbooks
  for (const [id, keep] of [
    ['truncated-10', 0.1],
    ['truncated-50', 0.5],
    ['truncated-90', 0.9],
  ] as [string, number][]) {
    add(fileCase(id, `the first ${keep * 100}% of a workbook`, () => filled.subarray(0, Math.floor(filled.length * keep)), { codes: REFUSED }));
  }
  add(fileCase('truncated-last-byte', 'a workbook missing its last byte', () => filled.subarray(0, filled.length - 1)));
  add(fileCase('truncated-no-eocd', 'a workbook without its end-of-directory record', () => filled.subarray(0, zipDirectory(filled).eocd), { codes: REFUSED }));
  add(fileCase('corrupt-data', '64 bytes of compressed data garbled', () => {
    const flipped = Buffer.from(filled);
    for (let i = 0; i < 64; i++) flipped[Math.floor(flipped.length / 3) + i] ^= 0x5a;
    return flipped;
  }));
  add(fileCase('corrupt-directory', 'the central directory garbled', () => {
    const garbled = Buffer.from(filled);
    const { cd, eocd } = zipDirectory(garbled);
    randomBytes(Math.min(200, eocd - cd), 5).copy(garbled, cd + 10);
    return garbled;
  }));
  add(fileCase('corrupt-directory-offset', 'the directory offset beyond the end of the file', () => {
    const wrong = Buffer.from(filled);
    wrong.writeUInt32LE(wrong.length + 1000, zipDirectory(wrong).eocd + 16);
    return wrong;
  }));
  add(fileCase('crc-mismatch', 'a stored part changed without its checksum', () => {
    const stored = Buffer.from(pack(unpack(filled), { level: 0 }));
    stored.write('<sheetDada>', stored.indexOf(Buffer.from('<sheetData>')));
    return stored;
  }));
  add(fileCase('unknown-compression', 'workbook.xml compressed with an unsupported method (bzip2)', () => withMethod(filled, WORKBOOK, 12)));

  // ── XML attacks
  add(fileCase('entity-bomb-strings', 'billion laughs in sharedStrings.xml', () => edit(filled, (p) => setXml(p, 'xl/sharedStrings.xml', BILLION_LAUGHS('sst', xmlOf(p, 'xl/sharedStrings.xml').replace(/^<\?xml[^>]*\?>/, '').replace('<si><t>', '<si><t>&j;')))), { check: { score: noPasswd } }));
  add(fileCase('entity-bomb-workbook', 'billion laughs in workbook.xml', () => edit(filled, (p) => setXml(p, WORKBOOK, BILLION_LAUGHS('workbook', xmlOf(p, WORKBOOK).replace(/^<\?xml[^>]*\?>/, '').replace('name="基本情况表"', 'name="&j;"'))))));
  add(fileCase('entity-bomb-sheet', 'billion laughs in a worksheet', () => edit(filled, (p) => setXml(p, summaryOf(), BILLION_LAUGHS('worksheet', xmlOf(p, summaryOf()).replace(/^<\?xml[^>]*\?>/, '').replace('<sheetData>', '<sheetData><!-- &j; -->'))))));
  add(fileCase('entity-quadratic', 'one 64 KB entity used 4,000 times in a shared string', () => withDoctype(filled, 'xl/sharedStrings.xml', `<!DOCTYPE sst [<!ENTITY big "${'哈'.repeat(65536)}">]>`, ['<si><t>', `<si><t>${'&big;'.repeat(4000)}`])));
  const xxe = `<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`;
  add(fileCase('xxe-strings', 'an external entity reading /etc/passwd into a cell', () => withDoctype(filled, 'xl/sharedStrings.xml', xxe, ['示例县政务服务中心', '&xxe;']), { check: { score: noPasswd, 'score -o': noPasswd, export: noPasswd } }));
  add(fileCase('xxe-workbook', 'an external entity in a defined name', () => withDoctype(filled, WORKBOOK, xxe.replace('sst', 'workbook'), ['<definedNames>', '<definedNames><definedName name="leak">&xxe;</definedName>']), { check: { score: noPasswd, 'score -o': noPasswd } }));
  add(fileCase('xxe-parameter-dtd', 'a parameter entity loading a DTD from the network', () => withDoctype(filled, 'xl/sharedStrings.xml', '<!DOCTYPE sst [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">%remote;]>')));
  add(fileCase('xml-malformed-sheet', 'a worksheet cut off mid-tag', () => edit(filled, (p) => setXml(p, summaryOf(), xmlOf(p, summaryOf()).slice(0, 5000)))));
  add(fileCase('xml-malformed-workbook', 'workbook.xml cut off mid-tag', () => edit(filled, (p) => setXml(p, WORKBOOK, xmlOf(p, WORKBOOK).slice(0, 700))), { codes: REFUSED }));
  add(fileCase('xml-bad-utf8', 'invalid UTF-8 bytes in sharedStrings.xml', () => edit(filled, (p) => {
    const ss = Buffer.from(p['xl/sharedStrings.xml']);
    const at = ss.indexOf(Buffer.from('示例县'));
    p['xl/sharedStrings.xml'] = Buffer.concat([ss.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), ss.subarray(at)]);
  })));
  add(fileCase('xml-utf16', 'sharedStrings.xml in UTF-16', () => edit(filled, (p) => {
    p['xl/sharedStrings.xml'] = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xmlOf(p, 'xl/sharedStrings.xml').replace('UTF-8', 'UTF-16'), 'utf16le')]);
  })));
  add(fileCase('xml-doctype-content-types', 'a DOCTYPE in [Content_Types].xml', () => withDoctype(filled, CONTENT_TYPES, '<!DOCTYPE Types [<!ENTITY x "x">]>')));

  // ── wrong content types, missing parts
  add(fileCase('no-content-types', 'without [Content_Types].xml', () => withoutPart(filled, CONTENT_TYPES)));
  add(fileCase('content-types-garbage', '[Content_Types].xml is noise', () => withPart(filled, CONTENT_TYPES, randomBytes(300, 6))));
  add(fileCase('content-types-wrong', 'the workbook part declared a chart', () => replaceIn(filled, CONTENT_TYPES, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml')));
  add(fileCase('no-workbook-part', 'without xl/workbook.xml', () => withoutPart(filled, WORKBOOK), { codes: REFUSED }));
  add(fileCase('no-workbook-rels', 'without xl/_rels/workbook.xml.rels', () => withoutPart(filled, 'xl/_rels/workbook.xml.rels')));
  add(fileCase('no-root-rels', 'without _rels/.rels', () => withoutPart(filled, '_rels/.rels')));
  add(fileCase('missing-sheet-part', 'the 基本情况表 part missing', () => withoutPart(filled, summaryOf())));
  add(fileCase('empty-sheet-part', 'the 基本情况表 part empty', () => withPart(filled, summaryOf(), '')));
  add(fileCase('no-shared-strings', 'shared strings referenced but missing', () => withoutPart(filled, 'xl/sharedStrings.xml')));
  add(fileCase('shared-string-out-of-range', 'a cell pointing at shared string 99999', () => setInputCellXml(filled, 'in_dept_name', (c) => `<c r="${c}" t="s"><v>99999</v></c>`)));
  add(fileCase('no-styles', 'without styles.xml', () => withoutPart(filled, 'xl/styles.xml')));
  add(fileCase('styles-garbage', 'styles.xml is noise', () => withPart(filled, 'xl/styles.xml', randomBytes(400, 7))));
  add(fileCase('no-sheets', 'a workbook.xml listing no sheets', () => replaceIn(filled, WORKBOOK, /<sheets>.*<\/sheets>/s, '<sheets/>'), { codes: REFUSED }));

  // ── names deleted, moved, broken
  add(fileCase('name-deleted', 'the 编制数 name deleted', () => replaceIn(filled, WORKBOOK, /<definedName name="in_staff_quota">[^<]*<\/definedName>/, '')));
  add(fileCase('names-all-deleted', 'every defined name deleted', () => replaceIn(filled, WORKBOOK, /<definedNames>.*<\/definedNames>/s, ''), { codes: REFUSED }));
  add(fileCase('name-moved', 'the 编制数 name moved to an empty cell', () => withName(filled, 'in_staff_quota', '&apos;基本情况表&apos;!$Z$999')));
  add(fileCase('name-ref-error', 'the 编制数 name is #REF!', () => withName(filled, 'in_staff_quota', '#REF!')));
  add(fileCase('name-deleted-sheet', 'the 编制数 name on a sheet that no longer exists', () => withName(filled, 'in_staff_quota', '&apos;已删除&apos;!$D$12')));
  add(fileCase('sheet-deleted', '满意度调查 removed from workbook.xml, its names left', () => replaceIn(filled, WORKBOOK, /<sheet [^>]*name="满意度调查"[^>]*\/>/, '')));
  add(fileCase('sheet-renamed', '基本情况表 renamed, names not updated', () => replaceIn(filled, WORKBOOK, 'name="基本情况表"', 'name="基本情况表（2）"')));
  add(fileCase('name-sheet-scoped', 'the 编制数 name scoped to one sheet', () => withName(filled, 'in_staff_quota', `&apos;基本情况表&apos;!$D$${quotaRow()}`, ' localSheetId="0"')));
  add(fileCase('name-duplicate', 'the 编制数 name defined twice', () => addName(filled, 'in_staff_quota', '&apos;基本情况表&apos;!$Z$1')));
  add(fileCase('name-two-areas', 'the 编制数 name over two areas', () => withName(filled, 'in_staff_quota', `&apos;基本情况表&apos;!$D$12,&apos;基本情况表&apos;!$D$13`)));
  add(fileCase('name-range', 'the 编制数 name over nine cells', () => withName(filled, 'in_staff_quota', '&apos;基本情况表&apos;!$D$12:$D$20')));
  add(fileCase('name-constant', 'the 编制数 name a constant', () => withName(filled, 'in_staff_quota', '20')));
  add(fileCase('name-formula', 'the 编制数 name a formula', () => withName(filled, 'in_staff_quota', 'SUM(&apos;基本情况表&apos;!$D$12:$D$13)')));
  add(fileCase('name-external', 'the 编制数 name into another workbook', () => withName(filled, 'in_staff_quota', '[1]Sheet1!$A$1')));
  add(fileCase('output-on-input', 'the total name moved onto the 编制数 input cell', () => withName(filled, 'score_total', `&apos;基本情况表&apos;!$D$${quotaRow()}`)));
  add(fileCase('name-long-foreign', 'a foreign 255-character name', () => addName(filled, `n${'x'.repeat(254)}`, '&apos;基本情况表&apos;!$A$1')));

  // ── formulas and errors where values belong
  add(fileCase('formula-cached', '编制数 a formula with its cached value', () => setInputCellXml(filled, 'in_staff_quota', (c) => `<c r="${c}"><f>10+10</f><v>20</v></c>`)));
  add(fileCase('formula-uncached', '编制数 a formula never calculated', () => setInputCellXml(filled, 'in_staff_quota', (c) => `<c r="${c}"><f>1/0</f></c>`)));
  add(fileCase('error-div0', '编制数 the error #DIV/0!', () => setInputCellXml(filled, 'in_staff_quota', (c) => `<c r="${c}" t="e"><f>1/0</f><v>#DIV/0!</v></c>`)));
  add(fileCase('error-na', '是/否 answer the error #N/A', () => setInputCellXml(filled, 'in_goal_fit_1', (c) => `<c r="${c}" t="e"><v>#N/A</v></c>`)));
  add(fileCase('formula-string', '编制数 a formula giving text', () => setInputCellXml(filled, 'in_staff_quota', (c) => `<c r="${c}" t="str"><f>"二十"</f><v>二十</v></c>`)));
  add(fileCase('formula-array', '编制数 an array formula', () => setInputCellXml(filled, 'in_staff_quota', (c) => `<c r="${c}"><f t="array" ref="${c}">SUM({10,10})</f><v>20</v></c>`)));
  add(fileCase('formula-shared', '编制数 a shared formula with no master', () => setInputCellXml(filled, 'in_staff_quota', (c) => `<c r="${c}"><f t="shared" si="7"/><v>20</v></c>`)));
  add(fileCase('boolean-number', '编制数 the boolean TRUE', () => setInputCellXml(filled, 'in_staff_quota', (c) => `<c r="${c}" t="b"><v>1</v></c>`)));
  add(fileCase('rich-text-name', '部门名称 in rich-text runs', () => setInputCellXml(filled, 'in_dept_name', (c) => `<c r="${c}" t="inlineStr"><is><r><t>示例县</t></r><r><rPr><b/></rPr><t>政务服务中心</t></r></is></c>`)));
  add(fileCase('formula-injection', '部门名称 and 评分依据 that look like formulas', () => filledWorkbook({ in_dept_name: '=HYPERLINK("http://example.invalid","点击")', in_benefit_economic_note: "=cmd|' /C calc'!A0" }), {
    check: { export: noFormulasWritten('in.xlsx') },
  }));

  // ── huge and odd numbers
  add(fileCase('number-1e308', 'amounts of 1e308', () => filledWorkbook({ in_assets_total: 1e308, in_budget_initial: 1e308, in_spend_total: 1e308 })));
  add(fileCase('number-max-double', 'every amount the largest double', () => setInputCellXml(filled, 'in_budget_initial', (c) => `<c r="${c}"><v>1.7976931348623157E+308</v></c>`)));
  add(fileCase('number-beyond-double', 'a number XML beyond any double (1e400)', () => setInputCellXml(filled, 'in_staff_quota', (c) => `<c r="${c}"><v>1E+400</v></c>`)));
  add(fileCase('number-negative-huge', 'an amount of -1e308', () => filledWorkbook({ in_budget_adjust: -1e308 })));
  add(fileCase('number-tiny', 'an amount of 5e-324', () => filledWorkbook({ in_budget_adjust: 5e-324 })));
  add(fileCase('number-long-text', 'a 401-digit number typed as text', () => filledWorkbook({ in_assets_total: `1${'0'.repeat(400)}` })));
  add(fileCase('number-nan-text', '"NaN" and "Infinity" typed as text', () => filledWorkbook({ in_staff_quota: 'NaN', in_assets_total: 'Infinity' })));
  add(fileCase('number-not-a-number', 'a cell of type number holding "abc"', () => setInputCellXml(filled, 'in_staff_quota', (c) => `<c r="${c}"><v>abc</v></c>`)));
  add(fileCase('minus-zero-self-score', 'self-scores of -0 written three ways', () => filledWorkbook({ in_benefit_economic: '-0', in_benefit_social: '-0.00', in_benefit_ecological: '−0' }), {
    codes: { score: [0], 'score -o': [0], export: [0] },
  }));

  // ── control characters and long texts
  // eslint-disable-next-line no-control-regex -- the control characters are what is looked for
  const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  add(fileCase('controls-raw', 'escape sequences written raw into the cells', () => filledWorkbook({ in_dept_name: '\u001b]0;已被篡改\u0007某局', in_benefit_economic_note: '\u001b[2J\u001b[3J清屏\r覆盖', in_staff_quota: '\u001b[31m20' }), { dept: '\u001b]0;已被篡改\u0007\u001b[2J某局' }));
  add(fileCase('controls-excel-escaped', 'control characters as Excel writes them (_x001B_)', () => setInputCellXml(filled, 'in_dept_name', (c) => `<c r="${c}" t="inlineStr"><is><t>_x001B_]0;已被篡改_x0007_某局_x000D_</t></is></c>`)));
  add(fileCase('controls-c1-bidi', 'C1 controls and bidi overrides in the 部门名称', () => filledWorkbook({ in_dept_name: '某局\u009b2J\u202excod.exe\u2066', in_dept_head: '\u0085\u008d\u009d' }), {
    dept: '某局\u009b2J\u202excod.exe',
    check: {
      export: (r) => {
        for (const name of r.files.keys()) expect(name).not.toMatch(RAW_CONTROL);
      },
    },
  }));
  add(fileCase('text-32760', 'a 32,760-character 评分依据', () => filledWorkbook({ in_benefit_economic_note: '依'.repeat(32760) })));
  add(fileCase('text-10k-lines', 'a 评分依据 of 10,000 lines', () => filledWorkbook({ in_benefit_social_note: '一行\n'.repeat(10000) })));
  add(fileCase('text-invalid-40k', 'a 40,000-character wrong value for 编制数', () => filledWorkbook({ in_staff_quota: '九'.repeat(40000) })));
  add(fileCase('dept-75', 'a 75-character 部门名称', () => filledWorkbook({ in_dept_name: '某'.repeat(68) + '县政务服务中心' }), { codes: { export: [0] } }));
  add(fileCase('dept-100k', 'a 100,000-character 部门名称', () => filledWorkbook({ in_dept_name: '长'.repeat(100000) }), { dept: '长'.repeat(20000) }));
  add(fileCase('dept-path', 'a 部门名称 climbing out of the folder', () => filledWorkbook({ in_dept_name: '../../../tmp/逃逸' }), {
    check: { export: (r) => expect([...r.files.keys()].filter((f) => f.startsWith('报送/')).length).toBe(1) },
  }));
  add(fileCase('dept-dots', 'a 部门名称 of dots and spaces', () => filledWorkbook({ in_dept_name: ' . .. ' })));
  add(fileCase('dept-reserved', 'a 部门名称 that is a Windows device name', () => filledWorkbook({ in_dept_name: 'CON', in_year: null })));
  add(fileCase('surrogates', 'emoji and a lone surrogate escape in text', () => setInputCellXml(filled, 'in_dept_head', (c) => `<c r="${c}" t="inlineStr"><is><t>负责人😀&#xD800;</t></is></c>`)));

  // ── other extensions
  add(fileCase('xlsm', 'an .xlsm with macros, scored into an .xlsm (macros kept) and exported as .xlsx', () => withMacros(filled), {
    input: 'in.xlsm',
    out: 'out.xlsm',
    codes: { score: [0], 'score -o': [0], export: [0] },
    check: {
      'score -o': (r) => expect(r.stdout).not.toContain('原文件含有宏'),
      export: (r) => expect(r.stdout).toContain('原文件含有宏'),
    },
  }));
  add(fileCase('xlsm-to-xlsx', 'an .xlsm with macros scored into an .xlsx name', () => withMacros(filled), {
    input: 'in.xlsm',
    codes: { score: [0], 'score -o': [2], export: [0] },
    check: { 'score -o': (r) => expect(r.stderr).toContain('输出文件应以 .xlsm 结尾') },
  }));
  add(fileCase('xlsx-as-xls', 'a real workbook named .xls', () => filled, { input: 'in.xls', codes: { score: [0], 'score -o': [0], export: [0] } }));
  add(fileCase('xlsx-as-ods', 'a real workbook named .ods', () => filled, { input: 'in.ods', codes: { score: [0], 'score -o': [0], export: [0] } }));
  add(fileCase('blank-template', 'the blank template, nothing filled', () => blank, { codes: { score: [1], 'score -o': [1], export: [1] } }));

  // ── --inputs JSON
  const inputs = exampleInputs();
  const json = (id: string, what: string, text: Content, codes?: Partial<Record<Command, number[]>>) =>
    add(fileCase(id, what, text, { json: true, codes: { 'score -o': [2], export: [2], template: [0], ...codes } }));
  json('json-1e308', '1e308 and -1e308 as numbers', JSON.stringify({ ...inputs, in_staff_quota: 1e308, in_assets_total: -1e308 }));
  json('json-infinity', 'the literal Infinity (not JSON)', JSON.stringify(inputs).replace('"in_staff_quota":20', '"in_staff_quota":Infinity'), { score: [2] });
  json('json-nan', 'the literal NaN (not JSON)', JSON.stringify(inputs).replace('"in_staff_quota":20', '"in_staff_quota":NaN'), { score: [2] });
  json('json-1e400', 'a number beyond any double', JSON.stringify(inputs).replace('"in_staff_quota":20', '"in_staff_quota":1e400'));
  json('json-proto', '__proto__, constructor and prototype keys', JSON.stringify(inputs).replace('{', '{"__proto__":{"polluted":"是"},"constructor":{"prototype":{"polluted":"是"}},'));
  json('json-proto-value', '__proto__ as an input value', JSON.stringify({ ...inputs, in_dept_name: { __proto__: null, toString: '某局' }, in_staff_quota: { valueOf: 20 } }));
  json('json-deep', 'an array nested 100,000 deep', JSON.stringify(inputs).replace('{', `{"in_survey_answers":${'['.repeat(100000)}${']'.repeat(100000)},`));
  json('json-array', 'a JSON array', JSON.stringify([inputs]), { score: [2] });
  json('json-null', 'JSON null', 'null', { score: [2] });
  json('json-string', 'a JSON string', '"评分"', { score: [2] });
  json('json-empty', 'an empty file', '', { score: [2] });
  json('json-bom', 'JSON with a BOM', `\uFEFF${JSON.stringify(inputs)}`, { score: [0] });
  json('json-bad-utf8', 'invalid UTF-8 inside a string', Buffer.concat([Buffer.from('{"in_dept_name":"'), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from('"}')]));
  json('json-controls', 'escape sequences in values and keys', JSON.stringify({ ...inputs, in_dept_name: '\u001b]0;已被篡改\u0007', '\u001b[2J键': 1, in_staff_quota: '\u009b31m20' }));
  json('json-survey-huge', '100,000 questionnaires', JSON.stringify({ ...inputs, in_survey_answers: Array.from({ length: 100000 }, () => Array(10).fill(5)) }));
  json('json-survey-objects', 'survey answers as objects', JSON.stringify({ ...inputs, in_survey_answers: [{ q1: 5 }, null, 'abc', [[5]]] }));
  json('json-many-keys', '20,000 unknown keys', JSON.stringify({ ...inputs, ...Object.fromEntries(Array.from({ length: 20000 }, (_, i) => [`unknown_${i}`, i])) }));
  json('json-minus-zero', 'self-scores of -0', JSON.stringify(inputs).replace('"in_benefit_economic":3', '"in_benefit_economic":-0'), { score: [0] });
  json('json-xlsx', 'a workbook given as --inputs', () => filled, { score: [2], export: [0] });
  json('json-long-string', 'a 10-million-character value', JSON.stringify({ ...inputs, in_dept_head: '长'.repeat(10_000_000) }));

  // ── outputs: where -o points
  const outCase = (id: string, what: string, more: Partial<HostileCase> & { prepare?: (dir: string) => void }) =>
    add(
      fileCase(id, what, () => filled, {
        ...more,
        setup(dir) {
          more.prepare?.(dir);
        },
      }),
    );
  const linkKept = (link: string, target: string) => (r: CaseRun) => {
    if (r.code === 2) return;
    expect(fs.lstatSync(path.join(r.dir, link)).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(r.dir, target)).subarray(0, 2).toString()).toBe('PK');
  };
  outCase('out-missing-folder', '-o into a folder that does not exist', { out: 'no/such/out.xlsx', exportOut: 'no/such/', codes: { 'score -o': [2], export: [2], template: [2] } });
  outCase('out-is-folder', '-o names an existing folder (no slash)', { out: 'folder.xlsx', exportOut: 'folder.xlsx', prepare: (d) => fs.mkdirSync(path.join(d, 'folder.xlsx')), codes: { 'score -o': [2], template: [2] } });
  outCase('out-through-file', '-o through a file as if it were a folder', { out: 'in.xlsx/out.xlsx', exportOut: 'in.xlsx/', codes: { 'score -o': [2], export: [2], template: [2] } });
  outCase('out-symlink', '-o is a link to a file in another folder', {
    out: 'link.xlsx',
    exportOut: 'link.xlsx',
    prepare: (d) => {
      write(d, 'shared/target.xlsx', 'old');
      fs.symlinkSync(path.join('shared', 'target.xlsx'), path.join(d, 'link.xlsx'));
    },
    check: { 'score -o': linkKept('link.xlsx', 'shared/target.xlsx'), export: linkKept('link.xlsx', 'shared/target.xlsx'), template: linkKept('link.xlsx', 'shared/target.xlsx') },
  });
  outCase('out-symlink-dangling', '-o is a link to a file not there yet', {
    out: 'link.xlsx',
    exportOut: 'link.xlsx',
    prepare: (d) => {
      fs.mkdirSync(path.join(d, 'shared'));
      fs.symlinkSync(path.join('shared', 'later.xlsx'), path.join(d, 'link.xlsx'));
    },
    check: { 'score -o': linkKept('link.xlsx', 'shared/later.xlsx'), template: linkKept('link.xlsx', 'shared/later.xlsx') },
  });
  outCase('out-symlink-loop', '-o is a loop of links', {
    out: 'a.xlsx',
    exportOut: 'a.xlsx',
    prepare: (d) => {
      fs.symlinkSync('b.xlsx', path.join(d, 'a.xlsx'));
      fs.symlinkSync('a.xlsx', path.join(d, 'b.xlsx'));
    },
    codes: { 'score -o': [2], export: [2], template: [2] },
  });
  const modeKept = (file: string, mode: number) => (r: CaseRun) => {
    if (r.code !== 2) expect(fs.statSync(path.join(r.dir, file)).mode & 0o7777).toBe(mode);
  };
  outCase('out-mode-0600', '-o replaces a file with permissions 0600', {
    out: 'private.xlsx',
    exportOut: 'private.xlsx',
    prepare: (d) => {
      write(d, 'private.xlsx', 'old');
      fs.chmodSync(path.join(d, 'private.xlsx'), 0o600);
    },
    check: { 'score -o': modeKept('private.xlsx', 0o600), export: modeKept('private.xlsx', 0o600), template: modeKept('private.xlsx', 0o600) },
  });
  outCase('out-readonly-file', '-o replaces a read-only file', {
    out: 'readonly.xlsx',
    exportOut: 'readonly.xlsx',
    asUser: true,
    prepare: (d) => {
      write(d, 'readonly.xlsx', 'keep');
      fs.chmodSync(path.join(d, 'readonly.xlsx'), 0o444);
    },
    codes: { 'score -o': [2], export: [2], template: [2] },
  });
  outCase('out-readonly-folder', '-o into a read-only folder', {
    out: 'locked/out.xlsx',
    exportOut: 'locked/',
    asUser: true,
    prepare: (d) => fs.mkdirSync(path.join(d, 'locked'), 0o555),
    codes: { 'score -o': [2], export: [2], template: [2] },
  });
  const staleGone = (name: string) => (r: CaseRun) => {
    if (r.code !== 2) expect(r.files.has(name)).toBe(false);
  };
  const stale = `.jixiao-${deadPid}-0badcafe.tmp`;
  outCase('out-stale-temp', 'a temporary file of ours left by a killed run', {
    prepare: (d) => {
      write(d, stale, 'half a workbook');
      write(d, `报送/${stale}`, 'half a workbook');
      const hourAgo = new Date(Date.now() - 3600_000);
      fs.utimesSync(path.join(d, stale), hourAgo, hourAgo);
      fs.utimesSync(path.join(d, '报送', stale), hourAgo, hourAgo);
    },
    check: { 'score -o': staleGone(stale), template: staleGone(stale), export: staleGone(`报送/${stale}`) },
  });
  const foreignKept = (r: CaseRun) => expect(r.files.has('.report.tmp')).toBe(true);
  outCase('out-foreign-temp', 'somebody else’s .tmp file beside the output', {
    prepare: (d) => write(d, '.report.tmp', 'not ours'),
    check: { 'score -o': foreignKept, export: foreignKept, template: foreignKept },
  });
  const longName = `${'评'.repeat(80)}.xlsx`;
  outCase('out-name-80', '-o of 80 Chinese characters (245 bytes)', { out: longName, exportOut: longName, codes: { 'score -o': [0], export: [0], template: [0] } });
  const tooLong = `${'评'.repeat(90)}.xlsx`;
  outCase('out-name-90', '-o of 90 Chinese characters (275 bytes)', {
    out: tooLong,
    exportOut: tooLong,
    codes: { 'score -o': [2], export: [2], template: [2] },
    check: { template: (r) => expect(r.stderr).toMatch(/文件名过长/) },
  });
  outCase('out-xlsm', '-o ending .xlsm', { out: 'out.xlsm', exportOut: 'out.xlsm', codes: { 'score -o': [2], export: [2], template: [2] } });
  outCase('out-same-as-input', '-o is the input itself', { out: 'in.xlsx', exportOut: 'in.xlsx', codes: { 'score -o': [0], export: [2], template: [0] } });
  outCase('out-empty-name', '-o is an empty string', { out: '', exportOut: '', codes: { 'score -o': [2], export: [2], template: [2] } });
  outCase('out-fifo', '-o is a named pipe', {
    out: 'pipe.xlsx',
    exportOut: '报送/',
    prepare: (d) => {
      const r = spawnSync('mkfifo', [path.join(d, 'pipe.xlsx')]);
      if (r.status !== 0) write(d, 'pipe.xlsx', 'old');
    },
  });

  // ── the size shapes (SIZE_CASES): pass once reading is bounded
  add(fileCase('size-name-whole-sheet', 'one defined name over $A$1:$XFD$1048576', () => addName(filled, 'whole_sheet', '&apos;基本情况表&apos;!$A$1:$XFD$1048576'), { size: true }));
  add(fileCase('size-name-whole-column', 'the 编制数 name over column D', () => withName(filled, 'in_staff_quota', '&apos;基本情况表&apos;!$D:$D'), { size: true }));
  add(fileCase('size-string-100m', 'a 100-million-character string in a small file', () => longStringWorkbook(filled, 100_000_000), { size: true }));
  add(fileCase('size-file-20mb', 'a 20 MB workbook', () => bigSheetWorkbook(filled, 20 << 20), { size: true }));
  add(fileCase('size-part-256mb', 'a part that inflates to 256 MB (a zip bomb)', () => bombWorkbook(filled, 256), { size: true }));

  for (const c of cases) if (!!c.size !== SIZE_CASES.includes(c.id)) throw new Error(`corpus: ${c.id} is a size shape only if listed in SIZE_CASES`);
  return cases;
}

/** The arguments of one command of a case. */
export function argsOf(c: HostileCase, command: Command): string[] {
  const out = c.out ?? 'out.xlsx';
  switch (command) {
    case 'score':
      return c.json ? ['score', '--inputs', c.input] : ['score', c.input];
    case 'score -o':
      return c.json ? ['score', '--inputs', c.input, '-o', out] : ['score', c.input, '-o', out];
    case 'export':
      return ['export', c.input, '-o', c.exportOut ?? '报送/', '--force'];
    case 'template':
      return ['template', '-o', out, '--dept', c.dept ?? '示例县政务服务中心', '--year', '2024'];
  }
}
