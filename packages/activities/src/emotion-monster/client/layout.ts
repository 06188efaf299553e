/**
 * Where things sit on the tablet stage, as pure geometry (no Phaser), so three parties agree on it:
 * the tablet scene draws the jars here, the scene's own hit-testing uses the same rectangles, and a
 * browser test clicks a jar at `tabletJarCentre(...)` without peeking into the canvas.
 *
 * ## The contract for tests
 * The tablet stage runs in Phaser's RESIZE mode: the canvas is as big as its parent and one game
 * pixel is one CSS pixel. So, with `box = await canvas.boundingBox()`:
 *
 * ```ts
 * const { x, y } = tabletJarCentre('joy', box.width, box.height);
 * await page.mouse.click(box.x + x, box.y + y);   // emits { type: 'answer', emotion: 'joy', intensity: 2, reason: null }
 * ```
 * `'love'` gives the centre of the pink love card. A click anywhere inside `tabletLayout(...).targets[e].hit`
 * counts as a tap on that jar.
 *
 * ## How jars are placed
 * The top band (`band`) holds the child's feeling ball and a picture hint. The five jars and the
 * love card share the rest in a grid of 6×1, 3×2 or 2×3 cells, whichever gives the biggest jars
 * (6×1 on a landscape tablet, 3×2 in portrait), in `EMOTIONS` order: joy, sadness, anger, fear,
 * calm, love. Each jar is centred in its cell with its label underneath.
 */
import { EMOTIONS, type Emotion } from '../logic/model.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Circle {
  x: number;
  y: number;
  radius: number;
}

export interface TabletTarget {
  emotion: Emotion;
  /** Jars have a lid and glass; love is a card (a bonus feeling with no jar, as in the book). */
  kind: 'jar' | 'card';
  /** The whole cell: a tap anywhere here chooses this jar. */
  hit: Rect;
  /** The jar (or card) drawing, without its label. */
  body: Rect;
  centre: { x: number; y: number };
  /** Where the child's ball rests once it is in this jar, and its biggest radius. */
  ballSpot: Circle;
  label: { x: number; y: number; fontSize: number };
}

export interface TabletLayout {
  width: number;
  height: number;
  /** The strip above the jars. */
  band: Rect;
  /** The feeling ball before it is placed. */
  ballHome: Circle;
  /** Where the picture hint ("put your ball in a jar" / "look at the big screen") goes. */
  hint: { x: number; y: number; width: number; fontSize: number };
  columns: number;
  rows: number;
  targets: Readonly<Record<Emotion, TabletTarget>>;
}

/** A jar is taller than wide: the lid and neck sit on top of the glass. */
export const JAR_ASPECT = 1.3;
/** The glass starts this far down the jar's body (lid and neck above it); art.ts draws to it. */
export const JAR_NECK = 0.18;
/** The biggest ball in a jar, relative to the jar's width: it fits under the jar's face label. */
export const JAR_BALL = 0.25;
const GRIDS: readonly (readonly [number, number])[] = [
  [6, 1],
  [3, 2],
  [2, 3],
];

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function labelSize(jarWidth: number): number {
  return Math.round(clamp(jarWidth * 0.2, 18, 34));
}

export function tabletLayout(width: number, height: number): TabletLayout {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const pad = Math.round(clamp(Math.min(w, h) * 0.03, 6, 24));
  const bandHeight = Math.round(clamp(h * 0.28, 96, 280));
  const band: Rect = { x: 0, y: 0, width: w, height: bandHeight };
  const area: Rect = { x: pad, y: bandHeight, width: w - 2 * pad, height: h - bandHeight - pad };

  let best = { columns: 6, rows: 1, jarWidth: 0 };
  for (const [columns, rows] of GRIDS) {
    const cellW = area.width / columns;
    const cellH = area.height / rows;
    // Solve jarWidth from: jar height + label + gaps fits the cell, and the jar fits the cell width.
    const byHeight = (cellH * 0.9) / (JAR_ASPECT + 0.34);
    const jarWidth = Math.min(cellW * 0.8, byHeight);
    if (jarWidth > best.jarWidth) best = { columns, rows, jarWidth };
  }
  const { columns, rows } = best;
  const jarWidth = Math.max(1, best.jarWidth);
  const jarHeight = jarWidth * JAR_ASPECT;
  const fontSize = labelSize(jarWidth);
  const cellW = area.width / columns;
  const cellH = area.height / rows;
  const blockH = jarHeight + fontSize * 1.5;

  const makeTarget = (emotion: Emotion): TabletTarget => {
    const i = EMOTIONS.indexOf(emotion);
    const col = i % columns;
    const row = Math.floor(i / columns);
    const hit: Rect = { x: area.x + col * cellW, y: area.y + row * cellH, width: cellW, height: cellH };
    const cx = hit.x + cellW / 2;
    const top = hit.y + (cellH - blockH) / 2;
    const body: Rect = { x: cx - jarWidth / 2, y: top, width: jarWidth, height: jarHeight };
    const bottom = body.y + jarHeight;
    const ballRadius = jarWidth * JAR_BALL;
    const label = { x: cx, y: bottom + fontSize * 0.9, fontSize };
    if (emotion === 'love') {
      return {
        emotion,
        kind: 'card',
        hit,
        body,
        centre: { x: cx, y: body.y + jarHeight / 2 },
        ballSpot: { x: cx, y: body.y + jarHeight * 0.72, radius: ballRadius * 0.8 },
        label,
      };
    }
    const glassTop = body.y + jarHeight * JAR_NECK;
    return {
      emotion,
      kind: 'jar',
      hit,
      body,
      centre: { x: cx, y: (glassTop + bottom) / 2 },
      ballSpot: { x: cx, y: bottom - ballRadius - jarHeight * 0.04, radius: ballRadius },
      label,
    };
  };
  const targets: Record<Emotion, TabletTarget> = {
    joy: makeTarget('joy'),
    sadness: makeTarget('sadness'),
    anger: makeTarget('anger'),
    fear: makeTarget('fear'),
    calm: makeTarget('calm'),
    love: makeTarget('love'),
  };

  const ballRadius = Math.round(clamp(Math.min(bandHeight * 0.36, w * 0.09), 32, 90));
  const ballHome: Circle = { x: pad + ballRadius * 1.6, y: bandHeight / 2, radius: ballRadius };
  const hintX = ballHome.x + ballRadius * 1.8;
  return {
    width: w,
    height: h,
    band,
    ballHome,
    hint: {
      x: hintX,
      y: bandHeight / 2,
      width: Math.max(40, w - hintX - pad),
      fontSize: Math.round(clamp(bandHeight * 0.22, 22, 44)),
    },
    columns,
    rows,
    targets,
  };
}

/** The point a test should click to choose `emotion` (game pixels = CSS pixels from the canvas's top-left). */
export function tabletJarCentre(emotion: Emotion, width: number, height: number): { x: number; y: number } {
  return tabletLayout(width, height).targets[emotion].centre;
}

function inside(rect: Rect, x: number, y: number): boolean {
  return x >= rect.x && x <= rect.x + rect.width && y >= rect.y && y <= rect.y + rect.height;
}

/** Which jar (or the love card) a point falls on, if any. */
export function tabletTargetAt(layout: TabletLayout, x: number, y: number): Emotion | null {
  for (const emotion of EMOTIONS) if (inside(layout.targets[emotion].hit, x, y)) return emotion;
  return null;
}

export function withinCircle(circle: Circle, x: number, y: number, slack = 0): boolean {
  return (x - circle.x) ** 2 + (y - circle.y) ** 2 <= (circle.radius + slack) ** 2;
}

/** Radius factor of a ball of intensity 1, 2, 3 (small, medium, big) relative to the biggest. */
export const BALL_SCALE: readonly [number, number, number] = [0.55, 0.75, 1];

/**
 * Places balls on the floor of a jar, biggest first, in rows from the bottom up, shrinking them all
 * until they fit. Pure and deterministic (the slight unevenness comes from the ball's index, not
 * from randomness), so a jar redrawn with the same counts looks the same.
 */
export function packBalls(sizes: readonly [number, number, number], inner: Rect, biggest: number): Circle[] {
  const radii: number[] = [];
  for (let s = 2; s >= 0; s -= 1) {
    const n = sizes[s] ?? 0;
    for (let i = 0; i < n; i += 1) radii.push(biggest * (BALL_SCALE[s] ?? 1));
  }
  if (radii.length === 0) return [];
  for (let scale = 1; scale > 0.02; scale *= 0.9) {
    const placed = tryPack(radii, inner, scale);
    if (placed) return placed;
  }
  return tryPack(radii, inner, 0.02) ?? [];
}

function tryPack(radii: readonly number[], inner: Rect, scale: number): Circle[] | null {
  const rows: { balls: number[]; height: number; width: number }[] = [];
  let current = { balls: [] as number[], height: 0, width: 0 };
  for (const base of radii) {
    const r = base * scale;
    if (current.balls.length > 0 && current.width + 2 * r > inner.width) {
      rows.push(current);
      current = { balls: [], height: 0, width: 0 };
    }
    current.balls.push(r);
    current.width += 2 * r;
    current.height = Math.max(current.height, 2 * r);
  }
  rows.push(current);
  // Rows nest into the gaps of the row below, so each row adds ~85% of its height.
  const total = rows.reduce((sum, row, i) => sum + row.height * (i === 0 ? 1 : 0.87), 0);
  if (total > inner.height || rows.some((row) => row.width > inner.width + 0.01)) return null;

  const out: Circle[] = [];
  let floor = inner.y + inner.height;
  rows.forEach((row, rowIndex) => {
    let x =
      inner.x +
      (inner.width - row.width) / 2 +
      (rowIndex % 2 === 1 ? Math.min(row.height * 0.25, (inner.width - row.width) / 2) : 0);
    row.balls.forEach((r, i) => {
      const wobble = ((i * 7 + rowIndex * 3) % 5) / 5 - 0.4;
      out.push({ x: x + r, y: floor - r - wobble * r * 0.12, radius: r });
      x += 2 * r;
    });
    floor -= row.height * 0.87;
  });
  return out;
}
