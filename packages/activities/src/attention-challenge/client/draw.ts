/**
 * Drawing for both stages with Phaser Graphics and Text only: no image files (the app runs
 * offline) and nothing beyond the core game objects. Pictures come from pictures.ts, so they match
 * the SVG versions in the React controls.
 */
import type * as Phaser from 'phaser';
import type { LevelSpec, Picture } from '../logic/model.js';
import { CROSS, GO_COLOUR, OUTLINE, type Part, pictureParts, STOP_COLOUR, TICK } from './pictures.js';
import { cssColour, FONT_STACK, GOLD, INK, shade, TILE, TILE_EDGE } from './theme.js';

type Graphics = Phaser.GameObjects.Graphics;

export interface TextLook {
  colour?: number;
  bold?: boolean;
  originX?: number;
  originY?: number;
  wrapWidth?: number;
  align?: 'left' | 'center' | 'right';
}

/**
 * Text in the system CJK font. Padding keeps emoji and tall glyphs from being clipped; resolution
 * follows the screen so numbers stay sharp on a tablet's high-density display.
 */
export function addText(
  scene: Phaser.Scene,
  x: number,
  y: number,
  text: string,
  size: number,
  look: TextLook = {},
): Phaser.GameObjects.Text {
  const style: Phaser.Types.GameObjects.Text.TextStyle = {
    fontFamily: FONT_STACK,
    fontSize: `${Math.round(size)}px`,
    fontStyle: look.bold ? 'bold' : 'normal',
    color: cssColour(look.colour ?? INK),
    align: look.align ?? 'center',
    padding: { top: Math.ceil(size * 0.15), bottom: Math.ceil(size * 0.15) },
    resolution: Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1)),
    testString: '|MÉqgy国😀',
  };
  if (look.wrapWidth !== undefined) style.wordWrap = { width: look.wrapWidth, useAdvancedWrap: true };
  return scene.add.text(x, y, text, style).setOrigin(look.originX ?? 0.5, look.originY ?? 0.5);
}

/** Shrinks a text uniformly so it is at most `maxWidth` wide (long English labels). */
export function fitWidth(text: Phaser.GameObjects.Text, maxWidth: number): void {
  if (text.width > maxWidth && maxWidth > 0) text.setScale(maxWidth / text.width);
}

function polyPath(g: Graphics, points: readonly (readonly [number, number])[], cx: number, cy: number, r: number) {
  const [first, ...rest] = points;
  if (!first) return false;
  g.beginPath().moveTo(cx + first[0] * r, cy + first[1] * r);
  for (const [x, y] of rest) g.lineTo(cx + x * r, cy + y * r);
  g.closePath();
  return true;
}

function drawPart(g: Graphics, part: Part, cx: number, cy: number, r: number, alpha: number): void {
  const outline = Math.max(1.5, OUTLINE * r);
  switch (part.kind) {
    case 'ellipse':
      g.fillStyle(part.fill, alpha).fillEllipse(cx + part.cx * r, cy + part.cy * r, part.rx * 2 * r, part.ry * 2 * r);
      if (part.stroke !== undefined) {
        g.lineStyle(outline, part.stroke, alpha).strokeEllipse(
          cx + part.cx * r,
          cy + part.cy * r,
          part.rx * 2 * r,
          part.ry * 2 * r,
        );
      }
      break;
    case 'circle':
      g.fillStyle(part.fill, alpha * (part.alpha ?? 1)).fillCircle(cx + part.cx * r, cy + part.cy * r, part.r * r);
      break;
    case 'poly':
      if (polyPath(g, part.points, cx, cy, r)) {
        g.fillStyle(part.fill, alpha).fillPath();
        if (part.stroke !== undefined) {
          polyPath(g, part.points, cx, cy, r);
          g.lineStyle(outline, part.stroke, alpha).strokePath();
        }
      }
      break;
    case 'line':
      strokeLine(g, part.points, cx, cy, r, part.width * r, part.colour, alpha);
      break;
  }
}

/** A polyline with round ends and joins (WebGL joins are mitred; dots round them off). */
function strokeLine(
  g: Graphics,
  points: readonly (readonly [number, number])[],
  cx: number,
  cy: number,
  r: number,
  width: number,
  colour: number,
  alpha: number,
): void {
  const [first, ...rest] = points;
  if (!first) return;
  g.lineStyle(width, colour, alpha)
    .beginPath()
    .moveTo(cx + first[0] * r, cy + first[1] * r);
  for (const [x, y] of rest) g.lineTo(cx + x * r, cy + y * r);
  g.strokePath();
  g.fillStyle(colour, alpha);
  for (const [x, y] of points) g.fillCircle(cx + x * r, cy + y * r, width / 2);
}

/** The fish or the shark, `r` = half its width. */
export function drawPicture(g: Graphics, picture: Picture, cx: number, cy: number, r: number, alpha = 1): void {
  for (const part of pictureParts(picture)) drawPart(g, part, cx, cy, r, alpha);
}

/** A green ring with a tick ("do this") or a red ring with a cross ("don't"). */
export function drawVerdict(g: Graphics, go: boolean, cx: number, cy: number, r: number): void {
  const colour = go ? GO_COLOUR : STOP_COLOUR;
  g.fillStyle(0xffffff, 1).fillCircle(cx, cy, r);
  g.lineStyle(Math.max(2, r * 0.16), colour, 1).strokeCircle(cx, cy, r * 0.9);
  const inner = r * 0.62;
  if (go) strokeLine(g, TICK, cx, cy, inner, Math.max(3, r * 0.2), colour, 1);
  else for (const stroke of CROSS) strokeLine(g, stroke, cx, cy, inner, Math.max(3, r * 0.2), colour, 1);
}

/** A small grid of tiles: the picture for a Schulte level (numbers are drawn by the caller). */
export function drawGridIcon(g: Graphics, size: number, x: number, y: number, side: number): void {
  const gap = side * 0.05;
  const tile = (side - gap * (size - 1)) / size;
  for (let row = 0; row < size; row += 1) {
    for (let col = 0; col < size; col += 1) {
      const tx = x + col * (tile + gap);
      const ty = y + row * (tile + gap);
      g.fillStyle(TILE, 1).fillRoundedRect(tx, ty, tile, tile, Math.min(10, tile * 0.18));
      g.lineStyle(Math.max(1.5, tile * 0.06), TILE_EDGE, 1).strokeRoundedRect(
        tx,
        ty,
        tile,
        tile,
        Math.min(10, tile * 0.18),
      );
    }
  }
}

/** A five-pointed star (a level cleared). */
export function drawStar(g: Graphics, cx: number, cy: number, r: number, colour = GOLD, alpha = 1): void {
  const points: [number, number][] = [];
  for (let i = 0; i < 10; i += 1) {
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const k = i % 2 === 0 ? 1 : 0.45;
    points.push([Math.cos(angle) * k, Math.sin(angle) * k]);
  }
  if (polyPath(g, points, cx, cy, r)) g.fillStyle(colour, alpha).fillPath();
  if (polyPath(g, points, cx, cy, r)) g.lineStyle(Math.max(1.5, r * 0.1), shade(colour, -0.3), alpha).strokePath();
}

/**
 * The picture for a level: a grid for Schulte (with its first numbers, so it reads as "find the
 * numbers"), the fish beside the shark for go/no-go. Returns the texts it made (for cleanup).
 */
export function drawLevelPicture(
  scene: Phaser.Scene,
  g: Graphics,
  spec: LevelSpec,
  cx: number,
  cy: number,
  side: number,
): Phaser.GameObjects.Text[] {
  if (spec.kind === 'gonogo') {
    const r = side * 0.26;
    drawPicture(g, 'fish', cx - side * 0.27, cy - side * 0.08, r);
    drawVerdict(g, true, cx - side * 0.27, cy + side * 0.3, side * 0.1);
    drawPicture(g, 'shark', cx + side * 0.27, cy - side * 0.08, r);
    drawVerdict(g, false, cx + side * 0.27, cy + side * 0.3, side * 0.1);
    return [];
  }
  const x = cx - side / 2;
  const y = cy - side / 2;
  drawGridIcon(g, spec.size, x, y, side);
  const gap = side * 0.05;
  const tile = (side - gap * (spec.size - 1)) / spec.size;
  // A fixed, readable sample (not the real board): 1, 2, 3 along the diagonal-ish cells.
  const sample = spec.size === 3 ? [4, 1, 7, 2, 9, 5, 8, 3, 6] : [];
  const texts: Phaser.GameObjects.Text[] = [];
  for (let i = 0; i < spec.size * spec.size; i += 1) {
    const value = sample[i] ?? ((i * 7) % (spec.size * spec.size)) + 1;
    const col = i % spec.size;
    const row = Math.floor(i / spec.size);
    texts.push(
      addText(scene, x + col * (tile + gap) + tile / 2, y + row * (tile + gap) + tile / 2, String(value), tile * 0.5, {
        bold: true,
      }),
    );
  }
  return texts;
}
