/**
 * Who is signed in on this console. `loadAuth` asks the server once when /teach opens; the forms
 * call `signIn` / `setUp`; any `unauthorized` answer from `/api`, or the console socket refused
 * with `not-signed-in`, calls `sessionExpired` and the console goes back to the sign-in card
 * (saying why). Nothing here holds a secret: the session is an httpOnly cookie.
 */
import type { Credentials, LedgerError } from '@heartlamp/shared';
import { create } from 'zustand';
import { useConsole } from '../../stores/console';
import { whenUnauthorized } from '../ledger/api';
import { authApi } from './api';

/**
 * `loading` the first answer; `offline` no answer at all (a retry button); `setup` no teacher
 * exists yet (first run); `signed-out` the sign-in card; `signed-in` the console.
 */
export type AuthStatus = 'loading' | 'offline' | 'setup' | 'signed-out' | 'signed-in';

export interface AuthStore {
  status: AuthStatus;
  teacher: { id: string; name: string } | null;
  /** Back on the sign-in card because the sign-in ran out (not because the teacher signed out). */
  expired: boolean;
}

export const useAuth = create<AuthStore>()(() => ({ status: 'loading', teacher: null, expired: false }));

export async function loadAuth(): Promise<void> {
  const result = await authApi.state();
  if (!result.ok) {
    useAuth.setState({ status: 'offline', teacher: null });
    return;
  }
  const { setupNeeded, teacher } = result.data;
  useAuth.setState({
    status: setupNeeded ? 'setup' : teacher ? 'signed-in' : 'signed-out',
    teacher,
    ...(teacher ? { expired: false } : {}),
  });
}

/** Signs in; returns the server's error (its words in both languages), or null when signed in. */
export async function signIn(credentials: Credentials): Promise<LedgerError | null> {
  const result = await authApi.login(credentials);
  if (!result.ok) return result.error;
  await loadAuth();
  return null;
}

/** First run: the first teacher, signed in straight away. */
export async function setUp(credentials: Credentials): Promise<LedgerError | null> {
  const result = await authApi.setup(credentials);
  if (!result.ok) {
    // Someone finished the first run in another window meanwhile: show the sign-in card.
    if (result.error.code === 'setup-done') await loadAuth();
    return result.error;
  }
  await loadAuth();
  return null;
}

export async function signOut(): Promise<void> {
  await authApi.logout();
  forgetConsole();
  useAuth.setState({ status: 'signed-out', teacher: null, expired: false });
}

/** The server no longer knows this browser: back to the sign-in card, saying why. */
export function sessionExpired(): void {
  if (useAuth.getState().status !== 'signed-in') return;
  forgetConsole();
  useAuth.setState({ status: 'signed-out', teacher: null, expired: true });
}

/**
 * What the last console showed goes with it; the live lesson itself stays on the server, and the
 * console re-attaches to it after the next sign-in (its code is remembered, see net/teach).
 */
function forgetConsole(): void {
  useConsole.setState({ state: null, code: null, live: [], busy: false });
}

whenUnauthorized(sessionExpired);
