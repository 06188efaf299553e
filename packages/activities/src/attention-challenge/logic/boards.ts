/**
 * Dealing boards: a shuffled Schulte grid, a go/no-go sequence. Pure, and random only through the
 * `Rng` the runtime hands in, so the server holds the very board each tablet shows and can replay a
 * child's taps against it; the same seed deals the same boards (tests, restores, the conformance suite).
 */
import type { Rng } from '../../rng.js';
import {
  type Board,
  type GoNoGoBoard,
  type GridSize,
  type LevelSpec,
  PACE_SPECS,
  type Pace,
  type Picture,
  type SchulteBoard,
} from './model.js';

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = random.below(i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

export function dealSchulte(size: GridSize, random: Rng): SchulteBoard {
  const numbers = Array.from({ length: size * size }, (_, i) => i + 1);
  return { kind: 'schulte', size, numbers: shuffle(numbers, random) };
}

/**
 * The first two pictures are fish (the child learns that tapping is the habit), and no two sharks
 * come in a row (a second shark straight after the first tests nothing new and feels unfair to a
 * six-year-old). Sharks go into `k` of the `m` later slots with no two adjacent: choose `k` of
 * `m - k + 1` places and spread them apart by one — every such arrangement is equally likely.
 */
export function dealGoNoGo(pace: Pace, random: Rng): GoNoGoBoard {
  const { items: n, sharks: k, showMs, gapMs } = PACE_SPECS[pace];
  const lead = 2;
  const m = n - lead;
  const places = shuffle(
    Array.from({ length: m - k + 1 }, (_, i) => i),
    random,
  )
    .slice(0, k)
    .sort((a, b) => a - b);
  const sharkAt = new Set(places.map((c, i) => lead + c + i));
  const items: Picture[] = Array.from({ length: n }, (_, i) => (sharkAt.has(i) ? 'shark' : 'fish'));
  return { kind: 'gonogo', pace, items, showMs, gapMs };
}

export function deal(spec: LevelSpec, random: Rng): Board {
  return spec.kind === 'schulte' ? dealSchulte(spec.size, random) : dealGoNoGo(spec.pace, random);
}

/** How long a go/no-go game lasts on the tablet, from the first picture to the end of the last pause. */
export function goNoGoDuration(board: GoNoGoBoard): number {
  return board.items.length * (board.showMs + board.gapMs);
}
