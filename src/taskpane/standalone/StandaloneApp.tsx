/**
 * The task pane in a plain browser (no Office host): the officer opens a local .xlsx (file picker or drag and
 * drop) or makes a new template, fills a form generated from the scheme, sees the total, grade, indicators and
 * findings as in Excel, and downloads the filled and scored workbook or the 报送版. Everything happens on this
 * machine; what was typed survives a reload (FileSession keeps it in localStorage).
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
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
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { getScheme, scoreText, type Scheme } from '../../engine';
import type { FileSession } from '../../workbook/browser/fileSession';
import type { FormValue } from '../../workbook/browser/formValues';
import type { InsertOptions } from '../../workbook/session';
import { downloadDelivery } from '../deliver';
import { describeError, type FailedAction } from '../errors';
import { ExportButton, ExportDialog } from '../ExportDialog';
import { InsertTemplateView } from '../InsertTemplateView';
import { ScorePanel } from '../ScorePanel';
import { S } from '../strings';
import { defaultThemeKind, fluentTheme, type ThemeKind } from '../theme';
import { useScoring } from '../useScoring';
import { useSubmissionExport, type ExportNotice } from '../useSubmissionExport';
import { InputForm } from './InputForm';
import { DropZone, OpenFile, useFileDrop } from './OpenFile';
import { T } from './strings';

/** A new version of the page waiting to take over (service worker), as registerServiceWorker reports it. */
export interface PageUpdates {
  subscribe(listener: () => void): () => void;
  ready(): boolean;
  apply(): void;
}

export interface StandaloneAppProps {
  session: FileSession;
  /** schemes offered for a new template; the shipped default when omitted */
  schemes?: Scheme[];
  theme?: ThemeKind;
  updates?: PageUpdates | null;
}

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: '100%',
    // clip, not hidden: hidden would make this box the scroll container and the sticky panel would not stick
    overflowX: 'clip',
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  page: {
    boxSizing: 'border-box',
    maxWidth: '1440px',
    margin: '0 auto',
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    '@media (min-width: 900px)': { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}` },
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  title: { margin: 0 },
  tagline: { margin: 0, color: tokens.colorNeutralForeground3 },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  file: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexBasis: '100%', minWidth: 0, '@media (min-width: 900px)': { flexBasis: 'auto', marginRight: 'auto' } },
  fileName: { fontWeight: tokens.fontWeightSemibold, minWidth: 0 },
  start: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalXL,
    '@media (min-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalXXL },
  },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  flush: { margin: 0 },
  columns: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXL,
    '@media (min-width: 900px)': {
      display: 'grid',
      gridTemplateColumns: 'minmax(0, 3fr) minmax(320px, 2fr)',
      alignItems: 'start',
      columnGap: tokens.spacingHorizontalXXL,
    },
  },
  panel: {
    minWidth: 0,
    '@media (min-width: 900px)': {
      position: 'sticky',
      top: tokens.spacingVerticalM,
      maxHeight: `calc(100vh - ${tokens.spacingVerticalXXL})`,
      overflowY: 'auto',
      paddingRight: tokens.spacingHorizontalXS,
    },
  },
  strip: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    margin: `0 calc(-1 * ${tokens.spacingHorizontalM})`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '@media (min-width: 900px)': { display: 'none' },
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

export function StandaloneApp({ session, schemes, theme, updates }: StandaloneAppProps) {
  const styles = useStyles();
  const kind = useMemo(() => theme ?? defaultThemeKind(), [theme]);
  const snap = useSyncExternalStore(session.subscribeState, session.getSnapshot, session.getSnapshot);
  const scoring = useScoring(session);
  const offered = useMemo(() => (schemes?.length ? schemes : [getScheme()]), [schemes]);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [updateReady, setUpdateReady] = useState(() => updates?.ready() ?? false);
  const noticeId = useRef(0);

  const say = useCallback((intent: Notice['intent'], text: string) => setNotice({ id: ++noticeId.current, intent, text }), []);
  const fail = useCallback((action: FailedAction, err: unknown) => setError(describeError(action, err)), []);

  useEffect(() => updates?.subscribe(() => setUpdateReady(true)), [updates]);

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
    }
  }, [session, start, say, fail]);

  const setInput = useCallback(
    (name: string, value: FormValue) => {
      try {
        session.setInput(name, value);
      } catch (err) {
        fail('sync', err);
      }
    },
    [session, fail],
  );

  const focusRequests = useCallback((listener: Parameters<FileSession['onFocusRequest']>[0]) => session.onFocusRequest(listener), [session]);

  const { view, scheme, evaluation } = scoring;
  const loading = view === 'loading' || snap.status === 'loading' || busy === 'open';
  const editing = view === 'panel' && !!scheme && snap.hasWorkbook && snap.status === 'ready';
  // a sync message is news only when a file filled elsewhere changed since its last sync
  const syncNews = scoring.message && scoring.message.text.startsWith('离线修改了') ? scoring.message : null;

  return (
    <FluentProvider theme={fluentTheme(kind)} className={styles.root} data-theme={kind} data-mode="standalone">
      <div className={styles.page}>
        <header className={styles.header}>
          <Text as="h1" size={500} weight="semibold" className={styles.title}>
            {S.appTitle}
          </Text>
          <Text as="p" size={200} className={styles.tagline}>
            {T.tagline}
          </Text>
        </header>

        {editing && (
          <div className={styles.toolbar} role="toolbar" aria-label="工作簿">
            <span className={styles.file}>
              <Text size={200}>{T.fileLabel}：</Text>
              <Text size={200} className={styles.fileName} data-testid="file-name">
                {snap.fileName ?? T.newFile}
              </Text>
            </span>
            <OpenFile label={T.openAnother} onFile={openFile} disabled={working} />
            <Button appearance="primary" data-testid="download" onClick={() => void download()} disabledFocusable={working} title={T.downloadHint}>
              {busy === 'download' ? T.working : T.downloadButton}
            </Button>
            <ExportButton busy={exporter.busy} disabled={!!busy} onExport={() => void exporter.start()} />
            <Button appearance="subtle" data-testid="clear" onClick={() => setConfirm({ kind: 'clear' })} disabledFocusable={working} title={T.clearHint}>
              {T.clearButton}
            </Button>
          </div>
        )}

        <div className={styles.notices}>
          {updateReady && (
            <MessageBar intent="info" data-testid="update-ready">
              <MessageBarBody>{T.updateReady}</MessageBarBody>
              <MessageBarActions>
                <Button size="small" onClick={() => updates?.apply()}>
                  {T.reload}
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {(error ?? scoring.error) && (
            <MessageBar key={error ?? scoring.error} intent="error" politeness="assertive" layout="multiline" data-testid="error">
              <MessageBarBody>{error ?? scoring.error}</MessageBarBody>
            </MessageBar>
          )}
          {!snap.kept && (
            <MessageBar intent="warning" layout="multiline" data-testid="not-kept">
              <MessageBarBody>{T.notKept}</MessageBarBody>
            </MessageBar>
          )}
          {notice && (
            <MessageBar key={notice.id} intent={notice.intent} politeness="polite" layout="multiline" data-testid="message">
              <MessageBarBody>{notice.text}</MessageBarBody>
            </MessageBar>
          )}
          {syncNews && editing && (
            <MessageBar key={`sync-${syncNews.id}`} intent="info" politeness="polite" layout="multiline">
              <MessageBarBody>{syncNews.text}</MessageBarBody>
            </MessageBar>
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
                <OpenFile label={snap.hasWorkbook ? T.openAnother : T.openButton} onFile={openFile} disabled={!!busy} appearance="primary" />
              </DropZone>
              {view === 'failed' && (
                <Button onClick={() => void start()} className={styles.flush}>
                  {S.retry}
                </Button>
              )}
            </section>
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
          </div>
        )}

        {editing && scheme && (
          <>
            <div className={styles.strip} aria-hidden>
              <Text weight="semibold">{evaluation ? T.totalStrip(scoreText(evaluation.total), evaluation.grade ?? S.gradePending) : S.notComputed}</Text>
            </div>
            <div className={styles.columns}>
              <main className={styles.block}>
                <InputForm
                  scheme={scheme}
                  values={snap.values}
                  cells={snap.cells}
                  evaluation={evaluation}
                  onChange={setInput}
                  focusRequests={focusRequests}
                />
              </main>
              <aside className={styles.panel} aria-label={S.resultHeading}>
                <ScorePanel
                  scheme={scheme}
                  evaluation={evaluation}
                  busy={scoring.busy}
                  onSync={() => void scoring.sync()}
                  onSelect={(cell) => void scoring.select(cell)}
                />
              </aside>
            </div>
          </>
        )}
      </div>

      <Dialog open={!!confirm} onOpenChange={(_, d) => !d.open && setConfirm(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{confirm?.kind === 'clear' ? T.confirmClearTitle : T.confirmReplaceTitle}</DialogTitle>
            <DialogContent>{confirm?.kind === 'clear' ? T.confirmClear : confirm ? T.confirmReplace(confirm.file.name) : null}</DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
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
              <Button data-testid="cancel" onClick={() => setConfirm(null)}>
                {T.cancel}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>

      <ExportDialog
        blocking={exporter.blocked}
        onBack={exporter.back}
        onExportAnyway={() => void exporter.exportAnyway()}
        onSelect={(cell) => void scoring.select(cell)}
      />
    </FluentProvider>
  );
}

export default StandaloneApp;
