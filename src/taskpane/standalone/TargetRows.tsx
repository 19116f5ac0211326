/**
 * A table input (绩效指标's rows, 项目支出's lines) as an editable list: one group of labelled controls per row,
 * pickers for the standard 一级/二级 and the 指标性质, the 完成情况 picker on 定性 rows, the row's 得分 and 计算过程
 * beside it as the officer types, and buttons to insert, delete (confirmed when the row holds anything) and move
 * rows, each saying which row it acts on. The row order is the sheet's: row r is the table's row r.
 */
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import { columnIndex, type Decimal, type Evaluation, type Finding, type Scheme, type SchemeTable, type TableField } from '../../engine';
import { FindingLines, type FieldMessage } from './InputForm';
import { carried, deleteRow, insertRow, moveRow, setCell } from './rowEdits';
import { T } from './strings';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: 'none' },
  row: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  fields: {
    display: 'grid',
    gap: tokens.spacingHorizontalS,
    gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
  },
  wide: { gridColumn: '1 / -1' },
  result: { display: 'flex', flexDirection: 'column', gap: '2px', color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface TargetRowsProps {
  scheme: Scheme;
  table: SchemeTable;
  rows: string[][];
  evaluation: Evaluation | null;
  /** the table's first cell (Sheet!A16), to place the findings that cite its cells on their rows */
  firstCell: { sheet: string; address: string } | undefined;
  /** a prefix making the controls' ids unique on the page (one per form) */
  idPrefix: string;
  onChange(rows: string[][]): void;
  /** what the page announces after a row was added, deleted or moved */
  onAnnounce?(text: string): void;
}

/** The id of a row's field control (for select(), and for tests). */
export function rowFieldId(prefix: string, table: string, row: number, field: number): string {
  return `${prefix}-${table}-r${row}-f${field}`;
}

function rowActionId(prefix: string, table: string, row: number, action: string): string {
  return `${prefix}-${table}-r${row}-${action}`;
}

/** Where a finding's cells fall in the table: the rows they cite (a finding about the whole table cites none). */
function rowsOf(finding: Finding, first: { sheet: string; address: string } | undefined, width: number): number[] {
  if (!first) return [];
  const m = /^([A-Z]+)(\d+)$/.exec(first.address);
  if (!m) return [];
  const left = columnIndex(m[1]);
  const top = Number(m[2]);
  const out = new Set<number>();
  for (const cell of finding.cells ?? []) {
    const bang = cell.lastIndexOf('!');
    const sheet = cell.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    const at = /^\$?([A-Z]+)\$?(\d+)/.exec(cell.slice(bang + 1));
    if (!at || sheet.toLowerCase() !== first.sheet.toLowerCase()) continue;
    const r = Number(at[2]) - top;
    const c = columnIndex(at[1]) - left;
    // the table's own first cell stands for the whole table unless the finding names that row
    if (r === 0 && c === 0 && !/第1行/.test(finding.message)) continue;
    if (r >= 0 && c >= 0 && c < width) out.add(r);
  }
  return [...out];
}

const LEVEL1 = 'level1';
const LEVEL2 = 'level2';
const SENSE = 'sense';
/** fields that only a 定性 row uses (shown on other rows only when they hold something) */
const QUALITATIVE_ONLY = new Set(['rating', 'score']);
const LONG = new Set(['deviation']);

export function TargetRows({ scheme, table, rows, evaluation, firstCell, idPrefix, onChange, onAnnounce }: TargetRowsProps) {
  const styles = useStyles();
  const width = table.fields.length;
  const carry = useMemo(() => [LEVEL1, LEVEL2].map((n) => table.fields.findIndex((f) => f.name === n)).filter((i) => i >= 0), [table]);
  const levels = useMemo(() => carried(rows, carry), [rows, carry]);
  const [confirm, setConfirm] = useState<number | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const scoresOn = evaluation?.table?.table === table.name;

  const byRow = useMemo(() => {
    const map = new Map<number, FieldMessage[]>();
    const whole: FieldMessage[] = [];
    for (const f of evaluation?.issues ?? []) {
      if (!f.inputs.includes(table.name)) continue;
      const at = rowsOf(f, firstCell, width);
      const message = { severity: f.severity, code: f.code, text: f.message };
      if (!at.length) whole.push(message);
      for (const r of at) map.set(r, [...(map.get(r) ?? []), message]);
    }
    return { map, whole };
  }, [evaluation, table, firstCell, width]);

  const focusLater = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

  // the rows' controls get callbacks that never change (reading the rows of now), so typing re-renders one row only
  const latest = useRef({ rows, onChange });
  latest.current = { rows, onChange };
  const change = useCallback((r: number, f: number, value: string) => latest.current.onChange(setCell(latest.current.rows, r, f, value)), []);

  const add = (at: number) => {
    const { rows, onChange } = latest.current;
    onChange(insertRow(rows, at, width));
    onAnnounce?.(T.rowAdded(at + 1));
    focusLater(rowFieldId(idPrefix, table.name, at, carry.length ? Math.max(...carry) + 1 : 0));
  };
  const remove = (r: number) => {
    const { rows, onChange } = latest.current;
    onChange(deleteRow(rows, r, carry));
    onAnnounce?.(T.rowDeleted(r + 1));
    const next = Math.min(r, rows.length - 2);
    focusLater(next >= 0 ? rowActionId(idPrefix, table.name, next, 'delete') : `${idPrefix}-${table.name}-add`);
  };
  const move = (r: number, to: number, action: string) => {
    const { rows, onChange } = latest.current;
    onChange(moveRow(rows, r, to, carry));
    onAnnounce?.(T.rowMoved(r + 1, to + 1));
    // the keyboard stays on the same button of the moved row (or its other move button at an end)
    const edge = (action === 'up' && to === 0) || (action === 'down' && to === rows.length - 1);
    focusLater(rowActionId(idPrefix, table.name, to, edge ? (action === 'up' ? 'down' : 'up') : action));
  };
  const askRemove = (r: number) => {
    if (latest.current.rows[r].every((v) => v.trim() === '')) remove(r);
    else setConfirm(r);
  };
  const actions = useRef({ add, remove: askRemove, move });
  actions.current = { add, remove: askRemove, move };
  const onInsert = useCallback((at: number) => actions.current.add(at), []);
  const onDelete = useCallback((r: number) => actions.current.remove(r), []);
  const onMove = useCallback((r: number, to: number, action: 'up' | 'down') => actions.current.move(r, to, action), []);

  return (
    <div>
      <Text as="p" size={200}>
        {T.rowsIntro(rows.length)}
      </Text>
      {byRow.whole.length > 0 && (
        <div aria-label={T.tableFindings} role="group">
          <FindingLines messages={byRow.whole} input={table.name} />
        </div>
      )}
      <ol className={styles.list} aria-label={table.label}>
        {rows.map((row, r) => (
          <li key={r}>
            <TargetRow
              scheme={scheme}
              table={table}
              row={row}
              r={r}
              count={rows.length}
              inherited={levels[r] ?? []}
              carry={carry}
              score={scoresOn ? evaluation!.table!.scores[r] : undefined}
              text={scoresOn ? evaluation!.table!.texts[r] : undefined}
              messages={byRow.map.get(r) ?? []}
              idPrefix={idPrefix}
              onCell={change}
              onInsert={onInsert}
              onDelete={onDelete}
              onMove={onMove}
            />
          </li>
        ))}
      </ol>
      <Button id={`${idPrefix}-${table.name}-add`} data-testid={`add-row-${table.name}`} onClick={() => add(rows.length)}>
        {T.addRow(table.label)}
      </Button>

      <Dialog open={confirm !== null} onOpenChange={(_, d) => !d.open && setConfirm(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{confirm !== null ? T.confirmDeleteTitle(confirm + 1) : ''}</DialogTitle>
            <DialogContent>
              {confirm !== null
                ? T.confirmDelete(
                    rows[confirm]
                      .map((v) => v.trim())
                      .filter(Boolean)
                      .join('、'),
                  )
                : null}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" ref={cancel} data-testid="cancel-delete" onClick={() => setConfirm(null)}>
                {T.cancel}
              </Button>
              <Button
                data-testid="confirm-delete"
                onClick={() => {
                  const r = confirm;
                  setConfirm(null);
                  if (r !== null) remove(r);
                }}
              >
                {T.confirmDeleteButton}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}

interface TargetRowProps {
  scheme: Scheme;
  table: SchemeTable;
  row: string[];
  r: number;
  count: number;
  inherited: string[];
  carry: number[];
  score: Decimal | null | undefined;
  text: string | undefined;
  messages: FieldMessage[];
  idPrefix: string;
  onCell(r: number, f: number, value: string): void;
  onInsert(at: number): void;
  onDelete(r: number): void;
  onMove(r: number, to: number, action: 'up' | 'down'): void;
}

/** The choices of a field: the standard 一级 (and the 二级 of the row's 一级), or the field's own list. */
function choicesOf(scheme: Scheme, field: TableField, level1: string): string[] | null {
  const levels = scheme.targets?.levels ?? [];
  if (field.name === LEVEL1 && levels.length) return levels.map((l) => l.name);
  if (field.name === LEVEL2 && levels.length) {
    const of = levels.find((l) => level1.startsWith(l.name) || l.aliases.some((a) => level1.startsWith(a)));
    return (of ? of.groups : levels.flatMap((l) => l.groups)).map((g) => g.name);
  }
  return field.choices ?? null;
}

const scoreKey = (s: Decimal | null | undefined) => (s === undefined ? '-' : s === null ? '' : s.toString());

/** Whether a row's props would render the same (its cells by identity, the rest by what they show). */
function sameRow(a: TargetRowProps, b: TargetRowProps): boolean {
  return (
    a.row === b.row &&
    a.r === b.r &&
    a.count === b.count &&
    a.inherited.join('\u0000') === b.inherited.join('\u0000') &&
    scoreKey(a.score) === scoreKey(b.score) &&
    a.text === b.text &&
    a.messages.map((m) => m.severity + m.text).join('\n') === b.messages.map((m) => m.severity + m.text).join('\n') &&
    a.scheme === b.scheme &&
    a.table === b.table &&
    a.idPrefix === b.idPrefix &&
    a.onCell === b.onCell
  );
}

const TargetRow = memo(function TargetRow({ scheme, table, row, r, count, inherited, carry, score, text, messages, idPrefix, onCell, onInsert, onDelete, onMove }: TargetRowProps) {
  const styles = useStyles();
  const n = r + 1;
  const nameField = table.fields.findIndex((f) => f.name === 'name');
  const senseField = table.fields.findIndex((f) => f.name === SENSE);
  const qualitative = senseField >= 0 && row[senseField]?.trim() === '定性';
  const weightField = table.fields.findIndex((f) => f.name === 'weight');
  const legend = T.rowLegend(n, nameField >= 0 ? (row[nameField] ?? '').trim() : '');
  const level1 = inherited[0] ?? '';
  return (
    <fieldset className={styles.row} data-testid={`row-${table.name}`} data-row={r}>
      <legend className={styles.legend}>{legend}</legend>
      <div className={styles.fields}>
        {table.fields.map((field, f) => {
          const value = row[f] ?? '';
          if (QUALITATIVE_ONLY.has(field.name) && !qualitative && value.trim() === '') return null;
          const id = rowFieldId(idPrefix, table.name, r, f);
          const k = carry.indexOf(f);
          const choices = choicesOf(scheme, field, level1);
          let control: JSX.Element;
          if (choices) {
            const blank = k >= 0 ? T.sameAsAbove(r > 0 ? (inherited[k] ?? '') : '') : T.choose;
            control = (
              <Select id={id} value={value} onChange={(_, d) => onCell(r, f, d.value)} data-field={field.name}>
                <option value="">{blank}</option>
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
                {value !== '' && !choices.includes(value) && <option value={value}>{value}</option>}
              </Select>
            );
          } else {
            control = (
              <Input
                id={id}
                value={value}
                inputMode={field.kind === 'text' ? undefined : 'decimal'}
                onChange={(_, d) => onCell(r, f, d.value)}
                data-field={field.name}
              />
            );
          }
          return (
            <Field key={field.name} label={{ children: field.label, htmlFor: id }} className={LONG.has(field.name) ? styles.wide : undefined}>
              {control}
            </Field>
          );
        })}
      </div>
      {text !== undefined && (
        <div className={styles.result} data-testid="row-result" aria-live="polite">
          <Text size={200} weight="semibold" data-testid="row-score">
            {score === null || score === undefined ? T.rowNoScore : T.rowScore(score.toFixed(2), weightField >= 0 ? (row[weightField] ?? '').trim() : '')}
          </Text>
          {text && (
            <Text size={200} data-testid="row-text">
              {T.rowText}：{text}
            </Text>
          )}
        </div>
      )}
      <FindingLines messages={messages} input={table.name} />
      <div className={styles.actions} role="group" aria-label={legend}>
        <Button size="small" id={rowActionId(idPrefix, table.name, r, 'up')} aria-label={T.moveUp(n)} disabled={r === 0} onClick={() => onMove(r, r - 1, 'up')}>
          {T.moveUpShort}
        </Button>
        <Button size="small" id={rowActionId(idPrefix, table.name, r, 'down')} aria-label={T.moveDown(n)} disabled={r === count - 1} onClick={() => onMove(r, r + 1, 'down')}>
          {T.moveDownShort}
        </Button>
        <Button size="small" id={rowActionId(idPrefix, table.name, r, 'insert')} aria-label={T.insertBelow(n)} onClick={() => onInsert(r + 1)}>
          {T.insertShort}
        </Button>
        <Button size="small" id={rowActionId(idPrefix, table.name, r, 'delete')} aria-label={T.deleteRow(n)} onClick={() => onDelete(r)} data-testid="delete-row">
          {T.deleteShort}
        </Button>
      </div>
    </fieldset>
  );
}, sameRow);

