/**
 * Shared tablets: the teacher frees a seat so another device can take that identity, and a child on
 * a new device gets their place back once the teacher approves. The old device stops acting as
 * the child at once; the child's answers stay theirs; nobody is counted twice.
 */
import type {
  ConsoleState,
  CreatedSession,
  Joined,
  KickReason,
  ReclaimAck,
  ReclaimResult,
  Seat,
  TabletState,
} from '@heartlamp/shared';
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
let oldTablet: PlaySocket;
let joined: Joined;

beforeEach(async () => {
  h = await startHarness();
  teacher = await h.teach();
  ({ code } = unwrap(await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster' })));
  unwrap(await call(teacher, 'session:start', { code }));
  oldTablet = await h.play();
  joined = unwrap(
    await call<Joined>(oldTablet, 'play:join', { code, nickname: { adjective: 'calm', animal: 'panda' } }),
  );
  unwrap(
    await call(oldTablet, 'play:intent', {
      clientIntentId: 'seat-answer-1',
      intent: { type: 'answer', emotion: 'calm', intensity: 2 },
    }),
  );
});
afterEach(async () => {
  await h.close();
});

const kicked = (socket: PlaySocket) => new Promise<KickReason>((resolve) => socket.once('play:kicked', resolve));

describe('shared tablets', () => {
  it('lets the teacher free a seat that another device then takes, answers intact', async () => {
    const wasKicked = kicked(oldTablet);
    unwrap(await call(teacher, 'seat:release', { code, participantId: joined.participantId }));
    expect(await wasKicked).toBe('seat-released');
    const refused = await call(oldTablet, 'play:intent', { clientIntentId: 'seat-answer-2', intent: { type: 'pass' } });
    expect(refused.ok || refused.error.code).toBe('not-joined');
    const stale = await call(oldTablet, 'play:join', {
      code,
      nickname: { adjective: 'calm', animal: 'panda' },
      resumeToken: joined.resumeToken,
    });
    expect(stale.ok || stale.error.code).toBe('seat-released');

    const newTablet = await h.play();
    const seats = unwrap(await call<Seat[]>(newTablet, 'play:seats', { code }));
    expect(seats).toEqual([
      { seat: 0, nickname: { adjective: 'calm', animal: 'panda' }, free: true, connected: false },
    ]);
    expect(JSON.stringify(seats)).not.toContain(joined.participantId);
    const granted = unwrap(
      await call<ReclaimAck>(newTablet, 'play:reclaim', { code, seat: 0, requestId: 'reclaim-0001' }),
    );
    if (granted.status !== 'granted') throw new Error('expected the freed seat at once');
    const state = until<TabletState>(newTablet, 'play:state', () => true);
    const back = unwrap(
      await call<Joined>(newTablet, 'play:join', {
        code,
        nickname: { adjective: 'kind', animal: 'cat' },
        resumeToken: granted.resumeToken,
      }),
    );
    expect(back.participantId).toBe(joined.participantId);
    expect((await state).view).toMatchObject({ mine: { choice: 'calm' } });
    expect(count(h.server, 'participations')).toBe(1);
    const roster = await until<ConsoleState>(teacher, 'console:state', (s) => s.participants[0]?.connected === true);
    expect(roster.participants[0]?.free).toBe(false);
  });

  it('moves a child to a new device only when the teacher approves', async () => {
    const newTablet = await h.play();
    const pending = unwrap(
      await call<ReclaimAck>(newTablet, 'play:reclaim', { code, seat: 0, requestId: 'reclaim-0002' }),
    );
    expect(pending.status).toBe('pending');
    const asked = await until<ConsoleState>(teacher, 'console:state', (s) => s.reclaims.length === 1);
    expect(asked.reclaims[0]).toMatchObject({ requestId: 'reclaim-0002', participantId: joined.participantId });

    // Refused: nothing changes for the child on the old tablet.
    const refusal = new Promise<ReclaimResult>((resolve) => newTablet.once('play:reclaim-result', resolve));
    unwrap(await call(teacher, 'seat:decide', { code, requestId: 'reclaim-0002', approve: false }));
    expect(await refusal).toEqual({ requestId: 'reclaim-0002', approved: false });
    unwrap(await call(oldTablet, 'play:intent', { clientIntentId: 'seat-answer-3', intent: { type: 'pass' } }));

    // Asked again and approved: the new tablet gets the seat, the old one is let go.
    unwrap(await call<ReclaimAck>(newTablet, 'play:reclaim', { code, seat: 0, requestId: 'reclaim-0003' }));
    await until<ConsoleState>(teacher, 'console:state', (s) => s.reclaims.length === 1);
    const approval = new Promise<ReclaimResult>((resolve) => newTablet.once('play:reclaim-result', resolve));
    const wasKicked = kicked(oldTablet);
    unwrap(await call(teacher, 'seat:decide', { code, requestId: 'reclaim-0003', approve: true }));
    const result = await approval;
    expect(await wasKicked).toBe('seat-reclaimed');
    if (!result.approved) throw new Error('expected approval');
    const back = unwrap(
      await call<Joined>(newTablet, 'play:join', {
        code,
        nickname: { adjective: 'kind', animal: 'cat' },
        resumeToken: result.resumeToken,
      }),
    );
    expect(back).toMatchObject({ participantId: joined.participantId, resumed: true });
    const settled = await until<ConsoleState>(teacher, 'console:state', (s) => s.reclaims.length === 0);
    expect(settled.participants).toHaveLength(1);
    expect(count(h.server, 'participations')).toBe(1);
    expect(count(h.server, 'contributions')).toBe(1);
  });
});
