/**
 * Drawing for both stages, with Phaser Graphics and Text only: no image files to load (the app runs
 * offline) and nothing outside `phaser-core`, so a slimmer Phaser build keeps working. Jars are
 * drawn in two passes (back, then front with the face label) so balls can sit between the glass.
 */
import type * as Phaser from 'phaser';
import { createRng } from '../../rng.js';
import { type Emotion, JAR_EMOTIONS } from '../logic/model.js';
import { faceInkColour, faceOf } from './faces.js';
import { JAR_NECK, type Rect } from './layout.js';
import { cssColour, emotionColour, FONT_STACK, INK, shade } from './theme.js';

type Graphics = Phaser.GameObjects.Graphics;

/** A round-cornered radius that Graphics accepts for a box of this size. */
function cornerFor(width: number, height: number, wanted: number): number {
  return Math.max(0, Math.min(wanted, width / 2 - 0.5, height / 2 - 0.5));
}

export function drawFace(g: Graphics, emotion: Emotion, cx: number, cy: number, r: number): void {
  for (const p of faceOf(emotion)) {
    const colour = faceInkColour(p.ink, emotion);
    switch (p.kind) {
      case 'dot':
        g.fillStyle(colour, 1).fillCircle(cx + p.x * r, cy + p.y * r, p.r * r);
        break;
      case 'shape': {
        const [first, ...rest] = p.points;
        if (!first) break;
        g.fillStyle(colour, 1)
          .beginPath()
          .moveTo(cx + first[0] * r, cy + first[1] * r);
        for (const [x, y] of rest) g.lineTo(cx + x * r, cy + y * r);
        g.closePath().fillPath();
        break;
      }
      case 'line': {
        const [first, ...rest] = p.points;
        if (!first) break;
        const width = p.width * r;
        g.lineStyle(width, colour, 1)
          .beginPath()
          .moveTo(cx + first[0] * r, cy + first[1] * r);
        for (const [x, y] of rest) g.lineTo(cx + x * r, cy + y * r);
        g.strokePath();
        // WebGL line joins are mitred and caps square; dots at the corners make them round, as a
        // child would draw them.
        const corners = p.points.length <= 8 ? p.points : [first, p.points[p.points.length - 1] ?? first];
        g.fillStyle(colour, 1);
        for (const [x, y] of corners) g.fillCircle(cx + x * r, cy + y * r, width / 2);
        break;
      }
    }
  }
}

/** A face on a disc of the emotion's colour, as on each jar's label. */
export function drawFaceBadge(g: Graphics, emotion: Emotion, cx: number, cy: number, r: number): void {
  const colour = emotionColour(emotion);
  g.fillStyle(0xffffff, 1).fillCircle(cx, cy, r * 1.12);
  g.fillStyle(colour, 1).fillCircle(cx, cy, r);
  g.lineStyle(Math.max(2, r * 0.08), shade(colour, -0.35), 1).strokeCircle(cx, cy, r);
  drawFace(g, emotion, cx, cy, r * 0.92);
}

export interface JarLook {
  /** A warm glow around the jar the class is talking about. */
  glow?: boolean;
}

function glassRect(body: Rect): Rect {
  const top = body.y + body.height * JAR_NECK;
  return { x: body.x, y: top, width: body.width, height: body.y + body.height - top };
}

/** The inside of a jar where balls may lie (kept off the glass edges). */
export function jarInside(body: Rect): Rect {
  const glass = glassRect(body);
  const inset = body.width * 0.1;
  return {
    x: glass.x + inset,
    y: glass.y + inset,
    width: glass.width - 2 * inset,
    height: glass.height - inset * 1.4,
  };
}

export function drawGlow(g: Graphics, rect: Rect, colour = 0xffd54f): void {
  const steps = 6;
  const spread = Math.max(10, rect.width * 0.14);
  for (let i = steps; i >= 1; i -= 1) {
    const grow = (spread * i) / steps;
    const w = rect.width + 2 * grow;
    const h = rect.height + 2 * grow;
    g.fillStyle(colour, 0.09);
    g.fillRoundedRect(rect.x - grow, rect.y - grow, w, h, cornerFor(w, h, rect.width * 0.22 + grow));
  }
}

export function drawJarBack(g: Graphics, emotion: Emotion, body: Rect, look: JarLook = {}): void {
  const colour = emotionColour(emotion);
  const w = body.width;
  const h = body.height;
  if (look.glow) drawGlow(g, body);
  const glass = glassRect(body);
  const corner = cornerFor(glass.width, glass.height, w * 0.18);
  g.fillStyle(0xffffff, 0.85).fillRoundedRect(glass.x, glass.y, glass.width, glass.height, corner);
  g.fillStyle(colour, 0.18).fillRoundedRect(glass.x, glass.y, glass.width, glass.height, corner);
  // Neck, then the lid in the jar's colour: a second cue besides the face.
  const neckY = body.y + h * 0.085;
  g.fillStyle(0xffffff, 0.9).fillRect(body.x + w * 0.2, neckY, w * 0.6, glass.y - neckY + 2);
  g.fillStyle(colour, 0.18).fillRect(body.x + w * 0.2, neckY, w * 0.6, glass.y - neckY + 2);
  const lidH = h * 0.1;
  g.fillStyle(colour, 1).fillRoundedRect(
    body.x + w * 0.12,
    body.y,
    w * 0.76,
    lidH,
    cornerFor(w * 0.76, lidH, lidH * 0.35),
  );
  g.lineStyle(Math.max(2, w * 0.025), shade(colour, -0.4), 1);
  g.strokeRoundedRect(body.x + w * 0.12, body.y, w * 0.76, lidH, cornerFor(w * 0.76, lidH, lidH * 0.35));
}

export function drawJarFront(g: Graphics, emotion: Emotion, body: Rect): void {
  const colour = emotionColour(emotion);
  const w = body.width;
  const glass = glassRect(body);
  const corner = cornerFor(glass.width, glass.height, w * 0.18);
  g.lineStyle(Math.max(3, w * 0.04), shade(colour, -0.3), 1);
  g.strokeRoundedRect(glass.x, glass.y, glass.width, glass.height, corner);
  const neckY = body.y + body.height * 0.085;
  g.lineStyle(Math.max(2, w * 0.03), shade(colour, -0.3), 1);
  g.lineBetween(body.x + w * 0.2, neckY + body.height * 0.015, body.x + w * 0.2, glass.y);
  g.lineBetween(body.x + w * 0.8, neckY + body.height * 0.015, body.x + w * 0.8, glass.y);
  // A streak of light so it reads as glass.
  const streakH = glass.height * 0.5;
  g.fillStyle(0xffffff, 0.6).fillRoundedRect(
    glass.x + w * 0.09,
    glass.y + glass.height * 0.12,
    w * 0.07,
    streakH,
    cornerFor(w * 0.07, streakH, w * 0.035),
  );
  const r = w * 0.18;
  drawFaceBadge(g, emotion, body.x + w / 2, glass.y + r + body.height * 0.05, r);
}

/** Where a face sits on the love card; balls go below it. */
export function loveCardInside(body: Rect): Rect {
  return {
    x: body.x + body.width * 0.12,
    y: body.y + body.height * 0.55,
    width: body.width * 0.76,
    height: body.height * 0.38,
  };
}

export function drawLoveCard(g: Graphics, body: Rect, look: JarLook = {}): void {
  const colour = emotionColour('love');
  const w = body.width;
  const h = body.height;
  if (look.glow) drawGlow(g, body);
  const corner = cornerFor(w, h, w * 0.14);
  g.fillStyle(colour, 1).fillRoundedRect(body.x, body.y, w, h, corner);
  g.lineStyle(Math.max(3, w * 0.035), shade(colour, -0.35), 1).strokeRoundedRect(body.x, body.y, w, h, corner);
  const inset = w * 0.07;
  g.lineStyle(Math.max(2, w * 0.02), 0xffffff, 0.9);
  g.strokeRoundedRect(
    body.x + inset,
    body.y + inset,
    w - 2 * inset,
    h - 2 * inset,
    cornerFor(w - 2 * inset, h - 2 * inset, w * 0.1),
  );
  const r = w * 0.24;
  drawFaceBadge(g, 'love', body.x + w / 2, body.y + h * 0.3, r);
  // A star marks it as the bonus card.
  drawStar(g, body.x + w * 0.84, body.y + h * 0.08, w * 0.13, 0xffd54f);
}

export function drawStar(g: Graphics, cx: number, cy: number, r: number, colour: number): void {
  g.fillStyle(colour, 1).beginPath();
  for (let i = 0; i < 10; i += 1) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r : r * 0.45;
    const x = cx + Math.cos(a) * rr;
    const y = cy + Math.sin(a) * rr;
    if (i === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  }
  g.closePath().fillPath();
  g.lineStyle(Math.max(1.5, r * 0.12), shade(colour, -0.4), 1).strokePath();
}

export interface BallLook {
  /** The child's own ball gets a friendly face; balls in the class jars don't. */
  face?: boolean;
  /** Rotation of the rainbow ball's colours, in radians. */
  spin?: number;
  alpha?: number;
}

/** A feeling ball: one emotion's colour, or all five tangled colours before it is placed. */
export function drawBall(
  g: Graphics,
  x: number,
  y: number,
  r: number,
  fill: Emotion | 'tangled',
  look: BallLook = {},
): void {
  const alpha = look.alpha ?? 1;
  if (fill === 'tangled') {
    const spin = look.spin ?? 0;
    const step = (Math.PI * 2) / JAR_EMOTIONS.length;
    JAR_EMOTIONS.forEach((emotion, i) => {
      g.fillStyle(emotionColour(emotion), alpha);
      g.slice(x, y, r, spin + i * step, spin + (i + 1) * step, false);
      g.fillPath();
    });
    g.lineStyle(Math.max(2, r * 0.07), INK, alpha).strokeCircle(x, y, r);
  } else {
    const colour = emotionColour(fill);
    g.fillStyle(colour, alpha).fillCircle(x, y, r);
    g.lineStyle(Math.max(1.5, r * 0.08), shade(colour, -0.4), alpha).strokeCircle(x, y, r);
  }
  g.fillStyle(0xffffff, 0.45 * alpha).fillCircle(x - r * 0.38, y - r * 0.38, r * 0.2);
  if (!look.face) return;
  // White eyes and an outlined smile stay readable on every colour, the black fear slice included.
  for (const side of [-1, 1]) {
    g.fillStyle(0xffffff, alpha).fillCircle(x + side * r * 0.3, y - r * 0.08, r * 0.17);
    g.fillStyle(INK, alpha).fillCircle(x + side * r * 0.3, y - r * 0.05, r * 0.08);
  }
  const smile = (width: number, colour: number): void => {
    g.lineStyle(width, colour, alpha).beginPath();
    for (let i = 0; i <= 10; i += 1) {
      const t = -1 + i / 5;
      const px = x + t * r * 0.26;
      const py = y + r * 0.22 + r * 0.1 * (1 - t * t);
      if (i === 0) g.moveTo(px, py);
      else g.lineTo(px, py);
    }
    g.strokePath();
  };
  smile(r * 0.14, 0xffffff);
  smile(r * 0.07, INK);
}

interface Strand {
  colour: number;
  tangled: { x: number; y: number; phase: number }[];
  sorted: { x: number; y: number }[];
}

/** Where each colour's tidy ball ends up on the monster's belly (unit coordinates). */
const BELLY_BALL_RADIUS = 0.13;
function bellyBall(index: number): { x: number; y: number } {
  return { x: -0.58 + index * 0.29, y: 0.3 + 0.07 * Math.abs(index - 2) };
}

/**
 * The colour monster: while the class sorts, a scribble of all five colours; as more children
 * place their ball, each colour's scribble pulls itself into a tidy ball of its own. The scribble
 * is seeded, so it is the same monster on every redraw and every projector.
 */
export class MonsterArt {
  private readonly strands: Strand[] = [];

  constructor(seed = 20240917) {
    const rng = createRng(seed);
    const pointsPerStrand = 24;
    // Strand-major order, so the colours interleave in the tangle instead of stacking up.
    for (let s = 0; s < 3; s += 1) {
      JAR_EMOTIONS.forEach((emotion, c) => {
        const ball = bellyBall(c);
        const tangled = Array.from({ length: pointsPerStrand }, () => {
          const radius = Math.sqrt(rng.next());
          const angle = rng.next() * Math.PI * 2;
          return {
            x: Math.cos(angle) * radius * 0.78,
            y: 0.12 + Math.sin(angle) * radius * 0.7,
            phase: rng.next() * Math.PI * 2,
          };
        });
        const sorted = tangled.map((_, i) => {
          const angle = i * 2.39996 + s * 0.9;
          const radius = BELLY_BALL_RADIUS * (0.3 + 0.7 * ((i * 0.618 + s * 0.33) % 1));
          return { x: ball.x + Math.cos(angle) * radius, y: ball.y + Math.sin(angle) * radius };
        });
        this.strands.push({ colour: emotionColour(emotion), tangled, sorted });
      });
    }
  }

  /** `sortedness` in [0, 1]; `time` in ms drives the restless wobble of a tangled monster. */
  draw(g: Graphics, cx: number, cy: number, radius: number, sortedness: number, time: number): void {
    const e = Math.min(1, Math.max(0, sortedness));
    const R = radius;
    const body = 0x3b3a48;
    for (const side of [-1, 1]) {
      g.fillStyle(body, 1).fillRoundedRect(cx + side * R * 0.38 - R * 0.15, cy + R * 0.82, R * 0.3, R * 0.26, R * 0.1);
    }
    for (const side of [-1, 0, 1]) {
      g.lineStyle(R * 0.035, body, 1);
      g.lineBetween(cx + side * R * 0.2, cy - R * 0.98, cx + side * R * 0.3, cy - R * 1.14);
    }
    g.fillStyle(0xfffaf0, 1).fillCircle(cx, cy, R);
    g.lineStyle(R * 0.035, body, 1).strokeCircle(cx, cy, R);

    const wobble = (1 - e) * 0.05;
    for (const strand of this.strands) {
      g.lineStyle(Math.max(2, R * 0.024), strand.colour, 0.92).beginPath();
      strand.tangled.forEach((p, i) => {
        const q = strand.sorted[i] ?? p;
        const wx = p.x + wobble * Math.sin(time * 0.0021 + p.phase);
        const wy = p.y + wobble * Math.cos(time * 0.0017 + p.phase);
        const x = cx + (wx + (q.x - wx) * e) * R;
        const y = cy + (wy + (q.y - wy) * e) * R;
        if (i === 0) g.moveTo(x, y);
        else g.lineTo(x, y);
      });
      g.closePath().strokePath();
    }
    // The last stretch of sorting fills each scribble into a solid ball, like the ones in the jars.
    const solid = Math.max(0, (e - 0.75) / 0.25);
    if (solid > 0) {
      JAR_EMOTIONS.forEach((emotion, c) => {
        const ball = bellyBall(c);
        const colour = emotionColour(emotion);
        g.fillStyle(colour, solid).fillCircle(cx + ball.x * R, cy + ball.y * R, BELLY_BALL_RADIUS * R);
        g.lineStyle(Math.max(1.5, R * 0.015), shade(colour, -0.4), solid);
        g.strokeCircle(cx + ball.x * R, cy + ball.y * R, BELLY_BALL_RADIUS * R);
      });
    }

    // Eyes roll about while tangled and settle, looking at the class, once sorted.
    for (const [side, k] of [
      [-1, 0],
      [1, 2],
    ] as const) {
      const ex = cx + side * R * 0.3;
      const ey = cy - R * 0.5;
      g.fillStyle(0xffffff, 1).fillCircle(ex, ey, R * 0.17);
      g.lineStyle(R * 0.025, body, 1).strokeCircle(ex, ey, R * 0.17);
      const roll = (1 - e) * R * 0.07;
      const px = ex + roll * Math.cos(time * 0.003 + k);
      const py = ey + R * 0.02 + roll * Math.sin(time * 0.003 + k);
      g.fillStyle(INK, 1).fillCircle(px, py, R * 0.075);
    }
    // The mouth goes from a wobble to a smile; a pale edge keeps it readable over the scribble.
    const mouth = (width: number, colour: number): void => {
      g.lineStyle(width, colour, 1).beginPath();
      for (let i = 0; i <= 16; i += 1) {
        const t = -1 + i / 8;
        const wave = (1 - e) * R * 0.035 * Math.sin(t * Math.PI * 3 + time * 0.006);
        const x = cx + t * R * 0.22;
        const y = cy - R * 0.2 + e * R * 0.1 * (1 - t * t) + wave;
        if (i === 0) g.moveTo(x, y);
        else g.lineTo(x, y);
      }
      g.strokePath();
    };
    mouth(R * 0.09, 0xfffaf0);
    mouth(R * 0.035, body);
  }
}

export interface TextLook {
  colour?: number;
  bold?: boolean;
  /** Origin: 0.5 centres the text on (x, y). */
  originX?: number;
  originY?: number;
  wrapWidth?: number;
  align?: 'left' | 'center' | 'right';
}

/**
 * Text in the system CJK font. Padding keeps emoji and tall glyphs from being clipped; resolution
 * follows the screen so text stays sharp on a tablet's high-density display.
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
