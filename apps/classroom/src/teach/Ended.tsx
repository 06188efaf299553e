/**
 * After the lesson: how many joined and how many answered (what the semester summary will count),
 * any follow-up requests still open, and a way to start the next class.
 */
import type { ConsoleState } from '@heartlamp/shared';
import { useLocale, useT } from '../i18n';
import type { TeachClient } from '../net/teach';
import { FollowUps } from './FollowUps';
import { activityDefinition, answeredCount } from './labels';

export function Ended({ state, client }: { state: ConsoleState; client: TeachClient }) {
  const t = useT();
  const locale = useLocale();
  const title = activityDefinition(state.activityId)?.title[locale] ?? state.activityId;
  return (
    <div className="ended-layout" data-testid="ended-summary">
      <section className="panel ended-card">
        <div className="ended-icon" aria-hidden="true">
          🌟
        </div>
        <h2>{t('teach.ended.heading')}</h2>
        <p className="muted">{title}</p>
        <dl className="stats">
          <div>
            <dt>{t('teach.ended.joined')}</dt>
            <dd data-testid="summary-joined">{state.participants.length}</dd>
          </div>
          <div>
            <dt>{t('teach.ended.answered')}</dt>
            <dd data-testid="summary-answered">{answeredCount(state.participants)}</dd>
          </div>
        </dl>
        <p className="muted">{t('teach.ended.saved')}</p>
        <button
          type="button"
          className="btn btn-primary btn-big"
          data-testid="new-session"
          onClick={() => client.leave()}
        >
          {t('teach.ended.again')}
        </button>
      </section>
      {state.followUps.length > 0 && <FollowUps followUps={state.followUps} client={client} />}
    </div>
  );
}
