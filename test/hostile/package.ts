/**
 * Byte-level surgery on an .xlsx package for hostile test files: unzip to parts, change a part's XML, zip again.
 * fflate does the zip work, so what is written is exactly what was asked for (no writer tidies it up).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { ZipOptions } from 'fflate';
import { crc32, deflateRawSync } from 'zlib';

export type Parts = Record<string, Uint8Array>;

export function unpack(bytes: Uint8Array): Parts {
  return unzipSync(bytes);
}

export function pack(parts: Parts, options: ZipOptions = { level: 6 }): Buffer {
  return Buffer.from(zipSync(parts, options));
}

export const xmlOf = (parts: Parts, name: string): string => strFromU8(parts[name]);
export const setXml = (parts: Parts, name: string, xml: string): void => void (parts[name] = strToU8(xml));

/** A copy of the package with its parts changed by `change`. */
export function edit(bytes: Uint8Array, change: (parts: Parts) => void, options?: ZipOptions): Buffer {
  const parts = unpack(bytes);
  change(parts);
  return pack(parts, options);
}

/** The part of a sheet, by its name in workbook.xml (xl/worksheets/sheet1.xml). */
export function sheetPart(parts: Parts, sheet: string): string {
  const workbook = xmlOf(parts, 'xl/workbook.xml');
  const rels = xmlOf(parts, 'xl/_rels/workbook.xml.rels');
  const id = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = id && new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (!target) throw new Error(`no sheet ${sheet}`);
  return `xl/${target.replace(/^\/?xl\//, '')}`;
}

/** Where a workbook-scoped defined name points: its sheet and first cell (D12). */
export function nameTarget(parts: Parts, name: string): { sheet: string; cell: string } {
  const workbook = xmlOf(parts, 'xl/workbook.xml');
  const m = new RegExp(`<definedName name="${name}">([^<]+)</definedName>`).exec(workbook);
  if (!m) throw new Error(`no name ${name}`);
  const ref = m[1].replace(/&apos;/g, "'");
  const bang = ref.lastIndexOf('!');
  return { sheet: ref.slice(0, bang).replace(/^'|'$/g, ''), cell: ref.slice(bang + 1).replace(/\$/g, '').split(':')[0] };
}

/** Replaces the <c> element of `cell` in a sheet's XML (the cell must exist, as every input cell of ours does). */
export function replaceCell(xml: string, cell: string, replacement: string): string {
  const re = new RegExp(`<c r="${cell}"(?:\\s[^>]*?)?(?:/>|>.*?</c>)`, 's');
  if (!re.test(xml)) throw new Error(`no cell ${cell}`);
  return xml.replace(re, replacement);
}

/** Puts raw cell XML (`<c r="D12" …>…</c>`) where the input `name` is. */
export function setInputCellXml(bytes: Uint8Array, name: string, cellXml: (cell: string) => string): Buffer {
  return edit(bytes, (parts) => {
    const { sheet, cell } = nameTarget(parts, name);
    const part = sheetPart(parts, sheet);
    setXml(parts, part, replaceCell(xmlOf(parts, part), cell, cellXml(cell)));
  });
}

/** An inline string cell, the text XML-escaped (but not Excel's _xHHHH_ escapes: give those as written). */
export const inlineString = (cell: string, text: string) =>
  `<c r="${cell}" t="inlineStr"><is><t xml:space="preserve">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</t></is></c>`;

/** The same workbook as an .xlsm: a VBA project part, its relationship and the macro-enabled content type. */
export function withMacros(bytes: Uint8Array): Buffer {
  return edit(bytes, (parts) => {
    parts['xl/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    setXml(
      parts,
      '[Content_Types].xml',
      xmlOf(parts, '[Content_Types].xml')
        .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
        .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
    );
    setXml(
      parts,
      'xl/_rels/workbook.xml.rels',
      xmlOf(parts, 'xl/_rels/workbook.xml.rels').replace(
        '</Relationships>',
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
      ),
    );
  });
}

/**
 * Zips with Node's own zlib (much faster than fflate on hundreds of megabytes): for the size shapes, whose
 * parts are huge before compression. Every entry deflated; data descriptors not used.
 */
export function packFast(parts: Record<string, Uint8Array>, level = 1): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(parts)) {
    const file = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(file.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(file.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, file, packed);
    central.push(entry, file);
    offset += local.length + file.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
