/**
 * A whole lesson over real sockets: the teacher creates a session, 30 children join, 28 answer,
 * one asks to talk, the teacher ends it — and the ledger then holds exactly what happened, while
 * nothing sent to the projector ever named a child.
 */
import type { ConsoleState, CreatedSession, Joined, Nickname, ScreenState, TabletState } from '@heartlamp/shared';
import { ADJECTIVES, ANIMALS } from '@heartlamp/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, count, type Harness, type PlaySocket, startHarness, until, unwrap } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const nickname = (i: number): Nickname => ({
  adjective: ADJECTIVES[i % ADJECTIVES.length] ?? 'brave',
  animal: ANIMALS[(i * 7) % ANIMALS.length] ?? 'bear',
});

let intentCounter = 0;
const intentId = () => `test-intent-${(intentCounter++).toString().padStart(6, '0')}`;

describe('a lesson of My Emotion Monster with 30 tablets', () => {
  it('records 1 session, 30 participations, 28 contributions and 1 follow-up; the projector never sees an id', async () => {
    const teacher = await h.teach();
    const created = unwrap(await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster' }));
    expect(created.code).toMatch(/^[1-9]\d{5}$/);

    const screen = await h.screen();
    const screenMessages: string[] = [];
    screen.on('screen:state', (s) => screenMessages.push(JSON.stringify(s)));
    unwrap(await call(screen, 'screen:watch', { code: created.code }));

    const children: { socket: PlaySocket; joined: Joined }[] = [];
    for (let i = 0; i < 30; i++) {
      const socket = await h.play();
      const joined = unwrap(await call<Joined>(socket, 'play:join', { code: created.code, nickname: nickname(i) }));
      children.push({ socket, joined });
    }
    const ids = children.map((c) => c.joined.participantId);
    expect(new Set(ids).size).toBe(30);
    await until<ScreenState>(screen, 'screen:state', (s) => s.joined === 30 && s.connected === 30);

    unwrap(await call(teacher, 'session:start', { code: created.code }));
    const emotions = ['joy', 'sadness', 'anger', 'fear', 'calm', 'love'] as const;
    await Promise.all(
      children.slice(0, 28).map(({ socket }, i) =>
        call(socket, 'play:intent', {
          clientIntentId: intentId(),
          intent: { type: 'answer', emotion: emotions[i % emotions.length], intensity: ((i % 3) + 1) as 1 | 2 | 3 },
        }).then(unwrap),
      ),
    );
    const asker = children[29];
    if (!asker) throw new Error('no 30th child');
    unwrap(await call(asker.socket, 'play:intent', { clientIntentId: intentId(), intent: { type: 'ask-to-talk' } }));

    const consoleState = await until<ConsoleState>(teacher, 'console:state', (s) => s.followUps.length === 1);
    expect(consoleState.followUps[0]?.participantId).toBe(asker.joined.participantId);
    expect(consoleState.participants.filter((p) => p.contributed)).toHaveLength(28);

    unwrap(
      await call(teacher, 'session:host', {
        code: created.code,
        clientIntentId: intentId(),
        intent: { type: 'reveal' },
      }),
    );
    const revealed = await until<ScreenState>(
      screen,
      'screen:state',
      (s) => (s.view as { phase: string }).phase === 'reveal',
    );
    expect((revealed.view as { answered: number }).answered).toBe(28);

    unwrap(await call(teacher, 'session:end', { code: created.code }));
    await until<ScreenState>(screen, 'screen:state', (s) => s.status === 'ended');

    expect(count(h.server, 'sessions')).toBe(1);
    expect(count(h.server, 'participations')).toBe(30);
    expect(count(h.server, 'contributions')).toBe(28);
    expect(count(h.server, 'follow_ups')).toBe(1);
    const session = h.server.db.raw.prepare('SELECT status, ended_at FROM sessions').get() as {
      status: string;
      ended_at: number | null;
    };
    expect(session.status).toBe('ended');
    expect(session.ended_at).toBeTypeOf('number');
    const contributed = h.server.db.raw
      .prepare('SELECT COUNT(*) AS n FROM participations WHERE contributed = 1')
      .get() as { n: number };
    expect(contributed.n).toBe(28);

    expect(screenMessages.length).toBeGreaterThan(3);
    for (const message of screenMessages) {
      for (const id of ids) expect(message).not.toContain(id);
    }
  });

  it('replaces a second answer, applies a retried intent once, and sends each child only its own view', async () => {
    const teacher = await h.teach();
    const { code } = unwrap(await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster' }));
    const a = await h.play();
    const b = await h.play();
    const ja = unwrap(await call<Joined>(a, 'play:join', { code, nickname: nickname(1) }));
    const jb = unwrap(await call<Joined>(b, 'play:join', { code, nickname: nickname(2) }));
    unwrap(await call(teacher, 'session:start', { code }));

    const bMessages: string[] = [];
    b.on('play:state', (s) => bMessages.push(JSON.stringify(s)));

    const first = { clientIntentId: intentId(), intent: { type: 'answer', emotion: 'fear', intensity: 3 } };
    const results = await Promise.all([call(a, 'play:intent', first), call(a, 'play:intent', first)]);
    expect(results.every((r) => r.ok)).toBe(true);
    unwrap(await call(a, 'play:intent', first));
    unwrap(
      await call(a, 'play:intent', {
        clientIntentId: intentId(),
        intent: { type: 'answer', emotion: 'calm', intensity: 1, reason: 'home' },
      }),
    );
    const mine = await until<TabletState>(
      a,
      'play:state',
      (s) => (s.view as { mine: { choice: string } | null }).mine?.choice === 'calm',
    );
    expect(mine.nickname).toEqual(nickname(1));

    const rows = h.server.db.raw.prepare('SELECT participant_id, value FROM contributions').all() as {
      participant_id: string;
      value: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.participant_id).toBe(ja.participantId);
    expect(JSON.parse(rows[0]?.value ?? 'null')).toEqual({ emotion: 'calm', intensity: 1, reason: 'home' });

    unwrap(await call(b, 'play:intent', { clientIntentId: intentId(), intent: { type: 'pass' } }));
    await until<TabletState>(
      b,
      'play:state',
      (s) => (s.view as { mine: { choice: string } | null }).mine?.choice === 'pass',
    );
    for (const message of bMessages) expect(message).not.toContain(ja.participantId);
    expect(jb.participantId).not.toBe(ja.participantId);
  });

  it('sends a newly joined tablet its state, and counts a retried first join once', async () => {
    const teacher = await h.teach();
    const { code } = unwrap(await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster' }));
    const tablet = await h.play();
    const state = until<TabletState>(tablet, 'play:state', () => true, 1000);
    const payload = { code, nickname: nickname(4), joinId: 'first-join-0001' };
    const [a, b] = await Promise.all([
      call<Joined>(tablet, 'play:join', payload),
      call<Joined>(tablet, 'play:join', payload),
    ]);
    const again = unwrap(await call<Joined>(tablet, 'play:join', payload));
    expect(unwrap(a).participantId).toBe(unwrap(b).participantId);
    expect(again.participantId).toBe(unwrap(a).participantId);
    expect((await state).status).toBe('lobby');
    expect(count(h.server, 'participations')).toBe(1);
    const roster = await until<ConsoleState>(teacher, 'console:state', (s) => s.participants.length === 1);
    expect(roster.participants[0]?.connected).toBe(true);
  });

  it('brings a tablet back as the same child with its resume token', async () => {
    const teacher = await h.teach();
    const { code } = unwrap(await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster' }));
    unwrap(await call(teacher, 'session:start', { code }));
    const first = await h.play();
    const joined = unwrap(await call<Joined>(first, 'play:join', { code, nickname: nickname(3) }));
    unwrap(
      await call(first, 'play:intent', {
        clientIntentId: intentId(),
        intent: { type: 'answer', emotion: 'joy', intensity: 2 },
      }),
    );
    first.disconnect();
    await until<ConsoleState>(teacher, 'console:state', (s) => s.participants[0]?.connected === false);

    const again = await h.play();
    const statePromise = until<TabletState>(again, 'play:state', () => true);
    const resumed = unwrap(
      await call<Joined>(again, 'play:join', { code, nickname: nickname(9), resumeToken: joined.resumeToken }),
    );
    expect(resumed.resumed).toBe(true);
    expect(resumed.participantId).toBe(joined.participantId);
    expect(resumed.nickname).toEqual(nickname(3));
    const state = await statePromise;
    expect((state.view as { mine: { choice: string } }).mine.choice).toBe('joy');
    expect(count(h.server, 'participations')).toBe(1);
  });
});
