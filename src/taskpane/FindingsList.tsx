import { Badge, type BadgeProps, createFocusOutlineStyle, makeStyles, mergeClasses, shorthands, Text, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../engine';
import { S, SEVERITY_LABEL } from './strings';

const SEVERITY_COLOR: Record<Severity, BadgeProps['color']> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  flush: { margin: 0 },
  counts: { margin: 0, color: tokens.colorNeutralForeground2 },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    textAlign: 'start',
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorSubtleBackground,
    ...shorthands.borderStyle('none'),
    fontFamily: 'inherit',
    fontSize: 'inherit',
  },
  clickable: {
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':active': { backgroundColor: tokens.colorSubtleBackgroundPressed },
    ...createFocusOutlineStyle(),
  },
  body: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  goto: { color: tokens.colorBrandForegroundLink },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
});

export interface FindingsListProps {
  findings: Finding[];
  onSelect(cell: string): void;
}

/** Errors, then warnings, then notes; a finding that names a cell is a button that selects it. */
export function FindingsList({ findings, onSelect }: FindingsListProps) {
  const styles = useStyles();
  const counts = (['error', 'warning', 'info'] as Severity[])
    .map((s) => ({ s, n: findings.filter((f) => f.severity === s).length }))
    .filter((c) => c.n > 0);
  return (
    <section className={styles.section} aria-labelledby="findings-heading">
      <Text as="h2" id="findings-heading" size={400} weight="semibold" className={styles.flush}>
        {S.findingsHeading}（{findings.length}）
      </Text>
      {findings.length === 0 ? (
        <Text as="p" className={styles.flush}>
          {S.noFindings}
        </Text>
      ) : (
        <>
          <Text as="p" size={200} className={styles.counts}>
            {counts.map((c) => `${SEVERITY_LABEL[c.s]} ${c.n}`).join(' · ')}
          </Text>
          <ul className={styles.list}>
            {findings.map((f, i) => (
              <li key={`${f.code}-${i}`}>
                <FindingItem finding={f} onSelect={onSelect} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function FindingItem({ finding, onSelect }: { finding: Finding; onSelect(cell: string): void }) {
  const styles = useStyles();
  const cell = finding.cells?.[0];
  const content = (
    <>
      <Badge className={styles.badge} appearance="filled" color={SEVERITY_COLOR[finding.severity]}>
        {SEVERITY_LABEL[finding.severity]}
      </Badge>
      <span className={styles.body}>
        <Text size={200}>{finding.message}</Text>
        {cell && (
          <Text size={200} className={styles.goto}>
            {S.findingGoTo(cell)}
          </Text>
        )}
      </span>
    </>
  );
  if (!cell) {
    return (
      <div className={styles.item} data-testid="finding" data-severity={finding.severity}>
        {content}
      </div>
    );
  }
  // a native button: Enter and Space activate it, and it is in the tab order
  return (
    <button
      type="button"
      className={mergeClasses(styles.item, styles.clickable)}
      data-testid="finding"
      data-severity={finding.severity}
      onClick={() => onSelect(cell)}
    >
      {content}
    </button>
  );
}
