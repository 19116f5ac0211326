import type { Severity } from '../engine';
import type { FindingGroup } from './findings';

/** Every text the pane shows, in one place, so wording can be reviewed (and changed) without reading components. */
export const S = {
  appTitle: '绩效自评',
  loading: '正在读取工作簿…',
  retry: '重试',
  noSession: '未连接到工作簿。请在 Excel 中通过“开始”选项卡上的“绩效自评”按钮打开本加载项。',

  // 插入模板
  insertHeading: '插入模板',
  insertIntro: '当前工作簿中还没有绩效自评模板。填写以下信息后插入模板，再在“基本情况表”中录入数据。',
  schemeLabel: '评分方案',
  schemesLoading: '正在读取可用的评分方案…',
  schemeUnusable: '方案文件有误，不能使用',
  schemeFromFile: '方案文件',
  schemeRefused: (title: string, file: string, problem: string) => `“${title}”${file ? `（${file}）` : ''}不能使用：${problem}`,
  projectsLabel: '项目数',
  projectsHint: '每个项目一张自评表，插入后还可用“添加项目”增加',
  projectsFormat: '请输入项目个数，如 3',
  projectsRange: (max: number) => `项目数应在 1 至 ${max} 之间`,
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
  insertedForms: '模板已插入，请在自评表中填写数据和绩效指标，得分会自动计算。',
  renamed: (wanted: string, used: string) => `已有同名工作表“${wanted}”，新表命名为“${used}”。`,

  // 评分结果
  resultHeading: '评分结果',
  totalLabel: '总分',
  gradeLabel: '等级',
  gradePending: '未完成',
  notComputed: '尚未计算，请点击“同步”。',
  computing: '正在计算…',
  syncButton: '同步',
  syncing: '正在同步…',
  autoRecomputed: '输入已修改，已自动重新计算',
  filledLabel: '填写进度',
  filled: (n: number, of: number) => `已填 ${n}/${of} 项`,
  filledShort: (n: number, of: number) => `已填 ${n}/${of}`,
  noProblems: '没有需要更正或核对的问题。',
  jump: {
    error: (n: number) => `${n} 处需更正`,
    warning: (n: number) => `${n} 条需核对`,
    info: (n: number) => `${n} 条提示`,
    blank: (n: number) => `计分还需填 ${n} 项`,
  } as Record<FindingGroup, (n: number) => string>,
  indicatorsHeading: '指标得分',
  formsLabel: '工作簿中的自评表',
  executionLevel: '预算执行率',
  noLevel1: '未填写一级指标',
  targetActual: (target: string, actual: string) => `年度指标值：${target || '—'}；实际完成值：${actual || '—'}`,
  addProject: '添加项目',
  addingProject: '正在添加项目…',
  projectAdded: (sheet: string) => `已添加项目表“${sheet}”，并已列入项目自评汇总。`,
  expandAll: '展开全部计算过程',
  collapseAll: '收起全部计算过程',
  subtotal: '小计',
  scoreOf: (score: string, weight: string) => `${score} / ${weight}`,
  noScore: '—',

  // 报送版
  exportButton: '导出报送版',
  exportExplain: '报送版是交给财政部门的正式文件：只保留数值，全部单元格锁定。',
  exporting: '正在导出…',
  exported: (name: string) => `已导出报送版“${name}”。`,
  exportedIncomplete: (name: string) => `已导出“${name}”，文件中已注明“尚未完成”。`,
  incompleteNote: '文件中已注明“尚未完成”，不能作为正式报送材料。',
  exportDownloadLink: (name: string) => `下载“${name}”`,
  dismiss: '关闭',
  blockedTitle: '以下问题尚未解决',
  blockedIntro: (wrong: number, blank: number) =>
    `${[wrong ? `有 ${wrong} 处需要更正` : '', blank ? `${wrong ? '，' : '有 '}${blank} 项尚未填写` : ''].join('')}。现在导出，报送版将注明“尚未完成”，不能作为正式报送材料。建议先填好后再导出。`,
  exportAnyway: '仍然导出',
  backToForm: '返回修改',

  // 问题与提示
  findingsHeading: '问题与提示',
  noFindings: '没有发现问题。',
  findingGoTo: (cell: string) => `定位到 ${cell}`,
  findingGroups: { error: '需要更正', warning: '请核对', info: '提示', blank: '尚未填写' } as Record<FindingGroup, string>,
  findingBadge: { error: '错误', warning: '警告', info: '提示', blank: '未填' } as Record<FindingGroup, string>,
  blankIntro: '这些栏目还没有填写，不是错误；导出报送版前需要填好。',

  autoOpen: '打开工作簿时自动打开此窗格',

  // Office 没有响应（Office.onReady 一直不返回）
  officeWait: {
    title: '加载项没有收到 Excel 的响应',
    intro: '已等待 10 秒，Excel 仍未就绪。请检查：',
    checks: [
      '是否在 Excel 中通过“开始”→“加载项”（或“插入”→“我的加载项”）打开本窗格；本页被嵌入其他网页时无法连接 Excel，请直接在浏览器中打开。',
      '加载项清单（manifest.xml）中的地址是否就是本页现在的地址；共享文件夹目录或管理中心部署的清单是否为最新版本。',
      '本机能否打开与本页同一地址下的 assets/office-js/office.js（网络、代理或证书问题会使其无法加载）。',
      '关闭任务窗格后重新打开；仍不行时，保存工作簿并重新启动 Excel。',
    ],
    still: '本窗格会继续等待，Excel 一旦响应即自动打开。',
    standalone: '不连接 Excel，改用浏览器单机模式',
  },

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
    autoOpen: '无法更改自动打开设置',
    addProject: '添加项目失败',
  },
  unexpected: '发生了意外错误，请重试；如仍失败，请关闭并重新打开任务窗格。',
  chunkLoad: '无法加载所需的组件，可能是网络已断开。请联网后重试；联网打开过一次工作簿后，本页离线也能打开和导出。',
} as const;

export const SEVERITY_LABEL: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};
