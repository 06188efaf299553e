/**
 * Beside Show it, 4: the exactly-once path, driven hard. A cut rarely catches an intent in flight
 * (on loopback, 6 of 4,400 in test 1). A stall does, every time: 12 tablets tap, and their
 * connections hold everything for 7.5 s — longer than the tablet's 6 s ack timeout — so each
 * tablet resends the intent with the same id on the same connection, and when the stall ends the
 * server receives both copies. Five rounds. Each resent intent must be applied once: per child the
 * database holds the last acknowledged answer, the views agree with the console, 40 participations.
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
import { type AckRecord, SimTablet } from './sim-tablet.js';

const CHILDREN = 40;
const STALLED = 12;
const ROUNDS = 5;
const STALL_MS = 7500;

let h: Harness;
let proxy: FaultProxy;
let teacher: Teacher;
const tablets: SimTablet[] = [];

beforeAll(async () => {
  h = await startHarness();
  proxy = FaultProxy.create({ targetPort: Number(new URL(h.url).port), seed: 75 });
  teacher = new Teacher(h.url, h.cookie);
});

afterAll(async () => {
  for (const t of tablets) t.close();
  teacher?.close();
  await proxy?.close();
  await h?.close();
});

it('applies an intent once when its resent copy and the original both arrive', async () => {
  const loop = watchEventLoop();
  const rng = createRng(7);
  const code = await teacher.createSession();
  for (let i = 0; i < CHILDREN; i++) {
    const origin = await proxy.route(`tablet-${i}`);
    tablets.push(new SimTablet({ origin, code, nickname: nicknameFor(i), label: `tablet-${i}` }));
  }
  await joinAll(tablets);
  await teacher.start();
  const chatters = tablets.map((t) => new Chatter(t, rng, { min: 700, max: 1500 }));
  const caught: Promise<AckRecord | null>[] = [];

  for (let round = 0; round < ROUNDS; round++) {
    for (const c of chatters) c.start();
    await sleep(1000);
    const pool = [...tablets.keys()];
    const chosen = Array.from({ length: STALLED }, () => pool.splice(rng.below(pool.length), 1)[0] ?? 0);
    proxy.stall(
      chosen.map((i) => `tablet-${i}`),
      STALL_MS,
    );
    // A tap at the start of the stall: that intent is in flight when the connection freezes.
    for (const i of chosen) {
      const c = chatters[i];
      if (c) caught.push(c.tap());
    }
    await sleep(STALL_MS + 3000);
    await Promise.all(chatters.map((c) => c.pause()));
    await sleep(500);
    await poll(() => tablets.every((t) => viewMatches(t, teacher.latest)), 10_000, `views to settle (round ${round})`);
    expect(checkLedger(tablets, h.server.db.raw).mismatches).toEqual([]);
  }

  const stalledIntents = (await Promise.all(caught)).filter((r): r is AckRecord => r !== null);
  const intents = tablets.flatMap((t) => t.acks);
  const resent = intents.filter((a) => a.attempts > 1);
  const ledger = checkLedger(tablets, h.server.db.raw);
  const participations = countRows(h.server.db.raw, 'participations');
  const dropped = tablets.reduce((n, t) => n + t.disconnects.length, 0);
  report('4b · 12 tablets stalled 7.5 s (past the 6 s ack timeout), 5 rounds', [
    `intents caught by a stall ${stalledIntents.length}: acknowledged ok ${stalledIntents.filter((a) => a.ack.ok).length}, ` +
      `resent with the same id ${stalledIntents.filter((a) => a.attempts > 1).length}`,
    `tap → ack for them: ${ms(spread(stalledIntents.map((a) => a.ackedAt - a.queuedAt)))}`,
    `all intents ${intents.length}: ok ${intents.filter((a) => a.ack.ok).length}, sent more than once ${resent.length} ` +
      `(${resent.reduce((n, a) => n + a.attempts, 0)} copies)`,
    `connections dropped by a stall: ${dropped}`,
    `database: answers stored ${ledger.stored} = children with an acknowledged answer ${ledger.acknowledged}, ` +
      `mismatches ${ledger.mismatches.length}; participations ${participations}`,
    loop(),
  ]);
  expect(stalledIntents.every((a) => a.ack.ok)).toBe(true);
  // Every stalled tablet had an intent in flight when its connection froze, and resent it.
  expect(resent.length).toBeGreaterThanOrEqual(STALLED * ROUNDS);
  expect(ledger.mismatches).toEqual([]);
  expect(participations).toBe(CHILDREN);
  expect(tablets.every((t) => t.refusals.length === 0)).toBe(true);
});
