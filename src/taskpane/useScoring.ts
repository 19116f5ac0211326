import { useCallback, useEffect, useRef, useState } from 'react';
import type { Evaluation, Scheme } from '../engine';
import type { FormResult, InsertOptions, InsertReport, PaneSession, RecomputeResult, SheetRole } from '../workbook/session';
import { syncNotice } from '../workbook/sync';
import { describeError } from './errors';
import { S } from './strings';

/** Which view the pane shows: reading the workbook, offering to insert a template, the live scores, or a failed start. */
export type PaneView = 'loading' | 'insert' | 'panel' | 'failed';

export interface PaneMessage {
  /** increases with every message, so the message bar is announced again even when the text repeats */
  id: number;
  intent: 'success' | 'info';
  text: string;
  /** change: the session rescored by itself after an edit; sync: what a sync found (absent for other messages) */
  kind?: 'change' | 'sync';
}

export interface InsertProgress {
  step: string;
  /** 0…1 */
  fraction: number;
}

export interface Scoring {
  view: PaneView;
  /** the scheme the workbook holds (after detect or insert) */
  scheme: Scheme | null;
  /** the first form's evaluation (the only one of most schemes) */
  evaluation: Evaluation | null;
  /** every form of the workbook (one per project sheet for project-2020), as last scored */
  forms: FormResult[];
  /** a recompute or an insert is under way */
  busy: boolean;
  /** set while a template is being inserted */
  progress: InsertProgress | null;
  /** the last sync message */
  message: PaneMessage | null;
  /** the last error, already in Chinese */
  error: string | null;
  /** detect → recompute('open'); also the retry after a failed start */
  start(): Promise<void>;
  sync(): Promise<void>;
  insert(scheme: Scheme, options: InsertOptions): Promise<void>;
  select(cell: string): Promise<void>;
  /**
   * 添加项目 where the session can (project-2020 in Excel): adds a project sheet, rescored; resolves to the new
   * sheet's name, or null when it failed (the error is then set). Absent where the session cannot.
   */
  addProject?(name?: string): Promise<string | null>;
}

/**
 * The pane's whole state and every call it makes to the session. Results that arrive after the pane was
 * unmounted (or after a newer start) are dropped, so React's StrictMode double start cannot record a sync twice.
 */
export function useScoring(session: PaneSession): Scoring {
  const [view, setView] = useState<PaneView>('loading');
  const [scheme, setScheme] = useState<Scheme | null>(null);
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [forms, setForms] = useState<FormResult[]>([]);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<InsertProgress | null>(null);
  const [message, setMessage] = useState<PaneMessage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const messageId = useRef(0);

  const say = useCallback((intent: PaneMessage['intent'], text: string, kind?: PaneMessage['kind']) => {
    setMessage({ id: ++messageId.current, intent, text, kind });
  }, []);
  // the scheme the workbook holds, for the labels a sync notice names
  const known = useRef<Scheme | null>(null);

  const applyResult = useCallback(
    (result: RecomputeResult) => {
      setEvaluation(result.evaluation);
      setForms(result.forms);
      setError(null);
      const text = result.reason === 'change' ? S.autoRecomputed : syncNotice(result, changedLabels(known.current, result.changedSinceSync));
      // nothing to say (opened in sync): an earlier message would be stale
      if (text) say('info', text, result.reason === 'change' ? 'change' : 'sync');
      else setMessage(null);
    },
    [say],
  );

  const start = useCallback(async () => {
    const gen = ++generation.current;
    const live = () => gen === generation.current;
    setView('loading');
    setError(null);
    let found: Scheme | null;
    try {
      found = await session.detect();
    } catch (err) {
      if (!live()) return;
      setError(describeError('detect', err));
      setView('failed');
      return;
    }
    if (!live()) return;
    if (!found) {
      setView('insert');
      return;
    }
    known.current = found;
    setScheme(found);
    setView('panel');
    setBusy(true);
    try {
      const result = await session.recompute('open');
      if (live()) applyResult(result);
    } catch (err) {
      if (live()) setError(describeError('sync', err));
    } finally {
      if (live()) setBusy(false);
    }
  }, [session, applyResult]);

  useEffect(() => {
    void start();
    const unsubscribe = session.subscribe((result) => {
      applyResult(result);
    });
    return () => {
      generation.current++;
      unsubscribe();
    };
  }, [session, start, applyResult]);

  const sync = useCallback(async () => {
    const gen = generation.current;
    setBusy(true);
    try {
      const result = await session.recompute('manual');
      if (gen === generation.current) applyResult(result);
    } catch (err) {
      if (gen === generation.current) setError(describeError('sync', err));
    } finally {
      if (gen === generation.current) setBusy(false);
    }
  }, [session, applyResult]);

  const insert = useCallback(
    async (chosen: Scheme, options: InsertOptions) => {
      const gen = generation.current;
      const live = () => gen === generation.current;
      setBusy(true);
      setError(null);
      setProgress({ step: S.inserting, fraction: 0 });
      let report: InsertReport;
      try {
        report = await session.insertTemplate(chosen, options, (step, fraction) => {
          if (live()) setProgress({ step, fraction: Math.min(1, Math.max(0, fraction)) });
        });
      } catch (err) {
        if (live()) {
          setError(describeError('insert', err));
          setProgress(null);
          setBusy(false);
        }
        return;
      }
      if (!live()) return;
      // the sheets are in: from here on the workbook holds a template, whatever the first recompute does
      setScheme(chosen);
      setView('panel');
      setProgress(null);
      try {
        const result = await session.recompute('insert');
        if (live()) {
          setEvaluation(result.evaluation);
          setForms(result.forms);
          say('success', insertedText(chosen, report));
        }
      } catch (err) {
        if (live()) setError(describeError('sync', err));
      } finally {
        if (live()) setBusy(false);
      }
    },
    [session, say],
  );

  const select = useCallback(
    async (cell: string) => {
      try {
        await session.select(cell);
      } catch (err) {
        setError(describeError('select', err));
      }
    },
    [session],
  );

  const addProject = useCallback(
    async (name?: string): Promise<string | null> => {
      if (!session.addProject) return null;
      const gen = generation.current;
      const live = () => gen === generation.current;
      setBusy(true);
      setError(null);
      try {
        const added = await session.addProject(name);
        const result = await session.recompute('insert');
        if (!live()) return null;
        setEvaluation(result.evaluation);
        setForms(result.forms);
        say('success', S.projectAdded(added.sheet));
        return added.sheet;
      } catch (err) {
        if (live()) setError(describeError('addProject', err));
        return null;
      } finally {
        if (live()) setBusy(false);
      }
    },
    [session, say],
  );

  return {
    view,
    scheme,
    evaluation,
    forms,
    busy,
    progress,
    message,
    error,
    start,
    sync,
    insert,
    select,
    ...(session.addProject ? { addProject } : {}),
  };
}

/**
 * The labels a sync notice names the changed inputs by: an input's or table's label, and for a form on a sheet of
 * its own (`项目1!in_fund_spent`) the sheet before it (项目1：全年执行数).
 */
export function changedLabels(scheme: Scheme | null, changed: string[]): Pick<Scheme, 'inputs'> | null {
  if (!scheme) return null;
  const labelOf = (name: string) => [...scheme.inputs, ...scheme.tables].find((i) => i.name === name)?.label ?? name;
  return {
    inputs: changed.map((key) => {
      const bang = key.lastIndexOf('!');
      const label = bang < 0 ? labelOf(key) : `${key.slice(0, bang)}：${labelOf(key.slice(bang + 1))}`;
      return { kind: 'text' as const, name: key, label };
    }),
  };
}

function insertedText(scheme: Scheme, report: InsertReport): string {
  // (a scheme of target forms has none of dept-2013's three sheets by role)
  const wanted: Partial<Record<SheetRole, string>> = {
    summary: scheme.layout.summary?.sheet,
    scoring: scheme.layout.scoring?.sheet,
    survey: scheme.layout.survey?.sheet,
  };
  if (!wanted.summary) return report.resumed ? S.resumed : S.insertedForms;
  const renamed = (Object.keys(report.sheets) as SheetRole[])
    .filter((role) => report.sheets[role] && wanted[role] && report.sheets[role] !== wanted[role])
    .map((role) => S.renamed(wanted[role]!, report.sheets[role]!));
  return [report.resumed ? S.resumed : S.inserted, ...renamed].join('');
}
