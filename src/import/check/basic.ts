/**
 * A hand-made 基础数据表 checked through the engine: its sums (三公经费 and its parts, 公用经费's 其中 within it)
 * and the rates the unit typed (控制率, 规模控制率, 投资概算控制率) against the rates of the amounts it states.
 */
import { evaluate, getScheme, inputsFromJson, percent, plain } from '../../engine';
import { Decimal } from '../../engine/decimal';
import type { CellRef, Finding } from '../../engine/types';
import { readRate } from '../../engine/targets/execution';
import type { BasicDataTable } from '../recognise';
import { differs, finding } from './findings';

const RATE_WORDS: Record<string, string> = {
  staff_control: '实际在职人数/编制数',
  area_control: '实际规模/批复规模',
  invest_control: '实际投资/预算投资',
};

/** With `sums` false only the typed rates are checked (the sums are the target table's evaluation's, when it is given this table's inputs). */
export function checkBasic(table: BasicDataTable, sums = true): Finding[] {
  const scheme = getScheme('dept-2020');
  const { values } = inputsFromJson(scheme, table.inputs);
  const cells: Record<string, CellRef> = {};
  for (const [name, cell] of Object.entries(table.cells)) {
    const bang = cell.lastIndexOf('!');
    cells[name] = { sheet: cell.slice(0, bang), address: cell.slice(bang + 1) };
  }
  const e = evaluate(scheme, { values, cells });
  const issues: Finding[] = sums ? e.issues.filter((f) => f.code === 'sum_mismatch' && f.inputs.every((i) => i in table.inputs)) : [];
  for (const [id, typed] of Object.entries(table.rates)) {
    const figure = e.figures?.find((f) => f.id === id);
    if (!figure?.rate) continue;
    const value = typeof typed.raw === 'number' ? new Decimal(typed.raw).times(100) : readRate(typed.text);
    if (value === undefined || !differs(value, figure.rate)) continue;
    issues.push(
      finding('warning', 'self_score_mismatch', `${figure.label}（${typed.cell}）填写为${plain(value)}%，按${RATE_WORDS[id] ?? '所填数'}计算为${percent(figure.rate)}`, [typed.cell]),
    );
  }
  return issues;
}
