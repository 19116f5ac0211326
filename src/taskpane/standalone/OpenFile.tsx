import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, type ButtonProps, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { T } from './strings';

/** What the file input takes: .xlsx (and the macro/template variants exceljs also reads). */
export const ACCEPT = '.xlsx,.xlsm,.xltx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const useStyles = makeStyles({
  // out of sight but not display:none, so automation and assistive technology still find it
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  zone: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
    transitionProperty: 'background-color, border-color',
    transitionDuration: tokens.durationFast,
  },
  active: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  hint: { color: tokens.colorNeutralForeground2 },
});

export interface OpenFileProps {
  label: string;
  /** the button's id (the page puts the keyboard back on it) */
  id?: string;
  onFile(file: File): void;
  disabled?: boolean;
  appearance?: ButtonProps['appearance'];
}

/** A button that opens the file picker; the <input type=file> itself is data-testid `open-file`. */
export function OpenFile({ label, id, onFile, disabled, appearance = 'secondary' }: OpenFileProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      {/* disabledFocusable: while a file opens the button keeps the keyboard, which a disabled one would drop */}
      <Button id={id} appearance={appearance} disabledFocusable={disabled} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        className={styles.hidden}
        data-testid="open-file"
        aria-label={label}
        tabIndex={-1}
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // cleared, so that choosing the same file again is a change too
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}

/** Whether a drag carries files (not text or a link dragged from the page). */
function carriesFiles(e: DragEvent): boolean {
  const types = e.dataTransfer?.types;
  return !!types && Array.from(types).includes('Files');
}

/**
 * Drops anywhere on the page open the first file dropped; a file dropped on the page never makes the browser
 * navigate away to it. Returns whether files are being dragged over the page (for the drop zone's highlight).
 */
export function useFileDrop(onFile: (file: File) => void, enabled = true): boolean {
  const [dragging, setDragging] = useState(false);
  const handler = useRef(onFile);
  handler.current = onFile;
  useEffect(() => {
    if (!enabled) return;
    let depth = 0;
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files?.[0];
      if (!file && !carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      if (file) handler.current(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [enabled]);
  return dragging;
}

/** The place that invites a drop (the drop itself is handled for the whole page by useFileDrop). */
export function DropZone({ dragging, children }: { dragging: boolean; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={mergeClasses(styles.zone, dragging && styles.active)} data-testid="drop-zone" data-dragging={dragging || undefined}>
      {children}
      <Text size={200} className={styles.hint}>
        {dragging ? T.dropNow : T.dropHint}
      </Text>
    </div>
  );
}
