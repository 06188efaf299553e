/**
 * The tablet's client for /play.
 *
 * Resume: the tablet keeps `{ code, participantId, resumeToken, nickname }` in localStorage. On
 * every (re)connection it re-sends `play:join` with the resume token, so the server knows the
 * child as the same participant and pushes the current `play:state`; until that ack arrives the
 * intent gate stays closed, so no intent reaches the server from a socket it does not know yet.
 *
 * Intents: each gets a client-made id and is retried with that same id until acked (see
 * retry.ts), one at a time, in order. A `not-joined` answer (the server lost track of this
 * socket) closes the gate and triggers a resume; the intent then goes out again.
 */
import type { Ack, JoinCode, Joined, Nickname, PlayClientEvents, ProtocolError } from '@heartlamp/shared';
import { currentLocale, errorText, translate } from '../i18n';
import { markOutdated } from '../stores/connection';
import { useTablet } from '../stores/tablet';
import { showToast } from '../stores/toast';
import { AckTimeoutError, requester } from './ack';
import { clearIdentity, type Identity, loadIdentity, saveIdentity } from './identity';
import { isAbort, isTransient, newIntentId, ReadyGate, SerialQueue, sleep, untilAcked } from './retry';
import { isOutdatedError, openPlaySocket, trackConnection } from './socket';

export interface PlayClient {
  /** First join with a freshly picked nickname. Resolves when the store says how it went. */
  join(code: JoinCode, nickname: Nickname): Promise<void>;
  /** Send an activity intent; retried until acked. */
  intent(intent: unknown): void;
  /** Forget this tablet's identity (after the activity ended) and go back to the keypad. */
  reset(): void;
  close(): void;
}

const RESUME_RETRY_MS = 1000;
/** How long to wait for the first `play:state` after a join before asking again. */
const STATE_WAIT_MS = 2000;
const STATE_ASKS = 3;

/** Sessions that are gone for good: the saved identity is useless after these. */
function isGone(error: ProtocolError): boolean {
  return error.code === 'session-not-found' || error.code === 'session-ended';
}

export function createPlayClient(prefillCode: JoinCode | null): PlayClient {
  const socket = openPlaySocket();
  const request = requester<PlayClientEvents>(socket);
  const gate = new ReadyGate();
  const queue = new SerialQueue();
  const abort = new AbortController();
  let resuming = false;

  // A QR for another class wins over a saved identity from an earlier lesson.
  const saved = loadIdentity();
  if (saved && prefillCode && saved.code !== prefillCode) clearIdentity();
  const identity = saved && (!prefillCode || saved.code === prefillCode) ? saved : null;
  useTablet.setState({
    identity,
    step: identity ? 'joined' : 'code',
    digits: identity ? identity.code : (prefillCode ?? ''),
    joining: identity !== null,
    state: null,
    error: null,
    ended: false,
  });

  function adopt(code: JoinCode, joined: Joined): void {
    const next: Identity = {
      code,
      participantId: joined.participantId,
      resumeToken: joined.resumeToken,
      nickname: joined.nickname,
    };
    saveIdentity(next);
    useTablet.setState({ identity: next, step: 'joined', joining: false, error: null, ended: false });
    gate.open();
    expectState();
  }

  /**
   * The server pushes `play:state` after a join; should that push be lost (it can race the
   * socket's room membership), re-joining with the resume token makes the server send it again.
   * A resume is idempotent, so asking twice costs nothing.
   */
  let stateTimer: number | undefined;
  let stateAsks = 0;
  function expectState(): void {
    window.clearTimeout(stateTimer);
    if (useTablet.getState().state) {
      stateAsks = 0;
      return;
    }
    stateTimer = window.setTimeout(() => {
      if (useTablet.getState().state || stateAsks >= STATE_ASKS || !socket.connected) return;
      stateAsks += 1;
      void resume();
    }, STATE_WAIT_MS);
  }

  function handleGone(code: JoinCode, error: ProtocolError): void {
    clearIdentity();
    gate.close();
    if (error.code === 'session-ended') {
      useTablet.setState({ identity: null, joining: false, ended: true, step: 'joined' });
    } else {
      useTablet.setState({ identity: null, joining: false, step: 'code', digits: code, error: error.code });
    }
  }

  /** Re-join with the resume token until the server answers for good or the socket drops. */
  async function resume(): Promise<void> {
    if (resuming) return;
    resuming = true;
    try {
      while (socket.connected && !abort.signal.aborted) {
        const current = useTablet.getState().identity;
        if (!current) return;
        useTablet.setState({ joining: true });
        try {
          const ack = await request('play:join', {
            code: current.code,
            nickname: current.nickname,
            resumeToken: current.resumeToken,
          });
          if (ack.ok) {
            adopt(current.code, ack.data);
            return;
          }
          if (isOutdatedError(ack.error)) {
            markOutdated();
            return;
          }
          if (isGone(ack.error)) {
            handleGone(current.code, ack.error);
            return;
          }
          if (!isTransient(ack)) {
            // The token was refused (e.g. expired): join again as a new child with the same name.
            clearIdentity();
            useTablet.setState({ identity: null, joining: false, step: 'name', candidate: current.nickname });
            return;
          }
        } catch (error) {
          if (!(error instanceof AckTimeoutError)) throw error;
        }
        await sleep(RESUME_RETRY_MS, abort.signal);
      }
    } catch (error) {
      if (!isAbort(error)) throw error;
    } finally {
      resuming = false;
    }
  }

  const stopTracking = trackConnection(socket, {
    onConnect: () => {
      if (useTablet.getState().identity) void resume();
    },
    onDisconnect: () => gate.close(),
  });

  socket.on('play:state', (state) => {
    window.clearTimeout(stateTimer);
    stateAsks = 0;
    useTablet.setState({ state, ended: state.status === 'ended' });
    if (state.status === 'ended') clearIdentity();
  });

  socket.connect();

  function reportFinal(ack: Ack<null>): void {
    if (ack.ok) return;
    if (isOutdatedError(ack.error)) {
      markOutdated();
      return;
    }
    const activityId = useTablet.getState().state?.activityId;
    showToast(errorText(translate, currentLocale(), ack.error, activityId), 'info');
  }

  return {
    async join(code, nickname) {
      useTablet.setState({ joining: true, error: null });
      try {
        // A first join carries a client-made id and is retried with it: the server hands a retry
        // the same child, so a lost ack never counts a child twice.
        const joinId = newIntentId();
        const ack = await requestWithRetries(() => request('play:join', { code, nickname, joinId }), 3);
        if (ack.ok) {
          adopt(code, ack.data);
        } else if (isOutdatedError(ack.error)) {
          markOutdated();
        } else if (isGone(ack.error)) {
          handleGone(code, ack.error);
        } else {
          useTablet.setState({ joining: false, error: ack.error.code });
        }
      } catch (error) {
        if (!(error instanceof AckTimeoutError)) throw error;
        useTablet.setState({ joining: false, error: 'timeout' });
      }
    },

    intent(intent) {
      const clientIntentId = newIntentId();
      queue
        .run(
          () =>
            untilAcked(() => request('play:intent', { clientIntentId, intent }), {
              gate,
              signal: abort.signal,
              onTransient: (ack) => {
                if (!ack.ok && ack.error.code === 'not-joined') {
                  gate.close();
                  void resume();
                }
              },
            }),
          (pending) => useTablet.setState({ pending }),
        )
        .then(reportFinal, (error: unknown) => {
          if (!isAbort(error)) showToast(translate('net.failed'), 'info');
        });
    },

    reset() {
      clearIdentity();
      gate.close();
      window.clearTimeout(stateTimer);
      stateAsks = 0;
      useTablet.setState({
        identity: null,
        state: null,
        step: 'code',
        digits: '',
        candidate: null,
        joining: false,
        error: null,
        ended: false,
      });
    },

    close() {
      abort.abort();
      window.clearTimeout(stateTimer);
      stopTracking();
      socket.disconnect();
    },
  };
}

/** Repeats a request on ack timeouts only, `attempts` times in all. */
async function requestWithRetries<T>(send: () => Promise<T>, attempts: number): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof AckTimeoutError) || i >= attempts) throw error;
    }
  }
}
