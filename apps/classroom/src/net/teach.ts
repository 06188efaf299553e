/**
 * The teacher console's client for /teach.
 *
 * Re-attach: the console remembers the code of its live session (localStorage). On every
 * (re)connection it sends `session:attach` for it, so a reloaded page or a dropped laptop Wi-Fi
 * picks the lesson up where it was; `session:list` fills the "continue a class" list for a teacher
 * who opens the console afresh.
 *
 * Teacher intents for the activity (`session:host`) carry a client id and are retried until
 * acked, like a tablet's. Other commands (create, start, end, resolve, lock, remove) are sent
 * once: the teacher sees the result and can press again.
 *
 * Signed-in only: the server refuses the handshake without the teacher's session cookie
 * (`connect_error` with `not-signed-in`). The client then stops reconnecting and says so through
 * `onNotSignedIn`; the console shows the sign-in card, and a new client is made after signing in.
 */
import {
  type Ack,
  type JoinCode,
  joinCodeSchema,
  type ParticipantId,
  type ProtocolError,
  type TeachClientEvents,
} from '@heartlamp/shared';
import { currentLocale, errorText, translate } from '../i18n';
import { markOutdated } from '../stores/connection';
import { useConsole } from '../stores/console';
import { showToast } from '../stores/toast';
import { isNotSignedInError } from '../teach/auth/signedIn';
import { AckTimeoutError, requester } from './ack';
import { isAbort, newIntentId, ReadyGate, SerialQueue, untilAcked } from './retry';
import { isOutdatedError, openTeachSocket, trackConnection } from './socket';

const STORAGE_KEY = 'heartlamp.console.code';

export interface TeachClient {
  /** Create a session; with `classId` its tablets offer that class's name tiles. */
  create(activityId: string, classId?: string | null): Promise<void>;
  attach(code: string): Promise<void>;
  start(): Promise<void>;
  end(): Promise<boolean>;
  resolveFollowUp(key: string): Promise<void>;
  /** Shared tablets: free a child's seat so another device can take it. */
  freeSeat(participantId: ParticipantId): Promise<void>;
  /** Takes a tablet out of the lesson (it is told kindly; with the room locked it cannot come back). */
  removeSeat(participantId: ParticipantId): Promise<void>;
  /** Locks the room (no new tablet may join; children already in can resume) or unlocks it. */
  lock(locked: boolean): Promise<void>;
  /** Shared tablets: answer a child's request to carry on on a new device. */
  decideReclaim(requestId: string, approve: boolean): Promise<void>;
  /** A teacher intent for the running activity (the ConsolePanel's `host`). */
  host(intent: unknown): void;
  /** Leave an ended session and go back to the activity picker. */
  leave(): void;
  close(): void;
}

function rememberedCode(): JoinCode | null {
  try {
    const parsed = joinCodeSchema.safeParse(window.localStorage.getItem(STORAGE_KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
function remember(code: string | null): void {
  try {
    if (code) window.localStorage.setItem(STORAGE_KEY, code);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Only the automatic re-attach after a reload is lost; the list still offers the session.
  }
}

function parseCode(code: string): JoinCode | null {
  const parsed = joinCodeSchema.safeParse(code);
  return parsed.success ? parsed.data : null;
}

export interface TeachClientOptions {
  /** The server no longer knows this browser's sign-in; the client has stopped by then. */
  onNotSignedIn(): void;
}

export function createTeachClient(options: TeachClientOptions): TeachClient {
  const socket = openTeachSocket();
  const request = requester<TeachClientEvents>(socket);
  const gate = new ReadyGate();
  const queue = new SerialQueue();
  const abort = new AbortController();

  function report(error: ProtocolError): void {
    if (isOutdatedError(error)) {
      markOutdated();
      return;
    }
    if (isNotSignedInError(error)) {
      notSignedIn();
      return;
    }
    const activityId = useConsole.getState().state?.activityId;
    showToast(errorText(translate, currentLocale(), error, activityId));
  }

  /** Runs a one-shot command; returns its ack, or null after a timeout (already reported). */
  async function once<T>(run: () => Promise<Ack<T>>): Promise<Ack<T> | null> {
    try {
      const ack = await run();
      if (!ack.ok) report(ack.error);
      return ack;
    } catch (error) {
      if (!(error instanceof AckTimeoutError)) throw error;
      showToast(translate('net.timeout'));
      return null;
    }
  }

  async function refreshList(): Promise<void> {
    try {
      const ack = await request('session:list', {});
      if (ack.ok) useConsole.setState({ live: ack.data });
    } catch (error) {
      // The list is a convenience; a timeout leaves the previous one.
      if (!(error instanceof AckTimeoutError)) throw error;
    }
  }

  async function attachTo(code: JoinCode, quiet: boolean): Promise<boolean> {
    try {
      const ack = await request('session:attach', { code });
      if (ack.ok) {
        remember(code);
        useConsole.setState({ code });
        gate.open();
        return true;
      }
      if (isOutdatedError(ack.error)) markOutdated();
      else if (!quiet) report(ack.error);
    } catch (error) {
      if (!(error instanceof AckTimeoutError)) throw error;
      if (!quiet) showToast(translate('net.timeout'));
    }
    return false;
  }

  async function onConnect(): Promise<void> {
    const { code, state } = useConsole.getState();
    const target = code ? parseCode(code) : rememberedCode();
    if (target && state?.status !== 'ended') {
      const attached = await attachTo(target, code === null);
      if (!attached) {
        // The session is gone (ended elsewhere, or the server lost it): back to the picker.
        remember(null);
        if (code !== null) useConsole.setState({ code: null, state: null });
      }
    }
    await refreshList();
  }

  const stopTracking = trackConnection(socket, {
    onConnect: () => void onConnect(),
    onDisconnect: () => gate.close(),
  });

  /** No point retrying with the same (missing or expired) cookie: stop, and ask for a sign-in. */
  function notSignedIn(): void {
    abort.abort();
    stopTracking();
    socket.disconnect();
    options.onNotSignedIn();
  }
  socket.on('connect_error', (error) => {
    if (isNotSignedInError(error)) notSignedIn();
  });

  socket.on('console:state', (state) => {
    useConsole.setState({ state, code: state.code });
    if (state.status === 'ended') remember(null);
  });

  socket.connect();

  function currentCode(): JoinCode | null {
    const code = useConsole.getState().code;
    return code ? parseCode(code) : null;
  }

  return {
    async create(activityId, classId) {
      useConsole.setState({ busy: true });
      try {
        const ack = await once(() => request('session:create', { activityId, ...(classId ? { classId } : {}) }));
        if (ack?.ok) {
          remember(ack.data.code);
          useConsole.setState({ code: ack.data.code });
          gate.open();
        }
      } finally {
        useConsole.setState({ busy: false });
      }
    },

    async attach(code) {
      const parsed = parseCode(code);
      if (!parsed) return;
      useConsole.setState({ busy: true });
      try {
        if (!(await attachTo(parsed, false))) await refreshList();
      } finally {
        useConsole.setState({ busy: false });
      }
    },

    async start() {
      const code = currentCode();
      if (!code) return;
      useConsole.setState({ busy: true });
      try {
        await once(() => request('session:start', { code }));
      } finally {
        useConsole.setState({ busy: false });
      }
    },

    async end() {
      const code = currentCode();
      if (!code) return false;
      useConsole.setState({ busy: true });
      try {
        const ack = await once(() => request('session:end', { code }));
        if (ack?.ok) remember(null);
        return ack?.ok === true;
      } finally {
        useConsole.setState({ busy: false });
      }
    },

    async resolveFollowUp(key) {
      const code = currentCode();
      if (!code) return;
      await once(() => request('followup:resolve', { code, key }));
    },

    // Both are safe to press twice: freeing a free seat and answering an answered request are no-ops.
    async freeSeat(participantId) {
      const code = currentCode();
      if (!code) return;
      await once(() => request('seat:release', { code, participantId }));
    },

    async removeSeat(participantId) {
      const code = currentCode();
      if (!code) return;
      await once(() => request('seat:remove', { code, participantId }));
    },

    async lock(locked) {
      const code = currentCode();
      if (!code) return;
      await once(() => request('session:lock', { code, locked }));
    },

    async decideReclaim(requestId, approve) {
      const code = currentCode();
      if (!code) return;
      await once(() => request('seat:decide', { code, requestId, approve }));
    },

    host(intent) {
      const code = currentCode();
      if (!code) return;
      const clientIntentId = newIntentId();
      queue
        .run(() =>
          untilAcked(() => request('session:host', { code, clientIntentId, intent }), {
            gate,
            signal: abort.signal,
          }),
        )
        .then(
          (ack) => {
            if (!ack.ok) report(ack.error);
          },
          (error: unknown) => {
            if (!isAbort(error)) showToast(translate('net.failed'));
          },
        );
    },

    leave() {
      remember(null);
      gate.close();
      useConsole.setState({ code: null, state: null });
      void refreshList();
    },

    close() {
      abort.abort();
      stopTracking();
      socket.disconnect();
    },
  };
}
