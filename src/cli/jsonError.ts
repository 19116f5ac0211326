/**
 * Why a text is not JSON, in Chinese and with the place to look (第3行第18列), from V8's English message —
 * which is all JSON.parse gives. The texts are V8's (Node 20); an unknown one still gets the place when V8 says it.
 */
const WHAT: [RegExp, string][] = [
  [/^Unexpected end of JSON input/, '内容不完整，JSON 提前结束'],
  [/^Expected double-quoted property name/, '这里应为加双引号的输入名称（最后一项之后不能有逗号）'],
  [/^Expected property name or '\}'/, "这里应为加双引号的输入名称或 }"],
  [/^Expected ':' after property name/, '输入名称之后应为冒号'],
  [/^Expected ',' or '\}' after property value/, "值之后应为逗号或 }"],
  [/^Expected ',' or '\]' after array element/, '数组元素之后应为逗号或 ]'],
  [/^Bad control character in string literal/, '文字中有控制字符（换行须写成 \\n）'],
  [/^Bad escaped character/, '文字中有无效的转义（\\ 之后的字符）'],
  [/^Bad Unicode escape/, '无效的 \\u 转义'],
  [/^Unterminated string/, '文字缺少结尾的双引号'],
  [/^Unexpected non-whitespace character after JSON/, 'JSON 结束之后还有多余的内容'],
  [/^(No number after minus sign|Unterminated fractional number|Exponent part is missing a number)/, '数字不完整'],
];

/** V8 quotes 10 characters before the unexpected one (with "..." when it cut the text). */
const CONTEXT = 10;

function unexpectedAt(message: string, text: string): { token: string; at?: number } | undefined {
  const m = /^Unexpected token '(.+?)', (\.\.\.)?"(.*)"(\.\.\.)? is not valid JSON$/s.exec(message);
  if (!m) return undefined;
  const [, token, before, quoted, after] = m;
  if (before) {
    const start = text.indexOf(quoted);
    return { token, at: start >= 0 ? start + CONTEXT : undefined };
  }
  if (after) return { token, at: quoted.length - CONTEXT };
  const at = text.indexOf(token);
  return { token, at: at >= 0 ? at : undefined };
}

function place(text: string, at: number): string {
  const lines = text.slice(0, at).split('\n');
  return `第${lines.length}行第${[...lines[lines.length - 1]].length + 1}列`;
}

/** 第1行第18列：不应出现“I”（JSON 中的数不能写 Infinity 或 NaN） */
export function jsonSyntaxProblem(message: string, text: string): string {
  const unexpected = unexpectedAt(message, text);
  const position = /at position (\d+)/.exec(message);
  const at = unexpected?.at ?? (position ? Number(position[1]) : undefined);
  let what = WHAT.find(([re]) => re.test(message))?.[1];
  if (unexpected) {
    what = `不应出现“${unexpected.token}”`;
    if (unexpected.token === 'I' || unexpected.token === 'N') what += '（JSON 中的数不能写 Infinity 或 NaN）';
    else if (unexpected.token === "'") what += '（JSON 的文字须用双引号）';
  }
  what ??= '格式不对';
  return at === undefined || at < 0 || at > text.length ? what : `${place(text, at)}：${what}`;
}
