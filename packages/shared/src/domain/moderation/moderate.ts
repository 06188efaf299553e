/**
 * Checks a child's text against the word lists before the teacher sees it. The text comes back
 * exactly as typed, together with what matched: a flag is for the teacher to read and act on, never
 * a silent edit or a dropped answer. Pure and synchronous, the same on the server and a tablet.
 */
import { z } from 'zod';
import { type Boundary, CLEAN_WORDS, LEXICON, MODERATION_CATEGORIES } from './lexicon.js';
import { isHanChar, isWordChar, normalizeForMatching, WILDCARD } from './normalize.js';

export const moderationMatchSchema = z.strictObject({
  term: z.string(),
  category: z.enum(MODERATION_CATEGORIES),
});
export type ModerationMatch = z.infer<typeof moderationMatchSchema>;

export const moderationResultSchema = z.strictObject({
  /** Exactly what the child typed. */
  text: z.string(),
  flagged: z.boolean(),
  /** One entry per term, in the order the terms first appear. */
  matches: z.array(moderationMatchSchema),
});
export type ModerationResult = z.infer<typeof moderationResultSchema>;

const LETTER = /\p{L}/u;
/** Latin forms this long also match with a doubled letter typed once ("ashole", "kil yourself"). */
const FLEXIBLE_FROM_LETTERS = 6;

/** A run of one character in normalised text; offsets in UTF-16 code units. */
interface Run {
  readonly ch: string;
  readonly count: number;
  readonly start: number;
  readonly end: number;
  /** Part of a Latin-style word, for word boundaries. */
  readonly word: boolean;
  readonly han: boolean;
}

function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  let offset = 0;
  for (const ch of text) {
    const last = runs[runs.length - 1];
    const end = offset + ch.length;
    if (last && last.ch === ch) runs[runs.length - 1] = { ...last, count: last.count + 1, end };
    else runs.push({ ch, count: 1, start: offset, end, word: isWordChar(ch), han: isHanChar(ch) });
    offset = end;
  }
  return runs;
}

/** A form that ends at a trie node. */
interface Form {
  readonly match: ModerationMatch;
  readonly boundary: Boundary;
  readonly startsWord: boolean;
  readonly endsWord: boolean;
  readonly hasHan: boolean;
}

/**
 * All forms in one trie. A step is a character and how often it must repeat: `a` once or more,
 * `ss` twice or more (so "ass" never matches "as"), and a Han character exactly as often as written
 * (so 奶奶, grandma, never starts 奶子). The normaliser has already cut every repeat to two.
 */
interface TrieNode {
  readonly next: Map<string, Step[]>;
  readonly forms: Form[];
}

interface Step {
  readonly min: number;
  readonly exact: boolean;
  /** A Latin letter, which a `*` may stand for. */
  readonly letter: boolean;
  readonly node: TrieNode;
}

interface Compiled {
  readonly root: TrieNode;
  /** Clean words by their first character. */
  readonly cleanWords: ReadonlyMap<string, readonly string[]>;
}

/**
 * The spellings a form must be matched in: as normalised; without its spaces when it is a Latin
 * phrase ("k i l l y o u r s e l f" normalises to one word); and with any `l` as `i`, because a
 * typed `1` is read as `i` ("s1ut").
 */
function spellingsOf(form: string): string[] {
  const base = normalizeForMatching(form);
  const spellings = new Set([base]);
  if (base.includes(' ') && ![...base].some(isHanChar)) spellings.add(base.replaceAll(' ', ''));
  for (const spelling of [...spellings]) {
    const chars = [...spelling];
    const ls = chars.flatMap((c, i) => (c === 'l' ? [i] : []));
    const all = ls.length > 4;
    const subsets = all ? 2 : 1 << ls.length;
    for (let mask = 1; mask < subsets; mask += 1) {
      const variant = chars.map((c, i) => {
        const bit = ls.indexOf(i);
        return bit >= 0 && (all || (mask >> bit) & 1) ? 'i' : c;
      });
      spellings.add(normalizeForMatching(variant.join('')));
    }
  }
  return [...spellings].filter((s) => s !== '');
}

function emptyNode(): TrieNode {
  return { next: new Map(), forms: [] };
}

function addForm(root: TrieNode, spelling: string, match: ModerationMatch, boundary: Boundary): void {
  const runs = runsOf(spelling);
  const hasHan = runs.some((r) => r.han);
  const letters = runs.reduce((n, r) => (r.han || !LETTER.test(r.ch) ? n : n + r.count), 0);
  const flexible = !hasHan && letters >= FLEXIBLE_FROM_LETTERS;
  let at = root;
  for (const { ch, count, han } of runs) {
    const min = flexible ? 1 : count;
    const steps = at.next.get(ch) ?? [];
    let step = steps.find((s) => s.min === min);
    if (!step) {
      step = { min, exact: han, letter: !han && LETTER.test(ch), node: emptyNode() };
      steps.push(step);
      at.next.set(ch, steps);
    }
    at = step.node;
  }
  if (at.forms.some((f) => f.match.term === match.term && f.boundary === boundary)) return;
  const startsWord = runs[0]?.word ?? false;
  const endsWord = runs[runs.length - 1]?.word ?? false;
  at.forms.push({ match, boundary, startsWord, endsWord, hasHan });
}

function compile(): Compiled {
  const root = emptyNode();
  for (const entry of LEXICON) {
    const match = { term: entry.term, category: entry.category };
    for (const form of [entry.term, ...(entry.forms ?? [])]) {
      for (const spelling of spellingsOf(form)) addForm(root, spelling, match, entry.boundary ?? 'word');
    }
  }
  const cleanWords = new Map<string, string[]>();
  for (const word of new Set(CLEAN_WORDS.map(normalizeForMatching))) {
    const first = [...word][0];
    if (first !== undefined) cleanWords.set(first, [...(cleanWords.get(first) ?? []), word]);
  }
  return { root, cleanWords };
}

let compiled: Compiled | undefined;

function letterSteps(at: TrieNode): Step[] {
  return [...at.next.values()].flat().filter((step) => step.letter);
}

/** Calls `found` with every form matching the runs from `i` on, and the run index after the match. */
function walk(at: TrieNode, runs: readonly Run[], i: number, found: (form: Form, end: number) => void): void {
  for (const form of at.forms) found(form, i);
  const run = runs[i];
  if (!run || at.next.size === 0) return;
  if (run.ch === WILDCARD) {
    // A "*" stands for one letter, a "**" for one or two ("a**hole", "f**k").
    for (const step of letterSteps(at)) {
      walk(step.node, runs, i + 1, found);
      if (run.count > 1) for (const second of letterSteps(step.node)) walk(second.node, runs, i + 1, found);
    }
    return;
  }
  for (const step of at.next.get(run.ch) ?? []) {
    if (step.exact ? run.count === step.min : run.count >= step.min) walk(step.node, runs, i + 1, found);
  }
}

function boundariesHold(form: Form, runs: readonly Run[], start: number, end: number): boolean {
  if (form.boundary === 'anywhere') return true;
  if (form.startsWord && runs[start - 1]?.word) return false;
  return form.boundary === 'prefix' || !(form.endsWord && runs[end]?.word);
}

function cleanSpans(runs: readonly Run[], normalized: string, cleanWords: Compiled['cleanWords']): [number, number][] {
  const spans: [number, number][] = [];
  for (const run of runs) {
    // A clean word may start on either character of a doubled run (日日 in 生日日记).
    const starts = run.count > 1 ? [run.start, run.start + run.ch.length] : [run.start];
    for (const word of cleanWords.get(run.ch) ?? []) {
      for (const at of starts) if (normalized.startsWith(word, at)) spans.push([at, at + word.length]);
    }
  }
  return spans;
}

/** A clean word that overlaps the match but reaches outside it: 我操 inside 我操场. */
function insideCleanWord(spans: readonly [number, number][], start: number, end: number): boolean {
  return spans.some(([a, b]) => a < end && start < b && (a < start || b > end));
}

/**
 * Checks `text` for insults, slurs, sexual words and phrases urging self-harm, in Chinese and
 * English, through look-alike letters, spacing, invisible characters, leetspeak, pinyin
 * abbreviations and homophones. Never throws; `text` is returned unchanged.
 *
 * @example
 * moderate('你是s.b吧');
 * // { text: '你是s.b吧', flagged: true, matches: [{ term: '傻逼', category: 'insult' }] }
 * moderate('我们在操场上做早操'); // { text: '我们在操场上做早操', flagged: false, matches: [] }
 */
export function moderate(text: string): ModerationResult {
  compiled ??= compile();
  const { root, cleanWords } = compiled;
  const normalized = normalizeForMatching(text);
  const runs = runsOf(normalized);
  const found = new Map<string, ModerationMatch>();
  let spans: [number, number][] | undefined;
  for (let start = 0; start < runs.length; start += 1) {
    walk(root, runs, start, (form, end) => {
      if (found.has(form.match.term) || !boundariesHold(form, runs, start, end)) return;
      if (form.hasHan) {
        spans ??= cleanSpans(runs, normalized, cleanWords);
        if (insideCleanWord(spans, runs[start]?.start ?? 0, runs[end - 1]?.end ?? 0)) return;
      }
      found.set(form.match.term, { ...form.match });
    });
  }
  const matches = [...found.values()];
  return { text, flagged: matches.length > 0, matches };
}
