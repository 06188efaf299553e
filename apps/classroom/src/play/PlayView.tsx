/**
 * The tablet after joining: the child's own avatar on top; then "等老师开始" in the lobby, the
 * activity's tablet stage and big-button controls while running, and a thank-you at the end.
 */
import { type ReactNode, useCallback, useEffect, useMemo } from 'react';
import { activityT, useLocale, useT } from '../i18n';
import type { PlayClient } from '../net/play';
import { useTablet } from '../stores/tablet';
import { Avatar } from '../ui/Avatar';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { preloadStage, Stage } from '../ui/Stage';
import { useActivityClient } from '../ui/useActivityClient';
import { useMyName } from './NameTiles';

export function PlayView({ client }: { client: PlayClient }) {
  const t = useT();
  const identity = useTablet((s) => s.identity);
  const state = useTablet((s) => s.state);
  const ended = useTablet((s) => s.ended);
  const pending = useTablet((s) => s.pending);
  // The name the child tapped (a lesson for a class): on this tablet only, beside the avatar everyone sees.
  const me = useMyName(identity?.code ?? null);

  let body: ReactNode;
  if (ended || state?.status === 'ended') {
    body = (
      <div className="tablet-message" data-testid="ended">
        <div className="tablet-icon" aria-hidden="true">
          🎉
        </div>
        <p className="tablet-big-text">{t('play.ended.title')}</p>
        <p className="tablet-text">{t('play.ended.body')}</p>
        <button type="button" className="btn btn-big" data-testid="join-again" onClick={() => client.reset()}>
          {t('play.ended.again')}
        </button>
      </div>
    );
  } else if (!state) {
    body = (
      <div className="tablet-message">
        <div className="tablet-icon tablet-icon-soft" aria-hidden="true">
          🚪
        </div>
        <p className="tablet-big-text">{t('play.entering')}</p>
      </div>
    );
  } else if (state.status === 'lobby') {
    body = (
      <div className="tablet-message" data-testid="waiting">
        <Avatar nickname={state.nickname} size="huge" />
        <p className="tablet-big-text">{t('play.waiting.title')}</p>
        <p className="tablet-text">{t('play.waiting.body')}</p>
      </div>
    );
  } else {
    body = <Activity client={client} activityId={state.activityId} view={state.view} />;
  }

  const nickname = state?.nickname ?? identity?.nickname;
  return (
    <div className="tablet-joined">
      <header className="tablet-header">
        {nickname && <Avatar nickname={nickname} />}
        {me && (
          <span className="my-name" data-testid="my-name">
            {t('ledger.tiles.you', { name: me.name })}
          </span>
        )}
        <span className="topbar-spacer" />
        {pending > 0 && (
          <span className="pending" title={t('play.sending')}>
            <span aria-hidden="true">⏳</span>
            <span className="sr-only">{t('play.sending')}</span>
          </span>
        )}
      </header>
      <main className="tablet-body">{body}</main>
    </div>
  );
}

function Activity({ client, activityId, view }: { client: PlayClient; activityId: string; view: unknown }) {
  const t = useT();
  const locale = useLocale();
  const loaded = useActivityClient(activityId);
  // The stage's own code and Phaser download alongside the activity's.
  useEffect(preloadStage, []);
  const at = useMemo(() => activityT(activityId, locale), [activityId, locale]);
  const emit = useCallback((intent: unknown) => client.intent(intent), [client]);

  if (loaded.status === 'loading') {
    return (
      <div className="tablet-message" data-testid="activity-loading">
        <p className="tablet-text">{t('stage.loading')}</p>
      </div>
    );
  }
  if (loaded.status === 'failed') {
    // The activity's code did not arrive (the Wi-Fi dropped); a reload fetches it again and the
    // tablet resumes as the same child.
    return (
      <div className="tablet-message">
        <p className="tablet-big-text">{t('stage.failed')}</p>
        <button type="button" className="btn btn-big" onClick={() => window.location.reload()}>
          {t('stage.retry')}
        </button>
      </div>
    );
  }
  if (loaded.status === 'unknown') {
    return (
      <div className="tablet-message">
        <p className="tablet-big-text">{t('play.unknownActivity')}</p>
      </div>
    );
  }
  // The controls read their strings with react-i18next's useTranslation('activity.<id>'), from
  // the bundle registered when the activity loaded (see useActivityClient).
  const activity = loaded.client;
  const Controls = activity.TabletControls;
  return (
    <div className="tablet-activity">
      <Stage activity={activity} audience="tablet" view={view} emit={emit} locale={locale} t={at} />
      <div className="tablet-controls" data-testid="tablet-controls">
        <ErrorBoundary fallback={<p className="tablet-text">{t('play.controlsFailed')}</p>}>
          <Controls view={view} emit={emit} />
        </ErrorBoundary>
      </div>
    </div>
  );
}
