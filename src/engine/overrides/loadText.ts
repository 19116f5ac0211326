import type { SchemeData } from '../scheme';
import type { JsonPath } from './problems';

/** A problem loadScheme found, in Chinese, with the places in the whole scheme it concerns (most specific first). */
export interface LoadProblem {
  at: JsonPath[];
  message: string;
  fix: string;
  /** semanticProblems checks the same thing: dropped when those checks already found problems */
  covered: boolean;
}

type Rule = [RegExp, (m: RegExpExecArray, s: SchemeData) => Omit<LoadProblem, 'covered'>, boolean?];

const indicatorAt = (s: SchemeData, id: string): JsonPath => {
  const k = s.indicators.findIndex((i) => i.id === id);
  return k < 0 ? ['indicators'] : ['indicators', k];
};
const inputAt = (s: SchemeData, name: string): JsonPath => {
  const k = (s.inputs as { name?: string }[]).findIndex((i) => i.name === name);
  return k < 0 ? ['inputs'] : ['inputs', k];
};
const undeclared = (name: string) => ({ message: `用到的输入 ${name} 没有在 inputs 中声明`, fix: `在 inputs 中声明 ${name}，或改用已声明的输入` });

/** loadScheme's English lines, by what they say; a line not listed here is shown as it is. */
const RULES: Rule[] = [
  [/^duplicate indicator id /, () => ({ at: [['indicators']], message: '指标编号重复', fix: '每个指标用不同的编号' }), true],
  [/^(\w+): unknown rule kind/, (m, s) => ({ at: [[...indicatorAt(s, m[1]), 'rule', 'kind']], message: '计分方法不存在', fix: '改为已有的计分方法' }), true],
  [/^(\w+)\.rule\./, (m, s) => ({ at: [[...indicatorAt(s, m[1]), 'rule']], message: '评分参数有误', fix: '对照内置方案修改' }), true],
  [/^(\w+): rule uses undeclared input (\S+)$/, (m, s) => ({ at: [[...indicatorAt(s, m[1]), 'rule']], ...undeclared(m[2]) })],
  [/^(\w+): level .* is not declared$/, (m, s) => ({ at: [[...indicatorAt(s, m[1]), 'level2']], message: '所属一级/二级指标没有在 levels 中列出', fix: '在 levels 中列出' }), true],
  [/^(group .* has no indicator|weights of .* add up to|group weights add up to|execution weight .* add up to)/, () => ({ at: [['maxTotal']], message: '分值合计不对', fix: '调整分值' }), true],
  [/^grades must cover a total of 0$/, () => ({ at: [['grades']], message: '等级没有覆盖0分', fix: '把最低等级的下限写为0' }), true],
  [/^targets\.(bands|cap)/, () => ({ at: [['targets']], message: '绩效目标表参数有误', fix: '对照内置方案修改' }), true],
  [/^the execution id (\S+) is also an indicator id$/, (m) => ({ at: [['targets', 'execution', 'id']], message: `预算执行率的编号 ${m[1]} 与一个指标的编号相同`, fix: '换一个编号' })],
  [/^duplicate input names$/, () => ({ at: [['inputs']], message: '输入名称重复', fix: '每个输入用不同的名称' })],
  [/^table (\S+) has duplicate field names$/, (m, s) => ({ at: [[...inputAt(s, m[1]), 'fields']], message: `表格输入 ${m[1]} 的列名重复`, fix: '每列用不同的名称' })],
  [/^a scheme needs indicators or targets$/, () => ({ at: [['indicators']], message: '方案既没有指标（indicators），也没有绩效目标表（targets）', fix: '至少写其中之一' })],
  [/^identity uses undeclared input (\S+)$/, (m) => ({ at: [['identity']], ...undeclared(m[1]) })],
  [/^check "(.*)" uses undeclared input (\S+)$/, (m, s) => ({ at: [['checks', Math.max(0, s.checks.findIndex((c) => c.label === m[1]))]], ...undeclared(m[2]) })],
  [/^figure (\S+) uses undeclared input (\S+)$/, (m, s) => ({ at: [['figures', Math.max(0, s.figures.findIndex((f) => f.id === m[1]))]], ...undeclared(m[2]) })],
  [/^a scheme with targets needs outputs\.rows/, () => ({ at: [['outputs']], message: '有绩效目标表的方案需要 outputs.rows（表中得分、计算过程两列的名称）', fix: '加上 outputs.rows' })],
  [/^a scheme with figures needs outputs\.rate$/, () => ({ at: [['outputs']], message: '有 figures 的方案需要 outputs.rate', fix: '加上 outputs.rate' })],
  [/^output name (\S+) is not a valid Excel name$/, (m) => ({ at: [['outputs']], message: `输出名称 ${m[1]} 不是有效的 Excel 名称`, fix: '以英文字母或下划线开头，只用字母、数字、下划线和点' })],
  [/^output name (\S+) clashes with an input$/, (m) => ({ at: [['outputs']], message: `输出名称 ${m[1]} 与一个输入同名`, fix: '换一个输出名称前缀' })],
  [/^output names clash$/, () => ({ at: [['outputs']], message: '输出名称重复', fix: '各输出用不同的名称' })],
  [/^targets\.table (\S+) is not a table input$/, (m) => ({ at: [['targets', 'table']], message: `${m[1]} 不是表格输入（kind 为 table）`, fix: '改为一个表格输入的名称' })],
  [/^target table (\S+) lacks the field (\S+)$/, (m, s) => ({ at: [[...inputAt(s, m[1]), 'fields']], message: `绩效目标表 ${m[1]} 缺少列 ${m[2]}`, fix: `加上列 ${m[2]}` })],
  [/^target table (\S+) has the unknown field (\S+)/, (m, s) => ({ at: [[...inputAt(s, m[1]), 'fields']], message: `绩效目标表 ${m[1]} 的列 ${m[2]} 不是可用的列`, fix: '删去或改名' })],
  [/^targets\.execution (.+) uses undeclared input (\S+)$/, (m) => ({ at: [['targets', 'execution']], ...undeclared(m[2]) })],
  [/^targets\.execution (.+): (\S+) is not an amount$/, (m) => ({ at: [['targets', 'execution']], message: `${m[2]} 应为金额（kind 为 amount）`, fix: '改用金额输入' })],
  [/^targets\.execution: base initial needs total\.initial$/, () => ({ at: [['targets', 'execution', 'base']], message: '以年初预算数为分母，需要资金表有年初预算数一栏（total.initial）', fix: '改为 full，或加上 total.initial' })],
  [/^targets uses undeclared input (\S+)$/, (m) => ({ at: [['targets']], ...undeclared(m[1]) })],
  [/^targets\.levels/, () => ({ at: [['targets', 'levels']], message: '绩效目标表的一级或二级指标名称重复', fix: '名称和别名各不相同' })],
  [/^layout\.sheets\.(\d+)/, (m) => ({ at: [['layout', 'sheets', Number(m[1])]], message: '工作表版式参数有误', fix: '对照内置方案的 layout 修改' })],
  [/^layout places undeclared input (\S+)$/, (m) => ({ at: [['layout']], ...undeclared(m[1]) })],
  [/^input (\S+) is placed (\d+) times in the layout$/, (m, s) => ({ at: [inputAt(s, m[1])], message: `输入 ${m[1]} 在版式中出现${m[2]}次，应恰好一次`, fix: '在 layout 中放置且只放置一次' })],
  [/^layout \((.+)\) shows (\S+), which is not an output$/, (m) => ({ at: [['layout']], message: `工作表“${m[1]}”显示的 ${m[2]} 不是输出名称`, fix: '改为方案的输出名称' })],
  [/^sheet names must differ$/, () => ({ at: [['layout']], message: '工作表名称重复', fix: '各工作表用不同的名称' })],
  [/^sheet name (.+) has a character Excel forbids$/, (m) => ({ at: [['layout']], message: `工作表名称“${m[1]}”含有 Excel 不允许的字符（\\ / ? * [ ] :）`, fix: '去掉这些字符' })],
];

/** loadScheme's problems (its SchemeError message, one per line after the first) as Chinese problems. */
export function loadProblems(message: string, s: SchemeData): LoadProblem[] {
  return message
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      for (const [re, make, covered] of RULES) {
        const m = re.exec(line);
        if (m) return { ...make(m, s), covered: covered === true };
      }
      return { at: [[]], message: `方案校验未通过：${line}`, fix: '对照内置方案（templates/*.json）修改', covered: false };
    });
}
