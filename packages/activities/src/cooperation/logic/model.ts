/**
 * The Power of Cooperation (合作的力量): teams tap a drum on a shared beat, and a team's tower grows
 * one block for every beat on which enough teammates tapped together. Synchrony wins, speed does
 * not: each child has ONE tap per beat cycle — the first — and it only counts if it falls inside the
 * window around the beat. A child who drums fast spends that tap at the start of the cycle, before
 * the window opens, so rushing makes no progress; a child alone never reaches the threshold.
 *
 * Time is timestamps in state: the beat is `origin + k·beatMs`, judged with the server's receive
 * time (`ctx.now`). No timers; `tick(now)` ends the round.
 *
 * Pure: no Phaser, no React, no clock, no randomness but the `random` the runtime hands in.
 */
import { type Animal, type ParticipantId, participantIdSchema } from '@heartlamp/shared';
import { z } from 'zod';

/**
 * Team identities, by index. Not animals: children already wear animal nicknames (勇敢的熊猫), and
 * "the panda team" would blur with "the panda child". Colours, shapes and emoji live in client/theme.ts.
 */
export const TEAM_CODES = [
  'sun',
  'wave',
  'tree',
  'star',
  'rocket',
  'rainbow',
  'cloud',
  'moon',
  'mountain',
  'bolt',
] as const;
export type TeamCode = (typeof TEAM_CODES)[number];
/** Ten towers still read from the back of the room at 1920 px; more would be slivers. */
export const MAX_TEAMS = TEAM_CODES.length;
export const MIN_TEAM_SIZE = 3;
export const MAX_TEAM_SIZE = 6;

/** The teacher's steps: children gather → teams shown → a round is played → its result discussed. */
export const PHASES = ['gather', 'teams', 'playing', 'result'] as const;
export type Phase = (typeof PHASES)[number];

/** Beats of "3, 2, 1" before the first beat that counts, so every child has felt the pulse. */
export const COUNTDOWN_BEATS = 3;
/**
 * Share of a beat period that is "on the beat", centred on it: ±25 % (±300 ms at 1200 ms). Children
 * of 8–10 tap a steady beat with a spread of roughly ±100 ms; the rest is room for school Wi-Fi.
 */
export const WINDOW_SHARE = 0.5;
/**
 * A tap is judged this much earlier than it arrived: the tablet shows the beat a little late (its
 * clock estimate lags by the downlink delay) and the tap travels back up. Typical LAN round trip.
 */
export const LAG_ALLOWANCE_MS = 50;
/** How often, during a round, views carry a fresh server time for the screens' clocks. */
export const SYNC_EVERY_MS = 2000;
/** When every team has reached the top, the cheer plays this long before the result shows. */
export const CHEER_MS = 3000;

/** Teammates who must tap together: two thirds of the team, and never fewer than two. */
export function neededTogether(teamSize: number): number {
  return Math.max(2, Math.ceil((2 * teamSize) / 3));
}

export function windowHalfMs(beatMs: number): number {
  return (beatMs * WINDOW_SHARE) / 2;
}

export interface BeatPosition {
  /** The beat this moment belongs to (nearest beat; negative during the countdown). */
  beat: number;
  /** Milliseconds from that beat: negative = early, positive = late; within ±beatMs/2. */
  offset: number;
}

/** Where a moment falls in the beat: shared by the reducer and the tablet's own feedback. */
export function beatPosition(at: number, origin: number, beatMs: number): BeatPosition {
  // `|| 0` turns Math.round's -0 (just before beat 0) into 0: state should hold plain numbers.
  const beat = Math.round((at - origin) / beatMs) || 0;
  return { beat, offset: at - origin - beat * beatMs };
}

export function isOnBeat(offset: number, beatMs: number): boolean {
  return Math.abs(offset) <= windowHalfMs(beatMs);
}

/** Team counts that give teams of 3–6 for `children` (one team when there are fewer than 3). */
export function teamCountRange(children: number): { min: number; max: number } {
  if (children <= 0) return { min: 0, max: 0 };
  const min = Math.min(MAX_TEAMS, Math.max(1, Math.ceil(children / MAX_TEAM_SIZE)));
  const max = Math.min(MAX_TEAMS, Math.max(min, Math.floor(children / MIN_TEAM_SIZE)));
  return { min, max };
}

/** Four to a team when possible: big enough to need each other, small enough to hear each other. */
export function suggestedTeamCount(children: number): number {
  const { min, max } = teamCountRange(children);
  return Math.min(max, Math.max(min, Math.round(children / 4)));
}

export interface Team {
  members: ParticipantId[];
  height: number;
  /** Server time the tower reached the goal in this round. */
  toppedAt: number | null;
  /** The beat cycle `spent` and `onBeat` belong to (null: none yet); older marks are simply stale. */
  cycle: number | null;
  /** Members who have used their one tap of `cycle`, on the beat or not. */
  spent: ParticipantId[];
  /** Of those, whose tap was inside the window. */
  onBeat: ParticipantId[];
  /** Members who tapped at least once this round — teacher only, to spot a silent tablet. */
  active: ParticipantId[];
}

export interface TeamResult {
  team: number;
  members: ParticipantId[];
  height: number;
  succeeded: boolean;
  /** Seconds from the first counted beat to the top, or null. */
  seconds: number | null;
}

export interface RoundResult {
  round: number;
  goal: number;
  teams: TeamResult[];
}

export interface CooperationState {
  phase: Phase;
  /** The round being played or last played; 0 before the first. */
  round: number;
  /** Everyone who joined, in joining order. */
  roster: ParticipantId[];
  /** Avatar animals, so screens can show who is in a team without any id. */
  animals: Partial<Record<ParticipantId, Animal>>;
  /** Index into `teams` (and `TEAM_CODES`); absent while gathering. */
  teamOf: Partial<Record<ParticipantId, number>>;
  /** By index; a team the teacher emptied stays, so the others keep their names and colours. */
  teams: Team[];
  beatMs: number;
  /** Floors to the top: the session's setting, then whatever the teacher chose for the last round. */
  goal: number;
  /** A round's length: the session's setting, then whatever the teacher chose for the last round. */
  roundMs: number;
  /** Server time of beat 0 of the current round (countdown beats are negative). */
  origin: number | null;
  endsAt: number | null;
  /** Server time views carry, so screens can estimate the server clock (client/clock.ts). */
  syncedAt: number;
  /** Finished rounds, summed per team: what the ledger records. No tap counts. */
  results: RoundResult[];
}

export const DEFAULT_CONFIG = { beatMs: 1200, roundSeconds: 60, goal: 12 } as const;
/** Round lengths the console offers; any whole number of seconds in 20–180 is accepted. */
export const ROUND_SECONDS = [30, 60, 90, 120, 180] as const;
const roundSecondsSchema = z.number().int().min(20).max(180);
/** Tower heights the console offers; any whole number of floors in 4–30 is accepted. */
export const GOALS = [6, 12, 20] as const;
const goalSchema = z.number().int().min(4).max(30);

export const configSchema = z
  .strictObject({
    /** One beat, in ms: 1000–1500 is a calm walking pulse children can follow. */
    beatMs: z.number().int().min(1000).max(1500).default(DEFAULT_CONFIG.beatMs),
    roundSeconds: roundSecondsSchema.default(DEFAULT_CONFIG.roundSeconds),
    /** Blocks to the top of the tower. */
    goal: goalSchema.default(DEFAULT_CONFIG.goal),
  })
  .default({ ...DEFAULT_CONFIG });
export type CooperationConfig = z.output<typeof configSchema>;

/** The only thing a tablet sends. It carries no time: the server judges by when it arrived. */
export const intentSchema = z.discriminatedUnion('type', [z.strictObject({ type: z.literal('tap') })]);
export type CooperationIntent = z.output<typeof intentSchema>;

const teamIndexSchema = z
  .number()
  .int()
  .min(0)
  .max(MAX_TEAMS - 1);

export const hostIntentSchema = z.discriminatedUnion('type', [
  /** Deal every child into balanced teams; without `teams`, the suggested count. */
  z.strictObject({
    type: z.literal('form-teams'),
    teams: z.number().int().min(1).max(MAX_TEAMS).optional(),
  }),
  z.strictObject({ type: z.literal('move'), participant: participantIdSchema, team: teamIndexSchema }),
  /**
   * From the teams or the result step: towers back to the ground, countdown, go. `seconds` and
   * `goal` let the teacher pace rounds (a short, low first round to learn the beat and succeed);
   * without them, the previous round's (at first, the session's settings).
   */
  z.strictObject({
    type: z.literal('start-round'),
    seconds: roundSecondsSchema.optional(),
    goal: goalSchema.optional(),
  }),
  z.strictObject({ type: z.literal('stop-round') }),
]);
export type CooperationHostIntent = z.output<typeof hostIntentSchema>;
