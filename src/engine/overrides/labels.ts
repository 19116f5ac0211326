/**
 * What each key of a scheme file means, in the words of the bureau's IT: used by the problems, the change note
 * and the descriptions an editor shows from the JSON Schema.
 */
export const KEY_LABELS: Record<string, string> = {
  // scheme and override files
  $schema: '编辑器用来补全和检查的 JSON Schema 位置',
  extends: '所基于的内置评分方案编号',
  id: '评分方案编号（不能与内置方案相同）',
  version: '版本号（每次修改后更新）',
  title: '评分表标题',
  basis: '依据的文件',
  weights: '分值：按指标编号（预算执行率的编号、绩效目标表的一级指标名称）',
  grades: '评价等级：各等级的最低分（含），由高到低；低于最后一档为最低等级',
  params: '评分参数：按指标编号',
  wording: '指标名称、评价标准和备注的文字：按指标编号',
  targets: '绩效目标表的计分参数',
  maxTotal: '满分',
  // rule parameters
  cap: '上限（%）：比率不超过此值得满分',
  target: '目标值（%）：比率达到此值得满分',
  perPoint: '每个百分点扣分',
  perItem: '每项扣分',
  item: '扣分事项的称呼',
  unit: '事项的量词',
  withinCarryover: '结余未超过上年结转时的得分',
  pointsPerQuestionnaire: '每份问卷满分',
  zeroDenominator: '分母为0时：full 不适用按满分，zero 得0分并提示，invalid 报错',
  numeratorZero: '分子也为0时',
  numeratorPositive: '分子大于0时',
  tiers: '档次：比率所在区间及得分',
  min: '下限',
  minInclusive: '下限是否含本数',
  max: '上限',
  maxInclusive: '上限是否含本数',
  score: '得分',
  label: '计算过程中对该档的称呼',
  items: '各项及分值（按顺序）',
  points: '分值',
  parts: '各部分及分值（按顺序）',
  weight: '分值',
  // wording
  name: '名称',
  criteria: '评价标准',
  note: '备注',
  // target-table parameters
  execution: '预算执行率',
  base: '预算执行率的分母：full 全年预算数，initial 年初预算数',
  inverse: '反向指标超出时的计分：linear 按超出比例扣分 W×(1−(A−T)/T)，ratio 按比例计分 W×T/A',
  overshoot: '超额完成：完成值达到指标值的 ratio 倍及以上时提示，并扣 deduct 分',
  ratio: '倍数（大于1）',
  deduct: '扣分（0 为只提示不扣分）',
  bands: '定性指标的档次（占分值的百分比）',
  achieved: '达成的下限（%）',
  partial: '部分达成的下限（%）',
  below: '预算执行率低于（%）',
};

/** The words of a parameter for messages: 每个百分点扣分（perPoint）. */
export function keyWords(key: string | number): string {
  if (typeof key === 'number') return `第${key + 1}项`;
  const label = KEY_LABELS[key];
  return label ? `${label.replace(/[：（(].*$/, '')}（${key}）` : key;
}

export const POLICY_WORDS: Record<string, string> = { full: '不适用，按满分计', zero: '得0分并提示', invalid: '报错，不评分' };
export const INVERSE_WORDS: Record<string, string> = { linear: '按超出比例扣分 W×(1−(A−T)/T)', ratio: '按比例计分 W×T/A' };
export const BASE_WORDS: Record<string, string> = { full: '全年预算数', initial: '年初预算数' };
