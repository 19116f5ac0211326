/**
 * The words real regions use for the headers and labels of the standard tables, as labelKey() reduces them (no
 * spaces, no notes in brackets). One list per column role; a header cell names a role when its key is one of
 * these. Adding a region's wording is adding a word here.
 */

/** Columns of a target table's indicator block (绩效指标), by the engine's field names. */
export const TARGET_COLUMNS = {
  level1: ['一级指标'],
  level2: ['二级指标'],
  name: ['三级指标', '指标名称', '三级指标名称', '三级指标内容', '绩效指标名称'],
  sense: ['指标性质', '计算符号', '指标方向', '符号', '运算符号', '比较符号'],
  target: ['年度指标值', '指标值', '年度目标值', '目标值', '预期指标值', '计划指标值', '全年指标值', '预期值', '年度绩效指标值', '绩效指标值', '预期目标值'],
  unit: ['度量单位', '计量单位', '单位'],
  actual: ['实际完成值', '完成值', '实际值', '全年实际值', '全年完成值', '全年实际完成值', '实际完成数', '实际完成指标值'],
  weight: ['分值', '权重', '指标分值', '权重分值', '标准分值', '权重分'],
  rating: ['完成情况', '达成情况', '完成情况定性指标', '完成程度'],
  score: ['得分', '自评得分', '评价得分', '实际得分', '自评分'],
  deviation: [
    '偏差原因分析及改进措施',
    '偏差原因分析及整改措施',
    '未完成原因分析',
    '偏差原因分析',
    '原因分析及改进措施',
    '未完成原因分析及改进措施',
    '偏差原因',
    '偏差原因及改进措施',
    '未完成原因',
    '未完成原因和改进措施',
    '未完成原因及改进措施',
    '偏差原因分析和改进措施',
  ],
} as const;
export type TargetColumn = keyof typeof TARGET_COLUMNS;

/** Columns of the 2013-style 评分表. */
export const SCORING_COLUMNS = {
  level1: ['一级指标'],
  level2: ['二级指标'],
  name: ['三级指标', '指标名称', '三级指标名称'],
  weight: ['分值', '权重', '分数', '标准分', '标准分值', '指标分值'],
  criteria: ['评价标准', '评分标准', '评分细则', '考核标准', '评价要点', '评分办法', '评分规则', '考评标准'],
  note: ['备注', '指标解释', '指标说明', '计算公式', '指标说明及计算公式', '指标内涵'],
  score: ['评价得分', '得分', '自评得分', '评分', '实际得分', '自评分'],
  basis: ['计算过程', '评分依据', '计算过程和评分依据', '计算过程及评分依据', '得分说明', '评分说明', '扣分原因', '扣分说明', '得分依据'],
} as const;
export type ScoringColumn = keyof typeof SCORING_COLUMNS;

/** Columns of the funds block's header (项目资金 / 年度预算申请). */
export const FUNDS_COLUMNS = {
  initial: ['年初预算数', '年初预算', '年初预算金额', '年初预算资金'],
  full: ['全年预算数', '全年预算', '调整后预算数', '预算数', '全年预算金额'],
  spent: ['全年执行数', '执行数', '实际执行数', '全年支出数', '实际支出数', '全年实际支出', '全年执行金额'],
  weight: ['分值'],
  rate: ['执行率', '预算执行率'],
  score: ['得分'],
} as const;
export type FundsColumn = keyof typeof FUNDS_COLUMNS;

/** The total line of the funds block. */
export const FUNDS_TOTAL = ['年度资金总额', '资金总额', '年度资金总额合计'];

/** The 其中 lines of a project's funds block, to the engine's lines. */
export const PROJECT_FUND_LINES: Record<string, 'fiscal' | 'carryover' | 'other'> = {
  当年财政拨款: 'fiscal',
  财政拨款: 'fiscal',
  本年财政拨款: 'fiscal',
  上年结转资金: 'carryover',
  上年结转: 'carryover',
  结转资金: 'carryover',
  其他资金: 'other',
};

/** 按收入性质分 / 按支出性质分 of a department's funds block, to the engine's inputs. */
export const DEPT_FUND_PARTS: Record<string, string> = {
  一般公共预算: 'in_fund_general',
  一般公共预算拨款: 'in_fund_general',
  公共财政拨款: 'in_fund_general',
  政府性基金拨款: 'in_fund_gov_fund',
  政府性基金预算: 'in_fund_gov_fund',
  纳入专户管理的非税收入拨款: 'in_fund_special',
  其他资金: 'in_fund_other',
  基本支出: 'in_fund_basic',
  项目支出: 'in_fund_project',
};

/** Rows and labels that end a table: 总分 / 合计 and what is written below a form. */
export const TOTAL_LABELS = ['总分', '合计', '总计', '得分合计', '合计得分', '总得分', '综合得分', '自评总分', '评价总分'];
export const FOOTER_LABELS = /^(填报人|填表人|联系电话|填报日期|审核人|单位负责人签字|负责人|财务负责人|制表人|填报单位)/;

/** Labels naming a form's unit and project. */
export const IDENTITY_LABELS = {
  project: ['项目名称', '项目支出名称'],
  dept: ['预算部门名称', '市级预算部门名称', '县级预算部门名称', '部门名称', '单位名称', '部门单位名称', '预算单位名称', '主管部门'],
  impl: ['实施单位'],
} as const;

/** The 年度总体目标 block. */
export const GOAL_LABELS = { block: ['年度总体目标', '总体目标'], expected: ['预期目标'], actual: ['实际完成情况', '实际完成'] } as const;

/** The label of the self-evaluation conclusion in a 综合评价报告表 / 基本情况表. */
export const CONCLUSION_LABELS = ['自我评价结论', '自评结论', '评价结论', '自我评价', '综合评价结论', '自评结果', '自评等级'];

/** Labels of the 综合评价报告表 / 基本情况表 beside the conclusion. */
export const SUMMARY_LABELS = ['部门名称', '单位名称', '填报单位', '单位负责人', '年末职工人数', '年度预算收支情况', '部门职能职责概述', '年度绩效目标', '存在的问题', '改进措施与建议'];

/** Three-level indicator names of dept-2013 as regions write them, by indicator id (besides the scheme's own name). */
export const INDICATOR_ALIASES: Record<string, string[]> = {
  goal_fit: ['绩效目标合理性', '目标合理性'],
  goal_clarity: ['绩效指标明确性', '指标明确性'],
  staff_control: ['财政供养人员控制率', '在职人员控制率', '人员控制率', '财政供养人员控制'],
  sangong_change: ['三公经费变动率', '三公经费变化率'],
  key_spend_ratio: ['重点支出安排率'],
  budget_adjust: ['预算调整率'],
  spend_progress: ['支出进度', '支出进度率'],
  surplus: ['资金结余', '资金结余率', '结余率'],
  sangong_control: ['三公经费控制率'],
  budget_rules: ['管理制度健全性', '预算管理制度健全性'],
  fund_compliance: ['资金使用合规性'],
  disclosure: ['预决算信息公开性和完善性', '预决算信息公开性', '信息公开性和完善性'],
  asset_rules: ['管理制度健全性', '资产管理制度健全性'],
  asset_safety: ['资产管理安全性'],
  fixed_asset_use: ['固定资产利用率'],
  key_work_completion: ['重点工作实际完成率', '重点工作完成率'],
  key_work_quality: ['重点工作质量达标率', '质量达标率'],
  benefit_economic: ['经济效益'],
  benefit_social: ['社会效益'],
  benefit_ecological: ['生态效益'],
  satisfaction: ['社会公众或服务对象满意度', '服务对象满意度', '社会公众满意度', '满意度'],
};

/** The labels of the 部门整体支出绩效评价基础数据表, by what they fill. */
export const BASIC_ROWS: Record<string, string> = {
  三公经费: 'sangong',
  公车购置: 'car_buy',
  公务用车购置: 'car_buy',
  公车运行维护: 'car_run',
  公务用车运行维护: 'car_run',
  出国经费: 'abroad',
  因公出国经费: 'abroad',
  因公出国境经费: 'abroad',
  公务接待: 'reception',
  公务接待费: 'reception',
  公用经费: 'public',
  办公经费: 'office',
  水费电费差旅费: 'utility_travel',
  会议费培训费: 'meeting_training',
};

/** Labels that mark a 基础数据表 (several of them must be present). */
export const BASIC_MARKS = ['财政供养人员情况', '财政供养人员', '编制数', '实际在职人数', '经费控制情况', '三公经费', '公用经费', '政府采购金额', '部门基本支出预算调整', '楼堂馆所控制情况', '厉行节约保障措施'];
