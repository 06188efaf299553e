/**
 * Show it, 1: 40 children in My Emotion Monster, every tablet behind the fault proxy. Twenty times,
 * 12 of them lose the network for 5 s while all 40 keep changing their answers (the cut ones tap
 * offline; their taps queue). In every other round the teacher reveals the jars during the cut, so
 * the returning tablets must show a step they missed.
 *
 * Each round: 12/12 back within 10 s of the network returning, as the same participant, showing
 * the console's current step; then, with the class quiet, every tablet's view equals what the
 * console holds for that child, and per child the database holds the last answer acknowledged.
 * At the end: 40 participations, no stored answer that was not acknowledged, none missing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, startHarness } from '../harness.js';
import {
  backAt,
  Chatter,
  checkLedger,
  consoleView,
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
  tabletView,
  viewMatches,
  watchEventLoop,
} from './lesson.js';
import { FaultProxy } from './proxy.js';
import { SimTablet } from './sim-tablet.js';

const CHILDREN = 40;
const CUT = 12;
const ROUNDS = 20;
const CUT_MS = 5000;
const BACK_WITHIN_MS = 10_000;

let h: Harness;
let proxy: FaultProxy;
let teacher: Teacher;
const tablets: SimTablet[] = [];

beforeAll(async () => {
  h = await startHarness();
  proxy = FaultProxy.create({ targetPort: Number(new URL(h.url).port), seed: 11 });
  teacher = new Teacher(h.url, h.cookie);
});

afterAll(async () => {
  for (const t of tablets) t.close();
  teacher?.close();
  await proxy?.close();
  await h?.close();
});

it('brings 12 cut tablets back 20 times with nothing lost or doubled', async () => {
  const loop = watchEventLoop();
  const rng = createRng(2024);
  const code = await teacher.createSession();
  for (let i = 0; i < CHILDREN; i++) {
    const origin = await proxy.route(`tablet-${i}`);
    tablets.push(new SimTablet({ origin, code, nickname: nicknameFor(i), label: `tablet-${i}` }));
  }
  await joinAll(tablets);
  const identities = tablets.map((t) => t.participantId);
  expect(new Set(identities).size).toBe(CHILDREN);
  await teacher.start();

  const chatters = tablets.map((t) => new Chatter(t, rng, { min: 500, max: 1500 }));
  const sinceLift: number[] = [];
  const sinceCut: number[] = [];
  const noticed: number[] = [];
  const offlineSeen: number[] = [];
  let refused = 0;

  for (let round = 0; round < ROUNDS; round++) {
    for (const c of chatters) c.start();
    await sleep(1000);

    const pool = [...tablets.keys()];
    const chosen = Array.from({ length: CUT }, () => pool.splice(rng.below(pool.length), 1)[0] ?? 0);
    const cut = chosen.map((i) => tablets[i]).filter((t): t is SimTablet => t !== undefined);
    const cutAt = Date.now();
    proxy.cut(
      chosen.map((i) => `tablet-${i}`),
      CUT_MS,
    );
    const reveal = round % 2 === 1;
    await sleep(1500);
    if (reveal) expect((await teacher.host({ type: 'reveal' })).ok).toBe(true);
    // The server saw them go: the console marks them offline while the network is down. A figure,
    // not a verdict: on a starved CPU the console's push may come after the cut is over.
    const offline = await teacher
      .until((s) => s.participants.filter((p) => !p.connected).length === CUT, cutAt + CUT_MS - Date.now(), 'offline')
      .catch(() => teacher.latest);
    offlineSeen.push(offline?.participants.filter((p) => !p.connected).length ?? 0);
    await sleep(cutAt + CUT_MS - Date.now());
    const liftAt = cutAt + CUT_MS;

    // 12/12 back: same participant, re-joined, holding the console's current step.
    const phase = reveal ? 'reveal' : 'sort';
    await Promise.all(
      cut.map((t) =>
        t.until(
          () => backAt(t, liftAt) !== null && t.latestState !== null && tabletView(t.latestState.view).phase === phase,
          BACK_WITHIN_MS,
          `coming back in round ${round}`,
        ),
      ),
    );
    for (const t of cut) {
      const back = backAt(t, liftAt) ?? Number.NaN;
      sinceLift.push(back - liftAt);
      sinceCut.push(back - cutAt);
      const drop = t.disconnects.find((d) => d.at >= cutAt);
      if (drop) noticed.push(drop.at - cutAt);
      expect(back - liftAt).toBeLessThanOrEqual(BACK_WITHIN_MS);
      expect(t.joins.filter((j) => j.at > cutAt).every((j) => j.participantId === t.participantId && j.resumed)).toBe(
        true,
      );
    }
    if (reveal) {
      expect((await teacher.host({ type: 'sort' })).ok).toBe(true);
      await teacher.until((s) => consoleView(s.view).phase === 'sort', 3000, 'back to sorting');
    }

    // Quiet: every tap answered, every view settled, then compare tablets, console and ledger.
    await Promise.all(chatters.map((c) => c.pause()));
    // Views go out at most every 100 ms: let the last ones arrive so the comparison is not of two
    // equally stale copies.
    await sleep(500);
    await poll(
      () => tablets.every((t) => viewMatches(t, teacher.latest)),
      5000,
      `every tablet to show the console's view (round ${round})`,
    );
    await teacher.until((s) => s.participants.every((p) => p.connected), 5000, 'all 40 online');
    expect(consoleView(teacher.latest?.view).phase).toBe('sort');
    const ledger = checkLedger(tablets, h.server.db.raw);
    expect(ledger.mismatches).toEqual([]);
    refused += tablets.reduce((n, t) => n + t.refusals.length, 0);
  }

  const intents = tablets.flatMap((t) => t.acks);
  const ok = intents.filter((a) => a.ack.ok);
  const rejected = intents.filter((a) => !a.ack.ok);
  const ledger = checkLedger(tablets, h.server.db.raw);
  const participations = countRows(h.server.db.raw, 'participations');
  const retried = intents.filter((a) => a.attempts > 1).length;
  report('1 · 40 tablets, 12 cut for 5 s, 20 rounds', [
    `back after the network returned: ${ms(spread(sinceLift))}`,
    `back after the cut began:        ${ms(spread(sinceCut))}`,
    `tablet noticed the cut after:    ${ms(spread(noticed))}`,
    `came back within ${BACK_WITHIN_MS / 1000} s: ${sinceLift.filter((d) => d <= BACK_WITHIN_MS).length}/${sinceLift.length}`,
    `console showed ${CUT} offline during each cut: ${offlineSeen.filter((n) => n === CUT).length}/${ROUNDS} rounds`,
    `intents tapped ${intents.length}: acknowledged ok ${ok.length}, refused by the activity ${rejected.length} ` +
      `(${[...new Set(rejected.map((a) => (a.ack.ok ? '' : (a.ack.error.reason ?? a.ack.error.code))))].join(', ')}), ` +
      `sent more than once ${retried}`,
    `children with an acknowledged answer ${ledger.acknowledged}, answers stored ${ledger.stored}, ` +
      `stored = last acknowledged for ${ledger.acknowledged - ledger.mismatches.length}/${ledger.acknowledged}`,
    `participations ${participations} (children ${CHILDREN}); identities kept ${tablets.filter((t, i) => t.participantId === identities[i] && t.joins.every((j) => j.participantId === identities[i])).length}/${CHILDREN}`,
    `resumes refused ${refused}; proxy: ${JSON.stringify(proxy.stats())}; transports at the end: ` +
      `${tablets.filter((t) => t.socket.io.engine?.transport?.name === 'websocket').length} websocket, ` +
      `${tablets.filter((t) => t.socket.io.engine?.transport?.name === 'polling').length} polling`,
    loop(),
  ]);

  expect(sinceLift).toHaveLength(CUT * ROUNDS);
  expect(ledger.mismatches).toEqual([]);
  expect(ledger.stored).toBe(ledger.acknowledged);
  expect(participations).toBe(CHILDREN);
  expect(refused).toBe(0);
  expect(rejected.every((a) => !a.ack.ok && a.ack.error.reason === 'not-sorting')).toBe(true);
  for (const [i, t] of tablets.entries()) {
    expect(t.joins.every((j) => j.participantId === identities[i])).toBe(true);
  }
});
