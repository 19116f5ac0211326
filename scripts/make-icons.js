#!/usr/bin/env node
/**
 * Draws the add-in's ribbon and catalogue icons and writes them as PNG files:
 * a green rounded square with three white rising bars and a baseline.
 *
 * No image library and no download: a shape is a coverage function sampled on a
 * grid inside each pixel (anti-aliasing), and the PNG is encoded here with zlib.
 * The output is deterministic, so re-running it leaves the checked-in files unchanged.
 *
 *   node scripts/make-icons.js [outDir]     (default: assets/)
 */
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { Buffer } = require('buffer');

/** Sizes the manifest refers to: 16/32/80 for ribbon buttons, 32/64 for IconUrl/HighResolutionIconUrl. */
const SIZES = [16, 32, 64, 80];

const GREEN = [0x10, 0x7c, 0x41]; // Excel green, as used by Fluent UI
const WHITE = [0xff, 0xff, 0xff];

// ---------------------------------------------------------------- PNG encoding

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * Encodes 8-bit RGBA pixels (row-major, width*height*4 bytes) as a PNG.
 * @param {number} width
 * @param {number} height
 * @param {Uint8Array} rgba
 * @returns {Buffer}
 */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Reads width and height from a PNG's IHDR chunk.
 * @param {Buffer} buf
 * @returns {{ width: number, height: number }}
 */
function readPngSize(buf) {
  const signature = '89504e470d0a1a0a';
  if (buf.length < 24 || buf.subarray(0, 8).toString('hex') !== signature || buf.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

// ---------------------------------------------------------------- drawing

/** Is (x, y) inside the axis-aligned rectangle with corner radius r? Units are fractions of the icon. */
function inRoundedRect(x, y, left, top, right, bottom, r) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + r), right - r);
  const cy = Math.min(Math.max(y, top + r), bottom - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/**
 * The white marks as a coverage test in icon-fraction coordinates (0..1, y downwards).
 * Shapes are laid out on a pixel grid (16 px, or 32 px scaled up) so that edges fall on pixel
 * boundaries and the bars stay crisp in the ribbon.
 */
function glyph(size) {
  const small = size <= 16;
  const grid = small ? 16 : 32;
  // [left, top, right, bottom] in grid units: three rising bars standing on a baseline.
  const rects = small
    ? [
        [3, 9, 5, 12],
        [7, 6, 9, 12],
        [11, 3, 13, 12],
        [2, 12, 14, 13],
      ]
    : [
        [8, 17, 12, 24],
        [14, 12, 18, 24],
        [20, 7, 24, 24],
        [7, 24, 25, 26],
      ];
  const r = 0.25 / grid;
  return (x, y) => rects.some(([l, t, rt, b]) => inRoundedRect(x, y, l / grid, t / grid, rt / grid, b / grid, r));
}

/**
 * Renders one icon as RGBA pixels.
 * @param {number} size
 * @returns {Uint8Array}
 */
function drawIcon(size) {
  const samples = 8; // 8x8 sub-samples per pixel
  const inMark = glyph(size);
  const px = new Uint8Array(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let bg = 0;
      let mark = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (i + (sx + 0.5) / samples) / size;
          const y = (j + (sy + 0.5) / samples) / size;
          if (inRoundedRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.2)) {
            bg++;
            if (inMark(x, y)) mark++;
          }
        }
      }
      const n = samples * samples;
      const alpha = bg / n;
      const white = bg === 0 ? 0 : mark / bg;
      const o = (j * size + i) * 4;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(GREEN[c] * (1 - white) + WHITE[c] * white);
      px[o + 3] = Math.round(alpha * 255);
    }
  }
  return px;
}

/**
 * Writes icon-<size>.png for every size into outDir.
 * @param {string} outDir
 * @returns {string[]} the files written
 */
function makeIcons(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  return SIZES.map((size) => {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, size, drawIcon(size)));
    return file;
  });
}

module.exports = { SIZES, encodePng, readPngSize, drawIcon, makeIcons };

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'assets'));
  for (const file of makeIcons(outDir)) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
