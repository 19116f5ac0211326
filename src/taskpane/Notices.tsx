import { makeStyles, tokens } from '@fluentui/react-components';
import { Bar } from './Bar';
import type { PaneMessage } from './useScoring';

const useStyles = makeStyles({
  notices: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
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
        <Bar key={error} intent="error" politeness="assertive" data-testid="error">
          {error}
        </Bar>
      )}
      {message && (
        // keyed by id so a repeated text (two syncs with nothing changed) is announced again
        <Bar key={message.id} intent={message.intent} politeness="polite" data-testid="message">
          {message.text}
        </Bar>
      )}
    </div>
  );
}
