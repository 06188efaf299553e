/**
 * Attention Challenge in real Chromium, every step a click: the teacher's console, the projector and
 * four tablets (two landscape, two portrait). The children clear a 3×3 number grid by clicking the
 * cells in order — where each number is comes from the board the server dealt (read from the
 * session snapshot) and the cell's centre from the activity's pure layout.ts — then the fish game,
 * timing their clicks to the pictures. The projector's shared climb must rise; the console must
 * show each child's results. Screenshots of every screen go to e2e/artifacts/attention-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { schulteCellCentre, tabletLayout } from '../packages/activities/src/attention-challenge/client/layout.js';
import type { AttentionState, Board } from '../packages/activities/src/attention-challenge/logic/model.js';
import { ARTIFACTS, type Lesson, startLesson } from './browser.js';

const PROJECTOR = { width: 1920, height: 1080 };
const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };
const CONSOLE = { width: 1366, height: 900 };
const STAGE = '[data-testid="phaser-stage"][data-status="ready"] canvas';

let lesson: Lesson;

beforeAll(async () => {
  lesson = await startLesson();
});
afterAll(async () => {
  await lesson?.close();
});

const count = (sql: string): number => (lesson.server.db.raw.prepare(sql).get() as { n: number }).n;

/** The session's state as the server holds it (written to the snapshot first). */
function serverState(code: string): AttentionState {
  lesson.server.runtime.checkpoint();
  const row = lesson.server.db.raw.prepare('SELECT snapshot FROM sessions WHERE code = ?').get(code) as {
    snapshot: string;
  };
  return JSON.parse(row.snapshot) as AttentionState;
}

/** The board this child was dealt: a personal one after a retry, else the class board. */
function boardOf(code: string, participant: string): Board {
  const state = serverState(code);
  // Seats are keyed by (branded) participant id; the test holds a plain string.
  const seat = Object.entries(state.seats).find(([id]) => id === participant)?.[1];
  const board = seat?.board ?? state.board;
  if (!board) throw new Error('no board dealt');
  return board;
}

async function participantOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => window.localStorage.getItem('heartlamp.tablet'));
  const id = raw ? (JSON.parse(raw) as { participantId?: unknown }).participantId : undefined;
  if (typeof id !== 'string') throw new Error('tablet has no identity');
  return id;
}

/**
 * Waits until the tablet scene is in one of `states` (idle, countdown, grid, fish, sent, done) and
 * returns the one it found. A short state (the 3-2-1 countdown) may pass unseen on a busy machine,
 * so callers that only want a picture of it also accept the state after it.
 */
async function sceneState(page: Page, ...states: string[]): Promise<string> {
  try {
    const handle = await page.waitForFunction(
      ([selector, wanted]) => {
        const state = document.querySelector<HTMLCanvasElement>(selector)?.dataset.state;
        return state !== undefined && wanted.includes(state) ? state : false;
      },
      [STAGE, states] as const,
      { polling: 50, timeout: 45_000 },
    );
    return String(await handle.jsonValue());
  } catch (error) {
    const seen = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')]
        .map((c) => {
          const stage = c.closest<HTMLElement>('[data-testid="phaser-stage"]');
          return `${c.dataset.state ?? '(none)'} in a stage ${stage?.dataset.status ?? '(none)'}`;
        })
        .join(', '),
    );
    const said = await page.locator('body').innerText();
    await page.screenshot({ path: join(ARTIFACTS, `attention-failed-${states.join('-')}.png`) }).catch(() => {});
    throw new Error(
      `tablet scene never reached ${states.join('/')} (canvas states: ${seen || 'no canvas'}; page says: ${said.replace(/\s+/g, ' ').slice(0, 300)})`,
      { cause: error },
    );
  }
}

async function canvasBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.locator(STAGE).boundingBox();
  if (!box) throw new Error('no stage canvas');
  return box;
}

type Input = 'mouse' | 'touch';

/** A click, or a finger's tap (the portrait tablets have touch screens). */
async function tap(page: Page, x: number, y: number, input: Input): Promise<void> {
  if (input === 'touch') await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

/** Taps 1, 2, 3… in order, `stepMs` apart; `wrongBefore` numbers get a wrong tap first. */
async function playGrid(
  page: Page,
  board: Board,
  stepMs: number,
  { wrongBefore = [], input = 'mouse' }: { wrongBefore?: readonly number[]; input?: Input } = {},
): Promise<void> {
  if (board.kind !== 'schulte') throw new Error('not a grid');
  const box = await canvasBox(page);
  const cells = tabletLayout(box.width, box.height, board.size).cells;
  expect(Math.min(...cells.map((c) => c.rect.width)), 'grid cells are big enough for a child').toBeGreaterThanOrEqual(
    64,
  );
  // A child needs a moment to find the 1: the scene ignores a find sooner than 150 ms after the
  // board appeared (the tail of an earlier tap), and a fast machine reaches here within 50 ms.
  await page.waitForTimeout(stepMs);
  for (let n = 1; n <= board.numbers.length; n += 1) {
    if (wrongBefore.includes(n)) {
      const wrong = board.numbers.indexOf(board.numbers.length);
      const at = schulteCellCentre(board.size, wrong, box.width, box.height);
      await tap(page, box.x + at.x, box.y + at.y, input);
      await page.waitForTimeout(stepMs / 2);
    }
    const at = schulteCellCentre(board.size, board.numbers.indexOf(n), box.width, box.height);
    await tap(page, box.x + at.x, box.y + at.y, input);
    if (n < board.numbers.length) await page.waitForTimeout(stepMs);
  }
}

/** Taps each fish 550 ms after it appears (and, if asked, one shark): timed from the game's start. */
async function playFish(page: Page, board: Board, tapShark: boolean, input: Input = 'mouse'): Promise<void> {
  if (board.kind !== 'gonogo') throw new Error('not the fish game');
  await sceneState(page, 'fish');
  const started = Date.now();
  const box = await canvasBox(page);
  const { stimulus } = tabletLayout(box.width, box.height, null);
  const period = board.showMs + board.gapMs;
  let sharkTapped = false;
  for (const [i, picture] of board.items.entries()) {
    const wanted = picture === 'fish' || (tapShark && !sharkTapped);
    if (!wanted) continue;
    if (picture === 'shark') sharkTapped = true;
    const wait = started + i * period + 550 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
    await tap(page, box.x + stimulus.x, box.y + stimulus.y, input);
  }
}

/** The whole activity fits the tablet: nothing below the fold, nothing to scroll to. */
async function expectNoScroll(page: Page): Promise<void> {
  const { scroll, view } = await page.evaluate(() => ({
    scroll: document.scrollingElement?.scrollHeight ?? 0,
    view: window.innerHeight,
  }));
  expect(scroll, 'the page does not scroll').toBeLessThanOrEqual(view);
  const controls = await page.getByTestId('tablet-controls').evaluate((e) => e.scrollHeight <= e.clientHeight + 1);
  expect(controls, 'the controls need no scrolling').toBe(true);
}

async function climbed(projector: Page): Promise<number> {
  const value = await projector.locator(STAGE).getAttribute('data-climbed');
  return Number(value);
}

// Six pages of software-rendered WebGL in one Chromium: slow on a busy machine, hence the long timeout.
it('runs Attention Challenge from the console, on the projector and on four tablets', {
  timeout: 420_000,
}, async () => {
  // The teacher picks the activity and creates the session.
  const teacher = await lesson.open('/teach', CONSOLE);
  await teacher.getByTestId('activity-attention-challenge').waitFor();
  await teacher.getByTestId('activity-attention-challenge').click();
  await lesson.shot(teacher, 'attention-01-console-pick');
  await teacher.getByTestId('create-session').click();
  const code = (await teacher.getByTestId('session-code').innerText()).replace(/\D/g, '');
  expect(code).toMatch(/^[1-9]\d{5}$/);

  // The console's button opens the projector as a tab; the teacher drags it to the projector's
  // display. Here it moves to a window of its own, so neither page sits in a background tab.
  const [popup] = await Promise.all([
    teacher.context().waitForEvent('page'),
    teacher.getByTestId('open-projector').click(),
  ]);
  await popup.waitForURL(`**/screen/${code}`);
  const screenPath = new URL(popup.url()).pathname;
  await popup.close();
  const projector = await lesson.open(screenPath, PROJECTOR);
  await projector.getByTestId('qr').waitFor();

  // Four children join by the QR link: two landscape tablets, two portrait.
  const tablets: Page[] = [];
  for (const [i, viewport] of [LANDSCAPE, PORTRAIT, LANDSCAPE, PORTRAIT].entries()) {
    const page = await lesson.open(`/join?code=${code}`, viewport);
    // The last child plays in English, to see the second locale on a tablet.
    if (i === 3) await page.getByTestId('lang-en').click();
    await page.getByTestId('key-ok').click();
    await page.getByTestId('join').click();
    await page.getByTestId('waiting').waitFor();
    tablets.push(page);
  }
  const [a, b, c, d] = tablets as [Page, Page, Page, Page];
  const ids = await Promise.all(tablets.map(participantOf));
  await expect.poll(() => teacher.getByTestId('participant-row').count()).toBe(4);
  await lesson.shot(projector, 'attention-02-projector-lobby');
  await lesson.shot(teacher, 'attention-03-console-lobby');

  // The lesson starts at level 1, ready: the tablets wait, the projector shows the mountain.
  await teacher.getByTestId('start-session').click();
  for (const page of tablets) await sceneState(page, 'idle');
  await projector.locator(STAGE).waitFor();
  await expect.poll(() => teacher.getByTestId('ac-phase').getAttribute('data-phase')).toBe('ready');
  expect(await climbed(projector)).toBe(0);
  await lesson.shot(a, 'attention-04-tablet-ready-landscape');
  await lesson.shot(projector, 'attention-05-projector-ready');

  // The teacher opens the 3×3 grid: a countdown, then the board.
  await teacher.getByTestId('host-start').click();
  if ((await sceneState(b, 'countdown', 'grid')) === 'countdown') {
    await lesson.shot(b, 'attention-06-tablet-countdown-portrait');
  }
  for (const page of tablets) await sceneState(page, 'grid');
  await lesson.shot(a, 'attention-07-tablet-grid-landscape');
  await lesson.shot(b, 'attention-07b-tablet-grid-portrait');
  for (const page of tablets) await expectNoScroll(page);
  const board = boardOf(code, ids[0] as string);
  expect(board).toMatchObject({ kind: 'schulte', size: 3 });
  // Everyone gets the same class board on the first try.
  for (const id of ids) expect(boardOf(code, id)).toStrictEqual(board);

  // All four play at once, two by mouse and two by finger; one child taps a wrong number twice.
  await Promise.all([
    playGrid(a, board, 400),
    playGrid(b, board, 350, { wrongBefore: [2, 5], input: 'touch' }),
    playGrid(c, board, 300),
    playGrid(d, board, 300, { input: 'touch' }),
  ]);
  for (const page of tablets) {
    await sceneState(page, 'done');
    await page.getByTestId('ac-result').waitFor();
  }
  expect(Number(await b.getByTestId('ac-time').getAttribute('data-ms'))).toBeGreaterThan(8 * 300);
  await lesson.shot(a, 'attention-08-tablet-done-landscape');
  await lesson.shot(b, 'attention-09-tablet-done-portrait');
  await lesson.shot(d, 'attention-09b-tablet-done-portrait-english');
  for (const page of tablets) await expectNoScroll(page);

  // The projector's shared climb rose by one step per child; the console has every result.
  await expect.poll(() => climbed(projector)).toBe(4);
  await expect.poll(() => projector.locator(STAGE).getAttribute('data-cleared')).toBe('4');
  expect(await projector.locator(STAGE).getAttribute('aria-label')).toContain('4 / 4');
  await projector.waitForTimeout(1800);
  await lesson.shot(projector, 'attention-10-projector-climbed');
  await expect.poll(() => teacher.locator('[data-testid^="ac-row-"][data-status="done"]').count()).toBe(4);
  await expect.poll(() => teacher.getByTestId('ac-cleared').getAttribute('data-count')).toBe('4');
  const bRow = teacher.getByTestId(`ac-row-${ids[1]}`);
  expect(await bRow.innerText()).toMatch(/秒/);
  expect(await bRow.locator('td').nth(4).innerText()).toBe('2');
  await lesson.shot(teacher, 'attention-11-console-results');
  // The projector's page never names a child or shows a time.
  expect(await projector.locator('body').innerText()).not.toMatch(/秒|\d+\.\d/);

  // One child tries again on a fresh board, faster: "比上次快了 … 秒!" and a new best.
  await a.getByTestId('ac-retry').click();
  await sceneState(a, 'grid');
  const fresh = boardOf(code, ids[0] as string);
  expect(fresh).not.toStrictEqual(board);
  await playGrid(a, fresh, 200);
  await sceneState(a, 'done');
  await expect.poll(() => a.getByTestId('ac-feedback').getAttribute('data-key')).toBe('feedback.faster');
  await a.getByTestId('ac-new-best').waitFor();
  await lesson.shot(a, 'attention-12-tablet-retry-faster-landscape');
  await expect.poll(() => teacher.getByTestId(`ac-row-${ids[0]}`).getAttribute('data-tries')).toBe('2');
  // A retry is the same child on the same level: the climb does not count it twice.
  expect(await climbed(projector)).toBe(4);

  // Level 2: the fish game. The teacher stops, moves on and starts it.
  await teacher.getByTestId('host-stop').click();
  await sceneState(c, 'idle');
  await lesson.shot(c, 'attention-13-tablet-stopped-landscape');
  await teacher.getByTestId('host-next').click();
  await expect.poll(() => teacher.getByTestId('ac-phase').getAttribute('data-phase')).toBe('ready');
  await projector.waitForTimeout(600);
  await lesson.shot(projector, 'attention-14-projector-fish-ready');
  await teacher.getByTestId('host-start').click();
  const fish = boardOf(code, ids[0] as string);
  expect(fish).toMatchObject({ kind: 'gonogo' });
  if (fish.kind !== 'gonogo') throw new Error('not the fish game');
  const shotWhileFish = (async () => {
    await sceneState(d, 'fish');
    // Catch a fish on screen (each shows for 1.4 s; the first two are always fish).
    await d.waitForFunction(
      (selector) => document.querySelector<HTMLCanvasElement>(selector)?.dataset.picture === 'fish',
      STAGE,
      { polling: 20 },
    );
    await lesson.shot(d, 'attention-15-tablet-fish-portrait');
  })();
  await Promise.all([
    playFish(a, fish, false),
    playFish(b, fish, true),
    playFish(c, fish, false),
    playFish(d, fish, false, 'touch'),
    shotWhileFish,
  ]);
  for (const page of tablets) await sceneState(page, 'done');
  await b.getByTestId('ac-fish').waitFor();
  await lesson.shot(b, 'attention-16-tablet-fish-done-portrait');
  await lesson.shot(a, 'attention-17-tablet-fish-done-landscape');
  await expect.poll(() => climbed(projector)).toBe(8);
  await expect.poll(() => teacher.locator('[data-testid^="ac-row-"][data-status="done"]').count()).toBe(4);
  // The child who tapped a shark has it counted (a click delayed by a busy machine may land on a
  // later picture too, so at least one).
  const sharks = await teacher.getByTestId(`ac-row-${ids[1]}`).locator('td').nth(5).innerText();
  expect(Number(sharks)).toBeGreaterThanOrEqual(1);
  await lesson.shot(teacher, 'attention-18-console-fish-results');
  await projector.waitForTimeout(1800);
  await lesson.shot(projector, 'attention-19-projector-fish-climbed');

  // The summit, then the end of the lesson.
  await teacher.getByTestId('host-finish').click();
  await sceneState(b, 'idle');
  await projector.waitForTimeout(1500);
  await lesson.shot(projector, 'attention-20-projector-summit');
  await lesson.shot(b, 'attention-21-tablet-summit-portrait');
  await teacher.getByTestId('end-session').click();
  await teacher.getByTestId('confirm-end').click();
  await teacher.getByTestId('ended-summary').waitFor();
  await lesson.shot(teacher, 'attention-22-console-ended');

  // The ledger: one contribution per child per level (a retry replaces, never adds), codes and numbers.
  expect(count(`SELECT COUNT(*) AS n FROM contributions WHERE kind = 'attention-level'`)).toBe(8);
  const values = lesson.server.db.raw
    .prepare(`SELECT value FROM contributions WHERE kind = 'attention-level'`)
    .all() as { value: string }[];
  const parsed = values.map((v) => JSON.parse(v.value) as Record<string, unknown>);
  expect(parsed.filter((v) => v.game === 'schulte-3')).toHaveLength(4);
  expect(parsed.filter((v) => v.game === 'gonogo-slow')).toHaveLength(4);
  expect(parsed.find((v) => v.game === 'schulte-3' && v.tries === 2)).toMatchObject({ level: 1 });
});
