/**
 * The console's sign-in calls (`/api/auth…`, contract in @heartlamp/shared `api/trust.ts`). The
 * session itself is the `hl_session` cookie: httpOnly, so this code never sees it; the browser
 * sends it with every same-origin fetch and socket.io handshake.
 */
import type { AuthState, Credentials } from '@heartlamp/shared';
import { call, json } from '../ledger/api';

export const authApi = {
  state: () => call<AuthState>('/api/auth'),
  /** First run only: creates the first teacher and signs them in (the answer's body is not needed: `state` follows). */
  setup: (credentials: Credentials) => call<unknown>('/api/auth/setup', json('POST', credentials)),
  login: (credentials: Credentials) => call<unknown>('/api/auth/login', json('POST', credentials)),
  logout: () => call<null>('/api/auth/logout', json('POST', {})),
};
