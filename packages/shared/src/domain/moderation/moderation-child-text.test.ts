/**
 * `childTextSchema`: trims, takes out control and bidi characters, refuses empty text, and counts
 * length in user-perceived characters, so an emoji family or a flag is one character, not eleven.
 */
import { describe, expect, it } from 'vitest';
import { childTextSchema, cleanChildText, graphemeLength } from './child-text.js';

describe('childTextSchema', () => {
  const schema = childTextSchema(5);

  it('trims and keeps the words as typed', () => {
    expect(schema.parse('  你好 ')).toBe('你好');
    expect(schema.parse('\u3000hi\u3000')).toBe('hi');
  });

  it('takes out control characters and bidi controls, and reads line breaks as spaces', () => {
    expect(schema.parse('a\u0000b\u0007c')).toBe('abc');
    expect(schema.parse('a\nb')).toBe('a b');
    expect(schema.parse('\u202Eabc\u202C')).toBe('abc');
    expect(schema.parse('ab\u2066c\u2069')).toBe('abc');
  });

  it('keeps the joiners and selectors that build an emoji', () => {
    expect(schema.parse('👨‍👩‍👧')).toBe('👨‍👩‍👧');
    expect(schema.parse('❤️')).toBe('❤️');
  });

  it('replaces lone surrogates, so the text is well formed', () => {
    expect(schema.parse('a\uD800b')).toBe('a\uFFFDb');
  });

  it.each(['', '   ', '\n\t', '\u200B', '\u200B\u200D', '\u3164', '\u0000'])('refuses %j as empty', (text) => {
    const result = schema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('empty');
  });

  it('counts an emoji, a flag, an emoji family and a letter with accents as one character each', () => {
    expect(schema.parse('😊🇨🇳👨‍👩‍👧é好')).toBe('😊🇨🇳👨‍👩‍👧é好');
    expect(schema.parse('e\u0301\u0301abcd')).toBe('e\u0301\u0301abcd');
  });

  it('refuses more than maxChars characters', () => {
    expect(schema.safeParse('我今天很开心').success).toBe(false);
    expect(schema.safeParse('😊😊😊😊😊😊').success).toBe(false);
    expect(schema.safeParse('😊😊😊😊😊').success).toBe(true);
    expect(schema.safeParse('  12345  ').success).toBe(true);
  });

  it('refuses a non-string', () => {
    expect(schema.safeParse(12).success).toBe(false);
    expect(schema.safeParse(undefined).success).toBe(false);
  });

  it('does not rewrite words: moderation flags them later', () => {
    expect(childTextSchema(40).parse('sb 傻逼')).toBe('sb 傻逼');
  });

  it('needs a positive integer length', () => {
    expect(() => childTextSchema(0)).toThrow(RangeError);
    expect(() => childTextSchema(2.5)).toThrow(RangeError);
  });
});

describe('graphemeLength', () => {
  it('counts user-perceived characters and stops early when asked', () => {
    expect(graphemeLength('')).toBe(0);
    expect(graphemeLength('ab😊🇨🇳')).toBe(4);
    expect(graphemeLength('abcdef', 3)).toBe(3);
  });

  it('is what the schema cleans and counts', () => {
    expect(cleanChildText(' a\tb ')).toBe('a b');
  });
});
