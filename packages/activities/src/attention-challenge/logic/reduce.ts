/**
 * The transitions of Attention Challenge: setup, join, a child's intents (`reduce`) and the
 * teacher's (`control`). Pure: time is `ctx.now` (the server's clock) plus the durations the tablet
 * measured; randomness is `ctx.random`. A rejection returns before anything is built, so the state
 * handed in is never touched.
 *
 * The teacher paces the level: choose (or next) → start → stop → … → finish. Each start is a new
 * run with a fresh class board; a child may ask for a fresh personal board ("再试一次") at any time
 * while the level is open. Every finished board is scored once.
 */
import type { ParticipantId } from '@heartlamp/shared';
import { type ControlContext, type IntentContext, type Participant, type Rejection, reject } from '../../contract.js';
import { deal } from './boards.js';
import {
  type Attempt,
  type AttentionConfig,
  type AttentionHostIntent,
  type AttentionIntent,
  type AttentionState,
  type Board,
  LADDERS,
  type LevelRecord,
  type Seat,
  STOP_GRACE_MS,
} from './model.js';
import { isBetter, scoreGoNoGo, scoreSchulte } from './score.js';

export function setup(config: AttentionConfig, roster: readonly Participant[]): AttentionState {
  return {
    levels: [...(config.levels ?? LADDERS[config.gradeBand])],
    current: 0,
    phase: 'ready',
    round: 0,
    board: null,
    openedAt: null,
    stoppedAt: null,
    // A child listed twice would be counted twice; `join` is idempotent, so setup is too.
    roster: [...new Set(roster.map((p) => p.id))],
    seats: {},
    records: {},
  };
}

export function join(state: AttentionState, participant: Participant): AttentionState {
  return state.roster.includes(participant.id) ? state : { ...state, roster: [...state.roster, participant.id] };
}

/**
 * A child's seat in the current run. Seats are made lazily: until a child retries or finishes, they
 * play the class board, handed out when the teacher opened the level.
 */
export function seatOf(state: AttentionState, id: ParticipantId): Seat {
  return state.seats[id] ?? { attempt: 0, board: null, dealtAt: state.openedAt ?? 0, done: false };
}

export function boardOf(state: AttentionState, seat: Seat): Board | null {
  return seat.board ?? state.board;
}

/** Results are taken while the level is open, and for a few seconds after it closes (taps in flight). */
function acceptsResults(state: AttentionState, now: number): boolean {
  if (state.phase === 'playing') return true;
  if (state.phase === 'ready' || state.stoppedAt === null) return false;
  return now - state.stoppedAt <= STOP_GRACE_MS;
}

function recordAttempt(previous: LevelRecord | undefined, attempt: Attempt): LevelRecord {
  if (!previous) return { tries: 1, last: attempt, previous: null, best: attempt, improved: false };
  const improved = isBetter(attempt, previous.best);
  return {
    tries: previous.tries + 1,
    last: attempt,
    previous: previous.last,
    best: improved ? attempt : previous.best,
    improved,
  };
}

export function reduce(
  state: AttentionState,
  intent: AttentionIntent,
  { actor, now, random }: IntentContext,
): AttentionState | Rejection {
  if (!state.roster.includes(actor)) return reject('not-joined');

  if (intent.type === 'retry') {
    if (state.phase !== 'playing') return reject('not-open');
    if (intent.round !== state.round) return reject('stale-level');
    const spec = state.levels[state.current];
    if (!spec) return reject('not-open');
    const seat = seatOf(state, actor);
    const fresh: Seat = { attempt: seat.attempt + 1, board: deal(spec, random), dealtAt: now, done: false };
    return { ...state, seats: { ...state.seats, [actor]: fresh } };
  }

  if (!acceptsResults(state, now)) return reject('not-open');
  const seat = seatOf(state, actor);
  if (intent.round !== state.round || intent.attempt !== seat.attempt) return reject('stale-level');
  if (seat.done) return reject('already-done');
  const board = boardOf(state, seat);
  const window = { dealtAt: seat.dealtAt, now };
  let attempt: Attempt | Rejection;
  if (intent.type === 'schulte-done') {
    if (board?.kind !== 'schulte') return reject('stale-level');
    attempt = scoreSchulte(board, intent.taps, window);
  } else {
    if (board?.kind !== 'gonogo') return reject('stale-level');
    attempt = scoreGoNoGo(board, intent.responses, window);
  }
  if ('rejected' in attempt) return attempt;

  const key = String(state.current);
  const mine = state.records[actor] ?? {};
  return {
    ...state,
    seats: { ...state.seats, [actor]: { ...seat, done: true } },
    records: { ...state.records, [actor]: { ...mine, [key]: recordAttempt(mine[key], attempt) } },
  };
}

/** Going to a level closes whatever was open: no boards until the teacher starts it. */
function goTo(state: AttentionState, level: number): AttentionState {
  return { ...state, current: level, phase: 'ready', board: null, openedAt: null, stoppedAt: null, seats: {} };
}

export function control(
  state: AttentionState,
  intent: AttentionHostIntent,
  { now, random }: ControlContext,
): AttentionState | Rejection {
  switch (intent.type) {
    case 'choose':
      if (intent.level >= state.levels.length) return reject('no-such-level');
      if (intent.level === state.current && state.phase === 'ready') return reject('already-there');
      return goTo(state, intent.level);
    case 'next':
      if (state.current + 1 >= state.levels.length) return reject('last-level');
      return goTo(state, state.current + 1);
    case 'start': {
      if (state.phase === 'playing') return reject('already-there');
      const spec = state.levels[state.current];
      if (!spec) return reject('no-such-level');
      return {
        ...state,
        phase: 'playing',
        round: state.round + 1,
        board: deal(spec, random),
        openedAt: now,
        stoppedAt: null,
        seats: {},
      };
    }
    case 'stop':
      if (state.phase !== 'playing') return reject('not-playing');
      return { ...state, phase: 'stopped', stoppedAt: now };
    case 'finish':
      if (state.phase === 'finished') return reject('already-there');
      return { ...state, phase: 'finished', stoppedAt: state.phase === 'playing' ? now : state.stoppedAt };
  }
}
