/**
 * The task pane: picks the view (reading the workbook, insert a template, live scores, unsupported host)
 * and puts it in a Fluent theme. Everything it knows about the workbook comes through `session`, so the
 * same pane runs in Excel (OfficeSession) and, with an .xlsx session, in a plain browser.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, FluentProvider, makeStyles, Spinner, Switch, Text, tokens } from '@fluentui/react-components';
import type { Scheme } from '../engine';
import type { PaneSession } from '../workbook/session';
import { Bar } from './Bar';
import { describeError } from './errors';
import { deliverToExcel } from './deliver';
import { ExportDialog, ExportMessage } from './ExportDialog';
import { chosenForm, FormTabs } from './FormTabs';
import { InsertTemplateView } from './InsertTemplateView';
import { Notices } from './Notices';
import { ScorePanel } from './ScorePanel';
import { S } from './strings';
import { defaultThemeKind, fluentTheme, type ThemeKind } from './theme';
import { UnsupportedHost } from './UnsupportedHost';
import { useScoring } from './useScoring';
import { useSubmissionExport, type Deliver } from './useSubmissionExport';

export interface AppProps {
  /** the workbook; absent only when there is none to talk to (see `unsupported`) */
  session?: PaneSession;
  /** schemes offered when inserting a template; every scheme of the catalog (useSchemeCatalog) when omitted */
  schemes?: Scheme[];
  /** light or dark; when omitted, Office's theme (or the system's colour scheme outside Office) */
  theme?: ThemeKind;
  /** set when the host lacks a required API set: what is missing, e.g. "ExcelApi 1.12" */
  unsupported?: string;
  /** hands the 报送版 to the officer; default: opened as a new Excel workbook (download where Excel cannot) */
  deliver?: Deliver;
}

const useStyles = makeStyles({
  // the page's own box, inside the provider: the provider's class also goes to the layer dialogs open in,
  // which must stay a see-through layer, not a second full-height page over the form
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: '100%',
    overflowX: 'hidden',
    overflowWrap: 'anywhere',
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  title: { margin: 0 },
  main: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
});

export function App({ session, schemes, theme, unsupported, deliver }: AppProps) {
  const styles = useStyles();
  const kind = useMemo(() => theme ?? defaultThemeKind(), [theme]);
  return (
    <FluentProvider theme={fluentTheme(kind)} data-theme={kind}>
      <div className={styles.root} data-testid="page">
        <main className={styles.main}>
          <Text as="h1" size={400} weight="semibold" className={styles.title}>
            {S.appTitle}
          </Text>
          {unsupported !== undefined ? (
            <UnsupportedHost detail={unsupported} />
          ) : session ? (
            <Pane session={session} schemes={schemes} deliver={deliver ?? deliverToExcel} />
          ) : (
            <Bar intent="info">{S.noSession}</Bar>
          )}
        </main>
      </div>
    </FluentProvider>
  );
}

function Pane({ session, schemes, deliver }: { session: PaneSession; schemes?: Scheme[]; deliver: Deliver }) {
  const scoring = useScoring(session);
  const exporter = useSubmissionExport(session, deliver);
  const { view, scheme } = scoring;
  // the form whose panel is shown (its sheet), kept while the workbook's forms are rescored
  const [chosen, setChosen] = useState<string | null>(null);
  const form = chosenForm(scoring.forms, chosen);
  const addProject = scoring.addProject;
  const several = scoring.forms.length > 1;
  return (
    <>
      <Notices message={view === 'panel' ? scoring.message : null} error={scoring.error} />
      {view === 'panel' && <ExportMessage notice={exporter.notice} onDismiss={exporter.dismiss} />}
      {view === 'loading' && <Spinner size="small" label={S.loading} />}
      {view === 'failed' && (
        <Button appearance="primary" onClick={() => void scoring.start()}>
          {S.retry}
        </Button>
      )}
      {view === 'insert' && (
        <InsertTemplateView
          schemes={schemes}
          busy={scoring.busy}
          progress={scoring.progress}
          onInsert={(chosen, options) => void scoring.insert(chosen, options)}
        />
      )}
      {view === 'panel' && scheme && (
        <FormTabs forms={scoring.forms} selected={chosen} onSelect={setChosen}>
          <ScorePanel
            scheme={scheme}
            evaluation={form?.evaluation ?? scoring.evaluation}
            heading={several && form ? form.title : undefined}
            busy={scoring.busy}
            onSync={() => void scoring.sync()}
            onSelect={(cell) => void scoring.select(cell)}
            onExport={() => void exporter.start()}
            exporting={exporter.busy}
            onAddProject={
              addProject && scheme.formScope === 'sheet'
                ? () =>
                    void addProject().then((sheet) => {
                      if (sheet) setChosen(sheet);
                    })
                : undefined
            }
          />
        </FormTabs>
      )}
      {view === 'panel' && <AutoOpenSwitch session={session} />}
      <ExportDialog
        blocking={exporter.blocked}
        scheme={scheme}
        evaluation={scoring.evaluation}
        onBack={exporter.back}
        onExportAnyway={() => void exporter.exportAnyway()}
        onSelect={(cell) => void scoring.select(cell)}
      />
    </>
  );
}

/**
 * 打开工作簿时自动打开此窗格, where the session can turn it on and off (Excel's AutoShowTaskpaneWithDocument
 * setting of this workbook): Microsoft asks add-ins that open themselves to let the user stop it.
 */
function AutoOpenSwitch({ session }: { session: PaneSession }) {
  const [on, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const supported = !!session.autoOpen && !!session.setAutoOpen;
  useEffect(() => {
    if (!session.autoOpen || !session.setAutoOpen) return;
    let live = true;
    session.autoOpen().then(
      (value) => live && setOn(value),
      () => live && setOn(null),
    );
    return () => {
      live = false;
    };
  }, [session]);
  if (!supported || on === null) return null;
  return (
    <div>
      <Switch
        checked={on}
        label={S.autoOpen}
        data-testid="auto-open"
        onChange={(_, d) => {
          const next = d.checked;
          setOn(next);
          setError(null);
          session.setAutoOpen!(next).catch((err: unknown) => {
            setOn(!next);
            setError(describeError('autoOpen', err));
          });
        }}
      />
      {error && (
        <Bar intent="error" politeness="assertive" data-testid="auto-open-error">
          {error}
        </Bar>
      )}
    </div>
  );
}

export default App;
