/**
 * Editing the defined names of xl/workbook.xml: set (add or replace) and remove names by name and scope — the
 * sheet-scoped names (localSheetId) exceljs cannot write — and renumber the scopes when sheets are inserted.
 */
import type { Splice } from './patch';
import { attr, decodeXml, elements, escapeAttr, escapeText, firstElement, withAttr } from './xml';

export interface NameEdit {
  name: string;
  /** the sheet the name belongs to, by its index in the workbook's final sheet order; null for workbook-wide */
  localSheetId: number | null;
  /** the new formula ('项目1'!$A$16:$K$37); null removes the name */
  formula: string | null;
  hidden?: boolean;
}

/** Where <definedNames> goes when a workbook has none: after sheets, functionGroups and externalReferences. */
const BEFORE_NAMES = ['sheets', 'functionGroups', 'externalReferences'];

/**
 * The splices that apply `edits` to the workbook part, each existing name's scope first mapped through
 * `renumber` (sheets inserted before it). An edit matches a name of the same name (case-insensitively, as Excel
 * compares them) and scope; a set without a match adds the name.
 */
export function definedNameSplices(xml: string, prefix: string, edits: NameEdit[], renumber?: (index: number) => number): Splice[] {
  const out: Splice[] = [];
  const pending = new Map<string, NameEdit>();
  const key = (name: string, scope: number | null) => `${name.toLowerCase()}\u0000${scope ?? ''}`;
  for (const e of edits) pending.set(key(e.name, e.localSheetId), e);
  const container = firstElement(xml, 'definedNames');
  if (container && !container.empty) {
    for (const e of elements(xml, 'definedName', container.open, container.close)) {
      const name = decodeXml(attr(e.tag, 'name') ?? '');
      const local = attr(e.tag, 'localSheetId');
      const old = local !== undefined && /^\d+$/.test(local) ? Number(local) : null;
      const scope = old === null || !renumber ? old : renumber(old);
      const edit = pending.get(key(name, scope));
      if (edit) {
        pending.delete(key(name, scope));
        out.push({ start: e.start, end: e.end, text: edit.formula === null ? '' : element(prefix, edit) });
      } else if (scope !== old) {
        out.push({ start: e.start, end: e.open, text: withAttr(e.tag, 'localSheetId', String(scope)) });
      }
    }
  }
  const added = [...pending.values()].filter((e) => e.formula !== null).map((e) => element(prefix, e)).join('');
  if (!added) return out;
  if (container && !container.empty) out.push({ start: container.close, end: container.close, text: added });
  else if (container) out.push({ start: container.start, end: container.end, text: `<${prefix}definedNames>${added}</${prefix}definedNames>` });
  else {
    let at = -1;
    for (const local of BEFORE_NAMES) {
      const e = firstElement(xml, local);
      if (e) at = Math.max(at, e.end);
    }
    if (at < 0) throw new Error('workbook part without sheets');
    out.push({ start: at, end: at, text: `<${prefix}definedNames>${added}</${prefix}definedNames>` });
  }
  return out;
}

function element(p: string, e: NameEdit): string {
  const scope = e.localSheetId === null ? '' : ` localSheetId="${e.localSheetId}"`;
  const hidden = e.hidden ? ' hidden="1"' : '';
  return `<${p}definedName name="${escapeAttr(e.name)}"${scope}${hidden}>${escapeText(e.formula ?? '')}</${p}definedName>`;
}
