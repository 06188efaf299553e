/**
 * Colours and fonts shared by the Phaser stages and the React controls, so a level badge looks the
 * same on the projector, a tablet and the teacher's console. Pure: no Phaser.
 */

/**
 * System fonts only: the app must work on a school LAN with the internet cut off, so nothing is
 * fetched. Emoji fonts come last so Chinese never falls through to them.
 */
export const FONT_STACK =
  '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Source Han Sans SC", sans-serif, "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji"';

export const PAPER = 0xfdf8ef;
export const INK = 0x1d1d28;
export const SOFT_INK = 0x5b5a66;
export const BAND = 0xfff1cf;
export const TILE = 0xffffff;
export const TILE_EDGE = 0xd8c9ab;
/** A found number: soft green, with a tick (never colour alone). */
export const FOUND = 0xdcefdc;
export const FOUND_INK = 0x6f9c78;
/** A wrong tap: a gentle orange wobble, not a red cross. */
export const OOPS = 0xffd9b0;
export const GOLD = 0xf2b632;
export const SKY = 0xe6f1fb;
export const ROCK = 0x8c9aa6;
export const ROCK_DARK = 0x6b7a87;
export const SNOW = 0xffffff;
export const GRASS = 0x9ccf8a;
export const PATH_COLOUR = 0xf2b632;

export function cssColour(colour: number): string {
  return `#${colour.toString(16).padStart(6, '0')}`;
}

/** Mixes a colour towards black (amount < 0) or white (amount > 0); amount in [-1, 1]. */
export function shade(colour: number, amount: number): number {
  const target = amount < 0 ? 0 : 255;
  const k = Math.min(1, Math.abs(amount));
  const channel = (shift: number): number => {
    const c = (colour >> shift) & 0xff;
    return Math.round(c + (target - c) * k) << shift;
  };
  return channel(16) | channel(8) | channel(0);
}

/**
 * Wall-clock milliseconds, the same clock the tablet times taps with (`performance.now()`).
 * Phaser's own `time` advances by a smoothed, capped delta, so it cannot time a child.
 */
export function wallClock(): number {
  return globalThis.performance.now();
}
