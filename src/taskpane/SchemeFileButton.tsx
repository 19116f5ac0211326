/**
 * 评分方案: the schemes besides the shipped ones, and a button to open a scheme file the finance bureau sent. The
 * file is checked as `jixiao scheme check` does; a valid one is kept in the browser (it survives a reload) and offered
 * for new templates, an invalid one is shown with its reason and not kept. Files of the schemes folder that fail
 * the check are listed as such. Kept files can be removed.
 */
import { useRef, useState } from 'react';
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { strFromU8 } from 'fflate';
import { readBlob } from '../workbook/browser/download';
import { Bar } from './Bar';
import type { CatalogEntry, SchemeCatalog } from './schemeCatalog';

/** A scheme file is a few kilobytes; anything far larger is not one. */
const MAX_SCHEME_BYTES = 5 * 1024 * 1024;

export const SCHEME_TEXT = {
  heading: '评分方案',
  open: '打开评分方案文件…',
  hint: '财政部门下发的本地区评分方案（.json）：打开后保存在本浏览器中，新建模板时可选用。',
  kept: (e: CatalogEntry) => `已添加评分方案“${e.title}”（编号 ${e.id}，版本 ${e.version}）`,
  refused: (name: string, problem: string) => `“${name}”不能使用：${problem}`,
  tooLarge: (name: string) => `“${name}”过大，不是评分方案文件`,
  unreadable: (name: string) => `无法读取“${name}”`,
  notKept: (name: string) => `“${name}”检查通过，但无法保存在本浏览器中（浏览器存储不可用）`,
  remove: '移除',
  fromFolder: '评分方案文件夹',
  fromFile: '已打开的文件',
  invalid: '无效',
  folderProblem: (p: string) => `评分方案文件夹：${p}`,
} as const;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  hint: { color: tokens.colorNeutralForeground2 },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

type Notice = { intent: 'success' | 'error' | 'warning'; text: string } | null;

export interface SchemeFileButtonProps {
  catalog: SchemeCatalog;
  disabled?: boolean;
  /**
   * false: only the list of the folder's schemes, valid or not, and nothing at all when there are none (the Excel
   * pane, which opens no files); default true (the standalone page)
   */
  open?: boolean;
}

/** The list of non-shipped schemes (valid or not) and the 打开评分方案文件 button; the file input is data-testid `open-scheme`. */
export function SchemeFileButton({ catalog, disabled, open = true }: SchemeFileButtonProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const extra = catalog.entries.filter((e) => e.source !== 'shipped');

  const onFile = async (file: File) => {
    setNotice(null);
    if (file.size > MAX_SCHEME_BYTES) return setNotice({ intent: 'error', text: SCHEME_TEXT.tooLarge(file.name) });
    setBusy(true);
    try {
      let text: string;
      try {
        // as bytes, decoded as UTF-8 (not every browser the offices use has Blob.text)
        text = strFromU8(await readBlob(file));
      } catch {
        return setNotice({ intent: 'error', text: SCHEME_TEXT.unreadable(file.name) });
      }
      let entry: CatalogEntry;
      try {
        entry = await catalog.keep(file.name, text);
      } catch {
        return setNotice({ intent: 'warning', text: SCHEME_TEXT.notKept(file.name) });
      }
      setNotice(entry.scheme ? { intent: 'success', text: SCHEME_TEXT.kept(entry) } : { intent: 'error', text: SCHEME_TEXT.refused(file.name, entry.problem ?? '') });
    } finally {
      setBusy(false);
    }
  };

  if (!open && !extra.length && !catalog.folderProblem) return null;
  return (
    <section className={styles.root} aria-label={SCHEME_TEXT.heading} data-testid="scheme-files">
      <Text weight="semibold">{SCHEME_TEXT.heading}</Text>
      {catalog.folderProblem && <Bar intent="warning">{SCHEME_TEXT.folderProblem(catalog.folderProblem)}</Bar>}
      {extra.length > 0 && (
        <ul className={styles.list} data-testid="scheme-list">
          {extra.map((e, k) => (
            <li key={`${e.source}:${e.file ?? e.id}:${k}`} className={styles.item} data-testid={e.scheme ? 'scheme-valid' : 'scheme-invalid'}>
              <Text>
                {e.scheme ? `${e.title}（${e.id}，版本 ${e.version}）` : `${e.file ?? e.title}：${SCHEME_TEXT.invalid}`}
                <Text className={styles.hint}>{` · ${e.source === 'folder' ? SCHEME_TEXT.fromFolder : SCHEME_TEXT.fromFile}`}</Text>
              </Text>
              {!e.scheme && <Text className={styles.problem}>{e.problem}</Text>}
              {e.source === 'file' && e.key && (
                <Button size="small" appearance="subtle" disabled={disabled || busy} onClick={() => void catalog.forget(e.key!)} aria-label={`${SCHEME_TEXT.remove} ${e.title}`}>
                  {SCHEME_TEXT.remove}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <>
          <div>
            <Button disabledFocusable={disabled || busy} onClick={() => input.current?.click()}>
              {SCHEME_TEXT.open}
            </Button>
            <input
              ref={input}
              type="file"
              accept=".json,application/json"
              className={styles.hidden}
              data-testid="open-scheme"
              aria-label={SCHEME_TEXT.open}
              tabIndex={-1}
              disabled={disabled || busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                // cleared, so that choosing the same file again is a change too
                e.target.value = '';
                if (file) void onFile(file);
              }}
            />
          </div>
          <Text size={200} className={styles.hint}>
            {SCHEME_TEXT.hint}
          </Text>
        </>
      )}
      {notice && (
        <Bar intent={notice.intent} data-testid="scheme-notice">
          {notice.text}
        </Bar>
      )}
    </section>
  );
}
