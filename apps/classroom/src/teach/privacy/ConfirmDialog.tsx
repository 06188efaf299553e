/**
 * "Are you sure?" for what cannot be undone from the console: deleting a child's data, removing a
 * teacher's account, taking a tablet out of the lesson. In a portal (the lists that open it
 * scroll); the safe choice has the focus, so Enter never deletes anything by accident; Escape
 * cancels. A refusal from the server is shown inside the dialog, where the teacher is looking.
 */
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import '../../styles/trust.css';

export interface ConfirmDialogProps {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** While the request is out: the confirm button waits, with these words if given. */
  busy: boolean;
  busyLabel?: string;
  /** The server's reason for refusing, shown above the buttons. */
  error?: string | null;
  /** `data-testid` prefix: `<prefix>-dialog`, `confirm-<prefix>`, `cancel-<prefix>`. */
  testId: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, body, confirmLabel, cancelLabel, busy, busyLabel, error, testId, onConfirm, onCancel } = props;
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancel.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return createPortal(
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        data-testid={`${testId}-dialog`}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`} className="confirm-body">
          {body}
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button
            ref={cancelRef}
            type="button"
            className="btn btn-big"
            data-testid={`cancel-${testId}`}
            onClick={onCancel}
          >
            {cancelLabel}
          </button>
          <button
            type="button"
            className="btn btn-danger btn-big"
            data-testid={`confirm-${testId}`}
            disabled={busy}
            onClick={onConfirm}
          >
            {busy && busyLabel ? busyLabel : confirmLabel}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
