import { describe, expect, it } from 'vitest';
import { randomBelow, randomId } from './random';

describe('randomId', () => {
  it('is base64url, 22 characters for 16 bytes, and does not repeat', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => randomId()));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('randomBelow', () => {
  it('stays in range and reaches every value', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = randomBelow(16);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(16);
      seen.add(n);
    }
    expect(seen.size).toBe(16);
  });

  it('refuses an empty range', () => {
    expect(() => randomBelow(0)).toThrow(RangeError);
  });
});
