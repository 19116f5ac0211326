import { ratePercent } from './decimal';
import type { Decimal } from './decimal';
import type { ParsedInputs } from './inputs';
import { rateFormula } from './rules/ratio';
import type { Scheme } from './scheme';
import type { FigureResult } from './types';

/** The scheme's figures (the 基础数据表's 控制率 …): computed and shown, not scored; blank while an input is. */
export function evaluateFigures(scheme: Scheme, parsed: ParsedInputs): FigureResult[] {
  return scheme.figures.map((f) => {
    const n = parsed.get(f.numerator);
    const d = parsed.get(f.denominator);
    if (n?.state !== 'ok' || d?.state !== 'ok') return { id: f.id, label: f.label, rate: null, text: '' };
    const num = n.value as Decimal;
    const den = d.value as Decimal;
    if (den.isZero()) return { id: f.id, label: f.label, rate: null, text: `${parsed.label(f.denominator)}为0，不计算${f.label}` };
    const rate = ratePercent(num, den);
    return { id: f.id, label: f.label, rate, text: rateFormula(num, den, rate) };
  });
}
