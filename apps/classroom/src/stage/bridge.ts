/**
 * The StageBridge a scene is handed: the latest view, a way to hear about new ones, a way to send
 * intents, and the activity's strings. Plain TypeScript (no React, no Phaser) so it can be tested
 * alone. The React side keeps one bridge per game and calls `push` when its `view` prop changes.
 */
import type { StageBridge } from '@heartlamp/activities/client';
import type { Locale } from '@heartlamp/shared';

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface StageBridgeSource {
  view: unknown;
  emit(intent: unknown): void;
  t: Translate;
  locale: Locale;
}

export interface StageBridgeHandle {
  bridge: StageBridge<unknown, unknown>;
  /** Hands a new view to every listening scene (skipped when it is the same object). */
  push(view: unknown): void;
  /** Drops every listener: the game is going away. */
  close(): void;
}

/**
 * `source` is read on every call, so a re-render that passes a new `emit` or `t` needs no new
 * bridge. `acceptIntents: false` (the projector) drops intents: the projector never speaks.
 */
export function createStageBridge(source: () => StageBridgeSource, acceptIntents: boolean): StageBridgeHandle {
  const listeners = new Set<(view: unknown) => void>();
  let current = source().view;
  let closed = false;
  const bridge: StageBridge<unknown, unknown> = {
    get view() {
      return current;
    },
    onView(listener) {
      if (closed) return () => {};
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(intent) {
      if (acceptIntents && !closed) source().emit(intent);
    },
    t(key, vars) {
      return source().t(key, vars);
    },
    get locale() {
      return source().locale;
    },
  };
  return {
    bridge,
    push(view) {
      if (closed || view === current) return;
      current = view;
      // A copy, so a listener that unsubscribes while being called does not skip its neighbour.
      for (const listener of [...listeners]) listener(view);
    },
    close() {
      closed = true;
      listeners.clear();
    },
  };
}
