/**
 * 导出报送版, the one flow of both panes: read the workbook as it stands (session.current()), build the
 * 报送版 (buildSubmission), and — when error findings block it — list them for the officer, who either goes
 * back to fix them (返回修改) or exports all the same (仍然导出: the file then says it is incomplete).
 *
 * Only the last step differs between the panes, and is passed in as `deliver`: the standalone page downloads
 * the file; in Excel it opens as a new workbook (see ./deliver).
 *
 * The export module is loaded with import() on the first export, and exceljs (which renders the file) only by
 * it: neither is in the pane's initial bundle.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Finding } from '../engine';
import type { Submission } from '../workbook/export';
import type { PaneSession } from '../workbook/session';
import { describeError } from './errors';

/** A download the pane shows as a link, when the file could not be handed over otherwise. */
export interface ExportLink {
  href: string;
  fileName: string;
  /** frees the link's Blob URL once it is no longer shown */
  revoke?(): void;
}

/** What `deliver` did with the file, for the officer. */
export interface Delivered {
  intent: 'success' | 'warning';
  text: string;
  link?: ExportLink;
}

/** Hands the 报送版 to the officer (a download, a new Excel workbook) and says how. */
export type Deliver = (submission: Submission) => Promise<Delivered> | Delivered;

export interface ExportNotice {
  /** increases with every notice, so that a repeated text is announced again */
  id: number;
  intent: 'success' | 'warning' | 'error';
  text: string;
  link?: ExportLink;
}

export interface SubmissionExportOptions {
  /** an export starts (the pane may clear its earlier messages) */
  onStart?(): void;
  /** the outcome, also kept in `notice` (a pane with its own message bar shows it there instead) */
  onNotice?(notice: ExportNotice): void;
}

export interface SubmissionExport {
  /** reading, building or delivering is under way */
  busy: boolean;
  /** the error findings that stopped the export, while the officer decides; null otherwise */
  blocked: Finding[] | null;
  /** the last outcome: delivered (with its link, if any), or why the export failed */
  notice: ExportNotice | null;
  /** 导出报送版: exports, or stops at `blocked` when there are error findings */
  start(): Promise<void>;
  /** 仍然导出: exports despite the error findings (read afresh); the file says it is incomplete */
  exportAnyway(): Promise<void>;
  /** 返回修改: closes the list of blocking findings without exporting */
  back(): void;
  /** forgets the notice (and frees its link) */
  dismiss(): void;
}

export function useSubmissionExport(
  session: Pick<PaneSession, 'current'>,
  deliver: Deliver,
  options: SubmissionExportOptions = {},
): SubmissionExport {
  const [busy, setBusy] = useState(false);
  const [blocked, setBlocked] = useState<Finding[] | null>(null);
  const [notice, setNotice] = useState<ExportNotice | null>(null);
  const running = useRef(false);
  const mounted = useRef(true);
  const noticeId = useRef(0);
  const shown = useRef<ExportLink | undefined>(undefined);
  // the latest props, so that the callbacks below stay the same across renders
  const latest = useRef({ session, deliver, options });
  latest.current = { session, deliver, options };

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      shown.current?.revoke?.();
      shown.current = undefined;
    };
  }, []);

  const show = useCallback((next: ExportNotice | null) => {
    if (shown.current && shown.current !== next?.link) shown.current.revoke?.();
    shown.current = next?.link;
    setNotice(next);
    if (next) latest.current.options.onNotice?.(next);
  }, []);

  const run = useCallback(
    async (allowErrors: boolean) => {
      if (running.current) return;
      running.current = true;
      const { session: source, deliver: hand, options: opts } = latest.current;
      setBusy(true);
      setBlocked(null);
      show(null);
      opts.onStart?.();
      try {
        const current = await source.current();
        const { buildFormsSubmission, buildSubmission } = await import(/* webpackChunkName: "export" */ '../workbook/export');
        // target tables: every form (each project) goes into the 报送版
        const result = current.scheme.targets
          ? await buildFormsSubmission(current.scheme, current.forms.map((f) => ({ sheet: f.sheet, values: f.values, evaluation: f.evaluation })), { allowErrors })
          : await buildSubmission(current.scheme, { values: current.values, evaluation: current.evaluation }, { allowErrors });
        if (result.kind === 'blocked') {
          if (mounted.current) setBlocked(result.blocking);
          return;
        }
        const delivered = await hand(result);
        if (!mounted.current) {
          delivered.link?.revoke?.();
          return;
        }
        show({ id: ++noticeId.current, ...delivered });
      } catch (err) {
        if (mounted.current) show({ id: ++noticeId.current, intent: 'error', text: describeError('export', err) });
      } finally {
        running.current = false;
        if (mounted.current) setBusy(false);
      }
    },
    [show],
  );

  const start = useCallback(() => run(false), [run]);
  const exportAnyway = useCallback(() => run(true), [run]);
  const back = useCallback(() => setBlocked(null), []);
  const dismiss = useCallback(() => show(null), [show]);

  return { busy, blocked, notice, start, exportAnyway, back, dismiss };
}
