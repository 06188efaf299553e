/**
 * Folds a child's text into the one form the word lists are written in, so that look-alike letters,
 * spacing, invisible characters and leetspeak do not hide a word. The result is for matching only:
 * it is never shown, and `moderate` hands the teacher the text exactly as typed.
 *
 * The output holds only letters and digits (Latin words kept apart by one space), Han characters,
 * `*` inside a word (a self-censored letter, as in "f*ck"), and `。` where sentence punctuation
 * separated Chinese text or a Chinese stop separated anything. Normalising it again changes
 * nothing (a property test says so). Two small caches (character class, folded form) are the only
 * state; they change no result.
 */
import { HOMOGLYPHS, LEET_DIGITS, LEET_SYMBOLS } from './confusables.js';

/** Format characters (zero-width, bidi controls, soft hyphen, tags), lone surrogates, private use, Hangul fillers. */
const INVISIBLE_ONE = /^[\p{Cf}\p{Cs}\p{Co}\u115F\u1160\u3164\uFFA0]$/u;
const MARKS = /\p{M}/gu;
const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const SPACE = /[\s\p{Cc}]/u;
/** Sentence punctuation keeps Chinese apart ("你真傻，逼自己" is not 傻逼) and Latin words apart like a space. */
const HARD = new Set([...'。，、！？；：…,!?;:']);
/** Chinese stops that NFKC leaves alone: never joined over, not even between single letters ("s b。I"). */
const STOPS = new Set([...'。、…']);
/** Written where `HARD` punctuation separated Chinese text, or a `STOPS` one any text, so that normalising again keeps the break. */
export const SENTENCE_BREAK = '。';
/** A self-censored letter inside a word; the matcher lets it stand for any one letter. */
export const WILDCARD = '*';
/** Runs of one character are cut to this length: "fuuuuck" → "fuuck", while "ass" and "kill" stay whole. */
export const MAX_RUN = 2;

const homoglyphs = new Map(Object.entries(HOMOGLYPHS));
const leetDigits = new Map(Object.entries(LEET_DIGITS));
const leetSymbols = new Map(Object.entries(LEET_SYMBOLS));
/** A `*` that does not sit inside a word becomes this, an ordinary separator. */
const LOOSE_STAR = '#';

type Kind = 'letter' | 'digit' | 'han' | 'space' | 'hard' | 'other';

function classify(c: string): Kind {
  if (c === WILDCARD) return 'digit';
  if (HAN.test(c)) return 'han';
  if (LETTER.test(c)) return 'letter';
  if (LETTER_OR_DIGIT.test(c)) return 'digit';
  if (HARD.has(c)) return 'hard';
  if (SPACE.test(c)) return 'space';
  return 'other';
}

/** Property-escape regexes cost microseconds each; a child's texts reuse few characters. */
const kinds = new Map<string, Kind>();
const CACHE_LIMIT = 8192;

/** `letter` and `digit` together make a Latin-style word; `*` counts as a digit (part of a word, not a letter). */
function kindOf(c: string): Kind {
  let kind = kinds.get(c);
  if (kind === undefined) {
    kind = classify(c);
    if (kinds.size >= CACHE_LIMIT) kinds.clear();
    kinds.set(c, kind);
  }
  return kind;
}

function isWordKind(kind: Kind): boolean {
  return kind === 'letter' || kind === 'digit';
}

/** True for a character of a Latin-style word in normalised text (not Han, not a separator). */
export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && isWordKind(kindOf(c));
}

function isPlainWord(c: string | undefined): boolean {
  return c !== undefined && c !== WILDCARD && isWordKind(kindOf(c));
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && kindOf(c) === 'letter';
}

/** True for a Han character. */
export function isHanChar(c: string | undefined): boolean {
  return c !== undefined && kindOf(c) === 'han';
}

/**
 * One code point folded: compatibility-decomposed (NFKD: full-width, circled, mathematical and
 * ligature forms to their plain letters), lower-cased, accents and other marks dropped, recomposed
 * (NFC, which only rebuilds Hangul syllables once marks are gone), look-alikes mapped. Together this
 * is NFKC with the marks taken off, done per code point so that it can be cached.
 */
function foldCodePoint(c: string): readonly string[] {
  if (INVISIBLE_ONE.test(c)) return [];
  const plain = c.normalize('NFKD').toLowerCase().replace(MARKS, '').normalize('NFC').toLowerCase();
  return [...plain].map((d) => homoglyphs.get(d) ?? d);
}

const folds = new Map<string, readonly string[]>();

function foldCharacters(text: string): string[] {
  const out: string[] = [];
  for (const c of text) {
    let fold = folds.get(c);
    if (fold === undefined) {
      fold = foldCodePoint(c);
      if (folds.size >= CACHE_LIMIT) folds.clear();
      folds.set(c, fold);
    }
    for (const d of fold) out.push(d);
  }
  return out;
}

/**
 * Symbols that touch a letter become letters ("@ss", "a$$", "sh!t", "ki||"); a `!` that ends a word
 * stays punctuation ("wow!"), and nothing next to a Han character is read as a letter ("好!sb").
 * A run of `*` inside a word stays a wildcard; any other `*` is punctuation.
 */
function readSymbols(chars: string[]): string[] {
  const out = [...chars];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] ?? '';
    const isStar = c === WILDCARD;
    if (!isStar && !leetSymbols.has(c)) {
      i += 1;
      continue;
    }
    let end = i;
    while (end < chars.length && (isStar ? chars[end] === WILDCARD : leetSymbols.has(chars[end] ?? ''))) end += 1;
    const before = chars[i - 1];
    const after = chars[end];
    const touchesHan = isHanChar(before) || isHanChar(after);
    let read: boolean;
    if (isStar) read = isPlainWord(before) && isPlainWord(after);
    else {
      const exclaims = chars.slice(i, end).some((s) => s === '!' || s === '¡');
      read = !touchesHan && (isLetter(after) || (isLetter(before) && !exclaims));
    }
    for (let k = i; k < end; k += 1) {
      if (isStar) out[k] = read ? WILDCARD : LOOSE_STAR;
      else if (read) out[k] = leetSymbols.get(chars[k] ?? '') ?? '';
    }
    i = end;
  }
  return out;
}

/** Digits read as letters, but only in a word that already has two letters: "sh1t" yes, "5B" and "2024" no. */
function readDigits(token: string): string {
  let letters = 0;
  for (const c of token) if (kindOf(c) === 'letter') letters += 1;
  if (letters < 2) return token;
  let out = '';
  for (const c of token) out += leetDigits.get(c) ?? c;
  return out;
}

function capRuns(text: string): string {
  let out = '';
  let previous = '';
  let run = 0;
  for (const c of text) {
    run = c === previous ? run + 1 : 1;
    previous = c;
    if (run <= MAX_RUN) out += c;
  }
  return out;
}

interface Piece {
  readonly kind: 'word' | 'han';
  text: string;
  /** Separator characters between the previous piece and this one. */
  readonly gapHasSpace: boolean;
  readonly gapHasHard: boolean;
  readonly gapHasStop: boolean;
}

/**
 * Splits into Latin words and single Han characters, remembering what separated them. A Latin word
 * here is what was typed between any two separators, so "f.u.c.k" is four one-letter words.
 */
function pieces(chars: string[]): Piece[] {
  const out: Piece[] = [];
  let space = false;
  let hard = false;
  let stop = false;
  let gap = false;
  for (const c of chars) {
    const kind = kindOf(c);
    if (isWordKind(kind) || kind === 'han') {
      const last = out[out.length - 1];
      if (kind !== 'han' && !gap && last?.kind === 'word') last.text += c;
      else
        out.push({
          kind: kind === 'han' ? 'han' : 'word',
          text: c,
          gapHasSpace: space,
          gapHasHard: hard,
          gapHasStop: stop,
        });
      space = false;
      hard = false;
      stop = false;
      gap = false;
    } else {
      gap = true;
      if (kind === 'space') space = true;
      if (kind === 'hard') hard = true;
      if (STOPS.has(c)) stop = true;
    }
  }
  return out;
}

function isSingle(text: string): boolean {
  const first = text.codePointAt(0) ?? 0;
  return text.length === (first > 0xffff ? 2 : 1);
}

/**
 * What goes between two pieces. Chinese: nothing ("傻 逼", "傻_逼" → 傻逼) unless sentence
 * punctuation stood there. Latin: nothing inside a word ("f.u.c.k", "fu-ck"), nothing between
 * letters spelled out one by one ("f u c k", "f,u,c,k"), otherwise one space where a space or
 * sentence punctuation stood ("glass hole", "ok, fine"), so that words stay words; a Chinese
 * stop stays a stop ("s b。I" is not "sbi").
 */
function separator(previous: Piece, next: Piece): string {
  if (previous.kind === 'han' || next.kind === 'han') return next.gapHasHard ? SENTENCE_BREAK : '';
  if (next.gapHasStop) return SENTENCE_BREAK;
  if (!next.gapHasSpace && !next.gapHasHard) return '';
  return isSingle(previous.text) && isSingle(next.text) ? '' : ' ';
}

/**
 * The matching form of `text`: NFKC (full-width → ASCII), lower case, without zero-width, bidi,
 * combining marks or variation selectors, look-alike letters folded (Cyrillic а е о р с х у і,
 * Greek ο ν…), leetspeak read (0→o 1→i 3→e 4→a 5→s 7→t @→a $→s !→i), separators between letters
 * removed, runs of a letter cut to two, and the traditional forms the word lists need simplified.
 * Pinyin abbreviations and homophones (sb, nmsl, 沙比, 草泥马) are not rewritten here: they are
 * forms in the lexicon, so that 草地 stays 草地.
 *
 * @example
 * normalizeForMatching('Ｆ.U.С.К you!!'); // 'fuck you' (the С and К are Cyrillic)
 * normalizeForMatching('傻 _B'); // '傻b'
 */
export function normalizeForMatching(text: string): string {
  const parts = pieces(readSymbols(foldCharacters(text)));
  let out = '';
  let token = '';
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i];
    if (!part) continue;
    const previous = parts[i - 1];
    const gap = previous ? separator(previous, part) : '';
    const continuesToken = previous?.kind === 'word' && part.kind === 'word' && gap === '';
    if (!continuesToken) {
      out += readDigits(token) + gap;
      token = '';
    }
    if (part.kind === 'word') token += part.text;
    else out += part.text;
  }
  return capRuns(out + readDigits(token));
}
