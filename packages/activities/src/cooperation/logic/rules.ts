/**
 * The transitions of The Power of Cooperation, as pure functions of (state, input, time). Every one
 * returns a new state or a rejection and never touches the state it is given; a transition that
 * changes nothing returns the very same object, so the runtime can tell "nothing happened" cheaply.
 *
 * A tap costs O(team size): it looks up the child's team by id and copies that one team.
 */
import type { ParticipantId } from '@heartlamp/shared';
import { type Participant, type Rejection, reject } from '../../contract.js';
import type { Rng } from '../../rng.js';
import {
  beatPosition,
  CHEER_MS,
  COUNTDOWN_BEATS,
  type CooperationConfig,
  type CooperationState,
  isOnBeat,
  LAG_ALLOWANCE_MS,
  neededTogether,
  type RoundResult,
  SYNC_EVERY_MS,
  suggestedTeamCount,
  type Team,
  teamCountRange,
} from './model.js';

function freshTeam(members: ParticipantId[]): Team {
  return { members, height: 0, toppedAt: null, cycle: null, spent: [], onBeat: [], active: [] };
}

/** Towers back to the ground, nobody has tapped: the start of a round (or of a new team split). */
function resetTeams(teams: readonly Team[]): Team[] {
  return teams.map((t) => freshTeam(t.members));
}

function replaceTeam(teams: readonly Team[], index: number, team: Team): Team[] {
  const next = teams.slice();
  next[index] = team;
  return next;
}

export function setupState(config: CooperationConfig, roster: readonly Participant[], now: number): CooperationState {
  const state: CooperationState = {
    phase: 'gather',
    round: 0,
    roster: [],
    animals: {},
    teamOf: {},
    teams: [],
    beatMs: config.beatMs,
    goal: config.goal,
    roundMs: config.roundSeconds * 1000,
    origin: null,
    endsAt: null,
    syncedAt: now,
    results: [],
  };
  // Through `join`, so a child listed twice is listed once.
  return roster.reduce(joinChild, state);
}

/** The smallest team that has anyone in it (lowest index on a tie): where a latecomer sits down. */
function smallestTeam(teams: readonly Team[]): number {
  let best = -1;
  teams.forEach((team, i) => {
    if (team.members.length === 0) return;
    const current = teams[best];
    if (!current || team.members.length < current.members.length) best = i;
  });
  return Math.max(0, best);
}

export function joinChild(state: CooperationState, participant: Participant): CooperationState {
  const { id } = participant;
  if (state.animals[id] !== undefined) return state;
  const joined: CooperationState = {
    ...state,
    roster: [...state.roster, id],
    animals: { ...state.animals, [id]: participant.nickname.animal },
  };
  if (state.teams.length === 0) return joined;
  // Teams are already dealt: a latecomer joins the smallest one, even mid-round.
  const index = smallestTeam(state.teams);
  const team = state.teams[index];
  if (!team) return joined;
  return {
    ...joined,
    teamOf: { ...state.teamOf, [id]: index },
    teams: replaceTeam(state.teams, index, { ...team, members: [...team.members, id] }),
  };
}

/** Fisher–Yates with the session's seeded generator: the same seed deals the same teams. */
function shuffled<T>(items: readonly T[], random: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = random.below(i + 1);
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
}

/**
 * Deals the shuffled class round-robin into `count` teams, so sizes differ by at most one; within a
 * team, children are listed in joining order (the teacher's console reads more calmly that way).
 */
export function dealTeams(roster: readonly ParticipantId[], count: number, random: Rng): ParticipantId[][] {
  const teams: ParticipantId[][] = Array.from({ length: Math.max(1, count) }, () => []);
  shuffled(roster, random).forEach((id, i) => {
    teams[i % teams.length]?.push(id);
  });
  const order = new Map(roster.map((id, i) => [id, i]));
  return teams.map((members) => members.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
}

export function formTeams(
  state: CooperationState,
  requested: number | undefined,
  random: Rng,
  now: number,
): CooperationState | Rejection {
  if (state.phase === 'playing') return reject('round-running');
  const children = state.roster.length;
  if (children === 0) return reject('no-children');
  const { min, max } = teamCountRange(children);
  // Clamped, not refused: a child may have joined between the teacher's look and her click.
  const count = requested === undefined ? suggestedTeamCount(children) : Math.min(max, Math.max(min, requested));
  const dealt = dealTeams(state.roster, count, random);
  const teamOf: Partial<Record<ParticipantId, number>> = {};
  dealt.forEach((members, index) => {
    for (const id of members) teamOf[id] = index;
  });
  return {
    ...state,
    phase: 'teams',
    teamOf,
    teams: dealt.map(freshTeam),
    origin: null,
    endsAt: null,
    syncedAt: now,
  };
}

export function moveChild(
  state: CooperationState,
  participant: ParticipantId,
  to: number,
): CooperationState | Rejection {
  if (state.teams.length === 0) return reject('no-teams');
  const from = state.teamOf[participant];
  if (from === undefined) return reject('unknown-child');
  const source = state.teams[from];
  const target = state.teams[to];
  if (!source || !target) return reject('no-such-team');
  if (from === to) return reject('already-there');
  const without = (ids: readonly ParticipantId[]) => ids.filter((id) => id !== participant);
  let teams = replaceTeam(state.teams, from, {
    ...source,
    members: without(source.members),
    spent: without(source.spent),
    onBeat: without(source.onBeat),
    active: without(source.active),
  });
  teams = replaceTeam(teams, to, { ...target, members: [...target.members, participant] });
  return { ...state, teams, teamOf: { ...state.teamOf, [participant]: to } };
}

export function startRound(
  state: CooperationState,
  now: number,
  choice: { seconds?: number | undefined; goal?: number | undefined } = {},
): CooperationState | Rejection {
  if (state.teams.length === 0) return reject('no-teams');
  if (state.phase === 'playing') return reject('round-running');
  const roundMs = choice.seconds === undefined ? state.roundMs : choice.seconds * 1000;
  const goal = choice.goal ?? state.goal;
  // Half a beat of grace before the first countdown beat: the view has reached every tablet by then.
  const origin = now + (COUNTDOWN_BEATS + 0.5) * state.beatMs;
  return {
    ...state,
    phase: 'playing',
    round: state.round + 1,
    teams: resetTeams(state.teams),
    goal,
    roundMs,
    origin,
    endsAt: origin + roundMs,
    syncedAt: now,
  };
}

/** Sums the round into the ledger's terms: per team, how high and whether it reached the top. */
export function finishRound(state: CooperationState, now: number): CooperationState {
  const origin = state.origin ?? now;
  const result: RoundResult = {
    round: state.round,
    goal: state.goal,
    teams: state.teams.map((team, index) => ({
      team: index,
      members: team.members,
      height: team.height,
      succeeded: team.toppedAt !== null,
      seconds: team.toppedAt === null ? null : Math.max(0, Math.round((team.toppedAt - origin) / 1000)),
    })),
  };
  return {
    ...state,
    phase: 'result',
    // Heights stay for the result screen; the per-beat marks and the tap flags are dropped here.
    teams: state.teams.map((t) => ({ ...t, cycle: null, spent: [], onBeat: [], active: [] })),
    origin: null,
    endsAt: null,
    syncedAt: now,
    results: [...state.results, result],
  };
}

/** When the round is over: time is up, or every team with children has reached the top and cheered. */
export function finishDueAt(state: CooperationState): number | null {
  if (state.phase !== 'playing' || state.endsAt === null) return null;
  let lastTop = Number.NEGATIVE_INFINITY;
  let playing = 0;
  for (const team of state.teams) {
    if (team.members.length === 0) continue;
    playing += 1;
    if (team.toppedAt === null) return state.endsAt;
    lastTop = Math.max(lastTop, team.toppedAt);
  }
  return playing === 0 ? state.endsAt : Math.min(state.endsAt, lastTop + CHEER_MS);
}

export function tick(state: CooperationState, now: number): CooperationState {
  const due = finishDueAt(state);
  if (due === null) return state;
  if (now >= due) return finishRound(state, now);
  // A fresh server time every couple of seconds: a tablet that just reloaded sets its clock by it.
  if (now - state.syncedAt >= SYNC_EVERY_MS) return { ...state, syncedAt: now };
  return state;
}

/**
 * One child's tap, judged at the server's receive time. The rule, per team and beat cycle:
 * a child's first tap of the cycle is their tap; if it is inside the window it is "on the beat";
 * the tower rises once, at the moment the on-beat taps reach the team's threshold.
 */
export function tap(state: CooperationState, actor: ParticipantId, now: number): CooperationState | Rejection {
  const index = state.teamOf[actor];
  if (index === undefined) return state.animals[actor] === undefined ? reject('not-joined') : reject('not-playing');
  if (state.phase !== 'playing' || state.origin === null) return reject('not-playing');
  const due = finishDueAt(state);
  // The round is over but no tick has closed it yet: close it now; the late tap counts for nothing.
  if (due !== null && now >= due) return finishRound(state, now);
  const team = state.teams[index];
  if (!team || team.toppedAt !== null) return state;

  const { beat, offset } = beatPosition(now - LAG_ALLOWANCE_MS, state.origin, state.beatMs);
  if (beat < 0) return state; // "3, 2, 1…": eager taps in the countdown are fine and count for nothing
  const fresh = team.cycle !== beat;
  if (!fresh && team.spent.includes(actor)) return state; // one tap per beat: more do nothing

  const onBeat = isOnBeat(offset, state.beatMs);
  const onBeatNow = fresh ? (onBeat ? [actor] : []) : onBeat ? [...team.onBeat, actor] : team.onBeat;
  // Exactly at the threshold, not above it: the fifth on-beat tap of a team of six adds nothing more.
  const rises = onBeat && onBeatNow.length === neededTogether(team.members.length);
  const height = rises ? team.height + 1 : team.height;
  const next: Team = {
    ...team,
    cycle: beat,
    spent: fresh ? [actor] : [...team.spent, actor],
    onBeat: onBeatNow,
    active: team.active.includes(actor) ? team.active : [...team.active, actor],
    height,
    toppedAt: rises && height >= state.goal ? now : null,
  };
  return { ...state, teams: replaceTeam(state.teams, index, next) };
}
