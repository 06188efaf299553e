/** "结束活动" asks once more: ending cannot be undone, and the code stops working. */
import { useEffect, useRef } from 'react';
import { useT } from '../i18n';

export function ConfirmEnd({ onConfirm, onCancel, busy }: { onConfirm(): void; onCancel(): void; busy: boolean }) {
  const t = useT();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  useEffect(() => {
    // Focus the safe choice once, so Enter does not end the lesson by accident.
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancel.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="end-title"
        aria-describedby="end-body"
      >
        <h2 id="end-title">{t('teach.end.title')}</h2>
        <p id="end-body">{t('teach.end.body')}</p>
        <div className="modal-actions">
          <button ref={cancelRef} type="button" className="btn btn-big" data-testid="cancel-end" onClick={onCancel}>
            {t('teach.end.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-danger btn-big"
            data-testid="confirm-end"
            disabled={busy}
            onClick={onConfirm}
          >
            {t('teach.end.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
