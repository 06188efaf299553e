/**
 * The running lesson: the activity's own ConsolePanel (phase controls, private details) in the
 * middle; beside it the private follow-up requests and the roster (with "锁定教室"); on top the
 * code, the counts and "结束活动".
 */
import type { ConsoleState } from '@heartlamp/shared';
import { type ReactNode, useCallback } from 'react';
import { useT } from '../i18n';
import type { TeachClient } from '../net/teach';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { useActivityClient } from '../ui/useActivityClient';
import { FollowUps } from './FollowUps';
import { nameOfParticipant } from './labels';
import { ParticipantList } from './ParticipantList';
import { LockRoom } from './SeatActions';

export function Running({ state, client }: { state: ConsoleState; client: TeachClient }) {
  const t = useT();
  const loaded = useActivityClient(state.activityId);
  const nameOf = useCallback((id: string) => nameOfParticipant(t, state.participants, id), [t, state.participants]);
  const host = useCallback((intent: unknown) => client.host(intent), [client]);

  let panel: ReactNode = <p className="muted">{t('teach.running.unknownActivity')}</p>;
  if (loaded.status === 'loading') panel = <p className="muted">{t('app.loading')}</p>;
  else if (loaded.status === 'failed') panel = <p className="muted">{t('teach.running.panelFailed')}</p>;
  else if (loaded.status === 'ready') {
    // The panel reads its strings with react-i18next's useTranslation('activity.<id>'), registered
    // when the activity loaded (see useActivityClient).
    const Panel = loaded.client.ConsolePanel;
    panel = (
      <ErrorBoundary fallback={<p className="muted">{t('teach.running.panelFailed')}</p>}>
        <Panel view={state.view} host={host} nameOf={nameOf} />
      </ErrorBoundary>
    );
  }

  return (
    <div className="running-layout">
      <section className="panel running-main" aria-label={t('teach.running.controls')} data-testid="console-panel">
        {panel}
      </section>
      <aside className="running-side">
        <FollowUps followUps={state.followUps} client={client} />
        <section className="panel" aria-labelledby="running-roster">
          <h2 id="running-roster">{t('teach.participants.heading')}</h2>
          <LockRoom locked={state.locked} client={client} />
          <ParticipantList participants={state.participants} client={client} />
        </section>
      </aside>
    </div>
  );
}
