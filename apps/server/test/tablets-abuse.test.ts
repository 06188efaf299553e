/**
 * What a hostile or broken tablet can and cannot do, over real sockets: guessing join codes (one
 * device, and a device opening socket after socket) while 30 classmates on the same address join;
 * a tablet flooding at 500 events/s while 39 classmates answer; the teacher locking the room and
 * removing a tablet.
 */
import type { ConsoleState, CreatedSession, Joined, Nickname, TabletState } from '@heartlamp/shared';
import { ADJECTIVES, ANIMALS } from '@heartlamp/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { call, count, type Harness, type PlaySocket, startHarness, until, unwrap } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const nickname = (i: number): Nickname => ({
  adjective: ADJECTIVES[i % ADJECTIVES.length] ?? 'brave',
  animal: ANIMALS[(i * 7) % ANIMALS.length] ?? 'bear',
});
let intents = 0;
const intentId = () => `abuse-intent-${(intents++).toString().padStart(6, '0')}`;

function spread(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? Number.NaN };
}
const figures = (title: string, lines: string[]) =>
  process.stdout.write(`\n── ${title}\n${lines.map((l) => `   ${l}`).join('\n')}\n`);

async function lesson(harness: Harness): Promise<{ code: string; teacher: Awaited<ReturnType<Harness['teach']>> }> {
  const teacher = await harness.teach();
  const { code } = unwrap(await call<CreatedSession>(teacher, 'session:create', { activityId: 'emotion-monster' }));
  return { code, teacher };
}

/** A six-digit code that is not `code`. */
const wrongCode = (code: string, i: number) => String(100000 + ((Number(code) + 1 + i * 7919) % 900000));

describe('guessing join codes', () => {
  it('throttles one device after 10 wrong codes a minute while 30 classmates on its address join', async () => {
    // The clock stands still, so "a minute" cannot refill anything during the test; the socket rate
    // limit is lifted so that it is the code throttle being measured, not the event budget.
    const t = Date.now();
    const harness = await startHarness({ now: () => t, rate: { perSecond: 1e6, burst: 1e6 } });
    h = harness;
    const { code } = await lesson(harness);
    const guesser = await harness.play();
    const classmates = await Promise.all(Array.from({ length: 30 }, () => harness.play()));

    const guessing = (async () => {
      const answers: string[] = [];
      for (let i = 0; i < 1000; i++) {
        const ack = await call(guesser, 'play:join', { code: wrongCode(code, i), nickname: nickname(i) });
        answers.push(ack.ok ? 'ok' : ack.error.code);
      }
      return answers;
    })();
    const joinTimes: number[] = [];
    const joins = Promise.all(
      classmates.map(async (socket, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 20));
        const started = performance.now();
        const ack = await call<Joined>(socket, 'play:join', { code, nickname: nickname(i) });
        joinTimes.push(performance.now() - started);
        return ack.ok;
      }),
    );
    const [answers, joined] = await Promise.all([guessing, joins]);
    const checked = answers.filter((a) => a === 'session-not-found').length;
    const throttled = answers.filter((a) => a === 'join-throttled').length;
    expect(checked).toBe(10);
    expect(throttled).toBe(990);
    expect(answers.slice(0, 10).every((a) => a === 'session-not-found')).toBe(true);
    expect(joined.every(Boolean)).toBe(true);
    expect(count(harness.server, 'participations')).toBe(30);
    // A throttled device learns nothing: even the right code is refused now.
    const right = await call(guesser, 'play:join', { code, nickname: nickname(99) });
    expect(right.ok ? 'ok' : right.error.code).toBe('join-throttled');
    // The seat list and the roster tiles take codes too: the same throttle covers them.
    const seats = await call(guesser, 'play:seats', { code });
    expect(seats.ok ? 'ok' : seats.error.code).toBe('join-throttled');
    const s = spread(joinTimes);
    figures('1,000 wrong codes from one tablet, 30 classmates joining on the same address', [
      `guesser: ${checked} codes checked, ${throttled} refused as throttled`,
      `classmates: 30/30 joined; join ack p50 ${s.p50.toFixed(1)} ms · p95 ${s.p95.toFixed(1)} ms · max ${s.max.toFixed(1)} ms`,
    ]);
  });

  it('gives a device opening socket after socket one guess each once its address has run out', async () => {
    const t = Date.now();
    const harness = await startHarness({ now: () => t, rate: { perSecond: 1e6, burst: 1e6 } });
    h = harness;
    const { code } = await lesson(harness);
    let checked = 0;
    let refused = 0;
    for (let device = 0; device < 15; device++) {
      const socket = await harness.play();
      for (let i = 0; i < 12; i++) {
        const ack = await call(socket, 'play:join', { code: wrongCode(code, device * 100 + i), nickname: nickname(i) });
        if (!ack.ok && ack.error.code === 'session-not-found') checked += 1;
        else refused += 1;
      }
      socket.disconnect();
    }
    // 10 devices × 10 wrong codes use up the address's 100; the next 5 devices get one each.
    expect(checked).toBe(105);
    const classmate = await harness.play();
    expect((await call(classmate, 'play:join', { code, nickname: nickname(1) })).ok).toBe(true);
    figures('15 sockets from one address, 12 wrong codes each', [`${checked} checked, ${refused} refused`]);
  });
});

describe('a flooding tablet', () => {
  it('is cut off at 500 events/s while 39 classmates keep answering at their usual latency', async () => {
    const harness = await startHarness();
    h = harness;
    const { code, teacher } = await lesson(harness);
    const tablets: PlaySocket[] = [];
    for (let i = 0; i < 40; i++) {
      const socket = await harness.play();
      unwrap(await call<Joined>(socket, 'play:join', { code, nickname: nickname(i) }));
      tablets.push(socket);
    }
    unwrap(await call(teacher, 'session:start', { code }));
    const [flooder, ...classmates] = tablets as [PlaySocket, ...PlaySocket[]];
    const emotions = ['joy', 'sadness', 'anger', 'fear', 'calm'] as const;
    const answerRound = async (round: number) => {
      const times: number[] = [];
      await Promise.all(
        classmates.map(async (socket, i) => {
          const started = performance.now();
          const ack = await call(socket, 'play:intent', {
            clientIntentId: intentId(),
            intent: { type: 'answer', emotion: emotions[(i + round) % 5], intensity: ((i % 3) + 1) as 1 | 2 | 3 },
          });
          expect(ack.ok).toBe(true);
          times.push(performance.now() - started);
        }),
      );
      return times;
    };
    const before: number[] = [];
    for (let round = 0; round < 5; round++) before.push(...(await answerRound(round)));

    const cut = new Promise<{ reason: string; at: number }>((resolve) =>
      flooder.once('disconnect', (reason) => resolve({ reason, at: performance.now() })),
    );
    const floodStarted = performance.now();
    let sent = 0;
    const flood = setInterval(() => {
      for (let i = 0; i < 5; i++) {
        if (!flooder.connected) return;
        sent += 1;
        flooder.emit('play:intent', { clientIntentId: intentId(), intent: { type: 'ask-to-talk' } }, () => {});
      }
    }, 10);
    const during: number[] = [];
    for (let round = 5; round < 10; round++) during.push(...(await answerRound(round)));
    const { reason, at } = await cut;
    clearInterval(flood);
    expect(reason).toBe('io server disconnect');
    expect(classmates.every((s) => s.connected)).toBe(true);
    // The console shows the flooder as offline, and everyone else online.
    await until<ConsoleState>(
      teacher,
      'console:state',
      (s) => s.participants.length === 40 && s.participants.filter((p) => p.connected).length === 39,
    );
    const b = spread(before);
    const d = spread(during);
    figures('one tablet flooding at 500 events/s, 39 answering', [
      `cut off after ${Math.round(at - floodStarted)} ms and ${sent} events`,
      `39 classmates before: p50 ${b.p50.toFixed(1)} ms · p95 ${b.p95.toFixed(1)} ms (n=${b.n})`,
      `39 classmates during: p50 ${d.p50.toFixed(1)} ms · p95 ${d.p95.toFixed(1)} ms (n=${d.n})`,
    ]);
  });
});

describe('the teacher in control', () => {
  it('locks the room, removes a tablet, and a removed tablet cannot come back while locked', async () => {
    const harness = await startHarness();
    h = harness;
    const { code, teacher } = await lesson(harness);
    const a = await harness.play();
    const joinedA = unwrap(await call<Joined>(a, 'play:join', { code, nickname: nickname(1) }));
    unwrap(await call(teacher, 'session:start', { code }));

    unwrap(await call(teacher, 'session:lock', { code, locked: true }));
    await until<ConsoleState>(teacher, 'console:state', (s) => s.locked);
    const late = await harness.play();
    const refused = await call(late, 'play:join', { code, nickname: nickname(2) });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('room-locked');
    expect(refused.ok ? '' : refused.error.message).toMatch(/锁|locked/);

    // A child already in comes back after a Wi-Fi drop, locked or not.
    a.disconnect();
    const again = await harness.play();
    const resumed = unwrap(
      await call<Joined>(again, 'play:join', { code, nickname: nickname(1), resumeToken: joinedA.resumeToken }),
    );
    expect(resumed).toMatchObject({ participantId: joinedA.participantId, resumed: true });
    await until<TabletState>(again, 'play:state', () => true);

    const kicked = new Promise<string>((resolve) => again.once('play:kicked', resolve));
    unwrap(await call(teacher, 'seat:remove', { code, participantId: joinedA.participantId }));
    expect(await kicked).toBe('removed');
    const intent = await call(again, 'play:intent', { clientIntentId: intentId(), intent: { type: 'ask-to-talk' } });
    expect(intent.ok ? 'ok' : intent.error.code).toBe('not-joined');
    const oldToken = await call(again, 'play:join', { code, nickname: nickname(1), resumeToken: joinedA.resumeToken });
    expect(oldToken.ok ? 'ok' : oldToken.error.code).toBe('seat-released');
    const asNew = await call(again, 'play:join', { code, nickname: nickname(3) });
    expect(asNew.ok ? 'ok' : asNew.error.code).toBe('room-locked');
    // The removed seat is not free for the taking: it needs the teacher's approval.
    const seats = unwrap(await call<{ free: boolean }[]>(again, 'play:seats', { code }));
    expect(seats[0]?.free).toBe(false);

    unwrap(await call(teacher, 'session:lock', { code, locked: false }));
    expect((await call(late, 'play:join', { code, nickname: nickname(2) })).ok).toBe(true);
    expect(count(harness.server, 'participations')).toBe(2);
  });
});
