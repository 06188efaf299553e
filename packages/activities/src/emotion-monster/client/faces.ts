/**
 * The face drawn on each jar, as plain geometry. Colour alone would leave colour-blind children
 * guessing (red anger and green calm look alike to many of them), so every colour always comes with
 * a face. The same primitives are drawn by Phaser (art.ts) and by SVG (FaceIcon.tsx), so the jar
 * a child sees on the tablet, the projector and the teacher's buttons is the same picture.
 *
 * Coordinates are in a unit face: centre (0, 0), radius 1, y pointing down.
 */
import type { Emotion } from '../logic/model.js';
import { INK, inkOn } from './theme.js';

export type Point = readonly [number, number];

/** Which colour a primitive takes; resolved per emotion by `faceInkColour`. */
export type FaceInk = 'ink' | 'white' | 'pupil' | 'tear' | 'heart';

export type FacePrimitive =
  | { kind: 'dot'; x: number; y: number; r: number; ink: FaceInk }
  | { kind: 'line'; points: readonly Point[]; width: number; ink: FaceInk }
  | { kind: 'shape'; points: readonly Point[]; ink: FaceInk };

const STROKE = 0.11;

export function faceInkColour(ink: FaceInk, emotion: Emotion): number {
  switch (ink) {
    case 'ink':
      return inkOn(emotion);
    case 'white':
      return 0xffffff;
    case 'pupil':
      return INK;
    case 'tear':
      return 0x9fd8ff;
    case 'heart':
      return 0xc2185b;
  }
}

function sample(x0: number, x1: number, y: (x: number) => number, n = 14): Point[] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const x = x0 + ((x1 - x0) * i) / n;
    return [x, y(x)] as const;
  });
}

/** A parabola through (cx ± half, y0) bulging by `bulge` at cx (positive bulges downwards). */
function bow(cx: number, half: number, y0: number, bulge: number): Point[] {
  return sample(cx - half, cx + half, (x) => y0 + bulge * (1 - ((x - cx) / half) ** 2));
}

function heart(cx: number, cy: number, size: number): Point[] {
  const k = size / 17;
  return Array.from({ length: 28 }, (_, i) => {
    const t = (i / 28) * Math.PI * 2;
    const x = 16 * Math.sin(t) ** 3;
    const y = -(13 * Math.cos(t) - 5 * Math.cos(2 * t) - 2 * Math.cos(3 * t) - Math.cos(4 * t));
    return [cx + x * k, cy + y * k] as const;
  });
}

function tear(cx: number, top: number, r: number): Point[] {
  const centreY = top + r * 2.2;
  const arc = Array.from({ length: 13 }, (_, i) => {
    const a = -Math.PI * 0.15 + (Math.PI * 1.3 * i) / 12;
    return [cx + Math.cos(a) * r, centreY + Math.sin(a) * r] as const;
  });
  return [[cx, top], ...arc];
}

function eyes(y: number, r: number, spread = 0.34): FacePrimitive[] {
  return [
    { kind: 'dot', x: -spread, y, r, ink: 'ink' },
    { kind: 'dot', x: spread, y, r, ink: 'ink' },
  ];
}

const FACES: Readonly<Record<Emotion, readonly FacePrimitive[]>> = {
  // A wide open laugh: the one face with a filled mouth.
  joy: [
    ...eyes(-0.22, 0.11),
    {
      kind: 'shape',
      points: [...sample(-0.48, 0.48, () => 0.1, 2), ...bow(0, 0.48, 0.1, 0.36).reverse()],
      ink: 'ink',
    },
  ],
  // Brows lifted in the middle, a frown and a tear.
  sadness: [
    ...eyes(-0.1, 0.1),
    {
      kind: 'line',
      points: [
        [-0.56, -0.3],
        [-0.18, -0.44],
      ],
      width: STROKE,
      ink: 'ink',
    },
    {
      kind: 'line',
      points: [
        [0.18, -0.44],
        [0.56, -0.3],
      ],
      width: STROKE,
      ink: 'ink',
    },
    { kind: 'line', points: bow(0, 0.32, 0.52, -0.16), width: STROKE, ink: 'ink' },
    { kind: 'shape', points: tear(-0.4, 0.02, 0.09), ink: 'tear' },
  ],
  // Brows pulled down to the middle and gritted teeth.
  anger: [
    ...eyes(-0.06, 0.1, 0.32),
    {
      kind: 'line',
      points: [
        [-0.6, -0.42],
        [-0.13, -0.22],
      ],
      width: STROKE * 1.2,
      ink: 'ink',
    },
    {
      kind: 'line',
      points: [
        [0.13, -0.22],
        [0.6, -0.42],
      ],
      width: STROKE * 1.2,
      ink: 'ink',
    },
    {
      kind: 'line',
      points: [
        [-0.38, 0.46],
        [-0.25, 0.34],
        [-0.12, 0.46],
        [0, 0.34],
        [0.12, 0.46],
        [0.25, 0.34],
        [0.38, 0.46],
      ],
      width: STROKE,
      ink: 'ink',
    },
  ],
  // Big round eyes, raised brows and a trembling mouth.
  fear: [
    { kind: 'dot', x: -0.32, y: -0.12, r: 0.21, ink: 'white' },
    { kind: 'dot', x: 0.32, y: -0.12, r: 0.21, ink: 'white' },
    { kind: 'dot', x: -0.3, y: -0.08, r: 0.08, ink: 'pupil' },
    { kind: 'dot', x: 0.3, y: -0.08, r: 0.08, ink: 'pupil' },
    { kind: 'line', points: bow(-0.32, 0.2, -0.46, -0.08), width: STROKE * 0.9, ink: 'ink' },
    { kind: 'line', points: bow(0.32, 0.2, -0.46, -0.08), width: STROKE * 0.9, ink: 'ink' },
    {
      kind: 'line',
      points: sample(-0.34, 0.34, (x) => 0.48 + 0.06 * Math.sin((x / 0.34) * Math.PI * 2), 20),
      width: STROKE,
      ink: 'ink',
    },
  ],
  // Eyes gently closed and a small smile.
  calm: [
    { kind: 'line', points: bow(-0.32, 0.16, -0.16, 0.09), width: STROKE, ink: 'ink' },
    { kind: 'line', points: bow(0.32, 0.16, -0.16, 0.09), width: STROKE, ink: 'ink' },
    { kind: 'line', points: bow(0, 0.28, 0.3, 0.12), width: STROKE, ink: 'ink' },
  ],
  // Heart eyes and a warm smile.
  love: [
    { kind: 'shape', points: heart(-0.32, -0.14, 0.24), ink: 'heart' },
    { kind: 'shape', points: heart(0.32, -0.14, 0.24), ink: 'heart' },
    { kind: 'line', points: bow(0, 0.36, 0.3, 0.18), width: STROKE, ink: 'ink' },
  ],
};

export function faceOf(emotion: Emotion): readonly FacePrimitive[] {
  return FACES[emotion];
}
