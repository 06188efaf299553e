/**
 * The door to the console. /teach asks the server who is signed in (`GET /api/auth`) and shows,
 * in a card in the middle of the page: the first-run form when no teacher exists yet, the
 * sign-in form otherwise, or — once signed in — the console itself (`children`). The console's
 * socket lives inside `children`, so it is only opened by a signed-in browser.
 */
import type { Credentials, LedgerError } from '@heartlamp/shared';
import { type ReactNode, useEffect } from 'react';
import { useLocale, useT } from '../../i18n';
import { CredentialsForm } from './CredentialsForm';
import { loadAuth, setUp, signIn, signOut, useAuth } from './store';
import '../../styles/trust.css';

export function SignInGate({ children }: { children: ReactNode }) {
  const status = useAuth((s) => s.status);
  useEffect(() => {
    void loadAuth();
  }, []);

  if (status === 'signed-in') return children;
  if (status === 'loading') return <AuthLoading />;
  if (status === 'offline') return <AuthOffline />;
  return status === 'setup' ? <SetupCard /> : <SignInCard />;
}

function AuthLoading() {
  const t = useT();
  return <p className="muted loading">{t('auth.checking')}</p>;
}

function AuthOffline() {
  const t = useT();
  return (
    <section className="panel auth-card" data-testid="auth-offline">
      <p className="form-error" role="alert">
        {t('auth.offline')}
      </p>
      <button type="button" className="btn btn-primary btn-big" onClick={() => void loadAuth()}>
        {t('auth.retry')}
      </button>
    </section>
  );
}

/** The server's refusal in the console's language; a lost connection in plain words. */
function useRefusalWords(): (error: LedgerError | null) => string | null {
  const t = useT();
  const locale = useLocale();
  return (error) => (error === null ? null : error.message[locale] || t('auth.failed'));
}

function SetupCard() {
  const t = useT();
  const words = useRefusalWords();
  return (
    <section className="panel auth-card" aria-labelledby="setup-title" data-testid="setup-card">
      <div className="auth-lamp" aria-hidden="true">
        🪔
      </div>
      <h1 id="setup-title" className="auth-title">
        {t('auth.setupTitle')}
        <span className="auth-subtitle">{t('auth.setupSubtitle')}</span>
      </h1>
      <p>{t('auth.setupIntro')}</p>
      <p className="auth-kept">
        <span aria-hidden="true">🔒 </span>
        {t('auth.keptHere')}
      </p>
      <CredentialsForm
        kind="new"
        testId="setup"
        submitLabel={t('auth.setupSubmit')}
        busyLabel={t('auth.setupBusy')}
        onSubmit={async (credentials: Credentials) => words(await setUp(credentials))}
      />
      <p className="muted small">{t('auth.remember')}</p>
    </section>
  );
}

function SignInCard() {
  const t = useT();
  const expired = useAuth((s) => s.expired);
  const words = useRefusalWords();
  return (
    <section className="panel auth-card" aria-labelledby="signin-title" data-testid="signin-card">
      <div className="auth-lamp" aria-hidden="true">
        🪔
      </div>
      <h1 id="signin-title" className="auth-title">
        {t('auth.signInTitle')}
      </h1>
      {expired && (
        <p className="auth-expired" role="status" data-testid="signin-expired">
          {t('auth.expired')}
        </p>
      )}
      <p className="muted">{t('auth.signInIntro')}</p>
      <CredentialsForm
        kind="login"
        testId="signin"
        submitLabel={t('auth.signInSubmit')}
        busyLabel={t('auth.signInBusy')}
        onSubmit={async (credentials: Credentials) => words(await signIn(credentials))}
      />
    </section>
  );
}

/** The top bar's "已登录:王老师 · 退出登录". */
export function TeacherBadge() {
  const t = useT();
  const teacher = useAuth((s) => s.teacher);
  if (!teacher) return null;
  return (
    <span className="teacher-badge">
      <span className="teacher-name" data-testid="teacher-name" title={t('auth.signedInAs', { name: teacher.name })}>
        <span aria-hidden="true">👤 </span>
        {teacher.name}
      </span>
      <button
        type="button"
        className="btn btn-small"
        data-testid="sign-out"
        title={t('auth.signOutHint')}
        onClick={() => void signOut()}
      >
        {t('auth.signOut')}
      </button>
    </span>
  );
}
