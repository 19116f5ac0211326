/**
 * The pieces of 导出报送版 both panes show (see useSubmissionExport): the list of error findings that stop the
 * export, with 返回修改 and 仍然导出, and the outcome with its download link when there is one.
 */
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
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Finding } from '../engine';
import { S } from './strings';
import type { ExportNotice } from './useSubmissionExport';

const useStyles = makeStyles({
  blocked: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  linkish: {
    padding: 0,
    border: 'none',
    background: 'none',
    color: tokens.colorBrandForegroundLink,
    textAlign: 'start',
    cursor: 'pointer',
    font: 'inherit',
  },
  body: { overflowWrap: 'anywhere', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export interface ExportDialogProps {
  /** the blocking findings; the dialog is open while this is non-null */
  blocking: Finding[] | null;
  /** 返回修改 (also Escape and a click outside) */
  onBack(): void;
  /** 仍然导出 */
  onExportAnyway(): void;
  /** a finding with a cell was clicked: the dialog closes (onBack) and the pane goes to that cell */
  onSelect?(cell: string): void;
}

/** 以下问题尚未解决: the error findings, each linking to its cell; 返回修改 or 仍然导出. */
export function ExportDialog({ blocking, onBack, onExportAnyway, onSelect }: ExportDialogProps) {
  const styles = useStyles();
  return (
    <Dialog open={!!blocking} onOpenChange={(_, d) => !d.open && onBack()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{S.blockedTitle}</DialogTitle>
          <DialogContent>
            <Text as="p">{S.blockedIntro(blocking?.length ?? 0)}</Text>
            <ol className={styles.blocked} data-testid="blocking">
              {(blocking ?? []).map((f, i) => (
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
                      {f.message}
                    </button>
                  ) : (
                    f.message
                  )}
                </li>
              ))}
            </ol>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" data-testid="back-to-form" onClick={onBack}>
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
      title={S.exportHint}
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
    <MessageBar
      key={notice.id}
      intent={notice.intent}
      politeness={notice.intent === 'error' ? 'assertive' : 'polite'}
      layout="multiline"
      data-testid="export-message"
    >
      <MessageBarBody className={styles.body}>
        <span>{notice.text}</span>
        {notice.link && (
          <Link href={notice.link.href} download={notice.link.fileName} data-testid="export-download">
            {S.exportDownloadLink(notice.link.fileName)}
          </Link>
        )}
      </MessageBarBody>
      {onDismiss && (
        <MessageBarActions>
          <Button size="small" appearance="transparent" onClick={onDismiss} data-testid="export-dismiss">
            {S.dismiss}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
