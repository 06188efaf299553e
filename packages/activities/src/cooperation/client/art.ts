/**
 * Drawing for both stages with Phaser Graphics and Text only: no image files to load (the app runs
 * offline) and nothing outside `phaser-core`. Blocks carry the team's shape as well as its colour,
 * so a colour-blind child can still tell whose tower is whose.
 */
import type * as Phaser from 'phaser';
import { type Point, type ShapeName, shapePoints } from './shapes.js';
import { cssColour, FONT_STACK, INK, shade, type TeamStyle } from './theme.js';

type Graphics = Phaser.GameObjects.Graphics;

export function fillPolygon(g: Graphics, points: readonly Point[], colour: number, alpha = 1): void {
  const [first, ...rest] = points;
  if (!first) return;
  g.fillStyle(colour, alpha).beginPath().moveTo(first[0], first[1]);
  for (const [x, y] of rest) g.lineTo(x, y);
  g.closePath().fillPath();
}

export function strokePolygon(g: Graphics, points: readonly Point[], width: number, colour: number, alpha = 1): void {
  const [first, ...rest] = points;
  if (!first) return;
  g.lineStyle(width, colour, alpha).beginPath().moveTo(first[0], first[1]);
  for (const [x, y] of rest) g.lineTo(x, y);
  g.closePath().strokePath();
}

export function drawShape(
  g: Graphics,
  shape: ShapeName,
  cx: number,
  cy: number,
  r: number,
  colour: number,
  options: { alpha?: number; outline?: number } = {},
): void {
  const points = shapePoints(shape, cx, cy, r);
  fillPolygon(g, points, colour, options.alpha ?? 1);
  if (options.outline !== undefined)
    strokePolygon(g, points, Math.max(2, r * 0.1), options.outline, options.alpha ?? 1);
}

/** The team badge: the shape in the team colour on a white disc with a dark rim. */
export function drawBadge(g: Graphics, style: TeamStyle, cx: number, cy: number, r: number): void {
  g.fillStyle(0xffffff, 1).fillCircle(cx, cy, r);
  g.lineStyle(Math.max(2, r * 0.08), shade(style.colour, -0.35), 1).strokeCircle(cx, cy, r);
  drawShape(g, style.shape, cx, cy, r * 0.62, style.colour, { outline: shade(style.colour, -0.35) });
}

/** One tower block: the team colour with its shape stamped in a lighter tint. */
export function drawBlock(
  g: Graphics,
  style: TeamStyle,
  x: number,
  y: number,
  width: number,
  height: number,
  alpha = 1,
): void {
  const radius = Math.max(0, Math.min(10, height * 0.2, width * 0.2));
  g.fillStyle(style.colour, alpha).fillRoundedRect(x, y, width, height, radius);
  g.lineStyle(Math.max(2, height * 0.06), shade(style.colour, -0.35), alpha).strokeRoundedRect(
    x,
    y,
    width,
    height,
    radius,
  );
  const r = Math.min(height * 0.32, width * 0.2);
  if (r >= 4) drawShape(g, style.shape, x + width / 2, y + height / 2, r, shade(style.colour, 0.55), { alpha });
}

export interface TextLook {
  bold?: boolean;
  colour?: number;
  originX?: number;
  originY?: number;
  align?: 'left' | 'center' | 'right';
  wrapWidth?: number;
}

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

/** Shrinks a text uniformly so it is at most `maxWidth` wide (long English team names). */
export function fitWidth(text: Phaser.GameObjects.Text, maxWidth: number): void {
  text.setScale(1);
  if (text.width > maxWidth && maxWidth > 0) text.setScale(maxWidth / text.width);
}

/** Small shapes thrown up and falling back: the shared cheer, and a tablet's "一起!" burst. */
export interface Particle {
  x: number;
  y: number;
  vx: number;
  vy: number;
  spin: number;
  angle: number;
  size: number;
  colour: number;
  shape: ShapeName;
  born: number;
  life: number;
}

/**
 * A deterministic scatter (no Math.random): particles differ by index through a cheap hash, so the
 * same burst looks the same each time — nothing here needs to be unpredictable.
 */
export function burst(
  count: number,
  from: { x: number; y: number; spread: number },
  look: { colours: readonly number[]; shapes: readonly ShapeName[]; size: number; speed: number; life: number },
  now: number,
): Particle[] {
  const hash = (i: number, k: number): number => {
    const v = Math.sin(i * 127.1 + k * 311.7) * 43758.5453;
    return v - Math.floor(v);
  };
  return Array.from({ length: count }, (_, i) => {
    const angle = -Math.PI / 2 + (hash(i, 1) - 0.5) * Math.PI * 1.1;
    const speed = look.speed * (0.55 + hash(i, 2) * 0.7);
    return {
      x: from.x + (hash(i, 3) - 0.5) * from.spread,
      y: from.y,
      vx: Math.cos(angle) * speed,
      vy: Math.sin(angle) * speed,
      spin: (hash(i, 4) - 0.5) * 12,
      angle: hash(i, 5) * Math.PI,
      size: look.size * (0.6 + hash(i, 6) * 0.8),
      colour: look.colours[i % look.colours.length] ?? INK,
      shape: look.shapes[i % look.shapes.length] ?? 'circle',
      born: now,
      life: look.life * (0.75 + hash(i, 7) * 0.5),
    };
  });
}

/** Confetti falling from the top edge across the whole width: the class's shared cheer. */
export function rain(
  count: number,
  width: number,
  look: { colours: readonly number[]; shapes: readonly ShapeName[]; size: number; life: number },
  now: number,
): Particle[] {
  return burst(count, { x: width / 2, y: -20, spread: width }, { ...look, speed: 160 }, now).map((p, i) => ({
    ...p,
    // Downwards and sideways instead of up: confetti drifts, it is not thrown.
    vx: p.vx * 0.5,
    vy: Math.abs(p.vy) * 0.6 + 40,
    born: now + (i % 12) * 60,
  }));
}

/** Moves and draws live particles (gravity in px/s²); returns those still alive. */
export function drawParticles(g: Graphics, particles: readonly Particle[], now: number, gravity: number): Particle[] {
  const alive: Particle[] = [];
  for (const p of particles) {
    const t = (now - p.born) / 1000;
    if (t * 1000 > p.life) continue;
    alive.push(p);
    if (t < 0) continue; // not released yet (a staggered rain)
    const x = p.x + p.vx * t;
    const y = p.y + p.vy * t + 0.5 * gravity * t * t;
    const fade = 1 - Math.max(0, (t * 1000 - p.life * 0.6) / (p.life * 0.4));
    const a = p.angle + p.spin * t;
    const points = shapePoints(p.shape, 0, 0, p.size).map(
      ([px, py]) => [x + px * Math.cos(a) - py * Math.sin(a), y + px * Math.sin(a) + py * Math.cos(a)] as const,
    );
    fillPolygon(g, points, p.colour, fade);
  }
  return alive;
}
