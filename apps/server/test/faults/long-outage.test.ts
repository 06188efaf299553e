/**
 * Show it, 2: five tablets lose the network for 150 s — longer than socket.io's connection state
 * recovery would bridge (2 min by default, when enabled) — while the other 35 carry on and the
 * teacher reveals the jars and goes back to sorting. The five must still come back through their
 * resume token: the same participant, their answer intact, the class's current step, and able to
 * answer again. One run: it takes two and a half minutes by design.
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
  lastAcked,
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
const CUT = 5;
const CUT_MS = 150_000;
const BACK_WITHIN_MS = 10_000;

let h: Harness;
let proxy: FaultProxy;
let teacher: Teacher;
const tablets: SimTablet[] = [];

beforeAll(async () => {
  h = await startHarness();
  proxy = FaultProxy.create({ targetPort: Number(new URL(h.url).port), seed: 22 });
  teacher = new Teacher(h.url, h.cookie);
});

afterAll(async () => {
  for (const t of tablets) t.close();
  teacher?.close();
  await proxy?.close();
  await h?.close();
});

it('resumes five tablets through their token after 150 s away', async () => {
  const loop = watchEventLoop();
  const rng = createRng(150);
  const code = await teacher.createSession();
  for (let i = 0; i < CHILDREN; i++) {
    const origin = await proxy.route(`tablet-${i}`);
    tablets.push(new SimTablet({ origin, code, nickname: nicknameFor(i), label: `tablet-${i}` }));
  }
  await joinAll(tablets);
  await teacher.start();
  const chatters = tablets.map((t) => new Chatter(t, rng, { min: 1500, max: 3000 }));
  for (const c of chatters) c.start();
  await sleep(4000);

  const away = chatters.slice(0, CUT);
  await Promise.all(away.map((c) => c.pause()));
  for (const c of away) if (!lastAcked(c.tablet)) await c.tap();
  // The view of the last acknowledged answer may still be on its way (views are coalesced, ≤ 100 ms
  // after the ack): read "before" once each tablet shows it, or a busy machine records the one prior.
  await Promise.all(away.map((c) => c.tablet.until(() => showsLastAnswer(c.tablet), 5000, 'its last answer shown')));
  const before = away.map((c) => ({
    id: c.tablet.participantId,
    answer: tabletView(c.tablet.latestState?.view).mine,
  }));

  const cutAt = Date.now();
  proxy.cut(
    away.map((_, i) => `tablet-${i}`),
    CUT_MS,
  );
  await teacher.until((s) => s.participants.filter((p) => !p.connected).length === CUT, 5000, `${CUT} offline`);
  await sleep(60_000);
  expect((await teacher.host({ type: 'reveal' })).ok).toBe(true);
  await sleep(30_000);
  expect((await teacher.host({ type: 'sort' })).ok).toBe(true);
  await teacher.until((s) => consoleView(s.view).phase === 'sort', 3000, 'back to sorting');
  // Still away after two minutes and more: the server kept them, offline, with their answers.
  const during = await teacher.until((s) => s.participants.length === CHILDREN, 1000, 'the roster');
  expect(during.participants.filter((p) => !p.connected)).toHaveLength(CUT);
  const ledgerDuring = checkLedger(
    away.map((c) => c.tablet),
    h.server.db.raw,
    'subset',
  );
  expect(ledgerDuring.mismatches).toEqual([]);
  const attemptsWhileAway = proxy.stats();
  await sleep(cutAt + CUT_MS - Date.now());
  const liftAt = cutAt + CUT_MS;

  await Promise.all(
    away.map((c) =>
      c.tablet.until(
        () => backAt(c.tablet, liftAt) !== null && viewMatches(c.tablet, teacher.latest),
        BACK_WITHIN_MS,
        'coming back after 150 s',
      ),
    ),
  );
  const back = away.map((c) => (backAt(c.tablet, liftAt) ?? Number.NaN) - liftAt);
  let intact = 0;
  for (const [i, c] of away.entries()) {
    const t = c.tablet;
    expect(t.participantId).toBe(before[i]?.id);
    const rejoins = t.joins.filter((j) => j.at > cutAt);
    expect(rejoins.length).toBeGreaterThan(0);
    expect(rejoins.every((j) => j.resumed && j.participantId === before[i]?.id)).toBe(true);
    // No socket.io state recovery bridged this gap: the token did.
    expect(t.socket.recovered).not.toBe(true);
    expect(tabletView(t.latestState?.view).mine).toEqual(before[i]?.answer);
    intact += 1;
    expect(tabletView(t.latestState?.view).phase).toBe('sort');
  }

  // They can answer again, and it is saved.
  const again = await Promise.all(away.map((c) => c.tap()));
  expect(again.every((r) => r?.ack.ok === true)).toBe(true);
  await Promise.all(chatters.map((c) => c.pause()));
  await sleep(500);
  await poll(() => tablets.every((t) => viewMatches(t, teacher.latest)), 5000, 'every view to settle');
  await teacher.until((s) => s.participants.every((p) => p.connected), 5000, 'all 40 online');
  const ledger = checkLedger(tablets, h.server.db.raw);
  const participations = countRows(h.server.db.raw, 'participations');

  report('2 · 5 tablets cut for 150 s', [
    `back after the network returned: ${ms(spread(back))}`,
    `reconnection attempts refused while away: ${attemptsWhileAway.refused} (≈${Math.round(attemptsWhileAway.refused / CUT)} per tablet)`,
    `resumed through the token ${away.filter((c) => c.tablet.joins.some((j) => j.at > cutAt && j.resumed)).length}/${CUT}, ` +
      `socket.io state recovered ${away.filter((c) => c.tablet.socket.recovered === true).length}/${CUT}`,
    `same participant ${away.filter((c, i) => c.tablet.participantId === before[i]?.id).length}/${CUT}, ` +
      `answer intact on return ${intact}/${CUT}`,
    `children with an acknowledged answer ${ledger.acknowledged}, stored ${ledger.stored}, mismatches ${ledger.mismatches.length}`,
    `participations ${participations} (children ${CHILDREN})`,
    loop(),
  ]);
  expect(ledger.mismatches).toEqual([]);
  expect(participations).toBe(CHILDREN);
  expect(back.every((d) => d <= BACK_WITHIN_MS)).toBe(true);
  expect(tablets.every((t) => t.refusals.length === 0)).toBe(true);
});

/** Does this tablet's latest view show the last answer the server acknowledged? */
function showsLastAnswer(tablet: SimTablet): boolean {
  const intent = lastAcked(tablet)?.intent as { emotion?: string; intensity?: number } | undefined;
  const mine = tablet.latestState ? tabletView(tablet.latestState.view).mine : null;
  return intent !== undefined && mine?.choice === intent.emotion && mine?.intensity === intent.intensity;
}
