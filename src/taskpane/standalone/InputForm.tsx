import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import type { CellRef, Evaluation, Finding, Scheme, SchemeInput } from '../../engine';
import type { FieldTarget } from '../../workbook/browser/fileSession';
import { isBlank, type FormValue, type FormValues } from '../../workbook/browser/formValues';
import { fieldMessage, formMessage, isBlankFinding, rangeHint, requiredInputs, surveyInputs } from '../findings';
import { SEVERITY_LABEL } from '../strings';
import { T } from './strings';
import { gridCellId, gridRowId, SurveyGrid } from './SurveyGrid';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  heading: { margin: 0 },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
    '@media (min-width: 600px)': { gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))' },
  },
  wide: { gridColumn: '1 / -1' },
  findings: { display: 'flex', flexDirection: 'column', gap: '2px' },
  finding: { display: 'block' },
  pending: { display: 'block', color: tokens.colorNeutralForeground3 },
  note: { margin: 0, color: tokens.colorNeutralForeground2 },
  gridFindings: { display: 'flex', flexDirection: 'column', gap: '2px', margin: 0, paddingLeft: 0, listStyleType: 'none' },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

export interface InputFormProps {
  scheme: Scheme;
  values: FormValues;
  cells: Record<string, CellRef>;
  evaluation: Evaluation | null;
  onChange(name: string, value: FormValue): void;
  /** where select() asks the form to focus one of its controls */
  focusRequests?(listener: (target: FieldTarget) => void): () => void;
}

export function fieldId(name: string): string {
  return `jx-${name}`;
}

/** A section's number as the summary form writes it: 八、 */
const SECTION_NUMBER = /^[一二三四五六七八九十]+、/;

type SurveyMode = 'grid' | 'tally';

const NO_ROWS: string[][] = [];

/**
 * The scheme's inputs as a form: the sections of the summary form with their labels and units (amounts in the
 * form's 金额单位), 是/否 pickers, text areas for long text, the survey grid or its tally, and next to each
 * control the findings that concern it.
 */
export function InputForm({ scheme, values, cells, evaluation, onChange, focusRequests }: InputFormProps) {
  const styles = useStyles();
  const survey = useMemo(() => surveyInputs(scheme), [scheme]);
  const [mode, setMode] = useState<SurveyMode>(() =>
    survey && isBlank(values[survey.answers]) && (!isBlank(values[survey.points]) || !isBlank(values[survey.count])) ? 'tally' : 'grid',
  );
  const pendingFocus = useRef<FieldTarget | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const [surveyOpen, setSurveyOpen] = useState<ReadonlySet<number>>(() => new Set());
  const toggleRow = useCallback(
    (row: number, open: boolean) =>
      setSurveyOpen((prev) => {
        const next = new Set(prev);
        if (open) next.add(row);
        else next.delete(row);
        return next;
      }),
    [],
  );
  // marked *: what scoring always needs, and what it turns out to need (上年结转 once there is a 当年结余)
  const required = useMemo(() => {
    const set = new Set(requiredInputs(scheme));
    for (const f of evaluation?.issues ?? []) if (isBlankFinding(f, evaluation!)) for (const n of f.inputs) set.add(n);
    return set;
  }, [scheme, evaluation]);

  // the findings about each input, except that it is not filled yet (the * and the summary's progress say that)
  const byInput = useMemo(() => {
    const map = new Map<string, Finding[]>();
    for (const f of evaluation?.issues ?? []) {
      if (isBlankFinding(f, evaluation!)) continue;
      for (const name of new Set(f.inputs)) {
        const list = map.get(name) ?? [];
        list.push(f);
        map.set(name, list);
      }
    }
    return map;
  }, [evaluation]);

  const flagged = useMemo(() => {
    const set = new Set<string>();
    if (survey) for (const f of byInput.get(survey.answers) ?? []) if (f.severity === 'error') for (const c of f.cells ?? []) set.add(c);
    return set;
  }, [byInput, survey]);

  const unitInput = scheme.identity.unit;
  const unitValue = values[unitInput];
  const amountUnit = typeof unitValue === 'string' && ['元', '万元'].includes(unitValue.trim()) ? unitValue.trim() : '';

  // select(): switch the survey editor if need be, then focus once rendered
  useEffect(() => {
    if (!focusRequests) return;
    return focusRequests((target) => {
      if (survey && target.name === survey.answers) setMode('grid');
      if (survey && (target.name === survey.points || target.name === survey.count)) setMode('tally');
      if (target.row !== undefined && target.column !== undefined) toggleRow(target.row, true);
      pendingFocus.current = target;
      setFocusTick((n) => n + 1);
    });
  }, [focusRequests, survey, toggleRow]);

  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    const id =
      target.row === undefined ? fieldId(target.name) : target.column === undefined ? gridRowId(target.name, target.row) : gridCellId(target.name, target.row, target.column);
    const el = document.getElementById(id) ?? document.getElementById(fieldId(target.name));
    if (!el) return;
    el.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
    el.focus({ preventScroll: true });
  }, [focusTick]);

  const change = useCallback((name: string, value: FormValue) => onChange(name, value), [onChange]);

  const row = (name: string) => {
    const input = scheme.inputs.find((i) => i.name === name);
    if (!input || input.kind === 'survey') return null;
    const findings = byInput.get(name) ?? [];
    const messages = findings.map((f) => ({ severity: f.severity, code: f.code, text: fieldMessage(f, input, scheme, amountUnit) }));
    return (
      <FieldRow
        key={name}
        input={input}
        value={typeof values[name] === 'string' ? (values[name] as string) : ''}
        unit={input.kind === 'amount' ? amountUnit : (input.unit ?? '')}
        required={required.has(name)}
        messages={messages}
        messagesKey={messages.map((m) => `${m.severity}${m.code}${m.text}`).join('\n')}
        wide={input.kind === 'text' && !!input.width}
        onChange={change}
      />
    );
  };

  const gridInput = survey ? scheme.inputs.find((i) => i.name === survey.answers) : undefined;
  const gridName = gridInput?.name;
  const changeGrid = useCallback((rows: string[][]) => gridName && onChange(gridName, rows), [gridName, onChange]);
  const gridRows = survey && Array.isArray(values[survey.answers]) ? (values[survey.answers] as string[][]) : NO_ROWS;
  const answered = gridRows.filter((r) => r.some((v) => v.trim() !== '')).length;
  const gridFindings = survey ? (byInput.get(survey.answers) ?? []) : [];

  const surveyBlock = survey && gridInput && (
    <div className={styles.wide}>
      <Field label={T.surveyMode}>
        <RadioGroup layout="horizontal" value={mode} onChange={(_, d) => setMode(d.value as SurveyMode)} data-testid="survey-mode">
          <Radio value="grid" label={T.surveyGrid} />
          <Radio value="tally" label={T.surveyTally} />
        </RadioGroup>
      </Field>
      {mode === 'grid' ? (
        <>
          <SurveyGrid
            input={gridInput}
            questions={scheme.layout.survey.questions}
            rows={gridRows}
            topLeft={cells[gridInput.name]}
            flagged={flagged}
            describedBy={gridFindings.length ? `${fieldId(gridInput.name)}-findings` : undefined}
            open={surveyOpen}
            onToggle={toggleRow}
            onChange={changeGrid}
          />
          <FindingLines
            id={`${fieldId(gridInput.name)}-findings`}
            messages={gridFindings.map((f) => ({ severity: f.severity, code: f.code, text: formMessage(f, scheme) }))}
            input={gridInput.name}
          />
        </>
      ) : (
        <Text as="p" size={200} className={styles.note}>
          {answered ? T.surveyGridNote(answered) : T.surveyTallyNote}
        </Text>
      )}
    </div>
  );

  return (
    <form className={styles.form} onSubmit={(e) => e.preventDefault()} aria-labelledby="form-heading" noValidate>
      <Text as="h2" id="form-heading" size={400} weight="semibold" className={styles.heading}>
        {T.formHeading}
      </Text>
      <Text as="p" size={200} className={styles.intro}>
        {T.formIntro}
      </Text>
      {scheme.layout.summary.sections.map((section, k) => {
        const holdsTally = !!survey && (section.fields.includes(survey.points) || section.fields.includes(survey.count));
        const fields = holdsTally ? section.fields.filter((f) => f !== survey!.points && f !== survey!.count) : section.fields;
        // the sheet's title for the tally speaks of the survey sheet (…此处不填); here the section holds the questionnaires themselves
        const title = holdsTally ? `${SECTION_NUMBER.exec(section.title)?.[0] ?? ''}${T.surveyHeading}` : section.title;
        return (
          <section key={section.title} className={styles.section} aria-labelledby={`form-section-${k}`}>
            <Text as="h3" id={`form-section-${k}`} size={300} weight="semibold" className={styles.heading}>
              {title}
            </Text>
            <div className={styles.fields}>
              {fields.map(row)}
              {holdsTally && surveyBlock}
              {holdsTally && mode === 'tally' && [survey!.points, survey!.count].map(row)}
            </div>
          </section>
        );
      })}
      {survey && gridInput && !scheme.layout.summary.sections.some((s) => s.fields.includes(survey.points) || s.fields.includes(survey.count)) && (
        <section className={styles.section} aria-label={T.surveyHeading}>
          <Text as="h3" size={300} weight="semibold" className={styles.heading}>
            {T.surveyHeading}
          </Text>
          <div className={styles.fields}>{surveyBlock}</div>
        </section>
      )}
    </form>
  );
}

/** A finding as a form shows it, already worded for the control it is under. */
export interface FieldMessage {
  severity: Finding['severity'];
  code: string;
  text: string;
}

/** The findings about one control, under it: errors in red, warnings in orange, notes plain. */
export function FindingLines({ messages, id, input }: { messages: FieldMessage[]; id?: string; input: string }) {
  const styles = useStyles();
  if (!messages.length) return null;
  return (
    <ul className={styles.gridFindings} id={id}>
      {messages.map((m, i) => (
        <li
          key={i}
          data-testid="field-finding"
          data-input={input}
          data-severity={m.severity}
          data-code={m.code}
          className={mergeClasses(m.severity === 'error' ? styles.error : m.severity === 'warning' ? styles.warning : undefined)}
        >
          <Text size={200}>
            {SEVERITY_LABEL[m.severity]}：{m.text}
          </Text>
        </li>
      ))}
    </ul>
  );
}

interface FieldRowProps {
  input: SchemeInput;
  value: string;
  unit: string;
  required: boolean;
  messages: FieldMessage[];
  messagesKey: string;
  wide: boolean;
  onChange(name: string, value: FormValue): void;
}

function stateOf(messages: FieldMessage[]): 'error' | 'warning' | 'none' {
  if (messages.some((m) => m.severity === 'error')) return 'error';
  if (messages.some((m) => m.severity === 'warning')) return 'warning';
  return 'none';
}

/** One labelled control with its findings; re-rendered only when its value, unit or findings change. */
export const FieldRow = memo(
  function FieldRow({ input, value, unit, required, messages, wide, onChange }: FieldRowProps) {
    const styles = useStyles();
    const id = fieldId(input.name);
    const testid = `field-${input.name}`;
    const set = (v: string) => onChange(input.name, v);
    let control: JSX.Element;
    switch (input.kind) {
      case 'yesno':
      case 'unit': {
        const choices = input.kind === 'yesno' ? [T.yes, T.no] : ['元', '万元'];
        control = (
          <Select id={id} data-testid={testid} value={value} onChange={(_, d) => set(d.value)}>
            <option value="">{T.choose}</option>
            {choices.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
            {value !== '' && !choices.includes(value) && <option value={value}>{value}</option>}
          </Select>
        );
        break;
      }
      case 'text':
        control =
          input.width === 'long' ? (
            <Textarea id={id} data-testid={testid} value={value} resize="vertical" rows={4} onChange={(_, d) => set(d.value)} />
          ) : (
            <Input id={id} data-testid={testid} value={value} onChange={(_, d) => set(d.value)} />
          );
        break;
      case 'date':
        control = <Input id={id} data-testid={testid} value={value} placeholder="如 2025-03-15" onChange={(_, d) => set(d.value)} />;
        break;
      default:
        control = (
          <Input
            id={id}
            data-testid={testid}
            value={value}
            inputMode={input.kind === 'integer' || input.kind === 'year' ? 'numeric' : 'decimal'}
            contentAfter={unit ? <Text size={200}>{unit}</Text> : undefined}
            onChange={(_, d) => set(d.value)}
          />
        );
    }
    const range = rangeHint(input);
    return (
      <Field
        className={wide ? styles.wide : undefined}
        label={{ children: input.label, htmlFor: id }}
        required={required}
        hint={range ? T.rangeHint(range) : undefined}
        validationState={stateOf(messages)}
        validationMessage={messages.length ? <FindingLines messages={messages} input={input.name} /> : undefined}
        validationMessageIcon={null}
      >
        {control}
      </Field>
    );
  },
  (a, b) =>
    a.value === b.value &&
    a.unit === b.unit &&
    a.required === b.required &&
    a.messagesKey === b.messagesKey &&
    a.input === b.input &&
    a.wide === b.wide &&
    a.onChange === b.onChange,
);
