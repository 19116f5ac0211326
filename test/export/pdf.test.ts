/**
 * `jixiao export --pdf`: the 报送版 printed through LibreOffice headless — every page A4, the 评分表 pages
 * landscape and the others portrait, a CJK font embedded; without LibreOffice one line, exit 2, nothing
 * written. Needs `soffice` (Debian: libreoffice-calc-nogui fonts-noto-cjk), which .ci/run installs; the PDF is
 * read from its bytes (no poppler).
 */
import * as fs from 'fs';
import * as path from 'path';
import { findSoffice, NO_SOFFICE } from '../../src/cli/pdf';
import { XlsxWorkbook } from '../../src/workbook/xlsx';
import { EXAMPLE_FILE_NAME, exampleValues, expectUsageFailure, jixiao, listFiles, scheme, scoredWorkbook, tempDir } from './helpers';

let dir: string;
let filled: Buffer;
let faulty: Buffer;

beforeAll(async () => {
  const book = await XlsxWorkbook.create();
  await book.insertTemplate(scheme, {});
  book.fillInputs(scheme, exampleValues());
  filled = Buffer.from(await book.toBuffer());
  faulty = Buffer.from(await (await scoredWorkbook({ ...exampleValues(), in_staff_quota: 0 })).book.toBuffer());
});
beforeEach(() => {
  dir = tempDir();
  fs.writeFileSync(path.join(dir, '已填写.xlsx'), filled);
  fs.writeFileSync(path.join(dir, '有错误.xlsx'), faulty);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const INPUTS = ['已填写.xlsx', '有错误.xlsx'];

/** Page sizes of a PDF in points, from the /MediaBox of each page object, in page order. */
function pageSizes(pdf: Buffer): { w: number; h: number }[] {
  const text = pdf.toString('latin1');
  const pages = text.split(/\/Type\s*\/Page(?![s\w])/).slice(1);
  return pages.map((p) => {
    const m = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(p);
    if (!m) throw new Error('page without MediaBox');
    return { w: Number(m[3]) - Number(m[1]), h: Number(m[4]) - Number(m[2]) };
  });
}

/** The /BaseFont names of a PDF (font dictionaries are not compressed in LibreOffice's output). */
function baseFonts(pdf: Buffer): string[] {
  return [...new Set([...pdf.toString('latin1').matchAll(/\/BaseFont\s*\/([^\s/<>[\]()]+)/g)].map((m) => m[1]))];
}

const A4 = { short: 595.3, long: 841.9 };
const near = (a: number, b: number) => Math.abs(a - b) < 1;
const orientation = (s: { w: number; h: number }) =>
  near(s.w, A4.short) && near(s.h, A4.long) ? 'P' : near(s.w, A4.long) && near(s.h, A4.short) ? 'L' : `?${s.w}x${s.h}`;
const CJK_FONT = /Noto(Sans|Serif)CJK|SourceHan|SimSun|NSimSun|SimHei|WenQuanYi|WQY|DroidSansFallback|FandolSong|Song|Ming|Hei/i;

describe('jixiao export --pdf with LibreOffice', () => {
  it('writes OUT.xlsx and OUT.pdf: A4 pages, 基本情况表 portrait, 评分表 landscape, 满意度调查 portrait, a CJK font', async () => {
    expect(findSoffice()).not.toBeNull();
    const r = await jixiao(['export', '已填写.xlsx', '-o', '报送.xlsx', '--pdf'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^已生成 PDF：报送\.pdf$/m);
    expect(listFiles(dir)).toEqual([...INPUTS, '报送.pdf', '报送.xlsx'].sort());

    const pdf = fs.readFileSync(path.join(dir, '报送.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const sizes = pageSizes(pdf);
    const order = sizes.map(orientation).join('');
    // the sheets print in order: the summary (portrait), the scoring table (landscape), the survey (portrait)
    expect(order).toMatch(/^P+L+P+$/);
    const fonts = baseFonts(pdf);
    expect(fonts.some((f) => CJK_FONT.test(f))).toBe(true);
  });

  it('with -o a folder and --force: both files under the standard name, the xlsx marked incomplete; exit 1', async () => {
    fs.mkdirSync(path.join(dir, 'out'));
    const r = await jixiao(['export', '有错误.xlsx', '-o', 'out', '--pdf', '--force'], dir);
    expect(r.code).toBe(1);
    const base = EXAMPLE_FILE_NAME.replace(/\.xlsx$/, '');
    expect(listFiles(path.join(dir, 'out'))).toEqual([`${base}.pdf`, `${base}.xlsx`]);
    expect(pageSizes(fs.readFileSync(path.join(dir, 'out', `${base}.pdf`))).every((s) => !orientation(s).startsWith('?'))).toBe(true);
  });
});

describe('jixiao export --pdf without LibreOffice', () => {
  const NO_SOFFICE_LINE = /^jixiao: 未找到 LibreOffice（soffice），无法生成 PDF；请安装 LibreOffice（Debian: apt-get install libreoffice-calc-nogui fonts-noto-cjk）/;

  it('JIXIAO_SOFFICE pointing nowhere: exit 2, one line, nothing written', async () => {
    const env = { JIXIAO_SOFFICE: path.join(dir, 'no-such-soffice') };
    expectUsageFailure(await jixiao(['export', '已填写.xlsx', '-o', 'out.xlsx', '--pdf'], dir, env), NO_SOFFICE_LINE);
    // also when the export itself would be refused or forced
    expectUsageFailure(await jixiao(['export', '有错误.xlsx', '-o', 'out.xlsx', '--pdf', '--force'], dir, env), NO_SOFFICE_LINE);
    expect(listFiles(dir)).toEqual(INPUTS);
  });

  it('PATH without soffice or libreoffice: exit 2, one line, nothing written', async () => {
    const empty = path.join(dir, 'empty-bin');
    fs.mkdirSync(empty);
    const r = await jixiao(['export', '已填写.xlsx', '--pdf'], dir, { PATH: empty, JIXIAO_SOFFICE: undefined });
    expectUsageFailure(r, NO_SOFFICE_LINE);
    expect(listFiles(dir)).toEqual([...INPUTS, 'empty-bin'].sort());
    expect(r.stderr).toBe(`jixiao: ${NO_SOFFICE}\n`);
  });

  it('a LibreOffice that fails: exit 2, one line, neither file written', async () => {
    if (process.platform === 'win32') return;
    const fake = path.join(dir, 'fake-soffice');
    fs.writeFileSync(fake, '#!/bin/sh\necho "Error: source file could not be loaded" >&2\nexit 1\n', { mode: 0o755 });
    expectUsageFailure(await jixiao(['export', '已填写.xlsx', '-o', 'out.xlsx', '--pdf'], dir, { JIXIAO_SOFFICE: fake }), /LibreOffice 未能生成 PDF：Error: source file could not be loaded/);
    expect(listFiles(dir)).toEqual([...INPUTS, 'fake-soffice'].sort());
  });
});

describe('findSoffice', () => {
  const exe = (file: string) => fs.writeFileSync(file, '#!/bin/sh\nexit 0\n', { mode: 0o755 });

  it('takes $JIXIAO_SOFFICE when set, and only it', () => {
    const fake = path.join(dir, 'my-soffice');
    exe(fake);
    expect(findSoffice({ JIXIAO_SOFFICE: fake, PATH: '' }, 'linux')).toBe(fake);
    expect(findSoffice({ JIXIAO_SOFFICE: path.join(dir, 'missing'), PATH: process.env.PATH }, 'linux')).toBeNull();
    expect(findSoffice({ JIXIAO_SOFFICE: dir, PATH: '' }, 'linux')).toBeNull(); // a folder is no program
  });

  it('else finds soffice, then libreoffice, on PATH', () => {
    if (process.platform === 'win32') return;
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    exe(path.join(b, 'libreoffice'));
    expect(findSoffice({ PATH: [a, b].join(path.delimiter) }, 'linux')).toBe(path.join(b, 'libreoffice'));
    exe(path.join(b, 'soffice'));
    expect(findSoffice({ PATH: [a, b].join(path.delimiter) }, 'linux')).toBe(path.join(b, 'soffice'));
    fs.writeFileSync(path.join(a, 'soffice'), 'not executable', { mode: 0o644 });
    expect(findSoffice({ PATH: [a, b].join(path.delimiter) }, 'linux')).toBe(path.join(b, 'soffice'));
    expect(findSoffice({ PATH: a }, 'linux')).toBeNull();
  });
});
