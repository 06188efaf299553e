/**
 * Shared tablets in real Chromium (issue 6, "Shared tablets"): a child answers on tablet A; the
 * teacher frees the seat, A says kindly that the place moved; tablet B takes the seat with "I was
 * here before" and is that child again, answer intact; then A asks for the seat back, the teacher
 * first refuses, then approves, and B is the one let go. Every step is a tap; screenshots are
 * named `seats-*` in e2e/artifacts/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tabletJarCentre } from '../packages/activities/src/emotion-monster/client/layout.js';
import type { Emotion } from '../packages/activities/src/emotion-monster/logic/model.js';
import { ADJECTIVES, ANIMALS } from '../packages/shared/src/domain/nickname.js';
import { type Lesson, startLesson } from './browser.js';

const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };
const CONSOLE = { width: 1366, height: 900 };
/** Classmates besides the child who moves, so the seat tiles look like a real class. */
const CLASSMATES = 23;

let lesson: Lesson;
beforeAll(async () => {
  lesson = await startLesson();
});
afterAll(async () => {
  await lesson?.close();
});

const count = (table: string): number =>
  (lesson.server.db.raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

async function tapJar(page: Page, emotion: Emotion): Promise<void> {
  const canvas = page.locator('[data-testid="phaser-stage"][data-status="ready"] canvas');
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no stage canvas');
  const { x, y } = tabletJarCentre(emotion, box.width, box.height);
  await page.mouse.click(box.x + x, box.y + y);
}

/** The page fits its screen: a child never has to scroll to find the way on. */
async function expectNoPageScroll(page: Page): Promise<void> {
  const { scroll, height } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    height: window.innerHeight,
  }));
  expect(scroll).toBeLessThanOrEqual(height);
}

/** Seat tiles are at least 96 px tall; buttons at least 64 (ACTIVITIES.md asks 48). */
async function expectBigTarget(page: Page, testId: string, min: number): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(min);
}

/** The nickname in the tablet's header, i.e. who this tablet is now. */
const whoAmI = (page: Page) => page.locator('.tablet-header .avatar-name').innerText();

/** From the keypad (code already in) to the seat tiles. */
async function openSeats(page: Page): Promise<void> {
  await page.getByTestId('key-ok').click();
  await expectBigTarget(page, 'was-here-before', 64);
  await page.getByTestId('was-here-before').click();
  await page.getByTestId('seat-0').waitFor();
}

it('moves a child between tablets: freed by the teacher, taken by another tablet, asked back', async () => {
  const teacher = await lesson.open('/teach', CONSOLE);
  await teacher.getByTestId('activity-emotion-monster').click();
  await teacher.getByTestId('create-session').click();
  const code = (await teacher.getByTestId('session-code').innerText()).replace(/\D/g, '');
  await teacher.getByTestId('start-session').click();
  await teacher.getByTestId('console-panel').waitFor();

  // Tablet A: a child joins and places a big joy ball.
  const a = await lesson.open(`/join?code=${code}`, LANDSCAPE);
  await a.getByTestId('key-ok').click();
  const child = await a.getByTestId('nickname').innerText();
  await a.getByTestId('join').click();
  await tapJar(a, 'joy');
  await a.getByTestId('size-3').click();
  await expect.poll(() => a.getByTestId('size-3').getAttribute('aria-pressed')).toBe('true');
  expect(await whoAmI(a)).toBe(child);
  await teacher.getByTestId('contributed').waitFor();
  const contributions = count('contributions');

  // The rest of the class, joined straight through the server (their tablets play no part here).
  for (let i = 0; i < CLASSMATES; i++) {
    const nickname = {
      adjective: ADJECTIVES[i % ADJECTIVES.length] ?? 'kind',
      animal: ANIMALS[(i * 3 + Math.floor(i / ANIMALS.length)) % ANIMALS.length] ?? 'bear',
    };
    const joined = await lesson.server.runtime.join(code, nickname, undefined, 'zh-CN');
    expect(joined.ok).toBe(true);
  }
  await expect.poll(() => teacher.getByTestId('participant-row').count()).toBe(1 + CLASSMATES);

  // The teacher frees the seat (after a confirm step); A lets go, kindly.
  await teacher.getByTestId('free-seat').first().click();
  await teacher.getByTestId('confirm-free-seat').waitFor();
  await lesson.shot(teacher, 'seats-01-console-confirm-free');
  await teacher.getByTestId('confirm-free-seat').click();
  await a.getByTestId('kicked').waitFor();
  expect(await a.getByTestId('kicked').getAttribute('data-reason')).toBe('seat-released');
  await expect.poll(() => a.locator('[data-testid="phaser-stage"]').count()).toBe(0);
  await expectBigTarget(a, 'kicked-back', 64);
  await expectNoPageScroll(a);
  await lesson.shot(a, 'seats-02-tablet-a-released-landscape');
  await teacher.getByTestId('seat-free-badge').waitFor();
  await lesson.shot(teacher, 'seats-03-console-seat-free');

  // Tablet B: "I was here before" → the child's tile (marked free) → the child again, answer intact.
  const b = await lesson.open(`/join?code=${code}`, PORTRAIT);
  await openSeats(b);
  expect(await b.getByTestId('seat-0').getAttribute('data-free')).toBe('true');
  await expectBigTarget(b, 'seat-0', 96);
  await expectNoPageScroll(b);
  await lesson.shot(b, 'seats-04-tablet-b-seats-portrait');
  await b.getByTestId('seat-0').click();
  await b.locator('[data-testid="phaser-stage"][data-status="ready"]').waitFor();
  expect(await whoAmI(b)).toBe(child);
  await expect.poll(() => b.getByTestId('size-3').getAttribute('aria-pressed')).toBe('true');
  await lesson.shot(b, 'seats-05-tablet-b-is-the-child-portrait');
  await expect.poll(() => teacher.getByTestId('seat-free-badge').count()).toBe(0);
  await expect.poll(() => teacher.getByTestId('participant-row').count()).toBe(1 + CLASSMATES);

  // Tablet A asks for the seat back: the teacher is asked; a "no" is said kindly.
  await a.getByTestId('kicked-back').click();
  await openSeats(a);
  expect(await a.getByTestId('seat-0').getAttribute('data-free')).toBe('false');
  await a.getByTestId('seat-0').click();
  await a.getByTestId('reclaim-waiting').waitFor();
  await expectNoPageScroll(a);
  await lesson.shot(a, 'seats-06-tablet-a-waiting-landscape');
  await teacher.getByTestId('reclaim-row').waitFor();
  await lesson.shot(teacher, 'seats-07-console-request');
  await teacher.getByTestId('reclaim-refuse').click();
  await a.getByTestId('reclaim-refused').waitFor();
  await a.getByTestId('seat-0').waitFor();
  await expectNoPageScroll(a);
  await lesson.shot(a, 'seats-08-tablet-a-refused-landscape');
  await expect.poll(() => teacher.getByTestId('reclaims').count()).toBe(0);
  expect(await whoAmI(b)).toBe(child);

  // Asked again and approved: A is the child again, B is let go.
  await a.getByTestId('seat-0').click();
  await a.getByTestId('reclaim-waiting').waitFor();
  await teacher.getByTestId('reclaim-approve').click();
  await a.locator('[data-testid="phaser-stage"][data-status="ready"]').waitFor();
  expect(await whoAmI(a)).toBe(child);
  await expect.poll(() => a.getByTestId('size-3').getAttribute('aria-pressed')).toBe('true');
  await b.getByTestId('kicked').waitFor();
  expect(await b.getByTestId('kicked').getAttribute('data-reason')).toBe('seat-reclaimed');
  await expectNoPageScroll(b);
  await lesson.shot(a, 'seats-09-tablet-a-back-landscape');
  await lesson.shot(b, 'seats-10-tablet-b-reclaimed-portrait');
  await expect.poll(() => teacher.getByTestId('reclaims').count()).toBe(0);
  await lesson.shot(teacher, 'seats-11-console-after');

  // Still the same class, and the answer was neither lost nor counted twice.
  expect(count('participations')).toBe(1 + CLASSMATES);
  expect(count('contributions')).toBe(contributions);

  // A reload of the tablet that was let go stays let go: its identity is gone, not retried.
  await b.reload();
  await b.getByTestId('key-ok').waitFor();
  expect(await whoAmI(a)).toBe(child);
});
