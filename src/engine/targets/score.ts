/**
 * Scoring one row of a target table (perf-2020.md, Scoring): 正向, 反向 (linear or ratio), 等于, 定性 by rating
 * and band, time targets, overshoot, deviation explanations, typed scores compared. Every score is rounded half
 * up to two decimals once and kept within [0, W]; the text says how it was reached, as an officer writes it.
 */
import { Decimal, ZERO, clamp, compare, mulDivRound2, plain, percent, round2 } from '../decimal';
import type { ParsedInputs } from '../inputs';
import type { Finding, IndicatorResult, IndicatorStatus } from '../types';
import { bandsOf, TargetPlan } from './plan';
import {
  MONEY,
  Op,
  Quantity,
  Rating,
  Reading,
  compareWhen,
  gist,
  readRating,
  readSense,
  readValue,
  unitOf,
  whenText,
} from './read';
import type { TargetRow } from './rows';
import type { TargetField } from './schema';

export interface RowOutcome {
  result: IndicatorResult;
  /** the row's 分值 when it is a valid number above 0 */
  weight?: Decimal;
  /** an overshooting 正向 row (for the deviation rule) */
  overshoot: boolean;
}

const HUNDRED = new Decimal(100);
const TOLERANCE = new Decimal('0.005');

/** What scoring a row needs around it. */
export interface RowScope {
  plan: TargetPlan;
  parsed: ParsedInputs;
  /** the form's year, for times written without one */
  year: number | undefined;
  findings: Finding[];
}

interface Decided {
  status: IndicatorStatus;
  score: Decimal | null;
  text: string;
  overshoot?: boolean;
  /** why the row needs a deviation explanation even at full score */
  needsDeviation?: string;
  /** the typed score is the score (定性), rather than a figure to compare */
  typedUsed?: boolean;
}

/** Scores one row (not a detail line) and adds its findings to scope.findings. */
export function scoreRow(row: TargetRow, id: string, scope: RowScope): RowOutcome {
  const { plan, parsed } = scope;
  const at = plan.at;
  const table = plan.table.name;
  const text = (f: TargetField) => (at[f] < 0 ? '' : row.texts[at[f]]);
  const place = (f: TargetField) => parsed.tablePlace(table, row.r, Math.max(0, at[f]));
  const name = text('name');
  const shownName = name && !/^(\.{2,}|…+)$/.test(name) ? `“${name}”` : `${plan.table.label}第${row.r + 1}行`;
  const finding = (severity: Finding['severity'], code: string, f: TargetField, message: string) => {
    const cell = parsed.tableCell(table, row.r, Math.max(0, at[f]));
    scope.findings.push({ severity, code, message: `${shownName}（${place(f)}）：${message}`, inputs: [table], cells: cell ? [cell] : [], indicator: id });
  };

  const unitCol = at.unit < 0 ? '' : unitOf(text('unit'));
  const targetText = text('target');
  const actualText = text('actual');
  const result: IndicatorResult = {
    id,
    level1: row.level1,
    level2: row.level2,
    name,
    weight: ZERO,
    score: null,
    status: 'missing',
    text: '',
    sense: null,
    target: withUnit(targetText, unitCol),
    actual: withUnit(actualText, unitCol),
    row: row.r,
  };
  const done = (d: Decided, weight?: Decimal): RowOutcome => {
    result.status = d.status;
    // every score two decimals, within [0, W] (a deduction of the scheme may have more decimals)
    result.score = d.score === null || !weight ? d.score : clamp(round2(d.score), ZERO, weight);
    result.text = d.text;
    return { result, weight, overshoot: d.overshoot === true };
  };

  // the row's 分值
  const wCell = row.cells[at.weight];
  if (wCell.state === 'invalid') return done({ status: 'invalid', score: null, text: '分值有误，请先更正' });
  if (wCell.state === 'blank') {
    finding('error', 'missing_input', 'weight', '未填写分值');
    return done({ status: 'missing', score: null, text: '缺少分值' });
  }
  const weight = wCell.value as Decimal;
  if (weight.isZero() || weight.decimalPlaces() > 2 || compare(weight, plan.maxTotal) > 0) {
    const why = weight.isZero()
      ? '分值应大于0'
      : weight.decimalPlaces() > 2
        ? `分值${plain(weight)}超过两位小数`
        : `分值${plain(weight)}超过总分${plain(plan.maxTotal)}分`;
    finding('error', 'invalid_value', 'weight', why);
    return done({ status: 'invalid', score: null, text: why });
  }
  result.weight = weight;
  if (!name || /^(\.{2,}|…+|\/)$/.test(name)) {
    finding('error', 'missing_input', 'name', '未填写三级指标名称');
    return done({ status: 'missing', score: null, text: '缺少三级指标名称' }, weight);
  }
  if (!targetText || isDash(targetText)) {
    finding('error', 'missing_input', 'target', '年度指标值未填写，无法评分');
    return done({ status: 'missing', score: null, text: '缺少年度指标值' }, weight);
  }

  const target = readValue(typeof row.raw[at.target] === 'number' ? (row.raw[at.target] as number) : targetText);
  const actualRaw = at.actual < 0 ? undefined : row.raw[at.actual];
  const actual = !actualText || isDash(actualText) ? undefined : readValue(typeof actualRaw === 'number' ? actualRaw : actualText);

  // the sense: the 指标性质 column wins over the text; the operator in it wins over its 正向/反向
  const column = at.sense < 0 ? {} : readSense(text('sense'));
  if (column.conflict) finding('warning', 'sense_conflict', 'sense', `指标性质同时写了${column.conflict}，按“${column.sense}”计分`);
  if (column.unknown) finding('warning', 'sense_unknown', 'sense', `指标性质“${text('sense')}”无法识别，按年度指标值判断`);
  if (column.sense && column.sense !== '定性' && target.op && target.op !== column.sense) {
    finding('warning', 'sense_conflict', 'sense', `指标性质为“${column.sense}”，年度指标值写作“${targetText}”，按指标性质计分`);
  }

  const ratingRaw = text('rating');
  const rating = at.rating < 0 ? undefined : readRating(ratingRaw);
  if (rating === null) finding('error', 'invalid_value', 'rating', `完成情况“${ratingRaw}”应为达成、部分达成或未达成`);
  const typed = at.score < 0 ? undefined : row.cells[at.score];
  if (typed?.state === 'invalid') return done({ status: 'invalid', score: null, text: '得分有误，请先更正' }, weight);
  const typedScore = typed?.state === 'ok' ? (typed.value as Decimal) : undefined;

  const q = (column.sense === '定性' ? undefined : target.quantity) as Quantity | undefined;
  let decided: Decided;
  if (column.sense === '定性' || (!q && !target.when)) {
    result.sense = '定性';
    const note = column.sense && column.sense !== '定性' ? '年度指标值没有单一数值，按定性指标评分：' : '定性指标，';
    decided = qualitative(note, rating, typedScore, weight, targetText, actual, scope, finding, 'rating');
  } else if (!q && target.when) {
    result.sense = '≤';
    decided = timed(target, targetText, actual, actualText, rating, typedScore, weight, scope, finding);
  } else {
    const tq = q!;
    let sense: Op;
    let how = '';
    const money = MONEY[tq.unit || unitCol] !== undefined || (tq.unit === '' && unitCol === '');
    if (column.sense) sense = column.sense;
    else if (target.op) sense = target.op;
    else if (row.group?.cost && money) {
      sense = '≤';
      how = '（成本指标按反向计）';
    } else sense = '≥';
    result.sense = sense;
    if (!actual) {
      finding('error', 'missing_input', 'actual', '实际完成值未填写，无法评分');
      decided = { status: 'missing', score: null, text: '缺少实际完成值' };
    } else decided = quantitative(sense, how, tq, unitCol, actual, actualText, weight, scope, finding);
  }

  // typed scores: for rows scored by rule, compared with the computed score
  if (typedScore !== undefined && decided.score !== null && !decided.typedUsed) {
    const diff = typedScore.minus(decided.score).abs();
    if (compare(diff, TOLERANCE) > 0) {
      finding('warning', 'self_score_mismatch', 'score', `填写的得分为${plain(typedScore)}分，计算得分为${plain(decided.score)}分`);
    }
  }
  // a row short of its weight, overshooting, or off its 等于 target needs its 偏差原因分析
  if (decided.score !== null && at.deviation >= 0 && (text('deviation') === '' || isDash(text('deviation')))) {
    const why = decided.needsDeviation ?? (compare(decided.score, weight) < 0 ? `得分${plain(decided.score)}低于分值${plain(weight)}` : undefined);
    if (why) finding('error', 'deviation_missing', 'deviation', `${why}，请填写偏差原因分析及改进措施`);
  }
  return done(decided, weight);
}

const DASH = /^(\/+|-+|—+|－+)$/;

/** a cell (trimmed) holding only a slash or dashes: “none” */
function isDash(text: string): boolean {
  return text.length < 8 && DASH.test(text);
}

/** The typed text with the 度量单位 column added where the text does not already end in it. */
function withUnit(text: string, unit: string): string {
  if (!text || !unit || isDash(text)) return text;
  const q = readValue(text).quantity;
  return q && q.unit === '' && /[\d.]$/.test(text.trim()) ? `${text}${unit}` : text;
}

/** ratio × T, remembered per target value (the readings' numbers are the same objects each run) */
const thresholds = new WeakMap<TargetPlan, WeakMap<Decimal, Decimal>>();

function overshootOf(plan: TargetPlan, T: Decimal): Decimal {
  let byT = thresholds.get(plan);
  if (!byT) thresholds.set(plan, (byT = new WeakMap()));
  let t = byT.get(T);
  if (t === undefined) byT.set(T, (t = T.times(plan.overshoot)));
  return t;
}

/** Decimal texts, remembered per value: the weights and the readings' numbers are the same objects each run. */
const texts = new WeakMap<Decimal, string>();

function shown(value: Decimal): string {
  let t = texts.get(value);
  if (t === undefined) {
    t = plain(value);
    texts.set(value, t);
  }
  return t;
}

function q(value: Decimal, unit: string): string {
  return `${shown(value)}${unit}`;
}

function quantitative(
  sense: Op,
  how: string,
  tq: Quantity,
  unitCol: string,
  actual: Reading,
  actualText: string,
  weight: Decimal,
  scope: RowScope,
  finding: (s: Finding['severity'], code: string, f: TargetField, m: string) => void,
): Decided {
  const W = weight;
  const tUnit = tq.unit || unitCol;
  const T = tq.value;
  const targetShown = `指标值${sense}${q(T, tUnit)}${how}`;
  const aq = actual.quantity;
  if (!aq) {
    if (actual.done) {
      finding('warning', 'actual_not_numeric', 'actual', `实际完成值“${actualText}”没有数值，按已完成计满分；请填写实际完成的数值`);
      return { status: 'ok', score: W, text: `实际完成值“${actualText}”，视为达到${targetShown}，得${shown(W)}分` };
    }
    const why = actual.numbers > 1 ? '含有多个数值，无法确定完成值' : '不是数值';
    finding('error', 'invalid_value', 'actual', `实际完成值“${actualText}”${why}`);
    return { status: 'invalid', score: null, text: `实际完成值“${actualText}”${why}` };
  }
  // the actual's unit: its own, else the column's, else the target's
  let A = aq.value;
  let aUnit = aq.unit || unitCol || tUnit;
  let converted = '';
  // numbers of different units compare as typed, but say nothing of a target set too low
  let mismatch = false;
  if (aq.unit && tUnit && aq.unit !== tUnit) {
    if (MONEY[aq.unit] !== undefined && MONEY[tUnit] !== undefined) {
      const to = A.times(MONEY[aq.unit]).div(MONEY[tUnit]);
      converted = `（${q(A, aq.unit)}折合${q(to, tUnit)}）`;
      A = to;
      aUnit = tUnit;
    } else {
      finding('warning', 'unit_mismatch', 'actual', `实际完成值的单位“${aq.unit}”与年度指标值的单位“${tUnit}”不同，未作换算，请核对`);
      mismatch = true;
    }
  }
  const actualShown = `完成值${q(A, aUnit)}${converted}`;
  const plan = scope.plan;

  if (sense === '≤') {
    if (compare(A, T) <= 0) return { status: 'ok', score: W, text: `${actualShown}，未超过${targetShown}，得${shown(W)}分` };
    if (T.isZero() || T.isNeg()) return { status: 'ok', score: ZERO, text: `${actualShown}，超过${targetShown}，得0分` };
    if (plan.spec.inverse === 'ratio') {
      const score = mulDivRound2(W, T, A);
      return { status: 'ok', score, text: `${actualShown}，超过${targetShown}，按比例计分：${shown(T)}/${shown(A)}×${shown(W)}=${plain(score)}分` };
    }
    // W × (1 − (A − T)/T) = W × (2T − A)/T: one division, rounded once
    const raw = mulDivRound2(W, T.times(2).minus(A), T);
    const formula = `${shown(W)}×（1-（${shown(A)}-${shown(T)}）/${shown(T)}）`;
    if (raw.isNeg() || raw.isZero()) {
      return { status: 'ok', score: ZERO, text: `${actualShown}，超过${targetShown}，按超出比例扣分：${formula}=${plain(raw)}，扣完为止，得0分` };
    }
    return { status: 'ok', score: raw, text: `${actualShown}，超过${targetShown}，按超出比例扣分：${formula}=${plain(raw)}分` };
  }

  // 正向 and 等于
  const k = compare(A, T);
  const equal = sense === '=';
  if (T.isZero()) {
    const off = k !== 0 ? { needsDeviation: '完成值与指标值不一致' } : {};
    return { status: 'ok', score: W, text: `${actualShown}，指标值为0，得${shown(W)}分`, ...(equal ? off : {}) };
  }
  if (k >= 0) {
    if (equal && k > 0) {
      return { status: 'ok', score: W, text: `${actualShown}，超过${targetShown}，得${shown(W)}分（与指标值不一致）`, needsDeviation: '完成值与指标值不一致' };
    }
    const reached = equal ? `等于${targetShown}` : `达到${targetShown}`;
    if (!equal && !mismatch && T.isPos() && compare(A, overshootOf(plan, T)) >= 0) {
      const share = A.div(T).times(HUNDRED);
      const limit = `${plain(plan.overshoot.times(HUNDRED))}%`;
      finding(
        'warning',
        'overshoot',
        'actual',
        `完成值${q(A, aUnit)}为指标值${q(T, tUnit)}的${percent(share)}，达到${limit}以上，年初指标值可能设定偏低，请在偏差原因分析中说明`,
      );
      const note = `完成值为指标值的${percent(share)}，超过${limit}，年初指标值可能设定偏低`;
      if (plan.deduct.isPos() && !plan.deduct.isZero()) {
        const score = compare(plan.deduct, W) >= 0 ? ZERO : W.minus(plan.deduct);
        return { status: 'ok', score, text: `${actualShown}，${reached}；${note}，扣${plain(plan.deduct)}分，得${plain(score)}分`, overshoot: true, needsDeviation: '完成值超过指标值过多' };
      }
      return { status: 'ok', score: W, text: `${actualShown}，${reached}，得${shown(W)}分；${note}`, overshoot: true, needsDeviation: '完成值超过指标值过多' };
    }
    return { status: 'ok', score: W, text: `${actualShown}，${reached}，得${shown(W)}分` };
  }
  if (T.isNeg()) return { status: 'ok', score: ZERO, text: `${actualShown}，未达到${targetShown}，得0分` };
  const raw = mulDivRound2(A, W, T);
  const formula = `${shown(A)}/${shown(T)}×${shown(W)}`;
  const base = `${actualShown}，未达到${targetShown}，按完成比例计分：`;
  if (raw.isNeg() || raw.isZero()) return { status: 'ok', score: ZERO, text: `${base}${formula}=${plain(raw)}，得0分`, ...(equal ? { needsDeviation: '完成值与指标值不一致' } : {}) };
  return { status: 'ok', score: raw, text: `${base}${formula}=${plain(raw)}分`, ...(equal ? { needsDeviation: '完成值与指标值不一致' } : {}) };
}

/** A time target (2025年11月前): met by a time no later, or by 完成/按时完成; a later one is rated as 定性. */
function timed(
  target: Reading,
  targetText: string,
  actual: Reading | undefined,
  actualText: string,
  rating: Rating | undefined | null,
  typedScore: Decimal | undefined,
  weight: Decimal,
  scope: RowScope,
  finding: (s: Finding['severity'], code: string, f: TargetField, m: string) => void,
): Decided {
  const W = weight;
  const when = target.when!;
  if (actual?.when) {
    if (compareWhen(actual.when, when, scope.year) <= 0) {
      return { status: 'ok', score: W, text: `完成时间${whenText(actual.when)}，不晚于指标值“${targetText}”，得${shown(W)}分` };
    }
    const note = `完成时间${whenText(actual.when)}晚于指标值“${targetText}”，按完成情况评分：`;
    return qualitative(note, rating, typedScore, W, targetText, undefined, scope, finding, 'rating');
  }
  if (actual?.done) return { status: 'ok', score: W, text: `实际完成值“${actualText}”，按时完成，得${shown(W)}分` };
  if (!actual && rating === undefined) {
    finding('error', 'missing_input', 'actual', '实际完成值未填写，无法评分');
    return { status: 'missing', score: null, text: '缺少实际完成值' };
  }
  const note = actual ? `实际完成值“${actualText}”未按时完成，按完成情况评分：` : '按完成情况评分：';
  return qualitative(note, rating, typedScore, W, targetText, undefined, scope, finding, 'rating');
}

const BAND_WORDS: Record<Rating, string> = { 达成: '达成', 部分达成: '部分达成', 未达成: '未达成' };

/** 定性: by the rating (or an actual restating the target, or saying 完成) and the typed score within its band. */
function qualitative(
  lead: string,
  rating: Rating | undefined | null,
  typed: Decimal | undefined,
  W: Decimal,
  targetText: string,
  actual: Reading | undefined,
  scope: RowScope,
  finding: (s: Finding['severity'], code: string, f: TargetField, m: string) => void,
  field: TargetField,
): Decided {
  if (rating === null) return { status: 'invalid', score: null, text: `${lead}完成情况有误，请先更正` };
  let r: Rating | undefined = rating;
  let why = '';
  if (!r && actual) {
    const restates = gist(actual.text) !== '' && gist(actual.text) === gist(targetText);
    if (restates) {
      r = '达成';
      why = '实际完成值与指标值一致，视为达成';
    } else if (actual.done) {
      r = '达成';
      why = `实际完成值“${actual.text}”，视为达成`;
    }
  }
  if (!r) {
    finding('error', 'missing_input', field, '定性指标未选择完成情况（达成、部分达成或未达成）');
    return { status: 'missing', score: null, text: `${lead}请选择完成情况（达成、部分达成或未达成）` };
  }
  const { hi, lo } = bandsOf(scope.plan, W);
  const band =
    r === '达成' ? `${plain(hi)}～${shown(W)}分` : r === '部分达成' ? `${plain(lo)}～${plain(hi)}分，不含${plain(hi)}分` : `0～${plain(lo)}分，不含${plain(lo)}分`;
  const said = why || `完成情况：${BAND_WORDS[r]}`;
  if (typed === undefined) {
    if (r === '达成') return { status: 'ok', score: W, text: `${lead}${said}，得${shown(W)}分` };
    finding('error', 'missing_input', 'score', `完成情况为“${r}”，请填写得分（${band}）`);
    return { status: 'missing', score: null, text: `${lead}${said}，请填写得分（${band}）` };
  }
  const inBand =
    r === '达成'
      ? compare(typed, hi) >= 0 && compare(typed, W) <= 0
      : r === '部分达成'
        ? compare(typed, lo) >= 0 && compare(typed, hi) < 0
        : compare(typed, ZERO) >= 0 && compare(typed, lo) < 0;
  if (!inBand) {
    finding('error', 'out_of_band', 'score', `完成情况为“${r}”，得分应在${band}之间，填写的是${plain(typed)}分`);
    return { status: 'invalid', score: null, text: `${lead}${said}，自评得分${plain(typed)}分不在${band}之间` };
  }
  const score = round2(typed);
  return { status: 'ok', score, text: `${lead}${said}（${band}），自评得分${plain(score)}分`, typedUsed: true };
}
