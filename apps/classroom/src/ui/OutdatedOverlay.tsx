/**
 * Full-screen "please reload" when the server says this page is an older version than itself
 * (`client-outdated`). Worded for a teacher, not an IT person: what happened, what to press, and
 * that the lesson is not lost.
 */
import { useT } from '../i18n';
import { useConnection } from '../stores/connection';

export function OutdatedOverlay() {
  const t = useT();
  const outdated = useConnection((s) => s.outdated);
  if (!outdated) return null;
  return (
    <div
      className="outdated"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="outdated-title"
      data-testid="outdated"
    >
      <div className="outdated-card">
        <div className="outdated-icon" aria-hidden="true">
          🔄
        </div>
        <h1 id="outdated-title">{t('outdated.title')}</h1>
        <p>{t('outdated.body')}</p>
        <button type="button" className="btn btn-primary btn-big" onClick={() => window.location.reload()}>
          {t('outdated.reload')}
        </button>
      </div>
    </div>
  );
}
