/**
 * A corpus of hostile and foreign files, built by the tests: what the command and the page must answer in one
 * line (or read safely) without running out of memory or time.
 */
import { crc32, deflateRawSync } from 'zlib';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { editParts, exampleFile } from './helpers';

export interface Hostile {
  name: string;
  bytes: Uint8Array;
  /** the one line expected on refusal, or 'reads' for a file that must be read (and scored) safely */
  expect: RegExp | 'reads';
}

interface RawEntry {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflated */
  method?: 0 | 8;
  flags?: number;
  /** what the headers claim, when it is not the truth */
  declaredSize?: number;
  level?: 1 | 9;
}

/** A zip written by hand, so that its headers can lie; `aliases` add central entries pointing at entry 0's data. */
export function rawZip(entries: RawEntry[], aliases = 0): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const header = (size: number) => new DataView(new ArrayBuffer(size));
  const records: { name: Uint8Array; data: Uint8Array; method: number; flags: number; crc: number; size: number; at: number }[] = [];
  for (const e of entries) {
    const method = e.method ?? 8;
    // (Node's zlib: the corpus holds 100 MB parts, and fflate would take seconds over them)
    const data = method === 8 ? new Uint8Array(deflateRawSync(e.data, { level: e.level ?? 1 })) : e.data;
    const name = strToU8(e.name);
    const rec = { name, data, method, flags: e.flags ?? 0, crc: crc32(e.data), size: e.declaredSize ?? e.data.length, at: offset };
    const h = header(30);
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(6, rec.flags, true);
    h.setUint16(8, method, true);
    h.setUint32(14, rec.crc, true);
    h.setUint32(18, data.length, true);
    h.setUint32(22, rec.size, true);
    h.setUint16(26, name.length, true);
    chunks.push(new Uint8Array(h.buffer), name, data);
    offset += 30 + name.length + data.length;
    records.push(rec);
  }
  const all = [...records];
  for (let i = 0; i < aliases; i++) all.push({ ...records[0], name: strToU8(`xl/alias${i}.xml`) });
  let cdSize = 0;
  for (const r of all) {
    const h = header(46);
    h.setUint32(0, 0x02014b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(6, 20, true);
    h.setUint16(8, r.flags, true);
    h.setUint16(10, r.method, true);
    h.setUint32(16, r.crc, true);
    h.setUint32(20, r.data.length, true);
    h.setUint32(24, r.size, true);
    h.setUint16(28, r.name.length, true);
    h.setUint32(42, r.at, true);
    central.push(new Uint8Array(h.buffer), r.name);
    cdSize += 46 + r.name.length;
  }
  const end = header(22);
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, all.length, true);
  end.setUint16(10, all.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  const parts = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Letters from a fixed pseudo-random sequence: text that does not compress away. */
function noise(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = 97 + ((x >>> 16) % 26);
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The example's parts re-zipped with some replaced (added ones stored when `store`). */
function replaceParts(base: Uint8Array, parts: Record<string, Uint8Array>, store = false, level: 1 | 9 = 1): Uint8Array {
  const entries: RawEntry[] = Object.entries(unzipSync(base)).map(([name, data]) => ({ name, data: parts[name] ?? data, level }));
  for (const [name, data] of Object.entries(parts)) if (!entries.some((e) => e.name === name)) entries.push({ name, data, method: store ? 0 : 8 });
  return rawZip(entries);
}

const SST = (body: Uint8Array) =>
  concat(strToU8('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'), body, strToU8('</t></si></sst>'));

/** Points in_dept_name (基本情况表!D8) at shared string 0. */
const deptAtString0 = (x: string) => x.replace(/<c r="D8"([^>]*?) t="s"><v>\d+<\/v><\/c>/, '<c r="D8"$1 t="s"><v>0</v></c>');

export async function hostileCorpus(): Promise<Hostile[]> {
  const good = await exampleFile();
  const out: Hostile[] = [];

  // a name over a whole sheet: only the cells that exist are read
  out.push({
    name: 'whole-sheet-name.xlsx',
    bytes: editParts(good, {
      'xl/workbook.xml': (x) =>
        x
          .replace(/(<definedName name="in_survey_answers">)[^<]*/, (_, t: string) => `${t}&apos;满意度调查&apos;!$A$1:$XFD$1048576`)
          .replace(/(<definedName name="in_staff_quota">)[^<]*/, (_, t: string) => `${t}&apos;满意度调查&apos;!$A$1:$XFD$1048576`),
    }),
    expect: 'reads',
  });

  // a 100-million-character string in a small file: refused on its declared size, before inflating
  const huge = SST(new Uint8Array(100_000_000).fill(97));
  out.push({ name: 'huge-string.xlsx', bytes: replaceParts(good, { 'xl/sharedStrings.xml': huge }), expect: /文件过大：其中一个部件解压后超过 64 MB/ });
  // … and the same with its size lied about: inflating stops at the declared size
  const lying = Object.entries(unzipSync(good)).map(([name, data]) =>
    name === 'xl/sharedStrings.xml' ? { name, data: huge, declaredSize: 1_000_000 } : { name, data },
  );
  out.push({ name: 'lying-size.xlsx', bytes: rawZip(lying), expect: /文件已损坏或不完整/ });
  // a 2-million-character text in a cell (within the part limit): beyond Excel's 32,767
  out.push({
    name: 'long-text.xlsx',
    bytes: replaceParts(editParts(good, { 'xl/worksheets/sheet1.xml': deptAtString0 }), { 'xl/sharedStrings.xml': SST(noise(2_000_000)) }),
    // every shared string is now the long one, the carried scheme's cells too: which is read first says so
    expect: /单元格 基本情况表!D8 的文字过长（超过 32767 个字符）|保存评分方案的工作表内容不完整/,
  });

  // 20 MB files: a large picture is copied, never read; a sheet of 20 MB compressed is refused on its size
  out.push({ name: 'big-picture.xlsx', bytes: replaceParts(good, { 'xl/media/image9.png': noise(20_000_000, 7) }, true), expect: 'reads' });
  const rows: string[] = [];
  for (let r = 200; r < 200 + 400_000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${(r * 7919) % 1000003}</v></c><c r="B${r}" t="inlineStr"><is><t>${r.toString(36)}${(r * 31) % 977}</t></is></c></row>`);
  const bigSheet = strToU8(new TextDecoder().decode(unzipSync(good)['xl/worksheets/sheet1.xml']).replace('</sheetData>', `${rows.join('')}</sheetData>`));
  out.push({ name: 'big-sheet.xlsx', bytes: replaceParts(good, { 'xl/worksheets/sheet1.xml': bigSheet }), expect: 'reads' });

  // zip bombs: a part declaring 4 GB; a part inflating 1000:1; 2000 entries sharing one part's data
  const declared = Object.entries(unzipSync(good)).map(([name, data]) => (name === 'xl/workbook.xml' ? { name, data, declaredSize: 0xfffffff0 } : { name, data }));
  out.push({ name: 'declared-4gb.xlsx', bytes: rawZip(declared), expect: /文件过大：其中一个部件解压后超过 64 MB/ });
  const zeros = concat(strToU8('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'), new Uint8Array(60_000_000).fill(32), strToU8('</t></si></sst>'));
  out.push({ name: 'ratio-bomb.xlsx', bytes: replaceParts(editParts(good, { 'xl/worksheets/sheet1.xml': deptAtString0 }), { 'xl/sharedStrings.xml': zeros }, false, 9), expect: /压缩比过高/ });
  const entries = Object.entries(unzipSync(good)).map(([name, data]) => ({ name, data }));
  entries.unshift(entries.splice(entries.findIndex((e) => e.name === 'xl/sharedStrings.xml'), 1)[0]);
  out.push({ name: 'overlapping.xlsx', bytes: rawZip(entries, 2000), expect: /压缩比过高/ });
  out.push({ name: 'many-entries.xlsx', bytes: rawZip([...entries, ...Array.from({ length: 10_001 }, (_, i) => ({ name: `x/${i}`, data: new Uint8Array(0), method: 0 as const }))]), expect: /包含的部件超过 10000 个/ });

  // not a zip, a legacy .xls / encrypted package (OLE), an encrypted zip, an empty file, a truncated one
  out.push({ name: 'text.xlsx', bytes: strToU8('部门,得分\n财政局,80\n'), expect: /^不是有效的 \.xlsx 文件$/ });
  out.push({ name: 'empty.xlsx', bytes: new Uint8Array(0), expect: /^不是有效的 \.xlsx 文件$/ });
  out.push({ name: 'random.xlsx', bytes: noise(50_000, 3), expect: /^不是有效的 \.xlsx 文件$/ });
  const ole = new Uint8Array(4096);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  out.push({ name: 'encrypted.xlsx', bytes: ole, expect: /^文件已加密或为旧版 \.xls，请在 Excel\/WPS 中另存为 \.xlsx$/ });
  out.push({ name: 'old.xls', bytes: ole, expect: /^文件已加密或为旧版 \.xls/ });
  out.push({ name: 'zip-crypto.xlsx', bytes: rawZip(entries.map((e) => ({ ...e, flags: 1 }))), expect: /^文件已加密或为旧版 \.xls/ });
  out.push({ name: 'truncated.xlsx', bytes: good.subarray(0, good.length - 200), expect: /^文件已损坏或不完整/ });

  // foreign formats: an OpenDocument spreadsheet, a Word document, an empty archive, a binary workbook
  out.push({
    name: 'data.ods',
    bytes: rawZip([
      { name: 'mimetype', data: strToU8('application/vnd.oasis.opendocument.spreadsheet'), method: 0 },
      { name: 'META-INF/manifest.xml', data: strToU8('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>') },
      { name: 'content.xml', data: strToU8('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>') },
    ]),
    expect: /^这是 OpenDocument 表格（\.ods），请在 WPS 或 LibreOffice 中另存为 \.xlsx$/,
  });
  out.push({
    name: 'report.docx.xlsx',
    bytes: rawZip([
      { name: '[Content_Types].xml', data: strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>') },
      { name: '_rels/.rels', data: strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>') },
      { name: 'word/document.xml', data: strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>') },
    ]),
    expect: /^不是有效的 \.xlsx 文件$/,
  });
  out.push({ name: 'archive.xlsx', bytes: zipSync({ 'readme.txt': strToU8('hello') }), expect: /^不是有效的 \.xlsx 文件$/ });
  out.push({
    name: 'binary.xlsb',
    bytes: editParts(good, { '[Content_Types].xml': (x) => x.replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.binary.macroEnabled.main') }),
    expect: /^这是二进制工作簿（\.xlsb）/,
  });

  // XML that would expand entities: refused before anything is expanded
  const laughs = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>';
  out.push({ name: 'entities.xlsx', bytes: editParts(good, { 'xl/workbook.xml': (x) => x.replace(/^<\?xml[^>]*\?>/, laughs) }), expect: /DOCTYPE/ });
  out.push({ name: 'external-entity.xlsx', bytes: editParts(good, { 'xl/sharedStrings.xml': (x) => x.replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY e SYSTEM "file:///etc/passwd">]>') }), expect: /DOCTYPE/ });
  return out;
}
