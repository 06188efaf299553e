/**
 * Attention Challenge's rules, driven directly: no server, no sockets (boardgame.io's reducer tests).
 * The plausibility rules get one test per refusal, each checking that the refused state is left
 * exactly as it was; a property test at the end lets simulated children who read their own tablet
 * view play whole lessons and checks that honest play is never refused and nothing leaks.
 */
import { type ParticipantId, participantIdSchema } from '@heartlamp/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRejection, type Participant, type Rejection } from '../../contract.js';
import { createRng } from '../../rng.js';
import {
  type AttentionConfig,
  type AttentionHostIntent,
  type AttentionIntent,
  type AttentionState,
  attentionChallenge,
  CLOCK_SLACK_MS,
  configSchema,
  dealGoNoGo,
  dealSchulte,
  type GoNoGoBoard,
  goNoGoDuration,
  hostIntentSchema,
  intentSchema,
  LADDERS,
  type LevelSpec,
  MIN_STEP_MS,
  PACES,
  type SchulteBoard,
  STOP_GRACE_MS,
  type TabletView,
} from './index.js';

const T0 = 1_757_000_000_000;
const OPEN = T0 + 10_000;

function child(id: string): Participant {
  return { id: participantIdSchema.parse(id), nickname: { adjective: 'brave', animal: 'panda' }, joinedAt: T0 };
}
const ana = child('p_AnaAnaAna01');
const bo = child('p_BoBoBoBo_02');
const cy = child('p_Cy-Cy-Cy-03');
const stranger = child('p_Stranger_99');
const ROSTER = [ana, bo, cy];
const ALL_IDS: ParticipantId[] = [ana.id, bo.id, cy.id, stranger.id];

const act = attentionChallenge;

function begin(config: Partial<AttentionConfig> = {}, roster: readonly Participant[] = ROSTER): AttentionState {
  return act.setup({ config: configSchema.parse(config), roster, seed: 1, now: T0 });
}
function play(state: AttentionState, who: Participant, intent: AttentionIntent, now: number, seed = 7) {
  return act.reduce(state, intent, { actor: who.id, now, random: createRng(seed) });
}
function host(state: AttentionState, intent: AttentionHostIntent, now = OPEN, seed = 11) {
  return act.control(state, intent, { now, random: createRng(seed) });
}
function ok(result: AttentionState | Rejection): AttentionState {
  if (isRejection(result)) throw new Error(`unexpected rejection '${result.rejected}'`);
  return result;
}
/** Asserts the rejection code, that the state handed in was not touched, and that the code has words. */
function expectRejected(
  state: AttentionState,
  transition: (s: AttentionState) => AttentionState | Rejection,
  code: string,
): void {
  const before = structuredClone(state);
  const result = transition(state);
  expect(result).toStrictEqual({ rejected: code });
  expect(state).toStrictEqual(before);
  expect(act.rejections[code]?.['zh-CN']).toMatch(/\S/);
  expect(act.rejections[code]?.en).toMatch(/\S/);
}
function expectNoIds(value: unknown, ids: readonly ParticipantId[]): void {
  const json = JSON.stringify(value);
  for (const id of ids) expect(json).not.toContain(id);
}

/** A class on an open 3×3 level (the low band's first level). */
function openGrid(config: Partial<AttentionConfig> = {}): AttentionState {
  return ok(host(begin(config), { type: 'start' }));
}
function gridOf(state: AttentionState): SchulteBoard {
  if (state.board?.kind !== 'schulte') throw new Error('no grid dealt');
  return state.board;
}
function fishOf(state: AttentionState): GoNoGoBoard {
  if (state.board?.kind !== 'gonogo') throw new Error('no fish game dealt');
  return state.board;
}
function cellOf(board: SchulteBoard, n: number): number {
  return board.numbers.indexOf(n);
}
/** Perfect play: every number in order, `stepMs` apart. */
function solve(board: SchulteBoard, stepMs = 800): [number, number][] {
  return board.numbers.map((_, i) => [cellOf(board, i + 1), (i + 1) * stepMs]);
}
function finishGrid(taps: [number, number][], round = 1, attempt = 0): AttentionIntent {
  return { type: 'schulte-done', round, attempt, taps };
}
/** Tap every fish `rt` ms after it appears, and no shark, unless told otherwise. */
function answerFish(board: GoNoGoBoard, rt = 450, tapSharks = 0, missFish = 0): (number | null)[] {
  let sharks = tapSharks;
  let misses = missFish;
  return board.items.map((p) => {
    if (p === 'shark') {
      if (sharks > 0) {
        sharks -= 1;
        return rt;
      }
      return null;
    }
    if (misses > 0) {
      misses -= 1;
      return null;
    }
    return rt;
  });
}
/** A state whose current level is the fish game, open, with the fish board dealt. */
function openFish(pace: (typeof PACES)[number] = 'slow'): AttentionState {
  return ok(host(begin({ levels: [{ kind: 'gonogo', pace }] }), { type: 'start' }));
}

describe('setup, join and phases', () => {
  it('starts ready at level 1 of the grade band ladder, with no board and no results', () => {
    const state = begin();
    expect(state).toStrictEqual({
      levels: LADDERS.low,
      current: 0,
      phase: 'ready',
      round: 0,
      board: null,
      openedAt: null,
      stoppedAt: null,
      roster: [ana.id, bo.id, cy.id],
      seats: {},
      records: {},
    });
    expect(act.phase(state)).toBe('ready:level-1:run-0');
  });

  it('takes the ladder from the grade band: 3×3 for grades 1–2, up to 5×5 for older children', () => {
    const sizes = (levels: readonly LevelSpec[]) => levels.flatMap((l) => (l.kind === 'schulte' ? [l.size] : []));
    expect(new Set(sizes(begin({ gradeBand: 'low' }).levels))).toStrictEqual(new Set([3]));
    expect(Math.max(...sizes(begin({ gradeBand: 'middle' }).levels))).toBe(5);
    expect(Math.max(...sizes(begin({ gradeBand: 'high' }).levels))).toBe(5);
    for (const band of ['low', 'middle', 'high'] as const) {
      expect(begin({ gradeBand: band }).levels.some((l) => l.kind === 'gonogo')).toBe(true);
    }
  });

  it('takes explicit levels over the band', () => {
    const levels: LevelSpec[] = [
      { kind: 'schulte', size: 4 },
      { kind: 'gonogo', pace: 'fast' },
    ];
    expect(begin({ gradeBand: 'low', levels }).levels).toStrictEqual(levels);
  });

  it('is deterministic, lists a child once, and join is idempotent', () => {
    expect(begin()).toStrictEqual(begin());
    expect(begin({}, [ana, bo, ana]).roster).toStrictEqual([ana.id, bo.id]);
    const state = begin({}, [ana]);
    expect(act.join?.(state, ana, T0)).toBe(state);
    const once = act.join?.(state, bo, T0) ?? state;
    expect(once.roster).toStrictEqual([ana.id, bo.id]);
    expect(act.join?.(once, bo, T0 + 5)).toStrictEqual(once);
  });

  it('goes choose → start → stop → next → start → finish, with a new run and board at every start', () => {
    let state = begin({ gradeBand: 'middle' });
    state = ok(host(state, { type: 'start' }, OPEN));
    expect([state.phase, state.round, state.openedAt, state.board?.kind]).toStrictEqual([
      'playing',
      1,
      OPEN,
      'schulte',
    ]);
    const first = gridOf(state);
    state = ok(host(state, { type: 'stop' }, OPEN + 60_000));
    expect([state.phase, state.stoppedAt]).toStrictEqual(['stopped', OPEN + 60_000]);
    // Starting the same level again is a new run with a new board.
    state = ok(host(state, { type: 'start' }, OPEN + 70_000, 99));
    expect([state.phase, state.round]).toStrictEqual(['playing', 2]);
    expect(gridOf(state).numbers).not.toStrictEqual(first.numbers);
    state = ok(host(state, { type: 'next' }));
    expect([state.phase, state.current, state.board]).toStrictEqual(['ready', 1, null]);
    state = ok(host(state, { type: 'start' }));
    expect(gridOf(state).size).toBe(4);
    expect(act.phase(state)).toBe('playing:level-2:run-3');
    state = ok(host(state, { type: 'choose', level: 5 }));
    expect(state.current).toBe(5);
    state = ok(host(state, { type: 'finish' }));
    expect(state.phase).toBe('finished');
  });

  it('refuses teacher steps that make no sense, leaving the state untouched', () => {
    const ready = begin();
    expectRejected(ready, (s) => host(s, { type: 'stop' }), 'not-playing');
    expectRejected(ready, (s) => host(s, { type: 'choose', level: 0 }), 'already-there');
    expectRejected(ready, (s) => host(s, { type: 'choose', level: 4 }), 'no-such-level');
    const playing = ok(host(ready, { type: 'start' }));
    expectRejected(playing, (s) => host(s, { type: 'start' }), 'already-there');
    const last = ok(host(ready, { type: 'choose', level: 3 }));
    expectRejected(last, (s) => host(s, { type: 'next' }), 'last-level');
    const finished = ok(host(last, { type: 'finish' }));
    expectRejected(finished, (s) => host(s, { type: 'finish' }), 'already-there');
  });
});

describe('dealing boards from the seeded random', () => {
  it('deals the same board for the same seed and a permutation of 1…n² for a grid', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(3 as const, 4 as const, 5 as const), (seed, size) => {
        const board = dealSchulte(size, createRng(seed));
        expect(dealSchulte(size, createRng(seed))).toStrictEqual(board);
        expect([...board.numbers].sort((a, b) => a - b)).toStrictEqual(
          Array.from({ length: size * size }, (_, i) => i + 1),
        );
      }),
    );
  });

  it('starts a fish game with two fish, never puts two sharks in a row, and keeps the pace counts', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...PACES), (seed, pace) => {
        const board = dealGoNoGo(pace, createRng(seed));
        expect(dealGoNoGo(pace, createRng(seed))).toStrictEqual(board);
        expect(board.items.slice(0, 2)).toStrictEqual(['fish', 'fish']);
        const sharks = board.items.filter((p) => p === 'shark').length;
        expect(sharks / board.items.length).toBe(0.25);
        board.items.forEach((p, i) => {
          if (p === 'shark') expect(board.items[i + 1]).not.toBe('shark');
        });
      }),
    );
  });

  it('start deals from ctx.random: the same seed, the same class board', () => {
    const a = ok(host(begin(), { type: 'start' }, OPEN, 5));
    const b = ok(host(begin(), { type: 'start' }, OPEN, 5));
    expect(a.board).toStrictEqual(b.board);
  });
});

describe('a Schulte grid', () => {
  it('scores perfect play: time from the tablet, no errors, one contribution, views updated', () => {
    const state = openGrid();
    const done = ok(play(state, ana, finishGrid(solve(gridOf(state), 900)), OPEN + 12_000));
    expect(done.records[ana.id]?.['0']).toStrictEqual({
      tries: 1,
      last: { kind: 'schulte', timeMs: 8100, errors: 0 },
      previous: null,
      best: { kind: 'schulte', timeMs: 8100, errors: 0 },
      improved: false,
    });
    expect(act.contributions(done)).toStrictEqual([
      {
        key: `level:${ana.id}:0`,
        participant: ana.id,
        kind: 'attention-level',
        value: {
          level: 1,
          game: 'schulte-3',
          tries: 1,
          timeMs: 8100,
          errors: 0,
          bestTimeMs: 8100,
          bestErrors: 0,
          fishMissed: null,
          sharksTapped: null,
        },
      },
    ]);
    expect(act.tabletView(done, ana.id).play?.done).toBe(true);
    expect(act.tabletView(done, bo.id).play?.done).toBe(false);
  });

  it('counts taps on the wrong number as errors, and keeps the result', () => {
    const state = openGrid();
    const board = gridOf(state);
    // Before each of 1, 2, 3 the child first taps the cell holding 9.
    const nine = cellOf(board, 9);
    const taps: [number, number][] = [];
    let t = 0;
    for (let n = 1; n <= 9; n += 1) {
      if (n <= 3) {
        t += 300;
        taps.push([nine, t]);
      }
      t += 600;
      taps.push([cellOf(board, n), t]);
    }
    const done = ok(play(state, bo, finishGrid(taps), OPEN + 60_000));
    expect(done.records[bo.id]?.['0']?.last).toStrictEqual({ kind: 'schulte', timeMs: t, errors: 3 });
  });

  describe('refuses what no child can do, and changes nothing', () => {
    const state = openGrid();
    const board = gridOf(state);
    const good = solve(board, 700);
    const at = OPEN + 30_000;

    it('too fast: the first number sooner than 150 ms after the board appeared', () => {
      const taps = good.map(([c, t]): [number, number] => [c, t - 700 + MIN_STEP_MS - 1]);
      expectRejected(state, (s) => play(s, ana, finishGrid(taps), at), 'too-fast');
    });

    it('too fast: one number to the next in under 150 ms (a bot, not a child)', () => {
      const taps = good.map(([c], i): [number, number] => [c, 200 + i * 60]);
      expectRejected(state, (s) => play(s, ana, finishGrid(taps), at), 'too-fast');
      // Exactly the minimum is a (very fast) human.
      const edge = good.map(([c], i): [number, number] => [c, (i + 1) * MIN_STEP_MS]);
      expect(isRejection(play(state, ana, finishGrid(edge), at))).toBe(false);
    });

    it('out of order: a number tapped again after it was found', () => {
      const [one, two, ...rest] = good;
      if (!one || !two) throw new Error('board too small');
      const taps: [number, number][] = [
        one,
        [one[0], one[1] + 200],
        ...[two, ...rest].map(([c, t]): [number, number] => [c, t + 400]),
      ];
      expectRejected(state, (s) => play(s, ana, finishGrid(taps), at), 'out-of-order');
    });

    it('wrong count: not every number found', () => {
      expectRejected(state, (s) => play(s, ana, finishGrid(good.slice(0, 8)), at), 'wrong-count');
    });

    it('out of order: a tap after the last number (every cell is found by then; the game ended)', () => {
      const taps: [number, number][] = [...good, [good[0]?.[0] ?? 0, 9_000]];
      expectRejected(state, (s) => play(s, ana, finishGrid(taps), at), 'out-of-order');
    });

    it('time backwards: tap times that are not monotonic', () => {
      const taps = good.map(([c, t], i): [number, number] => [c, i === 4 ? t - 1000 : t]);
      expectRejected(state, (s) => play(s, ana, finishGrid(taps), at), 'time-backwards');
    });

    it('off board: a cell a 3×3 grid does not have', () => {
      const taps: [number, number][] = [[9, 500], ...good.map(([c, t]): [number, number] => [c, t + 500])];
      expectRejected(state, (s) => play(s, ana, finishGrid(taps), at), 'off-board');
    });

    it('too long: more time than the board has existed on the server (+ slack)', () => {
      // 9 numbers 700 ms apart = 6.3 s, reported 2 s after the level opened.
      expectRejected(state, (s) => play(s, ana, finishGrid(good), OPEN + 2000), 'too-long');
      expect(isRejection(play(state, ana, finishGrid(good), OPEN + 6300 - CLOCK_SLACK_MS))).toBe(false);
    });

    it('not joined, not open, stale run or attempt, a fish result for a grid', () => {
      expectRejected(state, (s) => play(s, stranger, finishGrid(good), at), 'not-joined');
      expectRejected(begin(), (s) => play(s, ana, finishGrid(good), at), 'not-open');
      expectRejected(state, (s) => play(s, ana, finishGrid(good, 2), at), 'stale-level');
      expectRejected(state, (s) => play(s, ana, finishGrid(good, 1, 1), at), 'stale-level');
      const fish: AttentionIntent = { type: 'gonogo-done', round: 1, attempt: 0, responses: [450] };
      expectRejected(state, (s) => play(s, ana, fish, at), 'stale-level');
    });

    it('already done: a second result for the same board', () => {
      const done = ok(play(state, ana, finishGrid(good), at));
      expectRejected(done, (s) => play(s, ana, finishGrid(good), at + 1000), 'already-done');
    });

    it('the very object handed in stays as it was', () => {
      const reference = state;
      const before = structuredClone(state);
      expect(isRejection(play(state, ana, finishGrid(good.slice(1)), at))).toBe(true);
      expect(state).toBe(reference);
      expect(state).toStrictEqual(before);
    });
  });

  it('takes a result in flight for a few seconds after the teacher stops, then no more', () => {
    const state = openGrid();
    const good = solve(gridOf(state), 700);
    const stopped = ok(host(state, { type: 'stop' }, OPEN + 20_000));
    expect(isRejection(play(stopped, ana, finishGrid(good), OPEN + 20_000 + STOP_GRACE_MS))).toBe(false);
    expectRejected(stopped, (s) => play(s, ana, finishGrid(good), OPEN + 20_001 + STOP_GRACE_MS), 'not-open');
    // Going to another level closes the board at once.
    const moved = ok(host(stopped, { type: 'next' }, OPEN + 21_000));
    expectRejected(moved, (s) => play(s, ana, finishGrid(good), OPEN + 21_500), 'not-open');
  });
});

describe('retries and personal bests', () => {
  it('deals a fresh personal board on "再试一次"; the old board is then stale', () => {
    const state = openGrid();
    const retried = ok(play(state, ana, { type: 'retry', round: 1 }, OPEN + 5000, 42));
    const seat = retried.seats[ana.id];
    expect(seat?.attempt).toBe(1);
    expect(seat?.dealtAt).toBe(OPEN + 5000);
    expect(seat?.board?.kind).toBe('schulte');
    expect(act.tabletView(retried, ana.id).play?.board).toStrictEqual(seat?.board);
    // Bo still plays the class board.
    expect(act.tabletView(retried, bo.id).play?.board).toStrictEqual(state.board);
    const old = solve(gridOf(state));
    expectRejected(retried, (s) => play(s, ana, finishGrid(old), OPEN + 60_000), 'stale-level');
    expectRejected(retried, (s) => play(s, ana, { type: 'retry', round: 0 }, OPEN + 6000), 'stale-level');
    expectRejected(begin(), (s) => play(s, ana, { type: 'retry', round: 0 }, OPEN), 'not-open');
  });

  it('keeps the fastest grid as the best, and says whether the last try improved it', () => {
    let state = openGrid();
    let now = OPEN;
    const attemptAt = (stepMs: number, attempt: number): void => {
      if (attempt > 0) {
        now += 1000;
        state = ok(play(state, ana, { type: 'retry', round: 1 }, now, attempt));
      }
      const board = state.seats[ana.id]?.board ?? state.board;
      if (board?.kind !== 'schulte') throw new Error('no grid');
      now += 60_000;
      state = ok(play(state, ana, finishGrid(solve(board, stepMs), 1, attempt), now));
    };
    attemptAt(1200, 0);
    expect(state.records[ana.id]?.['0']?.improved).toBe(false);
    attemptAt(1000, 1);
    expect(state.records[ana.id]?.['0']).toMatchObject({
      tries: 2,
      last: { timeMs: 9000 },
      previous: { timeMs: 10_800 },
      best: { timeMs: 9000 },
      improved: true,
    });
    attemptAt(1100, 2);
    expect(state.records[ana.id]?.['0']).toMatchObject({
      tries: 3,
      last: { timeMs: 9900 },
      previous: { timeMs: 9000 },
      best: { timeMs: 9000 },
      improved: false,
    });
    expect(act.contributions(state)[0]?.value).toMatchObject({ tries: 3, timeMs: 9900, bestTimeMs: 9000 });
  });
});

describe('the fish game (go/no-go)', () => {
  it('counts caught fish, avoided sharks and the mean reaction time to the fish', () => {
    const state = openFish('slow');
    const board = fishOf(state);
    const end = OPEN + goNoGoDuration(board) + 3000;
    const responses = answerFish(board, 500, 1, 2);
    const done = ok(play(state, cy, { type: 'gonogo-done', round: 1, attempt: 0, responses }, end));
    expect(done.records[cy.id]?.['0']?.last).toStrictEqual({
      kind: 'gonogo',
      timeMs: 500,
      errors: 3,
      fishCaught: 7,
      fishTotal: 9,
      sharksAvoided: 2,
      sharksTotal: 3,
    });
    expect(act.contributions(done)[0]?.value).toMatchObject({ game: 'gonogo-slow', fishMissed: 2, sharksTapped: 1 });
  });

  it('keeps the try with fewer errors as the best, whatever its speed', () => {
    let state = openFish('medium');
    const end = OPEN + goNoGoDuration(fishOf(state)) + 1000;
    const first = answerFish(fishOf(state), 300, 2);
    state = ok(play(state, ana, { type: 'gonogo-done', round: 1, attempt: 0, responses: first }, end));
    state = ok(play(state, ana, { type: 'retry', round: 1 }, end + 1000, 3));
    const board = state.seats[ana.id]?.board;
    if (board?.kind !== 'gonogo') throw new Error('no fish board');
    const second = answerFish(board, 700, 0);
    const later = end + 1000 + goNoGoDuration(board);
    state = ok(play(state, ana, { type: 'gonogo-done', round: 1, attempt: 1, responses: second }, later));
    expect(state.records[ana.id]?.['0']).toMatchObject({ improved: true, best: { errors: 0, timeMs: 700 } });
  });

  it('refuses impossible fish results, leaving the state untouched', () => {
    const state = openFish('slow');
    const board = fishOf(state);
    const end = OPEN + goNoGoDuration(board);
    const send =
      (responses: (number | null)[], now = end) =>
      (s: AttentionState) =>
        play(s, ana, { type: 'gonogo-done', round: 1, attempt: 0, responses }, now);
    expectRejected(state, send(answerFish(board).slice(1)), 'wrong-count');
    expectRejected(state, send([...answerFish(board), null]), 'wrong-count');
    expectRejected(state, send(answerFish(board, MIN_STEP_MS - 1)), 'too-fast');
    expectRejected(state, send(answerFish(board, board.showMs + board.gapMs)), 'too-long');
    // The whole game lasts 12 × 2.1 s; a result 5 s after the level opened cannot be real.
    expectRejected(state, send(answerFish(board), OPEN + 5000), 'too-fast');
    expectRejected(state, (s) => play(s, ana, finishGrid([[0, 500]]), end), 'stale-level');
  });
});

describe('who sees what', () => {
  /** Ana cleared level 1 in 8.1 s; Bo in 10.8 s with 2 errors; Cy has not finished. */
  function lesson(): AttentionState {
    let state = openGrid();
    const board = gridOf(state);
    state = ok(play(state, ana, finishGrid(solve(board, 900)), OPEN + 20_000));
    const nine = cellOf(board, 9);
    const bos: [number, number][] = [[nine, 400], [nine, 500], ...solve(board, 1200)];
    state = ok(play(state, bo, finishGrid(bos), OPEN + 30_000));
    return state;
  }

  it('gives the projector counts only: the class climb and how many cleared, no ids, no times', () => {
    const view = act.projectorView(lesson());
    expect(view).toStrictEqual({
      phase: 'playing',
      level: { number: 1, total: 4, spec: { kind: 'schulte', size: 3 } },
      present: 3,
      clearedNow: 2,
      climbed: 2,
      goal: 12,
      camps: [
        { spec: { kind: 'schulte', size: 3 }, cleared: 2 },
        { spec: { kind: 'gonogo', pace: 'slow' }, cleared: 0 },
        { spec: { kind: 'schulte', size: 3 }, cleared: 0 },
        { spec: { kind: 'gonogo', pace: 'medium' }, cleared: 0 },
      ],
    });
    expectNoIds(view, ALL_IDS);
    expect(JSON.stringify(view)).not.toMatch(/timeMs|errors|8100|10800/);
  });

  it('climbs with every child on every level, and keeps the climb when the level changes', () => {
    let state = lesson();
    state = ok(host(state, { type: 'next' }));
    state = ok(host(state, { type: 'start' }, OPEN + 100_000));
    const end = OPEN + 100_000 + goNoGoDuration(fishOf(state));
    state = ok(
      play(state, cy, { type: 'gonogo-done', round: 2, attempt: 0, responses: answerFish(fishOf(state)) }, end),
    );
    const view = act.projectorView(state);
    expect([view.climbed, view.clearedNow, view.level.number]).toStrictEqual([3, 1, 2]);
    expect(view.camps.map((c) => c.cleared)).toStrictEqual([2, 1, 0, 0]);
  });

  it("shows a child their own board and results, never another child's", () => {
    const state = lesson();
    const mine = act.tabletView(state, ana.id);
    expect(mine.record?.last).toStrictEqual({ kind: 'schulte', timeMs: 8100, errors: 0 });
    expect(mine.cleared).toStrictEqual([true, false, false, false]);
    expect(mine.play).toStrictEqual({ round: 1, attempt: 0, board: state.board, done: true });
    const cys: TabletView = act.tabletView(state, cy.id);
    expect(cys.record).toBeNull();
    expect(cys.play?.done).toBe(false);
    expect(JSON.stringify(cys)).not.toMatch(/8100|10800/);
    for (const id of [ana.id, bo.id, cy.id]) expectNoIds(act.tabletView(state, id), ALL_IDS);
    // A stranger (not joined) gets no board at all.
    expect(act.tabletView(state, stranger.id).play).toBeNull();
  });

  it("does not change a child's tablet view when a classmate finishes (no re-send to every tablet)", () => {
    const state = lesson();
    const before = act.tabletView(state, cy.id);
    expect([before.climbed, before.goal]).toStrictEqual([null, null]);
    const nine = solve(gridOf(state), 700);
    const after = ok(play(state, cy, finishGrid(nine), OPEN + 60_000));
    expect(act.tabletView(after, ana.id)).toStrictEqual(act.tabletView(state, ana.id));
    // At the close, the class's climb is on every tablet.
    const closed = ok(host(after, { type: 'finish' }));
    expect(act.tabletView(closed, ana.id)).toMatchObject({ climbed: 3, goal: 12 });
  });

  it('shows the board only while the level is open', () => {
    const state = lesson();
    expect(act.tabletView(begin(), ana.id).play).toBeNull();
    expect(act.tabletView(ok(host(state, { type: 'stop' })), cy.id).play).toBeNull();
    expect(act.tabletView(ok(host(state, { type: 'finish' })), cy.id).play).toBeNull();
  });

  it('gives the console each child in joining order (never sorted by speed), for the chosen level', () => {
    const view = act.consoleView(lesson());
    expect(view.rows).toStrictEqual([
      {
        participant: ana.id,
        playing: false,
        tries: 1,
        timeMs: 8100,
        errors: 0,
        bestTimeMs: 8100,
        bestErrors: 0,
        fishMissed: null,
        sharksTapped: null,
        levelsCleared: 1,
      },
      {
        participant: bo.id,
        playing: false,
        tries: 1,
        timeMs: 10_800,
        errors: 2,
        bestTimeMs: 10_800,
        bestErrors: 2,
        fishMissed: null,
        sharksTapped: null,
        levelsCleared: 1,
      },
      {
        participant: cy.id,
        playing: true,
        tries: 0,
        timeMs: null,
        errors: null,
        bestTimeMs: null,
        bestErrors: null,
        fishMissed: null,
        sharksTapped: null,
        levelsCleared: 0,
      },
    ]);
    expect([view.clearedNow, view.climbed, view.goal, view.round]).toStrictEqual([2, 2, 12, 1]);
  });
});

describe('schemas (what the server lets through)', () => {
  it.each([
    ['a tap on cell 25', { type: 'schulte-done', round: 1, attempt: 0, taps: [[25, 500]] }],
    ['a negative time', { type: 'schulte-done', round: 1, attempt: 0, taps: [[0, -5]] }],
    ['a fractional time', { type: 'schulte-done', round: 1, attempt: 0, taps: [[0, 500.5]] }],
    ['no taps', { type: 'schulte-done', round: 1, attempt: 0, taps: [] }],
    ['86 taps', { type: 'schulte-done', round: 1, attempt: 0, taps: Array.from({ length: 86 }, (_, i) => [0, i]) }],
    ['a time over ten minutes', { type: 'schulte-done', round: 1, attempt: 0, taps: [[0, 600_001]] }],
    ['a three-item tap', { type: 'schulte-done', round: 1, attempt: 0, taps: [[0, 500, 1]] }],
    ['21 fish responses', { type: 'gonogo-done', round: 1, attempt: 0, responses: Array(21).fill(null) }],
    ['a response as text', { type: 'gonogo-done', round: 1, attempt: 0, responses: ['450'] }],
    ['an extra key', { type: 'retry', round: 1, name: 'Li Ming' }],
    ['a missing round', { type: 'retry' }],
    ['a teacher intent', { type: 'start' }],
    ['null', null],
  ])('refuses a tablet intent with %s', (_, payload) => {
    expect(intentSchema.safeParse(payload).success).toBe(false);
  });

  it('accepts teacher intents and refuses malformed ones', () => {
    expect(hostIntentSchema.safeParse({ type: 'choose', level: 2 }).success).toBe(true);
    expect(hostIntentSchema.safeParse({ type: 'choose', level: 8 }).success).toBe(false);
    expect(hostIntentSchema.safeParse({ type: 'choose' }).success).toBe(false);
    expect(hostIntentSchema.safeParse({ type: 'start', now: 1 }).success).toBe(false);
    expect(hostIntentSchema.safeParse({ type: 'retry', round: 1 }).success).toBe(false);
  });

  it('defaults to the low band and refuses unknown settings', () => {
    expect(configSchema.parse(undefined)).toStrictEqual({ gradeBand: 'low' });
    expect(configSchema.parse({ gradeBand: 'high' })).toStrictEqual({ gradeBand: 'high' });
    expect(configSchema.safeParse({ gradeBand: 'college' }).success).toBe(false);
    expect(configSchema.safeParse({ levels: [] }).success).toBe(false);
    expect(configSchema.safeParse({ levels: [{ kind: 'schulte', size: 6 }] }).success).toBe(false);
    expect(configSchema.safeParse({ timer: 30 }).success).toBe(false);
  });
});

/**
 * Honest children: each reads only their own tablet view and plays it the way the tablet does —
 * numbers in order with some wrong taps at human speed, fish tapped and sharks mostly left alone —
 * while the teacher moves through the ladder. Nothing they send may be refused, the climb must equal
 * the levels cleared, and no view may show one child's data to the projector or another child.
 */
describe('honest play (property)', () => {
  type Step =
    | { kind: 'teacher'; intent: AttentionHostIntent; dt: number }
    | { kind: 'child'; who: number; retry: boolean; wrong: number; stepMs: number; dt: number };
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('teacher' as const),
        intent: fc.oneof(
          fc.constant({ type: 'start' as const }),
          fc.constant({ type: 'stop' as const }),
          fc.constant({ type: 'next' as const }),
          fc.record({ type: fc.constant('choose' as const), level: fc.nat({ max: 5 }) }),
        ),
        dt: fc.integer({ min: 0, max: 5000 }),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('child' as const),
        who: fc.nat({ max: 2 }),
        retry: fc.boolean(),
        wrong: fc.nat({ max: 4 }),
        stepMs: fc.integer({ min: MIN_STEP_MS, max: 2500 }),
        dt: fc.integer({ min: 0, max: 5000 }),
      }),
    },
  );

  it('is never refused and never leaks', () => {
    // Counts the results accepted over all runs, so a generator that stops reaching play shows up.
    let results = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('low' as const, 'middle' as const, 'high' as const),
        fc.integer(),
        fc.array(stepArb, { maxLength: 60 }),
        (gradeBand, seed, steps) => {
          const random = createRng(seed);
          let state = ok(act.control(begin({ gradeBand }), { type: 'start' }, { now: OPEN, random }));
          let now = OPEN;
          for (const step of steps) {
            now += step.dt;
            if (step.kind === 'teacher') {
              const next = act.control(state, step.intent, { now, random });
              if (!isRejection(next)) state = next;
              continue;
            }
            const me = ROSTER[step.who] ?? ana;
            const view = act.tabletView(state, me.id);
            const played = view.play;
            if (!played) continue;
            if (played.done || step.retry) {
              state = ok(act.reduce(state, { type: 'retry', round: played.round }, { actor: me.id, now, random }));
              continue;
            }
            const { board, round, attempt } = played;
            let intent: AttentionIntent;
            if (board.kind === 'schulte') {
              const taps: [number, number][] = [];
              let t = 0;
              board.numbers.forEach((_, i) => {
                // A few wrong taps on numbers not yet found (the last number's cell is unfound until the end).
                if (i < step.wrong) {
                  t += 90;
                  taps.push([board.numbers.indexOf(board.numbers.length), t]);
                }
                t += step.stepMs;
                taps.push([board.numbers.indexOf(i + 1), t]);
              });
              now += t;
              intent = { type: 'schulte-done', round, attempt, taps };
            } else {
              now += goNoGoDuration(board);
              // Most fish caught (every fifth missed), every other shark tapped.
              const responses = board.items.map((p, i) => ((p === 'fish' ? i % 5 !== 0 : i % 2 === 1) ? 400 : null));
              intent = { type: 'gonogo-done', round, attempt, responses };
            }
            state = ok(act.reduce(state, intent, { actor: me.id, now, random }));
            results += 1;

            const projector = act.projectorView(state);
            expectNoIds(projector, ALL_IDS);
            const records = Object.values(state.records).flatMap((r) => Object.keys(r ?? {}));
            expect(projector.climbed).toBe(records.length);
            for (const other of ROSTER) {
              if (other.id === me.id) continue;
              expectNoIds(act.tabletView(state, other.id), ALL_IDS);
            }
          }
          expect(act.contributions(state)).toHaveLength(act.projectorView(state).climbed);
        },
      ),
      { numRuns: 150 },
    );
    expect(results).toBeGreaterThan(100);
  });
});
