/** xl/workbook.xml: the sheets in their order, the defined names with their scope, and the date system. */
import { attr, decodeXml, elements, firstElement, rootOf } from './xml';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetEntry {
  name: string;
  sheetId: number;
  state: SheetState;
  /** the workbook relationship of its part */
  rId: string;
}

export interface DefinedNameEntry {
  name: string;
  /** index into the sheets for a name scoped to one sheet; null for a workbook-wide name */
  localSheetId: number | null;
  /** the name's formula as written ("'基本情况表'!$D$8", "#REF!", "0.05", "OFFSET(…)") */
  formula: string;
  hidden: boolean;
}

export interface WorkbookPart {
  /** the root element's prefix ("" or e.g. "x:") */
  prefix: string;
  /** the main namespace (transitional or strict) */
  namespace: string;
  rootTag: string;
  sheets: SheetEntry[];
  names: DefinedNameEntry[];
  date1904: boolean;
}

const TRUE = new Set(['1', 'true', 'on']);

export function parseWorkbookPart(xml: string): WorkbookPart {
  const root = rootOf(xml);
  const namespace = rootNamespace(root.tag, root.prefix);
  const sheets: SheetEntry[] = [];
  const sheetsElement = firstElement(xml, 'sheets');
  if (sheetsElement && !sheetsElement.empty) {
    for (const e of elements(xml, 'sheet', sheetsElement.open, sheetsElement.close)) {
      const state = attr(e.tag, 'state');
      sheets.push({
        name: attr(e.tag, 'name') ?? '',
        sheetId: Number(attr(e.tag, 'sheetId') ?? 0),
        state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
        rId: attr(e.tag, 'id') ?? '',
      });
    }
  }
  const names: DefinedNameEntry[] = [];
  const namesElement = firstElement(xml, 'definedNames');
  if (namesElement && !namesElement.empty) {
    for (const e of elements(xml, 'definedName', namesElement.open, namesElement.close)) {
      const local = attr(e.tag, 'localSheetId');
      names.push({
        name: attr(e.tag, 'name') ?? '',
        localSheetId: local !== undefined && /^\d+$/.test(local) ? Number(local) : null,
        formula: e.empty ? '' : decodeXml(xml.slice(e.open, e.close)),
        hidden: TRUE.has(attr(e.tag, 'hidden') ?? ''),
      });
    }
  }
  const pr = firstElement(xml, 'workbookPr');
  return { prefix: root.prefix, namespace, rootTag: root.tag, sheets, names, date1904: !!pr && TRUE.has(attr(pr.tag, 'date1904') ?? '') };
}

function rootNamespace(tag: string, prefix: string): string {
  const m = new RegExp(`xmlns${prefix ? ':' + prefix.slice(0, -1) : ''}="([^"]*)"`).exec(tag);
  return m ? m[1] : 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
}
