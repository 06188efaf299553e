/**
 * React side of the server clock: a `ClockSync` fed by each view's `serverTime` as it arrives, and
 * a re-render every `everyMs` while `running` — enough for a seconds countdown, nothing more.
 */
import { useEffect, useRef, useState } from 'react';
import { ClockSync } from './clock.js';
import { wallClock } from './theme.js';

export function useServerNow(serverTime: number, running: boolean, everyMs = 500): number | null {
  const clock = useRef<ClockSync | null>(null);
  if (clock.current === null) clock.current = new ClockSync();
  const sync = clock.current;
  // In render, not in an effect, so the first render already has a clock; the same `serverTime`
  // twice is ignored, so re-renders add no false samples.
  sync.observe(serverTime, wallClock());
  const [, setFrame] = useState(0);

  useEffect(() => {
    if (!running) return;
    const timer = globalThis.setInterval(() => setFrame((n) => n + 1), everyMs);
    return () => globalThis.clearInterval(timer);
  }, [running, everyMs]);

  return sync.serverNow(wallClock());
}
