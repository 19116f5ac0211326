import type { Finding } from '../engine';

const DELETED = '已被删除或引用无效（请在“公式”→“名称管理器”中恢复，或重新插入模板）';

/**
 * The finding for an input or output whose defined name cannot be followed, worded alike by both adapters
 * so that a workbook reads the same in Excel and on the command line. An `info` is for the survey grid of
 * a workbook inserted without 满意度调查: the summary's two tally fields are used instead.
 */
export function missingName(name: string, label: string, severity: Finding['severity'] = 'error', why: string = DELETED): Finding {
  const message =
    severity === 'info'
      ? `工作簿中没有“${label}”（名称 ${name}），按基本情况表中填写的问卷总得分和份数计算`
      : `找不到“${label}”的单元格：名称 ${name} ${why}`;
  return { severity, code: 'missing_name', message, inputs: [name], cells: [] };
}
