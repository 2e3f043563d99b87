// Modal dialogs on the native <dialog> element: focus moves in and is trapped while open,
// Escape cancels, and focus returns to where it was when it closes.
import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  children: ReactNode;
  onClose: () => void;
}

function useModal(onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  // the parent re-renders (the save status ticks): keep the dialog open across renders
  const latestOnClose = useRef(onClose);
  useEffect(() => {
    latestOnClose.current = onClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    // a close queued by an earlier mount (StrictMode) arrives while open again: ignore it
    const onDialogClose = () => {
      if (!dialog.open) latestOnClose.current();
    };
    dialog.addEventListener('close', onDialogClose);
    return () => {
      dialog.removeEventListener('close', onDialogClose);
      if (dialog.open) dialog.close();
      opener?.focus?.();
    };
  }, []);
  return ref;
}

export function ConfirmDialog({ title, children, onClose, onConfirm, confirm, danger }: DialogProps & { confirm: string; onConfirm: () => void; danger?: boolean }) {
  const ref = useModal(onClose);
  return (
    <dialog ref={ref} className="podlab-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-text">{children}</p>
      <form method="dialog" className="dialog-actions">
        {/* Cancel first: it has the initial focus, so Enter alone never resets anything */}
        <button value="cancel" autoFocus>
          Cancel
        </button>
        <button value="confirm" className={danger ? 'confirm-danger' : 'primary'} onClick={() => onConfirm()}>
          {confirm}
        </button>
      </form>
    </dialog>
  );
}

export function MessageDialog({ title, children, onClose }: DialogProps) {
  const ref = useModal(onClose);
  return (
    <dialog ref={ref} className="podlab-dialog" aria-labelledby="message-title">
      <h2 id="message-title">{title}</h2>
      <p role="status">{children}</p>
      <form method="dialog" className="dialog-actions">
        <button value="ok" autoFocus>
          OK
        </button>
      </form>
    </dialog>
  );
}
