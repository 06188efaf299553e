/**
 * Moderation by example: every evasion below is flagged with the term it hides, every clean school
 * word or sentence below is not, and the text always comes back as typed.
 */
import { describe, expect, it } from 'vitest';
import { CLEAN_WORDS, LEXICON, MODERATION_CATEGORIES } from './lexicon.js';
import { moderate, moderationResultSchema } from './moderate.js';
import { CLEAN, HOSTILE } from './moderation.cases.js';
import { normalizeForMatching } from './normalize.js';

describe('moderate: evasions', () => {
  it('has at least 60 hostile variants and 40 clean texts', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(60);
    expect(CLEAN.length).toBeGreaterThanOrEqual(40);
  });

  it.each(HOSTILE)('flags %j as %s', (text, term) => {
    const result = moderate(text);
    expect(result.flagged).toBe(true);
    expect(result.matches.map((m) => m.term)).toContain(term);
    expect(result.text).toBe(text);
  });
});

describe('moderate: clean school text', () => {
  it.each(CLEAN)('does not flag %j', (text) => {
    expect(moderate(text)).toStrictEqual({ text, flagged: false, matches: [] });
  });
});

describe('moderate: result', () => {
  it('returns the text as typed, every term once, in order of appearance, with its category', () => {
    const text = '  傻 逼, kys! 傻逼 ';
    const result = moderate(text);
    expect(result).toStrictEqual({
      text,
      flagged: true,
      matches: [
        { term: '傻逼', category: 'insult' },
        { term: 'kill yourself', category: 'self-harm' },
      ],
    });
    expect(moderationResultSchema.parse(result)).toStrictEqual(result);
  });

  it('returns fresh match objects, so a caller cannot change the next result', () => {
    const first = moderate('sb');
    const match = first.matches[0];
    if (match) match.term = 'changed';
    expect(moderate('sb').matches).toStrictEqual([{ term: '傻逼', category: 'insult' }]);
  });

  it('handles empty and whitespace-only text', () => {
    expect(moderate('')).toStrictEqual({ text: '', flagged: false, matches: [] });
    expect(moderate(' \n\t ')).toStrictEqual({ text: ' \n\t ', flagged: false, matches: [] });
  });
});

describe('lexicon', () => {
  it('uses only the known categories and every category is used', () => {
    const used = new Set(LEXICON.map((e) => e.category));
    expect([...used].sort()).toStrictEqual([...MODERATION_CATEGORIES].sort());
  });

  it('flags every term and form of every entry as that entry’s term', () => {
    for (const entry of LEXICON) {
      for (const form of [entry.term, ...(entry.forms ?? [])]) {
        expect(moderate(form).matches, form).toContainEqual({ term: entry.term, category: entry.category });
      }
    }
  });

  it('lists no clean word that is itself flagged', () => {
    for (const word of CLEAN_WORDS) expect(moderate(word).flagged, word).toBe(false);
  });
});

describe('normalizeForMatching', () => {
  it.each([
    ['Ｆ.U.С.К you!!', 'fuck you'],
    ['ＡＢＣ １２３', 'abc 123'],
    ['f u c k you', 'fuck you'],
    ['fuuuuuck', 'fuuck'],
    ['k1ll y0urs3lf', 'kill yourself'],
    ['$hit @ss sh!t ki||', 'shit ass shit kill'],
    ['wow! great', 'wow great'],
    ['kys。ok,fine f,u,c,k。s b。I', 'kys。ok fine fuck。sb。i'],
    ['a**hole', 'a**hole'],
    ['5B 2024 100m', '5b 2024 100m'],
    ['glass hole', 'glass hole'],
    ['傻 _B', '傻b'],
    ['傻\u200B\u202E逼\uFE0F', '傻逼'],
    ['你真傻，逼自己', '你真傻。逼自己'],
    ['操你媽 體操', '操你妈体操'],
    ['艹', '操'],
    ['Crème brûlée', 'creme brulee'],
    ['ꜰᴜᴄᴋ ⓕⓤⓒⓚ 𝐟𝐮𝐜𝐤', 'fuck fuck fuck'],
    ['  ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeForMatching(input)).toBe(expected);
  });
});
