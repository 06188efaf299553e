/**
 * The bench's own launcher: the real server (createServer, a temp SQLite folder, the built
 * classroom app) on 127.0.0.1, a teacher signed in when the server asks for it, and socket.io
 * clients for the teacher and the 40 tablets. Deliberately independent of e2e/browser.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { createServer, type HeartlampServer } from '../../apps/server/src/server.js';
import { type Ack, NAMESPACES, type NamespaceName, PROTOCOL_VERSION } from '../../packages/shared/src/index.js';

export const ROOT = resolve(import.meta.dirname, '../..');
const CLASSROOM_DIST = join(ROOT, 'apps/classroom/dist');

export type AnySocket = Socket;

export interface BenchServer {
  server: HeartlampServer;
  url: string;
  /** `hl_session=…` once the teacher has signed in; null while the server has no sign-in. */
  cookie: string | null;
  socket(ns: NamespaceName, withCookie?: boolean): Promise<Socket>;
  close(): Promise<void>;
}

/** Builds the classroom app when there is no build yet (or when asked to). */
export function ensureClassroomBuilt(force: boolean, log: (line: string) => void): void {
  if (!force && existsSync(join(CLASSROOM_DIST, 'index.html'))) return;
  log('building the classroom app (pnpm --filter @heartlamp/classroom build)…');
  const built = spawnSync('pnpm', ['--filter', '@heartlamp/classroom', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`classroom build failed (exit ${built.status})`);
}

/**
 * First-run teacher sign-in: `POST /api/auth/setup` on a fresh data folder answers with the
 * session cookie. A server without sign-in yet answers 404, and then nothing needs a cookie.
 */
async function signIn(url: string, log: (line: string) => void): Promise<string | null> {
  const response = await fetch(`${url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', passphrase: 'bench passphrase 1' }),
  });
  if (response.status === 404) {
    log('sign-in: /api/auth/setup not found (no sign-in on this server yet): continuing without a cookie');
    return null;
  }
  if (!response.ok) throw new Error(`POST /api/auth/setup: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]?.trim() ?? '')
    .find((pair) => pair.startsWith('hl_session='));
  if (!cookie) throw new Error('POST /api/auth/setup answered without an hl_session cookie');
  log('sign-in: teacher "Bench" set up, hl_session cookie obtained');
  return cookie;
}

export async function startBenchServer(log: (line: string) => void): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'heartlamp-bench-frames-'));
  const server = createServer({ dataDir, publicHost: '127.0.0.1', log: () => {} });
  const { port } = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const cookie = await signIn(url, log);
  const sockets: Socket[] = [];
  return {
    server,
    url,
    cookie,
    async socket(ns, withCookie = false) {
      const socket = connect(url + NAMESPACES[ns], {
        transports: ['websocket'],
        auth: { protocolVersion: PROTOCOL_VERSION },
        reconnection: false,
        forceNew: true,
        ...(withCookie && cookie ? { extraHeaders: { cookie } } : {}),
      });
      sockets.push(socket);
      await new Promise<void>((done, fail) => {
        socket.once('connect', () => done());
        socket.once('connect_error', fail);
      });
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Emits with an ack (10 s) and returns the data, or throws with the server's error. */
export async function call<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

/** Like `call`, but a refusal (e.g. "already there") is not an error: returns whether it was accepted. */
export async function tryCall(socket: Socket, event: string, payload: unknown): Promise<boolean> {
  try {
    const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<unknown>;
    return ack.ok;
  } catch {
    return false;
  }
}
