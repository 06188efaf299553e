/**
 * The Power of Cooperation in real Chromium, every step a click: the teacher's console, the
 * projector and six tablets (three landscape, three portrait) — two teams of three. The teacher
 * makes teams and moves a child; a child tapping alone builds nothing; teammates tapping together
 * on the beat (Promise.all of clicks) raise their tower on the projector; in the next round, with
 * a lower tower, they reach the top and the class cheers. Screenshots of every screen go to e2e/artifacts/cooperation-*.png, to be looked at.
 *
 * Timing. The server runs in this process, so `Date.now()` here is the server's clock and the test
 * can aim its clicks at the beats the server counts (`origin + k·beatMs`, read from a tablet's
 * panel). The reducer judges a tap by when it ARRIVES; on a busy two-core CI box with eight
 * pages rendering in software GL, a click can take from 50 ms to over a second to get there. So
 * the test watches arrivals (a spy on the runtime's `intent`, which it does not change) and moves
 * its aim earlier by the typical delay — as a child learns to tap a little ahead of a slow drum —
 * and when the machine drops a beat, it simply tries the next one.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tabletDrumCentre } from '../packages/activities/src/cooperation/client/layout.js';
import { LAG_ALLOWANCE_MS } from '../packages/activities/src/cooperation/logic/model.js';
import { type Lesson, startLesson } from './browser.js';

const PROJECTOR = { width: 1920, height: 1080 };
const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };
const CONSOLE = { width: 1366, height: 900 };

let lesson: Lesson;
/** When each tablet intent reached the server (ms, server clock). */
const arrivals: number[] = [];

beforeAll(async () => {
  lesson = await startLesson();
  const runtime = lesson.server.runtime;
  const intent = runtime.intent.bind(runtime);
  runtime.intent = (...args: Parameters<typeof intent>) => {
    arrivals.push(Date.now());
    return intent(...args);
  };
});
afterAll(async () => {
  await lesson?.close();
});

const shot = (page: Page, name: string) => lesson.shot(page, `cooperation-${name}`);
/** Phaser in software GL, eight pages on a shared machine: the first frame can take a while. */
const stageReady = (page: Page) =>
  page.locator('[data-testid="phaser-stage"][data-status="ready"]').waitFor({ timeout: 120_000 });
/** Polls wait this long: a host intent's ack can take seconds on a saturated CI machine. */
const SOON = { timeout: 30_000, interval: 200 } as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const panel = (page: Page) => page.getByTestId('coop-tablet-controls');

interface Tablet {
  page: Page;
  orientation: 'landscape' | 'portrait';
  /** Where to click the drum, in page pixels (read once: the stage does not move mid-round). */
  drum: { x: number; y: number };
}

async function drumPoint(page: Page): Promise<{ x: number; y: number }> {
  const canvas = page.locator('[data-testid="phaser-stage"][data-status="ready"] canvas');
  await canvas.waitFor({ timeout: 120_000 });
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no stage canvas');
  const { x, y } = tabletDrumCentre(box.width, box.height);
  return { x: box.x + x, y: box.y + y };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The beat, and how far ahead of it the test presses so that taps arrive on it. */
class Drummer {
  lead = 40;
  constructor(
    readonly origin: number,
    readonly beatMs: number,
  ) {}

  /** The next beat far enough ahead to aim at. */
  next(): number {
    return Math.max(0, Math.ceil((Date.now() + this.lead + 250 - this.origin) / this.beatMs));
  }

  /**
   * Presses every tablet's drum at the same moment, `lead` ms before beat `k`. The pointer is
   * moved onto the drum first, so at the beat only the press travels (the drum counts on
   * pointer-down). Returns when the taps have arrived (or given up on), having re-aimed.
   */
  async tap(tablets: readonly Tablet[], k: number): Promise<void> {
    await Promise.all(tablets.map((t) => t.page.mouse.move(t.drum.x, t.drum.y)));
    const beatAt = this.origin + k * this.beatMs;
    await sleep(beatAt - this.lead - Date.now());
    const pressedAt = Date.now();
    await Promise.all(tablets.map((t) => t.page.mouse.down()));
    await Promise.all(tablets.map((t) => t.page.mouse.up()));
    const mine = () => arrivals.filter((at) => at >= pressedAt);
    const deadline = Math.max(Date.now(), beatAt) + 1.5 * this.beatMs;
    while (mine().length < tablets.length && Date.now() < deadline) await sleep(25);
    const offsets = mine().map((at) => at - LAG_ALLOWANCE_MS - beatAt);
    console.log(
      `beat ${k}: pressed ${pressedAt - beatAt} ms, arrived ${offsets.join(' ')} (aim ${Math.round(this.lead)})`,
    );
    // Move the aim by half the typical error (damped: single arrivals are noisy): late arrivals → press earlier next time.
    if (offsets.length > 0) this.lead = Math.min(1000, Math.max(0, this.lead + 0.5 * median(offsets)));
  }
}

/** Teammates tap together, beat after beat, until their tower reaches `target` or `until` passes. */
async function buildTo(
  drummer: Drummer,
  tablets: readonly Tablet[],
  height: () => Promise<number>,
  target: number,
  until: number,
): Promise<number> {
  let tries = 0;
  let now = await height();
  while (now < target && Date.now() < until - 3000) {
    tries += 1;
    await drummer.tap(tablets, drummer.next());
    now = await height();
  }
  return tries;
}

it('runs The Power of Cooperation: teams, a shared beat, taps together, a tower that rises', {
  timeout: 900_000,
}, async () => {
  // The teacher picks the activity and creates the session; the projector opens in its own window.
  const teacher = await lesson.open('/teach', CONSOLE);
  await teacher.getByTestId('activity-cooperation').click();
  await shot(teacher, '01-console-pick');
  await teacher.getByTestId('create-session').click();
  const code = (await teacher.getByTestId('session-code').innerText()).replace(/\D/g, '');
  expect(code).toMatch(/^[1-9]\d{5}$/);
  const [projector] = await Promise.all([
    teacher.context().waitForEvent('page'),
    teacher.getByTestId('open-projector').click(),
  ]);
  await projector.setViewportSize(PROJECTOR);
  await projector.waitForURL(`**/screen/${code}`);

  // Six children join by the QR link: three landscape tablets, three portrait.
  const pages: { page: Page; orientation: Tablet['orientation'] }[] = [];
  for (let i = 0; i < 6; i++) {
    const orientation = i % 2 === 0 ? 'landscape' : 'portrait';
    const page = await lesson.open(`/join?code=${code}`, orientation === 'landscape' ? LANDSCAPE : PORTRAIT);
    await page.getByTestId('key-ok').click();
    await page.getByTestId('join').click();
    await page.getByTestId('waiting').waitFor();
    pages.push({ page, orientation });
  }
  await expect.poll(() => teacher.getByTestId('participant-row').count(), SOON).toBe(6);

  // The teacher starts: the projector explains the game, tablets show a grey drum.
  await teacher.getByTestId('start-session').click();
  await Promise.all([projector, ...pages.map((p) => p.page)].map(stageReady));
  await shot(projector, '02-projector-rules');
  await shot(pages[0]!.page, '03-tablet-gather-landscape');
  await shot(teacher, '04-console-gather');

  // Two teams of three, balanced by the logic.
  await teacher.getByTestId('host-team-count-2').click();
  await teacher.getByTestId('host-form-teams').click();
  await Promise.all(
    pages.map(({ page }) => expect.poll(() => panel(page).getAttribute('data-phase'), SOON).toBe('teams')),
  );
  const teamOf = await Promise.all(pages.map(({ page }) => panel(page).getAttribute('data-team')));
  const codes = [...new Set(teamOf)];
  expect(codes).toHaveLength(2);
  for (const c of codes) expect(teamOf.filter((t) => t === c)).toHaveLength(3);
  const [first, second] = codes as [string, string];
  await expect.poll(() => teacher.getByTestId(`team-card-${first}`).getAttribute('data-size'), SOON).toBe('3');
  await projector.waitForTimeout(400);
  await shot(projector, '05-projector-teams');
  await shot(pages[0]!.page, '06-tablet-teams-landscape');
  await shot(pages[1]!.page, '07-tablet-teams-portrait');

  // The teacher moves one child to the other team and back, from the console.
  const mover = teacher.getByTestId(`team-card-${first}`).locator('select').first();
  const moverId = ((await mover.getAttribute('data-testid')) ?? '').replace(/^move-/, '');
  await mover.selectOption({ index: 1 });
  await expect.poll(() => teacher.getByTestId(`team-card-${second}`).getAttribute('data-size'), SOON).toBe('4');
  await shot(teacher, '08-console-moved');
  await teacher.getByTestId(`move-${moverId}`).selectOption({ index: 1 });
  await expect.poll(() => teacher.getByTestId(`team-card-${first}`).getAttribute('data-size'), SOON).toBe('3');

  // A three-minute round: "3, 2, 1" on the beat, then the beats count.
  await teacher.getByTestId('host-round-seconds-180').click();
  await teacher.getByTestId('host-start-round').click();
  const playing = () =>
    Promise.all(
      pages.map(({ page }) => expect.poll(() => panel(page).getAttribute('data-phase'), SOON).toBe('playing')),
    );
  await playing();
  const clockOf = async () => {
    const origin = Number(await panel(pages[0]!.page).getAttribute('data-origin'));
    const beatMs = Number(await panel(pages[0]!.page).getAttribute('data-beat-ms'));
    expect(origin).toBeGreaterThan(0);
    expect(beatMs).toBeGreaterThanOrEqual(1000);
    return { origin, beatMs };
  };
  const round1 = await clockOf();
  const drummer = new Drummer(round1.origin, round1.beatMs);

  const tablets: Tablet[] = await Promise.all(
    pages.map(async ({ page, orientation }) => ({ page, orientation, drum: await drumPoint(page) })),
  );
  const teamA = tablets.filter((_, i) => teamOf[i] === first);
  const teamB = tablets.filter((_, i) => teamOf[i] === second);
  const consoleHeight = (team: string) => async () =>
    Number(await teacher.getByTestId(`team-card-${team}`).getAttribute('data-height'));
  const heights = () => projector.locator('canvas').getAttribute('data-heights');
  /** A team's height as the projector draws it (its canvas says so in `data-heights`). */
  const projectorHeight = (team: string) => async () =>
    Number(new RegExp(`${team}:(\\d+)/`).exec((await heights()) ?? '')?.[1] ?? Number.NaN);

  // "3, 2, 1": only catchable when the machine is not too busy (the countdown is ~4 s).
  if (Date.now() < round1.origin - 2 * round1.beatMs) {
    await sleep(round1.origin - 2 * round1.beatMs + 150 - Date.now());
    await Promise.all([
      shot(projector, '09-projector-countdown'),
      shot(teamA[0]!.page, `10-tablet-countdown-${teamA[0]!.orientation}`),
    ]);
  }

  // One child alone, on the beat, again and again: nothing grows. (This also tunes the aim.)
  const alone = teamA[0]!;
  for (let n = 0; n < 4; n++) await drummer.tap([alone], drummer.next());
  await shot(alone.page, `11-tablet-alone-${alone.orientation}`);
  expect(await consoleHeight(first)()).toBe(0);
  expect(await heights()).toContain(`${first}:0/12`);
  expect(await heights()).toContain(`${second}:0/12`);

  // Team A taps together: the tower rises, on the console and on the projector.
  const end1 = round1.origin + 180_000;
  const triesA = await buildTo(drummer, teamA, consoleHeight(first), 2, end1);
  expect(await consoleHeight(first)()).toBeGreaterThanOrEqual(2);
  await Promise.all([shot(projector, '12-projector-together'), shot(teamA[1]!.page, '13-tablet-together-portrait')]);
  await expect.poll(heights, SOON).toMatch(new RegExp(`${first}:([2-9]|1[0-2])/12`));

  // Team B taps together too (two of its three on the beat are enough; reduce.test.ts pins that).
  const triesB = await buildTo(drummer, teamB, consoleHeight(second), 1, end1);
  expect(await consoleHeight(second)()).toBeGreaterThanOrEqual(1);
  await shot(teacher, '14-console-playing');
  await shot(teamB[2]!.page, `15-tablet-playing-${teamB[2]!.orientation}`);

  // The teacher stops the round; the result stays on every screen for the class to talk about.
  await teacher.getByTestId('host-stop-round').click();
  await expect.poll(() => teacher.getByTestId('phase').getAttribute('data-phase'), SOON).toBe('result');
  // Read once the round has stopped: a beat tapped just before the stop may still have raised a
  // tower, and the ledger records the heights at the stop.
  const finalA = await consoleHeight(first)();
  const heightB = await consoleHeight(second)();
  expect(heightB).toBeGreaterThanOrEqual(1);
  await Promise.all(
    tablets.map(({ page }) => expect.poll(() => panel(page).getAttribute('data-phase'), SOON).toBe('result')),
  );
  await projector.waitForTimeout(600);
  await shot(projector, '16-projector-result');
  await shot(teamB[0]!.page, `17-tablet-result-${teamB[0]!.orientation}`);
  await shot(teacher, '18-console-result');

  // Next round, a lower tower (6 floors): team A taps together all the way to the top; the class cheers.
  await teacher.getByTestId('host-goal-6').click();
  await teacher.getByTestId('host-start-round').click();
  await playing();
  const round2 = await clockOf();
  const drummer2 = new Drummer(round2.origin, round2.beatMs);
  drummer2.lead = drummer.lead;
  const triesTop = await buildTo(drummer2, teamA, projectorHeight(first), 6, round2.origin + 180_000);
  expect(await projectorHeight(first)()).toBe(6);
  await Promise.all([
    shot(projector, '19-projector-cheer'),
    shot(teamA[0]!.page, `20-tablet-top-${teamA[0]!.orientation}`),
  ]);
  await expect.poll(heights, SOON).toContain(`${first}:6/6`);
  console.log(
    `beats tried: A→2 ${triesA}, B→1 ${triesB}, A→6 ${triesTop}; aim ${Math.round(drummer2.lead)} ms before the beat`,
  );
  await teacher.getByTestId('host-stop-round').click();
  await expect.poll(() => teacher.getByTestId('phase').getAttribute('data-phase'), SOON).toBe('result');
  await shot(teacher, '21-console-two-rounds');

  // The ledger: one team outcome per child and round, and no tap counts anywhere in it.
  const rows = lesson.server.db.raw.prepare('SELECT kind, value FROM contributions ORDER BY id').all() as {
    kind: string;
    value: string;
  }[];
  expect(rows).toHaveLength(12);
  for (const row of rows) {
    expect(row.kind).toBe('team-outcome');
    expect(row.value).not.toMatch(/tap|active|spent/i);
  }
  const outcomes = rows.map(
    (r) => JSON.parse(r.value) as { round: number; team: string; height: number; succeeded: boolean },
  );
  const of = (round: number, team: string) => outcomes.filter((o) => o.round === round && o.team === team);
  expect(of(1, first).map((o) => [o.height, o.succeeded])).toStrictEqual(Array(3).fill([finalA, false]));
  expect(of(1, second).map((o) => [o.height, o.succeeded])).toStrictEqual(Array(3).fill([heightB, false]));
  expect(of(2, first).map((o) => [o.height, o.succeeded])).toStrictEqual(Array(3).fill([6, true]));
  expect(of(2, second)).toHaveLength(3);

  // Privacy on the page itself: the projector's page holds no participant id.
  expect(await projector.content()).not.toContain(moverId);

  await teacher.getByTestId('end-session').click();
  await teacher.getByTestId('confirm-end').click();
  await teacher.getByTestId('ended-summary').waitFor();
  await Promise.all(tablets.map(({ page }) => page.getByTestId('ended').waitFor()));
});
