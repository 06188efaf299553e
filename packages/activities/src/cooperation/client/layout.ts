/**
 * Where things sit on the two stages, as pure geometry (no Phaser), so the scenes draw there, the
 * tablet's hit-test uses the same circle, and a browser test clicks the drum without peeking into
 * the canvas.
 *
 * ## The contract for tests
 * The tablet stage runs in Phaser's RESIZE mode: one game pixel is one CSS pixel. With
 * `box = await canvas.boundingBox()`:
 * ```ts
 * const { x, y } = tabletDrumCentre(box.width, box.height);
 * await page.mouse.click(box.x + x, box.y + y);   // emits { type: 'tap' } (once per beat)
 * ```
 *
 * The projector is drawn at 1920×1080 and scaled by Phaser; `projectorSlots(n)` places n towers.
 */

export interface Circle {
  x: number;
  y: number;
  radius: number;
}

export interface TabletLayout {
  width: number;
  height: number;
  drum: Circle;
  /** The approaching beat ring starts this many drum radii out, and closes onto the drum. */
  ringReach: number;
  /** The band above the drum: countdown, "一起!", hints. */
  cue: { x: number; y: number; fontSize: number; width: number };
  /** The band below the drum: the child's own gentle feedback, or what happens next. */
  note: { x: number; y: number; fontSize: number; width: number };
  /** Taps anywhere within this radius of the drum's centre count: small fingers miss. */
  hitRadius: number;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export const RING_REACH = 1.4;

export function tabletLayout(width: number, height: number): TabletLayout {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const band = Math.round(clamp(h * 0.15, 56, 130));
  const free = Math.max(1, h - 2 * band);
  // The ring at its widest must stay on screen: 2·R·reach fits the free height and the width.
  const radius = Math.max(40, Math.min((w * 0.94) / (2 * RING_REACH), free / (2 * RING_REACH) + band * 0.1));
  const cy = band + free / 2;
  const fontSize = Math.round(clamp(band * 0.42, 22, 48));
  return {
    width: w,
    height: h,
    drum: { x: w / 2, y: cy, radius },
    ringReach: RING_REACH,
    cue: { x: w / 2, y: band * 0.55, fontSize: Math.round(fontSize * 1.15), width: w - 24 },
    note: { x: w / 2, y: h - band * 0.5, fontSize: Math.round(clamp(band * 0.32, 20, 36)), width: w - 24 },
    hitRadius: Math.min(radius * RING_REACH, Math.max(w, h)),
  };
}

/** The point a test should click to tap the drum (CSS pixels from the canvas's top-left). */
export function tabletDrumCentre(width: number, height: number): { x: number; y: number } {
  const { drum } = tabletLayout(width, height);
  return { x: drum.x, y: drum.y };
}

export function onDrum(layout: TabletLayout, x: number, y: number): boolean {
  const { drum } = layout;
  return (x - drum.x) ** 2 + (y - drum.y) ** 2 <= layout.hitRadius ** 2;
}

// ------------------------------------------------------------------------------------ projector

export const PROJECTOR_WIDTH = 1920;
export const PROJECTOR_HEIGHT = 1080;

export interface TowerSlot {
  /** Centre x of the slot. */
  x: number;
  width: number;
  towerWidth: number;
  /** The ground line and the goal line the tower grows between. */
  ground: number;
  top: number;
  labelSize: number;
}

/** Towers side by side, centred; wide slots for few teams (a tower is no wider than 260 px). */
export function projectorSlots(count: number): TowerSlot[] {
  const n = Math.max(1, count);
  const margin = 72;
  const width = Math.min(480, (PROJECTOR_WIDTH - 2 * margin) / n);
  const start = (PROJECTOR_WIDTH - width * n) / 2;
  const towerWidth = Math.round(Math.min(260, width * 0.6));
  const labelSize = Math.round(clamp(width * 0.24, 30, 54));
  return Array.from({ length: count }, (_, i) => ({
    x: start + width * (i + 0.5),
    width,
    towerWidth,
    ground: 860,
    // Room above the goal flag for the title row and a line of words (result, cheer).
    top: 300,
    labelSize,
  }));
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Team cards for the "find your team" step: one row up to four, else two rows. */
export function projectorCards(count: number): Rect[] {
  const columns = count <= 4 ? Math.max(1, count) : Math.ceil(count / 2);
  const rows = count <= 4 ? 1 : 2;
  const area: Rect = { x: 64, y: 250, width: PROJECTOR_WIDTH - 128, height: 700 };
  const gap = 28;
  const cardW = (area.width - gap * (columns - 1)) / columns;
  const cardH = Math.min(560, (area.height - gap * (rows - 1)) / rows);
  const top = area.y + (area.height - (cardH * rows + gap * (rows - 1))) / 2;
  return Array.from({ length: count }, (_, i) => {
    const row = Math.floor(i / columns);
    const inRow = row === rows - 1 ? count - columns * (rows - 1) : columns;
    const col = i % columns;
    // A short last row is centred under the full one.
    const rowStart = area.x + ((columns - inRow) * (cardW + gap)) / 2;
    return { x: rowStart + col * (cardW + gap), y: top + row * (cardH + gap), width: cardW, height: cardH };
  });
}
