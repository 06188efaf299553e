/**
 * Where things sit, as pure geometry (no Phaser), so three parties agree on it: the scenes draw
 * here, the tablet's hit-testing uses the same rectangles, and a browser test clicks a grid cell at
 * `schulteCellCentre(...)` without peeking into the canvas.
 *
 * ## The contract for tests
 * The tablet stage runs in Phaser's RESIZE mode: the canvas is as big as its parent and one game
 * pixel is one CSS pixel. So, with `box = await canvas.boundingBox()` and the board the server dealt:
 *
 * ```ts
 * const { x, y } = schulteCellCentre(3, board.numbers.indexOf(1), box.width, box.height);
 * await page.mouse.click(box.x + x, box.y + y);   // finds "1"
 * ```
 * A tap anywhere inside `tabletLayout(...).cells[i].hit` counts as a tap on cell `i` (the gaps
 * between cells belong to the nearest cell: small fingers miss by a little). In the fish game a tap
 * anywhere on the stage counts.
 *
 * ## How the tablet is laid out
 * A strip on top (`band`) holds the level badge and the picture hint (the next number to find, or
 * "fish: tap / shark: don't"). The board is the biggest square that fits below it, centred; grid
 * cells split it with small gaps. On a 1024×768 or 768×1024 tablet a 5×5 cell is over 90 px.
 *
 * The projector's mountain (1920×1080) is here too: a switchback path up a peak, and the point at
 * any fraction of its length, so the climbers and the camps sit exactly on the path.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}

export interface Cell {
  /** The tile as drawn. */
  rect: Rect;
  /** What a tap may hit: the tile plus half the gap around it. */
  hit: Rect;
  centre: Point;
}

export interface TabletLayout {
  width: number;
  height: number;
  pad: number;
  band: Rect;
  /** The square the board (or the fish game) uses. */
  board: Rect;
  /** Grid cells row by row (empty when no grid size is given). */
  cells: Cell[];
  /** The size of a number in a cell. */
  numberSize: number;
  /** The fish game: where the picture appears, and the row of progress dots under it. */
  stimulus: { x: number; y: number; radius: number };
  dotsY: number;
  /** Text in the band. */
  bandFont: number;
}

/** The tablet's 3-2-1 before a board appears (a browser test waits this long before tapping). */
export const TABLET_COUNTDOWN_MS = 2400;

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function tabletLayout(width: number, height: number, gridSize: number | null): TabletLayout {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const pad = Math.round(clamp(Math.min(w, h) * 0.025, 6, 20));
  const bandHeight = Math.round(clamp(h * 0.13, 64, 110));
  const band: Rect = { x: pad, y: pad, width: Math.max(1, w - 2 * pad), height: bandHeight };
  const top = band.y + band.height + pad;
  const side = Math.max(1, Math.min(w - 2 * pad, h - top - pad));
  const board: Rect = { x: (w - side) / 2, y: top + (h - top - pad - side) / 2, width: side, height: side };

  const cells: Cell[] = [];
  let numberSize = 0;
  if (gridSize !== null && gridSize > 0) {
    const gap = Math.max(4, side * 0.025);
    const tile = (side - gap * (gridSize - 1)) / gridSize;
    numberSize = Math.round(clamp(tile * 0.5, 20, 96));
    for (let row = 0; row < gridSize; row += 1) {
      for (let col = 0; col < gridSize; col += 1) {
        const x = board.x + col * (tile + gap);
        const y = board.y + row * (tile + gap);
        const rect: Rect = { x, y, width: tile, height: tile };
        const left = col === 0 ? 0 : gap / 2;
        const upper = row === 0 ? 0 : gap / 2;
        const right = col === gridSize - 1 ? 0 : gap / 2;
        const lower = row === gridSize - 1 ? 0 : gap / 2;
        cells.push({
          rect,
          hit: { x: x - left, y: y - upper, width: tile + left + right, height: tile + upper + lower },
          centre: { x: x + tile / 2, y: y + tile / 2 },
        });
      }
    }
  }
  return {
    width: w,
    height: h,
    pad,
    band,
    board,
    cells,
    numberSize,
    stimulus: { x: board.x + side / 2, y: board.y + side * 0.44, radius: side * 0.34 },
    dotsY: board.y + side * 0.92,
    bandFont: Math.round(clamp(bandHeight * 0.34, 20, 36)),
  };
}

function inside(rect: Rect, x: number, y: number): boolean {
  return x >= rect.x && x <= rect.x + rect.width && y >= rect.y && y <= rect.y + rect.height;
}

/** Which grid cell a point falls on, if any. */
export function schulteCellAt(layout: TabletLayout, x: number, y: number): number | null {
  const i = layout.cells.findIndex((cell) => inside(cell.hit, x, y));
  return i === -1 ? null : i;
}

/** The point a test should click for cell `cell` of a `size`×`size` grid (CSS px from the canvas's top-left). */
export function schulteCellCentre(size: number, cell: number, width: number, height: number): Point {
  const found = tabletLayout(width, height, size).cells[cell];
  if (!found) throw new Error(`no cell ${cell} on a ${size}×${size} grid`);
  return found.centre;
}

// ------------------------------------------------------------------------------------------ projector

export const PROJECTOR_WIDTH = 1920;
export const PROJECTOR_HEIGHT = 1080;

export interface Mountain {
  /** The peak's outline: left foot, summit, right foot. */
  peak: readonly [Point, Point, Point];
  /** The switchback path from the foot to the summit. */
  path: Point[];
  /** Cumulative length at each path point (last = total). */
  lengths: number[];
}

/**
 * A peak and a path that zigzags up it in `turns` switchbacks, each turn kept inside the slopes.
 * Pure: the same numbers every time, so the climbers land on the path the scene drew.
 */
export function mountain(turns = 7): Mountain {
  const foot = 1000;
  const summit: Point = { x: 640, y: 190 };
  const left: Point = { x: 60, y: foot };
  const right: Point = { x: 1220, y: foot };
  const slopeX = (y: number, side: -1 | 1): number => {
    const k = (foot - y) / (foot - summit.y);
    return side < 0 ? left.x + (summit.x - left.x) * k : right.x - (right.x - summit.x) * k;
  };
  const path: Point[] = [{ x: 330, y: 985 }];
  for (let i = 1; i <= turns; i += 1) {
    const y = 985 - ((985 - (summit.y + 55)) * i) / turns;
    const side: -1 | 1 = i % 2 === 1 ? 1 : -1;
    const edge = slopeX(y, side);
    const margin = 70 * (1 - i / (turns + 2)) + 30;
    path.push({ x: edge - side * margin, y });
  }
  path.push({ x: summit.x, y: summit.y + 12 });
  const lengths = [0];
  for (let i = 1; i < path.length; i += 1) {
    const a = path[i - 1] as Point;
    const b = path[i] as Point;
    lengths.push((lengths[i - 1] ?? 0) + Math.hypot(b.x - a.x, b.y - a.y));
  }
  return { peak: [left, summit, right], path, lengths };
}

/** The point at `fraction` (0 = the foot, 1 = the summit) of the path's length. */
export function pointAlong(m: Mountain, fraction: number): Point {
  const total = m.lengths[m.lengths.length - 1] ?? 0;
  const target = clamp(fraction, 0, 1) * total;
  for (let i = 1; i < m.path.length; i += 1) {
    const end = m.lengths[i] ?? 0;
    if (target <= end || i === m.path.length - 1) {
      const start = m.lengths[i - 1] ?? 0;
      const a = m.path[i - 1] as Point;
      const b = m.path[i] as Point;
      const k = end > start ? (target - start) / (end - start) : 0;
      return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
    }
  }
  return m.path[0] ?? { x: 0, y: 0 };
}

/** The path from the foot up to `fraction`, as points (for drawing the part already climbed). */
export function pathUpTo(m: Mountain, fraction: number): Point[] {
  const total = m.lengths[m.lengths.length - 1] ?? 0;
  const target = clamp(fraction, 0, 1) * total;
  const out: Point[] = [];
  for (let i = 0; i < m.path.length; i += 1) {
    if ((m.lengths[i] ?? 0) <= target) out.push(m.path[i] as Point);
  }
  out.push(pointAlong(m, fraction));
  return out;
}
