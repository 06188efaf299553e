/**
 * A whole lesson in real Chromium, every step a click: the teacher's console, the projector and
 * five tablets (landscape and portrait) run My Emotion Monster from creation to the end.
 * Screenshots of every screen are kept in e2e/artifacts/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tabletJarCentre } from '../packages/activities/src/emotion-monster/client/layout.js';
import type { Emotion } from '../packages/activities/src/emotion-monster/logic/model.js';
import { type Lesson, startLesson } from './browser.js';

const PROJECTOR = { width: 1920, height: 1080 };
const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };
const CONSOLE = { width: 1366, height: 900 };

let lesson: Lesson;
beforeAll(async () => {
  lesson = await startLesson();
});
afterAll(async () => {
  await lesson?.close();
});

const count = (table: string): number =>
  (lesson.server.db.raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Taps a jar on the tablet's Phaser stage, reading the canvas box afresh (the stage may resize). */
async function tapJar(page: Page, emotion: Emotion): Promise<void> {
  const canvas = page.locator('[data-testid="phaser-stage"][data-status="ready"] canvas');
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no stage canvas');
  const { x, y } = tabletJarCentre(emotion, box.width, box.height);
  await page.mouse.click(box.x + x, box.y + y);
}

async function tapCode(page: Page, code: string): Promise<void> {
  for (const digit of code) await page.getByTestId(`key-${digit}`).click();
}

it('runs My Emotion Monster from the console, on the projector and on five tablets', async () => {
  // The teacher picks the activity and creates the session.
  const teacher = await lesson.open('/teach', CONSOLE);
  await teacher.getByTestId('activity-emotion-monster').waitFor();
  await lesson.shot(teacher, '01-console-pick');
  await teacher.getByTestId('activity-emotion-monster').click();
  await teacher.getByTestId('create-session').click();
  const codeText = (await teacher.getByTestId('session-code').innerText()).replace(/\D/g, '');
  expect(codeText).toMatch(/^[1-9]\d{5}$/);
  const code = codeText;

  // The projector opens from the console's button, in its own window.
  const [projector] = await Promise.all([
    teacher.context().waitForEvent('page'),
    teacher.getByTestId('open-projector').click(),
  ]);
  await projector.setViewportSize(PROJECTOR);
  await projector.waitForURL(`**/screen/${code}`);
  await expect.poll(async () => (await projector.getByTestId('screen-code').innerText()).replace(/\D/g, '')).toBe(code);
  await projector.getByTestId('qr').waitFor();

  // Four tablets arrive by the QR link (code prefilled); one child taps the code on the keypad.
  const tablets: Page[] = [];
  for (let i = 0; i < 5; i++) {
    const viewport = i === 0 || i === 2 ? LANDSCAPE : PORTRAIT;
    const page = await lesson.open(i === 4 ? '/join' : `/join?code=${code}`, viewport);
    if (i === 4) {
      await tapCode(page, code);
      await lesson.shot(page, '03-tablet-keypad-portrait');
    }
    await page.getByTestId('key-ok').click();
    await page.getByTestId('nickname').waitFor();
    if (i === 0) {
      const before = await page.getByTestId('nickname').innerText();
      await page.getByTestId('reroll').click();
      await expect.poll(() => page.getByTestId('nickname').innerText()).not.toBe(before);
      await lesson.shot(page, '04-tablet-nickname-landscape');
    }
    await page.getByTestId('join').click();
    await page.getByTestId('waiting').waitFor();
    tablets.push(page);
  }
  await lesson.shot(tablets[0] as Page, '05-tablet-waiting-landscape');
  await expect.poll(() => teacher.getByTestId('participant-row').count()).toBe(5);
  await expect.poll(() => projector.getByTestId('joined-count').innerText()).toContain('5');
  await lesson.shot(projector, '02-projector-lobby');
  await lesson.shot(teacher, '06-console-lobby');

  // The teacher starts; every tablet shows the stage.
  await teacher.getByTestId('start-session').click();
  for (const page of tablets) await page.locator('[data-testid="phaser-stage"][data-status="ready"]').waitFor();
  await projector.locator('[data-testid="phaser-stage"][data-status="ready"]').waitFor();
  await lesson.shot(tablets[1] as Page, '07-tablet-stage-portrait');

  // Three children place their balls; one says "I'd rather not say"; one asks to talk.
  const [a, b, c, d, e] = tablets as [Page, Page, Page, Page, Page];
  await tapJar(a, 'joy');
  await a.getByTestId('size-3').click();
  await a.getByTestId('reason-friends').click();
  await expect.poll(() => a.getByTestId('size-3').getAttribute('aria-pressed')).toBe('true');
  await lesson.shot(a, '08-tablet-answered-landscape');
  await lesson.shot(c, '08b-tablet-answered-landscape-2');
  // Three children in the joy jar: enough to talk about it without pointing at anyone.
  await tapJar(b, 'joy');
  await b.getByTestId('size-1').click();
  await lesson.shot(b, '09-tablet-answered-portrait');
  await tapJar(c, 'joy');
  await d.getByTestId('pass').click();
  await d.getByTestId('passed').waitFor();
  await e.getByTestId('ask-to-talk').click();
  await e.getByTestId('asked-to-talk').waitFor();
  await lesson.shot(e, '10-tablet-asked-to-talk-portrait');

  // The console sees the private request and who answered; the projector only a count.
  await teacher.getByTestId('followup-row').waitFor();
  await expect.poll(() => teacher.getByTestId('answered').innerText()).toContain('4');
  await lesson.shot(projector, '11-projector-sorting');
  await lesson.shot(teacher, '12-console-running');
  const projectorText = await projector.locator('body').innerText();
  expect(projectorText).not.toMatch(/找老师|talk to the teacher/);

  // Reveal, then spotlight the joy jar.
  await teacher.getByTestId('host-reveal').click();
  await expect.poll(() => teacher.getByTestId('phase').getAttribute('data-phase')).toBe('reveal');
  await a.getByTestId('look-at-screen').waitFor();
  await projector.waitForTimeout(2500);
  await lesson.shot(projector, '13-projector-reveal');
  await teacher.getByTestId('host-spotlight-joy').click();
  await expect.poll(() => teacher.getByTestId('phase').getAttribute('data-phase')).toBe('spotlight');
  await projector.waitForTimeout(2000);
  await lesson.shot(projector, '14-projector-spotlight');
  await lesson.shot(a, '15-tablet-spotlight-landscape');

  // The teacher deals with the follow-up, then ends the lesson.
  await teacher.getByTestId('followup-resolve').click();
  await teacher.getByTestId('end-session').click();
  await teacher.getByTestId('confirm-end').click();
  await teacher.getByTestId('ended-summary').waitFor();
  for (const page of tablets) await page.getByTestId('ended').waitFor();
  await projector.getByTestId('screen-ended').waitFor();
  await lesson.shot(teacher, '16-console-ended');
  await lesson.shot(projector, '17-projector-ended');
  await lesson.shot(a, '18-tablet-ended-landscape');

  expect(count('sessions')).toBe(1);
  expect(count('participations')).toBe(5);
  expect(count('contributions')).toBe(4);
  expect(count('follow_ups')).toBe(1);
  const resolved = lesson.server.db.raw.prepare('SELECT resolved_at FROM follow_ups').get() as {
    resolved_at: number | null;
  };
  expect(resolved.resolved_at).toBeTypeOf('number');
  const joy = lesson.server.db.raw
    .prepare('SELECT value FROM contributions WHERE value LIKE \'%"joy"%\' ORDER BY id')
    .all() as { value: string }[];
  expect(joy.map((r) => JSON.parse(r.value))).toContainEqual({ emotion: 'joy', intensity: 3, reason: 'friends' });
});

it('switches the tablet to English and back without losing the child', async () => {
  const teacher = await lesson.open('/teach', CONSOLE);
  await teacher.getByTestId('activity-emotion-monster').click();
  await teacher.getByTestId('create-session').click();
  const code = (await teacher.getByTestId('session-code').innerText()).replace(/\D/g, '');
  const tablet = await lesson.open(`/join?code=${code}`, LANDSCAPE);
  await tablet.getByTestId('lang-en').click();
  await tablet.getByTestId('key-ok').click();
  await tablet.getByTestId('join').click();
  await tablet.getByTestId('waiting').waitFor();
  await lesson.shot(tablet, '19-tablet-waiting-english');
  await tablet.reload();
  await tablet.getByTestId('waiting').waitFor();
  await expect.poll(() => teacher.getByTestId('participant-row').count()).toBe(1);
});
