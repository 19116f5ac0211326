import * as fs from 'fs';
import * as path from 'path';
import { jsonSyntaxProblem } from '../../src/cli/jsonError';
import { exampleInputs, expectUsageFailure, jixiao, tempDir } from './helpers';

const problem = (text: string): string => {
  try {
    JSON.parse(text);
  } catch (err) {
    return jsonSyntaxProblem((err as Error).message, text);
  }
  throw new Error('valid JSON');
};

describe('why --inputs is not JSON, in Chinese with the place', () => {
  it.each([
    ['{"a":Infinity}', '第1行第6列：不应出现“I”（JSON 中的数不能写 Infinity 或 NaN）'],
    ['{"a":NaN}', '第1行第6列：不应出现“N”（JSON 中的数不能写 Infinity 或 NaN）'],
    ['', '内容不完整，JSON 提前结束'],
    ['{"a":1,}', '第1行第8列：这里应为加双引号的输入名称（最后一项之后不能有逗号）'],
    ["{'a':1}", '第1行第2列：这里应为加双引号的输入名称或 }'],
    ['{"a" 1}', '第1行第6列：输入名称之后应为冒号'],
    ['{"a":1', '第1行第7列：值之后应为逗号或 }'],
    ['{"a":"x\ny"}', '第1行第8列：文字中有控制字符（换行须写成 \\n）'],
    ['"abc', '第1行第5列：文字缺少结尾的双引号'],
    ['[1] 2', '第1行第5列：JSON 结束之后还有多余的内容'],
    ['{"a":-}', '第1行第7列：数字不完整'],
    [`{\n  "in_year": 2024,\n  "in_staff_quota": Infinity,\n  "in_staff_actual": 21, "in_dept_name": "示例县政务服务中心"}`, '第3行第21列：不应出现“I”（JSON 中的数不能写 Infinity 或 NaN）'],
  ])('%j', (text, said) => {
    expect(problem(text)).toBe(said);
  });

  it('the command says it in one line naming the file', async () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'in.json'), JSON.stringify(exampleInputs(), null, 2).replace('"in_staff_quota": 20', '"in_staff_quota": Infinity'));
      const r = await jixiao(['score', '--inputs', 'in.json'], dir);
      expectUsageFailure(r, /^jixiao: 无法读取“in\.json”：不是有效的 JSON（第\d+行第21列：不应出现“I”（JSON 中的数不能写 Infinity 或 NaN））\n$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
