/** Findings on hand-made tables: the claims in their cells, totals and grades as written, scores against their weight. */
import { gradeOf, plain, type Scheme } from '../../engine';
import { Decimal } from '../../engine/decimal';
import type { Finding, Severity } from '../../engine/types';
import { claimFindings } from '../claims';
import type { GridView } from '../grid';
import type { LocatedGrade, LocatedNumber, Region } from '../recognise';

export const TOLERANCE = new Decimal('0.005');

export function finding(severity: Severity, code: string, message: string, cells: string[], inputs: string[] = [], indicator?: string): Finding {
  return { severity, code, message, inputs, cells, ...(indicator ? { indicator } : {}) };
}

export function differs(a: Decimal | number, b: Decimal | number): boolean {
  return new Decimal(a).minus(new Decimal(b)).abs().gt(TOLERANCE);
}

/**
 * claim_mismatch for every arithmetic claim that does not hold in the text cells of the regions, in reading order;
 * `labels` names the field of a cell where there is one (an indicator's name).
 */
export function claimsIn(views: ReadonlyMap<string, GridView>, regions: readonly Region[], labels: ReadonlyMap<string, string>, seen: Set<string>): Finding[] {
  const out: Finding[] = [];
  for (const region of regions) {
    const view = views.get(region.grid);
    if (!view) continue;
    for (let r = region.top; r <= region.bottom && r < view.rows; r++) {
      for (let c = 0; c < view.cols; c++) {
        if (!view.isOrigin(r, c)) continue;
        const cell = view.grid.cells[r][c];
        // numbers have no claims; only texts hold "="
        if (!cell || typeof cell.value !== 'string' || !/[=＝≈]/.test(cell.text)) continue;
        const name = view.name(r, c);
        if (seen.has(name)) continue;
        seen.add(name);
        out.push(...claimFindings(cell.text, name, labels.get(name)));
      }
    }
  }
  return out;
}

/** grade_mismatch when the grade word written does not follow from the total (the one written, else the recomputed). */
export function gradeFinding(scheme: Scheme, grade: LocatedGrade | null, total: number | null, totalWhere: string): Finding | null {
  if (!grade || total === null) return null;
  const expected = gradeOf(scheme, new Decimal(total));
  if (expected === grade.grade) return null;
  return finding('warning', 'grade_mismatch', `${grade.cell}：等级写作“${grade.word}”，而${totalWhere}${plain(new Decimal(total))}分，应为“${expected}”`, [grade.cell]);
}

/**
 * The 合计/总分 written, checked: total_mismatch when the scores written do not add up to it (saying what the rules
 * give, where that differs), else self_score_mismatch when the recomputation differs from it. One finding per total.
 */
export function totalFindings(typed: Decimal[] | null, total: LocatedNumber | null, computed: Decimal | null, what: string, inputs: string[] = []): Finding[] {
  if (!total) return [];
  const written = new Decimal(total.value);
  if (typed && typed.length) {
    const sum = typed.reduce((s, p) => s.plus(p), new Decimal(0));
    if (differs(sum, written)) {
      const rule = computed !== null && differs(computed, sum) && differs(computed, written) ? `，按规则计算为${plain(computed)}分` : '';
      return [finding('warning', 'total_mismatch', `${what}（${total.cell}）写作${plain(written)}分，而各项得分合计为${plain(sum)}分${rule}`, [total.cell], inputs)];
    }
  }
  if (computed !== null && differs(written, computed)) {
    return [finding('warning', 'self_score_mismatch', `${what}（${total.cell}）填写为${plain(written)}分，计算${what}为${plain(computed)}分`, [total.cell], inputs)];
  }
  return [];
}

/** A score written above its row's 分值 (得分 100 in a row worth 10). */
export function overWeight(name: string, score: LocatedNumber | null, weight: Decimal | number | null): Finding | null {
  if (!score || weight === null || weight === undefined) return null;
  const w = new Decimal(weight);
  if (!w.isPos() || !new Decimal(score.value).minus(w).gt(TOLERANCE)) return null;
  return finding('warning', 'self_score_mismatch', `${name}（${score.cell}）：填写的得分为${plain(new Decimal(score.value))}分，超过分值${plain(w)}分`, [score.cell]);
}

/** A name for messages: the indicator's name in quotes, cut when it is a sentence. */
export function shortName(text: string): string {
  const t = text.replace(/\s+/g, '');
  return `“${t.length > 24 ? `${t.slice(0, 24)}…` : t}”`;
}
