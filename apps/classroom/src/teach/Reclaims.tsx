/**
 * "换平板请求": children asking, from a new tablet, to carry on with their seat. A child waits on
 * the tablet ("请老师点一下同意") until the teacher answers, so the panel sits at the top of the
 * console and only while someone is waiting. Approving moves the seat: the tablet that held it
 * lets go. Console only, like the follow-ups: the projector never learns of these.
 */
import { ANIMAL_EMOJI, type ConsoleReclaim } from '@heartlamp/shared';
import { useState } from 'react';
import { nicknameText, useLocale, useT } from '../i18n';
import type { TeachClient } from '../net/teach';
import '../styles/seats-console.css';

export function Reclaims({ reclaims, client }: { reclaims: readonly ConsoleReclaim[]; client: TeachClient }) {
  const t = useT();
  const locale = useLocale();
  // Requests being answered: their buttons wait for the server, so one click is one answer.
  const [deciding, setDeciding] = useState<ReadonlySet<string>>(new Set());
  if (reclaims.length === 0) return null;
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const waiting = [...reclaims].sort((a, b) => a.at - b.at);

  function decide(requestId: string, approve: boolean): void {
    setDeciding((s) => new Set(s).add(requestId));
    void client.decideReclaim(requestId, approve).finally(() =>
      setDeciding((s) => {
        const next = new Set(s);
        next.delete(requestId);
        return next;
      }),
    );
  }

  return (
    <section className="panel reclaims" aria-labelledby="reclaims-heading" aria-live="polite" data-testid="reclaims">
      <h2 id="reclaims-heading">
        <span aria-hidden="true">📱 </span>
        {t('teach.reclaims.heading')}
        <span className="badge">{waiting.length}</span>
      </h2>
      <p className="muted small">{t('teach.reclaims.hint')}</p>
      <ul className="reclaim-list">
        {waiting.map((r) => {
          const name = nicknameText(t, r.nickname);
          const busy = deciding.has(r.requestId);
          return (
            <li key={r.requestId} className="reclaim-row" data-testid="reclaim-row">
              <span className="participant-emoji" aria-hidden="true">
                {ANIMAL_EMOJI[r.nickname.animal]}
              </span>
              <span className="participant-name">{name}</span>
              <time className="muted" dateTime={new Date(r.at).toISOString()}>
                {time.format(r.at)}
              </time>
              <button
                type="button"
                className="btn btn-go"
                data-testid="reclaim-approve"
                aria-label={t('teach.reclaims.approveAria', { name })}
                disabled={busy}
                onClick={() => decide(r.requestId, true)}
              >
                <span aria-hidden="true">✓ </span>
                {t('teach.reclaims.approve')}
              </button>
              <button
                type="button"
                className="btn"
                data-testid="reclaim-refuse"
                aria-label={t('teach.reclaims.refuseAria', { name })}
                disabled={busy}
                onClick={() => decide(r.requestId, false)}
              >
                <span aria-hidden="true">✕ </span>
                {t('teach.reclaims.refuse')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
