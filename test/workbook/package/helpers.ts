/**
 * Fixtures for the package layer, built here: the worked example as `jixiao template` + fill writes it, and
 * packages edited part by part (unzip → change a part's text → zip), as other programs would leave them.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { RawValue } from '../../../src/engine';
import { XlsxWorkbook } from '../../../src/workbook/xlsx';
import { exampleValues, scheme } from '../helpers';

export { exampleValues, scheme };

/** The worked example filled into a fresh template (exceljs), unscored: an officer's file before `jixiao score`. */
export async function exampleFile(values: Record<string, RawValue> = exampleValues()): Promise<Uint8Array> {
  const book = await XlsxWorkbook.create();
  await book.insertTemplate(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '万元' });
  book.fillInputs(scheme, values);
  return book.toBuffer();
}

/** Every part of a package by name, uncompressed. */
export function partsOf(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)));
}

export function partText(bytes: Uint8Array, name: string): string {
  const data = unzipSync(bytes, { filter: (f) => f.name === name })[name];
  if (!data) throw new Error(`${name} is not in the package`);
  return strFromU8(data);
}

/** A package with some parts changed (a function of the text), added (a string or bytes) or removed (null). */
export function editParts(bytes: Uint8Array, edits: Record<string, string | Uint8Array | null | ((text: string) => string)>): Uint8Array {
  const parts = unzipSync(bytes);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(parts)) {
    const edit = edits[name];
    if (edit === null) continue;
    if (typeof edit === 'function') out[name] = strToU8(edit(strFromU8(data)));
    else if (edit !== undefined) out[name] = typeof edit === 'string' ? strToU8(edit) : edit;
    else out[name] = data;
  }
  for (const [name, edit] of Object.entries(edits)) {
    if (name in parts || edit === null || typeof edit === 'function') continue;
    out[name] = typeof edit === 'string' ? strToU8(edit) : edit;
  }
  return zipSync(out);
}

/** A zip of parts given as text or bytes, in order. */
export function zipOf(parts: Record<string, string | Uint8Array>, level: 0 | 1 | 6 | 9 = 6): Uint8Array {
  const out: Zippable = {};
  for (const [name, data] of Object.entries(parts)) out[name] = [typeof data === 'string' ? strToU8(data) : data, { level }];
  return zipSync(out);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface MiniSheet {
  name: string;
  /** the <sheetData> content (or the whole worksheet when it starts with "<worksheet") */
  data: string;
  state?: 'hidden' | 'veryHidden';
  /** extra elements after </sheetData> (sheetProtection, mergeCells…) */
  after?: string;
  /** elements before <sheetData> (cols, sheetFormatPr) */
  before?: string;
}

/**
 * A small package written the way Excel lays one out: the sheets, defined names (as XML), shared strings,
 * styles with the number formats given (cellXfs in order), and any extra parts.
 */
export function miniWorkbook(options: {
  sheets: MiniSheet[];
  names?: string;
  strings?: string[];
  /** the numFmtId of each cellXfs entry, and custom formats by id */
  xfs?: number[];
  numFmts?: Record<number, string>;
  workbookExtra?: string;
  extraParts?: Record<string, string | Uint8Array>;
  calcPr?: string;
}): Uint8Array {
  const sheets = options.sheets;
  const parts: Record<string, string | Uint8Array> = {};
  parts['[Content_Types].xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
  parts['_rels/.rels'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  parts['xl/workbook.xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}">${options.workbookExtra ?? ''}<sheets>` +
    sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('') +
    `</sheets>${options.names ? `<definedNames>${options.names}</definedNames>` : ''}${options.calcPr ?? '<calcPr calcId="191029"/>'}</workbook>`;
  parts['xl/_rels/workbook.xml.rels'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">` +
    sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId${sheets.length + 2}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
  sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] = s.data.startsWith('<')
      ? s.data.startsWith('<worksheet') || s.data.startsWith('<x:worksheet')
        ? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s.data}`
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${s.before ?? ''}<sheetData>${s.data}</sheetData>${s.after ?? ''}</worksheet>`
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${s.before ?? ''}<sheetData>${s.data}</sheetData>${s.after ?? ''}</worksheet>`;
  });
  const strings = options.strings ?? [];
  parts['xl/sharedStrings.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => (s.startsWith('<') ? `<si>${s}</si>` : `<si><t>${s}</t></si>`)).join('')}</sst>`;
  const fmts = Object.entries(options.numFmts ?? {});
  const xfs = options.xfs ?? [0];
  parts['xl/styles.xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}">` +
    (fmts.length ? `<numFmts count="${fmts.length}">${fmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code.replace(/"/g, '&quot;')}"/>`).join('')}</numFmts>` : '') +
    `<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>` +
    `<cellXfs count="${xfs.length}">${xfs.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0"${id ? ' applyNumberFormat="1"' : ''}/>`).join('')}</cellXfs></styleSheet>`;
  Object.assign(parts, options.extraParts ?? {});
  return zipOf(parts);
}
