/**
 * 注意力大闯关 — Attention Challenge: the shapes of its state, config and intents, and the numbers
 * its plausibility rules are made of.
 *
 * The class climbs a ladder of levels the teacher paces: Schulte grids (find 1, 2, 3… in a shuffled
 * grid) and a go/no-go game (tap the fish 🐟, never the shark 🦈). Every board is made by the pure
 * logic from the runtime's seeded `random`, so the server knows exactly what each child was shown.
 * Each child's taps are timed on the tablet with `performance.now()` and sent in ONE intent when the
 * level is finished; the reducer replays them against the board it made and refuses the impossible.
 *
 * Nothing here compares children: results are per child, shown to that child and the teacher only,
 * and the class shares one number — how far everyone has climbed together.
 */
import { type GradeBand, gradeBandSchema, type ParticipantId } from '@heartlamp/shared';
import { z } from 'zod';

// ------------------------------------------------------------------------------------------ levels

export const GRID_SIZES = [3, 4, 5] as const;
export type GridSize = (typeof GRID_SIZES)[number];
export const PACES = ['slow', 'medium', 'fast'] as const;
export type Pace = (typeof PACES)[number];

export type LevelSpec = { kind: 'schulte'; size: GridSize } | { kind: 'gonogo'; pace: Pace };
export type GameKind = LevelSpec['kind'];

/** How a go/no-go level runs: how many pictures, how long each is shown, the pause after it. */
export interface PaceSpec {
  items: number;
  sharks: number;
  showMs: number;
  gapMs: number;
}

/**
 * Slow enough for a six-year-old (children's simple reaction times are 350–600 ms); about 25 s a
 * game. Fish are 75 % of the pictures, the usual go/no-go ratio: going is the habit the shark breaks.
 */
export const PACE_SPECS: Readonly<Record<Pace, PaceSpec>> = {
  slow: { items: 12, sharks: 3, showMs: 1400, gapMs: 700 },
  medium: { items: 16, sharks: 4, showMs: 1000, gapMs: 500 },
  fast: { items: 20, sharks: 5, showMs: 750, gapMs: 400 },
};

/**
 * The ladder each grade band climbs when the teacher does not list levels. Grades 1–2 stay on 3×3
 * (a fresh board the second time); older children go up to 5×5 and a faster fish game.
 */
export const LADDERS: Readonly<Record<GradeBand, readonly LevelSpec[]>> = {
  low: [
    { kind: 'schulte', size: 3 },
    { kind: 'gonogo', pace: 'slow' },
    { kind: 'schulte', size: 3 },
    { kind: 'gonogo', pace: 'medium' },
  ],
  middle: [
    { kind: 'schulte', size: 3 },
    { kind: 'schulte', size: 4 },
    { kind: 'gonogo', pace: 'medium' },
    { kind: 'schulte', size: 4 },
    { kind: 'gonogo', pace: 'fast' },
    { kind: 'schulte', size: 5 },
  ],
  high: [
    { kind: 'schulte', size: 4 },
    { kind: 'schulte', size: 5 },
    { kind: 'gonogo', pace: 'medium' },
    { kind: 'schulte', size: 5 },
    { kind: 'gonogo', pace: 'fast' },
  ],
};

export const MAX_LEVELS = 8;

/** A short code for the ledger and the console: `schulte-4`, `gonogo-slow`. */
export function gameCode(spec: LevelSpec): string {
  return spec.kind === 'schulte' ? `schulte-${spec.size}` : `gonogo-${spec.pace}`;
}

// ------------------------------------------------------------------------------------------ plausibility

/**
 * The fastest a person can find the next number on a grid, or react to a picture: seeing, choosing
 * and moving a finger take well over 150 ms even for a fast adult; a child is slower still. A
 * sequence faster than this was not played by a child.
 */
export const MIN_STEP_MS = 150;
/** No level takes ten minutes; a longer total is a broken clock, not a slow child. */
export const MAX_LEVEL_MS = 10 * 60_000;
/**
 * Tablet-measured durations are compared with the server's clock (time since the board was handed
 * out). Both run at the same rate, but the board reaches the tablet and the result reaches the
 * server over a school LAN: allow this much either way.
 */
export const CLOCK_SLACK_MS = 3000;
/** A result sent just after the teacher stopped the level (the child's last tap was in flight). */
export const STOP_GRACE_MS = 5000;
/**
 * Wrong taps a tablet reports for one grid, beyond the correct ones. A child who taps wildly past
 * this has the rest counted on the tablet as "many" — the message stays small (the 16 KB cap).
 */
export const MAX_WRONG_TAPS = 60;
export const MAX_TAPS = 25 + MAX_WRONG_TAPS;

// ------------------------------------------------------------------------------------------ boards

/** A Schulte grid: `numbers[cell]` is the number shown in that cell, row by row. */
export interface SchulteBoard {
  kind: 'schulte';
  size: GridSize;
  numbers: number[];
}
export const PICTURES = ['fish', 'shark'] as const;
export type Picture = (typeof PICTURES)[number];
/** A go/no-go sequence and its pace: picture `i` appears at `i × (showMs + gapMs)` after the start. */
export interface GoNoGoBoard {
  kind: 'gonogo';
  pace: Pace;
  items: Picture[];
  showMs: number;
  gapMs: number;
}
export type Board = SchulteBoard | GoNoGoBoard;

// ------------------------------------------------------------------------------------------ results

/** One finished try at a Schulte grid. */
export interface SchulteAttempt {
  kind: 'schulte';
  /** From the board appearing to the last number found, measured on the tablet. */
  timeMs: number;
  /** Taps on a wrong number. Counted, never punished. */
  errors: number;
}
/** One finished go/no-go game. */
export interface GoNoGoAttempt {
  kind: 'gonogo';
  /** Mean reaction time to the fish that were tapped; null if none was. */
  timeMs: number | null;
  /** Fish missed + sharks tapped. */
  errors: number;
  fishCaught: number;
  fishTotal: number;
  sharksAvoided: number;
  sharksTotal: number;
}
export type Attempt = SchulteAttempt | GoNoGoAttempt;

/** One child's record for one level of the ladder (every run of it, every retry). */
export interface LevelRecord {
  tries: number;
  last: Attempt;
  /** The try before `last` ("比上次快了 2 秒!" compares with it). */
  previous: Attempt | null;
  best: Attempt;
  /** Whether `last` became the new best (and there was a best before it). */
  improved: boolean;
}

/** A child's board in the current run of a level. */
export interface Seat {
  /** 0 = the class board; each retry deals a new personal board and counts up. */
  attempt: number;
  /** A personal board after a retry; null while playing the class board. */
  board: Board | null;
  /** Server time the board was handed out: a reported duration cannot be longer than since then. */
  dealtAt: number;
  /** This attempt has been scored; another result for it is refused. */
  done: boolean;
}

export const PHASES = ['ready', 'playing', 'stopped', 'finished'] as const;
export type Phase = (typeof PHASES)[number];

export interface AttentionState {
  levels: LevelSpec[];
  /** Index into `levels` of the level chosen now. */
  current: number;
  phase: Phase;
  /** Counts the teacher's starts: a result names its run, so one from an earlier run is refused. */
  round: number;
  /** The class board of the current run (null before the first start of this level). */
  board: Board | null;
  openedAt: number | null;
  stoppedAt: number | null;
  /** Everyone who joined, in joining order. */
  roster: ParticipantId[];
  /** Boards in the current run, per child (reset at every start). */
  seats: Partial<Record<ParticipantId, Seat>>;
  /** Per child, per level index (as a string key): what they did. Private to child and teacher. */
  records: Partial<Record<ParticipantId, Partial<Record<string, LevelRecord>>>>;
}

// ------------------------------------------------------------------------------------------ schemas

const levelSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('schulte'), size: z.union([z.literal(3), z.literal(4), z.literal(5)]) }),
  z.strictObject({ kind: z.literal('gonogo'), pace: z.enum(PACES) }),
]);

/**
 * A grade band picks a ladder; `levels`, if given, lists the levels instead (e.g. a grade-2 class
 * that is ready for one 4×4 grid: `[{kind:'schulte',size:3},{kind:'schulte',size:4}]`).
 */
export const configSchema = z
  .strictObject({
    gradeBand: gradeBandSchema.default('low'),
    levels: z.array(levelSpecSchema).min(1).max(MAX_LEVELS).optional(),
  })
  .default({ gradeBand: 'low' });
export type AttentionConfig = z.output<typeof configSchema>;

const ms = z.number().int().min(0).max(MAX_LEVEL_MS);
const run = {
  /** The run (`state.round`) the board came from. */
  round: z.number().int().min(0),
  /** The child's attempt in that run (`seat.attempt`). */
  attempt: z.number().int().min(0),
};

export const intentSchema = z.discriminatedUnion('type', [
  /**
   * A finished grid: every tap in order, as [cell index, ms since the board appeared]. The tablet
   * ends the game at the last number and ignores taps on numbers already found.
   */
  z.strictObject({
    type: z.literal('schulte-done'),
    ...run,
    taps: z
      .array(z.tuple([z.number().int().min(0).max(24), ms]))
      .min(1)
      .max(MAX_TAPS),
  }),
  /**
   * A finished fish game: for each picture in order, the ms from its appearance to the child's
   * first tap, or null for no tap.
   */
  z.strictObject({
    type: z.literal('gonogo-done'),
    ...run,
    responses: z.array(ms.nullable()).min(1).max(PACE_SPECS.fast.items),
  }),
  /** 再试一次: a fresh board of the same level, for this child. */
  z.strictObject({ type: z.literal('retry'), round: run.round }),
]);
export type AttentionIntent = z.output<typeof intentSchema>;

export const hostIntentSchema = z.discriminatedUnion('type', [
  /** Go to a level (it waits, ready, until the teacher starts it). */
  z.strictObject({
    type: z.literal('choose'),
    level: z
      .number()
      .int()
      .min(0)
      .max(MAX_LEVELS - 1),
  }),
  z.strictObject({ type: z.literal('next') }),
  /** Open the chosen level: deal a fresh board. Starting a stopped level again deals a new one. */
  z.strictObject({ type: z.literal('start') }),
  z.strictObject({ type: z.literal('stop') }),
  /** The class reaches the summit: the celebration, and a pause until the teacher picks a level. */
  z.strictObject({ type: z.literal('finish') }),
]);
export type AttentionHostIntent = z.output<typeof hostIntentSchema>;
