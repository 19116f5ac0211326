/**
 * Every Chinese sentence the Office adapter gives the officer about a step that did not work, in one place:
 * the wording of Office.js error codes (never Office's own English message, which Microsoft says is not meant
 * for end users), the findings a recompute adds about its own steps, and the errors it throws, each with a
 * stable code. The task pane words errors with officeErrorText() and shows our messages as they are.
 */

/** Office.js error codes (OfficeExtension.ErrorCodes, Excel.ErrorCodes) worded for the officer. */
const OFFICE_ERROR_TEXT: Record<string, string> = {
  InvalidOperationInCellEditMode: '单元格正处于编辑状态，请按 Enter 或 Esc 结束编辑后再试。',
  ItemNotFound: '找不到所需的工作表或名称，可能已被删除或改名。',
  InvalidReference: '单元格引用无效，可能相关工作表已被删除或改名。',
  AccessDenied: '工作簿处于只读或受保护状态，无法写入。',
  ItemAlreadyExists: '已存在同名的工作表或名称。',
  GeneralException: 'Excel 暂时无法完成操作，请稍后重试。',
  RequestPayloadSizeLimitExceeded: '一次写入的数据过多，请重试。',
  Unauthenticated: '登录已失效，请重新登录后再试。',
  ApiNotFound: '当前 Excel 版本不支持所需的功能。',
  Conflict: '其他人正在同时修改此工作簿，请稍后重试。',
  EditModeCellEditConflict: '单元格正处于编辑状态，请结束编辑后再试。',
  ServiceNotAvailable: 'Excel 服务暂时不可用，请稍后重试。',
  Timeout: 'Excel 响应超时，请稍后重试。',
};

const CJK = /[\u3400-\u9fff]/;

/** The code of an Office.js error (e.g. "ItemNotFound"), or null. */
export function errorCode(e: unknown): string | null {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^\w{1,60}$/.test(code) ? code : null;
}

/** The Chinese wording of an Office.js error by its code, or null when the code is not one we word. */
export function officeErrorText(e: unknown): string | null {
  const code = errorCode(e);
  return code && Object.prototype.hasOwnProperty.call(OFFICE_ERROR_TEXT, code) ? OFFICE_ERROR_TEXT[code] : null;
}

/**
 * Why a step failed, for a message: the wording of its Office code, our own (Chinese) message, or — for
 * anything else — a neutral sentence with the code for IT. Never Office's English text, never a guess.
 */
export function reasonOf(e: unknown): string {
  const worded = officeErrorText(e);
  if (worded) return worded.replace(/。$/, '');
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  if (CJK.test(message)) return message.split('\n')[0].replace(/。$/, '');
  const code = errorCode(e);
  return `Excel 未说明原因${code ? `（错误代码 ${code}）` : ''}`;
}

/** What went wrong, as the code of an error the Office session throws. */
export type OfficeErrorCode =
  /** the workbook holds no template of ours */
  | 'no_template'
  /** this Excel lacks a requirement set the step needs */
  | 'unsupported'
  /** the officer stayed in a cell's edit mode longer than the session waits */
  | 'cell_edit'
  /** the workbook's structure is protected: no sheet can be added */
  | 'structure_protected'
  /** a template sheet could not be inserted */
  | 'insert_failed'
  /** the workbook already holds a template of another scheme */
  | 'other_template'
  /** sheets were inserted but some of our names are missing */
  | 'names_missing'
  /** Office did not save the auto-open setting */
  | 'setting_not_saved';

/** An error of the Office session: a code for the pane, a Chinese message for the officer. */
export class OfficeError extends Error {
  constructor(
    readonly code: OfficeErrorCode,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'OfficeError';
  }
}

const UNPROTECT_WORKBOOK = '请在“审阅”选项卡中点击“保护工作簿”撤销保护';

export const say = {
  noTemplate: () => new OfficeError('no_template', '工作簿中没有找到评分模板，请先插入模板'),
  cellEdit: (e: unknown) => new OfficeError('cell_edit', '单元格正处于编辑状态：请按 Enter 或 Esc 结束编辑，评分会随即更新。', e),
  structureProtected: () => new OfficeError('structure_protected', `工作簿结构受保护，无法添加工作表：${UNPROTECT_WORKBOOK}后重试。`),
  otherTemplate: () =>
    new OfficeError('other_template', '工作簿中已有隐藏的结果表 jixiao_out：它属于本工具插入的另一种评分方案的模板，或上次未完成的插入。一个工作簿只能使用一种评分方案：请在新的工作簿中插入此模板'),
  resultsFailed: (e: unknown) => new OfficeError('insert_failed', `无法添加保存评分结果的隐藏工作表：${reasonOf(e)}`, e),
  insertFailed: (sheet: string, e: unknown) => new OfficeError('insert_failed', `插入“${sheet}”失败：${reasonOf(e)}`, e),
  namesMissing: (missing: string[]) =>
    new OfficeError(
      'names_missing',
      `模板已插入，但缺少 ${missing.length} 个名称：${missing.slice(0, 8).join('、')}${missing.length > 8 ? '等' : ''}。请删除新插入的工作表后重试`,
    ),
  autoOpenNotSaved: () => new OfficeError('setting_not_saved', 'Excel 未能保存“随工作簿自动打开任务窗格”的设置，请稍后重试'),

  // findings a recompute adds about its own steps
  writeFailed: (written: number, wanted: number, e: unknown) =>
    `评分结果未能全部写入工作簿（已写入 ${written}/${wanted} 项）：${reasonOf(e)}。请点击“同步”重试`,
  formsWriteFailed: (e: unknown) => `评分结果未能全部写入工作簿：${reasonOf(e)}。请点击“同步”重试`,
  recordFailed: (e: unknown) => `同步记录未能保存：${reasonOf(e)}。评分结果不受影响；下次打开时可能无法说明离线修改了哪些输入`,
  recordBlocked: () =>
    `工作簿结构受保护，无法添加保存同步记录的隐藏工作表；评分不受影响。如需记录同步，${UNPROTECT_WORKBOOK}后点击“同步”`,
  listenFailed: (e: unknown) => `无法自动监听单元格的修改：${reasonOf(e)}。修改输入后请点击“同步”重新计算`,

  // a workbook of the earlier layout: outputs on protected sheets
  layoutPending: (sheets: string[]) =>
    `本工作簿由旧版加载项生成，评分结果写在受保护的“${sheets.join('、')}”上。为保留 Excel 的撤销记录，自动重新计算不改写这些单元格；点击“同步”即可升级工作簿（只需一次），此后评分随输入自动更新`,
  layoutUpgraded: (sheets: string[]) =>
    `已升级本工作簿：评分结果改存于隐藏的结果表，“${sheets.join('、')}”通过公式显示，此后重新计算不再需要撤销工作表保护，也不会清除撤销记录。升级时撤销并恢复了一次工作表保护，Excel 因此清除了此前的撤销记录`,
  layoutBlockedStructure: () => `本工作簿由旧版加载项生成，需要添加隐藏的结果表才能升级，但工作簿结构受保护：${UNPROTECT_WORKBOOK}后点击“同步”。在此之前，受保护工作表上的评分结果不会更新`,
  layoutBlockedSheet: (sheet: string) =>
    `无法撤销工作表“${sheet}”的保护（可能设有密码），该表上的评分结果未更新。请在“审阅”选项卡中点击“撤销工作表保护”（输入密码）后点击“同步”；升级完成后可再为该表设置保护`,
  layoutBlockedOther: (sheet: string, e: unknown) => `工作表“${sheet}”未能升级：${reasonOf(e)}。该表上的评分结果未更新，请点击“同步”重试`,
  resultsProtected: () =>
    '保存评分结果的隐藏工作表 jixiao_out 被设置了保护，评分结果未能写入。请在“审阅”选项卡中撤销该表的保护（它可能已被取消隐藏），然后点击“同步”',
  reprotectFailed: (sheet: string, e: unknown) => `工作表“${sheet}”的保护未能恢复：${reasonOf(e)}。请在“审阅”选项卡中点击“保护工作表”`,
};
