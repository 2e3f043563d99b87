// The Save menu in the header: the autosave status ("Saved 3 s ago"), Export and Import of the
// whole state as a file, the two resets (each behind a confirmation dialog), and the download
// of a save that would not load.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useWorld } from '../../state';
import { useBooted } from '../boot-context';
import { offlineCopyText, useOfflineCopy } from './offline-copy';
import { exportFileName, settledState, statusDetail, statusText } from './save-status';
import { ConfirmDialog, MessageDialog } from './dialogs';
import './save-menu.css';

type Dialog = { kind: 'reset-lesson' } | { kind: 'reset-everything' } | { kind: 'message'; title: string; text: string } | undefined;

export function SaveMenu() {
  const { persistence } = useBooted();
  const lessonTitle = useWorld().lesson?.lesson.title;
  const status = useSyncExternalStore(persistence.subscribe, persistence.getStatus);
  const offline = useOfflineCopy();
  const now = useNow(1000);
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<Dialog>();
  const [rejected, setRejected] = useState<string | undefined>();
  const menuButton = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // whether a save was set aside at boot (checked when the menu opens, so it stays current)
  useEffect(() => {
    let live = true;
    void persistence.rejectedText().then((t) => live && setRejected(t));
    return () => void (live = false);
  }, [persistence, open]);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== menuButton.current) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    menuButton.current?.focus();
  };
  const act = (fn: () => void) => () => {
    setOpen(false);
    fn();
  };

  const exportNow = () => download(persistence.exportText(), exportFileName(new Date()));
  const importFile = async (file: File) => {
    const text = await file.text().catch(() => undefined);
    const result = text === undefined ? { ok: false as const, reason: 'This file could not be read.' } : await persistence.importText(text);
    setDialog(
      result.ok
        ? { kind: 'message', title: 'Imported', text: `Your work from ${file.name} is loaded.` }
        : { kind: 'message', title: 'Nothing was imported', text: result.reason },
    );
  };

  const detail = statusDetail(status);
  return (
    <div className="save-menu">
      <span className={`save-status${status.error ? ' failed' : ''}`} title={detail} data-testid="save-status" data-state={settledState(status)} data-capture-ms={status.captureMs?.toFixed(1)}>
        {statusText(status, now)}
        <span className="sr-only"> {detail}</span>
      </span>
      <button
        ref={menuButton}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls="save-menu-items"
        onClick={() => setOpen(!open)}
      >
        Save ▾
      </button>
      {open && (
        <div
          id="save-menu-items"
          className="save-menu-items"
          ref={menu}
          role="group"
          aria-label="Save and reset"
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              moveFocus(menu.current, e.key === 'ArrowDown' ? 1 : -1);
            }
          }}
        >
          <button onClick={act(exportNow)}>Export to a file…</button>
          <button onClick={act(() => fileInput.current?.click())}>Import from a file…</button>
          {rejected !== undefined && (
            <button onClick={act(() => download(rejected, exportFileName(new Date(), 'podlab-unreadable-save')))}>Download the unreadable save</button>
          )}
          <hr />
          <button onClick={act(() => setDialog({ kind: 'reset-lesson' }))}>Reset lesson…</button>
          <button className="save-danger" onClick={act(() => setDialog({ kind: 'reset-everything' }))}>
            Reset everything…
          </button>
          <hr />
          <p className={`save-offline save-offline-${offline}`} data-testid="offline-copy" data-state={offline}>
            {offlineCopyText(offline, location.origin)}
          </p>
        </div>
      )}
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="sr-only"
        tabIndex={-1}
        aria-label="Import a Podlab file"
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      {dialog?.kind === 'reset-lesson' && (
        <ConfirmDialog
          title="Reset the lesson?"
          confirm="Reset lesson"
          onConfirm={() => void persistence.resetLesson()}
          onClose={() => setDialog(undefined)}
        >
          {lessonTitle
            ? `“${lessonTitle}” starts over: its cluster, the terminal, the files in your workspace and the tasks you have done in it.`
            : 'The cluster, the terminal and the files in your workspace start over.'}{' '}
          Your layout, settings and other lessons stay.
        </ConfirmDialog>
      )}
      {dialog?.kind === 'reset-everything' && (
        <ConfirmDialog
          title="Reset everything?"
          confirm="Reset everything"
          danger
          onConfirm={() => void persistence.resetEverything().then(() => setRejected(undefined))}
          onClose={() => setDialog(undefined)}
        >
          Everything starts over: the cluster, the terminal, your files, your progress, the layout and settings, and every copy saved in this browser. Export first if you want to keep a copy.
        </ConfirmDialog>
      )}
      {dialog?.kind === 'message' && (
        <MessageDialog title={dialog.title} onClose={() => setDialog(undefined)}>
          {dialog.text}
        </MessageDialog>
      )}
    </div>
  );
}

/** Re-renders every `ms` (for "Saved 3 s ago"). */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

function moveFocus(container: HTMLElement | null, step: number): void {
  if (!container) return;
  const items = [...container.querySelectorAll<HTMLButtonElement>('button')];
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  items[(at + step + items.length) % items.length]?.focus();
}

/** Saves `text` as a file through the browser (a blob URL: nothing leaves the page). */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // the click has handed the blob to the download; release it after this task
  queueMicrotask(() => URL.revokeObjectURL(url));
}
