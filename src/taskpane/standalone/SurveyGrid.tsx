import { memo, type ChangeEvent } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { cellText, offsetCell, type CellRef, type SchemeInput } from '../../engine';
import { T } from './strings';

const useStyles = makeStyles({
  scroller: {
    maxWidth: '100%',
    overflowX: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, minWidth: '100%' },
  caption: { captionSide: 'bottom', textAlign: 'start', padding: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3 },
  th: {
    position: 'sticky',
    top: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    textAlign: 'center',
  },
  rowHead: {
    position: 'sticky',
    left: 0,
    padding: `0 ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: 'nowrap',
    fontWeight: tokens.fontWeightRegular,
    textAlign: 'start',
  },
  td: { padding: '2px' },
  select: {
    width: '6.5em',
    minHeight: '28px',
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  whole: { backgroundColor: tokens.colorNeutralBackground2 },
  invalid: {
    border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
});

export interface SurveyGridProps {
  input: SchemeInput;
  rows: string[][];
  /** the grid's top-left cell in the workbook, to mark the cells findings name */
  topLeft?: CellRef;
  /** cells (Sheet!A1) that findings point at */
  flagged: ReadonlySet<string>;
  /** the id of the findings under the grid, for aria-describedby */
  describedBy?: string;
  onChange(rows: string[][]): void;
}

export function gridCellId(name: string, row: number, column: number): string {
  return `jx-${name}-${row}-${column}`;
}

/** Rows shown: every filled one and a blank one to type the next questionnaire into (at least 5, at most the grid's). */
export function visibleRows(rows: string[][], max: number): number {
  return Math.min(max, Math.max(5, rows.length + 1));
}

/** One questionnaire per row, one picker per question, and a picker that answers the whole questionnaire at once. */
export const SurveyGrid = memo(function SurveyGrid({ input, rows, topLeft, flagged, describedBy, onChange }: SurveyGridProps) {
  const styles = useStyles();
  const questions = input.questions ?? 10;
  const max = input.rows ?? 30;
  const answers = input.answers ?? [];
  const shown = visibleRows(rows, max);

  const set = (r: number, update: (row: string[]) => string[]) => {
    const next = Array.from({ length: Math.max(rows.length, r + 1) }, (_, i) => {
      const row = rows[i] ?? [];
      return Array.from({ length: questions }, (_, c) => row[c] ?? '');
    });
    next[r] = update(next[r]);
    while (next.length && next[next.length - 1].every((v) => v.trim() === '')) next.pop();
    onChange(next);
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

  return (
    <div className={styles.scroller} data-testid={`field-${input.name}`} id={`jx-${input.name}`} tabIndex={-1} role="group" aria-label={input.label} aria-describedby={describedBy}>
      <table className={styles.table}>
        <caption className={styles.caption}>{T.surveyCaption(max, questions)}</caption>
        <thead>
          <tr>
            <th className={mergeClasses(styles.th, styles.rowHead)} scope="col">
              {T.surveyRowsHead}
            </th>
            <th className={styles.th} scope="col">
              {T.surveyWhole}
            </th>
            {Array.from({ length: questions }, (_, c) => (
              <th key={c} className={styles.th} scope="col" title={T.surveyQuestion(c + 1)}>
                Q{c + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: shown }, (_, r) => {
            const row = rows[r] ?? [];
            const uniform = row.length > 0 && row.length >= questions && row.every((v) => v === row[0]) ? row[0] : '';
            return (
              <tr key={r}>
                <th className={styles.rowHead} scope="row">
                  {T.surveyRow(r + 1)}
                </th>
                <td className={styles.td}>
                  <select
                    className={mergeClasses(styles.select, styles.whole)}
                    aria-label={`${T.surveyRow(r + 1)}${T.surveyWhole}`}
                    data-testid={`field-${input.name}-${r + 1}-all`}
                    value={answers.some((a) => a.label === uniform) ? uniform : ''}
                    onChange={(e: ChangeEvent<HTMLSelectElement>) => {
                      const v = e.target.value;
                      if (v) set(r, () => Array.from({ length: questions }, () => v));
                    }}
                  >
                    <option value="">{T.surveyBlank}</option>
                    {answers.map((a) => (
                      <option key={a.label} value={a.label}>
                        {a.label}
                      </option>
                    ))}
                  </select>
                </td>
                {Array.from({ length: questions }, (_, c) => {
                  const value = row[c] ?? '';
                  const address = topLeft ? cellText(offsetCell(topLeft, r, c)) : '';
                  const bad = !!address && flagged.has(address);
                  return (
                    <td key={c} className={styles.td}>
                      <select
                        id={gridCellId(input.name, r, c)}
                        className={mergeClasses(styles.select, bad && styles.invalid)}
                        aria-label={`${T.surveyRow(r + 1)}${T.surveyQuestion(c + 1)}`}
                        aria-invalid={bad || undefined}
                        data-testid={`field-${input.name}-${r + 1}-${c + 1}`}
                        value={value}
                        onChange={(e: ChangeEvent<HTMLSelectElement>) => {
                          const v = e.target.value;
                          set(r, (old) => old.map((x, i) => (i === c ? v : x)));
                        }}
                      >
                        {options(value)}
                      </select>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});
