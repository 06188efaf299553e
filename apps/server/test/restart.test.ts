/**
 * A laptop restart mid-lesson: the next server on the same data folder brings the session back,
 * and a tablet with its resume token returns as the same child with its answer intact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CreatedSession,
  type Joined,
  type LiveSessionSummary,
  PROTOCOL_VERSION,
  type TabletState,
} from '@heartlamp/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, expect, it } from 'vitest';
import { createServer, type HeartlampServer } from '../src/server.js';
import { call, cookieOf, count, TEST_SCRYPT, TEST_TEACHER, until, unwrap } from './harness.js';

const dataDir = mkdtempSync(join(tmpdir(), 'heartlamp-restart-'));
const sockets: Socket[] = [];
const servers: HeartlampServer[] = [];

async function boot() {
  const server = createServer({ dataDir, publicHost: '127.0.0.1', scrypt: TEST_SCRYPT, dailyPurge: false });
  servers.push(server);
  const { port } = await server.listen(0, '127.0.0.1');
  // The first boot sets the teacher up; after a restart the same teacher signs in again.
  const route = server.db.raw.prepare('SELECT COUNT(*) AS n FROM teachers').get() as { n: number };
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/${route.n === 0 ? 'setup' : 'login'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_TEACHER),
  });
  const cookie = cookieOf(res);
  const open = async (ns: string) => {
    const socket = connect(`http://127.0.0.1:${port}/${ns}`, {
      ...(ns === 'play' ? {} : { extraHeaders: { cookie } }),
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise((resolve) => socket.once('connect', () => resolve(null)));
    return socket;
  };
  return { server, open };
}

afterEach(async () => {
  for (const s of sockets) s.disconnect();
  for (const s of servers) await s.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

it('restores a running session after a restart, with every acknowledged answer', async () => {
  const first = await boot();
  const teacher = await first.open('teach');
  const { code } = unwrap(await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster' }));
  unwrap(await call(teacher, 'session:start', { code }));
  const tablet = await first.open('play');
  const joined = unwrap(
    await call<Joined>(tablet, 'play:join', { code, nickname: { adjective: 'sunny', animal: 'owl' } }),
  );
  unwrap(
    await call(tablet, 'play:intent', {
      clientIntentId: 'restart-intent-1',
      intent: { type: 'answer', emotion: 'sadness', intensity: 3, reason: 'friends' },
    }),
  );
  unwrap(await call(tablet, 'play:intent', { clientIntentId: 'restart-intent-2', intent: { type: 'ask-to-talk' } }));
  await first.server.close();

  const second = await boot();
  const console2 = await second.open('teach');
  const live = unwrap(await call<LiveSessionSummary[]>(console2, 'session:list', {}));
  expect(live).toEqual([expect.objectContaining({ code, status: 'running', participants: 1 })]);

  const back = await second.open('play');
  const state = until<TabletState>(back, 'play:state', () => true);
  const resumed = unwrap(
    await call<Joined>(back, 'play:join', {
      code,
      nickname: { adjective: 'kind', animal: 'cat' },
      resumeToken: joined.resumeToken,
    }),
  );
  expect(resumed).toMatchObject({ participantId: joined.participantId, resumed: true });
  const view = (await state).view as { mine: { choice: string; reason: string }; askedToTalk: boolean };
  expect(view.mine).toMatchObject({ choice: 'sadness', reason: 'friends' });
  expect(view.askedToTalk).toBe(true);

  // The retried intent from before the restart is applied once; a new answer replaces the old row.
  unwrap(
    await call(back, 'play:intent', {
      clientIntentId: 'restart-intent-1',
      intent: { type: 'answer', emotion: 'sadness', intensity: 3, reason: 'friends' },
    }),
  );
  unwrap(
    await call(back, 'play:intent', {
      clientIntentId: 'restart-intent-3',
      intent: { type: 'answer', emotion: 'calm', intensity: 1 },
    }),
  );
  expect(count(second.server, 'contributions')).toBe(1);
  expect(count(second.server, 'follow_ups')).toBe(1);
  expect(count(second.server, 'participations')).toBe(1);
  expect(count(second.server, 'sessions')).toBe(1);
});
