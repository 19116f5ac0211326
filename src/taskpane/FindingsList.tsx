import { Badge, type BadgeProps, makeStyles, mergeClasses, shorthands, Text, tokens } from '@fluentui/react-components';
import type { Evaluation, Finding, Scheme } from '../engine';
import { GROUP_ORDER, groupFindings, type FindingGroup } from './findings';
import { S } from './strings';

const GROUP_COLOR: Record<FindingGroup, BadgeProps['color']> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
  blank: 'subtle',
};

/** The id of a group's heading, for the summary's jump buttons. */
export function findingsGroupId(group: FindingGroup): string {
  return `findings-${group}`;
}

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  flush: { margin: 0 },
  groupHeading: {
    margin: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    // below the page's sticky summary when jumped to
    scrollMarginTop: '96px',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  quiet: { margin: 0, color: tokens.colorNeutralForeground2 },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
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
    // a ring drawn inside the button, so a scrolling panel never clips it
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  body: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  goto: { color: tokens.colorBrandForegroundLink },
  blankItem: { color: tokens.colorNeutralForeground2 },
});

export interface FindingsListProps {
  scheme: Scheme;
  evaluation: Evaluation;
  onSelect(cell: string): void;
  /** the message as shown (the standalone page leaves out cell addresses); the engine's message by default */
  describe?(finding: Finding): string;
  /** what a finding offers to do when clicked; "定位到 基本情况表!D12" by default */
  goToLabel?(cell: string): string;
}

/**
 * The findings by group: wrong values, things to check and notes, each with its badge; then, quietly, the
 * fields not filled yet. Each group in the order of the form. A finding that names a cell is a button that
 * goes there.
 */
export function FindingsList({ scheme, evaluation, onSelect, describe, goToLabel = S.findingGoTo }: FindingsListProps) {
  const styles = useStyles();
  const groups = groupFindings(scheme, evaluation);
  const shown = GROUP_ORDER.filter((g) => groups[g].length > 0);
  const problems = groups.error.length + groups.warning.length + groups.info.length;
  return (
    <section className={styles.section} aria-labelledby="findings-heading" data-testid="findings">
      <Text as="h2" id="findings-heading" size={400} weight="semibold" className={styles.flush}>
        {S.findingsHeading}（{problems}）
      </Text>
      {problems === 0 && (
        <Text as="p" className={styles.flush}>
          {S.noFindings}
        </Text>
      )}
      {shown.map((group) => (
        <div key={group} className={styles.group} data-testid={`findings-${group}`}>
          <Text as="h3" size={300} weight="semibold" id={findingsGroupId(group)} tabIndex={-1} className={styles.groupHeading}>
            {S.findingGroups[group]}（{groups[group].length}）
          </Text>
          {group === 'blank' && (
            <Text as="p" size={200} className={styles.quiet}>
              {S.blankIntro}
            </Text>
          )}
          <ul className={styles.list}>
            {groups[group].map((f, i) => (
              <li key={`${f.code}-${i}`}>
                <FindingItem finding={f} group={group} text={describe ? describe(f) : f.message} goToLabel={goToLabel} onSelect={onSelect} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

interface FindingItemProps {
  finding: Finding;
  group: FindingGroup;
  text: string;
  goToLabel(cell: string): string;
  onSelect(cell: string): void;
}

function FindingItem({ finding, group, text, goToLabel, onSelect }: FindingItemProps) {
  const styles = useStyles();
  const cell = finding.cells?.[0];
  const content = (
    <>
      {group !== 'blank' && (
        <Badge appearance="filled" color={GROUP_COLOR[group]} style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
          {S.findingBadge[group]}
        </Badge>
      )}
      <span className={styles.body}>
        <Text size={200} className={group === 'blank' ? styles.blankItem : undefined}>
          {text}
        </Text>
        {cell && (
          <Text size={200} className={styles.goto}>
            {goToLabel(cell)}
          </Text>
        )}
      </span>
    </>
  );
  if (!cell) {
    return (
      <div className={styles.item} data-testid="finding" data-severity={finding.severity} data-group={group}>
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
      data-group={group}
      onClick={() => onSelect(cell)}
    >
      {content}
    </button>
  );
}
