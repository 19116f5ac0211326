/**
 * A hand-made 2013-style 评分表 checked: each indicator's score as written against its rule where the text states
 * the inputs (self_score_mismatch), any score above its 分值, the 三级 weights against 100 and against their 二级
 * 分值, the 合计 against the scores written (total_mismatch) and the grade word against the total.
 */
import { getScheme, gradeOf, plain } from '../../engine';
import { Decimal, round2 } from '../../engine/decimal';
import type { Finding } from '../../engine/types';
import type { ScoringTable } from '../recognise';
import { differs, finding, gradeFinding, overWeight, shortName, totalFindings } from './findings';
import { statedScore } from './rules2013';
import type { RowCheck } from './target';

export interface ScoringCheck {
  issues: Finding[];
  total: number | null;
  grade: string | null;
  rows: RowCheck[];
  /** the scheme's inputs the calculation texts state (17 and 22 of （17/22）×100%), with the cell of their text */
  inputs: Record<string, number>;
  cells: Record<string, string>;
}

export function checkScoring(table: ScoringTable): ScoringCheck {
  const scheme = getScheme('dept-2013');
  const issues: Finding[] = [];
  const inputs: Record<string, number> = {};
  const cells: Record<string, string> = {};
  const rows: RowCheck[] = table.rows.map((row, k) => {
    const name = shortName(row.name.text);
    const typed = row.score ? new Decimal(row.score.value) : null;
    const weight = row.weight ? new Decimal(row.weight.value) : null;
    const over = overWeight(name, row.score, weight);
    if (over) issues.push({ ...over, ...(row.indicator ? { indicator: row.indicator } : {}) });
    let computed: Decimal | null = null;
    let text = '';
    // (a row whose 分值 is not the scheme's is scored by another region's rule: not judged by this one)
    const schemeWeight = row.indicator ? scheme.indicators.find((i) => i.id === row.indicator)!.weight : null;
    if (row.indicator && row.text && (weight === null || weight.eq(schemeWeight!))) {
      const stated = statedScore(scheme, row.indicator, row.text.text);
      if (stated) {
        computed = stated.score;
        text = `按${stated.basis}，应得${plain(stated.score)}分`;
        for (const [input, value] of Object.entries(stated.inputs)) {
          inputs[input] = value;
          cells[input] = row.text.cell;
        }
        // (a score above its 分值 is said once)
        if (typed !== null && !over && differs(typed, stated.score)) {
          issues.push(
            finding('warning', 'self_score_mismatch', `${name}（${row.score!.cell}）：填写的得分为${plain(typed)}分，按${stated.basis}计算应得${plain(stated.score)}分`, [row.score!.cell], [], row.indicator),
          );
        }
      }
    }
    return {
      id: row.indicator ?? `row${k + 1}`,
      name: row.name.text,
      cell: row.score?.cell ?? row.name.cell,
      weight: weight === null ? null : weight.toNumber(),
      typed: typed === null ? null : typed.toNumber(),
      computed: computed === null ? null : computed.toNumber(),
      text,
    };
  });

  // weights: the 三级 分值 add up to 100 in a table that ends in its 合计 (one without may be an excerpt), and under
  // each 二级 to its 分值
  const weights = table.rows.map((r) => r.weight);
  if ((table.total || table.maxTotal) && weights.length && weights.every((w) => w !== null)) {
    const sum = weights.reduce((s, w) => s.plus(w!.value), new Decimal(0));
    if (!sum.eq(scheme.maxTotal)) {
      issues.push(finding('error', 'weight_total', `评分表各三级指标分值合计${plain(sum)}分，应为${scheme.maxTotal}分`, weights.map((w) => w!.cell)));
    }
  }
  for (let k = 0; k < table.rows.length; k++) {
    const head = table.rows[k].level2Weight;
    if (!head) continue;
    let end = k + 1;
    while (end < table.rows.length && !table.rows[end].level2Weight && table.rows[end].level2 === table.rows[k].level2) end++;
    const group = table.rows.slice(k, end);
    if (!group.every((r) => r.weight)) continue;
    const sum = group.reduce((s, r) => s.plus(r.weight!.value), new Decimal(0));
    if (differs(sum, head.value)) {
      issues.push(
        finding('warning', 'level_weight', `二级指标“${table.rows[k].level2.replace(/\s+/g, '')}”（${head.cell}）分值${plain(new Decimal(head.value))}分，其下三级指标分值合计${plain(sum)}分`, [head.cell]),
      );
    }
  }

  // the 合计 written against the scores written, and against the recomputation where every row has a score
  let total: Decimal | null = rows.length ? new Decimal(0) : null;
  for (const r of rows) {
    const s = r.computed ?? r.typed;
    if (total === null || s === null) {
      total = null;
      break;
    }
    total = total.plus(s);
  }
  if (total !== null) total = round2(total);
  const typed = rows.length && rows.every((r) => r.typed !== null) ? rows.map((r) => new Decimal(r.typed!)) : null;
  issues.push(...totalFindings(typed, table.total, total, '合计'));
  const g = gradeFinding(scheme, table.grade, table.total ? table.total.value : total === null ? null : total.toNumber(), table.total ? '所写合计为' : '计算合计为');
  if (g) issues.push(g);
  return { issues, total: total === null ? null : total.toNumber(), grade: total === null ? null : gradeOf(scheme, total), rows, inputs, cells };
}
