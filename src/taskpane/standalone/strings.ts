/** Every text of the standalone page (the pane in a plain browser), beside the pane's own strings.ts. */
export const T = {
  tagline: '在本机填写和评分，文件不会上传到任何地方',
  reviewLink: '财政部门审核：一次审核收到的全部文件 →',

  // 开始
  startHeading: '打开或新建',
  startIntro: '打开已有的绩效自评工作簿（.xlsx），或新建一份空白模板，在下面的表单中填写，得分随时计算。',
  openButton: '打开文件…',
  openAnother: '打开其他文件…',
  dropHint: '也可以把 .xlsx 文件拖到这里',
  dropNow: '松开鼠标即可打开',
  newHeading: '新建模板',
  newIntro: '填写单位名称、年度和金额单位，生成空白的基本情况表、评分表和满意度调查表。',
  newButton: '新建模板',
  noTemplate: (name: string) => `“${name}”中没有找到绩效自评模板。可以在其中插入模板（原有工作表保留不变），或打开其他文件。`,
  insertIntoHeading: '在此文件中插入模板',
  insertIntoButton: '插入模板',
  opening: '正在打开…',
  restoring: '正在恢复上次的填写内容…',

  // 编辑
  fileLabel: '当前文件',
  newFile: '新建的模板（尚未下载）',
  downloadButton: '下载工作簿',
  clearButton: '清除',
  working: '正在处理…',
  toolbarLabel: '工作簿',
  exportExplain: '导出报送版：交财政部门的正式文件，只保留数值，全部单元格锁定。',
  downloadExplain: '下载工作簿：保存填写和评分后的工作簿，可在 Excel、WPS 中继续修改，或以后在本页再打开。',
  skipToResults: '跳到评分结果',
  summaryLabel: '评分摘要',
  goToField: '转到此栏',

  // 提示
  opened: (name: string) => `已打开“${name}”。`,
  created: '已新建模板，请在下面的表单中填写。',
  restored: (when: string, name: string | null) =>
    `已恢复上次未下载的填写内容${name ? `（${name}）` : ''}，保存于 ${when}。下载工作簿或点击“清除”后，本机不再保存。`,
  downloaded: (name: string) => `已下载“${name}”。本机保存的草稿已删除；继续填写会重新保存。`,
  cleared: '已清除。本机不再保存任何填写内容。',
  notKept: '浏览器不允许本页保存数据（存储已满或被禁用），刷新页面会丢失尚未下载的内容，请及时下载。',
  offline: '当前处于离线状态，本页仍可正常使用。',
  updateReady: '本页已有新版本，刷新后生效。',
  reload: '刷新',

  // 确认
  confirmReplaceTitle: '替换当前工作簿？',
  confirmReplace: (name: string) => `打开“${name}”会替换当前工作簿，尚未下载的修改将丢失。`,
  confirmClearTitle: '清除当前工作簿？',
  confirmClear: '当前工作簿和本机保存的填写内容都将被删除。如需保留，请先下载工作簿。',
  confirmClearButton: '清除',
  confirmOpenButton: '打开',
  cancel: '取消',

  // 报送版：见 ../strings.ts（两个任务窗格共用）

  // 表单
  formHeading: '填写表单',
  formIntro: '带 * 的栏目是计算得分必需的，其余栏目也请如实填写。金额按所选金额单位填写；可以输入“17人”“436.01万元”等，系统会自动识别。',
  rangeHint: (range: string) => `可填 ${range}`,
  choose: '请选择',
  yes: '是',
  no: '否',
  surveyHeading: '满意度调查',
  surveyMode: '录入方式',
  surveyGrid: '逐份录入问卷',
  surveyTally: '直接填写汇总数',
  surveyGridNote: (n: number) => `已录入 ${n} 份问卷。有逐份答卷时，按答卷计分，汇总数不使用。`,
  surveyTallyNote: '已在别处汇总问卷时使用：填写问卷总得分和有效问卷份数。',
  surveyRow: (r: number) => `第${r}份`,
  surveyQuestion: (q: number) => `第${q}题`,
  surveyQuestions: (n: number) => `查看问卷题目（共 ${n} 题）`,
  surveyLegend: (codes: string) => `快速录入：每份问卷按题目顺序输入答案代码（${codes}），“-”或空格表示该题未答；按 Enter 到下一份。也可以点“逐题”用下拉框选择。`,
  surveyBadCode: (ch: string, codes: string) => `“${ch}”不是答案代码，可用：${codes}，“-”表示未答`,
  surveyOpenRow: '逐题',
  surveyCloseRow: '收起',
  surveyLeft: (n: number) => `还差 ${n} 题`,
  surveyPoints: (n: number) => `${n} 分`,
  surveyWrong: '有误',
  surveyBlank: '—',
  surveyCaption: (rows: number, questions: number) => `每行一份问卷，共 ${questions} 题；最多 ${rows} 份。填写最后一行后会自动增加一行。`,
} as const;
