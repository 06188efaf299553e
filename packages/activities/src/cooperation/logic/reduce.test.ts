/** The Power of Cooperation's rules, driven directly: no server, no sockets, no clock but numbers. */
import { type Animal, type ParticipantId, participantIdSchema } from '@heartlamp/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRejection, type Participant, type Rejection } from '../../contract.js';
import { createRng } from '../../rng.js';
import {
  CHEER_MS,
  COUNTDOWN_BEATS,
  type CooperationConfig,
  type CooperationHostIntent,
  type CooperationState,
  configSchema,
  cooperation,
  dealTeams,
  hostIntentSchema,
  intentSchema,
  LAG_ALLOWANCE_MS,
  MAX_TEAM_SIZE,
  MIN_TEAM_SIZE,
  neededTogether,
  SYNC_EVERY_MS,
  suggestedTeamCount,
  teamCountRange,
  windowHalfMs,
} from './index.js';

const T0 = 1_757_000_000_000;
const BEAT = 1200;
const ANIMALS_USED: Animal[] = ['panda', 'fox', 'tiger', 'owl', 'cat', 'frog'];

function child(i: number): Participant {
  return {
    id: participantIdSchema.parse(`p_child_${String(i).padStart(5, '0')}`),
    nickname: { adjective: 'brave', animal: ANIMALS_USED[i % ANIMALS_USED.length] ?? 'bear' },
    joinedAt: T0,
  };
}
const stranger = participantIdSchema.parse('p_stranger_999');

function config(overrides: Partial<CooperationConfig> = {}): CooperationConfig {
  return { ...configSchema.parse({}), ...overrides };
}

function setup(children: number, overrides: Partial<CooperationConfig> = {}): CooperationState {
  const roster = Array.from({ length: children }, (_, i) => child(i));
  return cooperation.setup({ config: config(overrides), roster, seed: 1, now: T0 });
}

function ok(result: CooperationState | Rejection): CooperationState {
  if (isRejection(result)) throw new Error(`unexpected rejection '${result.rejected}'`);
  return result;
}

function host(state: CooperationState, intent: CooperationHostIntent, now = T0, seed = 7) {
  return cooperation.control(state, intent, { now, random: createRng(seed) });
}

function tapAt(state: CooperationState, actor: ParticipantId, now: number) {
  return cooperation.reduce(state, { type: 'tap' }, { actor, now, random: createRng(3) });
}

/** Asserts the rejection code, its words, and that the state handed in was not touched. */
function expectRejected(
  state: CooperationState,
  transition: (s: CooperationState) => CooperationState | Rejection,
  code: string,
): void {
  const before = structuredClone(state);
  expect(transition(state)).toStrictEqual({ rejected: code });
  expect(state).toStrictEqual(before);
  expect(cooperation.rejections[code]?.['zh-CN']).toBeTruthy();
  expect(cooperation.rejections[code]?.en).toBeTruthy();
}

/** `children` in `teams` teams, a round started at T0. */
function playing(children: number, teams: number, overrides: Partial<CooperationConfig> = {}) {
  const formed = ok(host(setup(children, overrides), { type: 'form-teams', teams }));
  const state = ok(host(formed, { type: 'start-round' }, T0));
  const origin = state.origin ?? Number.NaN;
  const beatMs = state.beatMs;
  /** The server receive time of a tap `offset` ms after beat `k` (the lag allowance added back). */
  const at = (k: number, offset = 0) => origin + k * beatMs + LAG_ALLOWANCE_MS + offset;
  const team = (i: number) => state.teams[i]?.members ?? [];
  return { state, at, team, origin };
}

/** Everyone in `who` taps at the given times, in order. */
function taps(state: CooperationState, events: readonly (readonly [ParticipantId, number])[]): CooperationState {
  return events.reduce((s, [id, now]) => ok(tapAt(s, id, now)), state);
}

function heights(state: CooperationState): number[] {
  return state.teams.map((t) => t.height);
}

describe('setup and join', () => {
  it('starts gathering, with the roster, no teams and the config', () => {
    const state = setup(3);
    expect(state.phase).toBe('gather');
    expect(state.roster).toHaveLength(3);
    expect(state.teams).toStrictEqual([]);
    expect([state.beatMs, state.goal, state.roundMs]).toStrictEqual([1200, 12, 60_000]);
    expect(cooperation.phase(state)).toBe('gather');
  });

  it('join is idempotent, and setup lists a repeated child once', () => {
    const state = setup(2);
    const me = child(0);
    expect(cooperation.join?.(state, me, T0)).toBe(state);
    const roster = [child(0), child(1), child(0)];
    expect(cooperation.setup({ config: config(), roster, seed: 1, now: T0 }).roster).toHaveLength(2);
  });

  it('puts a latecomer into the smallest team, even mid-round', () => {
    const formed = ok(host(setup(7), { type: 'form-teams', teams: 2 }));
    expect(formed.teams.map((t) => t.members.length)).toStrictEqual([4, 3]);
    const late = cooperation.join?.(formed, child(7), T0) ?? formed;
    expect(late.teams.map((t) => t.members.length)).toStrictEqual([4, 4]);
    expect(late.teamOf[child(7).id]).toBe(1);
    const running = ok(host(late, { type: 'start-round' }));
    const later = cooperation.join?.(running, child(8), T0 + 5000) ?? running;
    expect(later.teams.map((t) => t.members.length)).toStrictEqual([5, 4]);
    expect(later.phase).toBe('playing');
  });
});

describe('forming teams', () => {
  it('makes balanced teams of 3–6 for any class of 7 to 40, with every child in exactly one team', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 7, max: 40 }),
        fc.integer(),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        (children, seed, requested) => {
          const state = ok(host(setup(children), { type: 'form-teams', teams: requested }, T0, seed));
          const sizes = state.teams.map((t) => t.members.length);
          for (const size of sizes) {
            expect(size).toBeGreaterThanOrEqual(MIN_TEAM_SIZE);
            expect(size).toBeLessThanOrEqual(MAX_TEAM_SIZE);
          }
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          const everyone = state.teams.flatMap((t) => t.members);
          expect(everyone).toHaveLength(children);
          expect(new Set(everyone)).toStrictEqual(new Set(state.roster));
          state.teams.forEach((team, index) => {
            for (const id of team.members) expect(state.teamOf[id]).toBe(index);
          });
          expect(state.phase).toBe('teams');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is decided by the seeded generator: the same seed deals the same teams, another seed may not', () => {
    const state = setup(24);
    const a = ok(host(state, { type: 'form-teams' }, T0, 11));
    expect(ok(host(state, { type: 'form-teams' }, T0, 11)).teams).toStrictEqual(a.teams);
    const others = [12, 13, 14, 15].map((seed) => ok(host(state, { type: 'form-teams' }, T0, seed)).teams);
    expect(others.some((teams) => JSON.stringify(teams) !== JSON.stringify(a.teams))).toBe(true);
  });

  it('suggests teams of about four, within the 3–6 range', () => {
    expect(teamCountRange(40)).toStrictEqual({ min: 7, max: 10 });
    expect(suggestedTeamCount(40)).toBe(10);
    expect(suggestedTeamCount(7)).toBe(2);
    expect(suggestedTeamCount(6)).toBe(2);
    expect(teamCountRange(0)).toStrictEqual({ min: 0, max: 0 });
    // Fewer than three children: one team of everyone (the teacher can still run a round).
    expect(ok(host(setup(2), { type: 'form-teams', teams: 4 })).teams.map((t) => t.members.length)).toStrictEqual([2]);
  });

  it('clamps a team count that no longer fits the class instead of refusing it', () => {
    const state = ok(host(setup(9), { type: 'form-teams', teams: 10 }));
    expect(state.teams.map((t) => t.members.length)).toStrictEqual([3, 3, 3]);
  });

  it('deals round-robin: sizes never differ by more than one', () => {
    const roster = Array.from({ length: 17 }, (_, i) => child(i).id);
    expect(dealTeams(roster, 4, createRng(5)).map((t) => t.length)).toStrictEqual([5, 4, 4, 4]);
  });

  it('refuses with no children (no-children) and during a round (round-running)', () => {
    expectRejected(setup(0), (s) => host(s, { type: 'form-teams' }), 'no-children');
    const { state } = playing(6, 2);
    expectRejected(state, (s) => host(s, { type: 'form-teams' }), 'round-running');
  });
});

describe('moving a child', () => {
  it('moves a child between teams, and their next tap counts for the new team', () => {
    const { state, team, at } = playing(6, 2);
    const [a0, a1, a2] = team(0);
    const [b0] = team(1);
    if (!a0 || !a1 || !a2 || !b0) throw new Error('teams of three expected');
    // a0 has tapped on beat 0 for team 0, then the teacher moves them.
    const tapped = ok(tapAt(state, a0, at(0)));
    const moved = ok(host(tapped, { type: 'move', participant: a0, team: 1 }));
    expect(moved.teams[0]?.members).toStrictEqual([a1, a2]);
    expect(moved.teams[0]?.spent).toStrictEqual([]);
    expect(moved.teams[1]?.members).toContain(a0);
    expect(moved.teamOf[a0]).toBe(1);
    // Team 1 now has four: three of them must tap together.
    expect(neededTogether(4)).toBe(3);
    const [b1, b2] = team(1).filter((id) => id !== b0);
    if (!b1 || !b2) throw new Error('team of three expected');
    const two = taps(moved, [
      [a0, at(1)],
      [b0, at(1, 20)],
    ]);
    expect(heights(two)).toStrictEqual([0, 0]);
    expect(heights(ok(tapAt(two, b1, at(1, 40))))).toStrictEqual([0, 1]);
  });

  it('refuses what cannot be done, leaving the state untouched', () => {
    const gathering = setup(6);
    expectRejected(gathering, (s) => host(s, { type: 'move', participant: child(0).id, team: 0 }), 'no-teams');
    const formed = ok(host(gathering, { type: 'form-teams', teams: 2 }));
    const first = formed.teams[0]?.members[0] ?? stranger;
    expectRejected(formed, (s) => host(s, { type: 'move', participant: stranger, team: 0 }), 'unknown-child');
    expectRejected(formed, (s) => host(s, { type: 'move', participant: first, team: 5 }), 'no-such-team');
    expectRejected(formed, (s) => host(s, { type: 'move', participant: first, team: 0 }), 'already-there');
  });
});

describe('the beat: synchrony, not speed', () => {
  it('raises the tower when enough teammates tap inside the same window', () => {
    const { state, team, at } = playing(6, 2);
    const [a, b, c] = team(0);
    if (!a || !b || !c) throw new Error('team of three expected');
    // Two of three (the threshold) tap near beat 0, a little early and a little late.
    const once = taps(state, [
      [a, at(0, -150)],
      [b, at(0, 120)],
    ]);
    expect(heights(once)).toStrictEqual([1, 0]);
    // The third tap in the same window adds nothing more.
    const all = ok(tapAt(once, c, at(0, 200)));
    expect(heights(all)).toStrictEqual([1, 0]);
    // Next beat, again together: a second block.
    const twice = taps(all, [
      [c, at(1, -40)],
      [a, at(1, 10)],
    ]);
    expect(heights(twice)).toStrictEqual([2, 0]);
  });

  it('needs two thirds of the team, at least two', () => {
    expect([2, 3, 4, 5, 6].map(neededTogether)).toStrictEqual([2, 2, 3, 4, 4]);
    expect(neededTogether(1)).toBe(2); // a team of one cannot build alone: that is the point
    const { state, team, at } = playing(6, 1);
    const six = team(0);
    const three = taps(
      state,
      six.slice(0, 3).map((id, i) => [id, at(0, i * 30)] as const),
    );
    expect(three.teams[0]?.height).toBe(0);
    expect(ok(tapAt(three, six[3] ?? stranger, at(0, 100))).teams[0]?.height).toBe(1);
  });

  it('lone taps make no progress, however steady', () => {
    const { state, team, at } = playing(6, 2);
    const [a] = team(0);
    if (!a) throw new Error('no child');
    const events = Array.from({ length: 20 }, (_, k) => [a, at(k)] as const);
    expect(heights(taps(state, events))).toStrictEqual([0, 0]);
  });

  it('taps spread over different windows make no progress', () => {
    const { state, team, at } = playing(6, 2);
    const [a, b, c] = team(0);
    if (!a || !b || !c) throw new Error('team of three expected');
    const spread = taps(state, [
      [a, at(0)],
      [b, at(1)],
      [c, at(2)],
      [a, at(3)],
      [b, at(4)],
    ]);
    expect(heights(spread)).toStrictEqual([0, 0]);
  });

  it('taps together but outside the window (between beats) make no progress', () => {
    const { state, team, at } = playing(6, 2);
    const [a, b] = team(0);
    if (!a || !b) throw new Error('no children');
    const off = windowHalfMs(BEAT) + 80;
    const late = taps(state, [
      [a, at(0, off)],
      [b, at(0, off + 10)],
    ]);
    expect(heights(late)).toStrictEqual([0, 0]);
  });

  it('speed does nothing: a child drumming fast spends each beat before the window opens', () => {
    const { state, team, at } = playing(6, 2);
    const [fast, steady, calm] = team(0);
    if (!fast || !steady || !calm) throw new Error('team of three expected');
    // `fast` drums ten times a second for ten beats, `steady` taps right on every beat.
    const events: (readonly [ParticipantId, number])[] = [];
    for (let t = at(0, -BEAT / 2); t < at(10, -BEAT / 2); t += 100) events.push([fast, t]);
    for (let k = 0; k < 10; k += 1) events.push([steady, at(k)]);
    events.sort((x, y) => x[1] - y[1]);
    expect(heights(taps(state, events))).toStrictEqual([0, 0]);
    // The same beats, with the third child tapping calmly on the beat instead: ten blocks.
    const calmEvents = Array.from({ length: 10 }, (_, k) => [
      [steady, at(k)] as const,
      [calm, at(k, 60)] as const,
    ]).flat();
    expect(heights(taps(state, calmEvents))).toStrictEqual([10, 0]);
  });

  it('extra taps by one child in one window return the very same state', () => {
    const { state, team, at } = playing(6, 2);
    const [a] = team(0);
    if (!a) throw new Error('no child');
    const first = ok(tapAt(state, a, at(0)));
    let s = first;
    for (let i = 1; i <= 30; i += 1) s = ok(tapAt(s, a, at(0, i * 5)));
    expect(s).toBe(first);
  });

  it('ignores eager taps in the "3, 2, 1" countdown', () => {
    const { state, team, origin } = playing(6, 2);
    const [a, b] = team(0);
    if (!a || !b) throw new Error('no children');
    expect(origin).toBe(T0 + (COUNTDOWN_BEATS + 0.5) * BEAT);
    const countdown = taps(state, [
      [a, T0 + 100],
      [b, T0 + 120],
      [a, origin - BEAT],
      [b, origin - BEAT + 10],
    ]);
    expect(countdown).toBe(state);
  });

  it('a tap touches only its own team (cost O(team), not O(class))', () => {
    const { state, team, at } = playing(40, 10);
    const [a] = team(3);
    if (!a) throw new Error('no child');
    const next = ok(tapAt(state, a, at(0)));
    expect(next.roster).toBe(state.roster);
    expect(next.teamOf).toBe(state.teamOf);
    expect(next.animals).toBe(state.animals);
    next.teams.forEach((t, i) => {
      if (i !== 3) expect(t).toBe(state.teams[i]);
    });
  });

  it('reaching the top: the team is done, its later taps change nothing', () => {
    const { state, team, at } = playing(6, 2, { goal: 4 });
    const [a, b] = team(0);
    if (!a || !b) throw new Error('no children');
    const events = [0, 1, 2, 3].flatMap((k) => [[a, at(k)] as const, [b, at(k, 30)] as const]);
    const topped = taps(state, events);
    expect(topped.teams[0]?.height).toBe(4);
    expect(topped.teams[0]?.toppedAt).toBe(at(3, 30));
    expect(topped.phase).toBe('playing'); // the other team plays on: no race
    expect(
      taps(topped, [
        [a, at(4)],
        [b, at(4)],
      ]),
    ).toBe(topped);
  });
});

describe('tick: the round ends by the clock', () => {
  it('changes nothing until the round is over, then records the result', () => {
    const { state, team, at } = playing(6, 2, { roundSeconds: 20 });
    const [a, b] = team(1);
    if (!a || !b) throw new Error('no children');
    const built = taps(state, [
      [a, at(0)],
      [b, at(0, 10)],
    ]);
    const endsAt = built.endsAt ?? Number.NaN;
    expect(endsAt).toBe((built.origin ?? 0) + 20_000);
    expect(cooperation.tick?.(built, built.syncedAt + 100)).toBe(built);
    const ended = cooperation.tick?.(built, endsAt) ?? built;
    expect(ended.phase).toBe('result');
    expect(cooperation.phase(ended)).toBe('result:1');
    expect(ended.results).toHaveLength(1);
    expect(ended.results[0]?.teams.map((t) => [t.height, t.succeeded])).toStrictEqual([
      [0, false],
      [1, false],
    ]);
    expect(cooperation.tick?.(ended, endsAt + 60_000)).toBe(ended);
  });

  it('refreshes the server time in views every couple of seconds, and only then', () => {
    const { state } = playing(6, 2);
    expect(cooperation.tick?.(state, T0 + SYNC_EVERY_MS - 1)).toBe(state);
    expect(cooperation.tick?.(state, T0 + SYNC_EVERY_MS)?.syncedAt).toBe(T0 + SYNC_EVERY_MS);
  });

  it('ends the round once every team has reached the top and the cheer has played', () => {
    const { state, team, at } = playing(6, 2, { goal: 4 });
    const [a, b] = team(0);
    const [c, d] = team(1);
    if (!a || !b || !c || !d) throw new Error('no children');
    const events = [0, 1, 2, 3].flatMap((k) => [
      [a, at(k)] as const,
      [b, at(k, 5)] as const,
      [c, at(k, 10)] as const,
      [d, at(k, 15)] as const,
    ]);
    const done = taps(state, events);
    const lastTop = at(3, 15);
    expect(cooperation.tick?.(done, lastTop + CHEER_MS - 1)?.phase).toBe('playing');
    const ended = cooperation.tick?.(done, lastTop + CHEER_MS) ?? done;
    expect(ended.phase).toBe('result');
    expect(ended.results[0]?.teams.map((t) => t.succeeded)).toStrictEqual([true, true]);
    expect(ended.results[0]?.teams[0]?.seconds).toBe(Math.round((at(3, 5) - (state.origin ?? 0)) / 1000));
  });

  it('a tap that arrives after the end closes the round itself and counts for nothing', () => {
    const { state, team } = playing(6, 2, { roundSeconds: 20 });
    const [a] = team(0);
    if (!a) throw new Error('no child');
    const late = ok(tapAt(state, a, (state.endsAt ?? 0) + 5));
    expect(late.phase).toBe('result');
    expect(late.results[0]?.teams.every((t) => t.height === 0)).toBe(true);
  });

  it('the teacher can choose a round length and tower height; the next round keeps them', () => {
    const formed = ok(host(setup(6), { type: 'form-teams' }));
    const short = ok(host(formed, { type: 'start-round', seconds: 30, goal: 6 }, T0));
    expect((short.endsAt ?? 0) - (short.origin ?? 0)).toBe(30_000);
    expect(short.goal).toBe(6);
    expect(cooperation.projectorView(short).goal).toBe(6);
    const again = ok(host(ok(host(short, { type: 'stop-round' }, T0 + 5000)), { type: 'start-round' }, T0 + 9000));
    expect((again.endsAt ?? 0) - (again.origin ?? 0)).toBe(30_000);
    expect(cooperation.consoleView(again).roundMs).toBe(30_000);
    expect(again.goal).toBe(6);
    expect(hostIntentSchema.safeParse({ type: 'start-round', goal: 3 }).success).toBe(false);
    expect(hostIntentSchema.safeParse({ type: 'start-round', seconds: 10 }).success).toBe(false);
  });

  it('the teacher can stop a round early, and start the next one from the result', () => {
    const { state } = playing(6, 2);
    const stopped = ok(host(state, { type: 'stop-round' }, T0 + 9000));
    expect(stopped.phase).toBe('result');
    expectRejected(stopped, (s) => host(s, { type: 'stop-round' }), 'not-playing');
    const next = ok(host(stopped, { type: 'start-round' }, T0 + 20_000));
    expect([next.phase, next.round, heights(next)]).toStrictEqual(['playing', 2, [0, 0]]);
    expect(cooperation.phase(next)).toBe('playing:2');
  });
});

describe('refusals leave the state untouched', () => {
  it('taps: not-joined, not-playing (gathering, teams made, result)', () => {
    const { state } = playing(6, 2);
    expectRejected(state, (s) => tapAt(s, stranger, T0 + 5000), 'not-joined');
    const gathering = setup(6);
    expectRejected(gathering, (s) => tapAt(s, child(0).id, T0), 'not-playing');
    const formed = ok(host(gathering, { type: 'form-teams' }));
    expectRejected(formed, (s) => tapAt(s, child(0).id, T0), 'not-playing');
    const stopped = ok(host(state, { type: 'stop-round' }));
    expectRejected(stopped, (s) => tapAt(s, child(0).id, T0 + 9000), 'not-playing');
  });

  it('teacher steps: no-teams, round-running', () => {
    expectRejected(setup(6), (s) => host(s, { type: 'start-round' }), 'no-teams');
    const { state } = playing(6, 2);
    expectRejected(state, (s) => host(s, { type: 'start-round' }), 'round-running');
  });
});

describe('what is recorded', () => {
  it('records nothing during a round, and the same list object while nothing is finished', () => {
    const { state, team, at } = playing(6, 2);
    const [a, b] = team(0);
    if (!a || !b) throw new Error('no children');
    const before = cooperation.contributions(state);
    const after = cooperation.contributions(
      taps(state, [
        [a, at(0)],
        [b, at(0)],
      ]),
    );
    expect(before).toStrictEqual([]);
    expect(after).toBe(before);
  });

  it("holds each child's team outcome per round — and no tap counts", () => {
    const { state, team, at } = playing(6, 2, { goal: 4 });
    const [a, b, c] = team(0);
    if (!a || !b || !c) throw new Error('team of three expected');
    const events = [0, 1, 2, 3, 4, 5].flatMap((k) => [
      [a, at(k)] as const,
      [b, at(k, 20)] as const,
      [c, at(k, -500)] as const, // c rushes every beat: still part of the team's outcome
    ]);
    const ended = ok(host(taps(state, events), { type: 'stop-round' }, at(8)));
    const contributions = cooperation.contributions(ended);
    expect(contributions).toHaveLength(6);
    const mine = contributions.find((x) => x.participant === c);
    expect(mine).toStrictEqual({
      key: `round:1:${c}`,
      participant: c,
      kind: 'team-outcome',
      value: { round: 1, team: 'sun', teamSize: 3, height: 4, goal: 4, succeeded: true, seconds: 4 },
    });
    for (const x of contributions) {
      expect(Object.keys(x.value as object).sort()).toStrictEqual(
        ['goal', 'height', 'round', 'seconds', 'succeeded', 'team', 'teamSize'].sort(),
      );
      expect(JSON.stringify(x.value)).not.toMatch(/tap|active|spent|onBeat/i);
    }
    const other = contributions.find((x) => x.participant === team(1)[0]);
    expect(other?.value).toMatchObject({ team: 'wave', height: 0, succeeded: false, seconds: null });
  });

  it('a second round adds its own outcomes; the first stays as it was', () => {
    const { state } = playing(6, 2);
    const first = ok(host(state, { type: 'stop-round' }, T0 + 8000));
    const second = ok(host(ok(host(first, { type: 'start-round' }, T0 + 9000)), { type: 'stop-round' }, T0 + 20_000));
    const contributions = cooperation.contributions(second);
    expect(contributions).toHaveLength(12);
    expect(new Set(contributions.map((x) => x.key)).size).toBe(12);
    expect(contributions.slice(0, 6)).toStrictEqual(cooperation.contributions(first));
  });
});

describe('views', () => {
  function midRound() {
    const { state, team, at } = playing(7, 2);
    const [a, b] = team(0);
    if (!a || !b) throw new Error('no children');
    return {
      state: taps(state, [
        [a, at(0)],
        [b, at(0, 10)],
      ]),
      team,
    };
  }

  it('the projector shows teams and towers, no ids and nothing about who tapped', () => {
    const { state } = midRound();
    const view = cooperation.projectorView(state);
    const json = JSON.stringify(view);
    for (const id of state.roster) expect(json).not.toContain(id);
    expect(json).not.toMatch(/active|spent|onBeat/);
    expect(view.teams.map((t) => [t.team, t.size, t.need, t.height, t.topped])).toStrictEqual([
      [0, 4, 3, 0, false],
      [1, 3, 2, 0, false],
    ]);
    expect(view.teams[0]?.animals).toHaveLength(4);
    expect(view.beatMs).toBe(BEAT);
    expect(view.origin).toBe(state.origin);
    expect(view.serverTime).toBe(T0);
  });

  it('hides a team the teacher emptied, keeping the others under their own names', () => {
    const formed = ok(host(setup(6), { type: 'form-teams', teams: 2 }));
    const moved = (formed.teams[0]?.members ?? []).reduce(
      (s, id) => ok(host(s, { type: 'move', participant: id, team: 1 })),
      formed,
    );
    expect(cooperation.projectorView(moved).teams.map((t) => [t.team, t.size])).toStrictEqual([[1, 6]]);
    expect(cooperation.consoleView(moved).teams.map((t) => t.members.length)).toStrictEqual([0, 6]);
  });

  it("a tablet sees its own team only, and no child's id", () => {
    const { state, team } = midRound();
    const [mine] = team(1);
    if (!mine) throw new Error('no child');
    const view = cooperation.tabletView(state, mine);
    expect(view.team).toMatchObject({ team: 1, size: 3, need: 2, height: 0 });
    const json = JSON.stringify(view);
    for (const id of state.roster) expect(json).not.toContain(id);
    expect(cooperation.tabletView(setup(2), child(0).id).team).toBeNull();
  });

  it("a tap changes no other team's tablet view (nothing is sent to them)", () => {
    const { state, team, at } = playing(6, 2);
    const [a] = team(0);
    const [other] = team(1);
    if (!a || !other) throw new Error('no children');
    const next = ok(tapAt(state, a, at(0)));
    expect(cooperation.tabletView(next, other)).toStrictEqual(cooperation.tabletView(state, other));
    expect(cooperation.tabletView(next, a)).toStrictEqual(cooperation.tabletView(state, a));
  });

  it('the console sees members by id with a has-tapped flag, the team counts and past rounds', () => {
    const { state, team } = midRound();
    const view = cooperation.consoleView(state);
    expect(view.teams[0]?.members.filter((m) => m.active).map((m) => m.id)).toStrictEqual(team(0).slice(0, 2));
    expect(view.teamCounts).toStrictEqual({ min: 2, max: 2, suggested: 2 });
    expect(view.unassigned).toStrictEqual([]);
    const ended = ok(host(state, { type: 'stop-round' }, T0 + 9000));
    expect(cooperation.consoleView(ended).rounds).toStrictEqual([
      {
        round: 1,
        goal: 12,
        teams: [
          { team: 0, size: 4, height: 0, succeeded: false, seconds: null },
          { team: 1, size: 3, height: 0, succeeded: false, seconds: null },
        ],
      },
    ]);
    expect(cooperation.consoleView(setup(3)).unassigned).toHaveLength(3);
  });
});

describe('schemas (what the server lets through)', () => {
  it('accepts a bare tap and nothing else from a tablet', () => {
    expect(intentSchema.parse({ type: 'tap' })).toStrictEqual({ type: 'tap' });
    for (const junk of [{ type: 'tap', at: 123 }, { type: 'tap', count: 5 }, { type: 'start-round' }, null, 'tap']) {
      expect(intentSchema.safeParse(junk).success).toBe(false);
    }
  });

  it('accepts teacher steps and refuses malformed ones', () => {
    expect(hostIntentSchema.safeParse({ type: 'form-teams' }).success).toBe(true);
    expect(hostIntentSchema.safeParse({ type: 'form-teams', teams: 3 }).success).toBe(true);
    expect(hostIntentSchema.safeParse({ type: 'form-teams', teams: 0 }).success).toBe(false);
    expect(hostIntentSchema.safeParse({ type: 'form-teams', teams: 11 }).success).toBe(false);
    expect(hostIntentSchema.safeParse({ type: 'move', participant: child(1).id, team: 2 }).success).toBe(true);
    expect(hostIntentSchema.safeParse({ type: 'move', participant: 'Li Ming', team: 2 }).success).toBe(false);
    expect(hostIntentSchema.safeParse({ type: 'move', participant: child(1).id, team: 10 }).success).toBe(false);
    expect(hostIntentSchema.safeParse({ type: 'tap' }).success).toBe(false);
  });

  it('defaults the config and keeps the beat in the 1000–1500 ms range', () => {
    expect(configSchema.parse(undefined)).toStrictEqual({ beatMs: 1200, roundSeconds: 60, goal: 12 });
    expect(configSchema.parse({ beatMs: 1000 })).toStrictEqual({ beatMs: 1000, roundSeconds: 60, goal: 12 });
    expect(configSchema.safeParse({ beatMs: 900 }).success).toBe(false);
    expect(configSchema.safeParse({ beatMs: 1600 }).success).toBe(false);
    expect(configSchema.safeParse({ speedBonus: true }).success).toBe(false);
  });
});
