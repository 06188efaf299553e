/**
 * "想找老师聊聊": children who privately asked to talk. This panel exists on the console only —
 * the projector never receives these (they are not in ScreenState) — and it says so, so a teacher
 * sharing the laptop screen by mistake knows what they are looking at.
 */
import { ANIMAL_EMOJI, type ConsoleFollowUp } from '@heartlamp/shared';
import { nicknameText, useLocale, useT } from '../i18n';
import type { TeachClient } from '../net/teach';

export function FollowUps({ followUps, client }: { followUps: readonly ConsoleFollowUp[]; client: TeachClient }) {
  const t = useT();
  const locale = useLocale();
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const open = followUps.filter((f) => !f.resolved).sort((a, b) => a.at - b.at);
  const done = followUps.length - open.length;

  return (
    <section className="panel followups" aria-labelledby="followups-heading" data-testid="followups">
      <h2 id="followups-heading">
        <span aria-hidden="true">🔒 </span>
        {t('teach.followups.heading')}
        {open.length > 0 && <span className="badge">{open.length}</span>}
      </h2>
      <p className="muted small">{t('teach.followups.private')}</p>
      {open.length === 0 ? (
        <p className="muted">{t('teach.followups.empty')}</p>
      ) : (
        <ul className="followup-list">
          {open.map((f) => (
            <li key={f.key} className="followup-row" data-testid="followup-row">
              <span className="participant-emoji" aria-hidden="true">
                {ANIMAL_EMOJI[f.nickname.animal]}
              </span>
              <span className="participant-name">{nicknameText(t, f.nickname)}</span>
              <time className="muted" dateTime={new Date(f.at).toISOString()}>
                {time.format(f.at)}
              </time>
              <button
                type="button"
                className="btn btn-small"
                data-testid="followup-resolve"
                onClick={() => void client.resolveFollowUp(f.key)}
              >
                {t('teach.followups.resolve')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {done > 0 && <p className="muted small">{t('teach.followups.resolvedCount', { count: done })}</p>}
    </section>
  );
}
