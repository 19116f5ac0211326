/**
 * Hand-made tables built the way officers' files are: one description (rows of cells, merged ranges in A1
 * notation, title paragraphs) written out as a real .xlsx sheet (exceljs) or as a real Word table (.docx with
 * w:gridSpan and w:vMerge), so that the same form can be checked in both shapes.
 */
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';

/** A cell: a text, a number, a number with its display format ({ v: 0.9473, fmt: '0%' }), or blank. */
export type Cell = string | number | boolean | null | { v: number; fmt: string } | { formula: string; result: number; fmt?: string };

export interface TableSpec {
  rows: Cell[][];
  /** merged ranges, A1 notation relative to the table's first cell: 'A1:A5' */
  merges?: string[];
}

export interface SheetSpec extends TableSpec {
  name: string;
  /** where the table's first cell goes (A1 by default): hand-made tables sit anywhere */
  at?: string;
  state?: 'visible' | 'hidden';
  /** more tables on the same sheet, each at its own place */
  more?: (TableSpec & { at: string })[];
}

export const _ = null;

function decode(a1: string): { r: number; c: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let c = 0;
  for (const ch of m[1]) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]) - 1, c: c - 1 };
}

function encode(r: number, c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${r + 1}`;
}

function area(range: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b = a] = range.split(':');
  const p = decode(a);
  const q = decode(b);
  return { top: p.r, left: p.c, bottom: q.r, right: q.c };
}

/** An .xlsx holding the sheets, each table at its place, merges and number formats as given. */
export async function xlsx(sheets: SheetSpec[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.state === 'hidden' ? { state: 'hidden' } : {});
    for (const t of [{ rows: s.rows, merges: s.merges, at: s.at ?? 'A1' }, ...(s.more ?? [])]) {
      const o = decode(t.at);
      t.rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null || v === undefined) return;
          const cell = ws.getCell(encode(o.r + r, o.c + c));
          if (typeof v === 'object' && 'formula' in v) {
            cell.value = { formula: v.formula, result: v.result };
            if (v.fmt) cell.numFmt = v.fmt;
          } else if (typeof v === 'object') {
            cell.value = v.v;
            cell.numFmt = v.fmt;
          } else cell.value = v;
        }),
      );
      for (const m of t.merges ?? []) {
        const a = area(m);
        ws.mergeCells(encode(o.r + a.top, o.c + a.left) + ':' + encode(o.r + a.bottom, o.c + a.right));
      }
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function paragraph(text: string): string {
  // a line break inside a paragraph stays a w:br, as Word writes Shift+Enter
  const runs = text.split('\n').map((line, i) => `${i ? '<w:br/>' : ''}<w:t xml:space="preserve">${esc(line)}</w:t>`);
  return `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>${runs.join('')}</w:r></w:p>`;
}

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return 'formula' in v ? String(v.result) : String(v.v);
  return String(v);
}

/** A Word table: merged ranges become w:gridSpan and w:vMerge, a cell's lines become its paragraphs. */
export function wordTable(t: TableSpec): string {
  const rows = t.rows.length;
  const cols = Math.max(...t.rows.map((r) => r.length));
  const merges = (t.merges ?? []).map(area);
  const covering = (r: number, c: number) => merges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
  let xml = `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid>${'<w:gridCol w:w="1200"/>'.repeat(cols)}</w:tblGrid>`;
  for (let r = 0; r < rows; r++) {
    xml += '<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>';
    for (let c = 0; c < cols; ) {
      const m = covering(r, c);
      const span = m ? m.right - m.left + 1 : 1;
      if (m && c !== m.left) {
        c++;
        continue;
      }
      const props = [`<w:tcW w:w="${1200 * span}" w:type="dxa"/>`];
      if (span > 1) props.push(`<w:gridSpan w:val="${span}"/>`);
      if (m && m.bottom > m.top) props.push(r === m.top ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>');
      const text = m && r !== m.top ? '' : cellText(t.rows[r][c]);
      const paras = text === '' ? '<w:p/>' : text.split('\n\n').map(paragraph).join('');
      xml += `<w:tc><w:tcPr>${props.join('')}</w:tcPr>${paras}</w:tc>`;
      c += span;
    }
    xml += '</w:tr>';
  }
  return `${xml}</w:tbl>`;
}

/** A .docx of paragraphs and tables in order (a report with the forms inside it). */
export function docx(body: (string | TableSpec)[]): Uint8Array {
  const parts = body.map((b) => (typeof b === 'string' ? paragraph(b) : `${wordTable(b)}<w:p/>`)).join('');
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<w:body>${parts}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(document),
  });
}
