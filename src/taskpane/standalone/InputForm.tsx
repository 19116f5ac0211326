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
import { SEVERITY_LABEL } from '../strings';
import { T } from './strings';
import { gridCellId, SurveyGrid } from './SurveyGrid';

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

/** The survey rule's three inputs: the answer grid, and the tally typed instead of it. */
function surveyInputs(scheme: Scheme): { answers: string; points: string; count: string } | null {
  const rule = scheme.indicators.find((i) => i.rule.kind === 'survey')?.rule as Record<string, unknown> | undefined;
  if (!rule || typeof rule.answers !== 'string' || typeof rule.points !== 'string' || typeof rule.count !== 'string') return null;
  return { answers: rule.answers, points: rule.points, count: rule.count };
}

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

  const byInput = useMemo(() => {
    const map = new Map<string, Finding[]>();
    for (const f of evaluation?.issues ?? []) {
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
      pendingFocus.current = target;
      setFocusTick((n) => n + 1);
    });
  }, [focusRequests, survey]);

  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    const id = target.row !== undefined && target.column !== undefined ? gridCellId(target.name, target.row, target.column) : fieldId(target.name);
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
    return (
      <FieldRow
        key={name}
        input={input}
        value={typeof values[name] === 'string' ? (values[name] as string) : ''}
        unit={input.kind === 'amount' ? amountUnit : (input.unit ?? '')}
        findings={findings}
        findingsKey={findings.map((f) => `${f.severity}${f.code}${f.message}`).join('\n')}
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
            rows={gridRows}
            topLeft={cells[gridInput.name]}
            flagged={flagged}
            describedBy={gridFindings.length ? `${fieldId(gridInput.name)}-findings` : undefined}
            onChange={changeGrid}
          />
          <FindingLines id={`${fieldId(gridInput.name)}-findings`} findings={gridFindings} input={gridInput.name} />
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
        return (
          <section key={section.title} className={styles.section} aria-labelledby={`form-section-${k}`}>
            <Text as="h3" id={`form-section-${k}`} size={300} weight="semibold" className={styles.heading}>
              {section.title}
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

/** The findings about one control, under it: errors in red, warnings in orange, a blank required value as a hint. */
export function FindingLines({ findings, id, input }: { findings: Finding[]; id?: string; input: string }) {
  const styles = useStyles();
  if (!findings.length) return null;
  return (
    <ul className={styles.gridFindings} id={id}>
      {findings.map((f, i) => (
        <li
          key={i}
          data-testid="field-finding"
          data-input={input}
          data-severity={f.severity}
          data-code={f.code}
          className={mergeClasses(f.code === 'missing_input' ? styles.pending : f.severity === 'error' ? styles.error : f.severity === 'warning' ? styles.warning : undefined)}
        >
          <Text size={200}>
            {f.code === 'missing_input' ? '' : `${SEVERITY_LABEL[f.severity]}：`}
            {f.message}
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
  findings: Finding[];
  findingsKey: string;
  wide: boolean;
  onChange(name: string, value: FormValue): void;
}

function stateOf(findings: Finding[]): 'error' | 'warning' | 'none' {
  const real = findings.filter((f) => f.code !== 'missing_input');
  if (real.some((f) => f.severity === 'error')) return 'error';
  if (real.some((f) => f.severity === 'warning')) return 'warning';
  return 'none';
}

/** One labelled control with its findings; re-rendered only when its value, unit or findings change. */
const FieldRow = memo(
  function FieldRow({ input, value, unit, findings, wide, onChange }: FieldRowProps) {
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
    return (
      <Field
        className={wide ? styles.wide : undefined}
        label={{ children: input.label, htmlFor: id }}
        required={input.required}
        validationState={stateOf(findings)}
        validationMessage={findings.length ? <FindingLines findings={findings} input={input.name} /> : undefined}
        validationMessageIcon={null}
      >
        {control}
      </Field>
    );
  },
  (a, b) => a.value === b.value && a.unit === b.unit && a.findingsKey === b.findingsKey && a.input === b.input && a.wide === b.wide && a.onChange === b.onChange,
);
