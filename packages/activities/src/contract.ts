/**
 * The activity contract. An activity is a plain object of pure functions (after boardgame.io's
 * `Game`): no I/O, no timers, no `Date.now()`, no randomness but the `random` it is handed. The same
 * object runs in unit tests, on the server and in the conformance suite; the server runs every
 * activity through one dispatch pipeline and never names one.
 *
 * Rejections are values, not exceptions: `reduce` returns `reject('not-sorting')` and the runtime
 * acks the sender with it; the state is left exactly as it was.
 *
 * @example
 * const counter = defineActivity({
 *   id: 'counter', theme: 'cooperation', gradeBands: ['low'],
 *   title: { 'zh-CN': '一起数', en: 'Count together' },
 *   configSchema: z.object({}), intentSchema: z.object({ type: z.literal('tap') }),
 *   hostIntentSchema: z.object({ type: z.literal('reset') }),
 *   rejections: {},
 *   setup: () => ({ taps: 0 }),
 *   reduce: (s) => ({ taps: s.taps + 1 }),
 *   control: () => ({ taps: 0 }),
 *   phase: () => 'counting',
 *   projectorView: (s) => ({ taps: s.taps }),
 *   tabletView: (s) => ({ taps: s.taps }),
 *   consoleView: (s) => ({ taps: s.taps }),
 *   contributions: () => [],
 * });
 */
import type { GradeBand, Localized, Nickname, ParticipantId, ThemeId } from '@heartlamp/shared';
import type { z } from 'zod';
import type { Rng } from './rng.js';

export type ActivityId = string;

export interface Participant {
  id: ParticipantId;
  nickname: Nickname;
  joinedAt: number;
}

/** A refused intent. `rejected` is the activity's own code; its words are in `rejections`. */
export interface Rejection {
  readonly rejected: string;
}
export function reject(code: string): Rejection {
  return { rejected: code };
}
export function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && 'rejected' in value;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * What the ledger records: codes and numbers a teacher will count, never free text shown to others.
 * `key` identifies the contribution within the session; a later contribution with the same key
 * replaces the earlier one (a child's second answer replaces the first).
 */
export interface Contribution {
  key: string;
  participant: ParticipantId;
  kind: string;
  value: JsonValue;
}

/** A private "I want to talk to the teacher": console and ledger only, never the projector. */
export interface FollowUpRequest {
  key: string;
  participant: ParticipantId;
  at: number;
}

export interface SetupContext<C> {
  config: C;
  roster: readonly Participant[];
  seed: number;
  now: number;
}
export interface IntentContext {
  actor: ParticipantId;
  now: number;
  random: Rng;
}
export interface ControlContext {
  now: number;
  random: Rng;
}

/**
 * One activity. Methods (not arrow properties) on purpose: it lets the registry hold definitions of
 * different state types as `AnyActivity` without casts.
 */
export interface ActivityDefinition<S, I extends { type: string }, H extends { type: string }, C, PV, TV, CV> {
  id: ActivityId;
  title: Localized;
  /** One line for the teacher's activity picker. */
  summary: Localized;
  theme: ThemeId;
  gradeBands: readonly GradeBand[];
  configSchema: z.ZodType<C>;
  intentSchema: z.ZodType<I>;
  hostIntentSchema: z.ZodType<H>;
  /** Words for every rejection code the activity can return. */
  rejections: Readonly<Record<string, Localized>>;

  setup(ctx: SetupContext<C>): S;
  reduce(state: S, intent: I, ctx: IntentContext): S | Rejection;
  control(state: S, intent: H, ctx: ControlContext): S | Rejection;
  join?(state: S, participant: Participant, now: number): S;
  leave?(state: S, id: ParticipantId, now: number): S;
  /** Only for activities with timers: timers are timestamps in state, advanced here. */
  tick?(state: S, now: number): S;

  /** The activity's own phase name; the runtime snapshots the session when it changes. */
  phase(state: S): string;
  /** Public, for the projector: aggregates only, no participant id, nothing private. */
  projectorView(state: S): PV;
  /** One child's own view. */
  tabletView(state: S, id: ParticipantId): TV;
  /** Teacher-only details. */
  consoleView(state: S): CV;
  contributions(state: S): readonly Contribution[];
  followUps?(state: S): readonly FollowUpRequest[];
}

export type AnyActivity = ActivityDefinition<
  unknown,
  { type: string },
  { type: string },
  unknown,
  unknown,
  unknown,
  unknown
>;

/** Identity with inference: write an activity once, typed, and register it as `AnyActivity`. */
export function defineActivity<S, I extends { type: string }, H extends { type: string }, C, PV, TV, CV>(
  definition: ActivityDefinition<S, I, H, C, PV, TV, CV>,
): ActivityDefinition<S, I, H, C, PV, TV, CV> {
  return definition;
}
