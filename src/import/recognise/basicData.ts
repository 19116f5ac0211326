/**
 * The 部门整体支出绩效评价基础数据表 (dept-2020): 财政供养人员 (编制数, 实际在职人数, 控制率), the 经费控制情况
 * lines (三公经费 and its parts, 项目支出 lines, 公用经费 and its parts) by 上年决算数 / 本年预算数 / 本年决算数,
 * 政府采购金额, 部门基本支出预算调整, 楼堂馆所 and 厉行节约保障措施 — read into the scheme's inputs, with the rates
 * the unit typed.
 */
import type { RawValue } from '../../engine/types';
import type { GridView } from '../grid';
import { firstText, rawAt, valueColumn } from './cells';
import { labelKey } from './text';
import type { Located } from './types';
import { BASIC_MARKS, BASIC_ROWS } from './vocabulary';

export interface BasicBlock {
  top: number;
  bottom: number;
  title: string | null;
  inputs: Record<string, RawValue | Record<string, RawValue>[]>;
  cells: Record<string, string>;
  rates: Record<string, Located & { raw: RawValue }>;
}

/** A label without a year or 上年/本年 in front: 2024年实际在职人数 → 实际在职人数. */
function bare(text: string): string {
  return labelKey(text).replace(/^(\d{4}年度?|上年度?|本年度?)/, '');
}

/** The 基础数据表 in the rows of a grid not taken by another table; null when fewer than three of its labels are there. */
export function basicBlock(view: GridView, used: (r: number) => boolean, before: readonly string[] = []): BasicBlock | null {
  const marks = new Set<string>();
  let top = -1;
  let bottom = -1;
  let title: string | null = null;
  for (let r = 0; r < view.rows; r++) {
    if (used(r)) continue;
    for (const { text } of view.rowTexts(r)) {
      if (/基础数据表/.test(text) && !title) {
        title = text;
        if (top < 0) top = r;
      }
      const key = bare(text);
      if (BASIC_MARKS.includes(key)) {
        marks.add(key);
        if (top < 0) top = r;
        bottom = r;
      }
    }
  }
  title ??= [...before].reverse().find((p) => /基础数据表/.test(p)) ?? null;
  if (marks.size < 3 && !(title && marks.size >= 1)) return null;
  const block: BasicBlock = { top, bottom, title, inputs: {}, cells: {}, rates: {} };
  const put = (name: string, r: number, c: number) => {
    const raw = rawAt(view, r, c);
    if (raw === null) return;
    block.inputs[name] = raw;
    block.cells[name] = view.name(r, c);
  };

  let funds: { prev: number; budget: number; actual: number } | null = null;
  let inProjects = false;
  const projects: Record<string, RawValue>[] = [];
  for (let r = top; r <= bottom + 1 && r < view.rows; r++) {
    if (used(r)) continue;
    const texts = view.rowTexts(r);
    const keys = texts.map((t) => ({ ...t, key: bare(t.text) }));
    const at = (k: string) => keys.find((t) => t.key === k);
    // 财政供养人员: labels in a row, their values in the row below (or to the right)
    const quota = at('编制数');
    const staff = at('实际在职人数');
    if (quota && staff) {
      put('in_staff_quota', r + 1, quota.c);
      put('in_staff_actual', r + 1, staff.c);
      const rate = at('控制率');
      if (rate && view.text(r + 1, rate.c)) block.rates.staff_control = { cell: view.name(r + 1, rate.c), text: view.text(r + 1, rate.c), raw: rawAt(view, r + 1, rate.c) };
      bottom = Math.max(bottom, r + 1);
      continue;
    }
    // the header of the amounts: 2023年决算数 | 2024年预算数 | 2024年决算数
    const heads = texts.filter((t) => /决算数|预算数/.test(labelKey(t.text)));
    if (heads.length >= 3) {
      const finals = heads.filter((t) => /决算数/.test(t.text));
      const budget = heads.find((t) => /预算数/.test(t.text));
      const yearOf = (t: { text: string }) => Number(/(\d{4})年/.exec(t.text)?.[1] ?? (/上年/.test(t.text) ? 0 : 9999));
      const sorted = [...finals].sort((a, b) => yearOf(a) - yearOf(b) || a.c - b.c);
      if (budget && sorted.length >= 2) funds = { prev: sorted[0].c, budget: budget.c, actual: sorted[sorted.length - 1].c };
      continue;
    }
    // 楼堂馆所: labels in a row, values below
    const approved = at('批复规模');
    if (approved) {
      const lines: [string, string][] = [
        ['批复规模', 'in_building_area_approved'],
        ['实际规模', 'in_building_area_actual'],
        ['预算投资', 'in_building_invest_budget'],
        ['实际投资', 'in_building_invest_actual'],
      ];
      for (const [label, name] of lines) {
        const h = at(label);
        if (h) put(name, r + 1, h.c);
      }
      for (const [label, id] of [['规模控制率', 'area_control'], ['投资概算控制率', 'invest_control']] as const) {
        const h = at(label);
        if (h && view.text(r + 1, h.c)) block.rates[id] = { cell: view.name(r + 1, h.c), text: view.text(r + 1, h.c), raw: rawAt(view, r + 1, h.c) };
      }
      bottom = Math.max(bottom, r + 1);
      continue;
    }
    const label = firstText(view, r);
    if (!label) continue;
    const key = bare(label.text);
    if (key === '政府采购金额' || key === '部门基本支出预算调整' || key === '厉行节约保障措施') {
      const v = valueColumn(view, r, label.c);
      if (v >= 0) put(key === '政府采购金额' ? 'in_procurement' : key === '部门基本支出预算调整' ? 'in_basic_adjust' : 'in_frugality', r, v);
      inProjects = false;
      continue;
    }
    if (!funds) continue;
    if (key === '项目支出') {
      inProjects = true;
      continue;
    }
    const line = BASIC_ROWS[key.replace(/[、,，]/g, '')];
    if (line) {
      inProjects = false;
      put(`in_${line}_prev`, r, funds.prev);
      put(`in_${line}_budget`, r, funds.budget);
      put(`in_${line}_actual`, r, funds.actual);
      continue;
    }
    if (inProjects) {
      projects.push({ name: label.text, prev: rawAt(view, r, funds.prev), budget: rawAt(view, r, funds.budget), actual: rawAt(view, r, funds.actual) });
    }
  }
  if (projects.length) block.inputs.in_project_lines = projects;
  return block;
}
