/**
 * Bad input at the socket boundary: each case gets an ack with an error code and words a person
 * understands, nothing is written, and the other children carry on.
 */
import type { CreatedSession, Joined, LiveSessionSummary, TabletState } from '@heartlamp/shared';
import { PROTOCOL_VERSION } from '@heartlamp/shared';
import { io as connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  count,
  type Harness,
  type PlaySocket,
  startHarness,
  type TeachSocket,
  until,
  unwrap,
} from './harness.js';

let h: Harness;
let teacher: TeachSocket;
let code: string;
let child: PlaySocket;
let classmate: PlaySocket;
let n = 0;
const intentId = () => `bad-input-${(n++).toString().padStart(6, '0')}`;

beforeEach(async () => {
  h = await startHarness();
  teacher = await h.teach();
  ({ code } = unwrap(await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster' })));
  child = await h.play();
  classmate = await h.play();
  unwrap(await call<Joined>(child, 'play:join', { code, nickname: { adjective: 'brave', animal: 'bear' } }));
  unwrap(await call<Joined>(classmate, 'play:join', { code, nickname: { adjective: 'kind', animal: 'fox' } }));
});
afterEach(async () => {
  await h.close();
});

/** Rows in every ledger table, to show a refusal wrote nothing. */
const ledgerRows = () =>
  ['sessions', 'participations', 'contributions', 'follow_ups'].map((t) => count(h.server, t)).join(',');

async function expectRefused(
  promise: Promise<{ ok: boolean; error?: { code: string; message: string } }>,
  errorCode: string,
) {
  const before = ledgerRows();
  const ack = await promise;
  expect(ack.ok).toBe(false);
  expect(ack.error?.code).toBe(errorCode);
  expect(ack.error?.message.length).toBeGreaterThan(5);
  expect(ledgerRows()).toBe(before);
}

async function classmateStillWorks() {
  const ack = await call(classmate, 'play:intent', { clientIntentId: intentId(), intent: { type: 'pass' } });
  expect(ack.ok).toBe(true);
}

describe('bad input', () => {
  it("refuses an intent before the teacher starts, in the child's words", async () => {
    await expectRefused(
      call(child, 'play:intent', { clientIntentId: intentId(), intent: { type: 'pass' } }),
      'session-not-running',
    );
  });

  it('refuses malformed payloads and says where', async () => {
    unwrap(await call(teacher, 'session:start', { code }));
    const ack = await call(child, 'play:intent', {
      clientIntentId: intentId(),
      intent: { type: 'answer', emotion: 'joy', intensity: 7 },
    });
    expect(ack.ok).toBe(false);
    if (!ack.ok) {
      expect(ack.error.code).toBe('invalid-payload');
      expect(ack.error.path).toBe('intensity');
    }
    await expectRefused(
      call(child, 'play:intent', { clientIntentId: 'x', intent: { type: 'pass' } }),
      'invalid-payload',
    );
    await expectRefused(call(child, 'play:intent', 'just a string'), 'invalid-payload');
    await expectRefused(call(child, 'play:intent', null), 'invalid-payload');
    await expectRefused(
      call(child, 'play:join', { code, nickname: { adjective: '<script>', animal: 'bear' } }),
      'invalid-payload',
    );
    await expectRefused(
      call(child, 'play:intent', { clientIntentId: intentId(), intent: { type: 'pass' }, extra: 1 }),
      'invalid-payload',
    );
    await classmateStillWorks();
  });

  it('refuses unknown events and wrong codes', async () => {
    unwrap(await call(teacher, 'session:start', { code }));
    await expectRefused(call(child, 'play:teleport', {}), 'unknown-event');
    const stranger = await h.play();
    await expectRefused(
      call(stranger, 'play:join', {
        code: code === '999999' ? '999998' : '999999',
        nickname: { adjective: 'kind', animal: 'cat' },
      }),
      'session-not-found',
    );
    await expectRefused(
      call(stranger, 'play:join', { code: '12345', nickname: { adjective: 'kind', animal: 'cat' } }),
      'invalid-payload',
    );
    await expectRefused(
      call(stranger, 'play:intent', { clientIntentId: intentId(), intent: { type: 'pass' } }),
      'not-joined',
    );
    await classmateStillWorks();
  });

  it('never lets a tablet act as the teacher', async () => {
    unwrap(await call(teacher, 'session:start', { code }));
    await expectRefused(
      call(child, 'session:host', { code, clientIntentId: intentId(), intent: { type: 'reveal' } }),
      'not-allowed',
    );
    await expectRefused(call(child, 'session:end', { code }), 'not-allowed');
    await expectRefused(
      call(child, 'play:intent', { clientIntentId: intentId(), intent: { type: 'reveal' } }),
      'not-allowed',
    );
    const list = unwrap(await call<LiveSessionSummary[]>(teacher, 'session:list', {}));
    expect(list[0]?.status).toBe('running');
    await classmateStillWorks();
  });

  it("refuses an intent in the wrong activity phase with the activity's own words, leaving state unchanged", async () => {
    unwrap(await call(teacher, 'session:start', { code }));
    unwrap(await call(teacher, 'session:host', { code, clientIntentId: intentId(), intent: { type: 'reveal' } }));
    const ack = await call(child, 'play:intent', {
      clientIntentId: intentId(),
      intent: { type: 'answer', emotion: 'joy', intensity: 1 },
    });
    expect(ack.ok).toBe(false);
    if (!ack.ok) {
      expect(ack.error.code).toBe('rejected');
      expect(ack.error.reason).toBe('not-sorting');
      expect(ack.error.message).toContain('老师');
    }
    const spotlightFirst = await call(teacher, 'session:host', {
      code,
      clientIntentId: intentId(),
      intent: { type: 'sort' },
    });
    expect(spotlightFirst.ok).toBe(true);
    const twice = await call(teacher, 'session:host', { code, clientIntentId: intentId(), intent: { type: 'sort' } });
    expect(twice.ok || twice.error.reason).toBe('already-there');
    expect(count(h.server, 'contributions')).toBe(0);
  });

  it('refuses payloads over 16 KB with an ack, and cuts off only a socket sending over 64 KB', async () => {
    unwrap(await call(teacher, 'session:start', { code }));
    const big = 'x'.repeat(20 * 1024);
    await expectRefused(
      call(child, 'play:intent', { clientIntentId: intentId(), intent: { type: 'pass', big } }),
      'payload-too-large',
    );
    const disconnected = new Promise<void>((resolve) => child.once('disconnect', () => resolve()));
    child.emit(
      'play:intent',
      { clientIntentId: intentId(), intent: { type: 'pass', big: 'y'.repeat(100 * 1024) } },
      () => {},
    );
    await disconnected;
    await classmateStillWorks();
  });

  it('stops a code working when its session ends, in words a child understands', async () => {
    unwrap(await call(teacher, 'session:end', { code }));
    const late = await h.play();
    await expectRefused(
      call(late, 'play:join', { code, nickname: { adjective: 'kind', animal: 'cat' } }),
      'session-ended',
    );
    await expectRefused(
      call(child, 'play:intent', { clientIntentId: intentId(), intent: { type: 'pass' } }),
      'session-ended',
    );
  });

  it('tells an out-of-date client to reload', async () => {
    const old = connect(`${h.url}/play`, {
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION - 1, locale: 'en' },
      reconnection: false,
      forceNew: true,
    });
    const error = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
      old.once('connect_error', resolve),
    );
    expect(error.data?.code).toBe('client-outdated');
    expect(error.message).toMatch(/reload/i);
    old.disconnect();
  });

  it('rate-limits a flooding tablet without slowing its classmate', async () => {
    unwrap(await call(teacher, 'session:start', { code }));
    const acks = await Promise.all(
      Array.from({ length: 120 }, () =>
        call(child, 'play:intent', { clientIntentId: intentId(), intent: { type: 'pass' } }),
      ),
    );
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate-limited').length;
    expect(limited).toBeGreaterThan(50);
    await classmateStillWorks();
  });

  it('writes nothing and changes nothing when the disk refuses, and says so', async () => {
    unwrap(await call(teacher, 'session:start', { code }));
    h.server.db.raw.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON contributions BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    await expectRefused(
      call(child, 'play:intent', {
        clientIntentId: intentId(),
        intent: { type: 'answer', emotion: 'joy', intensity: 2 },
      }),
      'storage-failed',
    );
    h.server.db.raw.exec('DROP TRIGGER refuse');
    const stateAfter = until<TabletState>(child, 'play:state', (s) => (s.view as { mine: unknown }).mine !== null);
    unwrap(
      await call(child, 'play:intent', {
        clientIntentId: intentId(),
        intent: { type: 'answer', emotion: 'calm', intensity: 1 },
      }),
    );
    const view = (await stateAfter).view as { mine: { choice: string } };
    expect(view.mine.choice).toBe('calm');
    expect(count(h.server, 'contributions')).toBe(1);
  });
});
