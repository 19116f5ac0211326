import { Badge, type BadgeProps, Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { plain, scoreText, statusLine, type Evaluation, type Scheme } from '../engine';
import { ExportButton } from './ExportDialog';
import { FindingsList } from './FindingsList';
import { IndicatorGroup } from './IndicatorGroup';
import { S } from './strings';

const GRADE_COLOR: Record<string, BadgeProps['color']> = { 优: 'success', 良: 'brand', 中: 'warning', 差: 'danger' };

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  summary: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  figures: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS },
  total: { fontVariantNumeric: 'tabular-nums' },
  status: { color: tokens.colorNeutralForeground2 },
  flush: { margin: 0 },
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface ScorePanelProps {
  scheme: Scheme;
  evaluation: Evaluation | null;
  busy: boolean;
  onSync(): void;
  onSelect(cell: string): void;
  /** when given, a 导出报送版 button (data-testid export) beside 同步 */
  onExport?(): void;
  /** an export is under way */
  exporting?: boolean;
}

/** 总分 and 等级, the 同步 button (and 导出报送版), the indicators by 一级指标, and the findings. */
export function ScorePanel({ scheme, evaluation, busy, onSync, onSelect, onExport, exporting = false }: ScorePanelProps) {
  const styles = useStyles();
  const grade = evaluation?.grade ?? null;
  return (
    <div className={styles.panel}>
      <section className={styles.summary} aria-labelledby="result-heading">
        <Text as="h2" id="result-heading" size={400} weight="semibold" className={styles.flush}>
          {S.resultHeading}
        </Text>
        {evaluation ? (
          <>
            {/* announced as a whole whenever the total or the grade changes */}
            <div className={styles.figures} role="status" aria-live="polite" aria-atomic="true">
              <Text size={500} weight="semibold" className={styles.total}>
                <span>{S.totalLabel} </span>
                <span data-testid="total-score">{scoreText(evaluation.total)}</span>
                <span> / {plain(evaluation.maxTotal)}</span>
              </Text>
              <Text>
                {S.gradeLabel}{' '}
                <Badge data-testid="grade" size="large" appearance={grade ? 'filled' : 'tint'} color={grade ? (GRADE_COLOR[grade] ?? 'informative') : 'informative'}>
                  {grade ?? S.gradePending}
                </Badge>
              </Text>
            </div>
            <Text size={200} className={styles.status}>
              {statusLine(evaluation)}
            </Text>
          </>
        ) : (
          <Text>{S.notComputed}</Text>
        )}
        <div className={styles.actions}>
          <Button
            appearance="primary"
            data-testid="sync"
            onClick={onSync}
            disabledFocusable={busy}
            title={S.syncHint}
            icon={busy ? <Spinner size="tiny" aria-hidden /> : undefined}
          >
            {busy ? S.syncing : S.syncButton}
          </Button>
          {onExport && <ExportButton busy={exporting} disabled={busy} onExport={onExport} />}
        </div>
      </section>

      {evaluation && (
        <section className={styles.groups} aria-labelledby="indicators-heading">
          <Text as="h2" id="indicators-heading" size={400} weight="semibold" className={styles.flush}>
            {S.indicatorsHeading}
          </Text>
          {scheme.levels.map((level) => (
            <IndicatorGroup key={level.name} level={level.name} indicators={evaluation.indicators.filter((i) => i.level1 === level.name)} />
          ))}
        </section>
      )}

      {evaluation && <FindingsList findings={evaluation.issues} onSelect={onSelect} />}
    </div>
  );
}
