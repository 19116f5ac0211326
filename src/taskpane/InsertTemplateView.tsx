import { useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  ProgressBar,
  Radio,
  RadioGroup,
  shorthands,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Scheme } from '../engine';
import type { MoneyUnit } from '../workbook/types';
import type { InsertOptions, SheetRole } from '../workbook/session';
import type { InsertProgress } from './useScoring';
import { S } from './strings';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  sheets: { display: 'flex', flexDirection: 'column', ...shorthands.borderStyle('none'), margin: 0, padding: 0, minWidth: 0 },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  step: { color: tokens.colorNeutralForeground2 },
  flush: { margin: 0 },
});

export interface InsertTemplateViewProps {
  schemes: Scheme[];
  busy: boolean;
  progress: InsertProgress | null;
  onInsert(scheme: Scheme, options: InsertOptions): void;
  /** wording for another use of the form (the standalone page's 新建模板); the pane's 插入模板 by default */
  heading?: string;
  intro?: string;
  submitLabel?: string;
  /** offer the optional survey sheet; default true (the exceljs adapter always writes all three sheets) */
  chooseSheets?: boolean;
}

const UNITS: MoneyUnit[] = ['元', '万元'];

/** Year of the self-evaluation: usually the year just ended. */
function defaultYear(): string {
  return String(new Date().getFullYear() - 1);
}

export function yearProblem(year: string): string | undefined {
  const y = year.trim();
  if (!/^\d{4}$/.test(y)) return S.yearFormat;
  const n = Number(y);
  return n < 2000 || n > 2100 ? S.yearRange : undefined;
}

export function InsertTemplateView({
  schemes,
  busy,
  progress,
  onInsert,
  heading = S.insertHeading,
  intro = S.insertIntro,
  submitLabel = S.insertButton,
  chooseSheets = true,
}: InsertTemplateViewProps) {
  const styles = useStyles();
  const [schemeId, setSchemeId] = useState(schemes[0]?.id ?? '');
  const [dept, setDept] = useState('');
  const [year, setYear] = useState(defaultYear);
  const [unit, setUnit] = useState<MoneyUnit>('万元');
  const [survey, setSurvey] = useState(true);
  const [submitted, setSubmitted] = useState(false);

  const scheme = schemes.find((s) => s.id === schemeId) ?? schemes[0];
  const deptError = submitted && !dept.trim() ? S.deptRequired : undefined;
  const yearError = submitted ? yearProblem(year) : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (busy || !scheme || !dept.trim() || yearProblem(year)) return;
    const sheets: SheetRole[] = survey || !chooseSheets ? ['summary', 'scoring', 'survey'] : ['summary', 'scoring'];
    onInsert(scheme, { dept: dept.trim(), year: Number(year.trim()), unit, sheets });
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="insert-heading">
      <Text as="h2" id="insert-heading" size={400} weight="semibold" className={styles.flush}>
        {heading}
      </Text>
      <Text>{intro}</Text>

      {schemes.length > 1 && (
        <Field label={S.schemeLabel}>
          <Select value={schemeId} onChange={(_, d) => setSchemeId(d.value)} disabled={busy}>
            {schemes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </Select>
        </Field>
      )}

      <Field label={S.deptLabel} required validationMessage={deptError} validationState={deptError ? 'error' : 'none'}>
        <Input value={dept} onChange={(_, d) => setDept(d.value)} placeholder={S.deptPlaceholder} disabled={busy} />
      </Field>

      <Field
        label={S.yearLabel}
        required
        hint={yearError ? undefined : S.yearHint}
        validationMessage={yearError}
        validationState={yearError ? 'error' : 'none'}
      >
        <Input value={year} onChange={(_, d) => setYear(d.value)} inputMode="numeric" maxLength={4} disabled={busy} />
      </Field>

      <Field label={S.unitLabel}>
        <RadioGroup layout="horizontal" value={unit} onChange={(_, d) => setUnit(d.value as MoneyUnit)} disabled={busy}>
          {UNITS.map((u) => (
            <Radio key={u} value={u} label={u} />
          ))}
        </RadioGroup>
      </Field>

      {scheme && chooseSheets && (
        <fieldset className={styles.sheets}>
          <legend>
            <Text weight="semibold">{S.sheetsLabel}</Text>
          </legend>
          <Checkbox checked disabled label={`${scheme.layout.summary.sheet}${S.sheetRequired}`} />
          <Checkbox checked disabled label={`${scheme.layout.scoring.sheet}${S.sheetRequired}`} />
          <Checkbox
            checked={survey}
            onChange={(_, d) => setSurvey(d.checked === true)}
            disabled={busy}
            label={`${scheme.layout.survey.sheet}${S.sheetOptional}`}
          />
        </fieldset>
      )}

      <Button
        type="submit"
        appearance="primary"
        data-testid="insert-template"
        disabled={busy || !scheme}
        icon={busy ? <Spinner size="tiny" aria-hidden /> : undefined}
      >
        {busy ? S.inserting : submitLabel}
      </Button>

      {progress && (
        <div className={styles.progress}>
          <Field label={S.insertProgressLabel}>
            <ProgressBar value={progress.fraction} max={1} thickness="large" data-testid="insert-progress" />
          </Field>
          <Text className={styles.step} role="status" aria-live="polite" data-testid="insert-step">
            {progress.step}
          </Text>
        </div>
      )}
    </form>
  );
}
