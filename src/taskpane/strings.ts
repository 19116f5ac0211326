import type { IndicatorStatus, Severity } from '../engine';

/** Every text the pane shows, in one place, so wording can be reviewed (and changed) without reading components. */
export const S = {
  appTitle: '部门整体支出绩效自评',
  loading: '正在读取工作簿…',
  retry: '重试',
  noSession: '未连接到工作簿。请在 Excel 中通过“开始”选项卡上的“绩效自评”按钮打开本加载项。',

  // 插入模板
  insertHeading: '插入模板',
  insertIntro: '当前工作簿中还没有绩效自评模板。填写以下信息后插入模板，再在“基本情况表”中录入数据。',
  schemeLabel: '评分方案',
  deptLabel: '部门（单位）名称',
  deptPlaceholder: '如：某某县政务服务中心',
  yearLabel: '评价年度',
  yearHint: '4 位数字，如 2024',
  unitLabel: '金额单位',
  sheetsLabel: '插入的工作表',
  sheetRequired: '（必需）',
  sheetOptional: '（可选）',
  insertButton: '插入模板',
  inserting: '正在插入模板…',
  insertProgressLabel: '插入进度',
  deptRequired: '请填写部门（单位）名称',
  yearFormat: '请输入 4 位数字的年度，如 2024',
  yearRange: '评价年度应在 2000 至 2100 之间',
  inserted: '模板已插入，请在“基本情况表”中填写数据，得分会自动计算。',
  resumed: '工作簿中已有模板，已继续使用。',
  renamed: (wanted: string, used: string) => `已有同名工作表“${wanted}”，新表命名为“${used}”。`,

  // 评分结果
  resultHeading: '评分结果',
  totalLabel: '总分',
  gradeLabel: '等级',
  gradePending: '未完成',
  notComputed: '尚未计算，请点击“同步”。',
  syncButton: '同步',
  syncing: '正在同步…',
  syncHint: '重新读取全部输入并写回得分',
  autoRecomputed: '输入已修改，已自动重新计算',
  indicatorsHeading: '指标得分',
  subtotal: '小计',
  scoreOf: (score: string, weight: string) => `${score} / ${weight}`,
  noScore: '—',

  // 报送版
  exportButton: '导出报送版',
  exportHint: '导出只读的报送版：仅保留数值，全部单元格锁定',
  exporting: '正在导出…',
  exported: (name: string) => `已导出报送版“${name}”。`,
  exportedIncomplete: (name: string) => `已导出“${name}”，文件中已注明“尚未完成”。`,
  incompleteNote: '文件中已注明“尚未完成”，不能作为正式报送材料。',
  exportDownloadLink: (name: string) => `下载“${name}”`,
  dismiss: '关闭',
  blockedTitle: '以下问题尚未解决',
  blockedIntro: (n: number) => `有 ${n} 处错误，报送版将注明“尚未完成”，不能作为正式报送材料。建议先修改后再导出。`,
  exportAnyway: '仍然导出',
  backToForm: '返回修改',

  // 问题与提示
  findingsHeading: '问题与提示',
  noFindings: '没有发现问题。',
  findingGoTo: (cell: string) => `定位到 ${cell}`,

  // 宿主不支持
  unsupportedTitle: '此版本的 Excel 无法运行本加载项',
  unsupportedTitleGeneric: '无法使用本加载项',
  unsupportedBody: '请使用 Microsoft 365 版 Excel、Excel 2021 或更新版本，也可以使用网页版 Excel。',
  unsupportedDetail: (what: string) => `缺少的功能：${what}`,

  // 出错
  failed: {
    detect: '读取工作簿失败',
    sync: '同步失败',
    insert: '插入模板失败',
    select: '无法定位到单元格',
    open: '打开文件失败',
    download: '下载失败',
    export: '导出报送版失败',
    clear: '清除失败',
  },
  unexpected: '发生了意外错误，请重试；如仍失败，请关闭并重新打开任务窗格。',
} as const;

export const STATUS_LABEL: Record<IndicatorStatus, string> = {
  ok: '正常',
  not_applicable: '不适用',
  missing: '缺少输入',
  invalid: '输入有误',
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};
