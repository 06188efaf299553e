/**
 * A tablet's state: the join steps (code → nickname → joined), the child's saved identity and the
 * last `TabletState` the server pushed.
 */
import type { ErrorCode, Nickname, TabletState } from '@heartlamp/shared';
import { create } from 'zustand';
import type { Identity } from '../net/identity';

export type JoinStep = 'code' | 'name' | 'joined';

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
}));
