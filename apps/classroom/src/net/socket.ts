/**
 * Typed socket.io clients, one per namespace (/teach, /screen, /play), and the connection
 * bookkeeping they share.
 *
 * The handshake carries `{ protocolVersion, locale }`. `auth` is a function, so a reconnect after
 * a language switch tells the server the new locale. If the server refuses this build as too old
 * (`client-outdated`) the page shows a full-screen "please reload" and stops trying.
 *
 * Reconnection is socket.io's own (backoff 0.5–4 s). What has to happen after a reconnect
 * (re-join, re-attach, re-watch) is the business of each namespace client, through `onConnect`.
 */
import type {
  Handshake,
  PlayClientEvents,
  PlayPushes,
  ScreenClientEvents,
  ScreenPushes,
  TeachClientEvents,
  TeachPushes,
} from '@heartlamp/shared';
import { NAMESPACES, PROTOCOL_VERSION } from '@heartlamp/shared/light';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { currentLocale } from '../i18n';
import { markOutdated, setConnectionStatus, useConnection } from '../stores/connection';

export type TeachSocket = Socket<TeachPushes, TeachClientEvents>;
export type ScreenSocket = Socket<ScreenPushes, ScreenClientEvents>;
export type PlaySocket = Socket<PlayPushes, PlayClientEvents>;

function options(): Partial<ManagerOptions & SocketOptions> {
  return {
    auth: (send) => {
      const handshake: Handshake = { protocolVersion: PROTOCOL_VERSION, locale: currentLocale() };
      send(handshake);
    },
    // WebSocket first (one long-lived connection per tablet); long-polling if a school proxy
    // blocks WebSocket upgrades.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
    timeout: 8000,
    autoConnect: false,
  };
}

export function openTeachSocket(): TeachSocket {
  return io(NAMESPACES.teach, options());
}
export function openScreenSocket(): ScreenSocket {
  return io(NAMESPACES.screen, options());
}
export function openPlaySocket(): PlaySocket {
  return io(NAMESPACES.play, options());
}

/** The reserved socket events every namespace's socket has, whatever its event maps. */
export interface ConnectionEvents {
  readonly active: boolean;
  connect(): unknown;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: Socket.DisconnectReason) => void): unknown;
  on(event: 'connect_error', listener: (error: Error) => void): unknown;
}

/** Restart delay when the server refused the connection for a reason other than the version. */
const REFUSED_RETRY_MS = 3000;

/** True if a connection error or ack error says this build is too old for the server. */
export function isOutdatedError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ('code' in error && error.code === 'client-outdated') return true;
  if ('message' in error && error.message === 'client-outdated') return true;
  return 'data' in error && isOutdatedError(error.data);
}

/**
 * Keeps the connection store in step with the socket and calls `onConnect` after every
 * (re)connection and `onDisconnect` on every drop. Returns a stop function.
 */
export function trackConnection(
  socket: ConnectionEvents,
  hooks: { onConnect(): void; onDisconnect(): void },
): () => void {
  let stopped = false;
  let restart: number | undefined;
  setConnectionStatus(useConnection.getState().wasOnline ? 'reconnecting' : 'connecting');

  socket.on('connect', () => {
    if (stopped) return;
    setConnectionStatus('online');
    hooks.onConnect();
  });
  socket.on('disconnect', (reason) => {
    if (stopped || reason === 'io client disconnect') return;
    setConnectionStatus('reconnecting');
    hooks.onDisconnect();
    // The server closed this socket on purpose (a restart, an ended session): socket.io does not
    // come back by itself in that case, but a classroom page should.
    if (reason === 'io server disconnect') restart = window.setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
  });
  socket.on('connect_error', (error) => {
    if (stopped) return;
    if (isOutdatedError(error)) {
      stopped = true;
      markOutdated();
      return;
    }
    setConnectionStatus(useConnection.getState().wasOnline ? 'reconnecting' : 'connecting');
    // `active` is false when the server's middleware refused us; socket.io then stops retrying.
    if (!socket.active) restart = window.setTimeout(() => socket.connect(), REFUSED_RETRY_MS);
  });

  return () => {
    stopped = true;
    window.clearTimeout(restart);
  };
}
