/**
 * Randomness for the browser, from `crypto.getRandomValues` only. Intent ids must not collide
 * across 30 tablets (the server stores them UNIQUE), and nicknames should not follow a pattern a
 * child could game, so `Math.random` is never used.
 */

/** A uniform integer in [0, n), by rejection sampling so small ranges carry no modulo bias. */
export function randomBelow(n: number): number {
  if (!Number.isInteger(n) || n <= 0 || n > 0x1_0000_0000) throw new RangeError(`randomBelow(${n})`);
  const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    const value = buffer[0] ?? 0;
    if (value < limit) return value % n;
  }
}

/** `bytes` random bytes as base64url without padding: 16 bytes → 22 characters. */
export function randomId(bytes = 16): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = '';
  for (const byte of raw) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
