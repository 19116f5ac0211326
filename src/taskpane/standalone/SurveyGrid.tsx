import { memo, useState, type KeyboardEvent } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import { cellText, offsetCell, type CellRef, type SchemeInput } from '../../engine';
import { T } from './strings';

const useStyles = makeStyles({
  grid: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
  questions: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  rows: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalXS, rowGap: tokens.spacingVerticalXXS },
  rowLabel: { minWidth: '3em', fontVariantNumeric: 'tabular-nums' },
  // ten answers and the points fit in 320 px with the row's label and its button
  code: { width: '12em', maxWidth: '100%', minWidth: 0 },
  codeText: { fontFamily: tokens.fontFamilyMonospace, letterSpacing: '0.05em' },
  invalid: { border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}` },
  status: { color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  toggle: { minWidth: 'auto' },
  problem: { color: tokens.colorPaletteRedForeground1, flexBasis: '100%' },
  detail: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalXS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    '@media (min-width: 600px)': { gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))' },
  },
});

export interface SurveyGridProps {
  input: SchemeInput;
  /** the questions as the questionnaire asks them (the scheme's layout.survey.questions) */
  questions: readonly string[];
  rows: string[][];
  /** the grid's top-left cell in the workbook, to mark the cells findings name */
  topLeft?: CellRef;
  /** cells (Sheet!A1) that findings point at */
  flagged: ReadonlySet<string>;
  /** the id of the findings under the grid, for aria-describedby */
  describedBy?: string;
  /** questionnaires shown question by question (0-based rows) */
  open: ReadonlySet<number>;
  onToggle(row: number, open: boolean): void;
  onChange(rows: string[][]): void;
}

export function gridCellId(name: string, row: number, column: number): string {
  return `jx-${name}-${row}-${column}`;
}

/** The quick-entry box of one questionnaire. */
export function gridRowId(name: string, row: number): string {
  return `jx-${name}-row-${row}`;
}

/** Rows shown: every filled one and a blank one to type the next questionnaire into (at least 5, at most the grid's). */
export function visibleRows(rows: string[][], max: number): number {
  return Math.min(max, Math.max(5, rows.length + 1));
}

/** Not answered, in a code. */
export const NO_ANSWER = '-';
/** A value the scale does not know (typed in the workbook), kept as it is while the code around it changes. */
export const UNKNOWN = '?';

/**
 * One character per answer for quick entry: its points where those are distinct single digits (5 非常满意,
 * 4 满意, 3 一般, 0 不满意), else 1, 2, 3 … in the scale's order.
 */
export function answerCodes(answers: readonly { label: string; points: number }[]): { code: string; label: string }[] {
  const byPoints = answers.map((a) => String(a.points));
  const usable = byPoints.every((c) => /^\d$/.test(c)) && new Set(byPoints).size === byPoints.length;
  return answers.map((a, i) => ({ code: usable ? byPoints[i] : String(i + 1), label: a.label }));
}

/** A questionnaire as its code: 5543… with - for a question not answered (none at the end). */
export function rowCode(row: readonly string[], codes: readonly { code: string; label: string }[], questions: number): string {
  let text = '';
  for (let c = 0; c < questions; c++) {
    const v = (row[c] ?? '').trim();
    const hit = codes.find((k) => k.label === v || k.code === v);
    text += v === '' ? NO_ANSWER : hit ? hit.code : UNKNOWN;
  }
  return text.replace(/-+$/, '');
}

/**
 * The answers a typed code stands for, or the first character that is not a code. A space is a question not
 * answered; ? keeps the value there was.
 */
export function parseCode(
  text: string,
  previous: readonly string[],
  codes: readonly { code: string; label: string }[],
  questions: number,
): { row: string[] } | { bad: string } {
  const chars = [...text.replace(/ /g, NO_ANSWER)].slice(0, questions);
  const row: string[] = [];
  for (let c = 0; c < questions; c++) {
    const ch = chars[c];
    if (ch === undefined || ch === NO_ANSWER) row.push('');
    else if (ch === UNKNOWN) row.push(previous[c] ?? '');
    else {
      const hit = codes.find((k) => k.code === ch);
      if (!hit) return { bad: ch };
      row.push(hit.label);
    }
  }
  return { row };
}

/** A questionnaire's points as the rule counts them, or how many questions are left. */
function rowStatus(row: readonly string[], answers: readonly { label: string; points: number }[], questions: number): string {
  const filled = row.slice(0, questions).filter((v) => v.trim() !== '');
  if (filled.length === 0) return '';
  if (filled.length < questions) return T.surveyLeft(questions - filled.length);
  let points = 0;
  for (const v of filled) {
    const hit = answers.find((a) => a.label === v.trim() || String(a.points) === v.trim());
    if (!hit) return T.surveyWrong;
    points += hit.points;
  }
  return T.surveyPoints(points);
}

/**
 * The questionnaires, one per line: a box to type a whole questionnaire as a code (5543…, Enter for the next
 * one), its points, and on demand each question with its text and a picker. Nothing is wider than the form.
 */
export const SurveyGrid = memo(function SurveyGrid({ input, questions: texts, rows, topLeft, flagged, describedBy, open, onToggle, onChange }: SurveyGridProps) {
  const styles = useStyles();
  const questions = input.questions ?? texts.length;
  const max = input.rows ?? 30;
  const answers = input.answers ?? [];
  const codes = answerCodes(answers);
  const shown = visibleRows(rows, max);
  const [problem, setProblem] = useState<{ row: number; text: string } | null>(null);
  const name = input.name;
  const question = (c: number) => texts[c] ?? T.surveyQuestion(c + 1);

  const write = (r: number, update: (row: string[]) => string[]) => {
    const next = Array.from({ length: Math.max(rows.length, r + 1) }, (_, i) => {
      const row = rows[i] ?? [];
      return Array.from({ length: questions }, (_, c) => row[c] ?? '');
    });
    next[r] = update(next[r]);
    while (next.length && next[next.length - 1].every((v) => v.trim() === '')) next.pop();
    onChange(next);
  };

  const typed = (r: number, text: string) => {
    const parsed = parseCode(text, rows[r] ?? [], codes, questions);
    if ('bad' in parsed) {
      setProblem({ row: r, text: T.surveyBadCode(parsed.bad, codes.map((k) => k.code).join('、')) });
      return;
    }
    setProblem(null);
    write(r, () => parsed.row);
  };

  const move = (e: KeyboardEvent<HTMLInputElement>, r: number) => {
    const to = e.key === 'Enter' || e.key === 'ArrowDown' ? r + 1 : e.key === 'ArrowUp' ? r - 1 : null;
    if (to === null) return;
    e.preventDefault();
    document.getElementById(gridRowId(name, to))?.focus();
  };

  const options = (value: string) => {
    const known = value === '' || answers.some((a) => a.label === value);
    const extra = known ? null : answers.find((a) => String(a.points) === value.trim());
    return (
      <>
        <option value="">{T.surveyBlank}</option>
        {answers.map((a) => (
          <option key={a.label} value={a.label}>
            {a.label}
          </option>
        ))}
        {!known && <option value={value}>{extra ? `${value}（${extra.label}）` : value}</option>}
      </>
    );
  };

  const legend = `${name}-legend`;
  return (
    <div className={styles.grid} data-testid={`field-${name}`} id={`jx-${name}`} tabIndex={-1} role="group" aria-labelledby={`${name}-label`} aria-describedby={describedBy}>
      <Text id={`${name}-label`} weight="semibold">
        {input.label}
      </Text>
      <Accordion collapsible>
        <AccordionItem value="questions">
          <AccordionHeader size="small">{T.surveyQuestions(questions)}</AccordionHeader>
          <AccordionPanel>
            <ol className={styles.questions} data-testid="survey-questions">
              {Array.from({ length: questions }, (_, c) => (
                <li key={c}>
                  <Text size={200}>{question(c)}</Text>
                </li>
              ))}
            </ol>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      <Text as="p" size={200} className={styles.muted} id={legend}>
        {T.surveyLegend(codes.map((k) => `${k.code}=${k.label}`).join('，'))}
      </Text>
      <ol className={styles.rows}>
        {Array.from({ length: shown }, (_, r) => {
          const row = rows[r] ?? [];
          const cells = Array.from({ length: questions }, (_, c) => (topLeft ? cellText(offsetCell(topLeft, r, c)) : ''));
          const bad = cells.some((a) => !!a && flagged.has(a));
          const isOpen = open.has(r);
          const rowId = gridRowId(name, r);
          return (
            <li key={r}>
              <div className={styles.row}>
                <label htmlFor={rowId} className={styles.rowLabel}>
                  <Text size={200}>{T.surveyRow(r + 1)}</Text>
                </label>
                <Input
                  id={rowId}
                  className={mergeClasses(styles.code, bad && styles.invalid)}
                  input={{ className: styles.codeText, 'aria-describedby': `${rowId}-status ${problem?.row === r ? `${rowId}-problem` : legend}` }}
                  data-testid={`field-${name}-${r + 1}`}
                  value={rowCode(row, codes, questions)}
                  inputMode="numeric"
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={bad || undefined}
                  onChange={(_, d) => typed(r, d.value)}
                  onKeyDown={(e) => move(e, r)}
                  contentAfter={
                    <Text size={200} className={styles.status} id={`${rowId}-status`} data-testid={`field-${name}-${r + 1}-status`}>
                      {rowStatus(row, answers, questions)}
                    </Text>
                  }
                />
                <Button
                  size="small"
                  appearance="subtle"
                  className={styles.toggle}
                  aria-expanded={isOpen}
                  aria-controls={`${rowId}-detail`}
                  aria-label={`${T.surveyRow(r + 1)}${isOpen ? T.surveyCloseRow : T.surveyOpenRow}`}
                  onClick={() => onToggle(r, !isOpen)}
                >
                  {isOpen ? T.surveyCloseRow : T.surveyOpenRow}
                </Button>
                {problem?.row === r && (
                  <Text size={200} role="alert" id={`${rowId}-problem`} className={styles.problem}>
                    {problem.text}
                  </Text>
                )}
              </div>
              {isOpen && (
                <div className={styles.detail} id={`${rowId}-detail`} role="group" aria-label={T.surveyRow(r + 1)}>
                  {Array.from({ length: questions }, (_, c) => {
                    const id = gridCellId(name, r, c);
                    const flaggedCell = !!cells[c] && flagged.has(cells[c]);
                    return (
                      <Field key={c} label={{ children: `${c + 1}. ${question(c)}`, htmlFor: id }} validationState={flaggedCell ? 'error' : 'none'} size="small">
                        <Select
                          id={id}
                          size="small"
                          data-testid={`field-${name}-${r + 1}-${c + 1}`}
                          value={row[c] ?? ''}
                          aria-invalid={flaggedCell || undefined}
                          onChange={(_, d) => write(r, (old) => old.map((x, i) => (i === c ? d.value : x)))}
                        >
                          {options(row[c] ?? '')}
                        </Select>
                      </Field>
                    );
                  })}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <Text as="p" size={200} className={styles.muted}>
        {T.surveyCaption(max, questions)}
      </Text>
    </div>
  );
});
