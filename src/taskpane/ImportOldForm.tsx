/**
 * 导入旧表: the officer picks a form typed by hand (an .xlsx, or a Word report with the form in it), and gets a
 * workbook of its scheme filled with what the form states; what it does not state is listed. Props-driven, so
 * both panes mount it: the standalone page opens the bytes as its workbook, the Office pane opens them in a new
 * Excel window. The import and exceljs load only on the first use.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Checkbox, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import type { ImportReport, ImportWorkbookOptions } from '../import/workbook';
import { readBlob } from '../workbook/browser/download';
import { openImportedWorkbook } from '../workbook/office/createWorkbook';
import type { OpenedCopy } from '../workbook/office/export';
import { Bar } from './Bar';

export type Importer = (bytes: Uint8Array, fileName: string, options: ImportWorkbookOptions) => Promise<{ bytes: Uint8Array; report: ImportReport }>;

export interface ImportOldFormProps {
  /** takes the workbook made: opens it (page) or opens it in a new window (Excel); a thrown error is shown */
  onImported(bytes: Uint8Array, fileName: string, report: ImportReport): void | Promise<void>;
  disabled?: boolean;
  /** default: importWorkbook, loaded with import() */
  importer?: Importer;
}

/** What the file input takes: the formats read in the browser (others need LibreOffice, on the command line). */
export const IMPORT_ACCEPT = '.xlsx,.xlsm,.docx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const T = {
  heading: '导入旧表',
  intro: '把以前手工填写的自评表（Excel .xlsx，或含表格的 Word .docx）转成本工具的工作簿：表中写明的内容自动填入，没有写明的逐项列出。',
  nextYear: '作为下一年度的表（保留指标、指标值和分值，清空完成值、得分、偏差原因和资金，年度加一）',
  button: '选择旧表…',
  working: '正在导入…',
  done: (name: string) => `已导入：${name}`,
  failed: '无法导入',
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  flush: { margin: 0 },
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
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '16em', overflowY: 'auto', fontSize: tokens.fontSizeBase200 },
});

const defaultImporter: Importer = async (bytes, fileName, options) => (await import(/* webpackChunkName: "import" */ '../import/workbook')).importWorkbook(bytes, fileName, options);

/** The workbook's name: the old file's, marked as imported (or as next year's form). */
export function importedFileName(fileName: string, report: ImportReport): string {
  const base = fileName.replace(/\.[^.\\/]+$/, '') || '旧表';
  const year = report.nextYear ? report.forms[0]?.year : null;
  return `${base}${year ? `（${year}年度）` : '（导入）'}.xlsx`;
}

type State = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; name: string; lines: string[] } | { kind: 'failed'; message: string };

export function ImportOldForm({ onImported, disabled, importer = defaultImporter }: ImportOldFormProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [nextYear, setNextYear] = useState(false);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const working = state.kind === 'working';

  const run = async (file: File) => {
    setState({ kind: 'working' });
    try {
      const bytes = await readBlob(file);
      const made = await importer(bytes, file.name, { nextYear });
      const name = importedFileName(file.name, made.report);
      await onImported(made.bytes, name, made.report);
      const { importLines } = await import(/* webpackChunkName: "import" */ '../import/workbook/lines');
      setState({ kind: 'done', name, lines: importLines(made.report).slice(1).filter((l) => l !== '') });
    } catch (err) {
      setState({ kind: 'failed', message: messageOf(err) });
    }
  };

  return (
    <section className={styles.root} data-testid="import-old-form" aria-labelledby="import-old-heading">
      <Text as="h2" id="import-old-heading" size={400} weight="semibold" className={styles.flush}>
        {T.heading}
      </Text>
      <Text as="p" className={styles.flush}>
        {T.intro}
      </Text>
      <Checkbox label={T.nextYear} checked={nextYear} disabled={working || disabled} onChange={(_, d) => setNextYear(d.checked === true)} data-testid="import-next-year" />
      <Button disabledFocusable={working || disabled} onClick={() => input.current?.click()} data-testid="import-button">
        {working ? T.working : T.button}
      </Button>
      <input
        ref={input}
        type="file"
        accept={IMPORT_ACCEPT}
        className={styles.hidden}
        data-testid="import-file"
        aria-label={T.button}
        tabIndex={-1}
        disabled={working || disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void run(file);
        }}
      />
      {working && <Spinner size="tiny" label={T.working} />}
      {state.kind === 'done' && (
        <Bar intent="success" title={T.done(state.name)} data-testid="import-done">
          <ul className={styles.lines} data-testid="import-lines">
            {state.lines.map((line, k) => (
              <li key={k}>{line.trim()}</li>
            ))}
          </ul>
        </Bar>
      )}
      {state.kind === 'failed' && (
        <Bar intent="error" title={T.failed} politeness="assertive" data-testid="import-failed">
          {state.message}
        </Bar>
      )}
    </section>
  );
}

/** The import's own errors are one Chinese line already (a damaged file: 无法读取 and why); so are the panes'. */
function messageOf(err: unknown): string {
  const e = err as Error;
  if (e?.name === 'ImportError') return e.message;
  if (e?.name === 'PackageError') return `无法读取：${e.message}`;
  return `导入时出错：${e?.message ?? String(err)}`;
}

/**
 * 导入旧表 in Excel: the workbook made opens in a new Excel window (Excel.createWorkbook); where Excel cannot, it
 * is offered as a download. The message says which, and under what name to save it.
 */
export function ExcelImportOldForm({ disabled, importer, open = openInExcel }: Omit<ImportOldFormProps, 'onImported'> & { open?: typeof openInExcel }) {
  const [opened, setOpened] = useState<OpenedCopy | null>(null);
  useEffect(() => () => (opened?.kind === 'download' ? opened.link.revoke() : undefined), [opened]);
  return (
    <>
      <ImportOldForm
        disabled={disabled}
        importer={importer}
        onImported={async (bytes, name) => {
          setOpened(null);
          setOpened(await open(bytes, name));
        }}
      />
      {opened && (
        <Bar intent={opened.kind === 'workbook' ? 'success' : 'warning'} data-testid="import-opened">
          {opened.message}
          {opened.kind === 'download' && (
            <>
              {' '}
              <a href={opened.link.href} download={opened.link.fileName} data-testid="import-download">
                {opened.link.fileName}
              </a>
            </>
          )}
        </Bar>
      )}
    </>
  );
}

async function openInExcel(bytes: Uint8Array, fileName: string): Promise<OpenedCopy> {
  return openImportedWorkbook(bytes, fileName);
}
