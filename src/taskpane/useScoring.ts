import { useCallback, useEffect, useRef, useState } from 'react';
import type { Evaluation, Scheme } from '../engine';
import type { InsertOptions, InsertReport, PaneSession, RecomputeResult, SheetRole } from '../workbook/session';
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
  evaluation: Evaluation | null;
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
}

/**
 * The pane's whole state and every call it makes to the session. Results that arrive after the pane was
 * unmounted (or after a newer start) are dropped, so React's StrictMode double start cannot record a sync twice.
 */
export function useScoring(session: PaneSession): Scoring {
  const [view, setView] = useState<PaneView>('loading');
  const [scheme, setScheme] = useState<Scheme | null>(null);
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
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
      setError(null);
      const text = result.reason === 'change' ? S.autoRecomputed : syncNotice(result, known.current);
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

  return { view, scheme, evaluation, busy, progress, message, error, start, sync, insert, select };
}

function insertedText(scheme: Scheme, report: InsertReport): string {
  const wanted: Record<SheetRole, string> = {
    // absent at run time for schemes of target tables, which report no sheets
    summary: scheme.layout.summary?.sheet,
    scoring: scheme.layout.scoring?.sheet,
    survey: scheme.layout.survey?.sheet,
  };
  const renamed = (Object.keys(report.sheets) as SheetRole[])
    .filter((role) => report.sheets[role] && report.sheets[role] !== wanted[role])
    .map((role) => S.renamed(wanted[role], report.sheets[role]!));
  return [report.resumed ? S.resumed : S.inserted, ...renamed].join('');
}
