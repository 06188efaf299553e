/**
 * The projector's state: only ever a `ScreenState` (public by construction: counts and avatars,
 * no ids), or the reason the code could not be shown.
 */
import type { ErrorCode, ScreenState } from '@heartlamp/shared';
import { create } from 'zustand';

export interface ScreenStore {
  state: ScreenState | null;
  error: ErrorCode | null;
}

export const useScreen = create<ScreenStore>()(() => ({ state: null, error: null }));
