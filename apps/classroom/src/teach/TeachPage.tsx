/**
 * /teach — the teacher's console (a laptop, a teacher who is not an IT person). One page for the
 * whole lesson: pick → lobby → running → ended, driven by the `console:state` the server pushes.
 *
 * Behind a sign-in (SignInGate): until a teacher is signed in the page shows only the first-run or
 * sign-in card, and the console socket is not opened at all. If the server stops knowing this
 * browser (the sign-in ran out), the socket is refused with `not-signed-in` and the card comes back.
 */
import { lazy, Suspense, useState } from 'react';
import { useLocation } from 'wouter';
import { useLocale, useT, useTitle } from '../i18n';
import { createTeachClient, type TeachClient } from '../net/teach';
import { useConsole } from '../stores/console';
import { ConnectionPill } from '../ui/ConnectionBanner';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { useClient } from '../ui/useClient';
import { ActivityPicker } from './ActivityPicker';
import { SignInGate, TeacherBadge } from './auth/SignInGate';
import { sessionExpired, useAuth } from './auth/store';
import { BackupButton } from './BackupButton';
import { ConfirmEnd } from './ConfirmEnd';
import { Ended } from './Ended';
import { CodeDigits, Lobby, openProjector } from './Lobby';
import { activityDefinition, answeredCount } from './labels';
import { TeachTabs, tabFromPath } from './ledger/Tabs';
import { Reclaims } from './Reclaims';
import { Running } from './Running';

/** Classes & rosters, statistics and exports: loaded when first opened (see ledger/LedgerPages). */
const LedgerPages = lazy(() => import('./ledger/LedgerPages'));
/** 隐私与账号: what is kept and for how long, the teachers' accounts. */
const PrivacyPage = lazy(() => import('./privacy/PrivacyPage'));

export function TeachPage() {
  const t = useT();
  const signedIn = useAuth((s) => s.status === 'signed-in');
  const [path] = useLocation();
  const tab = tabFromPath(path);
  useTitle(`${t('teach.title')} · ${t('app.name')}`);
  return (
    <div className="teach">
      <header className="topbar">
        <span className="brand">
          <span aria-hidden="true">🪔 </span>
          {t('app.name')}
        </span>
        <span className="topbar-title">{t('teach.title')}</span>
        {signedIn && <TeachTabs current={tab} />}
        <span className="topbar-spacer" />
        {signedIn && (
          <>
            <BackupButton />
            <ConnectionPill />
          </>
        )}
        <LanguageSwitch />
        <TeacherBadge />
      </header>
      <main className="teach-main">
        <SignInGate>
          <SignedIn />
        </SignInGate>
      </main>
    </div>
  );
}

/** The console proper: mounted only once signed in, so its socket is too. */
function SignedIn() {
  const t = useT();
  const client = useClient(() => createTeachClient({ onNotSignedIn: sessionExpired }), 'teach');
  const [path] = useLocation();
  const tab = tabFromPath(path);
  // The socket stays open on every tab: a lesson keeps running while the teacher looks at figures.
  if (tab === 'lesson') return client && <ConsoleBody client={client} />;
  return (
    <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
      {tab === 'privacy' ? <PrivacyPage /> : <LedgerPages tab={tab} />}
    </Suspense>
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
        {state.locked && state.status !== 'ended' && (
          <span className="status status-locked" data-testid="locked-tag">
            <span aria-hidden="true">🔒 </span>
            {t('teach.lock.tag')}
          </span>
        )}
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
      {/* A child waits on a tablet for this answer: above everything else, while there is one. */}
      {state.status !== 'ended' && <Reclaims reclaims={state.reclaims} client={client} />}
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
