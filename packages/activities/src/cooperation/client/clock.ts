/**
 * The server's clock, as a screen can know it. Views carry `serverTime`, a moment the server's
 * state was at; the view reaches us at least a little later. So `serverTime - localNow` at the
 * moment a view arrives is never more than the true offset between the clocks — a lower bound —
 * and the largest recent one is the best estimate (the message that travelled fastest). A stale
 * view re-sent after a reconnect only gives a lower sample, which the maximum ignores.
 *
 * The estimate lags the server by the fastest one-way delay (a few ms on a school LAN); the
 * reducer allows for it (LAG_ALLOWANCE_MS). Pure: the caller passes its own `performance.now()`.
 */
export class ClockSync {
  private readonly samples: number[] = [];
  private lastServerTime = Number.NEGATIVE_INFINITY;

  /** @param keep how many recent samples count: ~40 s of the runtime's 2 s sync ticks. */
  constructor(private readonly keep = 20) {}

  /** A view arrived at `localNow` carrying `serverTime`. */
  observe(serverTime: number, localNow: number): void {
    // The same view handed over twice (a re-render) is not a new measurement.
    if (serverTime === this.lastServerTime) return;
    this.lastServerTime = serverTime;
    this.samples.push(serverTime - localNow);
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /** The server's time now, or null before any view has arrived. */
  serverNow(localNow: number): number | null {
    if (this.samples.length === 0) return null;
    return localNow + Math.max(...this.samples);
  }
}

/** Where "now" sits in the beat, for drawing: which beat has last passed, and how far since. */
export interface BeatPhase {
  /** The beat that last passed (negative during the countdown). */
  beat: number;
  /** Milliseconds since that beat, in [0, beatMs). */
  since: number;
  /** Milliseconds to the next beat, in (0, beatMs]. */
  toNext: number;
}

export function beatPhase(serverNow: number, origin: number, beatMs: number): BeatPhase {
  const beat = Math.floor((serverNow - origin) / beatMs);
  const since = serverNow - origin - beat * beatMs;
  return { beat, since, toNext: beatMs - since };
}
