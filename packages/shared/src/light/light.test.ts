/**
 * `@heartlamp/shared/light` must stay zod-free (the join page's size depends on it) and must agree
 * with the schemas the server checks with: a code or nickname the tablet accepts is one the server
 * accepts, and the other way round. (That it imports no zod: light.zod-free.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { joinCodeSchema } from '../domain/ids.js';
import { localeSchema } from '../domain/locale.js';
import { nicknameSchema } from '../domain/nickname.js';
import * as light from './index.js';

describe('@heartlamp/shared/light', () => {
  it('checks join codes as joinCodeSchema does', () => {
    for (const value of ['123456', '000000', '12345', '1234567', '12a456', ' 123456', '', null, 123456, undefined]) {
      const parsed = joinCodeSchema.safeParse(value);
      expect(light.parseJoinCode(value)).toBe(parsed.success ? parsed.data : null);
    }
    expect('0'.repeat(light.JOIN_CODE_LENGTH)).toMatch(light.JOIN_CODE_PATTERN);
  });

  it('checks nicknames as nicknameSchema does', () => {
    const values: unknown[] = [
      { adjective: 'brave', animal: 'bear' },
      { adjective: 'brave', animal: 'dragon' },
      { adjective: 'grumpy', animal: 'bear' },
      { adjective: 'brave', animal: 'bear', name: 'Li' },
      { adjective: 'brave' },
      'brave bear',
      null,
    ];
    for (const value of values) expect(light.isNickname(value)).toBe(nicknameSchema.safeParse(value).success);
    const random = (n: number) => n - 1;
    expect(nicknameSchema.safeParse(light.pickNickname(random)).success).toBe(true);
  });

  it('picks locales as localeSchema does', () => {
    for (const value of ['zh-CN', 'en', 'fr', 'EN', '', null]) {
      expect(light.isLocale(value)).toBe(localeSchema.safeParse(value).success);
    }
    expect(light.pickLocale('fr')).toBe(light.DEFAULT_LOCALE);
  });
});
