/**
 * The projector stage (1920×1080, read from the back of a classroom). While children sort it shows
 * only how many have answered and the tangled monster untangling — never a jar that grows when one
 * child taps, which would tell the room what that child chose (the view carries no jar counts until
 * the teacher reveals). On reveal the jars fill with balls and show big counts; in the spotlight one
 * jar is enlarged with the picture reasons the class gave. Nothing here is per child.
 */
import type { PublicCount } from '@heartlamp/shared';
import * as Phaser from 'phaser';
import type { StageBridge } from '../../client-contract.js';
import { EMOTIONS, type Emotion, type JarEmotion, REASONS } from '../logic/model.js';
import type { ProjectorView, PublicJar } from '../logic/views.js';
import {
  addText,
  drawBall,
  drawJarBack,
  drawJarFront,
  drawLoveCard,
  fitWidth,
  jarInside,
  loveCardInside,
  MonsterArt,
  type TextLook,
} from './art.js';
import { type Circle, JAR_ASPECT, packBalls, type Rect } from './layout.js';
import { emotionColour, INK, PAPER, REASON_EMOJI, SOFT_INK, shade, wallClock } from './theme.js';

export const PROJECTOR_WIDTH = 1920;
export const PROJECTOR_HEIGHT = 1080;

type Graphics = Phaser.GameObjects.Graphics;

interface JarSlot {
  emotion: Emotion;
  body: Rect;
  balls: Circle[];
}

/** How long one ball takes to fall into its jar on reveal, and the delay between balls. */
const DROP_MS = 520;
const STAGGER_MS = 70;

function easeOutBack(t: number): number {
  const c = 1.4;
  const u = t - 1;
  return 1 + (c + 1) * u * u * u + c * u * u;
}

export class ProjectorScene extends Phaser.Scene {
  private readonly bridge: StageBridge<ProjectorView, never>;
  private view: ProjectorView;
  private unsubscribe: (() => void) | null = null;
  private readonly monster = new MonsterArt();
  private monsterGraphics: Graphics | null = null;
  private jarGraphics: Graphics | null = null;
  private staticGraphics: Graphics | null = null;
  private texts: Phaser.GameObjects.GameObject[] = [];
  private monsterSpot: Circle | null = null;
  private slots: JarSlot[] = [];
  /** Shown sortedness of the monster, easing towards the class's progress. */
  private sortedness = 0;
  private revealStartedAt: number | null = null;
  private revealDone = true;
  private lastFrameAt = wallClock();

  constructor(bridge: StageBridge<ProjectorView, never>) {
    super({ key: 'emotion-monster-projector' });
    this.bridge = bridge;
    this.view = bridge.view;
  }

  create(): void {
    this.cameras.main.setBackgroundColor(PAPER);
    this.staticGraphics = this.add.graphics();
    this.jarGraphics = this.add.graphics();
    this.monsterGraphics = this.add.graphics();
    this.sortedness = this.targetSortedness(this.view);
    this.render(null);
    this.unsubscribe = this.bridge.onView((view) => {
      const previous = this.view;
      this.view = view;
      this.render(previous);
    });
    const stop = (): void => {
      this.unsubscribe?.();
      this.unsubscribe = null;
    };
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, stop);
    this.events.once(Phaser.Scenes.Events.DESTROY, stop);
  }

  override update(): void {
    const now = wallClock();
    const elapsed = Math.min(250, now - this.lastFrameAt);
    this.lastFrameAt = now;
    const target = this.targetSortedness(this.view);
    this.sortedness += (target - this.sortedness) * Math.min(1, elapsed / 700);
    if (this.monsterGraphics && this.monsterSpot) {
      this.monsterGraphics.clear();
      const { x, y, radius } = this.monsterSpot;
      this.monster.draw(this.monsterGraphics, x, y, radius, this.sortedness, now);
    }
    if (!this.revealDone) this.drawJars(now);
  }

  private targetSortedness(view: ProjectorView): number {
    if (view.phase !== 'sort') return 1;
    return view.present > 0 ? Math.min(1, view.answered / view.present) : 0;
  }

  private t(key: string, vars?: Record<string, string | number>): string {
    return this.bridge.t(key, vars);
  }

  private clear(): void {
    for (const text of this.texts) text.destroy();
    this.texts = [];
    this.staticGraphics?.clear();
    this.jarGraphics?.clear();
    this.monsterGraphics?.clear();
    this.slots = [];
    this.monsterSpot = null;
  }

  private text(x: number, y: number, value: string, size: number, look: TextLook = {}): Phaser.GameObjects.Text {
    const text = addText(this, x, y, value, size, look);
    this.texts.push(text);
    return text;
  }

  private render(previous: ProjectorView | null): void {
    if (!this.staticGraphics) return;
    const view = this.view;
    this.clear();
    this.text(72, 72, this.t('title'), 60, { bold: true, originX: 0 });
    this.drawPhasePill(view);

    const entering = previous === null || previous.phase === 'sort';
    if (view.phase !== 'sort' && entering) {
      this.revealStartedAt = wallClock();
      this.revealDone = false;
    }
    if (view.phase === 'sort') {
      this.revealStartedAt = null;
      this.revealDone = true;
      this.renderSort(view);
    } else if (view.phase === 'spotlight' && view.spotlight) {
      this.renderSpotlight(view, view.spotlight.emotion);
    } else {
      this.renderReveal(view);
    }
    this.drawJars(wallClock());
  }

  private drawPhasePill(view: ProjectorView): void {
    const g = this.staticGraphics;
    if (!g) return;
    const label = this.text(PROJECTOR_WIDTH - 80, 72, this.t(`phase.${view.phase}`), 44, {
      bold: true,
      originX: 1,
      colour: 0xffffff,
    });
    const w = label.width + 56;
    const h = 76;
    g.fillStyle(view.phase === 'sort' ? 0x5b8def : 0xe0883b, 1);
    g.fillRoundedRect(PROJECTOR_WIDTH - 80 - w + 28, 72 - h / 2, w, h, h / 2);
  }

  /** Sorting: progress and the monster; jars are shown empty so children know where to put balls. */
  private renderSort(view: ProjectorView): void {
    this.monsterSpot = { x: 540, y: 455, radius: 265 };
    if (view.present === 0) {
      this.text(1340, 420, this.t('projector.waiting'), 64, { colour: SOFT_INK });
    } else {
      this.text(1340, 360, this.t('projector.answered', { answered: view.answered, present: view.present }), 200, {
        bold: true,
      });
      this.text(1340, 530, this.t('projector.answeredLabel'), 56, { colour: SOFT_INK });
    }
    this.text(1340, 660, this.t('projector.sortHint'), 48, { colour: SOFT_INK, wrapWidth: 900 });
    this.layoutRow(EMOTIONS, 210, 780, 250, 160, null, 48);
  }

  private renderReveal(view: ProjectorView): void {
    this.layoutRow(EMOTIONS, 90, 290, 290, 215, view.jars, 56);
    this.monsterSpot = { x: 190, y: 915, radius: 105 };
    this.text(960, 880, this.t('projector.naming'), 52, { colour: SOFT_INK, wrapWidth: 1100 });
    this.text(960, 960, this.t('projector.answered', { answered: view.answered, present: view.present }), 48, {
      colour: SOFT_INK,
    });
    if (view.passes !== null)
      this.text(PROJECTOR_WIDTH - 90, 920, this.t('projector.passes', { count: this.shown(view.passes) }), 52, {
        originX: 1,
      });
  }

  private renderSpotlight(view: ProjectorView, emotion: JarEmotion): void {
    const spotlight = view.spotlight;
    if (!spotlight) return;
    const width = 380;
    const body: Rect = { x: 480 - width / 2, y: 270, width, height: width * JAR_ASPECT };
    const jar = view.jars?.find((j) => j.emotion === emotion);
    this.slots = [{ emotion, body, balls: this.ballsFor(emotion, body, jar) }];
    this.text(480, 185, this.shown(spotlight.count), 140, { bold: true });
    this.text(480, body.y + body.height + 62, this.t(`emotion.${emotion}`), 72, { bold: true });

    const label = this.t(`emotion.${emotion}`);
    this.text(1000, 220, this.t('projector.spotlightQuestion', { emotion: label }), 60, {
      bold: true,
      originX: 0,
      align: 'left',
      wrapWidth: 860,
    });
    const rows: { emoji: string; label: string; count: PublicCount; muted: boolean }[] = [
      ...REASONS.map((r) => ({
        emoji: REASON_EMOJI[r],
        label: this.t(`reason.${r}`),
        count: spotlight.reasons[r],
        muted: false,
      })),
      { emoji: '🤫', label: this.t('reason.none'), count: spotlight.unexplained, muted: true },
    ];
    // "A few" is drawn as a short bar of the size of two, without a number.
    const size = (count: PublicCount) => (count === 'few' ? 2 : count);
    const most = Math.max(1, ...rows.map((r) => size(r.count)));
    const g = this.staticGraphics;
    const colour = emotionColour(emotion);
    rows.forEach((row, i) => {
      const y = 345 + i * 118;
      this.text(1050, y, row.emoji, 80);
      const barX = 1440;
      const label = this.text(1120, y, row.label, 52, { originX: 0, colour: row.muted ? SOFT_INK : INK });
      // Long English labels ("Something else") shrink rather than run into the bar.
      fitWidth(label, barX - 1120 - 24);
      // "A few" keeps a short bar, so its words fit beside it on the 1920 px stage.
      const barW = row.count === 0 ? 0 : row.count === 'few' ? 96 : Math.max(24, (300 * size(row.count)) / most);
      if (g && barW > 0) {
        g.fillStyle(row.muted ? 0xc9c3b4 : colour, 1).fillRoundedRect(barX, y - 26, barW, 52, 20);
        g.lineStyle(3, shade(row.muted ? 0xc9c3b4 : colour, -0.35), 1).strokeRoundedRect(barX, y - 26, barW, 52, 20);
      }
      this.text(barX + barW + 24, y, this.shown(row.count), row.count === 'few' ? 48 : 72, {
        bold: true,
        originX: 0,
        colour: row.muted ? SOFT_INK : INK,
      });
    });
    this.monsterSpot = { x: 150, y: 960, radius: 80 };
  }

  /** A row of jars (and the love card) with labels, optionally with counts and balls. */
  private layoutRow(
    emotions: readonly Emotion[],
    startX: number,
    top: number,
    slotWidth: number,
    jarWidth: number,
    jars: PublicJar[] | null,
    labelSize: number,
  ): void {
    const jarHeight = jarWidth * JAR_ASPECT;
    this.slots = emotions.map((emotion, i) => {
      const cx = startX + slotWidth * i + slotWidth / 2;
      const body: Rect = { x: cx - jarWidth / 2, y: top, width: jarWidth, height: jarHeight };
      const jar = jars?.find((j) => j.emotion === emotion);
      const label = this.text(cx, top + jarHeight + labelSize * 0.9, this.t(`emotion.${emotion}`), labelSize, {
        bold: true,
      });
      fitWidth(label, slotWidth - 16);
      if (jars) {
        const count = jar?.count ?? 0;
        this.text(cx, top - 70, this.shown(count), count === 'few' ? 56 : 104, { bold: true });
      }
      return { emotion, body, balls: jars ? this.ballsFor(emotion, body, jar) : [] };
    });
  }

  /** A count as the class may see it: the number, or "a few" for one or two. */
  private shown(count: PublicCount): string {
    return count === 'few' ? this.t('projector.few') : String(count);
  }

  private ballsFor(emotion: Emotion, body: Rect, jar: PublicJar | undefined): Circle[] {
    // A jar of one or two shows "a few" and no balls: counting balls would give the number away.
    if (!jar || jar.count === 0 || jar.count === 'few') return [];
    const inside = emotion === 'love' ? loveCardInside(body) : jarInside(body);
    return packBalls(jar.sizes, inside, body.width * 0.17);
  }

  private drawJars(now: number): void {
    const g = this.jarGraphics;
    if (!g) return;
    g.clear();
    const spotlit = this.view.spotlight?.emotion ?? null;
    const elapsed = this.revealStartedAt === null ? Number.POSITIVE_INFINITY : now - this.revealStartedAt;
    let settled = true;
    this.slots.forEach((slot, jarIndex) => {
      const glow = slot.emotion === spotlit;
      if (slot.emotion === 'love') drawLoveCard(g, slot.body, { glow });
      else drawJarBack(g, slot.emotion, slot.body, { glow });
      slot.balls.forEach((ball, i) => {
        const t = (elapsed - jarIndex * 90 - i * STAGGER_MS) / DROP_MS;
        if (t < 1) settled = false;
        if (t <= 0) return;
        const p = Math.min(1, t);
        const fall = (1 - easeOutBack(p)) * (ball.y - slot.body.y + ball.radius * 2);
        drawBall(g, ball.x, ball.y - fall, ball.radius, slot.emotion);
      });
      if (slot.emotion !== 'love') drawJarFront(g, slot.emotion, slot.body);
    });
    this.revealDone = settled;
  }
}
