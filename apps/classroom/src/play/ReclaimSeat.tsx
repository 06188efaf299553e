/**
 * "I was here before" on a new tablet: the class's seats as big picture tiles (animal + nickname;
 * a child who cannot read finds their own animal), then either straight back in (a seat the
 * teacher freed) or a calm wait for the teacher's yes. A "no" is said kindly, over the same tiles.
 */
import type { Nickname, Seat } from '@heartlamp/shared';
import { ANIMAL_EMOJI, parseJoinCode } from '@heartlamp/shared/light';
import { nicknameText, useT } from '../i18n';
import type { PlayClient } from '../net/play';
import { useTablet } from '../stores/tablet';
import '../styles/seats-tablet.css';

/** The button on the nickname step that opens the seats. */
export function WasHereBefore({ client, disabled }: { client: PlayClient; disabled: boolean }) {
  const t = useT();
  const code = parseJoinCode(useTablet((s) => s.digits));
  return (
    <button
      type="button"
      className="btn btn-big was-here-before"
      data-testid="was-here-before"
      disabled={disabled || !code}
      onClick={() => code && void client.showSeats(code)}
    >
      {t('play.seats.wasHere')}
    </button>
  );
}

export function ReclaimSeat({ client }: { client: PlayClient }) {
  const reclaim = useTablet((s) => s.reclaim);
  if ((reclaim.status === 'asking' || reclaim.status === 'waiting') && reclaim.seat) {
    return <Waiting client={client} nickname={reclaim.seat.nickname} asking={reclaim.status === 'asking'} />;
  }
  return <Choose client={client} />;
}

function Choose({ client }: { client: PlayClient }) {
  const t = useT();
  const { status, seats, refused } = useTablet((s) => s.reclaim);

  return (
    <main className="seats-step">
      <button type="button" className="btn btn-back" data-testid="seats-back" onClick={() => client.closeSeats()}>
        <span aria-hidden="true">← </span>
        {t('play.seats.back')}
      </button>
      <div className="seats-top">
        <h1 className="tablet-title">{t('play.seats.title')}</h1>
        <p className="tablet-text">
          <span aria-hidden="true">👆 </span>
          {t('play.seats.hint')}
        </p>
      </div>
      {refused && (
        <div className="seats-note" role="status" data-testid="reclaim-refused">
          <span className="seats-note-icon" aria-hidden="true">
            🤗
          </span>
          <span>{t('play.seats.refused')}</span>
        </div>
      )}
      {status === 'loading' && (
        <p className="tablet-text seats-loading" role="status">
          {t('play.seats.loading')}
        </p>
      )}
      {status === 'failed' && (
        <>
          <div className="seats-note" role="alert" data-testid="seats-failed">
            <span className="seats-note-icon" aria-hidden="true">
              📶
            </span>
            <span>{t('play.seats.failed')}</span>
          </div>
          <button type="button" className="btn btn-big" data-testid="seats-retry" onClick={() => client.retryReclaim()}>
            {t('play.seats.retry')}
          </button>
        </>
      )}
      {status === 'choose' && seats.length === 0 && <p className="tablet-text">{t('play.seats.empty')}</p>}
      {status === 'choose' && seats.length > 0 && (
        // The list scrolls inside itself for a big class; the page never does.
        <ul className="seat-grid" data-testid="seats">
          {seats.map((seat) => (
            <li key={seat.seat}>
              <SeatTile seat={seat} onPick={() => void client.reclaim(seat)} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

function SeatTile({ seat, onPick }: { seat: Seat; onPick(): void }) {
  const t = useT();
  const name = nicknameText(t, seat.nickname);
  return (
    <button
      type="button"
      className={`seat-tile${seat.free ? ' is-free' : ''}`}
      data-testid={`seat-${seat.seat}`}
      data-free={seat.free}
      aria-label={seat.free ? t('play.seats.freeAria', { name }) : name}
      onClick={onPick}
    >
      <span className="seat-emoji" aria-hidden="true">
        {ANIMAL_EMOJI[seat.nickname.animal]}
      </span>
      <span className="seat-name" aria-hidden="true">
        {name}
      </span>
      {seat.free && (
        <span className="seat-free" aria-hidden="true">
          {t('play.seats.free')}
        </span>
      )}
    </button>
  );
}

function Waiting({ client, nickname, asking }: { client: PlayClient; nickname: Nickname; asking: boolean }) {
  const t = useT();
  return (
    <main className="tablet-message reclaim-waiting" data-testid={asking ? 'reclaim-asking' : 'reclaim-waiting'}>
      <div className="name-card">
        <span className="name-emoji" aria-hidden="true">
          {ANIMAL_EMOJI[nickname.animal]}
        </span>
        <span className="name-text">{nicknameText(t, nickname)}</span>
      </div>
      {asking ? (
        <p className="tablet-big-text" role="status">
          {t('play.seats.asking')}
        </p>
      ) : (
        <>
          <p className="tablet-big-text" role="status">
            <span aria-hidden="true">🙋 </span>
            {t('play.seats.waitingTitle')}
          </p>
          <p className="tablet-text">{t('play.seats.waitingBody')}</p>
          <span className="waiting-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <button
            type="button"
            className="btn btn-big"
            data-testid="reclaim-cancel"
            onClick={() => client.cancelReclaim()}
          >
            <span aria-hidden="true">← </span>
            {t('play.seats.cancel')}
          </button>
        </>
      )}
    </main>
  );
}
