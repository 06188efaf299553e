import { describe, expect, it } from 'vitest';
import { displayNameSchema } from './ledger.js';

const name = displayNameSchema(40);

describe('displayNameSchema', () => {
  it('takes the names a school writes, emoji sequences and other scripts included', () => {
    for (const text of [
      '三年级(2)班',
      '王老师',
      '👨‍👩‍👧‍👦家庭班👋🏽',
      'Αdmin 三年级',
      '阿依古丽·买买提',
      'محمد 张',
      '<b>粗</b>',
    ]) {
      expect(name.safeParse(text).success, JSON.stringify(text)).toBe(true);
    }
    expect(name.parse('  三年级(2)班 ')).toBe('三年级(2)班');
    // A BOM at either end is whitespace to trim, not part of the name.
    expect(name.parse('\uFEFF二班')).toBe('二班');
  });

  it('refuses invisible and direction-changing characters, and names that show nothing', () => {
    for (const text of [
      '三年级\u202E(2)班exe.gnp',
      '\u202Dabc\u202C',
      '\u2067二班\u2069',
      '三\u200B年级',
      '二班\u2060',
      '\u0000空字符班',
      '一\n二班',
      '\u3164\u3164',
      '\u200D',
      '',
      '   ',
    ]) {
      expect(name.safeParse(text).success, JSON.stringify(text)).toBe(false);
    }
  });
});
