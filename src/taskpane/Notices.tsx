import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { PaneMessage } from './useScoring';

const useStyles = makeStyles({
  notices: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  body: { overflowWrap: 'anywhere' },
});

export interface NoticesProps {
  message: PaneMessage | null;
  error: string | null;
}

/** The last error (announced at once) above the last sync message (announced politely). */
export function Notices({ message, error }: NoticesProps) {
  const styles = useStyles();
  if (!message && !error) return null;
  return (
    <div className={styles.notices}>
      {error && (
        <MessageBar key={error} intent="error" politeness="assertive" layout="multiline" data-testid="error">
          <MessageBarBody className={styles.body}>{error}</MessageBarBody>
        </MessageBar>
      )}
      {message && (
        // keyed by id so a repeated text (two syncs with nothing changed) is announced again
        <MessageBar key={message.id} intent={message.intent} politeness="polite" layout="multiline" data-testid="message">
          <MessageBarBody className={styles.body}>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
