/**
 * The boundary schema for any text a child types. It trims, takes out control characters and the
 * bidi controls that would make the teacher's screen show the text in another order, and caps the
 * length in characters as a child sees them: an emoji, or a letter with its accents, counts as one.
 * It never rewrites words; checking them is `moderate`'s job, after this schema has passed.
 */
import { z } from 'zod';

/** Tab, newline and the like read as a space, so "a\nb" does not become "ab". */
const LINE_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/** Other C0/C1 controls, and bidi embeddings, overrides, isolates and marks. */
const CONTROLS = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const LONE_SURROGATE = /\p{Cs}/gu;
/** Something a reader can see: not whitespace, not a format character, not a lone mark, not a Hangul filler. */
const VISIBLE = /[^\s\p{Cf}\p{M}\p{Z}\u115F\u1160\u3164\uFFA0]/u;

let segmenter: Intl.Segmenter | undefined;

/**
 * User-perceived characters (grapheme clusters) in `text`, counting no further than `stopAfter`.
 * Falls back to code points where `Intl.Segmenter` is missing (browsers before 2024).
 */
export function graphemeLength(text: string, stopAfter = Number.POSITIVE_INFINITY): number {
  if (typeof Intl.Segmenter !== 'function') return Math.min([...text].length, stopAfter);
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  for (const _segment of segmenter.segment(text)) {
    count += 1;
    if (count >= stopAfter) break;
  }
  return count;
}

/** What `childTextSchema` does to the text before checking it, for a client that wants to show it. */
export function cleanChildText(text: string): string {
  return text.replace(LINE_CONTROLS, ' ').replace(CONTROLS, '').replace(LONE_SURROGATE, '\uFFFD').trim();
}

/**
 * A zod schema for free text from a child: cleaned as `cleanChildText`, refused when nothing
 * visible is left, refused when longer than `maxChars` user-perceived characters.
 *
 * @example
 * const answerSchema = childTextSchema(40);
 * answerSchema.parse('  我今天很开心😊 '); // '我今天很开心😊' (7 characters)
 */
export function childTextSchema(maxChars: number) {
  if (!Number.isInteger(maxChars) || maxChars < 1) throw new RangeError('maxChars must be a positive integer');
  return z
    .string()
    .overwrite(cleanChildText)
    .refine((s) => VISIBLE.test(s), { message: 'empty', abort: true })
    .refine((s) => graphemeLength(s, maxChars + 1) <= maxChars, { message: `longer than ${maxChars} characters` });
}
