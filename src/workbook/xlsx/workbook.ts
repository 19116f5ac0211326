import { ValueType, Workbook } from 'exceljs';
import { missingName } from '../names';
import type { Buffer as ExcelBuffer, CellValue, Worksheet } from 'exceljs';
import type { CellRef, Evaluation, Finding, RawValue, Scheme, SchemeInput } from '../../engine';
import { outputValues } from '../outputs';
import { at, heightFor, linesFor } from '../template/geometry';
import { planTemplate } from '../template/plan';
import { outputPlanOf } from '../formulaResults';
import { BODY_SIZE } from '../template/styles';
import { MAX_ROW_HEIGHT } from '../package/patch';
import type { OutputValue, TemplateOptions, WorkbookAdapter, WorkbookInputs } from '../types';
import { refreshCachedResults } from './cached';
import { NameIndex, NamesVersion, sheetFinder, type NamedRange } from './names';
import { exceljsPrintArea, renderPlan } from './render';
import { writeSchemeSheet } from './schemeSheet';
import { compactValidations } from './validations';
import { toCellValue, toRaw } from './values';

/** Default column width exceljs and Excel assume when a column has none. */
const DEFAULT_WIDTH = 9;

/** The exceljs adapter: a workbook in memory (CLI, browser without Office, tests), reached through defined names. */
export class XlsxWorkbook implements WorkbookAdapter {
  private names?: { version: number; index: NameIndex };

  constructor(readonly workbook: Workbook) {}

  /** The workbook's defined names, read once and again only after they changed. */
  nameIndex(): NameIndex {
    const version = NamesVersion.of(this.workbook).value;
    if (this.names?.version !== version) this.names = { version, index: new NameIndex(this.workbook) };
    return this.names.index;
  }

  static async fromBuffer(data: ArrayBuffer | Uint8Array): Promise<XlsxWorkbook> {
    const workbook = new Workbook();
    await workbook.xlsx.load(data as unknown as ExcelBuffer);
    return new XlsxWorkbook(workbook);
  }

  static async create(): Promise<XlsxWorkbook> {
    const workbook = new Workbook();
    workbook.creator = 'jixiao';
    return new XlsxWorkbook(workbook);
  }

  async toBuffer(): Promise<Uint8Array> {
    for (const ws of this.workbook.worksheets) {
      // a print area read back is "A1:H25", which exceljs would write half-relative
      const area = ws.pageSetup.printArea;
      if (area) {
        const written = exceljsPrintArea(area);
        if (written !== area) ws.pageSetup.printArea = written;
      }
      // (a no-op when the validations are as it left them last time)
      compactValidations(ws);
    }
    const out = await this.workbook.xlsx.writeBuffer();
    return out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBuffer);
  }

  /** The template of a scheme whose names are workbook-wide (one form per sheet needs the package layer: forms/). */
  async insertTemplate(scheme: Scheme, options: TemplateOptions): Promise<void> {
    if (scheme.formScope === 'sheet') throw new Error(`评分方案 ${scheme.id} 每个项目一张工作表（工作表级名称），请用“添加项目”或 jixiao template 生成`);
    await renderPlan(this.workbook, planTemplate(scheme, options));
    writeSchemeSheet(this.workbook, scheme);
  }

  async readInputs(scheme: Scheme): Promise<WorkbookInputs> {
    const names = this.nameIndex();
    const sheet = sheetFinder(this.workbook);
    const values: Record<string, RawValue> = {};
    const cells: Record<string, CellRef> = {};
    const problems: Finding[] = [];
    for (const input of scheme.inputs) {
      const found = locate(names, sheet, input);
      if ('problem' in found) {
        problems.push(found.problem);
        continue;
      }
      const { ws, range } = found;
      cells[input.name] = { sheet: ws.name, address: at(range.left, range.top) };
      values[input.name] = input.kind === 'survey' ? readGrid(ws, gridOf(range, input)) : toRaw(valueAt(ws, range.top, range.left));
    }
    return { values, cells, problems };
  }

  async writeOutputs(scheme: Scheme, evaluation: Evaluation): Promise<void> {
    const names = this.nameIndex();
    const sheet = sheetFinder(this.workbook);
    const inputAreas: { ws: Worksheet; area: NamedRange }[] = [];
    for (const input of scheme.inputs) {
      const found = locate(names, sheet, input);
      if ('problem' in found) continue;
      inputAreas.push({ ws: found.ws, area: input.kind === 'survey' ? gridOf(found.range, input) : found.range });
    }

    const targets: { name: string; value: OutputValue; ws: Worksheet; range: NamedRange }[] = [];
    for (const [name, value] of outputValues(scheme, evaluation)) {
      const range = names.find(name);
      const ws = range && sheet(range.sheet);
      // an output the officer deleted is not recreated; the pane and the CLI report scores anyway
      if (!range || !ws) continue;
      const { top: row, left: col } = range;
      if (inputAreas.some(({ ws: s, area: a }) => s === ws && row >= a.top && row <= a.bottom && col >= a.left && col <= a.right)) {
        throw new Error(`输出名称 ${name} 指向输入单元格 ${ws.name}!${at(col, row)}，为保护已填写的数据，未写入任何结果`);
      }
      targets.push({ name, value, ws, range });
    }
    const { textNames } = outputPlanOf(scheme);
    for (const { name, value, ws, range } of targets) {
      ws.getCell(range.top, range.left).value = value;
      if (textNames.has(name) && typeof value === 'string') fitRow(ws, range, value);
    }

    this.refreshCaches(scheme);
  }

  /**
   * Writes values into the input cells by name (for tests, the demo and the CLI): a survey grid as rows of
   * answers (the rest of the grid is cleared). Throws for a name the scheme or the workbook does not have.
   */
  fillInputs(scheme: Scheme, values: Record<string, RawValue>): void {
    const names = this.nameIndex();
    const sheet = sheetFinder(this.workbook);
    for (const [name, raw] of Object.entries(values)) {
      const input = scheme.inputs.find((i) => i.name === name);
      if (!input) throw new Error(`评分方案 ${scheme.id} 没有输入 ${name}`);
      const found = locate(names, sheet, input);
      if ('problem' in found) throw new Error(found.problem.message);
      const { ws, range } = found;
      if (input.kind !== 'survey') {
        ws.getCell(range.top, range.left).value = toCellValue(raw);
        continue;
      }
      if (raw !== null && raw !== undefined && !Array.isArray(raw)) throw new Error(`${input.label}应为逐份问卷的答案（每份一行）`);
      const grid = gridOf(range, input);
      const rows = raw ?? [];
      if (rows.length > grid.bottom - grid.top + 1) throw new Error(`${input.label}最多${grid.bottom - grid.top + 1}份问卷，收到${rows.length}份`);
      for (let r = grid.top; r <= grid.bottom; r++) {
        const row = rows[r - grid.top];
        const answers = Array.isArray(row) ? row : row === undefined ? [] : [row];
        for (let c = grid.left; c <= grid.right; c++) ws.getCell(r, c).value = toCellValue(answers[c - grid.left]);
      }
    }
    this.refreshCaches(scheme);
  }

  /**
   * exceljs cannot calculate: store current results in the template's formulas for viewers that show cached
   * results (LibreOffice), and have Excel recalculate everything when it opens the file.
   */
  private refreshCaches(scheme: Scheme): void {
    const names = this.nameIndex();
    const sheet = sheetFinder(this.workbook);
    const survey = scheme.inputs.find((i) => i.kind === 'survey');
    const surveyAt = survey ? locate(names, sheet, survey) : undefined;
    refreshCachedResults(this.workbook, outputPlanOf(scheme).derivations, {
      named: (name) => {
        const range = names.find(name);
        const ws = range && sheet(range.sheet);
        return range && ws ? toRaw(valueAt(ws, range.top, range.left)) : null;
      },
      survey: survey && surveyAt && !('problem' in surveyAt) ? { input: survey, rows: readGrid(surveyAt.ws, gridOf(surveyAt.range, survey)) } : null,
    });
    this.workbook.calcProperties.fullCalcOnLoad = true;
  }
}

/** The scheme whose input names this workbook defines (at least half of them), or null. */
export function detectScheme(workbook: Workbook | XlsxWorkbook, schemes: Scheme[]): Scheme | null {
  const names = workbook instanceof XlsxWorkbook ? workbook.nameIndex() : new NameIndex(workbook);
  let best: { scheme: Scheme; share: number } | null = null;
  for (const scheme of schemes) {
    const share = scheme.inputs.filter((i) => names.has(i.name)).length / scheme.inputs.length;
    if (share >= 0.5 && (!best || share > best.share)) best = { scheme, share };
  }
  return best?.scheme ?? null;
}

type Located = { ws: Worksheet; range: NamedRange } | { problem: Finding };

function locate(names: NameIndex, sheet: (name: string) => Worksheet | undefined, input: SchemeInput): Located {
  const range = names.find(input.name);
  const missing = (why?: string): { problem: Finding } => ({ problem: missingName(input.name, input.label, 'error', why) });
  // a grid that is not there at all: the workbook was made without 满意度调查, the tally fields stand in
  if (!range) return { problem: missingName(input.name, input.label, input.kind === 'survey' ? 'info' : 'error') };
  const ws = sheet(range.sheet);
  if (!ws) return missing(range.sheet === '#REF' ? '指向的工作表已被删除' : `指向不存在的工作表“${range.sheet}”`);
  return { ws, range };
}

/** The answer grid: the named area, or rows × questions from its top-left cell when the name is a single cell. */
function gridOf(range: NamedRange, input: SchemeInput): NamedRange {
  if (range.right > range.left || range.bottom > range.top) return range;
  return { ...range, right: range.left + (input.questions ?? 1) - 1, bottom: range.top + (input.rows ?? 1) - 1 };
}

function readGrid(ws: Worksheet, g: NamedRange): RawValue[][] {
  const rows: RawValue[][] = [];
  for (let r = g.top; r <= g.bottom; r++) {
    const row: RawValue[] = [];
    for (let c = g.left; c <= g.right; c++) row.push(toRaw(valueAt(ws, r, c)));
    rows.push(row);
  }
  return rows;
}

/** Reads without creating cells (exceljs getCell would), and without the address strings ws.findCell makes. */
function valueAt(ws: Worksheet, row: number, col: number): CellValue {
  const cell = ws.findRow(row)?.findCell(col);
  if (!cell) return null;
  // exceljs's cell.value drops a formula's falsy result (0, false): a score of 0 would read as blank
  return cell.type === ValueType.Formula ? ((cell.result ?? null) as CellValue) : cell.value;
}

/** A longer 评价得分 text than the template allowed for: make its row taller (never shorter, never above Excel's 409 pt). */
function fitRow(ws: Worksheet, range: NamedRange, text: string): void {
  const width = ws.getColumn(range.left).width ?? DEFAULT_WIDTH;
  const need = Math.min(heightFor(linesFor(text, width), BODY_SIZE), MAX_ROW_HEIGHT);
  const row = ws.getRow(range.top);
  if ((row.height ?? 0) < need) row.height = need;
}
