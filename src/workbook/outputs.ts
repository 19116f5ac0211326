import { namedOutputs } from '../engine';
import type { Evaluation, Scheme } from '../engine';
import type { OutputValue } from './types';

/**
 * The very hidden sheet that holds every output value (score_<id>, text_<id>, total, grade, status line) under
 * its defined name. It is never protected, so a recompute writes it without unprotecting anything (which
 * would clear the officer's undo history); the locked, visible cells of 评分表 and 基本情况表 show the values
 * through formulas such as =IF(text_goal_fit="","",text_goal_fit).
 */
export const RESULTS_SHEET = 'jixiao_out';

/** Sheet names compare case-insensitively, as in Excel: the results sheet under any spelling. */
export function isResultsSheet(name: string): boolean {
  return name.toLowerCase() === RESULTS_SHEET;
}

/**
 * Every single-cell output name of one form, in the order outputValues() yields them (and the results sheet
 * lists them): each fixed indicator's score and text, the execution line's score, text and rate, the figures'
 * rates and texts, total, grade, status. (The column outputs of a target table are scheme.columnOutputs.)
 */
export function outputNames(scheme: Scheme): string[] {
  return scheme.outputNames;
}

/**
 * The most characters one cell holds (Excel counts UTF-16 code units): a longer text makes Excel "repair"
 * the file on opening and empty the cell, and WPS cut it anywhere.
 */
export const CELL_TEXT_MAX = 32767;
const CUT_NOTE = '……（内容过长，超出单元格上限的部分未写入）';

/** A text as one cell can hold it: whole when it fits, else cut (never inside a surrogate pair) with a note. */
export function cellText(text: string): string {
  if (text.length <= CELL_TEXT_MAX) return text;
  let end = CELL_TEXT_MAX - CUT_NOTE.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + CUT_NOTE;
}

/**
 * The value of every single-cell output name of one form for its evaluation — the one mapping every adapter
 * writes (the engine's namedOutputs): score_<id> (number or empty), text_<id> (the 评价得分 text with its score),
 * the execution line's and the figures' rates, total, grade, status line. Texts are cut to what a cell holds (an
 * officer's 32,760-character 评分依据 grows by the score before it).
 */
export function outputValues(scheme: Scheme, e: Evaluation): Map<string, OutputValue> {
  const out = new Map<string, OutputValue>();
  for (const [name, value] of namedOutputs(scheme, e)) out.set(name, typeof value === 'string' ? cellText(value) : value);
  return out;
}

/**
 * The column outputs of a target table, row by row (index r = the table's row r): score_rows as numbers (or
 * empty), text_rows as texts cut to what a cell holds. Empty for a scheme without a target table.
 */
export function rowOutputValues(scheme: Scheme, e: Evaluation): [string, OutputValue[]][] {
  const rows = scheme.outputs.rows;
  if (!rows || !e.table) return [];
  return [
    [rows.score, e.table.scores.map((s) => (s === null ? null : s.toNumber()))],
    [rows.text, e.table.texts.map((t) => (t ? cellText(t) : null))],
  ];
}
