/**
 * Who may be on a tablet in this lesson.
 *
 * Shared tablets in the roster: "让出座位" frees a child's seat so another tablet can carry on
 * with it (the tablet holding it now lets go at once), and a "空位" badge marks seats freed that
 * way. Freeing asks once more first: it sends a child off the tablet in their hands.
 *
 * "移出" takes a tablet out of the lesson (a child in the wrong class, a tablet that should not be
 * there); with "锁定教室" on, no new tablet can join, so it cannot come back. Both the lobby and
 * the running lesson show the lock.
 */
import type { ConsoleParticipant } from '@heartlamp/shared';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { nicknameText, useT } from '../i18n';
import type { TeachClient } from '../net/teach';
import { useConsole } from '../stores/console';
import { ConfirmDialog } from './privacy/ConfirmDialog';
import '../styles/seats-console.css';

export function SeatFreeBadge() {
  const t = useT();
  return (
    <span className="seat-free-badge" data-testid="seat-free-badge" title={t('teach.seats.badgeHint')}>
      {t('teach.seats.badge')}
    </span>
  );
}

export function FreeSeat({ participant, client }: { participant: ConsoleParticipant; client: TeachClient }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = nicknameText(t, participant.nickname);

  return (
    <>
      <button
        type="button"
        className="btn btn-small free-seat"
        data-testid="free-seat"
        aria-label={t('teach.seats.freeAria', { name })}
        onClick={() => setConfirming(true)}
      >
        {t('teach.seats.free')}
      </button>
      {confirming &&
        // In a portal: the roster is a scrolling list, and the dialog belongs over the whole page.
        createPortal(
          <ConfirmFreeSeat
            name={name}
            busy={busy}
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setBusy(true);
              void client.freeSeat(participant.id).finally(() => {
                setBusy(false);
                setConfirming(false);
              });
            }}
          />,
          document.body,
        )}
    </>
  );
}

function ConfirmFreeSeat({
  name,
  busy,
  onConfirm,
  onCancel,
}: {
  name: string;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const t = useT();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  useEffect(() => {
    // The safe choice has the focus, so Enter never sends a child off their tablet by accident.
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
        aria-labelledby="free-seat-title"
        aria-describedby="free-seat-body"
      >
        <h2 id="free-seat-title">{t('teach.seats.confirmTitle', { name })}</h2>
        <p id="free-seat-body">{t('teach.seats.confirmBody')}</p>
        <div className="modal-actions">
          <button
            ref={cancelRef}
            type="button"
            className="btn btn-big"
            data-testid="cancel-free-seat"
            onClick={onCancel}
          >
            {t('teach.seats.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary btn-big"
            data-testid="confirm-free-seat"
            disabled={busy}
            onClick={onConfirm}
          >
            {t('teach.seats.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** "移出": a tablet out of the lesson, after a confirm that says whether it could come back. */
export function RemoveSeat({ participant, client }: { participant: ConsoleParticipant; client: TeachClient }) {
  const t = useT();
  const locked = useConsole((s) => s.state?.locked === true);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = participant.student?.name ?? nicknameText(t, participant.nickname);

  return (
    <>
      <button
        type="button"
        className="btn btn-small remove-seat"
        data-testid="remove-seat"
        aria-label={t('teach.seats.removeAria', { name })}
        onClick={() => setConfirming(true)}
      >
        {t('teach.seats.remove')}
      </button>
      {confirming && (
        <ConfirmDialog
          testId="remove-seat"
          title={t('teach.seats.removeTitle', { name })}
          body={
            <>
              <p>{t('teach.seats.removeBody')}</p>
              <p className={locked ? 'muted' : 'confirm-note'}>
                <span aria-hidden="true">{locked ? '🔒 ' : '🔓 '}</span>
                {t(locked ? 'teach.seats.removeLocked' : 'teach.seats.removeUnlocked')}
              </p>
            </>
          }
          confirmLabel={t('teach.seats.removeConfirm')}
          cancelLabel={t('teach.seats.cancel')}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setBusy(true);
            void client.removeSeat(participant.id).finally(() => {
              setBusy(false);
              setConfirming(false);
            });
          }}
        />
      )}
    </>
  );
}

/**
 * "锁定教室": while locked, no new tablet can join; a child already in comes back after a
 * dropped connection. A toggle whose state comes from the server (`ConsoleState.locked`).
 */
export function LockRoom({ locked, client }: { locked: boolean; client: TeachClient }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  return (
    <div className={`lock-room${locked ? ' is-locked' : ''}`} data-testid="lock-room">
      <button
        type="button"
        className={`btn lock-toggle${locked ? ' is-locked' : ''}`}
        aria-pressed={locked}
        disabled={busy}
        data-testid="lock-toggle"
        onClick={() => {
          setBusy(true);
          void client.lock(!locked).finally(() => setBusy(false));
        }}
      >
        <span aria-hidden="true">{locked ? '🔒' : '🔓'}</span>
        {locked ? t('teach.lock.locked') : t('teach.lock.lock')}
        {locked && <span className="lock-unlock">· {t('teach.lock.unlock')}</span>}
      </button>
      <p className="muted small lock-hint">{t(locked ? 'teach.lock.lockedHint' : 'teach.lock.hint')}</p>
    </div>
  );
}
