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
import { MAX_PROJECTS, type InsertOptions, type SheetRole } from '../workbook/session';
import type { InsertProgress } from './useScoring';
import { useSchemeCatalog, type CatalogEntry } from './schemeCatalog';
import { S } from './strings';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  sheets: { display: 'flex', flexDirection: 'column', ...shorthands.borderStyle('none'), margin: 0, padding: 0, minWidth: 0 },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  step: { color: tokens.colorNeutralForeground2 },
  flush: { margin: 0 },
  refused: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, color: tokens.colorPaletteRedForeground1 },
});

export interface InsertTemplateViewProps {
  /**
   * the schemes offered, as the catalog lists them (an entry whose file failed validation is shown, disabled,
   * with its problem); default: useSchemeCatalog()'s entries, narrowed to `schemes` when that is given
   */
  entries?: CatalogEntry[];
  /** only these schemes (by id) of the catalog, or these schemes themselves when the catalog lacks them */
  schemes?: Scheme[];
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


/** The entries offered: the catalog's, narrowed to `schemes` when given (a scheme the catalog lacks is added as is). */
export function offeredEntries(catalog: CatalogEntry[], schemes: Scheme[] | undefined): CatalogEntry[] {
  if (!schemes?.length) return catalog;
  return schemes.map(
    (s) => catalog.find((e) => e.scheme?.id === s.id && e.scheme.version === s.version) ?? { id: s.id, title: s.title, version: s.version, source: 'shipped', scheme: s },
  );
}

export function projectsProblem(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d{1,3}$/.test(t)) return S.projectsFormat;
  const n = Number(t);
  return n < 1 || n > MAX_PROJECTS ? S.projectsRange(MAX_PROJECTS) : undefined;
}

/** The label of a scheme in the choice: its title, and why it cannot be used when its file failed validation. */
function entryLabel(e: CatalogEntry): string {
  const origin = e.source === 'shipped' ? '' : `（${e.file ?? S.schemeFromFile}）`;
  return e.scheme ? `${e.title}${origin}` : `${e.title}${origin}：${S.schemeUnusable}`;
}

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
  entries: given,
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
  const catalog = useSchemeCatalog();
  const entries = given ?? offeredEntries(catalog.entries, schemes);
  const keyOf = (e: CatalogEntry) => `${e.source}:${e.id}:${e.version}:${e.file ?? ''}`;
  const firstUsable = entries.find((e) => e.scheme);
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const [projects, setProjects] = useState('1');
  const [dept, setDept] = useState('');
  const [year, setYear] = useState(defaultYear);
  const [unit, setUnit] = useState<MoneyUnit>('万元');
  const [survey, setSurvey] = useState(true);
  const [submitted, setSubmitted] = useState(false);

  const chosen = entries.find((e) => keyOf(e) === chosenKey && e.scheme) ?? firstUsable;
  const scheme = chosen?.scheme ?? undefined;
  const refused = entries.filter((e) => !e.scheme);
  // project-2020: one sheet per project; dept-2013: its optional survey sheet
  const perProject = scheme?.formScope === 'sheet';
  const fixedSheets = !!scheme?.layout.summary && !!scheme.layout.scoring && !!scheme.layout.survey;
  const deptError = submitted && !dept.trim() ? S.deptRequired : undefined;
  const yearError = submitted ? yearProblem(year) : undefined;
  const projectsError = submitted && perProject ? projectsProblem(projects) : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (busy || !scheme || !dept.trim() || yearProblem(year) || (perProject && projectsProblem(projects))) return;
    const sheets: SheetRole[] = survey || !chooseSheets ? ['summary', 'scoring', 'survey'] : ['summary', 'scoring'];
    onInsert(scheme, { dept: dept.trim(), year: Number(year.trim()), unit, sheets, ...(perProject ? { projects: Number(projects.trim()) } : {}) });
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="insert-heading">
      <Text as="h2" id="insert-heading" size={400} weight="semibold" className={styles.flush}>
        {heading}
      </Text>
      <Text>{intro}</Text>

      {entries.length > 1 && (
        <Field label={S.schemeLabel} hint={catalog.loading && !given ? S.schemesLoading : undefined}>
          <Select value={chosen ? keyOf(chosen) : ''} onChange={(_, d) => setChosenKey(d.value)} disabled={busy} data-testid="scheme-choice">
            {entries.map((e) => (
              <option key={keyOf(e)} value={keyOf(e)} disabled={!e.scheme}>
                {entryLabel(e)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {refused.length > 0 && (
        <ul className={styles.refused} data-testid="schemes-refused">
          {refused.map((e) => (
            <li key={keyOf(e)}>
              <Text size={200}>{S.schemeRefused(e.title, e.file ?? '', e.problem ?? S.schemeUnusable)}</Text>
            </li>
          ))}
        </ul>
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

      {perProject && (
        <Field
          label={S.projectsLabel}
          required
          hint={projectsError ? undefined : S.projectsHint}
          validationMessage={projectsError}
          validationState={projectsError ? 'error' : 'none'}
        >
          <Input value={projects} onChange={(_, d) => setProjects(d.value)} inputMode="numeric" maxLength={3} disabled={busy} data-testid="project-count" />
        </Field>
      )}

      {scheme && chooseSheets && fixedSheets && (
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
