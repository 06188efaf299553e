/**
 * The lobby: the big join code, the button that opens the projector page in its own window (the
 * teacher drags it to the projector display and keeps this console private), the live list of
 * children who joined with "锁定教室" under it, and "开始活动".
 */
import type { ConsoleState } from '@heartlamp/shared';
import { useT } from '../i18n';
import type { TeachClient } from '../net/teach';
import { useConsole } from '../stores/console';
import { ParticipantList } from './ParticipantList';
import { LockRoom } from './SeatActions';

export function openProjector(code: string): void {
  // A named popup window rather than a tab: it can be dragged to the second display and made
  // full-screen there, and pressing the button again focuses the same window.
  const win = window.open(`/screen/${code}`, `heartlamp-screen-${code}`, 'popup,width=1280,height=720');
  win?.focus();
}

export function CodeDigits({ code, testId }: { code: string; testId?: string }) {
  return (
    <span className="code-digits" data-testid={testId}>
      {code.split('').map((digit, i) => (
        // Position is the identity of a digit here.
        // biome-ignore lint/suspicious/noArrayIndexKey: digits repeat; their place is their key
        <span key={i} className="code-digit">
          {digit}
        </span>
      ))}
    </span>
  );
}

export function Lobby({ state, client }: { state: ConsoleState; client: TeachClient }) {
  const t = useT();
  const busy = useConsole((s) => s.busy);
  const joined = state.participants.length;

  return (
    <div className="lobby-layout">
      <section className="panel lobby-code" aria-labelledby="code-heading">
        <h2 id="code-heading">{t('teach.lobby.codeLabel')}</h2>
        <CodeDigits code={state.code} testId="session-code" />
        <button
          type="button"
          className="btn btn-primary btn-big"
          data-testid="open-projector"
          onClick={() => openProjector(state.code)}
        >
          <span aria-hidden="true">📽️ </span>
          {t('teach.lobby.openProjector')}
        </button>
        <p className="muted">{t('teach.lobby.projectorHint')}</p>
        <p className="join-url">
          {t('teach.lobby.joinAt')} <strong>{state.joinUrl}</strong>
        </p>
      </section>

      <section className="panel lobby-roster" aria-labelledby="roster-heading">
        <h2 id="roster-heading">
          {t('teach.participants.heading')}
          <span className="count">
            <strong data-testid="joined-count">{joined}</strong> {t('teach.lobby.joinedSuffix')}
          </span>
        </h2>
        {state.class && (
          <p className="muted" data-testid="lobby-class">
            {t('ledger.lobby.class', { name: state.class.name })} ·{' '}
            {t('ledger.lobby.arrived', {
              joined: state.participants.filter((p) => p.student).length,
              enrolled: state.class.enrolled,
            })}
          </p>
        )}
        <ParticipantList participants={state.participants} client={client} />
        <LockRoom locked={state.locked} client={client} />
      </section>

      <div className="lobby-actions">
        <button
          type="button"
          className="btn btn-go btn-big"
          data-testid="start-session"
          disabled={busy}
          onClick={() => void client.start()}
        >
          <span aria-hidden="true">▶ </span>
          {t('teach.lobby.start')}
        </button>
        {joined === 0 && <p className="muted">{t('teach.lobby.startHint')}</p>}
      </div>
    </div>
  );
}
