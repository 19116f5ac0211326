/**
 * A hand-made target table rescored by the engine from what it states: every row and the execution rate, the
 * unit's own 执行率, 得分 and row scores compared (self_score_mismatch), the weights against 90 and per 一级指标, the
 * 总分 against the scores written (total_mismatch) and the recomputation (self_score_mismatch), the grade word
 * against the total (grade_mismatch).
 */
import { evaluate, getScheme, gradeOf, inputsFromJson, percent, plain, toJson, type EvaluationJson } from '../../engine';
import { Decimal, mulDivRound2, round2 } from '../../engine/decimal';
import { readRate } from '../../engine/targets/execution';
import type { CellRef, Finding, RawValue } from '../../engine/types';
import type { TargetTable } from '../recognise';
import { differs, finding, gradeFinding, overWeight, shortName, totalFindings } from './findings';

/**
 * The engine's findings that are slips in what the file states. Not: what a hand-made form has no column for (a
 * 完成情况 to choose), what is advice rather than a slip (overshoot, over_budget, a deviation to explain), or a
 * field left blank. level_weight only with weight_total (the weights per 一级 are a region's to set when they add
 * up); out_of_band only where the table has its own 完成情况 column (elsewhere 达成 is the engine's reading).
 */
const KEPT = new Set(['self_score_mismatch', 'weight_total', 'level_weight', 'out_of_band', 'sum_mismatch']);

export interface RowCheck {
  /** r1, r2 … as the engine numbers the rows it scores */
  id: string;
  name: string;
  /** the cell of its score as written (or of its name) */
  cell: string;
  weight: number | null;
  typed: number | null;
  computed: number | null;
  /** the calculation text, or why it could not be scored */
  text: string;
}

export interface TargetCheck {
  issues: Finding[];
  total: number | null;
  grade: string | null;
  rows: RowCheck[];
  execution: RowCheck | null;
  evaluation: EvaluationJson;
}

export function checkTarget(table: TargetTable, extra: { inputs: Record<string, unknown>; cells: Record<string, string> } = { inputs: {}, cells: {} }): TargetCheck {
  const scheme = getScheme(table.scheme);
  const data = { ...extra.inputs, ...table.inputs };
  const cellNames = { ...extra.cells, ...table.cells };
  const { values } = inputsFromJson(scheme, data);
  const cells: Record<string, CellRef> = {};
  for (const [name, cell] of Object.entries(cellNames)) {
    const bang = cell.lastIndexOf('!');
    if (bang > 0) cells[name] = { sheet: cell.slice(0, bang), address: cell.slice(bang + 1) };
  }
  const e = evaluate(scheme, { values, cells });
  const records = (table.inputs.in_indicators ?? []) as Record<string, RawValue>[];

  // the engine names a row's cell in_indicators[r].field: the cell it is in the file
  const place = (r: number, field: string): string | undefined => {
    const row = table.rows[r];
    return row?.[field as keyof typeof row]?.cell ?? row?.name?.cell;
  };
  const issues: Finding[] = [];
  const weightsWrong = e.issues.some((f) => f.code === 'weight_total');
  const rated = table.rows.some((row) => row.rating !== undefined);
  for (const f of e.issues) {
    if (!KEPT.has(f.code) || (f.code === 'level_weight' && !weightsWrong) || (f.code === 'out_of_band' && !rated)) continue;
    const named: string[] = [...(f.cells ?? [])];
    const message = f.message.replace(/in_indicators\[(\d+)\]\.(\w+)/g, (whole, r: string, field: string) => {
      const cell = place(Number(r), field);
      if (!cell) return whole;
      named.push(cell);
      return cell;
    });
    let cellsOf = named;
    if (f.code === 'weight_total' || f.code === 'level_weight') {
      const level = f.code === 'level_weight' ? /^(\S+?)各行分值合计/.exec(f.message)?.[1] : undefined;
      cellsOf = e.indicators.filter((i) => i.row !== undefined && (!level || i.level1 === level)).map((i) => place(i.row!, 'weight')).filter((c): c is string => !!c);
    }
    issues.push({ ...f, message, cells: [...new Set(cellsOf)] });
  }

  const rows: RowCheck[] = e.indicators.map((ind) => {
    const r = ind.row ?? -1;
    const typed = scoreOf(records[r]?.score);
    return {
      id: ind.id,
      name: ind.name,
      cell: place(r, 'score') ?? place(r, 'name') ?? '',
      weight: ind.weight.isZero() ? null : ind.weight.toNumber(),
      typed: typed === null ? null : typed.toNumber(),
      computed: ind.score === null ? null : ind.score.toNumber(),
      text: ind.text,
    };
  });
  // a score written above its 分值 where the engine could not score the row to compare
  e.indicators.forEach((ind, k) => {
    if (ind.score !== null) return;
    const row = table.rows[ind.row ?? -1];
    const typed = rows[k].typed;
    if (typed === null || !row?.score) return;
    const f = overWeight(shortName(ind.name), { ...row.score, value: typed }, ind.weight.isZero() ? null : ind.weight);
    if (f) issues.push({ ...f, indicator: ind.id });
  });

  const x = e.execution;
  const execTyped = scoreOf(data.in_fund_score_self as RawValue);
  // without the amounts, the execution score follows from the rate written (94.73% → 9.47), as the engine scores a rate
  let execScore = x?.score ?? null;
  let execText = x?.text ?? '';
  const typedRate = typeof data.in_fund_rate_self === 'number' ? new Decimal(data.in_fund_rate_self).times(100) : typeof data.in_fund_rate_self === 'string' ? readRate(data.in_fund_rate_self) : undefined;
  if (x && execScore === null && x.status === 'missing' && typedRate !== undefined && !typedRate.isNeg()) {
    const rate = round2(typedRate);
    execScore = mulDivRound2(Decimal.min(rate, new Decimal(100)), x.weight, new Decimal(100));
    execText = `按所写执行率${percent(rate)}：${percent(Decimal.min(rate, new Decimal(100)))}×${plain(x.weight)}=${plain(execScore)}分`;
    if (execTyped !== null && differs(execTyped, execScore)) {
      const cell = cellNames.in_fund_score_self;
      issues.push(finding('warning', 'self_score_mismatch', `执行率得分（${cell}）填写为${plain(execTyped)}分，按所写执行率${percent(rate)}计算为${plain(execScore)}分`, cell ? [cell] : [], ['in_fund_score_self']));
    }
  }
  const execution: RowCheck | null = x
    ? {
        id: x.id,
        name: x.name,
        cell: cellNames.in_fund_score_self ?? cellNames.in_fund_spent ?? '',
        weight: x.weight.toNumber(),
        typed: execTyped === null ? null : execTyped.toNumber(),
        computed: execScore === null ? null : execScore.toNumber(),
        text: execText,
      }
    : null;

  // the total: the execution score and each row's score, computed where the row states enough, else as written
  let total: Decimal | null = execScore;
  for (const row of rows) {
    const s = row.computed ?? row.typed;
    if (total === null || s === null) {
      total = null;
      break;
    }
    total = total.plus(s);
  }
  if (!rows.length) total = null;
  if (total !== null) total = round2(Decimal.min(total, new Decimal(scheme.maxTotal)));
  const shownTotal = table.total;
  // the scores written, added up, against the 总分 written (a score written above its 分值 is a slip already said,
  // and makes the sum say nothing more); else the recomputation against it
  const sane = rows.length > 0 && rows.every((r) => r.typed !== null && (r.weight === null || r.typed <= r.weight)) && execTyped !== null && !(x && execTyped.gt(x.weight));
  const typedParts = sane ? [execTyped!, ...rows.map((r) => new Decimal(r.typed!))] : null;
  issues.push(...totalFindings(typedParts, shownTotal, total, '总分', ['in_total_self']));
  const g = gradeFinding(scheme, table.grade, shownTotal ? shownTotal.value : total === null ? null : total.toNumber(), shownTotal ? '所写总分为' : '计算总分为');
  if (g) issues.push(g);
  return {
    issues,
    total: total === null ? null : total.toNumber(),
    grade: total === null ? null : gradeOf(scheme, total),
    rows,
    execution,
    // its findings are the form's issues above (in the file's cells, what is no slip left out)
    evaluation: { ...toJson(e), issues: [] },
  };
}

/** A score as written (a number, or a text such as 10分), or null. */
function scoreOf(raw: RawValue | undefined): Decimal | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? new Decimal(raw) : null;
  if (typeof raw !== 'string') return null;
  const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*分?\s*$/.exec(raw.normalize('NFKC'));
  return m ? new Decimal(m[1]) : null;
}
