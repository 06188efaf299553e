/**
 * The team shapes as polygons around (0, 0) within the unit circle (y points down, as on screens).
 * One source for the Phaser scenes (filled paths) and the React badges (SVG `points`), so a shape
 * is the same everywhere. Pure: no Phaser, no DOM.
 */
export const SHAPES = [
  'circle',
  'square',
  'triangle',
  'star',
  'diamond',
  'heart',
  'hexagon',
  'moon',
  'pentagon',
  'plus',
] as const;
export type ShapeName = (typeof SHAPES)[number];
export type Point = readonly [number, number];

function regular(sides: number, radius = 1, startDeg = -90): Point[] {
  return Array.from({ length: sides }, (_, i) => {
    const a = ((startDeg + (360 * i) / sides) * Math.PI) / 180;
    return [radius * Math.cos(a), radius * Math.sin(a)] as const;
  });
}

function arc(cx: number, cy: number, r: number, fromDeg: number, toDeg: number, steps: number): Point[] {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const a = ((fromDeg + ((toDeg - fromDeg) * i) / steps) * Math.PI) / 180;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as const;
  });
}

function build(shape: ShapeName): Point[] {
  switch (shape) {
    case 'circle':
      return regular(40);
    case 'square':
      return [
        [-0.82, -0.82],
        [0.82, -0.82],
        [0.82, 0.82],
        [-0.82, 0.82],
      ];
    case 'triangle':
      return [
        [0, -1],
        [0.98, 0.78],
        [-0.98, 0.78],
      ];
    case 'star':
      return regular(10).map(([x, y], i): Point => (i % 2 === 0 ? [x, y] : [x * 0.46, y * 0.46]));
    case 'diamond':
      return [
        [0, -1],
        [0.78, 0],
        [0, 1],
        [-0.78, 0],
      ];
    case 'heart':
      // The classic heart curve, scaled to radius ~1 and nudged so it sits centred.
      return Array.from({ length: 48 }, (_, i) => {
        const t = (2 * Math.PI * i) / 48;
        const x = 16 * Math.sin(t) ** 3;
        const y = 13 * Math.cos(t) - 5 * Math.cos(2 * t) - 2 * Math.cos(3 * t) - Math.cos(4 * t);
        return [x / 16.5, -y / 16.5 - 0.12] as const;
      });
    case 'hexagon':
      return regular(6, 1, -90);
    case 'moon': {
      // Outer circle's left side, then back along a smaller circle: a fat crescent.
      const outer = arc(0, 0, 1, 50, 310, 28);
      const inner = arc(0.55, 0, 0.772, 83, 277, 20).reverse();
      return [...outer, ...inner].map(([x, y]) => [x + 0.18, y] as const);
    }
    case 'pentagon':
      return regular(5);
    case 'plus': {
      const w = 0.34;
      return [
        [-w, -1],
        [w, -1],
        [w, -w],
        [1, -w],
        [1, w],
        [w, w],
        [w, 1],
        [-w, 1],
        [-w, w],
        [-1, w],
        [-1, -w],
        [-w, -w],
      ];
    }
  }
}

/** Scaled so no point lies outside the unit circle: a shape then always fits its badge. */
function normalised(points: readonly Point[]): Point[] {
  const reach = Math.max(1, ...points.map(([x, y]) => Math.hypot(x, y)));
  return points.map(([x, y]) => [x / reach, y / reach] as const);
}

const CACHE = new Map<ShapeName, readonly Point[]>(SHAPES.map((s) => [s, normalised(build(s))]));

/** The shape's unit polygon. */
export function unitShape(shape: ShapeName): readonly Point[] {
  return CACHE.get(shape) ?? [];
}

/** The polygon placed at (cx, cy) with radius r. */
export function shapePoints(shape: ShapeName, cx: number, cy: number, r: number): Point[] {
  return unitShape(shape).map(([x, y]) => [cx + x * r, cy + y * r] as const);
}

/** SVG `points` for a badge drawn in a `size`×`size` box. */
export function svgPoints(shape: ShapeName, size: number, inset = 0.08): string {
  const r = (size / 2) * (1 - inset);
  return shapePoints(shape, size / 2, size / 2, r)
    .map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`)
    .join(' ');
}
