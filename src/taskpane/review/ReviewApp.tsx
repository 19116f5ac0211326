/**
 * 审核: the finance bureau chooses a folder (or drops many files), every file is reviewed in Web Workers with a
 * progress bar, and the forms are listed in a table sortable and filterable by 结论, 等级, 表种 and 单位. A row
 * opens that form: its findings, and — for a workbook of ours — its indicators and texts in the officer's own
 * panel. A chart shows the grades; 导出审核汇总 writes the same workbook as `jixiao check -o`. Nothing leaves the
 * machine, nothing is written into the files.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Field,
  FluentProvider,
  Input,
  makeStyles,
  mergeClasses,
  ProgressBar,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Evaluation, Scheme } from '../../engine';
import type { BatchReview, FileResult, ReviewIssue } from '../../review';
import { reviewSchemes } from '../../review/review';
import { SEVERITY_TEXT } from '../../review/words';
import { readBlob, saveBytes } from '../../workbook/browser/download';
import { FormsFile } from '../../workbook/forms';
import { ScorePanel } from '../ScorePanel';
import { defaultThemeKind, fluentTheme, type ThemeKind } from '../theme';
import { chosenOf, droppedFiles } from './files';
import { choices, gradeCounts, rowsOf, viewRows, type ReviewRow, type RowFilter, type SortKey } from './rows';
import { runReview, type ChosenFile, type RunOptions } from './runner';
import { R } from './strings';

const useStyles = makeStyles({
  root: { minHeight: '100vh', boxSizing: 'border-box', backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalXL, maxWidth: '1400px', margin: '0 auto' },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  flush: { margin: 0 },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
  zone: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  dragging: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hidden: { position: 'absolute', width: '1px', height: '1px', margin: '-1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', border: 0, padding: 0 },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  layout: { display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(280px, 2fr)', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  single: { gridTemplateColumns: 'minmax(0, 1fr)' },
  tableWrap: { overflowX: 'auto' },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', padding: '6px 8px', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, whiteSpace: 'nowrap' },
  td: { padding: '6px 8px', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, verticalAlign: 'top' },
  row: { cursor: 'pointer', ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover } },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  fix: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  verify: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  pass: { color: tokens.colorPaletteGreenForeground1 },
  chart: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, maxWidth: '480px' },
  bar: { display: 'grid', gridTemplateColumns: '4em 1fr 3em', alignItems: 'center', gap: tokens.spacingHorizontalS },
  barFill: { height: '14px', backgroundColor: tokens.colorBrandBackground, borderRadius: tokens.borderRadiusSmall },
  detail: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  issue: { margin: 0, paddingLeft: '1.2em' },
});

export interface ReviewAppProps {
  theme?: ThemeKind;
  /** for tests: the runner's options (a worker that is not a Web Worker, a short time limit) */
  run?: Omit<RunOptions, 'onProgress' | 'year'>;
}

interface Opened {
  row: ReviewRow;
  scheme: Scheme | null;
  evaluation: Evaluation | null;
}

/** The form of a row rescored here for the panel: the file read again, the form found by its sheet. */
async function openForm(file: ChosenFile, result: FileResult, row: ReviewRow): Promise<Omit<Opened, 'row'>> {
  if (row.form < 0 || result.review.kind === 'handmade') return { scheme: null, evaluation: null };
  try {
    const book = FormsFile.open(await readBlob(file.file));
    const scheme = book.detect(reviewSchemes());
    if (!scheme) return { scheme: null, evaluation: null };
    const sheet = result.keys[row.form]?.sheet ?? null;
    const form = book.score(scheme).find((f) => f.sheet === sheet);
    return { scheme, evaluation: form?.evaluation ?? null };
  } catch {
    return { scheme: null, evaluation: null };
  }
}

export function ReviewApp({ theme = defaultThemeKind(), run }: ReviewAppProps) {
  const styles = useStyles();
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [results, setResults] = useState<FileResult[]>([]);
  const [batch, setBatch] = useState<BatchReview | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [filter, setFilter] = useState<RowFilter>({});
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'verdict', descending: false });
  const [year, setYear] = useState('');
  const [opened, setOpened] = useState<Opened | null>(null);
  const [dragging, setDragging] = useState(false);
  const [exporting, setExporting] = useState(false);
  const folderInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const busy = progress !== null && progress.done < progress.total;

  const start = useCallback(
    async (chosen: ChosenFile[]) => {
      if (!chosen.length || busy) return;
      setFiles(chosen);
      setResults([]);
      setBatch(null);
      setOpened(null);
      setProgress({ done: 0, total: chosen.length });
      const y = /^\d{4}$/.test(year.trim()) ? Number(year.trim()) : undefined;
      const out = await runReview(chosen, { ...run, year: y, onProgress: (done, total) => setProgress({ done, total }) });
      setResults(out.results);
      setBatch(out.batch);
    },
    [busy, year, run],
  );

  // files and folders dropped anywhere on the page
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer) return;
      e.preventDefault();
      setDragging(false);
      void droppedFiles(e.dataTransfer).then(start);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [start]);

  const rows = useMemo(() => (batch ? rowsOf(batch.files) : []), [batch]);
  const shown = useMemo(() => viewRows(rows, filter, sort), [rows, filter, sort]);
  const grades = useMemo(() => gradeCounts(rows), [rows]);
  const most = Math.max(1, ...grades.map((g) => g.count));

  const open = async (row: ReviewRow) => {
    setOpened({ row, scheme: null, evaluation: null });
    const more = await openForm(files[row.file], results[row.file], row);
    setOpened((now) => (now?.row.key === row.key ? { row, ...more } : now));
  };

  const exportSummary = async () => {
    if (!batch) return;
    setExporting(true);
    try {
      const { summaryWorkbook } = await import(/* webpackChunkName: "review-summary" */ '../../review/summaryWorkbook');
      saveBytes(await summaryWorkbook(batch), R.exportName);
    } finally {
      setExporting(false);
    }
  };

  const header = (key: SortKey, label: string) => (
    <th className={styles.th} aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <Button size="small" appearance="transparent" data-testid={`review-sort-${key}`} aria-label={R.sortBy(label)} onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }))}>
        {label}
        {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </Button>
    </th>
  );

  const filterSelect = (what: keyof RowFilter, label: string, values: string[]) => (
    <Field label={label}>
      <Select data-testid={`review-filter-${what}`} value={filter[what] ?? ''} onChange={(_, d) => setFilter((f) => ({ ...f, [what]: d.value || undefined }))}>
        <option value="">{R.filterAll}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </Select>
    </Field>
  );

  const detailFile = opened && batch ? batch.files[opened.row.file] : null;
  const detailIssues: ReviewIssue[] = opened && detailFile ? (opened.row.form >= 0 ? detailFile.forms[opened.row.form].issues : []) : [];

  return (
    <FluentProvider theme={fluentTheme(theme)}>
      <div className={styles.root} data-testid="review-page">
        <div className={styles.page}>
          <header className={styles.header}>
            <Text as="h1" size={600} weight="semibold" className={styles.flush}>
              {R.title}
            </Text>
            <Text as="p" size={200} className={styles.muted}>
              {R.tagline}
            </Text>
            <Text as="p" size={200} className={styles.flush}>
              <a href="taskpane.html">{R.back}</a>
            </Text>
          </header>

          <section className={mergeClasses(styles.zone, dragging && styles.dragging)} data-testid="review-drop">
            <Button appearance="primary" disabledFocusable={busy} onClick={() => folderInput.current?.click()}>
              {R.chooseFolder}
            </Button>
            <input
              ref={folderInput}
              type="file"
              className={styles.hidden}
              data-testid="review-open"
              aria-label={R.chooseFolder}
              tabIndex={-1}
              multiple
              {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
              onChange={(e) => {
                const list = e.target.files ? chosenOf(e.target.files) : [];
                e.target.value = '';
                void start(list);
              }}
            />
            <Button disabledFocusable={busy} onClick={() => filesInput.current?.click()}>
              {R.chooseFiles}
            </Button>
            <input
              ref={filesInput}
              type="file"
              multiple
              accept=".xlsx,.xlsm,.docx,.docm,.xls,.et,.ods,.doc,.wps"
              className={styles.hidden}
              data-testid="review-open-files"
              aria-label={R.chooseFiles}
              tabIndex={-1}
              onChange={(e) => {
                const list = e.target.files ? chosenOf(e.target.files) : [];
                e.target.value = '';
                void start(list);
              }}
            />
            <Field label={R.yearLabel}>
              <Input value={year} onChange={(_, d) => setYear(d.value)} inputMode="numeric" maxLength={4} style={{ width: '8em' }} data-testid="review-year" />
            </Field>
            <Text size={200} className={styles.muted}>
              {dragging ? R.dropNow : R.dropHint}
            </Text>
          </section>

          {progress && (
            <section aria-live="polite">
              <Field validationMessage={busy ? R.reviewing(progress.done, progress.total) : batch ? `${R.reviewed(batch.summary.files, batch.summary.forms)}：${R.summary(batch.summary)}` : ''} validationState="none">
                <ProgressBar data-testid="review-progress" value={progress.total ? progress.done / progress.total : 0} max={1} data-done={progress.done} data-total={progress.total} />
              </Field>
            </section>
          )}

          {batch && (
            <>
              <div className={styles.filters}>
                {filterSelect('verdict', '结论', choices(rows, (r) => r.verdict))}
                {filterSelect('grade', '等级', choices(rows, (r) => r.grade))}
                {filterSelect('kind', '表种', choices(rows, (r) => r.kind))}
                <Field label="单位">
                  <Input data-testid="review-filter-unit" placeholder={R.filterUnit} value={filter.unit ?? ''} onChange={(_, d) => setFilter((f) => ({ ...f, unit: d.value || undefined }))} />
                </Field>
                <Button appearance="primary" data-testid="review-export" disabledFocusable={exporting} onClick={() => void exportSummary()}>
                  {R.exportButton}
                </Button>
              </div>

              <section aria-labelledby="grade-chart">
                <Text as="h2" id="grade-chart" size={400} weight="semibold">
                  {R.chartTitle}
                </Text>
                <div className={styles.chart} data-testid="review-chart" role="list">
                  {grades.map((g) => (
                    <div key={g.grade ?? '-'} className={styles.bar} role="listitem" data-grade={g.grade ?? ''} data-count={g.count}>
                      <Text>{g.grade ?? R.noGrade}</Text>
                      <div className={styles.barFill} style={{ width: `${(100 * g.count) / most}%` }} aria-hidden />
                      <Text>{g.count}</Text>
                    </div>
                  ))}
                </div>
              </section>

              <div className={mergeClasses(styles.layout, !opened && styles.single)}>
                <div className={styles.tableWrap}>
                  <table className={styles.table} data-testid="review-table">
                    <thead>
                      <tr>
                        {header('verdict', R.columns.verdict)}
                        {header('grade', R.columns.grade)}
                        {header('kind', R.columns.kind)}
                        {header('unit', R.columns.unit)}
                        <th className={styles.th}>{R.columns.project}</th>
                        <th className={styles.th}>{R.columns.year}</th>
                        {header('total', R.columns.total)}
                        <th className={styles.th}>{R.columns.shown}</th>
                        <th className={styles.th}>{R.columns.issues}</th>
                        {header('file', R.columns.file)}
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((r) => (
                        <tr
                          key={r.key}
                          className={mergeClasses(styles.row, opened?.row.key === r.key && styles.selected)}
                          data-testid="review-row"
                          data-file={r.fileName}
                          tabIndex={0}
                          aria-selected={opened?.row.key === r.key}
                          onClick={() => void open(r)}
                          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), void open(r))}
                        >
                          <td className={mergeClasses(styles.td, r.verdictCode === 'fix' || r.verdictCode === 'unreadable' ? styles.fix : r.verdictCode === 'pass' ? styles.pass : styles.verify)} data-testid="review-verdict" data-verdict={r.verdictCode}>
                            {r.verdict}
                          </td>
                          <td className={styles.td}>{r.grade ?? ''}</td>
                          <td className={styles.td}>{r.kind}</td>
                          <td className={styles.td}>{r.unit ?? ''}</td>
                          <td className={styles.td}>{r.project ?? ''}</td>
                          <td className={styles.td}>{r.year ?? ''}</td>
                          <td className={styles.td}>{r.total ?? ''}</td>
                          <td className={styles.td}>{r.shown ?? ''}</td>
                          <td className={styles.td}>{r.issues || ''}</td>
                          <td className={styles.td}>{r.fileName}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {!shown.length && <Text className={styles.muted}>{R.emptyTable}</Text>}
                </div>

                {opened && detailFile && (
                  <aside className={styles.detail} data-testid="review-detail" aria-labelledby="review-detail-title">
                    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                      <Text as="h2" id="review-detail-title" size={400} weight="semibold" className={styles.flush}>
                        {R.detailTitle}：{opened.row.unit ?? opened.row.fileName}
                        {opened.row.project ? ` · ${opened.row.project}` : ''}
                      </Text>
                      <Button size="small" appearance="subtle" onClick={() => setOpened(null)}>
                        {R.closeDetail}
                      </Button>
                    </div>
                    <Text size={200} className={styles.muted}>
                      {opened.row.fileName}
                    </Text>
                    {opened.row.form < 0 ? (
                      <Text data-testid="review-file-problem">{R.fileProblem(detailFile.reason ?? '')}</Text>
                    ) : (
                      <section aria-label={R.issuesTitle}>
                        <Text as="h3" size={300} weight="semibold">
                          {R.issuesTitle}
                        </Text>
                        {detailIssues.length ? (
                          <ul className={styles.issue} data-testid="review-issues">
                            {detailIssues.map((i, k) => (
                              <li key={k} data-code={i.code}>
                                <Text size={200}>
                                  【{SEVERITY_TEXT[i.severity]}】{i.message}
                                  {i.cells.length ? `（${i.cells.join('，')}）` : ''}
                                </Text>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <Text size={200}>{R.noIssues}</Text>
                        )}
                      </section>
                    )}
                    {detailFile.kind === 'handmade' && <Text size={200} className={styles.muted}>{R.scoreUnavailable}</Text>}
                    {opened.scheme && <ScorePanel scheme={opened.scheme} evaluation={opened.evaluation} busy={false} onSelect={() => undefined} stickySummary="wide" />}
                  </aside>
                )}
              </div>
            </>
          )}
        </div>
      </div>
    </FluentProvider>
  );
}
