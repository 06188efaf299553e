/**
 * The console's first screen: pick today's activity from cards (title, one-line summary, grade
 * bands, theme) and create the class; or continue a class that is still live (after a reload).
 */
import { ACTIVITIES } from '@heartlamp/activities';
import { useLocale, useT } from '../i18n';
import type { TeachClient } from '../net/teach';
import { useConnection } from '../stores/connection';
import { useConsole } from '../stores/console';
import { activityDefinition } from './labels';
import { ClassChoice } from './ledger/ClassChoice';
import { useLedger } from './ledger/store';

export function ActivityPicker({ client }: { client: TeachClient }) {
  const t = useT();
  const locale = useLocale();
  const selected = useConsole((s) => s.selectedActivity);
  const live = useConsole((s) => s.live);
  const busy = useConsole((s) => s.busy);
  const online = useConnection((s) => s.status === 'online');
  const lessonClass = useLedger((s) => s.lessonClass);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });

  return (
    <div className="picker">
      {live.length > 0 && (
        <section className="panel resume" aria-labelledby="resume-heading">
          <h2 id="resume-heading">{t('teach.resume.heading')}</h2>
          <p className="muted">{t('teach.resume.hint')}</p>
          <ul className="resume-list">
            {live.map((s) => (
              <li key={s.code} className="resume-row">
                <span className="resume-code">{s.code}</span>
                <span>{activityDefinition(s.activityId)?.title[locale] ?? s.activityId}</span>
                <span className="muted">{t(`teach.status.${s.status}`)}</span>
                <span className="muted">{t('teach.resume.count', { count: s.participants })}</span>
                <span className="muted">{t('teach.resume.since', { time: time.format(s.startedAt) })}</span>
                <button
                  type="button"
                  className="btn"
                  data-testid={`attach-${s.code}`}
                  disabled={busy || !online}
                  onClick={() => void client.attach(s.code)}
                >
                  {t('teach.resume.continue')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="pick-heading">
        <h2 id="pick-heading">{t('teach.pick.heading')}</h2>
        <div className="activity-grid">
          {ACTIVITIES.map((a) => (
            <button
              key={a.id}
              type="button"
              className={`activity-card theme-${a.theme}${selected === a.id ? ' is-selected' : ''}`}
              data-testid={`activity-${a.id}`}
              aria-pressed={selected === a.id}
              onClick={() => useConsole.setState({ selectedActivity: a.id })}
            >
              <span className="activity-title">{a.title[locale]}</span>
              <span className="activity-summary">{a.summary[locale]}</span>
              <span className="activity-tags">
                <span className="tag tag-theme">{t(`theme.${a.theme}`)}</span>
                {a.gradeBands.map((band) => (
                  <span key={band} className="tag">
                    {t(`grade.${band}`)}
                  </span>
                ))}
              </span>
              {selected === a.id && (
                <span className="activity-check" aria-hidden="true">
                  ✓
                </span>
              )}
            </button>
          ))}
        </div>
      </section>

      <ClassChoice />

      <div className="picker-actions">
        <button
          type="button"
          className="btn btn-primary btn-big"
          data-testid="create-session"
          disabled={!selected || busy || !online}
          onClick={() => selected && void client.create(selected, lessonClass)}
        >
          {busy ? t('teach.pick.creating') : t('teach.pick.create')}
        </button>
        {!selected && <p className="muted">{t('teach.pick.chooseFirst')}</p>}
      </div>
    </div>
  );
}
