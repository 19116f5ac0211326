/**
 * The pieces of 导出报送版 both panes show (see useSubmissionExport): the list of error findings that stop the
 * export, with 返回修改 and 仍然导出, and the outcome with its download link when there is one.
 */
import { useRef } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Evaluation, Finding, Scheme } from '../engine';
import { Bar } from './Bar';
import { groupFindings } from './findings';
import { S } from './strings';
import { useDialogFocus } from './useDialogFocus';
import type { ExportNotice } from './useSubmissionExport';

const useStyles = makeStyles({
  group: { margin: 0, marginTop: tokens.spacingVerticalS },
  blocked: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  linkish: {
    // the list's number stays on the first line of a long message
    verticalAlign: 'top',
    padding: 0,
    border: 'none',
    background: 'none',
    color: tokens.colorBrandForegroundLink,
    textAlign: 'start',
    cursor: 'pointer',
    font: 'inherit',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  body: { overflowWrap: 'anywhere', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export interface ExportDialogProps {
  /** the blocking findings; the dialog is open while this is non-null */
  blocking: Finding[] | null;
  /** the scheme and the evaluation the findings belong to: to list wrong values apart from fields not filled, in form order */
  scheme?: Scheme | null;
  evaluation?: Pick<Evaluation, 'inputs'> | null;
  /** a finding as shown (the standalone page leaves out cell addresses); the engine's message by default */
  describe?(finding: Finding): string;
  /** 返回修改 (also Escape and a click outside) */
  onBack(): void;
  /** 仍然导出 */
  onExportAnyway(): void;
  /** a finding with a cell was clicked: the dialog closes (onBack) and the pane goes to that cell */
  onSelect?(cell: string): void;
}

/**
 * 以下问题尚未解决: the wrong values, then the fields not filled yet, each linking to its cell; 返回修改 (which has
 * the keyboard first) or 仍然导出. Closing gives the keyboard back to 导出报送版.
 */
export function ExportDialog({ blocking, scheme, evaluation, describe, onBack, onExportAnyway, onSelect }: ExportDialogProps) {
  const styles = useStyles();
  const back = useRef<HTMLButtonElement>(null);
  useDialogFocus(!!blocking, { initial: back });
  const all = blocking ?? [];
  const groups = scheme && evaluation ? groupFindings(scheme, { inputs: evaluation.inputs, issues: all }) : null;
  const blank = groups?.blank ?? [];
  const wrong = groups ? [...groups.error, ...groups.warning, ...groups.info] : all;
  const list = (findings: Finding[]) => (
    <ol className={styles.blocked}>
      {findings.map((f, i) => (
        <li key={i} data-testid="blocking-finding">
          {f.cells?.[0] && onSelect ? (
            <button
              type="button"
              className={styles.linkish}
              onClick={() => {
                onBack();
                onSelect(f.cells![0]);
              }}
            >
              {describe ? describe(f) : f.message}
            </button>
          ) : describe ? (
            describe(f)
          ) : (
            f.message
          )}
        </li>
      ))}
    </ol>
  );
  return (
    <Dialog open={!!blocking} onOpenChange={(_, d) => !d.open && onBack()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{S.blockedTitle}</DialogTitle>
          <DialogContent data-testid="blocking">
            <Text as="p">{S.blockedIntro(wrong.length, blank.length)}</Text>
            {wrong.length > 0 && (
              <>
                {blank.length > 0 && (
                  <Text as="h3" size={300} weight="semibold" className={styles.group}>
                    {S.findingGroups.error}（{wrong.length}）
                  </Text>
                )}
                {list(wrong)}
              </>
            )}
            {blank.length > 0 && (
              <>
                <Text as="h3" size={300} weight="semibold" className={styles.group}>
                  {S.findingGroups.blank}（{blank.length}）
                </Text>
                {list(blank)}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" data-testid="back-to-form" onClick={onBack} ref={back}>
              {S.backToForm}
            </Button>
            <Button data-testid="export-anyway" onClick={onExportAnyway}>
              {S.exportAnyway}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

export interface ExportButtonProps {
  busy: boolean;
  /** another action of the pane is under way */
  disabled?: boolean;
  onExport(): void;
  appearance?: 'primary' | 'secondary';
}

/** 导出报送版 (data-testid export). */
export function ExportButton({ busy, disabled, onExport, appearance = 'secondary' }: ExportButtonProps) {
  return (
    <Button
      appearance={appearance}
      data-testid="export"
      onClick={onExport}
      disabledFocusable={busy || !!disabled}
      icon={busy ? <Spinner size="tiny" aria-hidden /> : undefined}
    >
      {busy ? S.exporting : S.exportButton}
    </Button>
  );
}

export interface ExportMessageProps {
  notice: ExportNotice | null;
  onDismiss?(): void;
}

/** The outcome of the last export (data-testid export-message), with its download link (export-download) if any. */
export function ExportMessage({ notice, onDismiss }: ExportMessageProps) {
  const styles = useStyles();
  if (!notice) return null;
  return (
    <Bar
      key={notice.id}
      intent={notice.intent}
      politeness={notice.intent === 'error' ? 'assertive' : 'polite'}
      data-testid="export-message"
      actions={
        onDismiss && (
          <Button size="small" appearance="transparent" onClick={onDismiss} data-testid="export-dismiss">
            {S.dismiss}
          </Button>
        )
      }
    >
      <span className={styles.body}>
        <span>{notice.text}</span>
        {notice.link && (
          <Link href={notice.link.href} download={notice.link.fileName} data-testid="export-download">
            {S.exportDownloadLink(notice.link.fileName)}
          </Link>
        )}
      </span>
    </Bar>
  );
}
