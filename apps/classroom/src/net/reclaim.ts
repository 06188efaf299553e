/**
 * "I was here before": a child on a new device takes their seat back (shared tablets, issue 6).
 *
 * The tablet lists the session's seats (`play:seats`, nicknames only), the child taps their own,
 * and `play:reclaim` answers at once for a seat the teacher freed (`granted` + a resume token) or
 * `pending`: the teacher is asked, and `play:reclaim-result` arrives later. Either way the device
 * then joins with the token like any resuming tablet — the play client's `joinWithToken`.
 *
 * A request has one client-made id, kept across retries and reconnections: the server files a
 * request once per id, and the device's socket waits in the request's room, which a reconnection
 * leaves, so a waiting device asks again with the same id after every reconnection.
 */
import type { JoinCode, Nickname, PlayClientEvents, ProtocolError, ReclaimResult, Seat } from '@heartlamp/shared';
import { ANIMALS } from '@heartlamp/shared/light';
import { markOutdated } from '../stores/connection';
import { NO_RECLAIM, type ReclaimState, useTablet } from '../stores/tablet';
import { AckTimeoutError, type Requester } from './ack';
import { newIntentId } from './retry';
import { isOutdatedError } from './socket';

/** How joining with a granted token went: `timeout` may be tried again, `refused` may not. */
export type TokenJoin = 'joined' | 'timeout' | 'refused';

export interface ReclaimDeps {
  request: Requester<PlayClientEvents>;
  /** Join as the seat's child with the token the server handed this device. */
  joinWithToken(code: JoinCode, nickname: Nickname, resumeToken: string): Promise<TokenJoin>;
  /** The session ended or no longer exists. */
  gone(code: JoinCode, error: ProtocolError): void;
}

export interface Reclaimer {
  /** Shows the seats of `code` (the `seats` step). */
  open(code: JoinCode): Promise<void>;
  /** Asks for this seat. */
  choose(seat: Seat): Promise<void>;
  /** Stops waiting for the teacher and goes back to the choices. */
  cancel(): void;
  /** Loads the seats again, or retries joining with a token already granted. */
  retry(): Promise<void>;
  /** Back from the seats to the nickname step. */
  close(): void;
  onResult(result: ReclaimResult): void;
  /** After every (re)connection: a waiting request re-enters its room. */
  onConnect(): void;
}

/** A reclaim is asked again on an ack timeout this many times in all (same id: applied once). */
const ATTEMPTS = 3;

/** Same animals together, so a child scans for their own picture; then in joining order. */
function bySeatAnimal(seats: readonly Seat[]): Seat[] {
  const order = (seat: Seat) => ANIMALS.indexOf(seat.nickname.animal);
  return [...seats].sort((a, b) => order(a) - order(b) || a.seat - b.seat);
}

export function createReclaimer({ request, joinWithToken, gone }: ReclaimDeps): Reclaimer {
  let code: JoinCode | null = null;
  /** A token granted but not yet joined with (the join timed out): "try again" uses it. */
  let granted: { code: JoinCode; nickname: Nickname; token: string } | null = null;

  const set = (patch: Partial<ReclaimState>) => useTablet.setState((s) => ({ reclaim: { ...s.reclaim, ...patch } }));
  const current = () => useTablet.getState().reclaim;
  const onSeatsStep = () => useTablet.getState().step === 'seats';

  /** True if the error ended the flow (outdated build, session gone); otherwise the caller shows it. */
  function final(at: JoinCode, error: ProtocolError): boolean {
    if (isOutdatedError(error)) {
      markOutdated();
      return true;
    }
    if (error.code === 'session-not-found' || error.code === 'session-ended') {
      gone(at, error);
      return true;
    }
    return false;
  }

  async function loadSeats(at: JoinCode, refused: boolean): Promise<void> {
    set({ status: 'loading', requestId: null, seat: null, refused });
    try {
      const ack = await request('play:seats', { code: at });
      if (!onSeatsStep() || code !== at) return;
      if (ack.ok) set({ status: 'choose', seats: bySeatAnimal(ack.data) });
      else if (!final(at, ack.error)) set({ status: 'failed' });
    } catch (error) {
      if (!(error instanceof AckTimeoutError)) throw error;
      if (onSeatsStep()) set({ status: 'failed' });
    }
  }

  async function take(at: JoinCode, nickname: Nickname, token: string): Promise<void> {
    granted = { code: at, nickname, token };
    const outcome = await joinWithToken(at, nickname, token);
    if (outcome === 'timeout') {
      // Kept: "try again" joins with the same token, which the seat still has.
      if (onSeatsStep()) set({ status: 'failed', requestId: null });
      return;
    }
    granted = null;
    // Refused: the seat moved on meanwhile (freed or taken again). The choices, afresh.
    if (outcome === 'refused' && onSeatsStep()) await loadSeats(at, false);
  }

  /** Sends (or re-sends) the request `requestId` for `seat`; acts on the answer if it is still open. */
  async function ask(at: JoinCode, seat: Seat, requestId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const ack = await request('play:reclaim', { code: at, seat: seat.seat, requestId });
        if (current().requestId !== requestId || !onSeatsStep()) return;
        if (!ack.ok) {
          if (final(at, ack.error)) return;
          // Most likely the seat list changed under us: show it afresh.
          await loadSeats(at, false);
          return;
        }
        if (ack.data.status === 'granted') await take(at, seat.nickname, ack.data.resumeToken);
        else set({ status: 'waiting' });
        return;
      } catch (error) {
        if (!(error instanceof AckTimeoutError)) throw error;
        if (attempt >= ATTEMPTS) {
          if (current().requestId === requestId && onSeatsStep()) set({ status: 'failed', requestId: null });
          return;
        }
      }
    }
  }

  return {
    async open(at) {
      code = at;
      granted = null;
      useTablet.setState({ step: 'seats', error: null, reclaim: NO_RECLAIM });
      await loadSeats(at, false);
    },

    async choose(seat) {
      if (!code || current().requestId) return;
      const requestId = newIntentId();
      set({ status: 'asking', seat, requestId, refused: false });
      await ask(code, seat, requestId);
    },

    cancel() {
      // The server keeps the request until the teacher answers (there is no "withdraw" event
      // yet); an answer to it is ignored here, since `requestId` no longer matches.
      set({ status: 'choose', requestId: null, seat: null });
    },

    async retry() {
      if (granted) {
        const { code: at, nickname, token } = granted;
        set({ status: 'asking' });
        await take(at, nickname, token);
      } else if (code) {
        await loadSeats(code, false);
      }
    },

    close() {
      granted = null;
      useTablet.setState({ step: 'name', reclaim: NO_RECLAIM });
    },

    onResult(result) {
      const { requestId, seat } = current();
      if (!code || !seat || result.requestId !== requestId || !onSeatsStep()) return;
      if (result.approved) {
        set({ status: 'asking' });
        void take(code, seat.nickname, result.resumeToken);
      } else void loadSeats(code, true);
    },

    onConnect() {
      const { status, requestId, seat } = current();
      if (code && seat && requestId && status === 'waiting' && onSeatsStep()) void ask(code, seat, requestId);
    },
  };
}
