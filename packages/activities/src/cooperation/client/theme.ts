/**
 * Each team's look — colour, shape and picture — shared by the Phaser scenes and the React
 * controls, so the sun team looks the same on the projector, on a tablet and in the console.
 * Colour never stands alone: a colour-blind child tells the teams apart by shape and picture.
 * Colours follow Okabe & Ito's colour-blind-safe palette where it has enough entries. Pure: no Phaser.
 */
import { TEAM_CODES, type TeamCode } from '../logic/model.js';
import type { ShapeName } from './shapes.js';

export interface TeamStyle {
  code: TeamCode;
  colour: number;
  shape: ShapeName;
  emoji: string;
}

const STYLES: Readonly<Record<TeamCode, Omit<TeamStyle, 'code'>>> = {
  sun: { colour: 0xe69f00, shape: 'circle', emoji: '☀️' },
  wave: { colour: 0x0072b2, shape: 'square', emoji: '🌊' },
  tree: { colour: 0x009e73, shape: 'triangle', emoji: '🌳' },
  star: { colour: 0xe3c21c, shape: 'star', emoji: '⭐' },
  rocket: { colour: 0xd55e00, shape: 'diamond', emoji: '🚀' },
  rainbow: { colour: 0xcc79a7, shape: 'heart', emoji: '🌈' },
  cloud: { colour: 0x56b4e9, shape: 'hexagon', emoji: '☁️' },
  moon: { colour: 0x6a4c9c, shape: 'moon', emoji: '🌙' },
  mountain: { colour: 0x8c6d46, shape: 'pentagon', emoji: '⛰️' },
  bolt: { colour: 0x4d4d4d, shape: 'plus', emoji: '⚡' },
};

/** The style of team `index` (an index into TEAM_CODES); out-of-range indexes wrap. */
export function teamStyle(index: number): TeamStyle {
  const code = TEAM_CODES[((index % TEAM_CODES.length) + TEAM_CODES.length) % TEAM_CODES.length] ?? 'sun';
  return { code, ...STYLES[code] };
}

/**
 * System fonts only: the app must work on a school LAN with the internet cut off, so nothing is
 * fetched. Emoji fonts come last so Chinese never falls through to them.
 */
export const FONT_STACK =
  '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Source Han Sans SC", sans-serif, "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji"';

export const PAPER = 0xfdf8ef;
export const INK = 0x1d1d28;
export const SOFT_INK = 0x5b5a66;
export const GROUND = 0xc9b79c;
export const DISABLED = 0xb8b3a6;

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
 * Wall-clock milliseconds for animation and for the beat. Phaser's own `time` advances by a
 * smoothed, capped delta, so on a slow PC it drifts behind the real clock — and the beat must not.
 */
export function wallClock(): number {
  return globalThis.performance.now();
}
