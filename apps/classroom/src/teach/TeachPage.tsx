/**
 * /teach — the teacher's console (a laptop, a teacher who is not an IT person). One page for the
 * whole lesson: pick → lobby → running → ended, driven by the `console:state` the server pushes.
 */
import { useState } from 'react';
import { useLocale, useT, useTitle } from '../i18n';
import { createTeachClient, type TeachClient } from '../net/teach';
import { useConsole } from '../stores/console';
import { ConnectionPill } from '../ui/ConnectionBanner';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { useClient } from '../ui/useClient';
import { ActivityPicker } from './ActivityPicker';
import { ConfirmEnd } from './ConfirmEnd';
import { Ended } from './Ended';
import { CodeDigits, Lobby, openProjector } from './Lobby';
import { activityDefinition, answeredCount } from './labels';
import { Running } from './Running';

export function TeachPage() {
  const t = useT();
  const client = useClient(createTeachClient, 'teach');
  useTitle(`${t('teach.title')} · ${t('app.name')}`);
  return (
    <div className="teach">
      <header className="topbar">
        <span className="brand">
          <span aria-hidden="true">🪔 </span>
          {t('app.name')}
        </span>
        <span className="topbar-title">{t('teach.title')}</span>
        <span className="topbar-spacer" />
        <ConnectionPill />
        <LanguageSwitch />
      </header>
      <main className="teach-main">{client && <ConsoleBody client={client} />}</main>
    </div>
  );
}

function ConsoleBody({ client }: { client: TeachClient }) {
  const t = useT();
  const locale = useLocale();
  const code = useConsole((s) => s.code);
  const state = useConsole((s) => s.state);
  const busy = useConsole((s) => s.busy);
  const [confirming, setConfirming] = useState(false);

  if (!code) return <ActivityPicker client={client} />;
  if (!state || state.code !== code) return <p className="muted loading">{t('teach.attaching')}</p>;

  const title = activityDefinition(state.activityId)?.title[locale] ?? state.activityId;
  return (
    <>
      <div className="session-bar">
        <h1 className="session-title">{title}</h1>
        <span className={`status status-${state.status}`}>{t(`teach.status.${state.status}`)}</span>
        {state.status !== 'lobby' && (
          <>
            <span className="session-code-small">
              {t('teach.lobby.codeLabel')} <CodeDigits code={state.code} />
            </span>
            <span className="muted" data-testid="counts">
              {t('teach.counts', { joined: state.participants.length, answered: answeredCount(state.participants) })}
            </span>
          </>
        )}
        <span className="topbar-spacer" />
        {state.status === 'running' && (
          <button type="button" className="btn" onClick={() => openProjector(state.code)}>
            {t('teach.lobby.openProjector')}
          </button>
        )}
        {state.status !== 'ended' && (
          <button
            type="button"
            className="btn btn-danger"
            data-testid="end-session"
            onClick={() => setConfirming(true)}
          >
            {t('teach.end.button')}
          </button>
        )}
      </div>
      {state.status === 'lobby' && <Lobby state={state} client={client} />}
      {state.status === 'running' && <Running state={state} client={client} />}
      {state.status === 'ended' && <Ended state={state} client={client} />}
      {confirming && state.status !== 'ended' && (
        <ConfirmEnd
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            void client.end().then(() => setConfirming(false));
          }}
        />
      )}
    </>
  );
}
