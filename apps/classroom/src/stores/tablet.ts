/**
 * A tablet's state: the join steps (code → nickname → joined), the child's saved identity and the
 * last `TabletState` the server pushed.
 *
 * Shared tablets add two steps: `seats` ("I was here before": pick your own seat on this new
 * device, maybe waiting for the teacher to say yes) and `kicked` (this device no longer holds the
 * child's seat, or the teacher took it out of the lesson, and says so kindly).
 */
import type { ErrorCode, KickReason, Nickname, Seat, TabletState } from '@heartlamp/shared';
import { create } from 'zustand';
import type { Identity } from '../net/identity';

export type JoinStep = 'code' | 'name' | 'seats' | 'joined' | 'kicked';

/**
 * Why this device let go of the child: the server's kick reason, or `moved` when a re-join with
 * the saved token was refused (the seat went elsewhere while this tablet was away, reason unknown).
 */
export type KickedReason = KickReason | 'moved';

/**
 * "I was here before": `loading` the seats, `choose` one (after a refusal `refused` is set too),
 * `asking` the server (or joining with the seat once granted), `waiting` for the teacher to say
 * yes, `failed` to load or ask (a retry button).
 */
export type ReclaimStatus = 'loading' | 'choose' | 'asking' | 'waiting' | 'failed';

export interface ReclaimState {
  status: ReclaimStatus;
  seats: readonly Seat[];
  /** The seat asked for, shown on the waiting screen. */
  seat: Seat | null;
  /** The open request; a `play:reclaim-result` for any other id is ignored. */
  requestId: string | null;
  /** The teacher said no to the last request: a kind word above the choices. */
  refused: boolean;
}

export const NO_RECLAIM: ReclaimState = { status: 'loading', seats: [], seat: null, requestId: null, refused: false };

export interface TabletStore {
  step: JoinStep;
  /** Up to six digits typed on the keypad. */
  digits: string;
  /** The nickname on offer before joining. */
  candidate: Nickname | null;
  /** Waiting for a `play:join` ack (first join or resume). */
  joining: boolean;
  identity: Identity | null;
  state: TabletState | null;
  /** Why the last join failed, shown with a picture. */
  error: ErrorCode | 'timeout' | null;
  /** The session this tablet was in has ended (also when it ended while the tablet was away). */
  ended: boolean;
  /** Intents sent but not yet acked. */
  pending: number;
  reclaim: ReclaimState;
  /** Set on the `kicked` step: why, and whose seat it was (shown as the animal, for non-readers). */
  kicked: { reason: KickedReason; nickname: Nickname | null } | null;
}

export const useTablet = create<TabletStore>()(() => ({
  step: 'code',
  digits: '',
  candidate: null,
  joining: false,
  identity: null,
  state: null,
  error: null,
  ended: false,
  pending: 0,
  reclaim: NO_RECLAIM,
  kicked: null,
}));
