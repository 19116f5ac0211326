import type { SchemeInput, TableField } from '../../engine';
import type { PlanValidation, ValidationRule } from './types';

const ERROR_TITLE = '请核对填写内容';
/** Excel rejects longer prompt titles */
const TITLE_MAX = 32;

/** The prompt title: the label up to its first colon (“绩效目标合理性①”), at most 32 characters. */
function titleOf(label: string): string {
  const short = label.split('：')[0];
  return short.length > TITLE_MAX ? short.slice(0, TITLE_MAX - 1) + '…' : short;
}

function range(min: number | undefined, max: number | undefined, unit = ''): string {
  if (min !== undefined && max !== undefined) return `${min}～${max}${unit}`;
  if (min !== undefined) return `不小于${min}${unit}`;
  if (max !== undefined) return `不大于${max}${unit}`;
  return '';
}

interface Wording {
  rule: ValidationRule;
  prompt: string;
  error: string;
}

function wording(input: SchemeInput): Wording {
  const unit = input.unit && input.unit !== '年' ? input.unit : '';
  switch (input.kind) {
    case 'yesno':
      return { rule: { type: 'list', values: ['是', '否'] }, prompt: '请选择“是”或“否”。', error: '此处应填写“是”或“否”。' };
    case 'unit':
      return {
        rule: { type: 'list', values: ['元', '万元'] },
        prompt: '请选择本表金额的单位：元或万元。所有金额栏按此单位填写。',
        error: '金额单位应为“元”或“万元”。',
      };
    case 'year':
      return {
        rule: { type: 'whole', min: input.min ?? 2000, max: input.max ?? 2100 },
        prompt: '请填写评价年度，例如2024。',
        error: `年度应为${input.min ?? 2000}～${input.max ?? 2100}之间的整数。`,
      };
    case 'integer': {
      const min = input.min ?? 0;
      return {
        rule: { type: 'whole', min, ...(input.max !== undefined ? { max: input.max } : {}) },
        prompt: `请填写整数${unit ? `（单位：${unit}）` : ''}，没有的填0。`,
        error: `此处应填写${range(min, input.max)}的整数${unit ? `（${unit}）` : ''}。`,
      };
    }
    case 'amount':
      if (input.negativeAsMagnitude) {
        return {
          rule: { type: 'decimal' },
          prompt: '请按“金额单位”栏的单位填写金额；追加与追减合计填写，负数按绝对值计算。',
          error: '此处应填写金额（数字）。',
        };
      }
      return {
        rule: { type: 'decimal', min: input.min ?? 0 },
        prompt: '请按“金额单位”栏的单位填写金额，没有的填0。',
        error: '此处应填写不小于0的金额（数字）。',
      };
    case 'number': {
      const min = input.min ?? 0;
      return {
        rule: { type: 'decimal', min, ...(input.max !== undefined ? { max: input.max } : {}) },
        prompt: `请填写${range(min, input.max, unit)}的数值。`,
        error: `此处应填写${range(min, input.max, unit)}的数值。`,
      };
    }
    case 'date':
      return {
        rule: { type: 'date', min: '2000-01-01', max: '2100-12-31' },
        prompt: '请填写日期，例如2025-03-15。',
        error: '此处应填写日期，例如2025-03-15。',
      };
    case 'survey': {
      const answers = input.answers ?? [];
      return {
        rule: { type: 'list', values: [...answers.map((a) => a.label), ...answers.map((a) => String(a.points))] },
        prompt: `请选择${answers.map((a) => `${a.label}（${a.points}分）`).join('、')}，或直接填写分数。`,
        error: `答案应为${answers.map((a) => a.label).join('、')}或${answers.map((a) => a.points).join('、')}。`,
      };
    }
    case 'text':
      return { rule: { type: 'any' }, prompt: input.required ? '必填。' : '请填写文字。', error: '' };
  }
}

/** The data validation of one input's cell(s): a list, a number range or just a prompt, always a warning. */
export function validationFor(input: SchemeInput, cells: string): PlanValidation {
  const w = wording(input);
  return {
    range: cells,
    rule: w.rule,
    prompt: { title: titleOf(input.label), text: w.prompt },
    error: { title: ERROR_TITLE, text: w.error ? `${w.error}如确认无误，可选择“是”保留。` : '' },
    errorStyle: 'warning',
    allowBlank: true,
  };
}

/** What each field of a target table asks for, in its prompt (the field's label is the prompt's title). */
const FIELD_PROMPTS: Record<string, string> = {
  level1: '产出指标、效益指标或满意度指标；同一一级指标下的各行可留空（沿用上方）。',
  level2: '如数量指标、质量指标、时效指标、成本指标；同一二级指标下的各行可留空（沿用上方）。',
  name: '三级指标名称，必填。',
  sense: '≥（正向）、≤（反向）、=（等于）或“定性”；留空时按年度指标值的写法判断。',
  target: '年度指标值，照原样填写，如 95、≥95%、40个、不超过2小时、2025年11月前完成、明显提升。',
  unit: '度量单位，如 %、个、天、万元；年度指标值和实际完成值都按此单位。',
  actual: '实际完成值，照原样填写，如 98%、42个、已完成。',
  weight: '本行分值（数字），各行合计应为90分。',
  rating: '定性指标的完成情况：达成、部分达成或未达成。',
  score: '定性指标的自评得分（数字，应在完成情况对应的分数段内）；定量指标可不填。',
  deviation: '得分低于分值、完成值超过指标值较多或与指标值不一致时必填。',
};

/**
 * The validation of one column of a table input over its rows: the field's choices as a dropdown, a number
 * of at least 0, or a prompt only — always a warning, since the engine reads what officers type (正向, 大于等于).
 */
export function fieldValidation(field: TableField, cells: string): PlanValidation {
  const prompt = FIELD_PROMPTS[field.name] ?? `请填写${field.label}。`;
  let rule: ValidationRule = { type: 'any' };
  let error = '';
  if (field.choices) {
    rule = { type: 'list', values: field.choices };
    error = `${field.label}一般为${field.choices.join('、')}。`;
  } else if (field.kind !== 'text') {
    rule = { type: 'decimal', min: 0 };
    error = `${field.label}应为不小于0的数字。`;
  }
  return {
    range: cells,
    rule,
    prompt: { title: titleOf(field.label), text: prompt },
    error: { title: ERROR_TITLE, text: error ? `${error}如确认无误，可选择“是”保留。` : '' },
    errorStyle: 'warning',
    allowBlank: true,
  };
}

/**
 * An output column inside rows the officer inserts and deletes: its cells are unlocked (so that whole rows can
 * be deleted on the protected sheet), and this stop alert keeps typing out of them. Excel checks validation only
 * for what is typed into a cell, so the add-in and the command still write them.
 */
export function refuseValidation(title: string, cells: string): PlanValidation {
  return {
    range: cells,
    rule: { type: 'refuse' },
    prompt: { title: titleOf(title), text: '由加载项自动计算，请勿填写。' },
    error: { title: '自动计算', text: `“${title}”由评分自动填写，不能手工输入。` },
    errorStyle: 'stop',
    allowBlank: true,
  };
}
