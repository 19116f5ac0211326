import type { ReactNode } from 'react';
import { makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, type MessageBarProps } from '@fluentui/react-components';

const useStyles = makeStyles({ body: { overflowWrap: 'anywhere' } });

export interface BarProps {
  intent: NonNullable<MessageBarProps['intent']>;
  title?: string;
  children: ReactNode;
  actions?: ReactNode;
  politeness?: MessageBarProps['politeness'];
  'data-testid'?: string;
}

/**
 * A message bar of the panes. Fluent's MessageBar names itself by its title's id (aria-labelledby) even when
 * it has no title, which points at nothing: without a title, that attribute is left off.
 */
export function Bar({ intent, title, children, actions, politeness, 'data-testid': testId }: BarProps) {
  const styles = useStyles();
  const unnamed = title ? {} : { 'aria-labelledby': undefined };
  return (
    <MessageBar intent={intent} politeness={politeness} layout="multiline" data-testid={testId} {...unnamed}>
      <MessageBarBody className={styles.body}>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {children}
      </MessageBarBody>
      {actions && <MessageBarActions>{actions}</MessageBarActions>}
    </MessageBar>
  );
}
