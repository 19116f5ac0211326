import type { ReactNode } from 'react';
import { Badge, makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import type { FormResult } from '../workbook/session';
import { scoreText } from '../engine';
import { GRADE_COLOR } from './ScoreSummary';
import { S } from './strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  // many projects wrap onto several lines rather than scroll out of a 320 px pane
  list: { flexWrap: 'wrap' },
  tab: { maxWidth: '100%' },
  label: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  title: { overflowWrap: 'anywhere', textAlign: 'start' },
  figures: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontVariantNumeric: 'tabular-nums' },
});

/** The key a form is chosen by: its sheet (stable while projects are added or reordered), '' for the workbook-wide form. */
export function formKey(form: Pick<FormResult, 'sheet'>): string {
  return form.sheet ?? '';
}

/** The chosen form: the one under `key`, else the first (the chosen sheet was deleted or renamed). */
export function chosenForm<T extends Pick<FormResult, 'sheet'>>(forms: readonly T[], key: string | null): T | undefined {
  return forms.find((f) => formKey(f) === key) ?? forms[0];
}

export interface FormTabsProps {
  /** every form of the workbook, in sheet order */
  forms: readonly FormResult[];
  /** formKey() of the form shown; the first when null or gone */
  selected: string | null;
  onSelect(key: string): void;
  /** the chosen form's panel (its ScorePanel) */
  children?: ReactNode;
  /** a workbook of one form shows no tabs, only its panel; set to show the tab all the same */
  alwaysShow?: boolean;
}

/**
 * The forms of a workbook (one per project sheet) as tabs, each with its total and grade, over the panel of
 * the chosen one. A workbook of one form shows its panel alone.
 */
export function FormTabs({ forms, selected, onSelect, children, alwaysShow = false }: FormTabsProps) {
  const styles = useStyles();
  const current = chosenForm(forms, selected);
  if (!current || (forms.length < 2 && !alwaysShow)) return <>{children}</>;
  const currentKey = formKey(current);
  return (
    <div className={styles.root}>
      <TabList
        className={styles.list}
        aria-label={S.formsLabel}
        selectedValue={currentKey}
        onTabSelect={(_, d) => onSelect(String(d.value))}
        data-testid="form-tabs"
        size="small"
      >
        {forms.map((f) => {
          const key = formKey(f);
          const grade = f.evaluation.grade;
          return (
            <Tab key={key} value={key} className={styles.tab} data-testid={`form-tab-${key}`}>
              <span className={styles.label}>
                <Text className={styles.title}>{f.title}</Text>
                <span className={styles.figures}>
                  <Text size={200} data-testid={`form-total-${key}`}>
                    {scoreText(f.evaluation.total)}
                  </Text>
                  <Badge size="small" appearance={grade ? 'filled' : 'tint'} color={grade ? (GRADE_COLOR[grade] ?? 'informative') : 'informative'} data-testid={`form-grade-${key}`}>
                    {grade ?? S.gradePending}
                  </Badge>
                </span>
              </span>
            </Tab>
          );
        })}
      </TabList>
      <div role="tabpanel" aria-label={current.title} data-testid="form-panel" data-form={currentKey}>
        {children}
      </div>
    </div>
  );
}
