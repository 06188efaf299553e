/**
 * Who sees what. The projector shows the class's shared climb and how many children cleared the
 * level — counts only: no participant id, no time, nothing that orders children. A tablet sees its
 * own board (only while the level is open, so nobody studies it early) and its own results. The
 * teacher's console sees each child's results for the chosen level, in joining order — never
 * sorted by speed, so even the teacher's screen is not a ranking.
 */
import type { ParticipantId } from '@heartlamp/shared';
import type { AttentionState, Board, LevelRecord, LevelSpec, Phase } from './model.js';
import { boardOf, seatOf } from './reduce.js';

export interface LevelInfo {
  /** 1-based, as children count. */
  number: number;
  total: number;
  spec: LevelSpec;
}

export interface ProjectorView {
  phase: Phase;
  level: LevelInfo;
  /** Children who joined. */
  present: number;
  /** Children who cleared the chosen level (in any run). */
  clearedNow: number;
  /** Levels cleared by everyone together: each child's each level is one step up the mountain. */
  climbed: number;
  /** Steps to the summit: every child clearing every level. */
  goal: number;
  /** Per level of the ladder: how many children cleared it (the camps on the path). */
  camps: { spec: LevelSpec; cleared: number }[];
}

export interface TabletPlay {
  round: number;
  attempt: number;
  board: Board;
  /** This board is finished and scored: show the result and offer "再试一次". */
  done: boolean;
}

export interface TabletView {
  phase: Phase;
  level: LevelInfo;
  /** The child's board while the level is open; null otherwise. */
  play: TabletPlay | null;
  /** The child's own results on the chosen level. */
  record: LevelRecord | null;
  /** Which levels of the ladder this child has cleared (the stars on the tablet). */
  cleared: boolean[];
  /**
   * The class's climb, for the closing screen only (null before it): were it always here, every
   * child's finish would change — and re-send — every other tablet's view.
   */
  climbed: number | null;
  goal: number | null;
}

/** One child's line in the console, for the chosen level. Flat numbers: 50 of these fit in 16 KB. */
export interface ConsoleRow {
  participant: ParticipantId;
  /** Has an open board now and has not finished it. */
  playing: boolean;
  tries: number;
  /** The last try: ms (grid: total time; fish: mean reaction time) and errors. */
  timeMs: number | null;
  errors: number | null;
  bestTimeMs: number | null;
  bestErrors: number | null;
  /** Fish game only, last try: fish missed and sharks tapped (inattention vs. impulsivity). */
  fishMissed: number | null;
  sharksTapped: number | null;
  /** Levels of the ladder this child has cleared. */
  levelsCleared: number;
}

export interface ConsoleView {
  phase: Phase;
  current: number;
  round: number;
  levels: LevelSpec[];
  present: number;
  clearedNow: number;
  climbed: number;
  goal: number;
  rows: ConsoleRow[];
}

function levelInfo(state: AttentionState): LevelInfo {
  const spec = state.levels[state.current] ?? state.levels[0] ?? { kind: 'schulte', size: 3 };
  return { number: state.current + 1, total: state.levels.length, spec };
}

function recordOf(state: AttentionState, id: ParticipantId, level: number): LevelRecord | null {
  return state.records[id]?.[String(level)] ?? null;
}

function clearedBy(state: AttentionState, level: number): number {
  return state.roster.filter((id) => recordOf(state, id, level) !== null).length;
}

function totals(state: AttentionState): { climbed: number; goal: number } {
  const climbed = state.levels.reduce((sum, _, level) => sum + clearedBy(state, level), 0);
  return { climbed, goal: state.roster.length * state.levels.length };
}

export function projectorView(state: AttentionState): ProjectorView {
  return {
    phase: state.phase,
    level: levelInfo(state),
    present: state.roster.length,
    clearedNow: clearedBy(state, state.current),
    ...totals(state),
    camps: state.levels.map((spec, level) => ({ spec, cleared: clearedBy(state, level) })),
  };
}

function playOf(state: AttentionState, id: ParticipantId): TabletPlay | null {
  if (state.phase !== 'playing' || !state.roster.includes(id)) return null;
  const seat = seatOf(state, id);
  const board = boardOf(state, seat);
  return board ? { round: state.round, attempt: seat.attempt, board, done: seat.done } : null;
}

export function tabletView(state: AttentionState, id: ParticipantId): TabletView {
  return {
    phase: state.phase,
    level: levelInfo(state),
    play: playOf(state, id),
    record: recordOf(state, id, state.current),
    cleared: state.levels.map((_, level) => recordOf(state, id, level) !== null),
    ...(state.phase === 'finished' ? totals(state) : { climbed: null, goal: null }),
  };
}

function consoleRow(state: AttentionState, participant: ParticipantId): ConsoleRow {
  const record = recordOf(state, participant, state.current);
  const play = playOf(state, participant);
  const last = record?.last ?? null;
  return {
    participant,
    playing: play !== null && !play.done,
    tries: record?.tries ?? 0,
    timeMs: last?.timeMs ?? null,
    errors: last?.errors ?? null,
    bestTimeMs: record?.best.timeMs ?? null,
    bestErrors: record?.best.errors ?? null,
    fishMissed: last?.kind === 'gonogo' ? last.fishTotal - last.fishCaught : null,
    sharksTapped: last?.kind === 'gonogo' ? last.sharksTotal - last.sharksAvoided : null,
    levelsCleared: state.levels.filter((_, level) => recordOf(state, participant, level) !== null).length,
  };
}

export function consoleView(state: AttentionState): ConsoleView {
  return {
    phase: state.phase,
    current: state.current,
    round: state.round,
    levels: state.levels,
    present: state.roster.length,
    clearedNow: clearedBy(state, state.current),
    ...totals(state),
    rows: state.roster.map((id) => consoleRow(state, id)),
  };
}
