/**
 * Small counts on the projector. A count of one or two children who chose something, shown to the
 * whole class, is too easily read as "that was her": the projector shows such a count as "a few"
 * (`'few'`), never the number. Zero is shown (nobody chose it); the console, for the teacher alone,
 * always has exact figures.
 */
export const SMALL_COUNT_THRESHOLD = 3;

/** A count as the projector may show it. */
export type PublicCount = number | 'few';

export function publicCount(n: number, threshold = SMALL_COUNT_THRESHOLD): PublicCount {
  return n > 0 && n < threshold ? 'few' : n;
}

/** Is this a count the projector has to blur? */
export function isSmallCount(n: number, threshold = SMALL_COUNT_THRESHOLD): boolean {
  return n > 0 && n < threshold;
}
