/**
 * The task pane in a plain browser (no Office host): the officer opens a local .xlsx (file picker or drag and
 * drop) or makes a new template, fills a form generated from the scheme, sees the total, grade, indicators and
 * findings as in Excel, and downloads the filled and scored workbook or the 报送版. Everything happens on this
 * machine; what was typed survives a reload (FileSession keeps it in localStorage).
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type MouseEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  FluentProvider,
  makeStyles,
  mergeClasses,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { getScheme, type Finding, type Scheme } from '../../engine';
import type { FileSession } from '../../workbook/browser/fileSession';
import type { FormValue } from '../../workbook/browser/formValues';
import type { InsertOptions } from '../../workbook/session';
import { Bar } from '../Bar';
import { downloadDelivery } from '../deliver';
import { describeError, type FailedAction } from '../errors';
import { ExportButton, ExportDialog } from '../ExportDialog';
import { formMessage } from '../findings';
import type { ImportReport } from '../../import/workbook';
import { ImportOldForm } from '../ImportOldForm';
import { InsertTemplateView } from '../InsertTemplateView';
import { WIDE } from '../layout';
import { jumpToFindings, ScorePanel } from '../ScorePanel';
import { ScoreSummary } from '../ScoreSummary';
import { SchemeFileButton } from '../SchemeFileButton';
import { useSchemeCatalog } from '../schemeCatalog';
import { S } from '../strings';
import { defaultThemeKind, fluentTheme, type ThemeKind } from '../theme';
import { useDialogFocus } from '../useDialogFocus';
import { useScoring } from '../useScoring';
import { useSubmissionExport, type ExportNotice } from '../useSubmissionExport';
import { FormsEditor } from './FormsEditor';
import { InputForm } from './InputForm';
import { DropZone, OpenFile, useFileDrop } from './OpenFile';
import { T } from './strings';

/** A new version of the page waiting to take over (service worker), as registerServiceWorker reports it. */
export interface PageUpdates {
  subscribe(listener: () => void): () => void;
  ready(): boolean;
  apply(): void;
  /** keeps for offline use the scripts loaded only once a workbook is open (reading, exporting) */
  keepWorkbookScripts?(): void;
}

export interface StandaloneAppProps {
  session: FileSession;
  /** schemes offered for a new template; the shipped default when omitted */
  schemes?: Scheme[];
  theme?: ThemeKind;
  updates?: PageUpdates | null;
}

/** ids the page moves the keyboard to */
const OPEN_BUTTON = 'open-file-button';
const OPEN_ANOTHER = 'open-another';
const RESULTS = 'results';

const useStyles = makeStyles({
  // the page's own box, inside the provider: the provider's class also goes to the layer dialogs open in,
  // which must stay a see-through layer, not a second full-height page over the form
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: '100%',
    // clip, not hidden: hidden would make this box the scroll container and the sticky parts would not stick
    overflowX: 'clip',
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  skip: {
    position: 'absolute',
    left: tokens.spacingHorizontalS,
    top: tokens.spacingVerticalS,
    zIndex: 3,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    transform: 'translateY(-200%)',
    ':focus': { transform: 'none', outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  page: {
    boxSizing: 'border-box',
    maxWidth: '1440px',
    margin: '0 auto',
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    [WIDE]: {
      display: 'grid',
      gridTemplateColumns: 'minmax(0, 3fr) minmax(320px, 2fr)',
      alignItems: 'start',
      columnGap: tokens.spacingHorizontalXXL,
      padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    },
  },
  full: { [WIDE]: { gridColumn: '1 / -1' } },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  title: { margin: 0 },
  tagline: { margin: 0, color: tokens.colorNeutralForeground3 },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  file: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  fileName: { fontWeight: tokens.fontWeightSemibold, minWidth: 0 },
  explain: {
    margin: 0,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground2,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  strip: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    margin: `0 calc(-1 * ${tokens.spacingHorizontalM})`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    [WIDE]: { display: 'none' },
  },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  start: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalXL,
    [WIDE]: { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalXXL },
  },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  flush: { margin: 0 },
  panel: {
    minWidth: 0,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
    [WIDE]: {
      position: 'sticky',
      top: tokens.spacingVerticalM,
      maxHeight: `calc(100vh - ${tokens.spacingVerticalXXL})`,
      overflowY: 'auto',
      overscrollBehavior: 'contain',
      paddingRight: tokens.spacingHorizontalXS,
    },
  },
  notices: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

interface Notice {
  id: number;
  intent: 'success' | 'info' | 'warning';
  text: string;
}

type Busy = 'open' | 'download' | 'clear' | null;
type Confirm = { kind: 'replace'; file: File } | { kind: 'clear' } | null;

/** Puts the keyboard on the first of these controls that exists, unless it already is somewhere. */
function refocus(...ids: string[]): void {
  setTimeout(() => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    for (const id of ids) {
      const el = document.getElementById(id);
      if (el) {
        el.focus();
        return;
      }
    }
  }, 0);
}

export function StandaloneApp({ session, schemes, theme, updates }: StandaloneAppProps) {
  const styles = useStyles();
  const kind = useMemo(() => theme ?? defaultThemeKind(), [theme]);
  const snap = useSyncExternalStore(session.subscribeState, session.getSnapshot, session.getSnapshot);
  const scoring = useScoring(session);
  const catalog = useSchemeCatalog();
  // the shipped schemes, and those of the schemes folder and of the files the officer opened
  const offered = useMemo(() => {
    if (schemes?.length) return schemes;
    const listed = catalog.entries.flatMap((e) => (e.scheme ? [e.scheme] : []));
    return listed.length ? listed : [getScheme()];
  }, [schemes, catalog]);
  // a workbook of target tables: the form (project) shown, and 添加项目 under way
  const [activeForm, setActiveForm] = useState(0);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [updateReady, setUpdateReady] = useState(() => updates?.ready() ?? false);
  const noticeId = useRef(0);
  const cancel = useRef<HTMLButtonElement>(null);

  const say = useCallback((intent: Notice['intent'], text: string) => setNotice({ id: ++noticeId.current, intent, text }), []);
  const fail = useCallback((action: FailedAction, err: unknown) => setError(describeError(action, err)), []);

  useEffect(() => updates?.subscribe(() => setUpdateReady(true)), [updates]);
  // a workbook is open: reading and exporting must work offline from now on
  useEffect(() => {
    if (snap.hasWorkbook) updates?.keepWorkbookScripts?.();
  }, [snap.hasWorkbook, updates]);

  const restoredShown = useRef(false);
  useEffect(() => {
    if (snap.restored && !restoredShown.current) {
      restoredShown.current = true;
      say('info', T.restored(new Date(snap.restored.savedAt).toLocaleString('zh-CN'), snap.restored.fileName));
    }
  }, [snap.restored, say]);

  const { start } = scoring;

  const doOpen = useCallback(
    async (file: File) => {
      setBusy('open');
      setError(null);
      setNotice(null);
      try {
        const found = await session.open(file);
        await start();
        if (found) say('success', T.opened(file.name));
      } catch (err) {
        fail('open', err);
      } finally {
        setBusy(null);
        // the control that opened the picker, or its counterpart once the workbook is open
        refocus(OPEN_ANOTHER, OPEN_BUTTON);
      }
    },
    [session, start, say, fail],
  );

  const openFile = useCallback(
    (file: File) => {
      if (busy) return;
      if (snap.hasWorkbook && snap.dirty) setConfirm({ kind: 'replace', file });
      else void doOpen(file);
    },
    [busy, snap.hasWorkbook, snap.dirty, doOpen],
  );

  const dragging = useFileDrop(openFile);

  // 导入旧表: the workbook made from a hand-made form becomes the page's workbook (the page's message says what is
  // left to fill, as the import view is gone once it opens); one of a scheme this page does not open is downloaded
  // instead, so that the officer still has it
  const openImported = useCallback(
    async (bytes: Uint8Array, name: string, report: ImportReport) => {
      const found = await session.open(new Blob([bytes as BlobPart]), name);
      await start();
      if (found) {
        const left = report.forms.reduce((n, f) => n + f.blank.filter((b) => b.indicator).length + f.unscored.length, 0);
        say('success', `${T.opened(name)}${left ? `原表没有写明的${left}项已留空，请在表单中补填。` : ''}`);
        return;
      }
      session.saveFile(bytes, name);
      say('warning', `本页面尚不能打开${report.scheme.title}（${report.scheme.id}），已下载“${name}”，请用 Excel 或 WPS 打开。`);
    },
    [session, start, say],
  );

  const insert = useCallback(
    async (chosen: Scheme, options: InsertOptions) => {
      setError(null);
      setNotice(null);
      await scoring.insert(chosen, options);
      if (session.getSnapshot().scheme) say('success', T.created);
    },
    [scoring, session, say],
  );

  const download = useCallback(async () => {
    setBusy('download');
    setError(null);
    try {
      const { fileName } = await session.download();
      say('success', T.downloaded(fileName));
    } catch (err) {
      fail('download', err);
    } finally {
      setBusy(null);
    }
  }, [session, say, fail]);

  // 导出报送版: the panes' shared flow; here the file downloads, and the outcome shows in the page's message bar
  const deliver = useMemo(() => downloadDelivery((bytes, fileName) => session.saveFile(bytes, fileName)), [session]);
  const exporter = useSubmissionExport(session, deliver, {
    onStart: () => setError(null),
    onNotice: (n: ExportNotice) => (n.intent === 'error' ? setError(n.text) : say(n.intent === 'success' ? 'success' : 'warning', n.text)),
  });
  const working = !!busy || exporter.busy;

  const clear = useCallback(async () => {
    setBusy('clear');
    setError(null);
    try {
      await session.clear();
      restoredShown.current = true;
      await start();
      say('info', T.cleared);
    } catch (err) {
      fail('clear', err);
    } finally {
      setBusy(null);
      refocus(OPEN_BUTTON, OPEN_ANOTHER);
    }
  }, [session, start, say, fail]);

  const setInput = useCallback(
    (name: string, value: FormValue, sheet?: string | null) => {
      try {
        session.setInput(name, value, sheet);
      } catch (err) {
        fail('sync', err);
      }
    },
    [session, fail],
  );

  const addProject = useCallback(async () => {
    setAdding(true);
    setError(null);
    try {
      const { sheet } = await session.addProject();
      const forms = session.getSnapshot().forms;
      const at = forms.findIndex((f) => f.sheet === sheet);
      await session.recompute('insert');
      if (at >= 0) setActiveForm(at);
      say('success', T.projectAdded(forms[at]?.title ?? sheet));
    } catch (err) {
      fail('insert', err);
    } finally {
      setAdding(false);
    }
  }, [session, say, fail]);

  const focusRequests = useCallback((listener: Parameters<FileSession['onFocusRequest']>[0]) => session.onFocusRequest(listener), [session]);

  const { view, scheme } = scoring;
  const formsMode = snap.forms.length > 0;
  const shownForm = Math.min(activeForm, Math.max(0, snap.forms.length - 1));
  const shownSheet = snap.forms[shownForm]?.sheet ?? null;
  // a workbook of target tables: the scores of the form shown (the session keeps every form's)
  const evaluation = formsMode ? (snap.scored.find((f) => f.sheet === shownSheet)?.evaluation ?? scoring.evaluation) : scoring.evaluation;
  const loading = view === 'loading' || snap.status === 'loading' || busy === 'open';
  const editing = view === 'panel' && !!scheme && snap.hasWorkbook && snap.status === 'ready';
  // what a sync found: inputs changed in the file since its last sync (nothing when opened in sync)
  const syncNews = scoring.message?.kind === 'sync' ? scoring.message : null;
  const describe = useCallback((f: Finding) => (scheme ? formMessage(f, scheme) : f.message), [scheme]);

  useDialogFocus(!!confirm, { initial: cancel, fallback: () => document.getElementById(OPEN_BUTTON) ?? document.getElementById(OPEN_ANOTHER) });

  const skipToResults = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    const results = document.getElementById(RESULTS);
    results?.scrollIntoView?.({ block: 'start' });
    results?.focus({ preventScroll: true });
  };

  return (
    <FluentProvider theme={fluentTheme(kind)} data-theme={kind} data-mode="standalone">
      <div className={styles.root} data-testid="page">
        {editing && (
          <a href={`#${RESULTS}`} className={styles.skip} onClick={skipToResults} data-testid="skip-to-results">
            {T.skipToResults}
          </a>
        )}
        <div className={styles.page}>
          <header className={mergeClasses(styles.header, styles.full)}>
            <Text as="h1" size={500} weight="semibold" className={styles.title}>
              {S.appTitle}
            </Text>
            <Text as="p" size={200} className={styles.tagline}>
              {T.tagline}
            </Text>
            <Text as="p" size={200} className={styles.tagline}>
              <a href="review.html" data-testid="review-link">
                {T.reviewLink}
              </a>
            </Text>
            {editing && (
              <>
                <div className={styles.toolbar} role="toolbar" aria-label={T.toolbarLabel}>
                  <ExportButton busy={exporter.busy} disabled={!!busy} onExport={() => void exporter.start()} appearance="primary" />
                  <Button data-testid="download" onClick={() => void download()} disabledFocusable={working}>
                    {busy === 'download' ? T.working : T.downloadButton}
                  </Button>
                  <OpenFile id={OPEN_ANOTHER} label={T.openAnother} onFile={openFile} disabled={working} />
                  <Button appearance="subtle" data-testid="clear" onClick={() => setConfirm({ kind: 'clear' })} disabledFocusable={working}>
                    {T.clearButton}
                  </Button>
                </div>
                <div className={styles.explain}>
                  <span className={styles.file}>
                    <Text size={200}>{T.fileLabel}：</Text>
                    <Text size={200} className={styles.fileName} data-testid="file-name">
                      {snap.fileName ?? T.newFile}
                    </Text>
                  </span>
                  <Text size={200} data-testid="actions-explained">
                    {T.exportExplain}
                  </Text>
                  <Text size={200}>{T.downloadExplain}</Text>
                </div>
              </>
            )}
          </header>

          {editing && scheme && evaluation && (
            <section className={styles.strip} aria-label={T.summaryLabel}>
              <ScoreSummary scheme={scheme} evaluation={evaluation} variant="strip" onJump={jumpToFindings} />
            </section>
          )}

          <main className={mergeClasses(styles.main, !editing && styles.full)}>
            <div className={styles.notices}>
              {updateReady && (
                <Bar
                  intent="info"
                  data-testid="update-ready"
                  actions={
                    <Button size="small" onClick={() => updates?.apply()}>
                      {T.reload}
                    </Button>
                  }
                >
                  {T.updateReady}
                </Bar>
              )}
              {(error ?? scoring.error) && (
                <Bar key={error ?? scoring.error} intent="error" politeness="assertive" data-testid="error">
                  {error ?? scoring.error}
                </Bar>
              )}
              {!snap.kept && (
                <Bar intent="warning" data-testid="not-kept">
                  {T.notKept}
                </Bar>
              )}
              {notice && (
                <Bar key={notice.id} intent={notice.intent} politeness="polite" data-testid="message">
                  {notice.text}
                </Bar>
              )}
              {syncNews && editing && (
                <Bar key={`sync-${syncNews.id}`} intent="info" politeness="polite" data-testid="sync-message">
                  {syncNews.text}
                </Bar>
              )}
            </div>

            {loading && !editing && <Spinner size="small" label={snap.status === 'loading' && !snap.hasWorkbook && busy !== 'open' ? T.restoring : T.opening} />}

            {!loading && (view === 'insert' || view === 'failed' || (view === 'panel' && !editing)) && (
              <div className={styles.start}>
                <section className={styles.block} aria-labelledby="start-heading">
                  <Text as="h2" id="start-heading" size={400} weight="semibold" className={styles.flush}>
                    {T.startHeading}
                  </Text>
                  <Text as="p" className={styles.flush}>
                    {snap.hasWorkbook && !snap.scheme && snap.fileName ? T.noTemplate(snap.fileName) : T.startIntro}
                  </Text>
                  <DropZone dragging={dragging}>
                    <OpenFile id={OPEN_BUTTON} label={snap.hasWorkbook ? T.openAnother : T.openButton} onFile={openFile} disabled={!!busy} appearance="primary" />
                  </DropZone>
                  {view === 'failed' && (
                    <Button onClick={() => void start()} className={styles.flush}>
                      {S.retry}
                    </Button>
                  )}
                </section>
                <div className={styles.block}>
                  <ImportOldForm disabled={!!busy} onImported={openImported} />
                </div>
                <section className={styles.block} data-testid="new-template">
                  <InsertTemplateView
                    schemes={offered}
                    busy={scoring.busy}
                    progress={scoring.progress}
                    onInsert={(chosen, options) => void insert(chosen, options)}
                    heading={snap.hasWorkbook && !snap.scheme ? T.insertIntoHeading : T.newHeading}
                    intro={T.newIntro}
                    submitLabel={snap.hasWorkbook && !snap.scheme ? T.insertIntoButton : T.newButton}
                    chooseSheets={false}
                  />
                </section>
                <section className={styles.block}>
                  <SchemeFileButton catalog={catalog} disabled={!!busy} />
                </section>
              </div>
            )}

            {editing && scheme && formsMode && (
              <FormsEditor
                scheme={scheme}
                forms={snap.forms}
                scored={snap.scored}
                active={shownForm}
                onActive={setActiveForm}
                onChange={setInput}
                onAddProject={scheme.formScope === 'sheet' ? () => void addProject() : undefined}
                addingProject={adding}
                onAnnounce={(text) => say('info', text)}
                focusRequests={focusRequests}
              />
            )}

            {editing && scheme && !formsMode && (
              <InputForm
                scheme={scheme}
                values={snap.values}
                cells={snap.cells}
                evaluation={evaluation}
                onChange={setInput}
                focusRequests={focusRequests}
              />
            )}
          </main>

          {editing && scheme && (
            <aside id={RESULTS} className={styles.panel} aria-label={S.resultHeading} tabIndex={-1}>
              <ScorePanel
                scheme={scheme}
                evaluation={evaluation}
                busy={scoring.busy}
                onSelect={(cell) => void scoring.select(cell)}
                describe={describe}
                goToLabel={() => T.goToField}
                stickySummary="wide"
              />
            </aside>
          )}
        </div>

        <Dialog open={!!confirm} onOpenChange={(_, d) => !d.open && setConfirm(null)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{confirm?.kind === 'clear' ? T.confirmClearTitle : T.confirmReplaceTitle}</DialogTitle>
              <DialogContent>{confirm?.kind === 'clear' ? T.confirmClear : confirm ? T.confirmReplace(confirm.file.name) : null}</DialogContent>
              <DialogActions>
                {/* the safe choice first, and it has the keyboard: Enter never clears by accident */}
                <Button appearance="primary" data-testid="cancel" ref={cancel} onClick={() => setConfirm(null)}>
                  {T.cancel}
                </Button>
                <Button
                  data-testid="confirm"
                  onClick={() => {
                    const c = confirm;
                    setConfirm(null);
                    if (c?.kind === 'clear') void clear();
                    else if (c?.kind === 'replace') void doOpen(c.file);
                  }}
                >
                  {confirm?.kind === 'clear' ? T.confirmClearButton : T.confirmOpenButton}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>

        <ExportDialog
          blocking={exporter.blocked}
          scheme={scheme}
          evaluation={evaluation}
          describe={describe}
          onBack={exporter.back}
          onExportAnyway={() => void exporter.exportAnyway()}
          onSelect={(cell) => void scoring.select(cell)}
        />
      </div>
    </FluentProvider>
  );
}

export default StandaloneApp;
