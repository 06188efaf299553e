/**
 * Replaying a finished level against the board the server dealt: the plausibility rules and the
 * score. The tablet measures time (`performance.now()`), the server judges it. What a child can do
 * is scored — wrong numbers, a tapped shark, a missed fish are counted, never refused; what no child
 * can do is refused with a code (its words are in the activity's `rejections`):
 *
 * Schulte grid, taps = [cell, ms since the board appeared], checked in this order:
 * 1. `time-backwards` — a tap earlier than the one before it (one finger, one clock).
 * 2. `off-board` — a cell that is not on this child's grid (a tablet showing another board).
 * 3. `out-of-order` — a number tapped again after it was found (the tablet greys found numbers
 *    and ignores taps on them, so no real tablet sends this). A tap after the last number is one
 *    of these too: by then every cell has been found, and the game has ended.
 * 4. `wrong-count` — not every number found.
 * 5. `too-fast` — under MIN_STEP_MS from the board appearing to 1, or from one number to the next.
 * 6. `too-long` — a total longer than the board has existed on the server (+ slack), so the
 *    timing cannot be true.
 *
 * Go/no-go, responses = per picture, ms from its appearance to the first tap or null:
 * 1. `wrong-count` — not one response per picture.
 * 2. `too-fast` — a response under MIN_STEP_MS (the tablet ignores such taps as leftovers), or the
 *    whole result arriving before the pictures could all have been shown.
 * 3. `too-long` — a response after the next picture was due (it belongs to that one).
 */
import { type Rejection, reject } from '../../contract.js';
import { goNoGoDuration } from './boards.js';
import {
  type Attempt,
  CLOCK_SLACK_MS,
  type GoNoGoAttempt,
  type GoNoGoBoard,
  MIN_STEP_MS,
  type SchulteAttempt,
  type SchulteBoard,
} from './model.js';

/** When the board was dealt and when the result arrived, both on the server's clock. */
export interface Window {
  dealtAt: number;
  now: number;
}

export function scoreSchulte(
  board: SchulteBoard,
  taps: readonly (readonly [number, number])[],
  window: Window,
): SchulteAttempt | Rejection {
  const cells = board.numbers.length;
  let previous = 0;
  for (const [cell, t] of taps) {
    if (t < previous) return reject('time-backwards');
    if (cell >= cells) return reject('off-board');
    previous = t;
  }

  const found = new Set<number>();
  let next = 1;
  let lastFoundAt = 0;
  let errors = 0;
  for (const [cell, t] of taps) {
    if (found.has(cell)) return reject('out-of-order');
    if (board.numbers[cell] === next) {
      if (t - lastFoundAt < MIN_STEP_MS) return reject('too-fast');
      found.add(cell);
      next += 1;
      lastFoundAt = t;
    } else {
      errors += 1;
    }
  }
  if (next <= cells) return reject('wrong-count');
  if (lastFoundAt > window.now - window.dealtAt + CLOCK_SLACK_MS) return reject('too-long');
  return { kind: 'schulte', timeMs: lastFoundAt, errors };
}

export function scoreGoNoGo(
  board: GoNoGoBoard,
  responses: readonly (number | null)[],
  window: Window,
): GoNoGoAttempt | Rejection {
  if (responses.length !== board.items.length) return reject('wrong-count');
  const period = board.showMs + board.gapMs;
  for (const r of responses) {
    if (r === null) continue;
    if (r < MIN_STEP_MS) return reject('too-fast');
    if (r >= period) return reject('too-long');
  }
  if (window.now - window.dealtAt < goNoGoDuration(board) - CLOCK_SLACK_MS) return reject('too-fast');

  let fishTotal = 0;
  let fishCaught = 0;
  let sharksTotal = 0;
  let sharksAvoided = 0;
  let rtSum = 0;
  board.items.forEach((picture, i) => {
    const r = responses[i] ?? null;
    if (picture === 'fish') {
      fishTotal += 1;
      if (r !== null) {
        fishCaught += 1;
        rtSum += r;
      }
    } else {
      sharksTotal += 1;
      if (r === null) sharksAvoided += 1;
    }
  });
  return {
    kind: 'gonogo',
    timeMs: fishCaught > 0 ? Math.round(rtSum / fishCaught) : null,
    errors: fishTotal - fishCaught + (sharksTotal - sharksAvoided),
    fishCaught,
    fishTotal,
    sharksAvoided,
    sharksTotal,
  };
}

/**
 * Whether `a` beats `b` as a personal best. A grid: faster, then fewer wrong taps. The fish game:
 * fewer errors, then quicker to the fish — holding back at the shark is the point, not speed.
 */
export function isBetter(a: Attempt, b: Attempt): boolean {
  if (a.kind === 'schulte' && b.kind === 'schulte') {
    return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.errors < b.errors);
  }
  if (a.errors !== b.errors) return a.errors < b.errors;
  const ta = a.timeMs ?? Number.POSITIVE_INFINITY;
  const tb = b.timeMs ?? Number.POSITIVE_INFINITY;
  return ta < tb;
}
