import { Badge, type BadgeProps, Button, makeStyles, mergeClasses, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { plain, scoreText, type Evaluation, type Scheme } from '../engine';
import { fillProgress, groupFindings, type FindingGroup } from './findings';
import { S } from './strings';

export const GRADE_COLOR: Record<string, BadgeProps['color']> = { 优: 'success', 良: 'brand', 中: 'warning', 差: 'danger' };

const useStyles = makeStyles({
  summary: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  figures: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS },
  total: { fontVariantNumeric: 'tabular-nums' },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground2 },
  jumps: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  strip: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface ScoreSummaryProps {
  scheme: Scheme;
  evaluation: Evaluation;
  /** panel: the results' head, a live region; strip: one compact line kept in sight while typing */
  variant?: 'panel' | 'strip';
  /** goes to a group of the findings list */
  onJump?(group: FindingGroup): void;
}

/** What each jump button says, by group and count. */
export function jumpLabel(group: FindingGroup, n: number): string {
  return S.jump[group](n);
}

/**
 * The total, the grade in its colour, how much of the form is filled, and a button to each group of findings
 * that has any. The panel variant is announced when total or grade change; the strip is a copy, kept quiet.
 */
export function ScoreSummary({ scheme, evaluation, variant = 'panel', onJump }: ScoreSummaryProps) {
  const styles = useStyles();
  const groups = groupFindings(scheme, evaluation);
  const progress = fillProgress(scheme, evaluation);
  const grade = evaluation.grade;
  const gradeBadge = (
    <Badge
      data-testid={variant === 'panel' ? 'grade' : 'strip-grade'}
      size="large"
      appearance={grade ? 'filled' : 'tint'}
      color={grade ? (GRADE_COLOR[grade] ?? 'informative') : 'informative'}
    >
      {grade ?? S.gradePending}
    </Badge>
  );
  const jumps = (['error', 'warning', 'blank'] as const)
    .filter((g) => groups[g].length > 0)
    .map((g) => (
      <Button
        key={g}
        size="small"
        appearance="outline"
        className={g === 'error' ? styles.error : undefined}
        data-testid={`jump-${g}`}
        onClick={() => onJump?.(g)}
      >
        {jumpLabel(g, groups[g].length)}
      </Button>
    ));

  if (variant === 'strip') {
    return (
      <div className={styles.strip} data-testid="summary-strip">
        <Text weight="semibold" className={styles.total}>
          {S.totalLabel} {scoreText(evaluation.total)}
        </Text>
        {gradeBadge}
        <Text size={200} className={styles.muted}>
          {S.filledShort(progress.filled, progress.total)}
        </Text>
        {jumps}
      </div>
    );
  }

  return (
    <div className={styles.summary}>
      {/* announced as a whole whenever the total or the grade changes */}
      <div className={styles.figures} role="status" aria-live="polite" aria-atomic="true">
        <Text size={500} weight="semibold" className={styles.total}>
          <span>{S.totalLabel} </span>
          <span data-testid="total-score">{scoreText(evaluation.total)}</span>
          <span> / {plain(evaluation.maxTotal)}</span>
        </Text>
        <Text>
          {S.gradeLabel} {gradeBadge}
        </Text>
      </div>
      <div className={styles.progress}>
        <ProgressBar
          value={progress.total ? progress.filled / progress.total : 0}
          max={1}
          thickness="large"
          color={groups.blank.length ? 'brand' : 'success'}
          aria-label={S.filledLabel}
          aria-valuetext={S.filled(progress.filled, progress.total)}
        />
        <Text size={200} className={styles.muted} data-testid="fill-progress">
          {S.filled(progress.filled, progress.total)}
        </Text>
      </div>
      {jumps.length ? (
        <div className={mergeClasses(styles.jumps)} data-testid="jumps">
          {jumps}
        </div>
      ) : (
        <Text size={200} className={styles.muted}>
          {S.noProblems}
        </Text>
      )}
    </div>
  );
}
