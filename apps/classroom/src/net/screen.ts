/**
 * The projector's client for /screen. It only ever receives `ScreenState` (public by
 * construction), and re-sends `screen:watch` after every reconnection so the wall display comes
 * back by itself after a Wi-Fi drop or a server restart.
 *
 * The projector opens on the teacher's computer, in the browser where the console is signed in
 * (it shares the session cookie). Without it the server refuses the handshake (`not-signed-in`):
 * the page asks for the console to be signed in first, and keeps trying, so it connects by itself
 * once the teacher has signed in.
 */
import type { JoinCode, ScreenClientEvents } from '@heartlamp/shared';
import { markOutdated } from '../stores/connection';
import { useScreen } from '../stores/screen';
import { isNotSignedInError } from '../teach/auth/signedIn';
import { AckTimeoutError, requester } from './ack';
import { isAbort, sleep } from './retry';
import { isOutdatedError, openScreenSocket, trackConnection } from './socket';

const WATCH_RETRY_MS = 1500;

export interface ScreenClient {
  close(): void;
}

export function createScreenClient(code: JoinCode): ScreenClient {
  const socket = openScreenSocket();
  const request = requester<ScreenClientEvents>(socket);
  const abort = new AbortController();
  let watching = false;

  async function watch(): Promise<void> {
    if (watching) return;
    watching = true;
    try {
      while (socket.connected && !abort.signal.aborted) {
        try {
          const ack = await request('screen:watch', { code });
          if (ack.ok) {
            useScreen.setState({ error: null });
            return;
          }
          if (isOutdatedError(ack.error)) {
            markOutdated();
            return;
          }
          useScreen.setState({ error: ack.error.code });
          if (ack.error.code !== 'rate-limited' && ack.error.code !== 'server-busy') return;
        } catch (error) {
          if (!(error instanceof AckTimeoutError)) throw error;
        }
        await sleep(WATCH_RETRY_MS, abort.signal);
      }
    } catch (error) {
      if (!isAbort(error)) throw error;
    } finally {
      watching = false;
    }
  }

  useScreen.setState({ state: null, error: null });
  const stopTracking = trackConnection(socket, { onConnect: () => void watch(), onDisconnect: () => {} });
  socket.on('connect_error', (error) => {
    if (isNotSignedInError(error)) useScreen.setState({ error: 'not-signed-in' });
  });
  socket.on('screen:state', (state) => useScreen.setState({ state, error: null }));
  socket.connect();

  return {
    close() {
      abort.abort();
      stopTracking();
      socket.disconnect();
    },
  };
}
