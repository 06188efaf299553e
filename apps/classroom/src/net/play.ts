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
 *
 * Shared tablets: when the seat goes to another device (`play:kicked`, or a resume refused with
 * `seat-released`), this device forgets the identity, drops intents not yet sent — they were the
 * other child's, and must never go out as whoever joins here next — and shows a kind screen.
 * "I was here before" (reclaim.ts) takes a seat onto this device and joins with its token.
 */
import type {
  Ack,
  JoinCode,
  Joined,
  Nickname,
  PlayClientEvents,
  ProtocolError,
  RosterTiles,
  Seat,
} from '@heartlamp/shared';
import { currentLocale, errorText, translate } from '../i18n';
import { markOutdated } from '../stores/connection';
import { type KickedReason, NO_RECLAIM, useTablet } from '../stores/tablet';
import { showToast } from '../stores/toast';
import { AckTimeoutError, requester } from './ack';
import { clearIdentity, type Identity, loadIdentity, saveIdentity } from './identity';
import { createReclaimer, type TokenJoin } from './reclaim';
import { isAbort, isTransient, newIntentId, ReadyGate, SerialQueue, sleep, untilAcked } from './retry';
import { isOutdatedError, openPlaySocket, trackConnection } from './socket';

export interface PlayClient {
  /**
   * First join with a freshly picked nickname, as the roster child `studentId` when they tapped
   * their name tile. Resolves when the store says how it went.
   */
  join(code: JoinCode, nickname: Nickname, studentId?: string): Promise<void>;
  /** The name tiles of `code` (its class roster), or null when the server did not answer. */
  roster(code: JoinCode): Promise<Ack<RosterTiles> | null>;
  /** Send an activity intent; retried until acked. */
  intent(intent: unknown): void;
  /** "I was here before": show the seats of `code`. */
  showSeats(code: JoinCode): Promise<void>;
  /** Take this seat onto this device (at once if freed, else once the teacher says yes). */
  reclaim(seat: Seat): Promise<void>;
  /** Stop waiting for the teacher; back to the seats. */
  cancelReclaim(): void;
  /** Load the seats again after a failure (or join again with a seat already granted). */
  retryReclaim(): void;
  /** From the seats back to the nickname step. */
  closeSeats(): void;
  /** From the "your place moved" screen back to the keypad, with the code already in. */
  leaveKicked(): void;
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

  /**
   * Intents belong to the seat they were made on: letting go of it (kicked, reset) aborts the
   * ones still queued, or they would go out once another child joins on this device.
   */
  let seatScope = childScope(abort.signal);
  function dropIntents(): void {
    seatScope.abort();
    seatScope = childScope(abort.signal);
  }

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
    reclaim: NO_RECLAIM,
    kicked: null,
  });

  function adopt(code: JoinCode, joined: Joined): void {
    const next: Identity = {
      code,
      participantId: joined.participantId,
      resumeToken: joined.resumeToken,
      nickname: joined.nickname,
    };
    saveIdentity(next);
    useTablet.setState({
      identity: next,
      step: 'joined',
      joining: false,
      error: null,
      ended: false,
      reclaim: NO_RECLAIM,
      kicked: null,
    });
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

  /**
   * This device no longer holds the child's seat. Everything that would let it act as the child
   * goes: the saved identity (so no reload or reconnection tries the old token again), the open
   * gate, queued intents and the last state (the stage and its buttons). The code stays typed in.
   */
  function letGo(reason: KickedReason): void {
    const { identity, state, digits } = useTablet.getState();
    clearIdentity();
    gate.close();
    dropIntents();
    window.clearTimeout(stateTimer);
    stateAsks = 0;
    useTablet.setState({
      identity: null,
      state: null,
      step: 'kicked',
      kicked: { reason, nickname: state?.nickname ?? identity?.nickname ?? null },
      digits: identity?.code ?? state?.code ?? digits,
      joining: false,
      error: null,
      ended: false,
      reclaim: NO_RECLAIM,
    });
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
          // Kicked, reset or re-joined meanwhile: this answer is about a seat we no longer hold.
          if (useTablet.getState().identity !== current) return;
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
          if (ack.error.code === 'seat-released') {
            // The seat went to another device while this one was away. Final: the identity is
            // cleared, so neither a reconnection nor the state timer resumes with this token again.
            letGo('moved');
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

  /** Joins as a seat taken back onto this device (reclaim.ts); the reclaim screen stays if not. */
  async function joinWithToken(code: JoinCode, nickname: Nickname, resumeToken: string): Promise<TokenJoin> {
    useTablet.setState({ joining: true });
    try {
      // A resume is idempotent, so a lost ack is simply asked again.
      const ack = await requestWithRetries(() => request('play:join', { code, nickname, resumeToken }), 3);
      if (ack.ok) {
        adopt(code, ack.data);
        return 'joined';
      }
      useTablet.setState({ joining: false });
      if (isOutdatedError(ack.error)) markOutdated();
      else if (isGone(ack.error)) handleGone(code, ack.error);
      return isTransient(ack) ? 'timeout' : 'refused';
    } catch (error) {
      if (!(error instanceof AckTimeoutError)) throw error;
      useTablet.setState({ joining: false });
      return 'timeout';
    }
  }

  const reclaimer = createReclaimer({ request, joinWithToken, gone: handleGone });

  const stopTracking = trackConnection(socket, {
    onConnect: () => {
      if (useTablet.getState().identity) void resume();
      else reclaimer.onConnect();
    },
    onDisconnect: () => gate.close(),
  });

  socket.on('play:state', (state) => {
    window.clearTimeout(stateTimer);
    stateAsks = 0;
    useTablet.setState({ state, ended: state.status === 'ended' });
    if (state.status === 'ended') clearIdentity();
  });

  socket.on('play:kicked', (reason) => letGo(reason));
  socket.on('play:reclaim-result', (result) => reclaimer.onResult(result));

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

  /**
   * The join id of a first join that has not had a final answer yet. It outlives the call: if every
   * retry timed out and the child taps "join" again, the same id goes out, so a first attempt that
   * did reach the server returns that same child instead of counting a second one.
   */
  let pendingJoin: { code: string; joinId: string } | null = null;

  return {
    async join(code, nickname, studentId) {
      useTablet.setState({ joining: true, error: null });
      try {
        // A first join carries a client-made id and is retried with it: the server hands a retry
        // the same child, so a lost ack never counts a child twice.
        if (pendingJoin?.code !== code) pendingJoin = { code, joinId: newIntentId() };
        const { joinId } = pendingJoin;
        const payload = { code, nickname, joinId, ...(studentId ? { studentId } : {}) };
        const ack = await requestWithRetries(() => request('play:join', payload), 3);
        pendingJoin = null;
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

    async roster(code) {
      try {
        return await request('play:roster', { code });
      } catch (error) {
        if (!(error instanceof AckTimeoutError)) throw error;
        return null;
      }
    },

    intent(intent) {
      const clientIntentId = newIntentId();
      const { signal } = seatScope;
      queue
        .run(
          () =>
            untilAcked(() => request('play:intent', { clientIntentId, intent }), {
              gate,
              signal,
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

    showSeats: (code) => reclaimer.open(code),
    reclaim: (seat) => reclaimer.choose(seat),
    cancelReclaim: () => reclaimer.cancel(),
    retryReclaim: () => void reclaimer.retry(),
    closeSeats: () => reclaimer.close(),

    leaveKicked() {
      useTablet.setState({ step: 'code', kicked: null, error: null });
    },

    reset() {
      clearIdentity();
      gate.close();
      dropIntents();
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
        reclaim: NO_RECLAIM,
        kicked: null,
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

/** A signal aborted with `parent`, or on its own. */
function childScope(parent: AbortSignal): AbortController {
  const scope = new AbortController();
  if (parent.aborted) scope.abort();
  else parent.addEventListener('abort', () => scope.abort(), { once: true });
  return scope;
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
