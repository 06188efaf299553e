/**
 * What a child is told after a level, as a locale key and its numbers (pure, so tests can pin it).
 * A child is only ever compared with their own earlier try — "比上次快了 2 秒!" — never with
 * classmates, and never with the folk "norms" for Schulte grids (they have no study behind them).
 * A slower try gets an invitation, not a verdict.
 */
import type { LevelRecord } from '../logic/model.js';

export interface Message {
  key: string;
  vars: Record<string, string | number>;
}

/** "12.3": seconds with one decimal, as children read a stopwatch. */
export function seconds(ms: number): string {
  return (Math.round(ms / 100) / 10).toFixed(1);
}

/** Within this, two grid times are "as fast as last time": a tenth of a second is noise on a tablet. */
const SAME_MS = 150;

export function feedback(record: LevelRecord): Message {
  const { last, previous } = record;
  if (!previous) return last.kind === 'gonogo' && last.errors === 0 ? msg('feedback.perfect') : msg('feedback.first');
  if (last.kind === 'schulte' && previous.kind === 'schulte') {
    const delta = previous.timeMs - last.timeMs;
    if (delta >= SAME_MS) return msg('feedback.faster', { seconds: seconds(delta) });
    if (delta > -SAME_MS) return msg('feedback.same');
    return msg('feedback.again');
  }
  if (last.errors === 0) return msg('feedback.perfect');
  if (last.errors < previous.errors) return msg('feedback.fewer', { count: previous.errors - last.errors });
  return msg('feedback.again');
}

function msg(key: string, vars: Record<string, string | number> = {}): Message {
  return { key, vars };
}
