/**
 * The fish and the shark as plain geometry (no Phaser, no DOM), so the tablet's Phaser stage, the
 * projector and the React controls draw the very same pictures. They differ by SHAPE, not only by
 * colour — a round smiling fish, a long shark with a tall fin and teeth — so a colour-blind child
 * tells them apart at a glance. Drawn, not emoji: the same on every tablet, with no font to load.
 *
 * Coordinates are in a unit box: the picture fits [-1, 1] × [-1, 1], facing right.
 */
import type { Picture } from '../logic/model.js';

export type Point = readonly [number, number];

export type Part =
  | { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number; fill: number; stroke?: number }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: number; alpha?: number }
  | { kind: 'poly'; points: readonly Point[]; fill: number; stroke?: number }
  | { kind: 'line'; points: readonly Point[]; width: number; colour: number };

export const INK = 0x1d1d28;
export const FISH_COLOUR = 0xff9f2e;
export const FISH_DARK = 0xc96a10;
export const SHARK_COLOUR = 0x7d8fa3;
export const SHARK_DARK = 0x4c5d70;
/** Outline width in unit-box terms (≈3 px on a 100 px picture). */
export const OUTLINE = 0.06;

const FISH: readonly Part[] = [
  {
    kind: 'poly',
    points: [
      [-0.5, 0],
      [-0.98, -0.46],
      [-0.84, 0],
      [-0.98, 0.46],
    ],
    fill: FISH_DARK,
    stroke: FISH_DARK,
  },
  {
    kind: 'poly',
    points: [
      [-0.2, -0.4],
      [0.06, -0.72],
      [0.34, -0.42],
    ],
    fill: FISH_DARK,
    stroke: FISH_DARK,
  },
  { kind: 'ellipse', cx: 0.08, cy: 0, rx: 0.7, ry: 0.52, fill: FISH_COLOUR, stroke: FISH_DARK },
  // A lighter stripe across the body: a friendly clownfish, not a plain blob.
  { kind: 'ellipse', cx: -0.04, cy: 0, rx: 0.09, ry: 0.43, fill: 0xfff3df },
  { kind: 'circle', cx: 0.44, cy: -0.12, r: 0.15, fill: 0xffffff },
  { kind: 'circle', cx: 0.47, cy: -0.12, r: 0.075, fill: INK },
  { kind: 'circle', cx: 0.36, cy: 0.16, r: 0.07, fill: 0xff6f91, alpha: 0.7 },
  {
    kind: 'line',
    points: [
      [0.5, 0.14],
      [0.6, 0.22],
      [0.7, 0.13],
    ],
    width: 0.055,
    colour: INK,
  },
];

const SHARK: readonly Part[] = [
  {
    kind: 'poly',
    points: [
      [-0.66, 0],
      [-1.0, -0.52],
      [-0.86, 0],
      [-1.0, 0.42],
    ],
    fill: SHARK_DARK,
    stroke: SHARK_DARK,
  },
  {
    kind: 'poly',
    points: [
      [-0.14, -0.28],
      [0.08, -0.8],
      [0.34, -0.28],
    ],
    fill: SHARK_DARK,
    stroke: SHARK_DARK,
  },
  {
    kind: 'poly',
    points: [
      [0.02, 0.22],
      [-0.2, 0.52],
      [0.28, 0.24],
    ],
    fill: SHARK_DARK,
    stroke: SHARK_DARK,
  },
  {
    kind: 'poly',
    points: [
      [-0.76, 0],
      [-0.42, -0.26],
      [0.2, -0.33],
      [0.68, -0.22],
      [0.99, 0.02],
      [0.7, 0.24],
      [0.2, 0.3],
      [-0.42, 0.22],
    ],
    fill: SHARK_COLOUR,
    stroke: SHARK_DARK,
  },
  { kind: 'ellipse', cx: 0.3, cy: 0.17, rx: 0.46, ry: 0.1, fill: 0xe9eef3 },
  // Gills.
  {
    kind: 'line',
    points: [
      [0.3, -0.1],
      [0.27, 0.08],
    ],
    width: 0.035,
    colour: SHARK_DARK,
  },
  {
    kind: 'line',
    points: [
      [0.38, -0.11],
      [0.35, 0.08],
    ],
    width: 0.035,
    colour: SHARK_DARK,
  },
  // The open mouth with teeth.
  {
    kind: 'poly',
    points: [
      [0.52, 0.1],
      [0.93, 0.05],
      [0.86, 0.19],
      [0.58, 0.2],
    ],
    fill: 0x5a1f2a,
  },
  {
    kind: 'poly',
    points: [
      [0.56, 0.1],
      [0.6, 0.17],
      [0.64, 0.095],
      [0.68, 0.165],
      [0.72, 0.085],
      [0.76, 0.155],
      [0.8, 0.075],
      [0.84, 0.14],
      [0.88, 0.065],
    ],
    fill: 0xffffff,
  },
  { kind: 'circle', cx: 0.64, cy: -0.07, r: 0.075, fill: INK },
  { kind: 'circle', cx: 0.655, cy: -0.09, r: 0.025, fill: 0xffffff },
  {
    kind: 'line',
    points: [
      [0.52, -0.2],
      [0.74, -0.13],
    ],
    width: 0.05,
    colour: INK,
  },
];

export function pictureParts(picture: Picture): readonly Part[] {
  return picture === 'fish' ? FISH : SHARK;
}

/** A tick (do this) and a cross (don't), in the same unit box: always beside a picture, never alone. */
export const TICK: readonly Point[] = [
  [-0.55, 0.02],
  [-0.15, 0.42],
  [0.6, -0.45],
];
export const CROSS: readonly (readonly Point[])[] = [
  [
    [-0.5, -0.5],
    [0.5, 0.5],
  ],
  [
    [0.5, -0.5],
    [-0.5, 0.5],
  ],
];
export const GO_COLOUR = 0x2f8f57;
export const STOP_COLOUR = 0xc4472f;
