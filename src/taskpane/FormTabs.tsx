import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Badge, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import type { FormResult } from '../workbook/session';
import { scoreText } from '../engine';
import { GRADE_COLOR } from './ScoreSummary';
import { S } from './strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  // many projects wrap onto several lines rather than scroll out of a 320 px pane
  list: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  tab: {
    maxWidth: '100%',
    minWidth: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    cursor: 'pointer',
    fontFamily: 'inherit',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: { color: tokens.colorNeutralForeground1, borderBottomColor: tokens.colorCompoundBrandStroke, fontWeight: tokens.fontWeightSemibold },
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

/** The tab an arrow, Home or End key moves to from tab `at` of `count`, or null for another key. */
export function tabAfterKey(key: string, at: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (at + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (at - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * The forms of a workbook (one per project sheet) as tabs, each with its total and grade, over the panel of
 * the chosen one. A workbook of one form shows its panel alone. The tabs follow the ARIA tabs pattern (one tab
 * in the Tab order, arrows move and choose) with plain buttons: Fluent's TabList costs the pane's first load
 * more than it gives here.
 */
export function FormTabs({ forms, selected, onSelect, children, alwaysShow = false }: FormTabsProps) {
  const styles = useStyles();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = chosenForm(forms, selected);
  if (!current || (forms.length < 2 && !alwaysShow)) return <>{children}</>;
  const currentKey = formKey(current);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, at: number) => {
    const next = tabAfterKey(e.key, at, forms.length);
    if (next === null) return;
    e.preventDefault();
    onSelect(formKey(forms[next]));
    tabs.current[next]?.focus();
  };
  return (
    <div className={styles.root}>
      <div role="tablist" className={styles.list} aria-label={S.formsLabel} data-testid="form-tabs">
        {forms.map((f, at) => {
          const key = formKey(f);
          const grade = f.evaluation.grade;
          const isCurrent = key === currentKey;
          return (
            <button
              key={key}
              ref={(el) => {
                tabs.current[at] = el;
              }}
              type="button"
              role="tab"
              id={`form-tab-${at}`}
              aria-selected={isCurrent}
              aria-controls="form-panel"
              tabIndex={isCurrent ? 0 : -1}
              className={mergeClasses(styles.tab, isCurrent && styles.selected)}
              onClick={() => onSelect(key)}
              onKeyDown={(e) => onKeyDown(e, at)}
              data-testid={`form-tab-${key}`}
            >
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
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id="form-panel" aria-labelledby={`form-tab-${forms.indexOf(current)}`} data-testid="form-panel" data-form={currentKey}>
        {children}
      </div>
    </div>
  );
}
