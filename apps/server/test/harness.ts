/**
 * Test harness: a real server from `createServer` on 127.0.0.1 with a real SQLite file in a temp
 * folder, and real socket.io clients speaking the typed protocol.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Ack,
  NAMESPACES,
  type NamespaceName,
  type PlayClientEvents,
  type PlayPushes,
  PROTOCOL_VERSION,
  type ScreenClientEvents,
  type ScreenPushes,
  type TeachClientEvents,
  type TeachPushes,
} from '@heartlamp/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { createServer, type HeartlampServer, type ServerDeps } from '../src/server.js';

export type TeachSocket = Socket<TeachPushes, TeachClientEvents>;
export type ScreenSocket = Socket<ScreenPushes, ScreenClientEvents>;
export type PlaySocket = Socket<PlayPushes, PlayClientEvents>;

export interface Harness {
  server: HeartlampServer;
  url: string;
  dataDir: string;
  /** The signed-in teacher's `Cookie` header (the first teacher, set up when the harness started). */
  cookie: string;
  /** `fetch` of a path on this server, as the signed-in teacher's browser (cookie, same origin). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  teach(): Promise<TeachSocket>;
  screen(): Promise<ScreenSocket>;
  play(): Promise<PlaySocket>;
  close(): Promise<void>;
}

export async function startHarness(deps: Partial<ServerDeps> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'heartlamp-test-'));
  // Hashing at OWASP's cost takes a second a sign-in on a busy machine; the trust tests check it.
  const server = createServer({ dataDir, publicHost: '127.0.0.1', scrypt: TEST_SCRYPT, dailyPurge: false, ...deps });
  const { port } = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const cookie = await setUpTeacher(url);
  const sockets: Socket[] = [];
  const open = async <S extends Socket>(ns: NamespaceName, auth: object = { protocolVersion: PROTOCOL_VERSION }) => {
    const socket = connect(url + NAMESPACES[ns], {
      transports: ['websocket'],
      auth,
      reconnection: false,
      forceNew: true,
      // The console and projector are the teacher's; a tablet carries no cookie.
      ...(ns === 'play' ? {} : { extraHeaders: { cookie } }),
    });
    sockets.push(socket);
    socket.onAny((event: string, value: unknown) => {
      const events = latest.get(socket) ?? new Map<string, unknown>();
      latest.set(socket, events);
      events.set(event, value);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket as S;
  };
  return {
    server,
    url,
    dataDir,
    cookie,
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has('cookie')) headers.set('cookie', cookie);
      return fetch(url + path, { ...init, headers });
    },
    teach: () => open<TeachSocket>('teach'),
    screen: () => open<ScreenSocket>('screen'),
    play: () => open<PlaySocket>('play'),
    async close() {
      for (const s of sockets) s.disconnect();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Cheap scrypt for tests that are not about hashing (the stored format says which cost was used). */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };

export const TEST_TEACHER = { name: '王老师', passphrase: 'a long test passphrase' };

/** Sets up the first teacher on a fresh server; returns the session cookie as a `Cookie` header. */
export async function setUpTeacher(url: string, teacher = TEST_TEACHER): Promise<string> {
  const res = await fetch(`${url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(teacher),
  });
  if (res.status !== 201) throw new Error(`teacher setup failed: ${res.status} ${await res.text()}`);
  return cookieOf(res);
}

/** The `name=value` of a response's Set-Cookie, ready for a `Cookie` header. */
export function cookieOf(res: Response): string {
  const header = res.headers.getSetCookie()[0] ?? '';
  return header.split(';')[0] ?? '';
}

/** Emits with an ack and resolves with it (fails the test after 5 s). */
export function call<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

export function unwrap<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

/** The last value each socket received per event, so `until` sees a push that came before it asked. */
const latest = new WeakMap<Socket, Map<string, unknown>>();

/** Resolves when `predicate` holds for the latest value pushed on `event` (already, or later). */
export function until<T>(socket: Socket, event: string, predicate: (value: T) => boolean, ms = 5000): Promise<T> {
  const seen = latest.get(socket)?.get(event);
  if (seen !== undefined && predicate(seen as T)) return Promise.resolve(seen as T);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`timed out waiting for ${event}`));
    }, ms);
    const listener = (value: T) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(value);
    };
    socket.on(event, listener);
  });
}

export function count(server: HeartlampServer, table: string): number {
  const row = server.db.raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number };
  return row.n;
}
