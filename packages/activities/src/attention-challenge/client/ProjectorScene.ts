/**
 * The projector stage (1920×1080, read from the back of a classroom): the class's shared mountain.
 * Every level any child clears moves the whole class one step up the path — 每个人的每一关都让大家
 * 一起往上爬 — with a camp for each level of the ladder and the summit at the end. Beside it, the
 * level now being played and how many children have cleared it.
 *
 * Counts only, by construction: the view carries no participant id and no time, so this scene could
 * not rank children or show a speed if it wanted to.
 */
import * as Phaser from 'phaser';
import type { StageBridge } from '../../client-contract.js';
import { createRng } from '../../rng.js';
import type { LevelSpec } from '../logic/model.js';
import type { ProjectorView } from '../logic/views.js';
import { addText, drawLevelPicture, drawStar, fitWidth, type TextLook } from './draw.js';
import { clamp, type Mountain, mountain, type Point, PROJECTOR_WIDTH, pathUpTo, pointAlong } from './layout.js';
import {
  GOLD,
  GRASS,
  INK,
  PAPER,
  PATH_COLOUR,
  ROCK,
  ROCK_DARK,
  SKY,
  SNOW,
  SOFT_INK,
  shade,
  wallClock,
} from './theme.js';

type Graphics = Phaser.GameObjects.Graphics;

const PANEL = { x: 1270, y: 160, width: 590, height: 700 } as const;
const PHASE_COLOURS: Readonly<Record<ProjectorView['phase'], number>> = {
  ready: 0x5b8def,
  playing: 0x2f8f57,
  stopped: 0xe0883b,
  finished: 0xc9302c,
};
/** Climber colours: each with its own face, never told apart by colour alone (they need not be). */
const CLIMBERS = [0xf6c945, 0x5b8def, 0xf28cb8] as const;
const POP_MS = 1600;

interface Pop {
  text: Phaser.GameObjects.Text;
  at: number;
}

export class ProjectorScene extends Phaser.Scene {
  private readonly bridge: StageBridge<ProjectorView, never>;
  private view: ProjectorView;
  private unsubscribe: (() => void) | null = null;
  private readonly hill: Mountain = mountain();
  private staticGraphics: Graphics | null = null;
  private climbGraphics: Graphics | null = null;
  private texts: Phaser.GameObjects.Text[] = [];
  private pops: Pop[] = [];
  /** Shown progress (0…1), easing towards the class's. */
  private shown = 0;
  private lastFrameAt = wallClock();

  constructor(bridge: StageBridge<ProjectorView, never>) {
    super({ key: 'attention-challenge-projector' });
    this.bridge = bridge;
    this.view = bridge.view;
  }

  create(): void {
    this.cameras.main.setBackgroundColor(PAPER);
    this.staticGraphics = this.add.graphics();
    this.climbGraphics = this.add.graphics().setDepth(5);
    this.shown = this.progress(this.view);
    this.render();
    this.unsubscribe = this.bridge.onView((view) => {
      const gained = view.climbed - this.view.climbed;
      this.view = view;
      if (gained > 0) this.pop(gained);
      this.render();
    });
    const stop = (): void => {
      this.unsubscribe?.();
      this.unsubscribe = null;
    };
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, stop);
    this.events.once(Phaser.Scenes.Events.DESTROY, stop);
  }

  private progress(view: ProjectorView): number {
    return view.goal > 0 ? clamp(view.climbed / view.goal, 0, 1) : 0;
  }

  private t(key: string, vars?: Record<string, string | number>): string {
    return this.bridge.t(key, vars);
  }

  private text(x: number, y: number, value: string, size: number, look: TextLook = {}): Phaser.GameObjects.Text {
    const text = addText(this, x, y, value, size, look);
    this.texts.push(text);
    return text;
  }

  override update(): void {
    const now = wallClock();
    const elapsed = Math.min(250, now - this.lastFrameAt);
    this.lastFrameAt = now;
    this.shown += (this.progress(this.view) - this.shown) * Math.min(1, elapsed / 700);
    this.drawClimb(now);
    this.pops = this.pops.filter((pop) => {
      const age = now - pop.at;
      if (age > POP_MS) {
        pop.text.destroy();
        return false;
      }
      const k = age / POP_MS;
      const at = pointAlong(this.hill, this.shown);
      pop.text.setPosition(at.x + 70, at.y - 70 - k * 90).setAlpha(1 - k * k);
      return true;
    });
  }

  /** "+1" (or "+3") floating up from the climbers: a step the class just took together. */
  private pop(gained: number): void {
    const at = pointAlong(this.hill, this.shown);
    const text = addText(this, at.x + 70, at.y - 70, `+${gained}`, 64, { bold: true, colour: shade(GOLD, -0.35) });
    text.setDepth(10);
    this.pops.push({ text, at: wallClock() });
  }

  private levelName(spec: LevelSpec): string {
    return spec.kind === 'schulte'
      ? this.t('level.schulte', { size: spec.size })
      : this.t('level.gonogo', { pace: this.t(`level.pace.${spec.pace}`) });
  }

  private render(): void {
    const g = this.staticGraphics;
    if (!g) return;
    for (const text of this.texts) text.destroy();
    this.texts = [];
    g.clear();
    const view = this.view;

    this.text(72, 72, this.t('title'), 60, { bold: true, originX: 0 });
    this.drawPhasePill(g, view);
    this.drawMountain(g, view);
    this.drawPanel(g, view);

    const canvas = this.game.canvas;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute(
      'aria-label',
      this.t('projector.aria', {
        level: view.level.number,
        cleared: view.clearedNow,
        present: view.present,
        climbed: view.climbed,
        goal: view.goal,
      }),
    );
    canvas.dataset.climbed = String(view.climbed);
    canvas.dataset.cleared = String(view.clearedNow);
  }

  private drawPhasePill(g: Graphics, view: ProjectorView): void {
    const label = this.text(PROJECTOR_WIDTH - 80, 72, this.t(`phase.${view.phase}`), 44, {
      bold: true,
      originX: 1,
      colour: 0xffffff,
    });
    const w = label.width + 56;
    const h = 76;
    g.fillStyle(PHASE_COLOURS[view.phase], 1).fillRoundedRect(PROJECTOR_WIDTH - 80 - w + 28, 72 - h / 2, w, h, h / 2);
  }

  private drawMountain(g: Graphics, view: ProjectorView): void {
    const [left, summit, right] = this.hill.peak;
    g.fillStyle(SKY, 1).fillRoundedRect(40, 130, 1200, 910, 36);
    // Far hills, then the peak with its snow cap, then grass at its foot.
    g.fillStyle(0xcfdde8, 1).fillTriangle(40, 1000, 260, 520, 560, 1000);
    g.fillStyle(0xcfdde8, 1).fillTriangle(820, 1000, 1080, 470, 1240, 1000);
    g.fillStyle(ROCK, 1).fillTriangle(left.x, left.y, summit.x, summit.y, right.x, right.y);
    g.fillStyle(ROCK_DARK, 1).fillTriangle(summit.x, summit.y, right.x, right.y, summit.x + 120, right.y);
    const capY = summit.y + 150;
    const capL = summit.x - ((summit.x - left.x) * 150) / (left.y - summit.y);
    const capR = summit.x + ((right.x - summit.x) * 150) / (right.y - summit.y);
    g.fillStyle(SNOW, 1)
      .beginPath()
      .moveTo(summit.x, summit.y)
      .lineTo(capR, capY)
      .lineTo(summit.x + 45, capY - 35)
      .lineTo(summit.x, capY + 5)
      .lineTo(summit.x - 50, capY - 30)
      .lineTo(capL, capY)
      .closePath()
      .fillPath();
    g.fillStyle(GRASS, 1).fillRoundedRect(40, 990, 1200, 50, { tl: 0, tr: 0, bl: 36, br: 36 });

    // The whole path, pale and dashed; the climbed part is drawn every frame (it eases).
    const path = this.hill.path;
    for (let i = 1; i < path.length; i += 1) this.dashed(g, path[i - 1] as Point, path[i] as Point);

    // A camp per level: a pennant with its number; reached ones are gold with a star.
    const levels = view.camps.length;
    const reached = this.progress(view);
    view.camps.forEach((camp, i) => {
      const fraction = (i + 1) / Math.max(1, levels);
      const at = pointAlong(this.hill, fraction);
      const done = reached >= fraction - 1e-9 && view.goal > 0;
      const current = i === view.level.number - 1;
      const pole = at.y - 78;
      // The level being played now: a gold ring round its pennant, seen from the back of the room.
      if (current) g.lineStyle(6, GOLD, 0.9).strokeCircle(at.x + 24, pole + 20, 50);
      g.lineStyle(6, INK, 1).lineBetween(at.x, at.y, at.x, pole);
      g.fillStyle(done ? GOLD : 0xffffff, 1).fillTriangle(at.x, pole, at.x + 62, pole + 20, at.x, pole + 40);
      g.lineStyle(3, shade(done ? GOLD : 0xbfb8a6, -0.3), 1).strokeTriangle(
        at.x,
        pole,
        at.x + 62,
        pole + 20,
        at.x,
        pole + 40,
      );
      this.text(at.x + 22, pole + 20, String(i + 1), 28, { bold: true });
      // A star once anyone has cleared this level, at the pennant's tip (clear of the climbers).
      if (camp.cleared > 0) drawStar(g, at.x + 80, pole + 20, 14, done ? GOLD : 0xe6dcc6);
    });
  }

  private dashed(g: Graphics, a: Point, b: Point): void {
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    const dash = 22;
    g.lineStyle(10, 0xffffff, 0.9);
    for (let d = 0; d < length; d += dash * 2) {
      const k0 = d / length;
      const k1 = Math.min(1, (d + dash) / length);
      g.lineBetween(a.x + (b.x - a.x) * k0, a.y + (b.y - a.y) * k0, a.x + (b.x - a.x) * k1, a.y + (b.y - a.y) * k1);
    }
  }

  /** The climbed path and the climbers, every frame (the climb eases; the summit sparkles). */
  private drawClimb(now: number): void {
    const g = this.climbGraphics;
    if (!g) return;
    g.clear();
    const walked = pathUpTo(this.hill, this.shown);
    if (walked.length > 1) {
      for (const [width, colour] of [
        [22, shade(PATH_COLOUR, -0.35)],
        [14, PATH_COLOUR],
      ] as const) {
        g.lineStyle(width, colour, 1);
        for (let i = 1; i < walked.length; i += 1) {
          const a = walked[i - 1] as Point;
          const b = walked[i] as Point;
          g.lineBetween(a.x, a.y, b.x, b.y);
        }
        g.fillStyle(colour, 1);
        for (const p of walked) g.fillCircle(p.x, p.y, width / 2);
      }
    }
    const at = pointAlong(this.hill, this.shown);
    // The group stands just behind the point it reached, so a camp's pennant stays readable.
    this.drawClimbers(g, { x: at.x - 30, y: at.y + 6 }, now);
    const summit = this.view.goal > 0 && this.view.climbed >= this.view.goal;
    if (summit) this.drawSparkles(g, this.hill.peak[1], now);
    else if (this.view.phase === 'finished') this.drawSparkles(g, at, now);
  }

  private drawClimbers(g: Graphics, at: Point, now: number): void {
    const bob = Math.sin(now / 300) * 3;
    // The leader carries the class flag; two friends follow a little behind and below.
    const spots = [
      { dx: 0, dy: 0, colour: CLIMBERS[0] },
      { dx: -34, dy: 16, colour: CLIMBERS[1] },
      { dx: -64, dy: 30, colour: CLIMBERS[2] },
    ];
    for (const [i, spot] of [...spots.entries()].reverse()) {
      const x = at.x + spot.dx;
      const y = at.y + spot.dy - 26 + (i === 0 ? bob : -bob * 0.6);
      g.fillStyle(shade(spot.colour, -0.15), 1).fillRoundedRect(x - 13, y + 10, 26, 30, 10);
      g.fillStyle(0xfde3c8, 1).fillCircle(x, y, 16);
      g.lineStyle(3, INK, 1).strokeCircle(x, y, 16);
      g.fillStyle(INK, 1)
        .fillCircle(x - 5, y - 2, 2.6)
        .fillCircle(x + 5, y - 2, 2.6);
      g.lineStyle(2.5, INK, 1)
        .beginPath()
        .arc(x, y + 3, 6, 0.2, Math.PI - 0.2)
        .strokePath();
      g.fillStyle(spot.colour, 1).fillRoundedRect(x - 16, y - 18, 32, 10, 5);
    }
    const pole = { x: at.x + 18, y: at.y - 40 + bob };
    g.lineStyle(5, INK, 1).lineBetween(pole.x, pole.y + 30, pole.x, pole.y - 58);
    g.fillStyle(0xe0473c, 1).fillTriangle(pole.x, pole.y - 58, pole.x + 50, pole.y - 42, pole.x, pole.y - 26);
    drawStar(g, pole.x + 16, pole.y - 42, 8, 0xffffff);
  }

  /** Stars twinkling round a point (the climbers, or the summit), kept inside the sky. */
  private drawSparkles(g: Graphics, centre: Point, now: number): void {
    // Seeded, not Math.random: the same stars every frame, twinkling in place.
    const rng = createRng(20_240_901);
    const colours = [GOLD, 0xe0473c, 0x5b8def, 0x46a86b] as const;
    for (let i = 0; i < 18; i += 1) {
      const angle = rng.next() * Math.PI * 2;
      const distance = 80 + rng.next() * 170;
      const x = clamp(centre.x + Math.cos(angle) * distance, 80, 1200);
      const y = clamp(centre.y - 40 + Math.sin(angle) * distance * 0.6, 160, 980);
      const twinkle = 0.5 + 0.5 * Math.sin(now / 240 + i);
      drawStar(g, x, y, 10 + 8 * twinkle, colours[i % colours.length], 0.5 + 0.5 * twinkle);
    }
  }

  private drawPanel(g: Graphics, view: ProjectorView): void {
    const { x, y, width, height } = PANEL;
    const cx = x + width / 2;
    g.fillStyle(0x000000, 0.06).fillRoundedRect(x + 6, y + 10, width, height, 36);
    g.fillStyle(0xffffff, 1).fillRoundedRect(x, y, width, height, 36);
    g.lineStyle(4, 0xe6dcc6, 1).strokeRoundedRect(x, y, width, height, 36);

    this.text(cx, y + 70, this.t('level.numberOf', { number: view.level.number, total: view.level.total }), 56, {
      bold: true,
    });
    this.texts.push(...drawLevelPicture(this, g, view.level.spec, cx, y + 250, 230));
    fitWidth(this.text(cx, y + 420, this.levelName(view.level.spec), 46, { bold: true }), width - 40);

    const lower = y + 560;
    if (view.phase === 'finished') {
      const summit = view.goal > 0 && view.climbed >= view.goal;
      const done = this.text(cx, lower - 20, this.t(summit ? 'projector.summitReached' : 'projector.finished'), 60, {
        bold: true,
        colour: 0xc9302c,
      });
      fitWidth(done, width - 40);
    } else if (view.present === 0) {
      this.text(cx, lower, this.t('projector.waiting'), 44, { colour: SOFT_INK });
    } else if (view.phase === 'ready') {
      this.text(cx, lower - 40, this.t('projector.ready'), 52, { bold: true });
      const how =
        view.level.spec.kind === 'schulte'
          ? this.t('projector.howSchulte', { max: view.level.spec.size * view.level.spec.size })
          : this.t('projector.howGonogo');
      this.text(cx, lower + 50, how, 38, { colour: SOFT_INK, wrapWidth: width - 60 });
    } else {
      this.text(cx, lower - 30, this.t('projector.cleared', { cleared: view.clearedNow, present: view.present }), 120, {
        bold: true,
      });
      this.text(cx, lower + 75, this.t('projector.clearedLabel'), 38, { colour: SOFT_INK });
    }

    // The shared climb, under the card.
    const climbed = this.text(cx, y + height + 75, this.t('projector.climbed', { climbed: view.climbed }), 52, {
      bold: true,
    });
    fitWidth(climbed, width);
    const motto = this.text(cx, y + height + 150, this.t('projector.motto'), 32, {
      colour: SOFT_INK,
      wrapWidth: width,
    });
    fitWidth(motto, width + 40);
  }
}
