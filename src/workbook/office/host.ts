/// <reference types="office-js" />
import { say } from './messages';

/**
 * What this Excel can do, by requirement set, and what to tell the officer when it cannot.
 * @microsoft/office-js-helpers is not used: these few checks do not justify its size and its dialog/auth helpers.
 */

export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

export interface Capabilities {
  /**
   * Reading and writing through defined names with null objects (1.4), delayForCellEdit (1.5), the workbook's
   * structure protection, NamedItem.formula and worksheet.onChanged (1.7): everything a recompute calls.
   * The manifest asks for the same, so Excel 2016 volume licence (ExcelApi 1.1) does not install the add-in.
   */
  recompute: boolean;
  /** worksheet.onChanged with event.source: recompute as the officer types */
  live: boolean;
  /** worksheets.onChanged (1.9): one change handler for the whole workbook */
  workbookEvents: boolean;
  /** dataValidation (1.8) and pageLayout / print titles (1.9): inserting the templates */
  insert: boolean;
  /** event.triggerSource (1.14): telling our own writes from the officer's */
  triggerSource: boolean;
}

/** ExcelApi versions; `recompute` is the manifest's <Requirements> minimum. */
export const REQUIRED = { recompute: '1.7', live: '1.7', workbookEvents: '1.9', insert: '1.9', triggerSource: '1.14' } as const;

function officeRequirements(): Requirements | null {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return office?.context?.requirements ?? null;
}

export function capabilities(req: Requirements | null = officeRequirements()): Capabilities {
  const has = (v: string) => !!req && safe(() => req.isSetSupported('ExcelApi', v)) === true;
  return {
    recompute: has(REQUIRED.recompute),
    live: has(REQUIRED.live),
    workbookEvents: has(REQUIRED.workbookEvents),
    insert: has(REQUIRED.insert),
    triggerSource: has(REQUIRED.triggerSource),
  };
}

export type Feature = 'recompute' | 'live' | 'insert';

/** A Chinese message for the officer when the feature is not available here, else null. */
export function requirementMessage(feature: Feature, cap: Capabilities = capabilities()): string | null {
  if (!cap.recompute) {
    return `当前 Excel 版本过旧（不支持 ExcelApi ${REQUIRED.recompute}），无法使用本加载项。请使用 Microsoft 365、Excel 2019 或更新版本，或在浏览器中打开网页版 Excel。`;
  }
  if (feature === 'live' && !cap.live) {
    return `当前 Excel 不支持自动监听单元格修改（ExcelApi ${REQUIRED.live}）。修改输入后请点击“同步”重新计算。`;
  }
  if (feature === 'insert' && !cap.insert) {
    return `当前 Excel 不支持插入模板所需的数据验证和页面设置（ExcelApi ${REQUIRED.insert}，批量许可版 Excel 2019 不具备）。请在 Microsoft 365、Excel 2021 或网页版 Excel 中插入模板，或用命令行生成空白模板后打开；评分和同步仍可在此使用。`;
  }
  return null;
}

/** Null when running inside Excel; otherwise why the pane cannot reach a workbook. */
export function hostProblem(): string | null {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.context) return '未在 Office 中运行：请在 Excel 中打开本加载项，或在浏览器中打开 .xlsx 文件。';
  const host = safe(() => office.context.host) ?? safe(() => office.context.diagnostics?.host);
  if (host && String(host) !== 'Excel') return `本加载项仅适用于 Excel（当前为 ${String(host)}）。`;
  if (typeof (globalThis as { Excel?: unknown }).Excel === 'undefined') return 'Excel 接口尚未加载，请稍后重试或重新打开任务窗格。';
  return null;
}

const PLATFORM_NAMES: Record<string, string> = {
  PC: 'Windows 版',
  Mac: 'Mac 版',
  OfficeOnline: '网页版',
  iOS: 'iPad 版',
  Android: 'Android 版',
  Universal: '通用版',
};

/** e.g. "Excel 网页版 16.0.17328.20000" for the pane's about line and error reports. */
export function describeHost(): string {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const d = safe(() => office?.context?.diagnostics);
  if (!d) return 'Excel';
  const platform = PLATFORM_NAMES[String(d.platform)] ?? String(d.platform ?? '');
  return ['Excel', platform, d.version].filter(Boolean).join(' ');
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The document setting that reopens the pane with the workbook (the manifest's TaskpaneId names it). */
export const AUTO_OPEN_SETTING = 'Office.AutoShowTaskpaneWithDocument';

type Settings = Pick<Office.Settings, 'get' | 'set' | 'saveAsync'>;

function documentSettings(): Settings | null {
  return safe(() => (globalThis as { Office?: typeof Office }).Office?.context?.document?.settings) ?? null;
}

/** Sets the document setting and saves the settings into the document; false when Office refused. */
function saveSetting(settings: Settings, on: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      settings.set(AUTO_OPEN_SETTING, on);
      settings.saveAsync((result) => resolve(!result || String(result.status) !== 'failed'));
    } catch {
      resolve(false);
    }
  });
}

/**
 * Asks Office to reopen the pane with this workbook (Office.AutoShowTaskpaneWithDocument): the setting is
 * saved in the document, so a workbook holding our templates opens with the pane. A no-op outside Office; a
 * failure to save only costs the auto-open.
 */
export async function markAutoShow(): Promise<void> {
  const settings = documentSettings();
  if (settings) await saveSetting(settings, true);
}

/** Whether this workbook opens the pane by itself. */
export function autoOpenSetting(): boolean {
  const settings = documentSettings();
  return !!settings && safe(() => settings.get(AUTO_OPEN_SETTING)) === true;
}

/**
 * Turns the pane's auto-open on or off for this workbook — Microsoft asks add-ins that open themselves to let
 * users turn it off. Takes effect when the workbook is next opened (after it is saved).
 */
export async function setAutoOpenSetting(on: boolean): Promise<void> {
  const settings = documentSettings();
  if (!settings || !(await saveSetting(settings, on))) throw say.autoOpenNotSaved();
}
