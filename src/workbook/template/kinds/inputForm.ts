import type { Scheme, SchemeInput } from '../../../engine';
import type { TemplateOptions } from '../../types';
import { SheetBuilder, type Content } from '../builder';
import { heightFor, linesFor } from '../geometry';
import { showName } from '../page';
import { BODY_SIZE } from '../styles';
import type { StyleKey } from '../types';
import { gradeBands, hintOf, inputStyle, NOT_SCORED, prefills, DEFAULT_UNIT } from './common';
import type { SheetRenderer } from './types';

// columns: label A:C, input D, unit E, hint F
const WIDTHS = [14, 14, 14, 20, 8, 30];
const LABEL = { from: 1, to: 3 };
const INPUT = 4;
const UNIT = 5;
const HINT = 6;
const LAST = 6;
const LABEL_WIDTH = WIDTHS[0] + WIDTHS[1] + WIDTHS[2];
const LONG_LINES = 8;
const MIN_ROW = 20;

/** input_form (基本情况表): title, the results it shows (total/grade/status), legend, then its sections, one input a row. */
export const inputForm: SheetRenderer<'input_form'> = (layout, { scheme, options, names, sheet, scope }) => {
  const b = new SheetBuilder(sheet, names, scope);
  const prefill = prefills(scheme, options);
  const label = (row: number, text: string, style: StyleKey = 'label') => b.put(LABEL.from, row, style, { value: text }, LABEL.to);

  b.put(1, 1, 'title', { value: layout.title }, LAST);
  b.height(1, 36);

  label(2, '评价总分');
  b.output(scheme.outputs.total, INPUT, 2, 'output');
  b.put(UNIT, 2, 'center', { value: '分' });
  b.put(HINT, 2, 'hint', { value: `满分${scheme.maxTotal}分，为评分表各项得分之和` });
  b.height(2, 24);

  label(3, '自我评价结论');
  b.output(scheme.outputs.grade, INPUT, 3, 'output');
  const bands = gradeBands(scheme);
  b.put(UNIT, 3, 'hint', { value: bands }, HINT);
  b.height(3, Math.max(24, heightFor(linesFor(bands, WIDTHS[4] + WIDTHS[5]), 9)));

  label(4, '评分状态');
  b.output(scheme.outputs.status, INPUT, 4, 'outputText', NOT_SCORED, LAST);
  b.height(4, heightFor(2, BODY_SIZE));

  label(5, '图例');
  b.put(INPUT, 5, 'legendInput', { value: '请在此填写' });
  b.put(UNIT, 5, 'legendOutput', { value: '自动计算，请勿修改' }, HINT);
  b.height(5, 22);

  const note =
    '说明：黄色单元格由单位填写，灰色单元格由评分自动生成；金额一律按“金额单位”栏的单位填写；是／否项填写“是”或“否”；' +
    '问卷逐份录入“满意度调查”表。';
  b.put(1, 6, 'note', { value: note }, LAST);
  b.height(6, heightFor(linesFor(note, WIDTHS.reduce((a, w) => a + w, 0)), 9));

  let row = 7;
  for (const section of layout.sections) {
    b.put(1, row, 'section', { value: section.title }, LAST);
    b.height(row, 22);
    row++;
    for (const name of section.fields) {
      const input = scheme.input(name);
      label(row, input.label);
      const labelHeight = heightFor(linesFor(input.label, LABEL_WIDTH), BODY_SIZE);
      const value = prefill.get(name);
      if (input.kind === 'text' && (input.width === 'wide' || input.width === 'long')) {
        b.input(input, INPUT, row, 'inputText', value, LAST);
        const lines = input.width === 'long' ? LONG_LINES : 2;
        b.height(row, Math.max(labelHeight, heightFor(lines, BODY_SIZE)));
      } else {
        b.input(input, INPUT, row, inputStyle(input), value);
        b.put(UNIT, row, 'center', unitOf(scheme, input, options));
        b.put(HINT, row, 'hint', { value: hintOf(input) });
        b.height(row, Math.max(MIN_ROW, labelHeight, heightFor(linesFor(hintOf(input), WIDTHS[5]), 9)));
      }
      row++;
    }
  }

  // the published form ends with the reviewing office's opinion and stamp, written by hand on the printout
  label(row, '归口管理业务股室审核意见（盖章）');
  b.put(INPUT, row, 'text', { value: '\n\n\n年    月    日' }, LAST);
  b.height(row, heightFor(5, BODY_SIZE));

  return b.finish('input_form', 'summary', WIDTHS, { orientation: 'portrait', area: `A1:F${row}`, titleRows: '1:1' }, { rows: 4, columns: 0 });
};

/** The unit column: amounts follow the form's money unit (a formula, so it changes with 金额单位); others their own. */
function unitOf(scheme: Scheme, input: SchemeInput, options: TemplateOptions): Content {
  if (input.kind === 'amount') {
    const unit = scheme.identity.unit;
    return { formula: showName(unit), derive: { kind: 'name', name: unit }, value: options.unit ?? DEFAULT_UNIT };
  }
  return { value: input.unit ?? '' };
}
