/**
 * /screen/:code — the projector (1920×1080, read from the back row). Lobby: the code huge, the QR,
 * the join address, the joined count and avatars. Running: the activity's projector stage. Ended:
 * a warm thank-you.
 *
 * It only ever receives `ScreenState`: counts and avatars, no participant ids, no private items —
 * there is nothing private here to leak. It opens only in a browser where the teacher console is
 * signed in; elsewhere it says so, big, with the way to the console.
 */
import { joinCodeSchema, type ScreenState } from '@heartlamp/shared';
import { type ReactNode, useEffect, useMemo } from 'react';
import { activityT, useLocale, useT, useTitle } from '../i18n';
import { createScreenClient } from '../net/screen';
import { useScreen } from '../stores/screen';
import { Avatar } from '../ui/Avatar';
import { ConnectionPill } from '../ui/ConnectionBanner';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { preloadStage, Stage } from '../ui/Stage';
import { useActivityClient } from '../ui/useActivityClient';
import { useClient } from '../ui/useClient';
import { Qr } from './Qr';

/** The projector's stage never sends intents. */
const ignoreIntent = (): void => {};

export function ScreenPage({ code }: { code: string }) {
  const t = useT();
  const parsed = joinCodeSchema.safeParse(code);
  if (!parsed.success) {
    return (
      <div className="screen screen-message">
        <p className="screen-big-text">{t('screen.badCode')}</p>
      </div>
    );
  }
  return <WatchedScreen code={parsed.data} />;
}

function WatchedScreen({ code }: { code: ScreenState['code'] }) {
  const t = useT();
  useClient(() => createScreenClient(code), `screen-${code}`);
  useTitle(`${t('screen.title')} ${code} · ${t('app.name')}`);
  const state = useScreen((s) => s.state);
  const error = useScreen((s) => s.error);

  let body: ReactNode;
  if (error === 'not-signed-in') {
    // Even over an old state: without a sign-in this page gets no more updates.
    body = <SignInFirst />;
  } else if (error && !state) {
    body = (
      <div className="screen-message">
        <div className="screen-icon" aria-hidden="true">
          {error === 'session-ended' ? '🌙' : '🔍'}
        </div>
        <p className="screen-big-text">
          {t(error === 'session-ended' ? 'screen.sessionEnded' : 'screen.notFound', { code })}
        </p>
      </div>
    );
  } else if (!state) {
    body = (
      <div className="screen-message">
        <p className="screen-big-text">{t('screen.connecting')}</p>
      </div>
    );
  } else if (state.status === 'lobby') {
    body = <ScreenLobby state={state} />;
  } else if (state.status === 'running') {
    body = <ScreenRunning state={state} />;
  } else {
    body = <ScreenThanks />;
  }

  // While the stage runs, the corner would cover the scene's own header: the footer holds it.
  const running = state?.status === 'running' && error !== 'not-signed-in';
  return (
    <div className="screen">
      {body}
      {!running && (
        <div className="screen-corner">
          <ScreenControls />
        </div>
      )}
    </div>
  );
}

/** Asked for by the server: the projector belongs to a signed-in console on this computer. */
function SignInFirst() {
  const t = useT();
  return (
    <div className="screen-message screen-sign-in" data-testid="screen-sign-in">
      <div className="screen-icon" aria-hidden="true">
        🔑
      </div>
      <p className="screen-big-text">{t('screen.signIn.title')}</p>
      <p className="screen-sign-in-body">{t('screen.signIn.body')}</p>
      <a className="btn btn-primary btn-huge" href="/teach" data-testid="screen-to-teach">
        {t('screen.signIn.open')}
      </a>
    </div>
  );
}

function ScreenControls() {
  return (
    <>
      <ConnectionPill />
      <LanguageSwitch className="lang-quiet" />
    </>
  );
}

function ScreenLobby({ state }: { state: ScreenState }) {
  const t = useT();
  return (
    <div className="screen-lobby">
      <div className="screen-lobby-top">
        <div className="screen-join">
          <p className="screen-label">{t('screen.codeLabel')}</p>
          <p className="screen-code" data-testid="screen-code">
            {state.code.split('').map((digit, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: digits repeat; their place is their key
              <span key={i} className="screen-code-digit">
                {digit}
              </span>
            ))}
          </p>
          <p className="screen-label">{t('screen.joinAt')}</p>
          <p className="screen-url">{state.joinUrl}</p>
        </div>
        <Qr text={state.joinUrl} label={t('screen.qrLabel')} />
      </div>
      <div className="screen-lobby-bottom">
        <p className="screen-count">
          <span aria-hidden="true">🙋 </span>
          <JoinedCount count={state.joined} />
        </p>
        {state.avatars.length === 0 ? (
          <p className="screen-waiting">{t('screen.waiting')}</p>
        ) : (
          <ul className="screen-avatars">
            {state.avatars.map((nickname, i) => (
              // Avatars carry no id on purpose; their order is stable (joining order).
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i}>
                <Avatar nickname={nickname} size="big" />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function ScreenRunning({ state }: { state: ScreenState }) {
  const t = useT();
  const locale = useLocale();
  const loaded = useActivityClient(state.activityId);
  // The stage's own code and Phaser download alongside the activity's.
  useEffect(preloadStage, []);
  const at = useMemo(() => activityT(state.activityId, locale), [state.activityId, locale]);
  let stage: ReactNode;
  if (loaded.status === 'ready') {
    stage = (
      <Stage
        activity={loaded.client}
        audience="projector"
        view={state.view}
        emit={ignoreIntent}
        locale={locale}
        t={at}
      />
    );
  } else {
    const key =
      loaded.status === 'unknown'
        ? 'screen.unknownActivity'
        : loaded.status === 'failed'
          ? 'stage.failed'
          : 'stage.loading';
    stage = (
      <div className="screen-message">
        <p className="screen-big-text">{t(key)}</p>
      </div>
    );
  }
  return (
    <div className="screen-running">
      {stage}
      <footer className="screen-footer">
        <span>
          {t('screen.codeLabel')} <strong className="screen-footer-code">{state.code}</strong>
        </span>
        <span className="screen-footer-right">
          <JoinedCount count={state.joined} />
          <ScreenControls />
        </span>
      </footer>
    </div>
  );
}

/** "12 人已加入" / "12 joined": the number is its own element so a test can read it. */
function JoinedCount({ count }: { count: number }) {
  const t = useT();
  return (
    <span className="joined">
      <strong data-testid="joined-count">{count}</strong> {t('screen.joinedSuffix')}
    </span>
  );
}

function ScreenThanks() {
  const t = useT();
  return (
    <div className="screen-message screen-thanks" data-testid="screen-ended">
      <div className="screen-icon" aria-hidden="true">
        🌈
      </div>
      <p className="screen-huge-text">{t('screen.thanks.title')}</p>
      <p className="screen-big-text">{t('screen.thanks.body')}</p>
    </div>
  );
}
