/**
 * Show it, 4: a congested classroom network. Every tablet's connection carries 300 ± 100 ms of
 * added delay per chunk, in each direction (order kept), from the moment it joins. 40 children
 * answer and change their answers for 20 s. Every intent is acknowledged within 5 s of the tap,
 * none needed a second copy, and the database holds exactly the last acknowledged answer per
 * child — nothing doubled.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness.js';
import {
  Chatter,
  checkLedger,
  countRows,
  createRng,
  joinAll,
  ms,
  nicknameFor,
  poll,
  report,
  sleep,
  spread,
  Teacher,
  viewMatches,
  watchEventLoop,
} from './lesson.js';
import { FaultProxy } from './proxy.js';
import { SimTablet } from './sim-tablet.js';

const CHILDREN = 40;
const ACK_WITHIN_MS = 5000;
const LATENCY = { meanMs: 300, jitterMs: 100 };

let h: Harness;
let proxy: FaultProxy;
let teacher: Teacher;
const tablets: SimTablet[] = [];

beforeAll(async () => {
  h = await startHarness();
  proxy = FaultProxy.create({ targetPort: Number(new URL(h.url).port), seed: 44 });
  teacher = new Teacher(h.url, h.cookie);
});

afterAll(async () => {
  for (const t of tablets) t.close();
  teacher?.close();
  await proxy?.close();
  await h?.close();
});

it('acknowledges every intent within 5 s under 300 ± 100 ms of latency, with no duplicates', async () => {
  const loop = watchEventLoop();
  const code = await teacher.createSession();
  const routes: string[] = [];
  for (let i = 0; i < CHILDREN; i++) routes.push(`tablet-${i}`);
  const origins = await Promise.all(routes.map((r) => proxy.route(r)));
  proxy.setLatency(null, LATENCY);
  const joinStarted = Date.now();
  for (const [i, origin] of origins.entries()) {
    tablets.push(new SimTablet({ origin, code, nickname: nicknameFor(i), label: routes[i] }));
  }
  await joinAll(tablets);
  const joinedIn = Date.now() - joinStarted;
  await teacher.start();

  const rng = createRng(300);
  // A tap every 1.5–3 s: quicker than a child makes up their mind, and slower than the delayed
  // round trip, so the clock measures the network and the server, not a queue of taps.
  const chatters = tablets.map((t) => new Chatter(t, rng, { min: 1500, max: 3000 }));
  for (const c of chatters) c.start();
  await sleep(20_000);
  await Promise.all(chatters.map((c) => c.pause()));
  await sleep(1500);
  await poll(() => tablets.every((t) => viewMatches(t, teacher.latest)), 10_000, 'every view to settle');

  const intents = tablets.flatMap((t) => t.acks);
  const tapToAck = intents.map((a) => a.ackedAt - a.queuedAt);
  const sendToAck = intents.map((a) => a.ackedAt - a.firstSentAt);
  const ok = intents.filter((a) => a.ack.ok);
  const within = intents.filter((a) => a.ack.ok && a.ackedAt - a.queuedAt <= ACK_WITHIN_MS);
  const resent = intents.filter((a) => a.attempts > 1);
  const ledger = checkLedger(tablets, h.server.db.raw);
  const participations = countRows(h.server.db.raw, 'participations');
  const ids = intents.map((a) => a.clientIntentId);
  report('4 · 300 ± 100 ms added per chunk, each direction, on all 40 tablets', [
    `${CHILDREN} tablets joined under latency, ten at a time, in ${joinedIn} ms`,
    `tap → ack:  ${ms(spread(tapToAck))}`,
    `send → ack: ${ms(spread(sendToAck))}`,
    `intents ${intents.length} (taps ${chatters.reduce((n, c) => n + c.taps, 0)}): acknowledged ok ${ok.length}, ` +
      `within ${ACK_WITHIN_MS / 1000} s ${within.length} (${((100 * within.length) / intents.length).toFixed(1)}%), ` +
      `sent more than once ${resent.length}`,
    `database: answers stored ${ledger.stored} = children with an acknowledged answer ${ledger.acknowledged}, ` +
      `mismatches ${ledger.mismatches.length}; participations ${participations}`,
    `chunks delayed by the proxy: ${proxy.stats().delayedChunks}`,
    loop(),
  ]);

  expect(intents.length).toBe(chatters.reduce((n, c) => n + c.taps, 0));
  expect(within.length).toBe(intents.length);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ledger.mismatches).toEqual([]);
  expect(ledger.stored).toBe(CHILDREN);
  expect(participations).toBe(CHILDREN);
});
