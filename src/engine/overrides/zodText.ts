import { z } from 'zod';
import type { ZodIssue } from 'zod';
import { closest, JsonPath, listed, problem, SchemeProblem } from './problems';

const TYPE_WORDS: Record<string, string> = {
  string: '文字（加双引号）',
  number: '数字',
  integer: '整数',
  boolean: 'true 或 false',
  object: '对象 {…}',
  array: '数组 […]',
  null: 'null',
  undefined: '空',
  nan: 'NaN',
};

const typeWords = (t: string) => TYPE_WORDS[t] ?? t;

/** Words for the ids, names and Excel names the scheme's patterns accept. */
function patternWords(key: string | number | undefined, message = ''): string {
  if (message === 'scheme id') return '不含空格，也不含 \\ / : * ? " < > | 这些文件名不能用的字符';
  if (key === 'id' || key === 'name') return '以小写英文字母开头，只含小写字母、数字和下划线';
  return '符合规定的格式';
}

/**
 * A zod issue as a problem of the file: `at` is where the object zod checked sits in the file, and `place`
 * turns the full path into the place to show (an override file shows where its own key is).
 */
export function zodProblem(issue: ZodIssue, at: JsonPath, place: (path: JsonPath) => JsonPath = (p) => p, schema?: z.ZodTypeAny): SchemeProblem[] {
  const path = [...at, ...issue.path];
  const key = path[path.length - 1];
  const here = place(path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') {
        return [problem(here, `缺少“${String(key)}”`, `加上“${String(key)}”，值为${typeWords(issue.expected)}`)];
      }
      return [problem(here, `应为${typeWords(issue.expected)}，不是${typeWords(issue.received)}`, `改为${typeWords(issue.expected)}`)];
    case 'unrecognized_keys':
      return issue.keys.map((k) => unknownKey([...here, k], k, schema ? keysAt(schema, issue.path) : []));
    case 'invalid_enum_value':
      return [problem(here, `“${String(issue.received)}”不是可用的取值`, `改为 ${issue.options.map(String).join('、')} 之一`)];
    case 'invalid_union_discriminator':
      return [problem(here, '不是可用的种类', `改为 ${issue.options.map(String).join('、')} 之一`)];
    case 'invalid_literal':
      return [problem(here, `应为 ${JSON.stringify(issue.expected)}`, `改为 ${JSON.stringify(issue.expected)}`)];
    case 'invalid_union': {
      // the branch that got furthest says the most: the one with the fewest problems, none of them about the type
      const branches = issue.unionErrors.map((e) => e.issues).sort((a, b) => a.length - b.length);
      const telling = branches.find((b) => b.every((i) => !(i.code === 'invalid_type' && i.path.length === 0)));
      if (telling) return telling.flatMap((i) => zodProblem(i, at, place));
      return [problem(here, '格式不对', '对照内置方案中同一位置的写法修改')];
    }
    case 'too_small':
      return [problem(here, ...smallOrBig(issue.type, Number(issue.minimum), issue.inclusive, issue.exact === true, 'small'))];
    case 'too_big':
      return [problem(here, ...smallOrBig(issue.type, Number(issue.maximum), issue.inclusive, issue.exact === true, 'big'))];
    case 'invalid_string':
      return [problem(here, '格式不对', `应${patternWords(key, issue.message)}`)];
    case 'not_finite':
      return [problem(here, '应为有限的数字', '改为一个数字')];
    case 'not_multiple_of':
      return [problem(here, `应为 ${String(issue.multipleOf)} 的倍数`, '改为符合要求的数字')];
    case 'custom':
      return [problem(here, ...customWords(issue.message, key))];
    default:
      return [problem(here, '格式不对', '对照内置方案中同一位置的写法修改')];
  }
}

function smallOrBig(type: string, bound: number, inclusive: boolean, exact: boolean, which: 'small' | 'big'): [string, string] {
  if (type === 'array') {
    if (exact) return [`应有${bound}项`, `改为${bound}项`];
    return which === 'small' ? [`至少应有${bound}项`, `补足到${bound}项`] : [`最多${bound}项`, `删减到${bound}项以内`];
  }
  if (type === 'string') {
    if (which === 'small' && bound === 1) return ['不能为空', '填写内容'];
    return which === 'small' ? [`至少${bound}个字符`, '补充内容'] : [`最多${bound}个字符`, `缩短到${bound}个字符以内`];
  }
  const relation = which === 'small' ? (inclusive ? '不小于' : '大于') : inclusive ? '不大于' : '小于';
  return [`应${relation}${bound}`, `改为${relation}${bound}的数`];
}

/** The English texts of the scheme's own refinements and of issues re-added by its transforms. */
function customWords(message: string, key: string | number | undefined): [string, string] {
  const e = /^Expected (\w+), received (\w+)$/.exec(message);
  if (e) return [`应为${typeWords(e[1])}，不是${typeWords(e[2])}`, `改为${typeWords(e[1])}`];
  if (message === 'Required') return [`缺少“${String(key)}”`, `加上“${String(key)}”`];
  const en = /^Invalid enum value\. Expected (.+), received '(.*)'$/.exec(message);
  if (en) return [`“${en[2]}”不是可用的取值`, `改为 ${en[1].replace(/'/g, '').split(' | ').join('、')} 之一`];
  const un = /^Unrecognized key\(s\) in object: (.+)$/.exec(message);
  if (un) return [`不认识的键 ${un[1].replace(/'/g, '“').replace(/“, “/g, '”、“').replace(/“$/, '”')}`, '删去，或对照内置方案改为正确的键'];
  const num = /^Number must be (greater than or equal to|greater than|less than or equal to|less than) (-?[\d.]+)$/.exec(message);
  if (num) {
    const words = { 'greater than or equal to': '不小于', 'greater than': '大于', 'less than or equal to': '不大于', 'less than': '小于' }[num[1]]!;
    return [`应${words}${num[2]}`, `改为${words}${num[2]}的数`];
  }
  const arr = /^Array must contain at least (\d+) element/.exec(message);
  if (arr) return [`至少应有${arr[1]}项`, `补足到${arr[1]}项`];
  if (/^String must contain at least 1 character/.test(message)) return ['不能为空', '填写内容'];
  if (message === 'not a valid Excel name') return ['不是有效的 Excel 名称', '以英文字母或下划线开头，只用字母、数字、下划线和点'];
  if (message === 'an Excel name must not look like a cell reference') return ['名称不能像单元格地址（如 A1、R1C1）', '换一个名称，例如加上前缀 in_'];
  if (message === 'Invalid') return ['格式不对', `应${patternWords(key)}`];
  const survey = /^survey input (\S+) needs rows, questions and answers$/.exec(message);
  if (survey) return [`问卷输入 ${survey[1]} 缺少 rows、questions 或 answers`, '补上份数（rows）、题数（questions）和答案选项（answers）'];
  return [`有误（${message}）`, '对照内置方案中同一位置的写法修改'];
}

/** A key that is not one of `known`: says which ones are, and which one was probably meant. */
export function unknownKey(path: JsonPath, key: string, known: readonly string[], what = '键'): SchemeProblem {
  const guess = closest(key, known);
  const fix = known.length
    ? `${guess ? `是否想写“${guess}”？` : ''}可用的${what}：${listed(known, 40)}`
    : '删去这一项';
  return problem(path, `不认识的${what}“${key}”`, fix);
}

/** The keys of the object a path leads to in a schema (through optional, default, refinement, array and record). */
function keysAt(schema: z.ZodTypeAny, path: (string | number)[]): string[] {
  let t: z.ZodTypeAny | undefined = schema;
  const unwrap = () => {
    while (t instanceof z.ZodOptional || t instanceof z.ZodDefault || t instanceof z.ZodNullable || t instanceof z.ZodEffects) {
      t = t instanceof z.ZodEffects ? t._def.schema : t._def.innerType;
    }
  };
  for (const seg of path) {
    unwrap();
    if (t instanceof z.ZodObject) t = (t.shape as Record<string, z.ZodTypeAny>)[seg];
    else if (t instanceof z.ZodArray) t = t._def.type;
    else if (t instanceof z.ZodRecord) t = t._def.valueType;
    else return [];
  }
  unwrap();
  return t instanceof z.ZodObject ? Object.keys(t.shape as object) : [];
}
