import { useCallback, useState } from 'react';
import { Button, makeStyles, mergeClasses, Spinner, Text, tokens } from '@fluentui/react-components';
import type { Evaluation, Finding, IndicatorResult, Scheme } from '../engine';
import { ExportButton } from './ExportDialog';
import type { FindingGroup } from './findings';
import { FindingsList, findingsGroupId } from './FindingsList';
import { IndicatorGroup } from './IndicatorGroup';
import { WIDE } from './layout';
import { ScoreSummary } from './ScoreSummary';
import { S } from './strings';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  summary: {
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    boxShadow: `0 0 0 ${tokens.strokeWidthThin} ${tokens.colorNeutralStroke2}`,
  },
  // kept in sight while the indicators and findings scroll under it
  sticky: { position: 'sticky', top: 0, zIndex: 1 },
  stickyWide: { [WIDE]: { position: 'sticky', top: 0, zIndex: 1 } },
  flush: { margin: 0 },
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  groupsHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  note: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/** Brings a group of the findings list into view and puts the keyboard there. */
export function jumpToFindings(group: FindingGroup): void {
  const heading = document.getElementById(findingsGroupId(group));
  if (!heading) return;
  heading.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  heading.focus({ preventScroll: true });
}

export interface ScorePanelProps {
  scheme: Scheme;
  evaluation: Evaluation | null;
  busy: boolean;
  onSelect(cell: string): void;
  /** when given, a 同步 button (data-testid sync): in Excel, reads every input again and writes the scores */
  onSync?(): void;
  /** when given, 导出报送版 (data-testid export) leads the actions, with a line saying what it makes */
  onExport?(): void;
  /** an export is under way */
  exporting?: boolean;
  /** findings as shown (see FindingsList) */
  describe?(finding: Finding): string;
  goToLabel?(cell: string): string;
  /** where the summary stays in sight: always (the Office pane), or only where the page is wide (the standalone page keeps its own strip in sight when narrow) */
  stickySummary?: 'always' | 'wide';
  /** when given, 添加项目 (data-testid add-project): one more project form in the workbook */
  onAddProject?(): void;
  /** the heading of the results: 评分结果 by default; the form's title where the workbook holds several */
  heading?: string;
}

/**
 * The indicators by 一级指标, in order: the scheme's fixed tree where it has one (dept-2013), else the target
 * table's rows by the 一级指标 the officer wrote (each group lists its 二级指标 as they come).
 */
export function indicatorGroups(scheme: Scheme, evaluation: Evaluation): { level: string; indicators: IndicatorResult[] }[] {
  if (scheme.levels.length) return scheme.levels.map((level) => ({ level: level.name, indicators: evaluation.indicators.filter((i) => i.level1 === level.name) }));
  const groups: { level: string; indicators: IndicatorResult[] }[] = [];
  for (const ind of evaluation.indicators) {
    const level = ind.level1 || S.noLevel1;
    const group = groups.find((g) => g.level === level);
    if (group) group.indicators.push(ind);
    else groups.push({ level, indicators: [ind] });
  }
  return groups;
}

/**
 * 评分结果: the summary (total, grade, how far the form is filled, jumps to the findings) kept in sight at the
 * top, the actions, the indicators by 一级指标 with how each score stands, and the findings.
 */
export function ScorePanel({
  scheme,
  evaluation,
  busy,
  onSelect,
  onSync,
  onExport,
  exporting = false,
  describe,
  goToLabel,
  stickySummary = 'always',
  onAddProject,
  heading = S.resultHeading,
}: ScorePanelProps) {
  const styles = useStyles();
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  // the 预算执行率 line is a row like the others: its calculation text opens with them
  const all = evaluation ? [...(evaluation.execution ? [evaluation.execution] : []), ...evaluation.indicators] : [];
  const allOpen = all.length > 0 && all.every((i) => open.has(i.id));
  const toggle = useCallback(
    (id: string, isOpen: boolean) =>
      setOpen((prev) => {
        const next = new Set(prev);
        if (isOpen) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  return (
    <div className={styles.panel}>
      {/* children of the panel itself, so that the summary sticks for the whole height of the results */}
      <Text as="h2" id="result-heading" size={400} weight="semibold" className={styles.flush}>
        {heading}
      </Text>
      <div className={mergeClasses(styles.summary, stickySummary === 'always' ? styles.sticky : styles.stickyWide)} data-testid="result-summary">
        {evaluation ? <ScoreSummary scheme={scheme} evaluation={evaluation} onJump={jumpToFindings} /> : <Text>{onSync ? S.notComputed : S.computing}</Text>}
      </div>
      {(onExport || onSync || onAddProject) && (
        <div className={styles.actions}>
          {onExport && <ExportButton busy={exporting} disabled={busy} onExport={onExport} appearance="primary" />}
          {onSync && (
            <Button data-testid="sync" onClick={onSync} disabledFocusable={busy} icon={busy ? <Spinner size="tiny" aria-hidden /> : undefined}>
              {busy ? S.syncing : S.syncButton}
            </Button>
          )}
          {onAddProject && (
            <Button data-testid="add-project" onClick={onAddProject} disabledFocusable={busy}>
              {S.addProject}
            </Button>
          )}
        </div>
      )}
      {onExport && (
        <Text as="p" size={200} className={styles.note}>
          {S.exportExplain}
        </Text>
      )}

      {evaluation && (
        <section className={styles.groups} aria-labelledby="indicators-heading">
          <div className={styles.groupsHead}>
            <Text as="h2" id="indicators-heading" size={400} weight="semibold" className={styles.flush}>
              {S.indicatorsHeading}
            </Text>
            <Button
              size="small"
              appearance="subtle"
              data-testid="expand-all"
              aria-pressed={allOpen}
              onClick={() => setOpen(allOpen ? new Set() : new Set(all.map((i) => i.id)))}
            >
              {allOpen ? S.collapseAll : S.expandAll}
            </Button>
          </div>
          {evaluation.execution && <IndicatorGroup level={S.executionLevel} indicators={[evaluation.execution]} open={open} onToggle={toggle} />}
          {indicatorGroups(scheme, evaluation).map((g) => (
            <IndicatorGroup key={g.level} level={g.level} indicators={g.indicators} open={open} onToggle={toggle} />
          ))}
        </section>
      )}

      {evaluation && <FindingsList scheme={scheme} evaluation={evaluation} onSelect={onSelect} describe={describe} goToLabel={goToLabel} />}
    </div>
  );
}
