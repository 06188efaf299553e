/**
 * Colours, fonts and the emoji pictures shared by the Phaser scenes and the React controls, so a
 * jar looks the same on the projector, on a tablet and on the teacher's console. Pure: no Phaser.
 */
import { EMOTION_COLOURS, type Emotion, type Reason } from '../logic/model.js';

/**
 * System fonts only: the app must work on a school LAN with the internet cut off, so nothing is
 * fetched. Emoji fonts come last so Chinese never falls through to them.
 */
export const FONT_STACK =
  '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Source Han Sans SC", sans-serif, "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji"';

export const PAPER = 0xfdf8ef;
export const INK = 0x1d1d28;
export const SOFT_INK = 0x5b5a66;
export const GLASS_EDGE = 0x8fa3b8;

/** Pictures for the reasons: a child of six picks by the picture, the word is underneath. */
export const REASON_EMOJI: Readonly<Record<Reason, string>> = {
  home: '🏠',
  friends: '👫',
  school: '🏫',
  body: '🤒',
  other: '❓',
};
export const PASS_EMOJI = '🤐';
export const TALK_EMOJI = '🙋';
export const LOOK_EMOJI = '👀';

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

/** Features are drawn dark on light colours and light on the black fear jar. */
export function inkOn(emotion: Emotion): number {
  return emotion === 'fear' ? 0xffffff : INK;
}

export function emotionColour(emotion: Emotion): number {
  return EMOTION_COLOURS[emotion];
}

export function emotionCss(emotion: Emotion): string {
  return cssColour(EMOTION_COLOURS[emotion]);
}

/**
 * Wall-clock milliseconds for animations. Phaser's own `time` advances by a smoothed, capped delta,
 * so on a slow projector PC it runs behind the real clock and easing would crawl.
 */
export function wallClock(): number {
  return globalThis.performance.now();
}
