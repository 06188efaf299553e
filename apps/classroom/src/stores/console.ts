/**
 * The teacher console's state: which activity is picked, the live session's `ConsoleState` as
 * the server last pushed it, and sessions a reloaded console could re-attach to.
 */
import type { ConsoleState, LiveSessionSummary } from '@heartlamp/shared';
import { create } from 'zustand';

export interface ConsoleStore {
  selectedActivity: string | null;
  /** Sessions still live on the server (from `session:list`), newest first. */
  live: LiveSessionSummary[];
  /** The code this console is attached to, even before its first `console:state` arrives. */
  code: string | null;
  state: ConsoleState | null;
  busy: boolean;
}

export const useConsole = create<ConsoleStore>()(() => ({
  selectedActivity: null,
  live: [],
  code: null,
  state: null,
  busy: false,
}));
