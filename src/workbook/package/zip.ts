/**
 * The zip container of an .xlsx, read from its central directory with every size checked before anything is
 * inflated, and written back with the untouched entries' compressed bytes copied as they are.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { crc32 } from './crc32';
import { bomb, damaged, encrypted, notXlsx, PackageError, sizeText, tooLarge } from './errors';
import type { Budget, PackageLimits } from './limits';

export interface ZipEntry {
  /** as stored (an OPC part name without the leading slash) */
  name: string;
  flags: number;
  method: number;
  /** MS-DOS time and date, kept when the entry is copied */
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  externalAttrs: number;
  /** where the compressed data starts in the file */
  dataStart: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/**
 * Input is inflated in pieces, the output checked after each: deflate cannot do better than about 1032:1, so
 * no piece yields more than 64 KB × 1032 (66 MB) before a lie about the size is caught.
 */
const PUSH = 64 * 1024;


export class ZipReader {
  private readonly byName = new Map<string, ZipEntry>();
  private inflated = 0;

  private constructor(
    readonly bytes: Uint8Array,
    readonly entries: ZipEntry[],
    private readonly limits: PackageLimits,
    private readonly budget: Budget,
  ) {
    for (const e of entries) {
      const key = e.name.toLowerCase();
      if (this.byName.has(key)) throw damaged();
      this.byName.set(key, e);
    }
  }

  /** Reads the central directory; throws PackageError for anything that is not a sound zip. */
  static open(bytes: Uint8Array, limits: PackageLimits, budget: Budget): ZipReader {
    if (bytes.length > limits.maxFileBytes) throw tooLarge(`超过 ${sizeText(limits.maxFileBytes)}`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const u32 = (at: number) => view.getUint32(at, true);
    const u16 = (at: number) => view.getUint16(at, true);
    if (bytes.length < 22 || (u32(0) !== LOCAL && u32(0) !== EOCD)) throw notXlsx();

    let eocd = -1;
    for (let at = bytes.length - 22, stop = Math.max(0, bytes.length - 22 - 0xffff); at >= stop; at--) {
      if (u32(at) === EOCD) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) throw damaged();
    let count = u16(eocd + 10);
    let cdSize = u32(eocd + 12);
    let cdStart = u32(eocd + 16);
    if (eocd >= 20 && u32(eocd - 20) === EOCD64_LOCATOR) {
      const at = Number(view.getBigUint64(eocd - 12, true));
      if (at + 56 > bytes.length || u32(at) !== EOCD64) throw damaged();
      count = Number(view.getBigUint64(at + 32, true));
      cdSize = Number(view.getBigUint64(at + 40, true));
      cdStart = Number(view.getBigUint64(at + 48, true));
    }
    if (count > limits.maxEntries) throw tooLarge(`包含的部件超过 ${limits.maxEntries} 个`);
    if (cdStart + cdSize > bytes.length) throw damaged();

    const entries: ZipEntry[] = [];
    const spans: [number, number][] = [];
    let at = cdStart;
    for (let i = 0; i < count; i++) {
      if (i % 256 === 0) budget.check();
      if (at + 46 > bytes.length || u32(at) !== CENTRAL) throw damaged();
      const flags = u16(at + 8);
      const method = u16(at + 10);
      let compressedSize = u32(at + 20);
      let size = u32(at + 24);
      const nameLength = u16(at + 28);
      const extraLength = u16(at + 30);
      const commentLength = u16(at + 32);
      let localAt = u32(at + 42);
      const nameStart = at + 46;
      if (nameStart + nameLength + extraLength + commentLength > bytes.length) throw damaged();
      const name = strFromU8(bytes.subarray(nameStart, nameStart + nameLength));
      // zip64: the 32-bit fields that overflowed are in the 0x0001 extra field, in this order
      if (size === 0xffffffff || compressedSize === 0xffffffff || localAt === 0xffffffff) {
        let x = nameStart + nameLength;
        const end = x + extraLength;
        while (x + 4 <= end) {
          const id = u16(x);
          const len = u16(x + 2);
          if (id === 1) {
            let y = x + 4;
            const next = () => {
              if (y + 8 > x + 4 + len) throw damaged();
              const v = Number(view.getBigUint64(y, true));
              y += 8;
              return v;
            };
            if (size === 0xffffffff) size = next();
            if (compressedSize === 0xffffffff) compressedSize = next();
            if (localAt === 0xffffffff) localAt = next();
            break;
          }
          x += 4 + len;
        }
      }
      if (flags & 1) throw encrypted();
      if (localAt + 30 > bytes.length || u32(localAt) !== LOCAL) throw damaged();
      const dataStart = localAt + 30 + u16(localAt + 26) + u16(localAt + 28);
      if (dataStart + compressedSize > cdStart) throw damaged();
      spans.push([localAt, dataStart + compressedSize]);
      entries.push({
        name: name.replace(/^\/+/, ''),
        flags,
        method,
        time: u16(at + 12),
        date: u16(at + 14),
        crc: u32(at + 16),
        compressedSize,
        size,
        externalAttrs: u32(at + 38),
        dataStart,
      });
      at = nameStart + nameLength + extraLength + commentLength;
    }
    // entries sharing their data are how the largest zip bombs multiply: a sound zip never overlaps
    spans.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) throw bomb();
    // (folder entries are kept: written back as they were)
    return new ZipReader(bytes, entries, limits, budget);
  }

  /** An entry by OPC part name (case-insensitive, with or without the leading slash). */
  get(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\/+/, '').toLowerCase());
  }

  /** The compressed bytes as stored. */
  raw(entry: ZipEntry): Uint8Array {
    return this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  }

  /** The uncompressed bytes of an entry, refused beyond the limits before and while inflating. */
  read(entry: ZipEntry): Uint8Array {
    const { maxPartBytes, maxTotalBytes, maxRatio, ratioGraceBytes } = this.limits;
    const tooBig = () => tooLarge(`其中一个部件解压后超过 ${sizeText(maxPartBytes)}`);
    const tooMuch = () => tooLarge(`解压后的内容合计超过 ${sizeText(maxTotalBytes)}`);
    if (entry.size > maxPartBytes) throw tooBig();
    if (this.inflated + entry.size > maxTotalBytes) throw tooMuch();
    if (entry.size > ratioGraceBytes && entry.size > entry.compressedSize * maxRatio) throw bomb();
    this.budget.check();
    const data = this.raw(entry);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) throw damaged();
      out = data;
    } else if (entry.method === 8) {
      out = new Uint8Array(entry.size);
      let n = 0;
      const inflate = new Inflate((chunk) => {
        // more than the entry declared: a lie, and possibly a bomb; nothing beyond the declared size is kept
        if (n + chunk.length > entry.size) throw damaged();
        out.set(chunk, n);
        n += chunk.length;
      });
      try {
        if (data.length === 0) throw damaged();
        for (let i = 0; i < data.length; i += PUSH) {
          inflate.push(data.subarray(i, Math.min(i + PUSH, data.length)), i + PUSH >= data.length);
          this.budget.check();
        }
      } catch (err) {
        if (err instanceof PackageError) throw err;
        throw damaged();
      }
      if (n !== entry.size) throw damaged();
    } else {
      throw new PackageError('damaged', '文件使用了不支持的压缩方式，请在 Excel/WPS 中另存为 .xlsx');
    }
    this.inflated += entry.size;
    return out;
  }
}

/** One entry of the archive to write: copied from the source as it is, or new bytes. */
export type ZipOutput = { name: string; copy: ZipEntry } | { name: string; data: Uint8Array; like?: ZipEntry };

/**
 * Writes a zip: copied entries keep their compressed bytes, CRC, time and attributes (local headers are
 * written anew from the central directory, without data descriptors or extra fields); new data is deflated.
 */
export function writeZip(source: ZipReader | null, outputs: ZipOutput[]): Uint8Array {
  const now = dosTime(new Date());
  const prepared = outputs.map((o) => {
    const nameBytes = strToU8(o.name);
    if ('copy' in o) {
      const e = o.copy;
      return { nameBytes, e, data: source!.raw(e), method: e.method, crc: e.crc, size: e.size, time: e.time, date: e.date, attrs: e.externalAttrs };
    }
    // (a large part changed — a sheet of many rows — is compressed quickly rather than tightly)
    const deflated = deflateSync(o.data, { level: o.data.length > 1 << 20 ? 1 : 6 });
    const stored = deflated.length >= o.data.length;
    return {
      nameBytes,
      e: o.like,
      data: stored ? o.data : deflated,
      method: stored ? 0 : 8,
      crc: crc32(o.data),
      size: o.data.length,
      time: o.like?.time ?? now.time,
      date: o.like?.date ?? now.date,
      attrs: o.like?.externalAttrs ?? 0,
    };
  });
  let total = 22;
  for (const p of prepared) total += 30 + 46 + 2 * p.nameBytes.length + p.data.length;
  if (total > 0xfffffff0 || prepared.length > 0xffff) throw tooLarge('写入的文件超过 4 GB');
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  // bit 11 only: names are UTF-8; no data descriptor, no encryption
  const flagsOf = () => 0x0800;
  for (const p of prepared) {
    offsets.push(at);
    view.setUint32(at, LOCAL, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, flagsOf(), true);
    view.setUint16(at + 8, p.method, true);
    view.setUint16(at + 10, p.time, true);
    view.setUint16(at + 12, p.date, true);
    view.setUint32(at + 14, p.crc, true);
    view.setUint32(at + 18, p.data.length, true);
    view.setUint32(at + 22, p.size, true);
    view.setUint16(at + 26, p.nameBytes.length, true);
    view.setUint16(at + 28, 0, true);
    out.set(p.nameBytes, at + 30);
    at += 30 + p.nameBytes.length;
    out.set(p.data, at);
    at += p.data.length;
  }
  const cdStart = at;
  prepared.forEach((p, i) => {
    view.setUint32(at, CENTRAL, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 8, flagsOf(), true);
    view.setUint16(at + 10, p.method, true);
    view.setUint16(at + 12, p.time, true);
    view.setUint16(at + 14, p.date, true);
    view.setUint32(at + 16, p.crc, true);
    view.setUint32(at + 20, p.data.length, true);
    view.setUint32(at + 24, p.size, true);
    view.setUint16(at + 28, p.nameBytes.length, true);
    view.setUint16(at + 30, 0, true);
    view.setUint16(at + 32, 0, true);
    view.setUint16(at + 34, 0, true);
    view.setUint16(at + 36, 0, true);
    view.setUint32(at + 38, p.attrs, true);
    view.setUint32(at + 42, offsets[i], true);
    out.set(p.nameBytes, at + 46);
    at += 46 + p.nameBytes.length;
  });
  view.setUint32(at, EOCD, true);
  view.setUint16(at + 8, prepared.length, true);
  view.setUint16(at + 10, prepared.length, true);
  view.setUint32(at + 12, at - cdStart, true);
  view.setUint32(at + 16, cdStart, true);
  at += 22;
  return out.subarray(0, at);
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}
