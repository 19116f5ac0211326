/**
 * The form of a workbook of target tables (项目支出绩效自评表 per project, 部门整体支出绩效自评表): the projects as
 * tabs with 添加项目, and for the chosen one its header fields, its funds block, its rows (TargetRows) and the rest,
 * each control with the findings that concern it. Sections follow the workbook: what lies above the table on its
 * sheet is the header, the execution inputs of the scheme are the funds block, the rest comes after the rows.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import type { Finding, Scheme } from '../../engine';
import type { FieldTarget, FormSnapshot } from '../../workbook/browser/fileSession';
import type { FormValue } from '../../workbook/browser/formValues';
import type { FormResult } from '../../workbook/session';
import { fieldMessage, isBlankFinding, requiredInputs } from '../findings';
import { FieldRow, fieldId } from './InputForm';
import { rowFieldId, TargetRows } from './TargetRows';
import { T } from './strings';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  tabs: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
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
  fields: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
    '@media (min-width: 600px)': { gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))' },
  },
});

export interface FormsEditorProps {
  scheme: Scheme;
  forms: FormSnapshot[];
  scored: FormResult[];
  active: number;
  onActive(k: number): void;
  onChange(name: string, value: FormValue, sheet: string | null): void;
  /** 添加项目 (schemes of a form per project sheet); absent hides the button */
  onAddProject?(): void;
  addingProject?: boolean;
  onAnnounce?(text: string): void;
  focusRequests?(listener: (target: FieldTarget) => void): () => void;
}

/** The row of an A1 address (16 for A16). */
const rowOf = (address: string | undefined) => Number(/\d+$/.exec(address ?? '')?.[0] ?? NaN);

export function FormsEditor({ scheme, forms, scored, active, onActive, onChange, onAddProject, addingProject, onAnnounce, focusRequests }: FormsEditorProps) {
  const styles = useStyles();
  const k = Math.min(active, forms.length - 1);
  const form = forms[k];
  const evaluation = scored.find((s) => (s.sheet ?? '') === (form?.sheet ?? ''))?.evaluation ?? null;
  const idPrefix = `jx-f${k}`;

  // select(): the form of the cell, then its control once rendered
  const pending = useRef<FieldTarget | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!focusRequests) return;
    return focusRequests((target) => {
      const at = forms.findIndex((f) => (f.sheet ?? '') === (target.sheet ?? forms[0]?.sheet ?? ''));
      if (at >= 0 && at !== k) onActive(at);
      pending.current = target;
      setTick((n) => n + 1);
    });
  }, [focusRequests, forms, k, onActive]);
  useEffect(() => {
    const target = pending.current;
    if (!target) return;
    pending.current = null;
    setTimeout(() => {
      const id = target.row !== undefined ? rowFieldId(idPrefix, target.name, target.row, target.column ?? 0) : fieldId(target.name);
      const el = document.getElementById(id);
      el?.scrollIntoView?.({ block: 'center' });
      el?.focus({ preventScroll: true });
    }, 0);
  }, [tick, idPrefix]);

  const required = useMemo(() => requiredInputs(scheme), [scheme]);
  const byInput = useMemo(() => {
    const map = new Map<string, Finding[]>();
    for (const f of evaluation?.issues ?? []) {
      if (isBlankFinding(f, evaluation!)) continue;
      for (const name of new Set(f.inputs)) map.set(name, [...(map.get(name) ?? []), f]);
    }
    return map;
  }, [evaluation]);

  const sections = useMemo(() => {
    const execution = scheme.targets?.execution;
    const funds = new Set<string>();
    if (execution) {
      for (const line of [execution.total, ...execution.lines]) for (const n of [line.initial, line.full, line.spent]) if (n) funds.add(n);
      if (execution.self) for (const n of [execution.self.rate, execution.self.score]) if (n) funds.add(n);
    }
    const first = scheme.tables[0] && form?.cells[scheme.tables[0].name];
    const header: string[] = [];
    const rest: string[] = [];
    for (const input of scheme.inputs) {
      if (input.kind === 'survey' || funds.has(input.name)) continue;
      const cell = form?.cells[input.name];
      const above = !!first && !!cell && cell.sheet === first.sheet && rowOf(cell.address) < rowOf(first.address);
      (above || !first ? header : rest).push(input.name);
    }
    return { header, funds: scheme.inputs.filter((i) => funds.has(i.name)).map((i) => i.name), rest };
  }, [scheme, form]);

  const change = useCallback((name: string, value: FormValue) => onChange(name, value, form?.sheet ?? null), [onChange, form?.sheet]);

  if (!form) return null;
  const unitValue = form.values[scheme.identity.unit];
  const amountUnit = typeof unitValue === 'string' && ['元', '万元'].includes(unitValue.trim()) ? unitValue.trim() : '';

  const field = (name: string) => {
    const input = scheme.inputs.find((i) => i.name === name)!;
    const messages = (byInput.get(name) ?? []).map((f) => ({ severity: f.severity, code: f.code, text: fieldMessage(f, input, scheme, amountUnit) }));
    const value = form.values[name];
    return (
      <FieldRow
        key={name}
        input={input}
        value={typeof value === 'string' ? value : ''}
        unit={input.kind === 'amount' ? amountUnit : (input.unit ?? '')}
        required={required.has(name)}
        messages={messages}
        messagesKey={messages.map((m) => `${m.severity}${m.code}${m.text}`).join('\n')}
        wide={input.kind === 'text' && !!input.width}
        onChange={change}
      />
    );
  };

  const section = (id: string, heading: string, names: string[]) =>
    names.length > 0 && (
      <section className={styles.section} aria-labelledby={`${idPrefix}-${id}`}>
        <Text as="h3" id={`${idPrefix}-${id}`} size={400} weight="semibold" className={styles.heading}>
          {heading}
        </Text>
        <div className={styles.fields}>{names.map(field)}</div>
      </section>
    );

  return (
    <div className={styles.form} data-testid="forms-editor">
      <Text as="h2" size={500} weight="semibold" className={styles.heading}>
        {T.formHeading}
      </Text>
      {(forms.length > 1 || onAddProject) && (
        <div className={styles.tabs}>
          <TabList selectedValue={String(k)} onTabSelect={(_, d) => onActive(Number(d.value))} aria-label={T.formsLabel}>
            {forms.map((f, i) => (
              <Tab key={`${f.sheet ?? ''}${i}`} value={String(i)} data-testid="form-tab">
                {f.title}
              </Tab>
            ))}
          </TabList>
          {onAddProject && (
            <Button data-testid="add-project" onClick={onAddProject} disabledFocusable={addingProject}>
              {addingProject ? T.addingProject : T.addProject}
            </Button>
          )}
        </div>
      )}
      <div role="tabpanel" aria-label={form.title} key={k} className={styles.form}>
        {section('header', T.headerSection, sections.header)}
        {section('funds', amountUnit ? `${T.fundsSection}（${amountUnit}）` : T.fundsSection, sections.funds)}
        {scheme.tables.map((table) => (
          <section key={table.name} className={styles.section} aria-labelledby={`${idPrefix}-${table.name}-h`} data-testid={`table-${table.name}`}>
            <Text as="h3" id={`${idPrefix}-${table.name}-h`} size={400} weight="semibold" className={styles.heading}>
              {table.label}
            </Text>
            <TargetRows
              scheme={scheme}
              table={table}
              rows={Array.isArray(form.values[table.name]) ? (form.values[table.name] as string[][]) : []}
              evaluation={evaluation}
              firstCell={form.cells[table.name]}
              idPrefix={idPrefix}
              onChange={(rows) => onChange(table.name, rows, form.sheet)}
              onAnnounce={onAnnounce}
            />
          </section>
        ))}
        {section('rest', T.otherSection, sections.rest)}
      </div>
    </div>
  );
}
