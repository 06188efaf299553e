/**
 * Who has joined: avatar, nickname, online dot and a tick once they answered. Console only; the
 * dot has a shape as well as a colour (filled / hollow) for colour-blind teachers.
 *
 * Given the `client`, each child also gets "让出座位" (shared tablets) and "移出" (out of the
 * lesson), see SeatActions; a freed seat shows "空位" either way.
 */
import { ANIMAL_EMOJI, type ConsoleParticipant } from '@heartlamp/shared';
import { nicknameText, useT } from '../i18n';
import type { TeachClient } from '../net/teach';
import { FreeSeat, RemoveSeat, SeatFreeBadge } from './SeatActions';

export function ParticipantList({
  participants,
  client,
}: {
  participants: readonly ConsoleParticipant[];
  client?: TeachClient;
}) {
  const t = useT();
  if (participants.length === 0) return <p className="muted empty">{t('teach.participants.empty')}</p>;
  return (
    <ul className={`participants${client ? ' has-seat-actions' : ''}`} data-testid="participants">
      {participants.map((p) => (
        <li key={p.id} className={`participant-row${p.connected ? '' : ' is-offline'}`} data-testid="participant-row">
          <span className="participant-emoji" aria-hidden="true">
            {ANIMAL_EMOJI[p.nickname.animal]}
          </span>
          {/* A roster child by their own name (this console is the teacher's alone); a guest by nickname. */}
          <span className="participant-name" data-testid={p.student ? 'participant-student' : undefined}>
            {p.student ? (
              <>
                <span className="seat-no">{p.student.seat}</span> {p.student.name}
              </>
            ) : (
              nicknameText(t, p.nickname)
            )}
          </span>
          <span
            className={`presence ${p.connected ? 'presence-on' : 'presence-off'}`}
            title={t(p.connected ? 'teach.participants.online' : 'teach.participants.offline')}
          >
            <span aria-hidden="true">{p.connected ? '●' : '○'}</span>
            <span className="sr-only">
              {t(p.connected ? 'teach.participants.online' : 'teach.participants.offline')}
            </span>
          </span>
          <span className="contributed" data-testid={p.contributed ? 'contributed' : undefined}>
            {p.contributed ? (
              <>
                <span aria-hidden="true">✓</span>
                <span className="sr-only">{t('teach.participants.contributed')}</span>
              </>
            ) : null}
          </span>
          {p.free ? (
            <SeatFreeBadge />
          ) : (
            client && (
              <span className="seat-actions">
                <FreeSeat participant={p} client={client} />
                <RemoveSeat participant={p} client={client} />
              </span>
            )
          )}
        </li>
      ))}
    </ul>
  );
}
