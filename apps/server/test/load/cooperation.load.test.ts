/**
 * 40 children tapping three times a second for 30 s in The Power of Cooperation, over real sockets.
 * The runtime must coalesce: the projector gets a bounded number of updates a second, not one per
 * tap. Prints the figures; asserts the bound and that every tap was answered.
 */
import type { CreatedSession, Joined } from '@heartlamp/shared';
import { ADJECTIVES, ANIMALS } from '@heartlamp/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, type Harness, type PlaySocket, startHarness, unwrap } from '../harness.js';

const CHILDREN = 40;
const SECONDS = 30;
const TAPS_PER_SECOND = 3;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** Seconds since `start`, as an integer bucket. */
const bucket = (start: number) => Math.floor((performance.now() - start) / 1000);

it('coalesces projector updates while 40 children tap 3 times a second for 30 s', async () => {
  const teacher = await h.teach();
  const { code } = unwrap(
    await call<CreatedSession>(teacher, 'session:create', {
      activityId: 'cooperation',
      config: { beatMs: 1000, roundSeconds: 60, goal: 30 },
    }),
  );
  const children: PlaySocket[] = [];
  for (let i = 0; i < CHILDREN; i++) {
    const socket = await h.play();
    unwrap(
      await call<Joined>(socket, 'play:join', {
        code,
        nickname: { adjective: ADJECTIVES[i % 16] ?? 'brave', animal: ANIMALS[(i * 5) % 16] ?? 'bear' },
      }),
    );
    children.push(socket);
  }
  const screen = await h.screen();
  unwrap(await call(screen, 'screen:watch', { code }));
  unwrap(await call(teacher, 'session:start', { code }));
  let hostId = 0;
  const host = (intent: object) =>
    call(teacher, 'session:host', { code, clientIntentId: `load-host-${hostId++}`, intent }).then(unwrap);
  await host({ type: 'form-teams' });
  await host({ type: 'start-round' });

  const start = performance.now();
  const screenPerSecond = new Array<number>(SECONDS + 2).fill(0);
  const tabletPerSecond = new Array<number>(SECONDS + 2).fill(0);
  screen.on('screen:state', () => {
    const b = bucket(start);
    if (b < screenPerSecond.length) screenPerSecond[b] = (screenPerSecond[b] ?? 0) + 1;
  });
  for (const child of children) {
    child.on('play:state', () => {
      const b = bucket(start);
      if (b < tabletPerSecond.length) tabletPerSecond[b] = (tabletPerSecond[b] ?? 0) + 1;
    });
  }

  let sent = 0;
  let accepted = 0;
  let rejected = 0;
  const latencies: number[] = [];
  const tapsEach = SECONDS * TAPS_PER_SECOND;
  await Promise.all(
    children.map(async (child, i) => {
      // Children start out of phase with one another, as real ones do.
      await new Promise((r) => setTimeout(r, (i * 37) % 333));
      for (let n = 0; n < tapsEach; n++) {
        const due = start + ((i * 37) % 333) + (n * 1000) / TAPS_PER_SECOND;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        sent += 1;
        const t0 = performance.now();
        const ack = await call(child, 'play:intent', { clientIntentId: `tap-${i}-${n}-xxxx`, intent: { type: 'tap' } });
        latencies.push(performance.now() - t0);
        if (ack.ok) accepted += 1;
        else rejected += 1;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const full = screenPerSecond.slice(1, SECONDS);
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]?.toFixed(1);
  process.stdout.write(
    [
      '',
      `cooperation load: ${CHILDREN} children × ${TAPS_PER_SECOND} taps/s for ${elapsed.toFixed(1)} s`,
      `  taps sent ${sent}, accepted ${accepted}, rejected ${rejected} (after the round ends taps are refused)`,
      `  tap ack latency ms: p50 ${pct(0.5)}, p95 ${pct(0.95)}, p99 ${pct(0.99)}, max ${pct(1)}`,
      `  projector messages/s: mean ${(full.reduce((a, b) => a + b, 0) / full.length).toFixed(1)}, max ${Math.max(...full)} (taps/s ${CHILDREN * TAPS_PER_SECOND})`,
      `  tablet messages/s (all 40): mean ${(tabletPerSecond.slice(1, SECONDS).reduce((a, b) => a + b, 0) / (SECONDS - 1)).toFixed(1)}, max ${Math.max(...tabletPerSecond.slice(1, SECONDS))}`,
      '',
    ].join('\n'),
  );
  expect(sent).toBe(CHILDREN * tapsEach);
  expect(accepted + rejected).toBe(sent);
  expect(accepted).toBeGreaterThan(0);
  // 100 ms coalescing: at most 10 a second, plus one for a bucket edge.
  expect(Math.max(...full)).toBeLessThanOrEqual(11);
  // And each child's tablet at most ~10 a second too.
  expect(Math.max(...tabletPerSecond.slice(1, SECONDS))).toBeLessThanOrEqual(11 * CHILDREN);
}, 90_000);
